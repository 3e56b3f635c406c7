"""Runs Neo4j's bulk importer (`neo4j-admin database import full`) on the local Neo4j's store.

The server must be stopped. The importer replaces the default database's store with the one it
builds from the CSV files; a failed import leaves no store behind, so that the server starts on
an empty database again (the bulk load only ever imports into an empty one).
"""

from __future__ import annotations

import re
import shutil

from graph.local_neo4j import LocalNeo4j
from loaders.bulk.csv_files import ARRAY_DELIMITER_OPTION, ImportFiles

DATABASE = "neo4j"
IMPORTER_MEMORY = "1g"  # off-heap memory for the importer's caches; ample for millions of nodes
_IMPORTED = re.compile(r"^\s*(\d+) (nodes|relationships|properties)\s*$", re.MULTILINE)


def import_arguments(files: ImportFiles, report_file: str) -> list[str]:
    arguments = [
        "database", "import", "full", DATABASE,
        "--overwrite-destination=true",
        f"--array-delimiter={ARRAY_DELIMITER_OPTION}",
        f"--max-off-heap-memory={IMPORTER_MEMORY}",
        f"--report-file={report_file}",
    ]  # fmt: skip
    if files.multiline:
        arguments += [
            "--multiline-fields-format=v2",
            "--multiline-fields=" + ",".join(str(path) for path in files.multiline),
        ]
    arguments += [f"--nodes={labels}={path}" for labels, path in files.nodes]
    arguments += [f"--relationships={rel_type}={path}" for rel_type, path in files.relationships]
    return arguments


def run_import(server: LocalNeo4j, files: ImportFiles, report_file: str) -> dict[str, int]:
    """Imports the files; returns the importer's own counts (nodes, relationships, properties)."""
    try:
        output = server.run_admin(import_arguments(files, report_file))
    except Exception:
        for folder in server.store_dirs:
            shutil.rmtree(folder, ignore_errors=True)
        raise
    return {kind: int(count) for count, kind in _IMPORTED.findall(output)}

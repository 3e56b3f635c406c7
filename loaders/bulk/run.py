"""`bulk_load`: a first load into an empty local Neo4j through Neo4j's bulk importer.

    report = await bulk_load(settings, [Path("data")])

The files are read, their persons merged, and validated as `loaders.load` does (nothing is written
when anything is wrong), planned by the writer's planner in the writer's order and folded into the
graph the writer would leave (`fold`), written as CSV files (`csv_files`), and imported with the
server stopped (`importer`). The server then starts again on the new store, the empty lists the
importer cannot store are set (`empty_lists`), the schema is built over the imported graph
(`schema`), and the counts are checked. Python's cyclic garbage collector is paused while the graph
is folded and written: the records and the folded graph are millions of objects that live to the
end, which every full collection would walk again (a third of the planning time). The ledger
(`Source` nodes, evidence `sources`, who states each entity and relation) is imported with the
graph, so a later ordinary load of the same files changes nothing and a changed file is loaded
incrementally.
"""

from __future__ import annotations

import gc
import os
import resource
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from graph.db import Database, open_database, wait_until_reachable
from graph.errors import CivicGraphError
from graph.local_neo4j import LocalNeo4j
from graph.model import SourceRecords
from graph.schema import apply_schema
from graph.settings import Settings
from loaders.bulk.csv_files import write_import_files
from loaders.bulk.empty_lists import restore as restore_empty_lists
from loaders.bulk.fold import GraphImage, fold
from loaders.bulk.importer import run_import
from loaders.bulk.schema import build_schema
from loaders.issues import LoadRejected
from loaders.load import LoadReport
from loaders.person_merge import merge_people
from loaders.readers import read_context, read_paths
from loaders.reading import ReadContext
from loaders.validation import check_sources
from loaders.writer import LoadSummary
from loaders.writer.order import write_order


class BulkLoadRefused(CivicGraphError):
    """The bulk load cannot run here: another server, or a database that is not empty."""

    status = 409


@dataclass
class BulkReport(LoadReport):
    """A load report with the seconds of each phase of the bulk load after validation."""

    phases: dict[str, float] = field(default_factory=dict)
    # CPU seconds of each phase: this process's, the importer's, or the server's (as the
    # phase's work runs), which a busy machine stretches less than the phases' seconds
    cpu_seconds: dict[str, float] = field(default_factory=dict)


async def bulk_load(
    settings: Settings,
    paths: Sequence[Path],
    *,
    format_name: str | None = None,
    context: ReadContext | None = None,
    server: LocalNeo4j | None = None,
) -> BulkReport:
    if settings.neo4j_uri is not None:
        raise BulkLoadRefused(
            f"--bulk writes the database's files, so it needs the project's own local Neo4j; "
            f"NEO4J_URI names another server ({settings.neo4j_uri}): load without --bulk"
        )
    server = server or LocalNeo4j(settings)
    was_running = server.status().running
    status = server.start(detached=was_running)
    report, sources = await _read_and_check(settings, status.uri, paths, format_name, context)
    with _collector_paused():
        with _phase(report, "plan"):
            image = fold(write_order(sources), datetime.now(UTC))
        del sources  # the folded graph holds what is written from here
        with tempfile.TemporaryDirectory(prefix="bulk-", dir=server.home) as folder:
            with _phase(report, "csv"):
                files = write_import_files(image, Path(folder) / "csv")
            began = time.monotonic()
            server.stop()
            children = _children_cpu()  # after the server that ran before is reaped
            try:
                imported = run_import(server, files, str(Path(folder) / "import.report"))
            finally:
                report.phases["import"] = time.monotonic() - began
                report.cpu_seconds["import"] = _children_cpu() - children
                began = time.monotonic()
                status = server.start(detached=was_running)
                report.phases["restart"] = time.monotonic() - began
                report.cpu_seconds["restart"] = _process_cpu(status.pid)
    _check_imported(image, imported)
    db = open_database(settings, status.uri)
    try:
        await wait_until_reachable(db)
        with _phase(report, "empty lists", status.pid):
            await restore_empty_lists(db, files)
        with _phase(report, "schema", status.pid):
            await build_schema(db)  # the constraints and indexes, filled from the imported store
    finally:
        await db.close()
    report.summary = summarise(image)
    report.summary.seconds = report.check_seconds + sum(report.phases.values())
    return report


async def _read_and_check(
    settings: Settings,
    uri: str,
    paths: Sequence[Path],
    format_name: str | None,
    context: ReadContext | None,
) -> tuple[BulkReport, list[SourceRecords]]:
    """Reads, merges persons and validates (raising `LoadRejected`)."""
    db = open_database(settings, uri)
    try:
        await wait_until_reachable(db)
        await apply_schema(db)
        await _refuse_unless_empty(db)
        began = time.monotonic()
        ctx = context if context is not None else read_context(settings)
        result, rejected = read_paths(paths, ctx, format_name)
        people = await merge_people(db, result.sources, ctx.gazetteer.overrides)
        sources, issues = people.sources, [*result.issues, *people.notes]
        read_seconds = time.monotonic() - began
        began = time.monotonic()
        rejected += await check_sources(db, sources)
        check_seconds = time.monotonic() - began
        if rejected:
            raise LoadRejected([*rejected, *issues])
    finally:
        await db.close()
    report = BulkReport(len(sources), issues, None, read_seconds, check_seconds, people.merges)
    return report, sources


@contextmanager
def _collector_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def _phase(report: BulkReport, name: str, server_pid: int | None = None) -> Iterator[None]:
    """Times a phase: seconds, and CPU seconds of this process and of the server."""
    began, cpu, server_cpu = time.monotonic(), time.process_time(), _process_cpu(server_pid)
    try:
        yield
    finally:
        report.phases[name] = time.monotonic() - began
        report.cpu_seconds[name] = time.process_time() - cpu + _process_cpu(server_pid) - server_cpu


def _children_cpu() -> float:
    """CPU seconds of the ended child processes (neo4j-admin), user and system."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _process_cpu(pid: int | None) -> float:
    """CPU seconds a running process (the server) has used so far, 0 when unknown."""
    if pid is None:
        return 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _refuse_unless_empty(db: Database) -> None:
    records, _, _ = await db.read("MATCH (n) WHERE NOT n:SchemaVersion RETURN count(n) AS nodes")
    nodes = records[0]["nodes"]
    if nodes:
        raise BulkLoadRefused(
            f"--bulk loads only into an empty database, and this one holds {nodes:,} nodes: "
            "load without --bulk (the writer loads incrementally), or start from an empty store"
        )


def _check_imported(image: GraphImage, imported: dict[str, int]) -> None:
    expected = {"nodes": len(image.nodes), "relationships": len(image.relationships)}
    got = {kind: imported.get(kind) for kind in expected}
    if got != expected:
        raise CivicGraphError(f"the importer wrote {got}, not the {expected} planned")


def summarise(image: GraphImage) -> LoadSummary:
    """What was created, per label and type, counted as the writer counts (no Source nodes)."""
    summary = LoadSummary(sources=image.sources)
    for (space, _), node in image.nodes.items():
        if space == "Source":
            continue
        labels = node.labels[1:] if space == "Entity" else node.labels
        for label in labels:
            summary.node(label).created += 1
    for rel in image.relationships.values():
        summary.relationship(rel.type).created += 1
    return summary

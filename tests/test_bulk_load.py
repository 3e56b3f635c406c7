"""`civicgraph load --bulk`: Neo4j's bulk importer leaves the graph the writer leaves, with the
writer's ledger, so that later ordinary loads of the same files change nothing and a changed file
is loaded incrementally, as on a graph the writer wrote.

The bulk load stops and starts its server, so it gets a local Neo4j of its own; the writer's
graph is the tests' usual database.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bench.generate import generate
from graph.db import Database, open_database, wait_until_reachable
from graph.local_neo4j import LocalNeo4j
from graph.settings import Settings
from loaders.bulk import BulkLoadRefused, bulk_load
from loaders.load import load
from loaders.person_merge import PersonMerge
from tests.conftest import clear_graph
from tests.graph_snapshot import graph_snapshot
from tests.test_graph_snapshot import SAMPLES
from tests.test_person_merge import COUNCILLORS, JANE_MG, JANE_POPOLO, POPOLO

ROOT = Path(__file__).resolve().parent.parent
GENERATED_BODIES = 3
SNAPSHOT_TIMEOUT_S = 300  # reads of the whole graph, on a machine that may be busy


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def bulk_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(
        CIVICGRAPH_STATE_DIR=tmp_path_factory.mktemp("bulk-state"),
        CIVICGRAPH_QUERY_TIMEOUT_S=SNAPSHOT_TIMEOUT_S,
    )


@pytest.fixture(scope="module")
def bulk_server(bulk_settings: Settings) -> Iterator[LocalNeo4j]:
    server = LocalNeo4j(bulk_settings, port=_free_port())
    try:
        yield server
    finally:
        server.stop()


def _drop_last_relation_and_rename(path: Path) -> None:
    data: dict[str, Any] = json.loads(path.read_text())
    data["relations"].pop()
    data["entities"][1]["name"] += " (renamed)"
    path.write_text(json.dumps(data))


def _counts(summary: Any) -> dict[str, tuple[int, int, int]]:
    groups = {**summary.nodes, **summary.relationships}
    return {name: (c.created, c.updated, c.deleted) for name, c in sorted(groups.items())}


async def test_the_bulk_graph_is_the_writers_and_later_loads_are_incremental(
    db: Database,
    bulk_settings: Settings,
    bulk_server: LocalNeo4j,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    generated = tmp_path / "generated"
    generate(generated, GENERATED_BODIES)
    paths = [ROOT / "data", generated, *([SAMPLES] if SAMPLES.is_dir() else [])]
    monkeypatch.setattr(db, "timeout_s", SNAPSHOT_TIMEOUT_S)

    written = await load(db, paths)
    expected = await graph_snapshot(db, {})

    report = await bulk_load(bulk_settings, paths, server=bulk_server)
    assert report.summary is not None
    assert report.sources == written.sources
    bulk_db = open_database(bulk_settings, bulk_server.uri)
    try:
        await wait_until_reachable(bulk_db)
        assert await graph_snapshot(bulk_db, {}) == expected

        # The ledger came with the graph: the same files again change nothing.
        again = await load(bulk_db, paths)
        assert again.summary is not None
        assert not again.summary.changed, _counts(again.summary)

        # A changed file is loaded incrementally, as into the writer's graph.
        _drop_last_relation_and_rename(generated / "body_00001.json")
        on_writer = await load(db, [generated])
        on_bulk = await load(bulk_db, [generated])
        assert on_writer.summary is not None and on_bulk.summary is not None
        assert _counts(on_bulk.summary) == _counts(on_writer.summary)
        assert on_bulk.summary.changed
        assert await graph_snapshot(bulk_db, {}) == await graph_snapshot(db, {})

        with pytest.raises(BulkLoadRefused, match="only into an empty database"):
            await bulk_load(bulk_settings, paths, server=bulk_server)
    finally:
        await bulk_db.close()


async def test_the_bulk_load_merges_persons_as_the_writer_does(
    db: Database, bulk_settings: Settings, bulk_server: LocalNeo4j
) -> None:
    paths = [ROOT / "data" / "vocabulary", COUNCILLORS, POPOLO]
    written = await load(db, paths)
    assert written.person_merges == [PersonMerge(JANE_POPOLO, JANE_MG)]
    if bulk_server.status().running:  # the store an earlier test imported
        bulk_db = open_database(bulk_settings, bulk_server.uri)
        try:
            await clear_graph(bulk_db)
        finally:
            await bulk_db.close()
    report = await bulk_load(bulk_settings, paths, server=bulk_server)
    assert report.person_merges == written.person_merges
    bulk_db = open_database(bulk_settings, bulk_server.uri)
    try:
        await wait_until_reachable(bulk_db)
        assert await graph_snapshot(bulk_db, {}) == await graph_snapshot(db, {})
    finally:
        await bulk_db.close()


async def test_a_server_named_by_neo4j_uri_is_refused(tmp_path: Path) -> None:
    settings = Settings(
        CIVICGRAPH_STATE_DIR=tmp_path / "state", NEO4J_URI="bolt://graph.example.org:7687"
    )
    with pytest.raises(BulkLoadRefused, match="NEO4J_URI"):
        await bulk_load(settings, [ROOT / "data"])
    assert not (tmp_path / "state").exists()

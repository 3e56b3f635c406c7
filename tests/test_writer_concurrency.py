"""Several source transactions in flight: a source waits for the earlier sources it shares
anything with, and the graph ends exactly as a one-by-one load would leave it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bench.generate import generate
from graph.db import Database, open_database
from graph.model import Document, Entity, EntityType, Evidence, Origin, Relation, SourceRecords
from graph.settings import Settings, get_settings
from loaders.readers import read_context, read_paths
from loaders.writer import item_count, write_sources
from loaders.writer.order import Schedule, lend, write_order
from loaders.writer.plan import plan_source
from tests.conftest import clear_graph

ROOT = Path(__file__).resolve().parent.parent
STATED = [Evidence(paragraph="1", quote="stated")]
# What a load stamps with the time it ran; everything else must be equal.
TIMESTAMPS = frozenset({"firstSeen", "lastSeen", "loadedAt"})


def _entity(entity_id: str, entity_type: EntityType) -> Entity:
    return Entity(id=entity_id, type=entity_type, name=entity_id, evidence=STATED)


def _relation(rel_type: str, source: str, target: str) -> Relation:
    return Relation.model_validate(
        {"type": rel_type, "from": source, "to": target, "evidence": STATED}
    )


def _source(name: str, entities: list[Entity], relations: list[Relation]) -> SourceRecords:
    return SourceRecords(
        origin=Origin.CURATED, source_file=f"{name}.yaml",
        document=Document(id=f"document:{name}", title=name),
        entities=entities, relations=relations,
    )  # fmt: skip


def _waits(sources: list[SourceRecords]) -> dict[str, set[str]]:
    plans = []
    for source, borrowed in write_order(sources):
        plan = plan_source(source)
        lend(plan, borrowed)
        plans.append(plan)
    schedule = Schedule()
    names = [plan.source_file for plan in plans]
    waits = [schedule.admit(plan)[1] for plan in plans]
    return {names[i]: {names[j] for j in earlier} for i, earlier in enumerate(waits)}


def test_sources_sharing_nothing_but_what_an_earlier_source_wrote_run_side_by_side() -> None:
    vocabulary = _source("vocabulary", [_entity("service:libraries", EntityType.SERVICE)], [])
    bodies = [
        _source(
            name,
            [
                _entity(f"body:{name}", EntityType.BODY),
                _entity(f"portfolio:{name}", EntityType.PORTFOLIO),
            ],
            [
                _relation("BELONGS_TO", f"portfolio:{name}", f"body:{name}"),
                _relation("COVERS", f"portfolio:{name}", "service:libraries"),
            ],
        )
        for name in ("north", "south")
    ]
    # A later source stating a fact of north again must see north's load first.
    restated = _source(
        "restated", [_entity("portfolio:north", EntityType.PORTFOLIO)],
        [_relation("BELONGS_TO", "portfolio:north", "body:north")],
    )  # fmt: skip

    waits = _waits([*bodies, restated, vocabulary])

    assert waits["vocabulary.yaml"] == set()
    assert waits["north.yaml"] == {"vocabulary.yaml"}
    assert waits["south.yaml"] == {"vocabulary.yaml"}
    assert waits["restated.yaml"] == {"north.yaml"}


async def _fingerprint(db: Database) -> tuple[list[Any], list[Any]]:
    nodes, _, _ = await db.read(
        "MATCH (n) WHERE NOT n:SchemaVersion RETURN labels(n) AS labels, properties(n) AS props"
    )
    relationships, _, _ = await db.read(
        "MATCH (a)-[r]->(b) RETURN type(r) AS type, properties(a) AS a, properties(b) AS b, "
        "properties(r) AS props"
    )

    def stable(props: dict[str, Any]) -> str:
        return repr(sorted((k, v) for k, v in props.items() if k not in TIMESTAMPS))

    node_rows = sorted((sorted(row["labels"]), stable(row["props"])) for row in nodes)
    relationship_rows = sorted(
        (row["type"], stable(row["a"]), stable(row["b"]), stable(row["props"]))
        for row in relationships
    )
    return node_rows, relationship_rows


async def test_two_writers_leave_the_graph_one_writer_leaves(db: Database, tmp_path: Path) -> None:
    # The knowledge base and its documents, and generated bodies whose portfolios all cover
    # services of one shared vocabulary (the case where transactions contend for nodes).
    generate(tmp_path, 12)
    read, issues = read_paths([ROOT / "data", tmp_path], read_context(get_settings()))
    assert issues == []
    sources = read.sources

    one = await write_sources(db, sources, writers=1)
    alone = await _fingerprint(db)
    await clear_graph(db)
    two = await write_sources(db, sources, writers=2)
    side_by_side = await _fingerprint(db)

    assert len(alone[0]) > 5000 and len(alone[1]) > 5000
    assert side_by_side == alone
    assert two.nodes == one.nodes and two.relationships == one.relationships
    again = await write_sources(db, sources, writers=2)
    assert not again.changed
    assert await _fingerprint(db) == alone


def test_the_progress_total_is_what_the_writer_reports(tmp_path: Path) -> None:
    generate(tmp_path, 3)
    sources = read_paths([ROOT / "data", tmp_path], read_context(get_settings()))[0].sources

    planned = sum(plan_source(source).item_count for source in sources)

    assert sum(map(item_count, sources)) == planned > 9_000


async def test_a_writer_failing_surfaces_its_own_error(
    db: Database, neo4j_uri: str, test_settings: Settings
) -> None:
    sources = [
        _source(name, [_entity(f"body:{name}", EntityType.BODY)], []) for name in ("east", "west")
    ]
    closed = open_database(test_settings, neo4j_uri)
    await closed.close()

    with pytest.raises(Exception) as raised:
        await write_sources(closed, sources, writers=2)

    assert not isinstance(raised.value, BaseExceptionGroup)
    records, _, _ = await db.read("MATCH (b:Body) RETURN count(b) AS n")
    assert records[0]["n"] == 0

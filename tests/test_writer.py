"""The one writer: idempotent loads, evidence on every fact, reloads that update and retract,
curated facts that extracted ones never overwrite, symmetric relations stored once."""

from __future__ import annotations

import shutil
from pathlib import Path

from graph.db import Database
from graph.model import (
    Document,
    Entity,
    EntityType,
    Evidence,
    Origin,
    Relation,
    RelationType,
    SourceRecords,
)
from graph.settings import get_settings
from loaders.load import load as load_files
from loaders.readers import read_context, read_paths
from loaders.writer import LoadSummary, write_sources

FIXTURES = Path(__file__).parent / "fixtures" / "curated"


async def graph_counts(db: Database) -> tuple[int, int]:
    records, _, _ = await db.read(
        "CALL () { MATCH (n) WHERE NOT n:SchemaVersion RETURN count(n) AS nodes } "
        "CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } "
        "RETURN nodes, relationships"
    )
    return records[0]["nodes"], records[0]["relationships"]


async def load(db: Database, *paths: Path) -> LoadSummary:
    summary = (await load_files(db, list(paths))).summary
    assert summary is not None
    return summary


async def test_loading_twice_leaves_the_counts_equal(db: Database) -> None:
    first = await load(db, FIXTURES / "valid")
    counts = await graph_counts(db)
    second = await load(db, FIXTURES / "valid")

    assert await graph_counts(db) == counts
    assert counts[0] > 20 and counts[1] > 20
    assert first.node("Body").created == 1
    assert second.node("Body").unchanged == 1 and second.node("Body").created == 0
    assert not second.changed
    assert (
        second.node_count + second.relationship_count == first.node_count + first.relationship_count
    )


async def test_every_fact_has_evidence_from_a_document(db: Database) -> None:
    await load(db, FIXTURES / "valid")
    entities_without, _, _ = await db.read(
        "MATCH (e:Entity) WHERE NOT EXISTS { MATCH (ev:Evidence {factId: e.id})"
        "-[:FROM_DOCUMENT]->(:Document) } RETURN e.id AS id"
    )
    relations_without, _, _ = await db.read(
        "MATCH (:Entity)-[r]->(:Entity) WHERE NOT EXISTS { MATCH (ev:Evidence {factId: r.id})"
        "-[:FROM_DOCUMENT]->(:Document) } RETURN r.id AS id, type(r) AS type"
    )
    evidence_without_fact, _, _ = await db.read(
        "MATCH (ev:Evidence) WHERE NOT EXISTS { MATCH (e:Entity {id: ev.factId}) } "
        "AND NOT EXISTS { MATCH (:Entity)-[r]->(:Entity) WHERE r.id = ev.factId } "
        "RETURN ev.id AS id"
    )
    facts, _, _ = await db.read(
        "MATCH (e:Entity) WITH count(e) AS entities "
        "MATCH (:Entity)-[r]->(:Entity) RETURN entities, count(r) AS relations"
    )

    assert facts[0]["entities"] == 9 and facts[0]["relations"] == 12
    assert [r["id"] for r in entities_without] == []
    assert [r.data() for r in relations_without] == []
    assert [r["id"] for r in evidence_without_fact] == []


async def test_entities_carry_labels_aliases_and_origin(db: Database) -> None:
    await load(db, FIXTURES / "valid")
    records, _, _ = await db.read(
        "MATCH (s:Entity:Service {id: 'service:arts-and-culture'}) "
        "RETURN labels(s) AS labels, s.aliasText AS aliasText, s.origin AS origin"
    )
    assert set(records[0]["labels"]) == {"Entity", "Service"}
    assert records[0]["aliasText"] == "Culture | arts and cultural activity | Arts and Culture"
    assert records[0]["origin"] == "curated"


async def test_symmetric_relations_are_stored_once_in_canonical_direction(db: Database) -> None:
    await load(db, FIXTURES / "valid")
    records, _, _ = await db.read("MATCH (a)-[r:CLOSELY_RELATED]->(b) RETURN a.id AS a, b.id AS b")
    # The file states leisure -> communities; the graph keeps the smaller id first.
    assert [(r["a"], r["b"]) for r in records] == [
        ("portfolio:testshire-communities", "portfolio:testshire-leisure")
    ]


async def test_reload_of_a_changed_file_updates_and_keeps_history(
    db: Database, tmp_path: Path
) -> None:
    target = tmp_path / "testshire.yaml"
    shutil.copy(FIXTURES / "valid" / "00_vocabulary.yaml", tmp_path / "00_vocabulary.yaml")
    shutil.copy(FIXTURES / "valid" / "10_testshire.yaml", target)
    await load(db, tmp_path)
    shutil.copy(FIXTURES / "changed" / "10_testshire.yaml", target)
    summary = await load(db, tmp_path)

    tenures, _, _ = await db.read(
        "MATCH (p:Person)-[h:HOLDS]->(:Post {id: 'post:testshire-communities-member'}) "
        "RETURN p.id AS person, h.validFrom AS start, h.validTo AS end, h.status AS status "
        "ORDER BY start"
    )
    assert [(r["person"], str(r["start"]), str(r["end"]), r["status"]) for r in tenures] == [
        ("person:alex-example", "2014-05-01", "2016-05-05", "ended"),
        ("person:sam-sample", "2016-05-06", "None", "current"),
    ]
    renamed, _, _ = await db.read(
        "MATCH (p:Portfolio {id: 'portfolio:testshire-leisure'}) RETURN p.name AS name"
    )
    assert renamed[0]["name"] == "Leisure and Tourism"
    # The changed file no longer states the open question about arts, nor its options.
    gone, _, _ = await db.read(
        "OPTIONAL MATCH (q:OpenQuestion) WITH count(q) AS questions "
        "OPTIONAL MATCH ()-[r:COULD_SIT_IN]->() WITH questions, count(r) AS options "
        "OPTIONAL MATCH (ev:Evidence) WHERE ev.quote = 'arts could sit in either portfolio' "
        "RETURN questions, options, count(ev) AS evidence"
    )
    assert gone[0].data() == {"questions": 0, "options": 0, "evidence": 0}
    assert summary.node("Portfolio").updated == 1
    assert summary.relationship("HOLDS").created == 1
    assert summary.relationship("HOLDS").updated == 1
    assert summary.node("OpenQuestion").deleted == 1
    assert summary.relationship("COULD_SIT_IN").deleted == 2


def _extracted_source(name: str) -> SourceRecords:
    document = Document(id="document:testshire-cabinet-2015", title="Revision (as extracted)")
    evidence = [Evidence(paragraph="3.2", quote=f"the {name} portfolio", confidence=0.7)]
    return SourceRecords(
        origin=Origin.EXTRACTED,
        source_file="seeds/testshire.txt",
        document=document,
        entities=[
            Entity(
                id="portfolio:testshire-leisure",
                type=EntityType.PORTFOLIO,
                name=name,
                evidence=evidence,
            )
        ],
        relations=[
            Relation.model_validate(
                {
                    "type": RelationType.BELONGS_TO,
                    "from": "portfolio:testshire-leisure",
                    "to": "body:testshire",
                    "wording": name,
                    "evidence": evidence,
                }
            )
        ],
    )


async def test_extracted_never_overwrites_curated(db: Database) -> None:
    await load(db, FIXTURES / "valid")
    await write_sources(db, [_extracted_source("Leisur3 (garbled)")])

    records, _, _ = await db.read(
        "MATCH (p:Portfolio {id: 'portfolio:testshire-leisure'})-[r:BELONGS_TO]->(:Body) "
        "MATCH (ev:Evidence {factId: p.id}) "
        "RETURN p.name AS name, p.origin AS origin, r.wording AS wording, r.origin AS relOrigin, "
        "collect(ev.origin) AS origins"
    )
    assert records[0]["name"] == "Leisure"
    assert records[0]["origin"] == "curated"
    assert records[0]["wording"] is None
    assert records[0]["relOrigin"] == "curated"
    assert sorted(records[0]["origins"]) == ["curated", "extracted"]
    document, _, _ = await db.read(
        "MATCH (d:Document {id: 'document:testshire-cabinet-2015'}) RETURN d.title AS title"
    )
    assert document[0]["title"] == "Revision of cabinet portfolios"


async def test_extracted_facts_are_written_and_marked_when_nothing_curated_states_them(
    db: Database,
) -> None:
    await load(db, FIXTURES / "valid" / "00_vocabulary.yaml")
    await write_sources(
        db,
        [
            SourceRecords(
                origin=Origin.EXTRACTED,
                source_file="seeds/other.txt",
                document=Document(id="document:other", title="Other"),
                entities=[
                    Entity(
                        id="body:otherton",
                        type=EntityType.BODY,
                        name="Otherton Council",
                        evidence=[Evidence(paragraph="1", quote="Otherton Council")],
                    )
                ],
            )
        ],
    )
    records, _, _ = await db.read(
        "MATCH (b:Body {id: 'body:otherton'}), (ev:Evidence {factId: b.id}) "
        "RETURN b.origin AS origin, ev.origin AS evidence"
    )
    assert records[0].data() == {"origin": "extracted", "evidence": "extracted"}


async def test_a_source_is_written_after_the_sources_it_points_at(db: Database) -> None:
    ctx = read_context(get_settings())
    council, _ = read_paths([FIXTURES / "valid" / "10_testshire.yaml"], ctx)
    vocabulary, _ = read_paths([FIXTURES / "valid" / "00_vocabulary.yaml"], ctx)
    # The council's file comes first but covers services only the vocabulary defines.
    await write_sources(db, [*council.sources, *vocabulary.sources])

    records, _, _ = await db.read(
        "MATCH (:Portfolio)-[r:COVERS]->(:Service {id: 'service:libraries'}) "
        "RETURN count(r) AS covers"
    )
    assert records[0]["covers"] == 1
    dangling, _, _ = await db.read(
        "MATCH (ev:Evidence) WHERE NOT EXISTS { MATCH (e:Entity {id: ev.factId}) } "
        "AND NOT EXISTS { MATCH ()-[r]->() WHERE r.id = ev.factId } RETURN count(ev) AS n"
    )
    assert dangling[0]["n"] == 0


def _source(name: str, entity: Entity, relation: Relation) -> SourceRecords:
    return SourceRecords(
        origin=Origin.CURATED,
        source_file=f"{name}.yaml",
        document=Document(id=f"document:{name}", title=name),
        entities=[entity],
        relations=[relation],
    )


async def test_sources_that_point_at_each_other_both_land_whole(db: Database) -> None:
    evidence = [Evidence(paragraph="1", quote="stated")]
    body = Entity(id="body:cyclea", type=EntityType.BODY, name="A", evidence=evidence)
    post = Entity(id="post:cycleb", type=EntityType.POST, name="B", evidence=evidence)
    belongs = Relation.model_validate(
        {"type": "BELONGS_TO", "from": post.id, "to": body.id, "evidence": evidence}
    )
    covers = Relation.model_validate(
        {"type": "COVERS_AREA", "from": body.id, "to": "area:nowhere", "evidence": evidence}
    )
    area = Entity(id="area:nowhere", type=EntityType.AREA, name="Nowhere", evidence=evidence)
    first = _source("a", body, belongs)  # needs b's post
    second = SourceRecords(
        origin=Origin.CURATED, source_file="b.yaml", document=Document(id="document:b", title="b"),
        entities=[post, area], relations=[covers],  # needs a's body
    )  # fmt: skip
    summary = await write_sources(db, [first, second])
    again = await write_sources(db, [first, second])

    records, _, _ = await db.read(
        "MATCH (e:Entity) WITH count(e) AS entities "
        "MATCH ()-[r:BELONGS_TO|COVERS_AREA]->() WITH entities, count(r) AS relations "
        "MATCH (ev:Evidence) RETURN entities, relations, count(ev) AS evidence"
    )
    assert records[0].data() == {"entities": 3, "relations": 2, "evidence": 5}
    assert summary.node("Post").created == 1
    assert not again.changed

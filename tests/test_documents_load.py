"""Council documents through the real loader and writer into Neo4j: search, citations, versions."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.db import Database
from loaders.issues import LoadRejected
from loaders.load import load

SEEDS = Path(__file__).resolve().parent.parent / "data" / "documents" / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "documents"
KNOWLEDGE_BASE = [SEEDS.parent.parent / "vocabulary", SEEDS.parent.parent / "seed"]


async def test_seeds_load_and_the_repaired_text_is_searchable(db: Database) -> None:
    await load(db, [*KNOWLEDGE_BASE, *sorted(SEEDS.glob("*.txt"))])
    records, _, _ = await db.read(
        "MATCH (p:Passage)-[:IN_DOCUMENT]->(d:Document) RETURN DISTINCT d.id AS id, d.origin AS o"
    )
    # Each seed text is the source of a curated document, and is read as that document.
    assert len(records) == 5 and {r["o"] for r in records} == {"curated"}
    records, _, _ = await db.read("MATCH (:Passage)-[m:MENTIONS]->(:Service) RETURN count(m) AS n")
    assert records[0]["n"] > 0
    records, _, _ = await db.read(
        "CALL db.index.fulltext.queryNodes('entity_text', $q) YIELD node, score "
        "WHERE node:Passage "
        "MATCH (node)-[:IN_DOCUMENT]->(d:Document) "
        "OPTIONAL MATCH (node)-[:PART_OF_PASSAGE]->(parent:Passage) "
        "RETURN node.number AS number, parent.number AS parent, d.sourceFile AS file, "
        "node.text AS text, node.originalText AS original",
        {"q": "Children's"},
    )
    hits = [r for r in records if r["file"] == "seeds/003_9090ef0f264cf246.txt"]
    assert hits, "the repaired passage is not found"
    hit = next(r for r in hits if r["parent"] == "2.3")
    assert hit["parent"] == "2.3" and hit["number"].startswith("2.3")
    assert "Keeping the Children's and Education" in hit["text"]
    assert "ChildƌeŶ͛s" in hit["original"]


async def test_every_extracted_fact_cites_its_passage_in_the_graph(db: Database) -> None:
    await load(db, [*KNOWLEDGE_BASE, *sorted(SEEDS.glob("*.txt"))])
    records, _, _ = await db.read(
        "MATCH (ev:Evidence {origin: 'extracted'})-[:FROM_DOCUMENT]->(d:Document) "
        "OPTIONAL MATCH (p:Passage)-[:IN_DOCUMENT]->(d) "
        "WHERE p.number = ev.paragraph AND p.text CONTAINS replace(ev.quote, '…', '') "
        "RETURN ev.factId AS fact, count(p) AS passages"
    )
    assert records
    assert [r["fact"] for r in records if r["passages"] == 0] == []


async def test_extracted_facts_add_evidence_but_never_overwrite_curated_ones(
    db: Database,
) -> None:
    await load(db, [*KNOWLEDGE_BASE, *sorted(SEEDS.glob("*.txt"))])
    records, _, _ = await db.read(
        "MATCH (post:Post {id: 'post:cheltenham-borough-council:leader'}) "
        "MATCH (ev:Evidence {factId: post.id}) UNWIND ev.sources AS source "
        "RETURN post.name AS name, post.origin AS origin, "
        "collect(DISTINCT split(source, '|')[0]) AS origins"
    )
    assert records[0]["origin"] == "curated" and records[0]["name"] == "Leader of the Council"
    # The text states it where the curated file cites it: one Evidence, stated by both.
    assert sorted(records[0]["origins"]) == ["curated", "extracted"]
    records, _, _ = await db.read(
        "MATCH (:Person {id: 'person:richard-gibson'})-[h:HOLDS]->(:Post) RETURN h.origin AS origin"
    )
    assert [r["origin"] for r in records] == ["curated"]


async def test_reloading_changes_nothing_and_a_new_version_is_a_new_document(
    db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "moderngov_cabinet_report.txt"
    shutil.copy(FIXTURES / "moderngov_cabinet_report.txt", path)
    await load(db, KNOWLEDGE_BASE)
    first = (await load(db, [path], format_name="document")).summary
    again = (await load(db, [path], format_name="document")).summary
    assert first is not None and first.changed
    assert again is not None and not again.changed
    path.write_text(path.read_text(encoding="utf-8") + "\n3.3 A further paragraph.\n")
    await load(db, [path], format_name="document")
    records, _, _ = await db.read(
        "MATCH (d:Document {sourceFile: $file}) RETURN d.checksum AS checksum",
        {"file": path.name},
    )
    assert len({r["checksum"] for r in records}) == 2
    records, _, _ = await db.read(
        "MATCH (new:Document)-[:NEW_VERSION_OF]->(old:Document) "
        "RETURN new.checksum AS new, old.checksum AS old, "
        "COUNT { (p:Passage)-[:IN_DOCUMENT]->(old) } AS oldPassages"
    )
    assert len(records) == 1 and records[0]["new"] != records[0]["old"]
    assert records[0]["oldPassages"] > 0  # the old version stays citable


@pytest.mark.parametrize(
    "name", ["empty.txt", "binary_image.txt", "wrong_encoding.txt", "scanned_no_text.pdf"]
)
async def test_bad_input_writes_nothing(db: Database, name: str) -> None:
    good = FIXTURES / "senior_posts_report.txt"
    with pytest.raises(LoadRejected) as raised:
        await load(db, [good, FIXTURES / name], format_name="document")
    assert any(name in str(issue) for issue in raised.value.issues)
    records, _, _ = await db.read("MATCH (n) WHERE NOT n:SchemaVersion RETURN count(n) AS n")
    assert records[0]["n"] == 0

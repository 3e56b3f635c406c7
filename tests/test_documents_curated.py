"""A seed text and the curated file that encodes it are one Document: passages and curated
evidence meet on it, and what is extracted from it is scoped to the curated document's body."""

from __future__ import annotations

import shutil
from pathlib import Path

from graph.db import Database
from loaders.curated import looks_curated, read_curated
from loaders.load import load
from loaders.register.records import claims_register

DATA = Path(__file__).resolve().parent.parent / "data"
SEEDS = DATA / "documents" / "seeds"
KNOWLEDGE_BASE = [DATA / "vocabulary", DATA / "seed"]
SEED_003 = "003_9090ef0f264cf246.txt"


def curated_source_files() -> set[str]:
    files = (p for p in DATA.rglob("*") if p.is_file() and looks_curated(p))
    return {
        Path(source.document.source_file).name
        for path in files
        for source in read_curated(path).sources
        if source.document.source_file
    }


async def test_curated_evidence_and_passages_of_seed_003_share_the_document(db: Database) -> None:
    await load(db, [*KNOWLEDGE_BASE, SEEDS / SEED_003])
    records, _, _ = await db.read(
        "MATCH (ev:Evidence {origin: 'curated'})-[:FROM_DOCUMENT]->(d:Document) "
        "WHERE ev.paragraph STARTS WITH '2.3 ' AND d.sourceFile ENDS WITH $file "
        "OPTIONAL MATCH (p:Passage {number: ev.paragraph})-[:IN_DOCUMENT]->(d) "
        "RETURN ev.paragraph AS paragraph, d.id AS document, d.origin AS origin, "
        "d.title AS title, d.checksum AS checksum, count(DISTINCT p) AS passages",
        {"file": SEED_003},
    )
    assert records, "no curated evidence of paragraph 2.3 of seed 003"
    assert {r["document"] for r in records} == {"document:seed-003-leaders-portfolio-update"}
    assert [r["paragraph"] for r in records if r["passages"] != 1] == []
    assert records[0]["origin"] == "curated"
    assert records[0]["title"] == "The Leader’s Portfolio Update July 2016"
    assert records[0]["checksum"].startswith("4e3d603e")
    records, _, _ = await db.read(
        "MATCH (p:Passage {number: '2.3'})-[:IN_DOCUMENT]->(d:Document) "
        "WHERE d.sourceFile ENDS WITH $file RETURN d.id AS document",
        {"file": SEED_003},
    )
    assert [r["document"] for r in records] == ["document:seed-003-leaders-portfolio-update"]


async def test_loading_data_gives_one_document_per_document(db: Database) -> None:
    await load(db, [DATA])
    curated_files = [p for p in DATA.rglob("*") if p.is_file() and looks_curated(p)]
    texts = sorted(SEEDS.glob("*.txt"))
    uncurated_texts = [t for t in texts if t.name not in curated_source_files()]
    registers = [p for p in DATA.rglob("*") if p.is_file() and claims_register(p)]
    records, _, _ = await db.read(
        "MATCH (d:Document) RETURN d.id AS id, d.sourceFile AS file, d.origin AS origin"
    )
    assert len(registers) == 1
    assert len(records) == len(curated_files) + len(uncurated_texts) + len(registers)
    for text in texts:
        holding = [r for r in records if (r["file"] or "").endswith(text.name)]
        assert len(holding) == 1, f"{text.name}: {holding}"
        assert holding[0]["origin"] == "curated"
    records, _, _ = await db.read(
        "MATCH (p:Passage)-[:IN_DOCUMENT]->(d:Document) RETURN count(DISTINCT d) AS n"
    )
    assert records[0]["n"] == len(texts)


async def test_extracted_facts_of_seed_003_are_scoped_to_birmingham(db: Database) -> None:
    await load(db, [*KNOWLEDGE_BASE, SEEDS / SEED_003])
    records, _, _ = await db.read(
        "MATCH (e:Entity) WHERE e.id CONTAINS 'unnamed-body-of' RETURN e.id AS id"
    )
    assert records == []
    records, _, _ = await db.read(
        "MATCH (ev:Evidence {origin: 'extracted'})-[:FROM_DOCUMENT]->(d:Document) "
        "WHERE d.sourceFile ENDS WITH $file "
        "MATCH (post:Post {id: ev.factId}) "
        "RETURN post.id AS id, post.origin AS origin",
        {"file": SEED_003},
    )
    assert records
    # Birmingham's posts, or a post the curated file of seed 003 states of another body (its
    # Secretary of State, the Combined Authority's Mayor): never a post of a body of its own.
    assert all(
        r["id"].startswith("post:birmingham-city-council:") or r["origin"] == "curated"
        for r in records
    )
    assert any(r["origin"] == "curated" for r in records)


async def changed_seed_003(db: Database, tmp_path: Path) -> None:
    changed = tmp_path / SEED_003
    shutil.copy(SEEDS / SEED_003, changed)
    await load(db, [*KNOWLEDGE_BASE, SEEDS / SEED_003])
    changed.write_text(changed.read_text(encoding="utf-8") + "\n7.1 A further paragraph.\n")
    await load(db, [changed], format_name="document")


async def test_a_changed_seed_text_is_a_new_document_beside_the_curated_one(
    db: Database, tmp_path: Path
) -> None:
    await changed_seed_003(db, tmp_path)
    records, _, _ = await db.read(
        "MATCH (d:Document) WHERE d.sourceFile ENDS WITH $file "
        "RETURN d.id AS id, d.origin AS origin, d.body AS body, d.checksum AS checksum, "
        "COUNT { (:Passage)-[:IN_DOCUMENT]->(d) } AS passages ORDER BY d.origin",
        {"file": SEED_003},
    )
    assert [r["origin"] for r in records] == ["curated", "extracted"]
    curated, changed = records
    assert curated["id"] == "document:seed-003-leaders-portfolio-update"
    assert changed["id"] != curated["id"] and changed["checksum"] != curated["checksum"]
    assert changed["body"] == curated["body"] == "body:birmingham-city-council"
    assert curated["passages"] > 0 and changed["passages"] == curated["passages"] + 1


async def test_a_changed_seed_text_is_linked_to_the_curated_document(
    db: Database, tmp_path: Path
) -> None:
    await changed_seed_003(db, tmp_path)
    records, _, _ = await db.read(
        "MATCH (new:Document)-[:NEW_VERSION_OF]->(old:Document) RETURN old.id AS old"
    )
    assert [r["old"] for r in records] == ["document:seed-003-leaders-portfolio-update"]

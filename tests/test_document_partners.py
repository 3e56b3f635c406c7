"""Partners a document names: the bodies its body works with, the commissioners it aligns with and
the providers of services, read from the text and, where the knowledge base states the same
relation, added to it as more evidence."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

import pytest

from graph.db import Database
from graph.model import Relation, RelationType, SourceRecords
from loaders.body_resolution import register_bodies
from loaders.documents.gazetteer import Gazetteer, gazetteer_for, vocabulary_gazetteer
from loaders.documents.reader import DocumentSource, document_records, read_document_file
from loaders.load import load

DATA = Path(__file__).resolve().parent.parent / "data"
SEEDS = DATA / "documents" / "seeds"
SEED_001 = SEEDS / "001_c3642da9f9f00161.txt"
KNOWLEDGE_BASE = [DATA / "vocabulary", DATA / "seed"]
CHESHIRE_EAST = "body:cheshire-east-council"
CURATED_PARTNERS = {
    "body:police-and-crime-commissioner-of-document-001",
    "body:clinical-commissioning-groups-of-document-001",
    "body:cheshire-east-local-enterprise-partnership",
}


def partner_relations(records: SourceRecords) -> list[Relation]:
    return [
        r for r in records.relations
        if r.type is RelationType.MEMBER_OF and r.role == "partner"
    ]  # fmt: skip


def provides(records: SourceRecords) -> set[tuple[str, str, str | None]]:
    return {
        (r.source, r.target, r.role) for r in records.relations if r.type is RelationType.PROVIDES
    }


def without_partner_relations(gazetteer: Gazetteer) -> Gazetteer:
    """The knowledge base's bodies and names, without the relations that state partners."""
    kept = [
        r for r in gazetteer.relations
        if r.type is not RelationType.PROVIDES
        and not (r.type is RelationType.MEMBER_OF and r.role == "partner")
    ]  # fmt: skip
    return replace(gazetteer, relations=kept)


def read_text(text: str, gazetteer: Gazetteer) -> SourceRecords:
    source = DocumentSource("partners.txt", hashlib.sha256(text.encode()).hexdigest(), text)
    return document_records(source, gazetteer, register_bodies())


def report(*paragraphs: str) -> str:
    numbered = "\n".join(f"1.{n} {text}" for n, text in enumerate(paragraphs, start=1))
    header = "CHESHIRE EAST COUNCIL\n\nCabinet\n\nDate of Meeting: 4 February 2013\n\n"
    return f"{header}1. Partners\n\n{numbered}\n"


def test_without_the_curated_relations_the_reader_finds_cheshire_easts_partners() -> None:
    records = read_document_file(SEED_001, without_partner_relations(gazetteer_for(DATA)))

    found = {r.target: r for r in partner_relations(records)}
    assert set(found) == CURATED_PARTNERS
    assert all(r.source == CHESHIRE_EAST for r in found.values())
    lep = found["body:cheshire-east-local-enterprise-partnership"]
    assert [e.paragraph for e in lep.evidence] == ["5.6 bullet 2", "8.1 bullet 7"]
    assert "(through the LEP)" in lep.evidence[0].quote
    ccg = found["body:clinical-commissioning-groups-of-document-001"]
    assert {e.paragraph for e in ccg.evidence} == {"4.2"}
    assert any("alignment of all key public services" in e.quote for e in ccg.evidence)
    assert all(0 < e.confidence < 1 for r in found.values() for e in r.evidence)
    assert provides(records) == {
        ("body:police-and-crime-commissioner-of-document-001", "service:policing", "commissioner"),
        ("body:clinical-commissioning-groups-of-document-001", "service:nhs-health-services",
         "commissioner"),
        ("body:clinical-commissioning-groups-of-document-001", "service:health-and-wellbeing",
         "commissioner"),
    }  # fmt: skip


def test_with_the_vocabulary_only_the_partners_are_bodies_of_their_kind() -> None:
    records = read_document_file(SEED_001, vocabulary_gazetteer(DATA))

    targets = {r.target for r in partner_relations(records)}
    assert targets == {
        "body:police-and-crime-commissioner-of-cheshire-east-council",
        "body:clinical-commissioning-groups-of-cheshire-east-council",
        "body:local-enterprise-partnership-of-cheshire-east-council",
    }
    bodies = {e.id: e for e in records.entities}
    lep = bodies["body:local-enterprise-partnership-of-cheshire-east-council"]
    assert lep.properties["named_in_document"] is False
    assert {"Local Enterprise Partnership", "LEP"} <= {lep.name.split(" (")[0], *lep.aliases}


def test_restated_partner_relations_are_the_curated_ones() -> None:
    gazetteer = gazetteer_for(DATA)
    curated = {
        r.id for r in gazetteer.relations if r.source == CHESHIRE_EAST and r.role == "partner"
    }
    records = read_document_file(SEED_001, gazetteer)

    assert {r.id for r in partner_relations(records)} == curated
    curated_provides = {r.id for r in gazetteer.relations if r.type is RelationType.PROVIDES}
    extracted = [r for r in records.relations if r.type is RelationType.PROVIDES]
    assert extracted and {r.id for r in extracted} <= curated_provides


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_no_document_is_its_own_partner_nor_its_units(seed: Path) -> None:
    records = read_document_file(seed, without_partner_relations(gazetteer_for(DATA)))
    own = records.document.body
    for relation in partner_relations(records):
        assert relation.source == own
        assert relation.target != own and not relation.target.startswith(f"{own}:")


def test_general_words_own_units_and_passing_mentions_are_no_partners() -> None:
    records = read_text(
        report(
            "We will work with partners and other local partner organisations.",
            "Our People Directorate will work with the Place Directorate.",
            "Cheshire East Council will work through Cheshire East Council's own teams.",
            "The police will be informed of the outcome.",
            "We met the Clinical Commissioning Group last year.",
        ),
        without_partner_relations(gazetteer_for(DATA)),
    )
    assert partner_relations(records) == []
    assert provides(records) == set()


def test_register_councils_and_kinds_named_with_their_place_are_partners() -> None:
    records = read_text(
        report(
            "The Council will work closely with Cheshire West and Chester Council and the "
            "Warrington Police and Crime Commissioner on community safety.",
            "Adult social care is commissioned by the Clinical Commissioning Group.",
            "The NHS trusts and other partners will be consulted.",
        ),
        vocabulary_gazetteer(DATA),
    )
    targets = {r.target for r in partner_relations(records)}
    assert targets == {
        "body:cheshire-west-and-chester-council",
        "body:warrington-police-and-crime-commissioner",
        "body:clinical-commissioning-groups-of-cheshire-east-council",
        "body:acute-health-trusts-of-cheshire-east-council",
    }
    assert {
        ("body:warrington-police-and-crime-commissioner", "service:policing", "commissioner"),
        ("body:clinical-commissioning-groups-of-cheshire-east-council",
         "service:adult-social-care", "commissioner"),
        ("body:acute-health-trusts-of-cheshire-east-council", "service:nhs-health-services",
         "provider"),
    } <= provides(records)  # fmt: skip
    named = next(
        e for e in records.entities if e.id == "body:warrington-police-and-crime-commissioner"
    )
    assert "named_in_document" not in named.properties


def test_the_items_of_a_list_of_partners_are_partners() -> None:
    text = (
        "CHESHIRE EAST COUNCIL\n\nCabinet\n\nDate of Meeting: 4 February 2013\n\n1. Partners\n\n"
        "1.1 The Council will work closely with:\n\n"
        "- Cheshire West and Chester Council, on shared services;\n"
        "- the Clinical Commissioning Groups for health and wellbeing services; and\n"
        "- local businesses and the voluntary sector.\n\n"
        "1.2 Our budget includes:\n\n"
        "- Warrington Borough Council contributions.\n"
    )
    records = read_text(text, vocabulary_gazetteer(DATA))
    found = {r.target: r for r in partner_relations(records)}
    assert set(found) == {
        "body:cheshire-west-and-chester-council",
        "body:clinical-commissioning-groups-of-cheshire-east-council",
    }
    evidence = found["body:cheshire-west-and-chester-council"].evidence
    assert [(e.paragraph, e.quote) for e in evidence] == [
        ("1.1 bullet 1", "Cheshire West and Chester Council, on shared services"),
        ("1.1", "The Council will work closely with"),
    ]


async def test_extracted_partners_are_more_evidence_of_the_curated_relations(db: Database) -> None:
    await load(db, [*KNOWLEDGE_BASE, SEED_001])
    records, _, _ = await db.read(
        "MATCH (:Body {id: $body})-[r:MEMBER_OF {role: 'partner'}]->(partner:Body) "
        "OPTIONAL MATCH (ev:Evidence {factId: r.id}) "
        "UNWIND coalesce(ev.sources, [null]) AS source "
        "RETURN partner.id AS partner, count(DISTINCT r) AS relations, r.origin AS origin, "
        "collect(DISTINCT split(source, '|')[0]) AS origins",
        {"body": CHESHIRE_EAST},
    )
    assert {r["partner"] for r in records} == CURATED_PARTNERS
    for record in records:
        assert record["relations"] == 1 and record["origin"] == "curated", record
        assert sorted(record["origins"]) == ["curated", "extracted"], record

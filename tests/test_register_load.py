"""The UK local authority register in the graph, through the real reader and writer, beside the
seed knowledge base: one node per authority, the seed's councils being the register's."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from graph.db import Database
from graph.model import Document, Entity, EntityType, Evidence, Origin, SourceRecords
from graph.settings import PROJECT_ROOT
from loaders.body_resolution import BodyClues, choose_body
from loaders.load import load
from loaders.register.records import register_records
from loaders.register.table import default_register
from loaders.resolve import default_resolver
from loaders.writer import LoadSummary, write_sources
from tests.conftest import clear_graph

KNOWLEDGE_BASE = [PROJECT_ROOT / "data" / "seed", PROJECT_ROOT / "data" / "vocabulary"]
REGISTER = PROJECT_ROOT / "data" / "register"


async def load_with_register(db: Database, paths: list[Path]) -> LoadSummary:
    """The files and the committed register through the one load pipeline (the register has a
    reader of its own), validated whole, then written."""
    report = await load(db, [REGISTER, *paths])
    assert report.summary is not None
    return report.summary


@pytest.fixture(scope="module")
async def graph(session_db: Database) -> AsyncIterator[Database]:
    await clear_graph(session_db)
    await load_with_register(session_db, KNOWLEDGE_BASE)
    yield session_db
    await clear_graph(session_db)


async def rows(db: Database, query: Any, **params: Any) -> list[dict[str, Any]]:
    records, _, _ = await db.read(query, params)
    return [record.data() for record in records]


async def test_every_authority_is_one_body_with_its_jurisdiction(graph: Database) -> None:
    found = await rows(
        graph,
        "MATCH (b:Body) WHERE b.register_code IS NOT NULL "
        "RETURN b.jurisdiction AS jurisdiction, count(*) AS n ORDER BY jurisdiction",
    )
    counts = {row["jurisdiction"]: row["n"] for row in found}
    assert counts == {"GB-ENG": 380, "GB-NIR": 36, "GB-SCT": 32, "GB-WLS": 22}
    codes = await rows(
        graph,
        "MATCH (b:Body) WHERE b.register_code IS NOT NULL "
        "RETURN count(DISTINCT b.register_code) AS codes, count(b) AS bodies",
    )
    assert codes == [{"codes": 470, "bodies": 470}]


async def test_the_seed_council_is_the_register_authority(graph: Database) -> None:
    found = await rows(
        graph,
        "MATCH (b:Body {register_code: 'CHE'}) "
        "OPTIONAL MATCH (ev:Evidence {factId: b.id})-[:FROM_DOCUMENT]->(d:Document) "
        "RETURN b.id AS id, b.name AS name, b.gss_code AS gss, collect(DISTINCT d.id) AS documents",
    )
    assert len(found) == 1
    body = found[0]
    assert body["id"] == "body:cheshire-east-council"
    assert body["name"] == "Cheshire East Council"
    assert body["gss"] == "E06000049"
    assert "document:uk-local-authority-register" in body["documents"]
    assert len(body["documents"]) >= 2, "the seed document's own evidence is kept"


async def test_a_district_sits_in_its_county(graph: Database) -> None:
    found = await rows(
        graph,
        "MATCH (:Body {id: 'body:cheltenham-borough-council'})-[r:SUB_ORGANIZATION_OF]->(c:Body) "
        "WHERE r.tier IS NOT NULL RETURN c.name AS county, c.register_code AS code",
    )
    assert found == [{"county": "Gloucestershire County Council", "code": "GLS"}]


async def test_combined_authority_members(graph: Database) -> None:
    found = await rows(
        graph,
        "MATCH (m:Body)-[r:MEMBER_OF]->(:Body {register_code: 'WMCA'}) "
        "RETURN m.register_code AS code, r.role AS role ORDER BY code",
    )
    codes = {row["code"] for row in found}
    assert {"BIR", "COV", "DUD", "SAW", "SOL", "WLL", "WLV"} <= codes
    assert {row["role"] for row in found} == {"constituent council"}
    assert len(found) == len(codes), (
        "one membership per authority (the seed's and the register's are one)"
    )


async def test_cumbria_2023_abolition_and_its_successors(graph: Database) -> None:
    found = await rows(
        graph,
        "MATCH (e:ChangeEvent)-[:ORIGINAL]->(:Body {register_code: 'ALL'}) "
        "MATCH (e)-[:RESULTED_IN]->(s:Body) "
        "MATCH (e)-[:ORIGINAL]->(gone:Body) "
        "RETURN e.validFrom AS day, collect(DISTINCT s.name) AS successors, "
        "collect(DISTINCT gone.register_code) AS abolished",
    )
    assert len(found) == 1
    event = found[0]
    assert str(event["day"]) == "2023-04-01"
    assert sorted(event["successors"]) == ["Cumberland Council", "Westmorland and Furness Council"]
    assert {"ALL", "BAR", "CAR", "COP", "EDN", "SLA", "CMA"} == set(event["abolished"])
    ended = await rows(
        graph,
        "MATCH (b:Body {register_code: 'ALL'})-[:REPLACED_BY]->(s:Body) "
        "RETURN b.status AS status, b.validTo AS until, s.register_code AS successor",
    )
    assert [(r["status"], str(r["until"]), r["successor"]) for r in ended] == [
        ("ended", "2023-04-01", "CBD")
    ]


async def test_a_reader_resolving_to_a_register_body_adds_its_evidence_only(
    graph: Database,
) -> None:
    register = register_records(default_register())
    known = {entity.id: entity for entity in register.entities}
    site = Document(
        id="document:moderngov-lbbd-test", title="ModernGov: lbbd.gov.uk", kind="dataset"
    )
    own = Entity(
        id="body:lbbd",
        type=EntityType.BODY,
        name="Lbbd",
        evidence=[Evidence(paragraph="ModernGov site", quote="site=modgov.lbbd.gov.uk")],
    )
    choice = choose_body(
        default_resolver(), BodyClues(domain="modgov.lbbd.gov.uk"), own, known=known
    )
    assert choice.entity is not None
    source = SourceRecords(
        origin=Origin.IMPORTED, source_file="moderngov/lbbd.xml", document=site,
        entities=[choice.entity],
    )  # fmt: skip
    first = await write_sources(graph, [source])
    assert first.node("Body").updated == 0
    again = await write_sources(graph, [source])
    assert not again.changed
    found = await rows(
        graph,
        "MATCH (b:Body {register_code: 'BDG'}) "
        "MATCH (ev:Evidence {factId: b.id})-[:FROM_DOCUMENT]->(d:Document) "
        "RETURN b.id AS id, b.name AS name, collect(d.id) AS documents",
    )
    assert found == [
        {
            "id": "body:london-borough-of-barking-and-dagenham",
            "name": "London Borough of Barking and Dagenham",
            "documents": found[0]["documents"],
        }
    ]
    assert sorted(found[0]["documents"]) == [
        "document:moderngov-lbbd-test",
        "document:uk-local-authority-register",
    ]


async def test_loading_again_changes_nothing(graph: Database) -> None:
    again = await load_with_register(graph, KNOWLEDGE_BASE)
    assert not again.changed

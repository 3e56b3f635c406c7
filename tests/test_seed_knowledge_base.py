"""The knowledge base in data/, loaded through the real loader as `make run` loads it: spot checks
of what each of the five seed documents says, and the invariants of the whole graph."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from graph.db import Database
from graph.settings import PROJECT_ROOT
from loaders.load import load
from tests.conftest import clear_graph
from tests.test_writer import graph_counts

KNOWLEDGE_BASE = PROJECT_ROOT / "data"


@pytest.fixture(scope="module")
async def kb(session_db: Database) -> AsyncIterator[Database]:
    await clear_graph(session_db)
    await load(session_db, [KNOWLEDGE_BASE])
    yield session_db
    await clear_graph(session_db)


async def rows(db: Database, query: Any, **params: Any) -> list[dict[str, Any]]:
    records, _, _ = await db.read(query, params)
    return [record.data() for record in records]


async def test_000_nick_clarke_leads_and_libraries_could_sit_in_two_portfolios(
    kb: Database,
) -> None:
    leader = await rows(
        kb,
        "MATCH (:Person {name: 'Nick Clarke'})-[h:HOLDS]->(p:Post) "
        "WHERE p.name CONTAINS 'Leader' RETURN p.name AS post, h.capacity AS capacity",
    )
    assert leader, "Nick Clarke, Leader Designate (document 000), holds no Leader post"
    options = await rows(
        kb,
        "MATCH (s:Service)-[r:COULD_SIT_IN]->(p:Portfolio) "
        "WHERE toLower(s.name) CONTAINS 'librar' "
        "MATCH (q:OpenQuestion {id: r.alternativeOf}) "
        "MATCH (ev:Evidence {factId: r.id})-[:FROM_DOCUMENT]->(d:Document) "
        "RETURN p.name AS portfolio, r.status AS status, q.id AS question, "
        "ev.paragraph AS paragraph, d.title AS document ORDER BY portfolio",
    )
    assert {row["portfolio"] for row in options} == {"Community Engagement", "Learning"}
    assert {row["status"] for row in options} == {"alternative"}
    assert len({row["question"] for row in options}) == 1
    assert all(row["paragraph"].startswith("3.3") for row in options)
    assert options[0]["document"].lower() == "revision of cabinet portfolios"


async def test_000_enterprise_and_learning_are_closely_related_once(kb: Database) -> None:
    pairs = await rows(
        kb,
        "MATCH (a:Portfolio {name: 'Enterprise'})-[r:CLOSELY_RELATED]-(b:Portfolio "
        "{name: 'Learning'}) WHERE r.origin = 'curated' RETURN count(DISTINCT r) AS n",
    )
    assert pairs == [{"n": 1}]


async def test_001_section_151_goes_to_one_of_two_posts_left_open(kb: Database) -> None:
    options = await rows(
        kb,
        "MATCH (holder:Post)-[r:DESIGNATED_AS]->(role:Post) "
        "WHERE role.name CONTAINS 'Section 151' "
        "RETURN holder.name AS holder, r.status AS status, r.alternativeOf AS question",
    )
    holders = {row["holder"] for row in options}
    assert any("Chief Operating Officer" in holder for holder in holders), holders
    assert len(holders) >= 2
    assert {row["status"] for row in options} == {"alternative"}
    assert len({row["question"] for row in options}) == 1


async def test_002_the_restructure_has_an_accountable_member_and_officer(kb: Database) -> None:
    accountable = await rows(
        kb,
        "MATCH (who)-[r:ACCOUNTABLE_FOR]->(c:ChangeEvent)-[:RESULTED_IN|ORIGINAL]->() "
        "WHERE c.id STARTS WITH 'change_event:cheltenham' "
        "RETURN DISTINCT r.role AS role, r.kind AS kind",
    )
    pairs = {(row["role"], row["kind"]) for row in accountable}
    assert ("accountable member", "political") in pairs
    assert ("accountable officer", "managerial") in pairs


async def test_003_the_leader_holds_the_combined_authoritys_economic_growth_portfolio(
    kb: Database,
) -> None:
    wmca = await rows(
        kb,
        "MATCH (b:Body) WHERE 'WMCA' IN b.aliases "
        "MATCH (p:Portfolio)-[:BELONGS_TO]->(b) "
        "RETURN b.name AS body, collect(p.name) AS portfolios",
    )
    assert wmca[0]["body"] == "West Midlands Combined Authority"
    assert any("Economic Growth" in name for name in wmca[0]["portfolios"])
    acting = await rows(
        kb,
        "MATCH (:Person {id: 'person:alison-harwood'})-[h:HOLDS]->(p:Post) "
        "RETURN h.capacity AS capacity, p.name AS post",
    )
    assert acting and acting[0]["capacity"] == "acting"


async def test_004_the_two_councils_share_management(kb: Database) -> None:
    shared = await rows(
        kb,
        "MATCH (a:Body)-[r:SHARES_MANAGEMENT_WITH]->(b:Body) "
        "MATCH (ev:Evidence {factId: r.id}) "
        "RETURN a.id < b.id AS canonical, count(ev) AS evidence",
    )
    assert shared and all(row["canonical"] for row in shared)
    assert all(row["evidence"] >= 1 for row in shared)


async def test_every_seed_document_is_recorded_with_its_title(kb: Database) -> None:
    titles = await rows(kb, "MATCH (d:Document) RETURN d.title AS title")
    text = " ".join(row["title"].lower() for row in titles)
    for words in ("cabinet portfolios", "management roles", "partnership",
                  "portfolio", "shared"):  # fmt: skip
        assert words in text


async def test_no_fact_without_evidence_and_no_evidence_without_fact(kb: Database) -> None:
    orphans = await rows(
        kb,
        "CALL () { MATCH (e:Entity) WHERE NOT EXISTS { "
        "  MATCH (:Evidence {factId: e.id})-[:FROM_DOCUMENT]->(:Document) } "
        "  RETURN count(e) AS entities } "
        "CALL () { MATCH (:Entity)-[r]->(:Entity) WHERE NOT EXISTS { "
        "  MATCH (:Evidence {factId: r.id})-[:FROM_DOCUMENT]->(:Document) } "
        "  RETURN count(r) AS relations } "
        "CALL () { MATCH (ev:Evidence) WHERE NOT (ev)-[:FROM_DOCUMENT]->(:Document) "
        "  RETURN count(ev) AS unsourced } "
        "RETURN entities, relations, unsourced",
    )
    assert orphans == [{"entities": 0, "relations": 0, "unsourced": 0}]
    facts = await rows(
        kb, "MATCH (e:Entity) WITH count(e) AS n MATCH (:Entity)-[r]->(:Entity) "
        "RETURN n AS entities, count(r) AS relations"
    )  # fmt: skip
    assert facts[0]["entities"] > 300 and facts[0]["relations"] > 600


async def test_loading_the_knowledge_base_again_changes_nothing(kb: Database) -> None:
    before = await graph_counts(kb)
    summary = (await load(kb, [KNOWLEDGE_BASE])).summary
    assert summary is not None
    assert await graph_counts(kb) == before
    created = {name: c.created for name, c in summary.nodes.items() if c.created}
    created |= {name: c.created for name, c in summary.relationships.items() if c.created}
    assert created == {}


async def test_priorities_address_services_and_partner_bodies_provide_them(kb: Database) -> None:
    addressed = await rows(
        kb,
        "MATCH (p:Priority {id: 'priority:birmingham-city-council:decent-homes'})"
        "-[r:ADDRESSES]->(s:Service) "
        "MATCH (ev:Evidence {factId: r.id})-[:FROM_DOCUMENT]->(d:Document) "
        "RETURN s.id AS service, r.wording AS wording, ev.paragraph AS paragraph, "
        "d.id AS document ORDER BY service",
    )
    assert [row["service"] for row in addressed] == [
        "service:affordable-housing", "service:housing"
    ]  # fmt: skip
    assert {row["paragraph"] for row in addressed} == {"2.2 bullet 1"}
    assert {row["document"] for row in addressed} == {"document:seed-003-leaders-portfolio-update"}
    provided = await rows(
        kb,
        "MATCH (b:Body)-[r:PROVIDES]->(s:Service) "
        "RETURN b.id AS body, s.id AS service, r.role AS role",
    )
    pairs = {(row["body"], row["service"]): row["role"] for row in provided}
    assert pairs[("body:probation-of-document-002", "service:probation")] is None
    assert pairs[("body:police-and-crime-commissioner-of-document-001", "service:policing")] == (
        "commissioner"
    )

"""Questions a researcher asks of the seed knowledge base (`data/`), loaded by the real loader and
asked through HTTP: answers and their evidence."""

from __future__ import annotations

import csv
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from asgi_lifespan import LifespanManager

from api.app import create_app
from api.warm_up import warm_up
from graph.db import Database
from graph.settings import PROJECT_ROOT, Settings
from loaders.load import load

# The services each seed document states something about, and the documents that state it.
# What a priority is about (ADDRESSES) and which partner body delivers a service (PROVIDES) are
# not lines of the accountability answer, so a document stating only those is not expected there.
SERVICES_NAMED_IN_SEVERAL_DOCUMENTS = """
MATCH (s:Service)-[r]-(x:Entity) WHERE NOT x:Service AND NOT type(r) IN ['ADDRESSES', 'PROVIDES']
MATCH (:Evidence {factId: r.id})-[:FROM_DOCUMENT]->(d:Document)
WHERE coalesce(d.kind, '') <> 'vocabulary'
WITH s, collect(DISTINCT d.id) AS documents WHERE size(documents) >= 2
RETURN s.id AS service, documents ORDER BY service"""
BODIES_ANSWERING = """
MATCH (:Service {id: $service})-[:COVERS|ACCOUNTABLE_FOR|COULD_SIT_IN|SCRUTINISED_BY|CONCERNS]-(x)
MATCH (x)-[:BELONGS_TO]->(b:Body)
RETURN collect(DISTINCT b.id) AS bodies"""

ACCOUNTABILITY = """query ($service: ID!) { accountability(service: $service) {
  openQuestions { id }
  bodies { body { id } lines { kind isAlternative relationType service { id }
    openQuestion { id } accountable { id type } holders { post { id } person { id } }
    evidence { documentId paragraph quote } } } } }"""


@pytest.fixture
async def seeded(neo4j_uri: str, test_settings: Settings, db: Database) -> AsyncIterator[Any]:
    await load(db, [PROJECT_ROOT / "data"])
    app = create_app(test_settings, neo4j_uri=neo4j_uri)
    async with LifespanManager(app, startup_timeout=60):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            yield http, db


async def ask(http: httpx.AsyncClient, query: str, **variables: Any) -> dict[str, Any]:
    response = await http.post("/graphql", json={"query": query, "variables": variables})
    body: dict[str, Any] = response.json()
    assert response.status_code == 200 and "errors" not in body, body.get("errors")
    data: dict[str, Any] = body["data"]
    return data


async def test_accountability_cites_every_document_and_body_that_names_a_service(
    seeded: Any,
) -> None:
    http, db = seeded
    named = (await db.read(SERVICES_NAMED_IN_SEVERAL_DOCUMENTS)).records
    assert len(named) >= 3, "the seed names several services in more than one document"
    for record in named:
        service, documents = record["service"], set(record["documents"])
        answer = (await ask(http, ACCOUNTABILITY, service=service))["accountability"]
        cited = {
            evidence["documentId"]
            for body in answer["bodies"]
            for line in body["lines"]
            for evidence in line["evidence"]
        }
        assert documents <= cited, (service, documents - cited)
        answering = (await db.read(BODIES_ANSWERING, {"service": service})).records[0]["bodies"]
        returned = {body["body"]["id"] for body in answer["bodies"] if body["body"]}
        assert set(answering) <= returned, (service, set(answering) - returned)
        for body in answer["bodies"]:
            assert all(line["evidence"] for line in body["lines"]), service


async def test_arts_and_culture_shows_its_open_question_and_alternatives(seeded: Any) -> None:
    http, _ = seeded
    answer = (await ask(http, ACCOUNTABILITY, service="service:arts-and-culture"))["accountability"]
    lines = {
        body["body"]["id"]: body["lines"] for body in answer["bodies"] if body["body"] is not None
    }
    options = [line for line in lines["body:council-of-document-000"] if line["isAlternative"]]
    assert {line["accountable"]["id"] for line in options} == {
        "portfolio:council-of-document-000:enterprise",
        "portfolio:council-of-document-000:learning",
    }
    assert {line["openQuestion"]["id"] for line in options} == {
        "open_question:council-of-document-000:where-culture-sits"
    }
    assert "open_question:council-of-document-000:where-culture-sits" in {
        question["id"] for question in answer["openQuestions"]
    }
    combined = lines["body:west-midlands-combined-authority"]
    assert [(line["kind"], line["accountable"]["type"]) for line in combined] == [
        ("political", "Portfolio")
    ]


async def test_finance_has_a_statutory_line_with_its_quote(seeded: Any) -> None:
    http, _ = seeded
    answer = (await ask(http, ACCOUNTABILITY, service="service:finance"))["accountability"]
    lines = [line for body in answer["bodies"] for line in body["lines"]]
    [statutory] = [line for line in lines if line["kind"] == "statutory"]
    assert statutory["accountable"]["id"] == "post:cheshire-east-council:section-151-officer"
    assert "Section 151 Officer" in statutory["evidence"][0]["quote"]
    assert statutory["evidence"][0]["paragraph"] == "6.7 list item 1"


async def test_a_reporting_line_left_open_gives_one_chain_per_option(seeded: Any) -> None:
    http, _ = seeded
    data = await ask(
        http,
        """{ accountabilityChain(id: "post:cheshire-east-council:director-of-public-health") {
          isAlternative reachesHead head { id } steps { type status target { id }
          evidence { quote } } } }""",
    )
    chains = data["accountabilityChain"]
    first_steps = {chain["steps"][0]["target"]["id"] for chain in chains}
    assert first_steps == {
        "post:cheshire-east-council:chief-executive",
        "post:cheshire-east-council:director-of-strategic-commissioning",
    }
    assert all(chain["isAlternative"] and chain["steps"][0]["evidence"] for chain in chains)


async def test_two_councils_sharing_managers_side_by_side(seeded: Any) -> None:
    http, _ = seeded
    data = await ask(
        http,
        """{ compareBodies(left: "body:council-a-of-document-004",
                           right: "body:council-b-of-document-004") {
          sharesManagement posts { shared { left { id } } onlyLeft { id } onlyRight { id } } } }""",
    )
    comparison = data["compareBodies"]
    assert comparison["sharesManagement"] is True
    posts = comparison["posts"]
    assert posts["shared"] or posts["onlyLeft"] or posts["onlyRight"]


async def test_search_finds_the_statutory_quote_and_neighbourhood_draws_the_body(
    seeded: Any,
) -> None:
    http, _ = seeded
    data = await ask(http, '{ search(query: "Section 151", first: 20) { type documentId } }')
    assert any(
        hit["type"] == "Evidence"
        and hit["documentId"] == "document:seed-001-strategic-council-management-review"
        for hit in data["search"]
    ), data["search"]
    view = await ask(
        http,
        """{ neighbourhood(id: "body:cheshire-east-council", depth: 1, types: [Post, Body]) {
          nodes { id type } edges { source target type evidenceCount } } }""",
    )
    nodes = view["neighbourhood"]["nodes"]
    assert {node["type"] for node in nodes} <= {"Post", "Body"}
    assert "post:cheshire-east-council:chief-executive" in {node["id"] for node in nodes}
    assert all(edge["evidenceCount"] >= 1 for edge in view["neighbourhood"]["edges"])


IDENTIFIED = """query ($service: ID!) {
  entity(id: "body:cheshire-east-council") {
    name ... on Body { identifiers { registerCode gssCode formerGssCodes jurisdiction } } }
  search(query: "Cheshire East Council", types: [Body], first: 5) {
    id identifiers { registerCode gssCode jurisdiction } }
  accountability(service: $service) {
    bodies { body { id name } identifiers { registerCode gssCode jurisdiction } } } }"""


def register_rows() -> dict[str, dict[str, str]]:
    path = PROJECT_ROOT / "data" / "register" / "uk_local_authorities_current.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["local-authority-code"]: row for row in csv.DictReader(handle)}


async def test_bodies_show_their_register_identifiers_and_official_names(seeded: Any) -> None:
    http, db = seeded
    register = register_rows()
    services = await db.read(
        "MATCH (s:Service)<-[:COVERS|ACCOUNTABLE_FOR]-()-[:BELONGS_TO]->(b:Body) "
        "WITH s, count(DISTINCT b) AS bodies WHERE bodies >= 2 "
        "RETURN s.id AS id ORDER BY bodies DESC, id LIMIT 1"
    )
    data = await ask(http, IDENTIFIED, service=services.records[0]["id"])
    east = data["entity"]
    cheshire = register["CHE"]
    assert east["name"] == cheshire["official-name"]
    assert east["identifiers"]["registerCode"] == "CHE"
    assert east["identifiers"]["gssCode"] == cheshire["gss-code"]
    assert east["identifiers"]["jurisdiction"]
    hits = {hit["id"]: hit["identifiers"] for hit in data["search"]}
    assert hits["body:cheshire-east-council"] == {
        "registerCode": "CHE",
        "gssCode": cheshire["gss-code"],
        "jurisdiction": east["identifiers"]["jurisdiction"],
    }
    bodies = [entry for entry in data["accountability"]["bodies"] if entry["body"]]
    assert len(bodies) >= 2
    codes = [(entry, (entry["identifiers"] or {}).get("registerCode")) for entry in bodies]
    registered = [(entry, register[code]) for entry, code in codes if code in register]
    assert registered, "the seed's councils are the register's"
    for entry, row in registered:
        assert entry["body"]["name"] == row["official-name"]
        assert entry["identifiers"]["gssCode"] == (row["gss-code"] or None)


async def test_the_start_up_warm_up_asks_every_example_but_gaps_without_error(
    seeded: Any, test_settings: Settings
) -> None:
    _, db = seeded
    failures = await warm_up(db, test_settings)
    assert list(failures) == ["Search", "WhoIsAccountable", "Neighbourhood", "RefetchByNode"]
    assert failures == {operation: [] for operation in failures}

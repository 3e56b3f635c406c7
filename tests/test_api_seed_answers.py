"""Answers a researcher expects when asking the seed questions of the knowledge base in `data/`,
loaded by the real loader and asked through HTTP: dotted lines, bridges and open questions in a
body's structure; a closure a document dates; the status of shortcut lines; the evidence of
compared pairs; and what is related to a service without being accountability for it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from asgi_lifespan import LifespanManager

from api.app import create_app
from graph.db import Database
from graph.settings import PROJECT_ROOT, Settings
from loaders.load import load
from tests.conftest import clear_graph

COUNCIL_000 = "body:council-of-document-000"
CHELTENHAM = "body:cheltenham-borough-council"
CSP = "partnership_group:cheltenham-strategic-partnership"
CHIEF_EXECUTIVE = "post:cheshire-east-council:chief-executive"


@pytest.fixture(scope="module")
async def seeded(
    neo4j_uri: str, test_settings: Settings, session_db: Database
) -> AsyncIterator[tuple[httpx.AsyncClient, Database]]:
    """The seed loaded once for the module: every test here only reads."""
    await clear_graph(session_db)
    await load(session_db, [PROJECT_ROOT / "data"])
    app = create_app(test_settings, neo4j_uri=neo4j_uri)
    async with LifespanManager(app, startup_timeout=60):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            yield http, session_db
    await clear_graph(session_db)


async def ask(http: httpx.AsyncClient, query: str, **variables: Any) -> dict[str, Any]:
    response = await http.post("/graphql", json={"query": query, "variables": variables})
    body: dict[str, Any] = response.json()
    assert response.status_code == 200 and "errors" not in body, body.get("errors")
    data: dict[str, Any] = body["data"]
    return data


async def rows(db: Database, query: str, **params: Any) -> list[dict[str, Any]]:
    records, _, _ = await db.read(query, params)
    return [record.data() for record in records]


STRUCTURE = """query ($body: ID!) { bodyStructure(body: $body) {
  dottedLines { relationId left { id } right { id } sharedInterest evidence { paragraph quote } }
  bridges { relationId service { id } portfolio { id } isAlternative openQuestion { id }
    evidence { paragraph quote } }
  openQuestions { question { id } concerns { id }
    options { relationId type status source { id } target { id } evidence { quote } }
    evidence { documentId quote } } } }"""


async def test_body_structure_shows_dotted_lines_bridges_and_open_questions(seeded: Any) -> None:
    http, db = seeded
    structure = (await ask(http, STRUCTURE, body=COUNCIL_000))["bodyStructure"]
    dotted = await rows(
        db,
        "MATCH (a:Portfolio)-[r:CLOSELY_RELATED]->(b:Portfolio)-[:BELONGS_TO]->(:Body {id: $body}) "
        "RETURN r.id AS id",
        body=COUNCIL_000,
    )
    assert len(dotted) >= 3
    assert {line["relationId"] for line in structure["dottedLines"]} == {r["id"] for r in dotted}
    assert all(line["evidence"] and line["sharedInterest"] for line in structure["dottedLines"])
    enterprise_learning = {
        "portfolio:council-of-document-000:enterprise",
        "portfolio:council-of-document-000:learning",
    }
    assert enterprise_learning in [
        {line["left"]["id"], line["right"]["id"]} for line in structure["dottedLines"]
    ]

    bridges = await rows(
        db,
        "MATCH (s:Service)-[r:COULD_SIT_IN]->(:Portfolio)-[:BELONGS_TO]->(:Body {id: $body}) "
        "RETURN r.id AS id, r.alternativeOf AS question",
        body=COUNCIL_000,
    )
    assert len(bridges) >= 2
    answered = {bridge["relationId"]: bridge for bridge in structure["bridges"]}
    assert set(answered) == {r["id"] for r in bridges}
    for bridge in bridges:
        shown = answered[bridge["id"]]
        assert shown["isAlternative"] and shown["evidence"]
        assert shown["openQuestion"]["id"] == bridge["question"]

    questions = {q["question"]["id"]: q for q in structure["openQuestions"]}
    skills = questions["open_question:council-of-document-000:where-skills-sits"]
    assert {option["target"]["id"] for option in skills["options"]} == enterprise_learning
    assert all(option["status"] == "alternative" for option in skills["options"])
    assert "service:skills" in {item["id"] for item in skills["concerns"]}
    # about a service only: the body's own through the document that asks it
    transport = questions["open_question:council-of-document-000:where-public-transport-sits"]
    assert (
        transport["evidence"][0]["documentId"] == "document:seed-000-revision-of-cabinet-portfolios"
    )
    assert all(q["evidence"] for q in questions.values())


async def test_a_bodys_open_questions_are_its_own(seeded: Any) -> None:
    http, _ = seeded
    structure = (await ask(http, STRUCTURE, body="body:birmingham-city-council"))["bodyStructure"]
    ids = {q["question"]["id"] for q in structure["openQuestions"]}
    assert "open_question:birmingham-bereavement-services-managing-officer" in ids
    assert not {i for i in ids if i.startswith("open_question:wmca-")}, ids
    assert not structure["dottedLines"] and not structure["bridges"]


CHANGES = """query ($body: ID!, $start: Date!, $end: Date!) {
  bodyChanges(body: $body, start: $start, end: $end) {
    removed { factKind type id validTo evidence { paragraph quote } }
    events { event { id validFrom status } ended { id } created { id }
      evidence { documentId paragraph quote } } } }"""


async def test_body_changes_show_the_closure_a_document_dates(seeded: Any) -> None:
    http, _ = seeded
    changes = (await ask(http, CHANGES, body=CHELTENHAM, start="2011-11-01", end="2012-01-31"))[
        "bodyChanges"
    ]
    [closure] = [e for e in changes["events"] if e["event"]["validFrom"] == "2011-12-15"]
    assert CSP in {entity["id"] for entity in closure["ended"]}
    assert closure["event"]["status"] == "proposed"
    assert any(
        ev["paragraph"] == "3.7" and "formally close the CSP" in ev["quote"]
        for ev in closure["evidence"]
    )
    removed = {(fact["factKind"], fact["type"]): fact for fact in changes["removed"]}
    group = removed[("entity", "PartnershipGroup")]
    assert group["id"] == CSP and group["validTo"] == "2011-12-15"
    assert removed[("relation", "MEMBER_OF")]["validTo"] == "2011-12-15"

    later = (await ask(http, CHANGES, body=CHELTENHAM, start="2012-01-01", end="2012-06-01"))[
        "bodyChanges"
    ]
    assert not [e for e in later["events"] if e["event"]["validFrom"]]
    assert CSP not in {fact["id"] for fact in later["removed"]}


SHORTCUTS = """query ($id: ID!) { entity(id: $id) { ... on Post {
  directReports { id }
  directReportLines { status isAlternative alternativeOf entity { id } evidence { quote } }
  reportsToLines { status entity { id } } } } }"""


async def test_shortcut_lines_say_when_a_line_is_only_an_option(seeded: Any) -> None:
    http, db = seeded
    post = (await ask(http, SHORTCUTS, id=CHIEF_EXECUTIVE))["entity"]
    stated = await rows(
        db,
        "MATCH (p:Post)-[r:REPORTS_TO]->(:Post {id: $id}) "
        "RETURN p.id AS post, r.status AS status, r.alternativeOf AS question",
        id=CHIEF_EXECUTIVE,
    )
    assert any(r["status"] == "alternative" for r in stated)
    lines = post["directReportLines"]
    assert [line["entity"]["id"] for line in lines] == [p["id"] for p in post["directReports"]]
    assert sorted(
        (line["entity"]["id"], line["status"], line["alternativeOf"]) for line in lines
    ) == (sorted((r["post"], r["status"], r["question"]) for r in stated))
    for line in lines:
        assert line["isAlternative"] == (line["status"] == "alternative")
        assert line["evidence"]

    director = (
        await ask(http, SHORTCUTS, id="post:cheshire-east-council:director-of-public-health")
    )["entity"]
    assert {line["status"] for line in director["reportsToLines"]} == {"alternative"}


COMPARE = """{ compareBodies(left: "body:council-a-of-document-004",
                             right: "body:council-b-of-document-004") {
  priorities { shared { matchedOn leftEvidence { documentId quote } rightEvidence { quote }
    evidence { quote } } }
  posts { shared { matchedOn left { id } right { id } leftEvidence { quote }
    rightEvidence { quote } evidence { quote } } }
  services { shared { matchedOn leftEvidence { quote } rightEvidence { quote } } } } }"""


async def test_compared_pairs_carry_their_evidence(seeded: Any) -> None:
    http, _ = seeded
    comparison = (await ask(http, COMPARE))["compareBodies"]
    pairs = [pair for part in comparison.values() for pair in part["shared"]]
    assert len(pairs) >= 3
    for pair in pairs:
        assert pair["leftEvidence"] and pair["rightEvidence"], pair
        assert pair["matchedOn"] in {"id", "name"}
    for pair in comparison["priorities"]["shared"]:
        assert {ev["documentId"] for ev in pair["leftEvidence"]} == {
            "document:seed-004-shared-services-workshop"
        }
    for pair in comparison["posts"]["shared"]:
        same = pair["left"]["id"] == pair["right"]["id"]
        assert pair["matchedOn"] == ("id" if same else "name")
        quotes = [ev["quote"] for ev in pair["evidence"]]
        assert (
            len(quotes)
            == len(set(quotes))
            <= len(pair["leftEvidence"]) + len(pair["rightEvidence"])
        )


ANSWER = """
    bodies { body { id } lines { kind relationId accountable { id } }
      related { kind relationType relationId entity { id type } evidence { quote } } }
    related { relationId } } }"""
ACCOUNTABILITY = (
    "query ($service: ID!, $related: Boolean!) { "
    "accountability(service: $service, includeRelated: $related) {" + ANSWER
)
DEFAULT_ACCOUNTABILITY = "query ($service: ID!) { accountability(service: $service) {" + ANSWER
RELATED_STATED = """
MATCH (:Service {id: $service})<-[:BROADER*0..4]-(s:Service)<-[r:ADDRESSES|PROVIDES]-(x:Entity)
RETURN DISTINCT r.id AS id, type(r) AS type"""


@pytest.mark.parametrize("service", ["service:partnership-working", "service:nhs-health-services"])
async def test_accountability_adds_related_lines_only_when_asked(seeded: Any, service: str) -> None:
    http, db = seeded
    default = (await ask(http, DEFAULT_ACCOUNTABILITY, service=service))["accountability"]
    without = (await ask(http, ACCOUNTABILITY, service=service, related=False))["accountability"]
    assert without == default
    assert not without["related"] and not any(body["related"] for body in without["bodies"])

    stated = await rows(db, RELATED_STATED, service=service)
    assert stated, service
    answer = (await ask(http, ACCOUNTABILITY, service=service, related=True))["accountability"]
    assert {line["relationId"] for line in answer["related"]} == {r["id"] for r in stated}
    related = [line for body in answer["bodies"] for line in body["related"]]
    assert {line["relationId"] for line in related} == {r["id"] for r in stated}
    for line in related:
        assert line["kind"] == "related" and line["evidence"]
        assert line["relationType"] in {"ADDRESSES", "PROVIDES"}

    # the accountability lines are those of the default answer, none of them related
    def accountability_lines(result: dict[str, Any]) -> set[tuple[str | None, str]]:
        return {
            (body["body"]["id"] if body["body"] else None, line["relationId"])
            for body in result["bodies"]
            for line in body["lines"]
        }

    assert accountability_lines(answer) == accountability_lines(without)
    assert not {line["relationId"] for line in related} & {
        r for _, r in accountability_lines(answer)
    }
    providers = [line for line in related if line["relationType"] == "PROVIDES"]
    for body in answer["bodies"]:
        for line in body["related"]:
            if line["relationType"] == "PROVIDES":
                assert line["entity"]["id"] == body["body"]["id"]
    if service == "service:nhs-health-services":
        assert providers and all(line["entity"]["type"] == "Body" for line in providers)

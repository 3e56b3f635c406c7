"""The cross-cutting questions, asked through HTTP of a real Neo4j loaded by the real loader."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

FIXTURES = Path(__file__).parent / "fixtures" / "api"


async def ask(api_client: httpx.AsyncClient, query: str) -> dict[str, Any]:
    response = await api_client.post("/graphql", json={"query": query})
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    return body


async def test_accountability_names_every_body_with_evidence_and_alternatives(
    api_client: httpx.AsyncClient,
) -> None:
    body = await ask(
        api_client,
        """{ accountability(service: "service:culture-and-leisure") {
      bodies { body { id } lines { kind isAlternative openQuestion { id } service { id }
        accountable { id } holders { person { id } capacity }
        evidence { documentId paragraph quote }
        chain { head { id } reachesHead } } } } }""",
    )
    bodies = {b["body"]["id"]: b["lines"] for b in body["data"]["accountability"]["bodies"]}
    assert set(bodies) == {"body:northshire", "body:southshire"}
    north = bodies["body:northshire"]
    managed = next(
        line for line in north if line["accountable"]["id"] == "post:northshire-head-of-libraries"
    )
    assert managed["kind"] == "managerial"
    assert managed["holders"] == [{"person": {"id": "person:sam-reader"}, "capacity": "interim"}]
    assert managed["evidence"][0]["quote"] == "the Head of Libraries manages the library service"
    assert managed["chain"][0]["head"]["id"] == "post:northshire-chief-executive"
    alternatives = [line for line in north if line["isAlternative"]]
    assert {line["accountable"]["id"] for line in alternatives} == {
        "portfolio:northshire-communities",
        "portfolio:northshire-health",
    }
    assert all(
        line["openQuestion"]["id"] == "open_question:northshire-arts-home" for line in alternatives
    )
    south_kinds = {line["kind"] for line in bodies["body:southshire"]}
    assert south_kinds == {"managerial", "partnership"}


async def test_chain_from_a_service_reaches_the_head_with_evidence(
    api_client: httpx.AsyncClient,
) -> None:
    body = await ask(
        api_client,
        """{ accountabilityChain(id: "post:northshire-head-of-libraries") {
      head { id } reachesHead body { id } steps { type source { id } target { id }
      evidence { quote } } } }""",
    )
    [chain] = body["data"]["accountabilityChain"]
    assert chain["head"]["id"] == "post:northshire-chief-executive"
    assert chain["body"]["id"] == "body:northshire"
    assert [s["target"]["id"] for s in chain["steps"]] == [
        "post:northshire-director-of-place",
        "post:northshire-chief-executive",
    ]
    assert chain["steps"][0]["evidence"][0]["quote"] == "reports to the Director of Place"
    chainless = await ask(
        api_client, '{ accountabilityChain(id: "body:northshire") { post { id } } }'
    )
    assert chainless == {"data": {"accountabilityChain": []}}
    unknown = await ask(api_client, '{ accountabilityChain(id: "post:nowhere") { post { id } } }')
    assert unknown["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert "post:nowhere" in unknown["errors"][0]["message"]


async def test_neighbourhood_filters_by_type_and_date(api_client: httpx.AsyncClient) -> None:
    query = """{ neighbourhood(id: "post:northshire-head-of-libraries", depth: 1%s) {
      nodes { id type } edges { source target type evidenceCount } } }"""
    everything = (await ask(api_client, query % ""))["data"]["neighbourhood"]
    ids = {node["id"] for node in everything["nodes"]}
    assert {"person:sam-reader", "service:libraries", "body:northshire"} <= ids
    assert all(edge["evidenceCount"] >= 1 for edge in everything["edges"])
    posts_only = (await ask(api_client, query % ", types: [Post]"))["data"]["neighbourhood"]
    assert {node["type"] for node in posts_only["nodes"]} == {"Post"}
    before = (await ask(api_client, query % ', asOf: "2012-01-01"'))["data"]["neighbourhood"]
    assert "person:sam-reader" not in {node["id"] for node in before["nodes"]}


async def test_shortest_paths_connect_two_entities(api_client: httpx.AsyncClient) -> None:
    body = await ask(
        api_client,
        """{ shortestPaths(source: "person:sam-reader",
      target: "post:northshire-chief-executive") { length nodes { id } edges { type } } }""",
    )
    paths = body["data"]["shortestPaths"]
    assert paths and all(path["length"] == 3 for path in paths)
    assert paths[0]["nodes"][0]["id"] == "person:sam-reader"


async def test_structure_and_changes_between_two_dates(api_client: httpx.AsyncClient) -> None:
    body = await ask(
        api_client,
        """{
      bodyStructure(body: "body:northshire", asOf: "2014-01-01") {
        portfolios { entity { id } links { type other { id } } } }
      bodyChanges(body: "body:northshire", start: "2014-01-01", end: "2016-01-01") {
        added { type source target evidence { quote } } removed { id } } }""",
    )
    portfolios = body["data"]["bodyStructure"]["portfolios"]
    communities = next(
        p for p in portfolios if p["entity"]["id"] == "portfolio:northshire-communities"
    )
    assert ("HOLDS_PORTFOLIO", "post:northshire-communities-member") in {
        (link["type"], link["other"]["id"]) for link in communities["links"]
    }
    added = body["data"]["bodyChanges"]["added"]
    assert [(a["type"], a["source"]) for a in added] == [("HOLDS", "person:alex-north")]
    assert added[0]["evidence"][0]["quote"] == "Cllr Alex North, Cabinet Member for Communities"


async def test_two_bodies_side_by_side(api_client: httpx.AsyncClient) -> None:
    body = await ask(
        api_client,
        """{ compareBodies(left: "body:northshire", right: "body:southshire") {
      portfolios { shared { left { id } right { id } } onlyLeft { id } }
      services { shared { left { id } } onlyLeft { id } onlyRight { id } } } }""",
    )
    comparison = body["data"]["compareBodies"]
    assert comparison["portfolios"]["shared"] == [
        {"left": {"id": "portfolio:northshire-communities"},
         "right": {"id": "portfolio:southshire-communities"}}
    ]  # fmt: skip
    assert [s["left"]["id"] for s in comparison["services"]["shared"]] == ["service:libraries"]
    assert {s["id"] for s in comparison["services"]["onlyLeft"]} == {"service:public-health"}


async def test_gaps(api_client: httpx.AsyncClient) -> None:
    body = await ask(
        api_client,
        """{ gaps(body: "body:northshire") {
      servicesWithoutAccountability { service { id } links { type } }
      postsWithoutHolder { post { id } }
      postsWithoutReportingLine { post { id } }
      servicesClaimedByTwoPortfolios { service { id }
        claims { other { id } evidence { quote } } } } }""",
    )
    gaps = body["data"]["gaps"]
    assert [g["service"]["id"] for g in gaps["servicesWithoutAccountability"]] == [
        "service:arts-and-culture"
    ]
    unheld = {g["post"]["id"] for g in gaps["postsWithoutHolder"]}
    assert (
        "post:northshire-arts-officer" in unheld
        and "post:northshire-head-of-libraries" not in unheld
    )
    unlined = {g["post"]["id"] for g in gaps["postsWithoutReportingLine"]}
    assert (
        "post:northshire-arts-officer" in unlined
        and "post:northshire-director-of-place" not in unlined
    )
    [claimed] = gaps["servicesClaimedByTwoPortfolios"]
    assert claimed["service"]["id"] == "service:public-health"
    assert {c["other"]["id"] for c in claimed["claims"]} == {
        "portfolio:northshire-communities",
        "portfolio:northshire-health",
    }


async def test_search_ranks_names_and_points_quotes_at_their_paragraph(
    api_client: httpx.AsyncClient,
) -> None:
    body = await ask(
        api_client,
        """{ search(query: "library service", first: 10) {
      id type name documentId paragraph entities { id } } }""",
    )
    hits = body["data"]["search"]
    quote = next(h for h in hits if h["type"] == "Evidence" and h["paragraph"] == "4.1")
    assert quote["documentId"] == "document:northshire-cabinet-2015"
    assert {e["id"] for e in quote["entities"]} & {
        "service:libraries",
        "post:northshire-head-of-libraries",
    }
    only_services = await ask(
        api_client, '{ search(query: "libraries", types: [Service]) { type } }'
    )
    assert {h["type"] for h in only_services["data"]["search"]} == {"Service"}


async def test_entity_lookup_lists_and_expected_errors(api_client: httpx.AsyncClient) -> None:
    body = await ask(
        api_client,
        """{ entity(id: "post:northshire-head-of-libraries") {
      name evidence { quote }
      ... on Post { holders { capacity person { name } } reportsTo { id } } } }""",
    )
    post = body["data"]["entity"]
    assert post["holders"] == [{"capacity": "interim", "person": {"name": "Sam Reader"}}]
    assert post["reportsTo"] == [{"id": "post:northshire-director-of-place"}]
    missing = await ask(api_client, '{ entity(id: "post:nowhere") { id } }')
    assert missing["data"] == {"entity": None}
    assert missing["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert "post:nowhere" in missing["errors"][0]["message"]
    bad = await ask(
        api_client, '{ neighbourhood(id: "body:northshire", depth: 9) { nodes { id } } }'
    )
    assert bad["errors"][0]["extensions"]["argument"] == "depth"
    page_query = """{ entities(type: Post, body: "body:northshire", first: 3%s) {
      totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }"""
    first = (await ask(api_client, page_query % ""))["data"]["entities"]
    assert first["totalCount"] == 6 and first["pageInfo"]["hasNextPage"] is True
    cursor = first["pageInfo"]["endCursor"]
    second = (await ask(api_client, page_query % f', after: "{cursor}"'))["data"]["entities"]
    seen = [e["node"]["id"] for e in first["edges"] + second["edges"]]
    assert len(set(seen)) == 6 and second["pageInfo"]["hasNextPage"] is False
    by_alias = await ask(api_client, '{ entitiesByName(name: "library services") { id } }')
    assert by_alias["data"]["entitiesByName"] == [{"id": "service:libraries"}]

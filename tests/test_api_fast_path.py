"""The largest answers are built from the query's maps directly, and plain selections by plans
shared across requests: the answers must be those the validated records give, and a document whose
selection depends on its variables must follow them on every request."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import httpx

from api.graphql.graph_views import edge_label
from graph.db import Database
from queries.accountability import accountability
from queries.graph_views import neighbourhood
from queries.records import EntitySummary

FIXTURES = Path(__file__).parent / "fixtures" / "api"

NEIGHBOURHOOD = """query ($id: ID!, $depth: Int, $withEdges: Boolean!) {
  neighbourhood(id: $id, depth: $depth) {
    nodes { id type label status validFrom validTo }
    edges @include(if: $withEdges) {
      id source target type label status validFrom validTo evidenceCount } } }"""

ACCOUNTABILITY = """query ($service: ID!) { accountability(service: $service) {
  servicesIncluded { id }
  bodies { body { id name } lines { kind isAlternative openQuestionText relationId relationType
    status validFrom validTo wording service { id name } accountable { id type name }
    holders { post { id } person { id } capacity role validFrom validTo
      evidence { documentId documentTitle documentDate paragraph quote confidence } }
    evidence { documentId documentTitle documentDate paragraph quote origin confidence } } }
  alternatives { relationId } openQuestions { id } } }"""


async def ask(api_client: httpx.AsyncClient, query: str, **variables: Any) -> dict[str, Any]:
    response = await api_client.post("/graphql", json={"query": query, "variables": variables})
    body: dict[str, Any] = response.json()
    assert response.status_code == 200 and not body.get("errors"), body
    data: dict[str, Any] = body["data"]
    return data


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def node(summary: EntitySummary) -> dict[str, Any]:
    return {
        "id": summary.id,
        "type": summary.type,
        "label": summary.name,
        "status": summary.status,
        "validFrom": iso(summary.valid_from),
        "validTo": iso(summary.valid_to),
    }


async def test_neighbourhood_is_the_validated_view_and_follows_its_variables(
    api_client: httpx.AsyncClient, db: Database
) -> None:
    centre = "post:northshire-head-of-libraries"
    record = await neighbourhood(db, centre, depth=2)
    assert record is not None
    expected_nodes = [node(summary) for summary in record.nodes]
    expected_edges = [
        {
            "id": edge.id,
            "source": edge.source,
            "target": edge.target,
            "type": edge.type,
            "label": edge_label(edge.type, edge.kind, edge.capacity, edge.role),
            "status": edge.status,
            "validFrom": iso(edge.valid_from),
            "validTo": iso(edge.valid_to),
            "evidenceCount": edge.evidence_count,
        }
        for edge in record.edges
    ]
    assert any(item["validFrom"] for item in expected_edges)  # dates are converted, not only nulls
    for with_edges in (True, False, True, False):  # one document, its plans shared across requests
        view = (await ask(api_client, NEIGHBOURHOOD, id=centre, depth=2, withEdges=with_edges))[
            "neighbourhood"
        ]
        assert view["nodes"] == expected_nodes
        if with_edges:
            assert view["edges"] == expected_edges
        else:
            assert "edges" not in view


async def test_accountability_lines_are_the_validated_records(
    api_client: httpx.AsyncClient, db: Database
) -> None:
    service = "service:culture-and-leisure"
    records = await accountability(db, service)
    first = await ask(api_client, ACCOUNTABILITY, service=service)
    assert first == await ask(api_client, ACCOUNTABILITY, service=service)  # the shared plans again
    answer = first["accountability"]
    lines = {line["relationId"]: line for body in answer["bodies"] for line in body["lines"]}
    assert set(lines) == {record.relation_id for record in records}
    assert any(holder["validFrom"] for line in lines.values() for holder in line["holders"])
    for record in records:
        line = lines[record.relation_id]
        assert line["kind"] == record.kind
        assert line["isAlternative"] == (record.status == "alternative")
        assert line["status"] == record.status and line["wording"] == record.wording
        assert (line["validFrom"], line["validTo"]) == (
            iso(record.valid_from),
            iso(record.valid_to),
        )
        assert line["service"] == {"id": record.service.id, "name": record.service.name}
        assert line["accountable"]["id"] == record.accountable.id
        assert line["evidence"] == [
            {
                "documentId": evidence.document_id,
                "documentTitle": evidence.document_title,
                "documentDate": iso(evidence.document_date),
                "paragraph": evidence.paragraph,
                "quote": evidence.quote,
                "origin": evidence.origin,
                "confidence": evidence.confidence,
            }
            for evidence in record.evidence
        ]
        assert [
            (holder["post"], holder["person"], holder["capacity"], holder["validFrom"])
            for holder in line["holders"]
        ] == [
            (
                {"id": holder.post.id} if holder.post else None,
                {"id": holder.person.id} if holder.person else None,
                holder.capacity,
                iso(holder.valid_from),
            )
            for holder in record.holders
        ]
        if record.question:
            assert line["openQuestionText"] == (record.question.description or record.question.name)
    owned = {body["body"]["id"] for body in answer["bodies"] if body["body"]}
    assert owned == {body.id for record in records for body in record.bodies}
    assert {item["relationId"] for item in answer["alternatives"]} == {
        record.relation_id for record in records if record.status == "alternative"
    }


async def test_holder_and_evidence_maps_answer_on_the_ordinary_path_too(
    api_client: httpx.AsyncClient,
) -> None:
    """`__typename`, aliases and directives take the holders and evidence (the query's maps)
    through graphql-core's own completion: they must give what the plans give."""
    plain = """query ($service: ID!) { accountability(service: $service) { bodies { lines {
      relationId holders { post { id } validFrom evidence { quote documentDate } } } } } }"""
    ordinary = """query ($service: ID!, $on: Boolean!) { accountability(service: $service) {
      bodies { lines { relationId holders { __typename post { __typename id } from: validFrom
        evidence @include(if: $on) { __typename said: quote documentDate } } } } } }"""
    service = "service:culture-and-leisure"
    expected = await ask(api_client, plain, service=service)
    answer = await ask(api_client, ordinary, service=service, on=True)
    holders = [
        holder
        for body in answer["accountability"]["bodies"]
        for line in body["lines"]
        for holder in line["holders"]
    ]
    assert holders and any(holder["from"] for holder in holders)
    assert all(holder["__typename"] == "AccountableHolder" for holder in holders)
    assert [
        {
            "post": {"id": holder["post"]["id"]} if holder["post"] else None,
            "validFrom": holder["from"],
            "evidence": [
                {"quote": item["said"], "documentDate": item["documentDate"]}
                for item in holder["evidence"]
            ],
        }
        for holder in holders
    ] == [
        holder
        for body in expected["accountability"]["bodies"]
        for line in body["lines"]
        for holder in line["holders"]
    ]
    assert any(item["documentDate"] for holder in holders for item in holder["evidence"])

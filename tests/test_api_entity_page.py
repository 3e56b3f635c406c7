"""Pages of entities through labels and indexes: the same pages as a plain scan of every entity,
the indexes in Neo4j's own plan, and only what is selected computed."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path
from typing import Any, LiteralString

import httpx
import pytest

from graph.db import Database
from graph.schema import apply_schema
from loaders.load import load
from queries.accountability import LineParts, accountability_rows
from queries.entity_page import SortField, entity_page, page_query
from queries.read_only import explain

FIXTURES = Path(__file__).parent / "fixtures" / "api"

# The answer written the plain way: every entity scanned, filtered and sorted on the spot.
PLAIN_PAGE: LiteralString = """
MATCH (n:Entity)
WHERE ($type IS NULL OR n.type = $type)
  AND ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
  AND ($asOf IS NULL OR ((n.validFrom IS NULL OR n.validFrom <= $asOf)
                         AND (n.validTo IS NULL OR n.validTo >= $asOf)))
  AND ($body IS NULL
       OR EXISTS { (n)-[:BELONGS_TO]->(:Entity {id: $body}) }
       OR EXISTS { (n)<-[:COVERS]-()-[:BELONGS_TO]->(:Entity {id: $body}) })
WITH n, CASE $sortBy WHEN 'validFrom' THEN toString(n.validFrom) WHEN 'type' THEN n.type
                     WHEN 'id' THEN n.id ELSE toLower(n.name) END AS key
ORDER BY CASE WHEN $descending THEN null ELSE key END ASC,
         CASE WHEN $descending THEN key END DESC, n.id
RETURN collect(n.id) AS ids"""

SORTS: list[SortField] = ["name", "validFrom", "type", "id"]


async def plain_ids(db: Database, **arguments: Any) -> list[str]:
    records, _, _ = await db.read(PLAIN_PAGE, arguments)
    ids: list[str] = records[0]["ids"]
    return ids


async def test_pages_are_the_pages_of_a_plain_scan(db: Database) -> None:
    await load(db, [FIXTURES])
    filters = itertools.product(
        (None, "Post"), (None, "body:northshire"), (None, "HEAD"), (None, dt.date(2014, 1, 1))
    )
    orders = itertools.cycle(itertools.product(SORTS, (False, True)))
    checked = 0
    for entity_type, body, name, as_of in filters:
        for sort_by, descending in (next(orders), next(orders)):
            expected = await plain_ids(
                db, type=entity_type, body=body, nameContains=name, asOf=as_of,
                sortBy=sort_by, descending=descending,
            )  # fmt: skip
            for offset, limit in ((0, 200), (1, 2)):
                page = await entity_page(
                    db, entity_type=entity_type, body=body, as_of=as_of, name_contains=name,
                    sort_by=sort_by, descending=descending, offset=offset, limit=limit,
                )  # fmt: skip
                assert page.total == len(expected)
                assert [record.id for record in page.page] == expected[offset : offset + limit]
                checked += bool(page.page)
    assert checked > 40  # most filters find something in the fixture graph


async def test_the_count_and_the_evidence_only_when_asked(db: Database) -> None:
    await load(db, [FIXTURES])
    arguments: dict[str, Any] = dict(
        entity_type="Post", body=None, as_of=None, name_contains=None, sort_by="name",
        descending=False, offset=0, limit=50,
    )  # fmt: skip
    full = await entity_page(db, **arguments)
    bare = await entity_page(db, **arguments, with_total=False, with_evidence=False)
    assert full.total and bare.total is None
    assert any(record.evidence for record in full.page)
    assert all(not record.evidence for record in bare.page)
    assert [r.model_copy(update={"evidence": []}) for r in full.page] == bare.page
    arguments.update(entity_type=None, limit=200)  # every entity: a service has an alias
    detailed = await entity_page(db, **arguments, with_evidence=False)
    summary = await entity_page(db, **arguments, with_details=False, with_evidence=False)
    assert any(record.aliases for record in detailed.page)
    no_details = {"aliases": [], "description": None, "properties": {}}
    assert [r.model_copy(update=no_details) for r in detailed.page] == summary.page


@pytest.mark.parametrize(
    ("name", "label", "operator"),
    [
        ("entity_page", "Post", "NodeIndexScan"),
        ("entity_page_by_name", "Post", "NodeIndexContainsScan"),
        ("entity_page_by_name", None, "NodeIndexContainsScan"),
        ("entity_page_by_name_in_order", "Post", "NodeIndexContainsScan"),
        ("entity_page_by_name_in_order", "Post", "NodeIndexScan"),
    ],
)
async def test_pages_go_through_the_label_and_its_index(
    db: Database, name: str, label: str | None, operator: str
) -> None:
    parameters = {"body": None, "asOf": None, "nameContains": "officer", "offset": 0,
                  "limit": 21, "withTotal": True, "withEvidence": False}  # fmt: skip
    summary = await explain(db, page_query(name, label, "name", False), parameters, timeout_s=30)
    operators: list[tuple[str, str]] = []

    def walk(plan: dict[str, Any]) -> None:
        operators.append((plan["operatorType"], str(plan.get("args", {}).get("Details", ""))))
        for child in plan.get("children", []):
            walk(child)

    assert summary.plan is not None
    walk(summary.plan)
    names = [operator_type.split("@")[0] for operator_type, _ in operators]
    assert "AllNodesScan" not in names
    if name != "entity_page":  # there, counting every entity of the type needs its label
        assert "NodeByLabelScan" not in names
    assert any(
        found.startswith(operator) and f"n:{label or 'Entity'}(nameLower)" in details
        for found, details in operators
    ), operators


async def test_graphql_pages_without_count_or_evidence(api_client: httpx.AsyncClient) -> None:
    query = """{ entities(type: Post, first: 2%s) { %s edges { cursor node { id %s } }
      pageInfo { hasNextPage endCursor } } }"""
    full = (
        await api_client.post(
            "/graphql", json={"query": query % ("", "totalCount", "evidence { quote }")}
        )
    ).json()
    bare = (await api_client.post("/graphql", json={"query": query % ("", "", "")})).json()
    full_page, bare_page = full["data"]["entities"], bare["data"]["entities"]
    assert [e["node"]["id"] for e in full_page["edges"]] == [
        e["node"]["id"] for e in bare_page["edges"]
    ]
    assert full_page["pageInfo"] == bare_page["pageInfo"]
    assert full_page["pageInfo"]["hasNextPage"] is True and full_page["totalCount"] > 2
    assert any(e["node"]["evidence"] for e in full_page["edges"])
    seen = 0
    cursor = ""
    while True:
        page = (await api_client.post("/graphql", json={"query": query % (cursor, "", "")})).json()
        entities = page["data"]["entities"]
        seen += len(entities["edges"])
        if not entities["pageInfo"]["hasNextPage"]:
            break
        cursor = f', after: "{entities["pageInfo"]["endCursor"]}"'
    assert seen == full_page["totalCount"]


async def test_graphql_page_details_when_selected(api_client: httpx.AsyncClient) -> None:
    """A page selecting details, even through a fragment, answers them as `entity` does."""
    page = """{ entities(first: 200) { edges { node { id aliases description properties
      ...on Body { identifiers { registerCode } } } } } }"""
    one = """query ($id: ID!) { entity(id: $id) { id aliases description properties
      ...on Body { identifiers { registerCode } } } }"""
    edges = (await api_client.post("/graphql", json={"query": page})).json()["data"]["entities"]
    nodes = [edge["node"] for edge in edges["edges"]]
    assert any(node["aliases"] for node in nodes)
    for node in nodes:
        answer = await api_client.post("/graphql", json={"query": one, "variables": node})
        assert answer.json()["data"]["entity"] == node


async def test_accountability_leaves_out_what_is_not_asked(db: Database) -> None:
    await load(db, [FIXTURES])
    service = "service:culture-and-leisure"
    full = await accountability_rows(db, service)
    bare = await accountability_rows(db, service, None, LineParts(False, False, False))
    holders_only = await accountability_rows(db, service, None, LineParts(True, False, False))
    assert any(row["holders"] for row in full) and any(row["evidence"] for row in full)
    assert any(holder["evidence"] for row in full for holder in row["holders"])
    assert all(not row["holders"] and not row["evidence"] for row in bare)
    assert [{**row, "holders": [], "evidence": []} for row in full] == bare
    assert [
        {**row, "holders": [{**h, "evidence": []} for h in row["holders"]], "evidence": []}
        for row in full
    ] == holders_only


async def test_a_graph_written_before_gets_its_lower_cased_names(db: Database) -> None:
    await load(db, [FIXTURES])
    await db.write("MATCH (n:Entity) WHERE n.type IN ['Post', 'Body'] REMOVE n.nameLower")
    await db.write("MATCH (v:SchemaVersion {key: 'civicgraph'}) SET v.version = 2")
    assert await apply_schema(db) == 3
    records, _, _ = await db.read(
        "MATCH (n:Entity) RETURN count(n) AS entities, "
        "count(CASE WHEN n.nameLower = toLower(n.name) THEN 1 END) AS named"
    )
    assert records[0]["entities"] > 10
    assert records[0]["named"] == records[0]["entities"]

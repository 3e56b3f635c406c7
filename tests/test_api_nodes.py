"""Relay's Global Object Identification (`Node`, `node(id:)`, `nodes(ids:)`) and the enums of
entity, relation and hit types, asked of a real Neo4j loaded with `tests/fixtures/api`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
from graphql import build_schema, parse, validate

from api.context import Context
from api.graphql.common import SearchHitType
from api.graphql.examples import EXAMPLE_QUERIES
from api.graphql.schema import schema
from api.graphql.sdl import SDL_PATH
from graph.db import Database
from graph.model import EntityType
from graph.settings import Settings
from loaders.load import load
from tests.test_api_batching import CountingDatabase

FIXTURES = Path(__file__).parent / "fixtures" / "api"
HEAD_OF_LIBRARIES = "post:northshire-head-of-libraries"


async def ask(
    api_client: httpx.AsyncClient, query: str, variables: dict[str, Any] | None = None
) -> dict[str, Any]:
    response = await api_client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    return body


async def test_node_refetches_an_entity_by_its_id(api_client: httpx.AsyncClient) -> None:
    body = await ask(
        api_client,
        """query ($id: ID!) { node(id: $id) { __typename id
          ... on Entity { name type }
          ... on Post { holders { person { name } capacity } reportsTo { id } } } }""",
        {"id": HEAD_OF_LIBRARIES},
    )
    assert "errors" not in body, body
    assert body["data"]["node"] == {
        "__typename": "Post",
        "id": HEAD_OF_LIBRARIES,
        "name": "Head of Libraries",
        "type": "Post",
        "holders": [{"person": {"name": "Sam Reader"}, "capacity": "interim"}],
        "reportsTo": [{"id": "post:northshire-director-of-place"}],
    }


async def test_node_of_an_unknown_id_is_null_with_not_found(api_client: httpx.AsyncClient) -> None:
    body = await ask(api_client, '{ node(id: "post:nobody") { id } }')
    assert body["data"] == {"node": None}
    assert body["errors"][0]["extensions"] == {"code": "NOT_FOUND", "id": "post:nobody"}
    malformed = await ask(api_client, '{ node(id: "nobody") { id } }')
    assert malformed["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_nodes_keep_the_order_asked_with_null_for_unknown_ids(
    api_client: httpx.AsyncClient,
) -> None:
    ids = ["person:sam-reader", "post:nobody", "body:northshire", "nobody", "person:sam-reader"]
    body = await ask(
        api_client,
        "query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Entity { name } } }",
        {"ids": ids},
    )
    assert "errors" not in body, body
    assert body["data"]["nodes"] == [
        {"__typename": "Person", "id": "person:sam-reader", "name": "Sam Reader"},
        None,
        {"__typename": "Body", "id": "body:northshire", "name": "Northshire Council"},
        None,
        {"__typename": "Person", "id": "person:sam-reader", "name": "Sam Reader"},
    ]
    too_many = await ask(
        api_client, "query ($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": ["a:b"] * 201}
    )
    assert too_many["errors"][0]["extensions"]["argument"] == "ids"


async def test_nodes_are_loaded_in_one_query(db: Database, test_settings: Settings) -> None:
    await load(db, [FIXTURES])
    counting = CountingDatabase(db)
    ids = [HEAD_OF_LIBRARIES, "post:northshire-chief-executive", "service:libraries", "x:none"]
    result = await schema.execute(
        "query ($ids: [ID!]!) { nodes(ids: $ids) { id } }",
        variable_values={"ids": ids},
        context_value=Context(db=counting, settings=test_settings),
    )
    assert result.errors is None
    assert result.data == {"nodes": [{"id": i} for i in ids[:3]] + [None]}
    assert counting.reads == 1


async def test_types_are_enums_and_variables_keep_their_names(
    api_client: httpx.AsyncClient,
) -> None:
    related = await ask(
        api_client,
        """query ($types: [RelationType!], $kinds: [EntityType!]) {
          entity(id: "post:northshire-head-of-libraries") {
            relations(types: $types, direction: OUT) { type otherRef { id } }
            related(types: [REPORTS_TO, COVERS], entityTypes: $kinds) { id } } }""",
        {"types": ["REPORTS_TO"], "kinds": ["Service"]},
    )
    assert "errors" not in related, related
    entity = related["data"]["entity"]
    assert entity["relations"] == [
        {"type": "REPORTS_TO", "otherRef": {"id": "post:northshire-director-of-place"}}
    ]
    assert entity["related"] == [{"id": "service:libraries"}]
    named = await ask(
        api_client, '{ entitiesByName(name: "head of libraries", types: [Post]) { id } }'
    )
    assert named["data"]["entitiesByName"] == [{"id": HEAD_OF_LIBRARIES}]
    unknown = await ask(api_client, "{ entities(type: Widget) { totalCount } }")
    assert "Widget" in unknown["errors"][0]["message"]
    as_text = await ask(api_client, '{ entities(type: "Post") { totalCount } }')
    assert "EntityType" in as_text["errors"][0]["message"]


def test_search_hit_types_cover_every_entity_type() -> None:
    assert {t.value for t in EntityType} <= {t.value for t in SearchHitType}


def test_every_example_query_is_valid_against_the_committed_schema() -> None:
    committed = build_schema(SDL_PATH.read_text(encoding="utf-8"))
    assert validate(committed, parse(EXAMPLE_QUERIES)) == []

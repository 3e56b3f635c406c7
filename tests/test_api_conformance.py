"""The served API answers exactly as graphql-core's reference execution of the same schema.

Every document of the corpus (hand-written ones in `tests/conformance/documents`, introspection of
every type, and documents generated from the live schema: see `tests/conformance/generate.py`) is
sent to `/graphql` twice (the second time the fast path's shared plans are reused) and executed by
`graphql.execute` with graphql-core's own executor, on the same schema, resolvers and graph. Both
go through the same validation rules and the same error handling for the client (codes, masking);
only the executor differs. `data` must be equal in values and key order, `errors` equal in
messages, paths, locations and extensions (in any order: GraphQL does not order them).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from inspect import isawaitable
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
from asgi_lifespan import LifespanManager
from graphql import ExecutionResult, GraphQLError, execute, parse, specified_rules, validate

from api.app import create_app
from api.context import Context
from api.graphql.errors import client_errors, coded_rules
from api.graphql.fast.executor import SHARED_PLANS, LeafFastPathExecutionContext
from api.graphql.schema import LIMIT_RULES, schema
from graph.db import Database
from graph.settings import Settings
from loaders.load import load
from tests.conformance.generate import (
    Case,
    Seeds,
    generated_cases,
    introspection_cases,
    written_cases,
)
from tests.conftest import clear_graph

FIXTURES = Path(__file__).parent / "fixtures" / "api"
DOCUMENTS = Path(__file__).parent / "conformance" / "documents"
GENERATED = 300
RULES = coded_rules((*specified_rules, *LIMIT_RULES))

CASES = [
    *written_cases(DOCUMENTS),
    *introspection_cases(schema._schema),
    *generated_cases(schema._schema, RULES, Seeds.read(FIXTURES), GENERATED),
]


@pytest.fixture(scope="module")
async def served(
    session_db: Database, neo4j_uri: str, test_settings: Settings
) -> AsyncIterator[httpx.AsyncClient]:
    """One graph for the whole corpus: the fixture files, loaded once."""
    await clear_graph(session_db)
    await load(session_db, [FIXTURES])
    app = create_app(test_settings, neo4j_uri=neo4j_uri)
    async with LifespanManager(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            yield http
    await clear_graph(session_db)


def answer(data: Any, errors: list[GraphQLError]) -> dict[str, Any]:
    formatted = sorted((orjson.dumps(error.formatted) for error in errors), key=bytes)
    return {"data": orjson.dumps(data), "errors": formatted}


async def reference(case: Case, db: Database, settings: Settings) -> dict[str, Any]:
    document = parse(case.query)
    refused = validate(schema._schema, document, RULES)
    if refused:
        return answer(None, client_errors(refused, document))
    result = execute(
        schema._schema,
        document,
        context_value=Context(db=db, settings=settings),
        variable_values=case.variables,
    )
    if isawaitable(result):
        result = await result
    assert isinstance(result, ExecutionResult)
    return answer(result.data, client_errors(result.errors or [], document))


async def serve(client: httpx.AsyncClient, case: Case) -> dict[str, Any]:
    response = await client.post(
        "/graphql", json={"query": case.query, "variables": case.variables}
    )
    body = orjson.loads(response.content)
    errors = body.get("errors") or []
    return {
        "data": orjson.dumps(body.get("data")),
        "errors": sorted((orjson.dumps(error) for error in errors), key=bytes),
    }


def test_the_corpus_covers_what_clients_send() -> None:
    text = "\n".join(case.query for case in CASES)
    assert len(CASES) >= 300
    for feature in ("fragment ", "... on", "@include", "@skip", "__typename", "__schema", "edges"):
        assert feature in text, feature
    assert any(case.variables for case in CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
async def test_served_answer_is_the_reference_answer(
    case: Case, served: httpx.AsyncClient, session_db: Database, test_settings: Settings
) -> None:
    expected = await reference(case, session_db, test_settings)
    assert await serve(served, case) == expected
    assert await serve(served, case) == expected  # the plans kept from the first request


async def test_the_served_answers_come_from_the_fast_path(served: httpx.AsyncClient) -> None:
    """The comparison is worth something only if the plans do answer."""
    assert schema.execution_context_class is LeafFastPathExecutionContext
    view = "query ($id: ID!) { neighbourhood(id: $id) { nodes { id label } } }"
    case = Case("plans", view, {"id": "body:northshire"})
    assert (await serve(served, case))["errors"] == []
    planned = {key[1] for key, (_, plan) in SHARED_PLANS.items() if plan is not None}
    assert "GraphView" in planned


async def test_pages_of_entities_come_from_the_fast_path(served: httpx.AsyncClient) -> None:
    """A page's nodes are of an interface: planned by their class, with `__typename`."""
    page = """{ entities(first: 20) { totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { __typename id type name ... on Post { status } } } } }"""
    answer = await serve(served, Case("page plans", page))
    assert answer["errors"] == []
    planned = {key[1] for key, (_, plan) in SHARED_PLANS.items() if plan is not None}
    assert {"EntityConnection", "EntityEdge", "Post", "Body"} <= planned

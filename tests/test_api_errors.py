"""Errors as clients and operators need them: codes on every user error (bad scalars included,
naming the argument), a nested field's error nulling only that field, user errors logged as one
line and the unexpected masked and logged with their traceback."""

from __future__ import annotations

import logging
from typing import Any

import httpx
import pytest
from graphql import GraphQLError
from neo4j.exceptions import Neo4jError

from api.graphql.errors import QUERY_TOO_LARGE, client_errors
from api.graphql.schema import schema
from graph.db import Database

ERRORS_LOGGER = "civicgraph.api.graphql"


async def ask(
    api_client: httpx.AsyncClient, query: str, variables: dict[str, Any] | None = None
) -> dict[str, Any]:
    response = await api_client.post("/graphql", json={"query": query, "variables": variables})
    body: dict[str, Any] = response.json()
    return body


def only_error(body: dict[str, Any]) -> dict[str, Any]:
    errors = body.get("errors") or []
    assert len(errors) == 1, body
    error: dict[str, Any] = errors[0]
    return error


async def test_a_user_error_keeps_its_code_and_is_logged_as_one_line(
    api_client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    body = await ask(api_client, '{ entity(id: "service:no-such-thing") { id } }')
    error = only_error(body)
    assert body["data"] == {"entity": None}
    assert error["extensions"]["code"] == "NOT_FOUND" and error["path"] == ["entity"]
    logged = [record for record in caplog.records if "no-such-thing" in record.getMessage()]
    assert len(logged) == 1, [record.getMessage() for record in caplog.records]
    record = logged[0]
    assert record.name == ERRORS_LOGGER and record.exc_info is None and not record.stack_info
    assert "Traceback" not in caplog.text
    assert "NOT_FOUND" in record.getMessage()


async def test_an_error_in_a_field_nulls_only_that_field(
    api_client: httpx.AsyncClient,
) -> None:
    # Arguments of nested fields are typed (enums, dates) and refused before execution; a field
    # whose argument only its resolver can judge (an id) fails alone, its siblings answered.
    body = await ask(
        api_client,
        '{ entity(id: "body:northshire") { id name ... on Body { posts { id } } } '
        'other: entity(id: "not an id") { id } }',
    )
    error = only_error(body)
    entity = body["data"]["entity"]
    assert entity["id"] == "body:northshire" and entity["name"] == "Northshire Council"
    assert entity["posts"]
    assert body["data"]["other"] is None
    assert error["path"] == ["other"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": "id"}


@pytest.mark.parametrize(
    ("query", "variables", "argument"),
    [
        (
            '{ entity(id: "body:northshire") { relations(asOf: "2016-13-01") { id } } }',
            None,
            "asOf",
        ),
        (
            'query ($d: Date) { entity(id: "body:northshire") { relations(asOf: $d) { id } } }',
            {"d": "2016-13-01"},
            "asOf",
        ),
        ("{ entity(id: true) { id } }", None, "id"),
        ('{ entity(id: "nocolon") { id } }', None, "id"),
        ("query ($id: ID!) { entity(id: $id) { id } }", {"id": [1]}, "id"),
        (
            '{ entity(id: "body:northshire") { relations(direction: SIDEWAYS) { id } } }',
            None,
            "direction",
        ),
        (
            'query ($way: RelationDirection!) { entity(id: "body:northshire") '
            "{ relations(direction: $way) { id } } }",
            {"way": "SIDEWAYS"},
            "direction",
        ),
        ("{ entities(sort: {field: BOGUS}) { totalCount } }", None, "sort"),
    ],
    ids=[
        "date",
        "date-variable",
        "id",
        "id-text",
        "id-variable",
        "enum",
        "enum-variable",
        "input-object",
    ],
)
async def test_a_bad_scalar_is_bad_user_input_naming_its_argument(
    api_client: httpx.AsyncClient, query: str, variables: dict[str, Any] | None, argument: str
) -> None:
    error = only_error(await ask(api_client, query, variables))
    assert error["extensions"]["code"] == "BAD_USER_INPUT", error
    assert error["extensions"]["argument"] == argument, error
    assert error["message"] != "Unexpected error."


async def test_an_unexpected_error_is_masked_and_logged_with_its_traceback(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    result = await schema.execute("{ schemaVersion }", context_value=None)  # no database at all
    assert result.errors is not None and len(result.errors) == 1
    assert result.errors[0].message == "Unexpected error."
    assert result.errors[0].path == ["schemaVersion"]
    assert any(record.exc_info for record in caplog.records)


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ('{ entity(id: "body:northshire") { nope } }', "nope"),
        ("query ($unused: Date) { schemaVersion }", "$unused"),
        ('query ($d: String) { entity(id: "body:x") { relations(asOf: $d) { id } } }', "$d"),
    ],
    ids=["field", "unused-variable", "variable-of-another-type"],
)
async def test_a_document_breaking_a_rule_of_validation_says_so(query: str, named: str) -> None:
    result = await schema.execute(query)
    assert result.errors is not None and len(result.errors) == 1
    assert result.errors[0].extensions == {"code": "GRAPHQL_VALIDATION_FAILED"}
    assert named in result.errors[0].message


async def test_a_query_past_the_transaction_memory_limit_says_so(db: Database) -> None:
    # An auto-commit query: the driver's managed transactions would retry this transient error.
    async with db.driver.session(database=db.name) as session:
        with pytest.raises(Neo4jError) as raised:
            result = await session.run("UNWIND range(1, 100000000) AS i RETURN collect(i) AS all")
            await result.consume()
    assert "MemoryPoolOutOfMemory" in (raised.value.code or "")
    failed = GraphQLError("failed", path=["gaps"], original_error=raised.value)
    [error] = client_errors([failed], None)
    assert error.extensions == {"code": QUERY_TOO_LARGE}
    assert "narrower question" in error.message
    assert error.path == ["gaps"]

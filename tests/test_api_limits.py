"""Limits every request goes through (depth, aliases, tokens), and GraphiQL's example queries.
These fail in validation, before any resolver runs, so no database is involved."""

from __future__ import annotations

from typing import Any

from api.graphql.examples import EXAMPLE_QUERIES
from api.graphql.schema import MAX_ALIASES, MAX_DEPTH, graphql_app, schema


async def errors_of(query: str) -> list[str]:
    result = await schema.execute(query, context_value=None)
    return [error.message for error in result.errors or []]


def nested_relations(depth: int) -> str:
    query = "id"
    for _ in range(depth):
        query = f"relations {{ other {{ {query} }} }}"
    return f'{{ entity(id: "body:x") {{ {query} }} }}'


async def test_too_deep_a_query_is_refused() -> None:
    assert not any("depth" in m for m in await errors_of(nested_relations(2)))
    assert any(
        "exceeds maximum operation depth" in m for m in await errors_of(nested_relations(MAX_DEPTH))
    )


async def test_too_many_aliases_are_refused() -> None:
    aliases = " ".join(f'a{n}: entity(id: "body:x") {{ id }}' for n in range(MAX_ALIASES + 1))
    assert any("aliases" in message for message in await errors_of(f"{{ {aliases} }}"))


async def test_too_many_tokens_are_refused() -> None:
    fields = " ".join(["id"] * 3000)
    messages = await errors_of(f'{{ entity(id: "body:x") {{ {fields} }} }}')
    assert any("token" in message.lower() for message in messages)


async def test_graphiql_opens_on_the_example_queries() -> None:
    response: Any = await graphql_app().render_graphql_ide(None)  # type: ignore[arg-type]
    html = response.body.decode()
    assert "query WhoIsAccountable" in html
    assert EXAMPLE_QUERIES.splitlines()[0] in html


async def test_unexpected_errors_are_masked_and_expected_ones_are_not() -> None:
    # No context: the resolver fails in a way nobody planned for, and says nothing of it.
    assert await errors_of('{ entity(id: "body:x") { id } }') == ["Unexpected error."]
    [message] = await errors_of('{ search(query: "libraries", first: 500) { id } }')
    assert message == "Invalid argument 'first': must be between 1 and 100, got 500."

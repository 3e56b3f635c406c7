"""Every named query in `queries/` is documented and, by Neo4j's own plan, only reads."""

from __future__ import annotations

import pytest

from graph.db import Database
from queries.cypher import header, named_query, query_names
from queries.read_only import explain
from queries.read_only_guard import check_plan, parameters_of

NAMES = query_names()


def test_there_are_named_queries() -> None:
    assert len(NAMES) >= 5


@pytest.mark.parametrize("name", NAMES)
def test_named_query_header_says_what_it_answers_its_parameters_and_an_example(name: str) -> None:
    text = header(name)
    lines = text.splitlines()
    assert lines and lines[0].strip(), (
        f"{name}.cypher starts with no comment saying what it answers"
    )
    assert "Parameters:" in text, f"{name}.cypher: no 'Parameters:' line"
    assert "Example:" in text, f"{name}.cypher: no 'Example:' line"
    for parameter in parameters_of(named_query(name)):
        assert f"${parameter}" in text, f"{name}.cypher: ${parameter} is not described"


@pytest.mark.parametrize("name", NAMES)
async def test_named_query_is_valid_read_only_cypher(db: Database, name: str) -> None:
    summary = await explain(db, named_query(name), {}, timeout_s=30)
    check_plan(summary.query_type, summary.plan)

"""Every named query in `queries/` is documented and, by Neo4j's own plan, only reads."""

from __future__ import annotations

import pytest

from graph.db import Database
from queries.cypher import header, named_query, query_file, query_names
from queries.read_only import explain
from queries.read_only_guard import check_plan, parameters_of, without_comment_lines

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


@pytest.mark.parametrize(
    ("written", "sent"),
    [
        ("// what it answers\n// Parameters: $x\nRETURN $x AS x\n", "RETURN $x AS x\n"),
        ("MATCH (n)\n  // an indented comment\nRETURN n", "MATCH (n)\nRETURN n"),
        ("RETURN 1 AS x // after code: kept", "RETURN 1 AS x // after code: kept"),
        ("RETURN 'a\n// inside a string\nb' AS s", "RETURN 'a\n// inside a string\nb' AS s"),
        ('RETURN "http://x" AS u\n// gone', 'RETURN "http://x" AS u\n'),
        ("RETURN 1 AS `a\n// name`", "RETURN 1 AS `a\n// name`"),
    ],
    ids=["header", "indented", "after-code", "in-string", "slashes-in-string", "in-backticks"],
)
def test_only_lines_that_are_only_comments_are_left_out(written: str, sent: str) -> None:
    assert without_comment_lines(written) == sent


@pytest.mark.parametrize("name", NAMES)
def test_named_query_is_its_file_without_comment_lines(name: str) -> None:
    written, sent = query_file(name), named_query(name)
    assert [line for line in written.splitlines() if not line.lstrip().startswith("//")] == (
        sent.splitlines()
    )

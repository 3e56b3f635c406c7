"""`civicgraph query` and `civicgraph cypher` through typer's runner, against the test Neo4j."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import Result
from typer.testing import CliRunner

from cli.main import app
from graph.db import Database
from graph.settings import Settings, get_settings
from queries.cypher import query_names
from tests.test_cypher_endpoint import REFUSED, SMALL_GRAPH, snapshot

ROW_LIMIT = 20
CEO = "post:northshire:ceo"


@pytest.fixture
def cli_env(
    neo4j_uri: str, test_settings: Settings, neo4j_password: str
) -> Iterator[dict[str, str]]:
    get_settings.cache_clear()
    yield {
        "NEO4J_URI": neo4j_uri,
        "NEO4J_USER": test_settings.neo4j_user,
        "NEO4J_PASSWORD": neo4j_password,
        "NEO4J_DATABASE": test_settings.neo4j_database,
        # Generous: a cold server plans a first query slowly on a busy machine.
        "CIVICGRAPH_CYPHER_TIMEOUT_S": "20",
        "CIVICGRAPH_CYPHER_ROW_LIMIT": str(ROW_LIMIT),
    }
    get_settings.cache_clear()


@pytest.fixture
async def graph(db: Database) -> Database:
    await db.write(SMALL_GRAPH)
    return db


async def civicgraph(env: dict[str, str], *args: str) -> Result:
    """Runs the command in a thread: it starts its own event loop, as it does from a shell."""
    get_settings.cache_clear()
    return await asyncio.to_thread(CliRunner().invoke, app, list(args), env=env)


def json_output(result: Result) -> dict[str, Any]:
    assert result.exit_code == 0, result.output
    body: dict[str, Any] = json.loads(result.stdout)
    return body


async def test_cypher_prints_rows_as_json_with_typed_parameters(
    cli_env: dict[str, str], graph: Database
) -> None:
    result = await civicgraph(
        cli_env,
        "cypher",
        "MATCH (p:Post {id: $id}) RETURN p.name AS name, p.validFrom = $since AS same, "
        "$since AS since, $n + 1 AS next, $flag AS flag",
        "-p", f"id={CEO}", "-p", "since=2016-04-01", "-p", "n=41", "-p", "flag=true",
        "--format", "json",
    )  # fmt: skip
    body = json_output(result)
    assert body["columns"] == ["name", "same", "since", "next", "flag"]
    assert body["rows"] == [["Chief Executive", True, "2016-04-01", 42, True]]
    assert body["truncated"] is False
    assert body["rowLimit"] == ROW_LIMIT


async def test_cypher_prints_csv_and_a_table(cli_env: dict[str, str], graph: Database) -> None:
    query = "MATCH (n:Entity) RETURN n.id AS id, n.name AS name, n.aliases AS aliases ORDER BY id"
    as_csv = await civicgraph(cli_env, "cypher", query, "--format", "csv")
    assert as_csv.exit_code == 0, as_csv.output
    rows = list(csv.reader(io.StringIO(as_csv.stdout)))
    assert rows == [
        ["id", "name", "aliases"],
        ["body:northshire", "Northshire Council", ""],
        [CEO, "Chief Executive", ""],
    ]
    as_table = await civicgraph(cli_env, "cypher", query)
    assert as_table.exit_code == 0, as_table.output
    assert "Northshire Council" in as_table.stdout
    assert "2 row(s)" in as_table.output


@pytest.mark.parametrize(("query", "reason"), REFUSED, ids=[q for q, _ in REFUSED])
async def test_cypher_refuses_writes_and_unsafe_queries(
    cli_env: dict[str, str], graph: Database, query: str, reason: str
) -> None:
    before = await snapshot(graph)
    result = await civicgraph(cli_env, "cypher", query)
    assert result.exit_code == 1
    assert "query refused:" in result.output
    assert reason.lower() in " ".join(result.output.split()).lower()
    assert await snapshot(graph) == before


async def test_cypher_stops_a_slow_query(cli_env: dict[str, str], graph: Database) -> None:
    slow = "UNWIND range(1, 1000000) AS x UNWIND range(1, 1000000) AS y RETURN count(*)"
    result = await civicgraph({**cli_env, "CIVICGRAPH_CYPHER_TIMEOUT_S": "1"}, "cypher", slow)
    assert result.exit_code == 1
    assert "stopped after 1 s" in result.output


async def test_cypher_truncates_and_says_so(cli_env: dict[str, str], graph: Database) -> None:
    body = json_output(
        await civicgraph(cli_env, "cypher", "UNWIND range(1, 100) AS x RETURN x", "-f", "json")
    )
    assert body["truncated"] is True
    assert body["rows"] == [[x] for x in range(1, ROW_LIMIT + 1)]
    limited = await civicgraph(
        cli_env, "cypher", "UNWIND range(1, 100) AS x RETURN x", "-f", "csv", "--limit", "5"
    )
    assert limited.exit_code == 0, limited.output
    assert limited.stdout.split() == ["x", "1", "2", "3", "4", "5"]
    assert "truncated" in limited.output


async def test_query_lists_every_named_query_with_its_parameters(
    cli_env: dict[str, str],
) -> None:
    result = await civicgraph(cli_env, "query", "--list")
    assert result.exit_code == 0, result.output
    names = [line for line in result.stdout.splitlines() if line and not line.startswith(" ")]
    assert names == query_names()
    assert "parameters: $ids" in result.stdout


async def test_query_runs_a_named_query(cli_env: dict[str, str], graph: Database) -> None:
    body = json_output(
        await civicgraph(
            cli_env, "query", "entities_by_ids", "--param", f'ids=["{CEO}"]', "-f", "json"
        )
    )
    assert body["columns"] == ["entity"]
    [[entity]] = body["rows"]
    assert entity["id"] == CEO
    assert entity["validFrom"] == "2016-04-01"
    assert entity["evidence"][0]["quote"] == "The Chief Executive leads the council"


async def test_query_shows_its_text_and_rejects_unknown_names_and_parameters(
    cli_env: dict[str, str],
) -> None:
    shown = await civicgraph(cli_env, "query", "entities_by_ids", "--show")
    assert shown.exit_code == 0
    assert shown.stdout.startswith("// Entities by id")
    unknown = await civicgraph(cli_env, "query", "no_such_query")
    assert unknown.exit_code == 1
    assert "no named query 'no_such_query'" in unknown.output
    wrong = await civicgraph(cli_env, "query", "entities_by_ids", "-p", "idz=[]")
    assert wrong.exit_code == 1
    assert "takes no parameter idz" in wrong.output

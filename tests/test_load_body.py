"""`civicgraph load --body ID PATH` settles a file whose body did not resolve: loaded alone, the
file's body is written marked unresolved and reported; loaded again with `--body`, what it holds
is that body's, and the unresolved body leaves. An id that is no body is refused, and nothing is
written."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from typer.testing import CliRunner

from cli.main import app
from graph.db import Database
from graph.settings import Settings, get_settings

UNRESOLVED = Path(__file__).parent / "fixtures" / "resolution" / "nowhereshire-councillors.xml"
OWN_BODY = "body:nowhereshire"
CHESHIRE_EAST = "body:cheshire-east-council"


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
        "COLUMNS": "400",
    }
    get_settings.cache_clear()


async def civicgraph(env: dict[str, str], *args: str) -> Result:
    get_settings.cache_clear()
    return await asyncio.to_thread(CliRunner().invoke, app, list(args), env=env)


async def members_of(db: Database) -> dict[str, list[str]]:
    records, _, _ = await db.read(
        "MATCH (p:Person)-[:MEMBER_OF]->(b:Body) "
        "WHERE b.kind IS NULL OR b.kind <> 'political party' "
        "RETURN b.id AS body, collect(p.name) AS people"
    )
    return {record["body"]: sorted(record["people"]) for record in records}


async def body(db: Database, body_id: str) -> dict[str, Any] | None:
    records, _, _ = await db.read(
        "MATCH (b:Body {id: $id}) RETURN properties(b) AS p", {"id": body_id}
    )
    return dict(records[0]["p"]) if records else None


async def test_body_settles_an_unresolved_moderngov_file(
    cli_env: dict[str, str], db: Database, tmp_path: Path
) -> None:
    path = tmp_path / UNRESOLVED.name
    shutil.copy(UNRESOLVED, path)

    first = await civicgraph(cli_env, "load", str(path))
    assert first.exit_code == 0, first.output
    assert (
        f"council, column 'site': body {OWN_BODY} ('Nowhereshire') is not resolved" in first.output
    )
    assert "civicgraph load --body ID" in first.output
    unresolved = await body(db, OWN_BODY)
    assert unresolved is not None and unresolved["resolution"] == "unresolved"
    members = await members_of(db)
    assert list(members) == [OWN_BODY] and len(members[OWN_BODY]) == 2

    settled = await civicgraph(cli_env, "load", "--body", CHESHIRE_EAST, str(path))
    assert settled.exit_code == 0, settled.output
    assert "not resolved" not in settled.output
    assert await members_of(db) == {CHESHIRE_EAST: members[OWN_BODY]}
    assert await body(db, OWN_BODY) is None  # its only source now says it is Cheshire East
    cheshire_east = await body(db, CHESHIRE_EAST)
    assert cheshire_east is not None
    assert (cheshire_east["gss_code"], cheshire_east.get("resolution")) == ("E06000049", None)
    records, _, _ = await db.read(
        "MATCH (:Person)-[:HOLDS]->(post:Post)-[:BELONGS_TO]->(:Body {id: $id}) "
        "RETURN post.id AS id",
        {"id": CHESHIRE_EAST},
    )
    leader = "post:cheshire-east-council-leader-of-the-council"
    assert [record["id"] for record in records] == [leader]


async def test_an_id_that_is_no_body_is_refused_and_nothing_written(
    cli_env: dict[str, str], db: Database
) -> None:
    await db.write("CREATE (:Entity:Person {id: 'person:someone', name: 'Someone'})")
    for given, reason in (
        ("body:cheshire-east", "no body body:cheshire-east in the register or the graph "
         "(did you mean body:cheshire-east-council?)"),
        ("person:someone", "person:someone is a Person, not a body"),
    ):  # fmt: skip
        result = await civicgraph(cli_env, "load", "--body", given, str(UNRESOLVED))
        assert result.exit_code == 1, result.output
        assert "nothing was written" in result.output
        assert f"--body: {reason}" in result.output
    records, _, _ = await db.read("MATCH (n) WHERE NOT n:SchemaVersion RETURN count(n) AS n")
    assert records[0]["n"] == 1

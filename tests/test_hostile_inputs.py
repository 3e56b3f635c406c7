"""Requests that tried to take the database or the API down, each against the real Neo4j: the
query fails (or is refused before it runs) with a clear answer, and the database still answers."""

from __future__ import annotations

import asyncio
import os
import socket
import stat
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import orjson
import pytest
from neo4j import AsyncGraphDatabase
from neo4j.exceptions import AuthError, Neo4jError

from api.app import create_app
from graph.db import Database, neo4j_auth, open_database
from graph.local_neo4j import PASSWORD_FILE
from graph.settings import Settings
from queries.read_only_guard import check_text, functions_called
from tests.conftest import free_port
from tests.test_cypher_endpoint import API_KEY, HEADERS, endpoint_settings, http_client, snapshot

MB = 1024 * 1024


@pytest.fixture
async def analyst(
    neo4j_uri: str, test_settings: Settings, db: Database
) -> AsyncIterator[httpx.AsyncClient]:
    settings = endpoint_settings(test_settings, [API_KEY], timeout_s=30.0)
    async for http in http_client(settings, neo4j_uri):
        yield http


async def still_answers(http: httpx.AsyncClient) -> None:
    response = await http.post("/cypher", json={"query": "RETURN 1 AS one"}, headers=HEADERS)
    assert response.status_code == 200, response.text
    assert response.json()["rows"] == [[1]]


# Each of these once grew the JVM's heap past its size, and the server exited.
MEMORY_BOMBS = [
    "RETURN size(reduce(s = 'x', i IN range(1, 40) | s + s)) AS n",
    "WITH reduce(s = 'x', i IN range(1, 20) | s + s) AS mib "
    "UNWIND range(1, 2000) AS i RETURN size(collect(mib + toString(i))) AS n",
]


@pytest.mark.parametrize("query", MEMORY_BOMBS)
async def test_a_query_that_wants_all_memory_fails_and_the_database_stays_up(
    analyst: httpx.AsyncClient, query: str
) -> None:
    response = await analyst.post("/cypher", json={"query": query}, headers=HEADERS)
    assert response.status_code == 400, response.text
    assert "memory" in response.json()["detail"]
    await still_answers(analyst)


async def test_an_answer_nested_thousands_deep_is_refused_not_a_server_error(
    analyst: httpx.AsyncClient,
) -> None:
    deep = "RETURN reduce(x = [], i IN range(1, 3000) | [x]) AS deep"
    response = await analyst.post("/cypher", json={"query": deep}, headers=HEADERS)
    assert response.status_code == 400, response.text
    assert "levels deep" in response.json()["detail"]
    await still_answers(analyst)


async def test_a_huge_answer_stops_at_the_size_cap_and_says_so(
    neo4j_uri: str, test_settings: Settings, db: Database
) -> None:
    settings = endpoint_settings(test_settings, [API_KEY]).model_copy(
        update={"cypher_answer_max_bytes": 4 * MB}
    )
    query = (
        "WITH reduce(s = 'x', i IN range(1, 20) | s + s) AS mib UNWIND range(1, 40) AS i RETURN mib"
    )
    async for http in http_client(settings, neo4j_uri):
        response = await http.post("/cypher", json={"query": query}, headers=HEADERS)
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["truncated"] is True and body["truncatedBySize"] is True
        assert body["maxBytes"] == 4 * MB
        assert 0 < body["rowCount"] < 40
        assert len(response.content) < 5 * MB


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        # Cypher ends a line comment at a carriage return: what follows is code.
        (
            "MATCH (n) RETURN n // a comment\rLOAD CSV FROM 'file:///etc/passwd' AS r RETURN r",
            "LOAD CSV",
        ),
        ("MATCH (n) RETURN n //\r;CREATE (:Smuggled)", "one statement"),
        # A Unicode escape outside strings could spell a keyword the text rules do not see.
        ("MATCH (n) RETURN n \\u003B CREATE (:Smuggled)", "backslash"),
        ("CALL db.labels() YIELD label RETURN label \\u002F\\u002F", "backslash"),
    ],
)
def test_text_rules_see_carriage_returns_and_escapes(query: str, reason: str) -> None:
    with pytest.raises(Exception, match=reason):
        check_text(query)


def test_the_plan_check_names_functions_outside_cypher() -> None:
    plan = {
        "operatorType": "ProduceResults@neo4j",
        "args": {"Details": "x"},
        "children": [
            {
                "operatorType": "Projection@neo4j",
                "args": {
                    "Details": "apoc.text.join(['a'], '-') AS x, date.truncate('day', d) AS y"
                },
                "children": [],
            }
        ],
    }
    assert functions_called(plan) == ["apoc.text.join", "date.truncate"]


async def test_plugin_functions_are_refused_by_the_plan_check(
    analyst: httpx.AsyncClient, db: Database
) -> None:
    # No plugin is installed here, so Neo4j itself refuses the unknown function: still a 400.
    response = await analyst.post(
        "/cypher", json={"query": "RETURN apoc . text . join(['a'], '-') AS x"}, headers=HEADERS
    )
    assert response.status_code == 400, response.text


# -- GraphQL: bounded before it runs ------------------------------------------------------------

FAN_OUT = (
    '{ entity(id: "service:libraries") { related { related { related { related { related { id }'
    " } } } } } }"
)
ALIASES = (
    "{ "
    + " ".join(
        f'a{i}: neighbourhood(id: "service:libraries", depth: 3, limit: 2000) {{ nodes {{ id }} }}'
        for i in range(30)
    )
    + " }"
)


@pytest.mark.parametrize("document", [FAN_OUT, ALIASES], ids=["fan-out", "aliases"])
async def test_costly_documents_are_refused_before_they_run(
    api_client: httpx.AsyncClient, document: str
) -> None:
    began = time.monotonic()
    response = await api_client.post("/graphql", json={"query": document})
    elapsed = time.monotonic() - began
    errors = response.json()["errors"]
    assert errors[0]["extensions"]["code"] == "QUERY_TOO_COSTLY", errors
    assert "limit of 50,000" in errors[0]["message"]
    assert elapsed < 1.0  # refused by validation: no query reaches Neo4j


async def test_everyday_documents_are_within_the_cost_limit(api_client: httpx.AsyncClient) -> None:
    from api.graphql.examples import EXAMPLE_QUERIES

    response = await api_client.post("/graphql", json={"query": EXAMPLE_QUERIES})
    for error in response.json().get("errors") or []:
        assert error.get("extensions", {}).get("code") != "QUERY_TOO_COSTLY", error


async def test_request_bodies_over_the_limit_are_refused(api_client: httpx.AsyncClient) -> None:
    big = "x" * (2 * MB)
    response = await api_client.post(
        "/graphql", json={"query": "query ($q: String!) { search(query: $q) { id } }",
                          "variables": {"q": big}}
    )  # fmt: skip
    assert response.status_code == 413
    assert "CIVICGRAPH_REQUEST_MAX_BYTES" in response.json()["detail"]
    cypher = await api_client.post("/cypher", content=b"{" + b" " * (2 * MB) + b"}")
    assert cypher.status_code == 413


# -- outages: said at once ----------------------------------------------------------------------


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that accepts connections and never answers: a server that hangs."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    try:
        yield int(server.getsockname()[1])
    finally:
        server.close()


async def test_graphql_says_the_database_is_unavailable_within_seconds(
    test_settings: Settings,
) -> None:
    from asgi_lifespan import LifespanManager

    app = create_app(test_settings, neo4j_uri=f"bolt://127.0.0.1:{free_port()}")
    async with LifespanManager(app, startup_timeout=60):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            began = time.monotonic()
            response = await http.post(
                "/graphql", json={"query": '{ entity(id: "service:libraries") { id } }'}
            )
            elapsed = time.monotonic() - began
    assert response.status_code == 200
    error = response.json()["errors"][0]
    assert error["extensions"] == {"code": "SERVICE_UNAVAILABLE"}
    assert error["path"] == ["entity"]
    assert elapsed < 10


@pytest.mark.parametrize("body", [b'"string"', b"null", b"42", b"true", b"{not json"])
async def test_a_body_that_is_no_graphql_request_is_a_400(
    api_client: httpx.AsyncClient, body: bytes
) -> None:
    response = await api_client.post(
        "/graphql", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 400, response.text


@pytest.mark.parametrize("kind", ["refused", "silent"])
async def test_health_answers_within_two_seconds_when_neo4j_is_gone(
    test_settings: Settings, silent_port: int, kind: str
) -> None:
    from asgi_lifespan import LifespanManager

    port = free_port() if kind == "refused" else silent_port
    app = create_app(test_settings, neo4j_uri=f"bolt://127.0.0.1:{port}")
    async with LifespanManager(app, startup_timeout=60):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            began = time.monotonic()
            response = await http.get("/health")
            elapsed = time.monotonic() - began
    assert response.status_code == 503
    assert response.json()["neo4j"]["reachable"] is False
    assert elapsed <= 2.0


# -- the local Neo4j is locked ------------------------------------------------------------------


def _local_only(test_settings: Settings, neo4j_uri: str) -> Path:
    if os.environ.get("NEO4J_URI"):
        pytest.skip("the tests use a Neo4j of NEO4J_URI, not the project's own")
    port = neo4j_uri.rsplit(":", 1)[1]
    home = test_settings.state_dir / f"neo4j-{port}"
    if not home.is_dir():
        pytest.skip("the tests use a Neo4j container, not the project's own")
    return home


async def test_the_local_neo4j_refuses_connections_without_its_password(
    neo4j_uri: str, test_settings: Settings, session_db: Database
) -> None:
    home = _local_only(test_settings, neo4j_uri)
    password_file = home / PASSWORD_FILE
    assert stat.S_IMODE(password_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE(home.parent.stat().st_mode) == 0o700
    _, password = neo4j_auth(test_settings, neo4j_uri)
    assert password == password_file.read_text().strip()
    for auth in (None, ("neo4j", "neo4j"), ("neo4j", "civicgraph-local")):
        driver = AsyncGraphDatabase.driver(neo4j_uri, auth=auth)
        try:
            with pytest.raises(AuthError):
                await driver.verify_connectivity()
        finally:
            await driver.close()
    await asyncio.wait_for(session_db.read("RETURN 1 AS one"), timeout=30)


async def test_a_query_neo4j_cannot_carry_out_is_a_400_with_its_reason(
    analyst: httpx.AsyncClient, db: Database
) -> None:
    await db.write("CREATE (:Entity:Body {id: 'body:alone', name: 'Alone'})")
    query = (
        "MATCH (a:Entity {id: 'body:alone'}) "
        "MATCH p = allShortestPaths((a)-[*..3]-(a)) RETURN length(p)"
    )
    response = await analyst.post("/cypher", json={"query": query}, headers=HEADERS)
    assert response.status_code == 400, response.text
    assert "could not run the query" in response.json()["detail"]
    await still_answers(analyst)


@pytest.mark.parametrize(
    "text", ["Health AND Wellbeing", "Children OR Adults", "NOT this", 'a "b', "x" * 900]
)
async def test_search_takes_operator_words_and_long_text_as_plain_text(
    api_client: httpx.AsyncClient, text: str
) -> None:
    response = await api_client.post(
        "/graphql",
        json={
            "query": "query ($q: String!) { search(query: $q) { id } }",
            "variables": {"q": text},
        },
    )
    assert response.status_code == 200, response.text
    assert "errors" not in response.json(), response.json()


async def test_search_text_past_the_limit_is_a_bad_argument(api_client: httpx.AsyncClient) -> None:
    response = await api_client.post(
        "/graphql",
        json={
            "query": "query ($q: String!) { search(query: $q) { id } }",
            "variables": {"q": "libraries " * 200},
        },
    )
    error = response.json()["errors"][0]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": "query"}
    assert "at most 1000 characters" in error["message"]


# -- more of what was tried on /cypher: administration, users, configuration, files -------------

ADMINISTRATION = [
    "CREATE USER mallory SET PASSWORD 'secret-password' CHANGE NOT REQUIRED",
    "ALTER USER neo4j SET PASSWORD 'owned-password'",
    "ALTER CURRENT USER SET PASSWORD FROM 'x' TO 'owned-password'",
    "GRANT ROLE admin TO neo4j",
    "CREATE DATABASE smuggled",
    "STOP DATABASE neo4j",
    "DROP DATABASE neo4j",
    "CALL dbms.setConfigValue('db.transaction.timeout', '0')",
    "CALL dbms.killQueries(['query-1'])",
    "CALL dbms.security.createUser('mallory', 'secret-password', false)",
    "CALL db.createRelationshipType('SMUGGLED')",
    "CALL db.index.fulltext.createNodeIndex('smuggled', ['Entity'], ['name'])",
    "MERGE (:Smuggled)",
    "MATCH (n) SET n += {owned: true} RETURN n",
    "WITH 1 AS x CALL { CREATE (:Smuggled) } RETURN x",
    "LOAD CSV FROM 'http://169.254.169.254/latest/meta-data/' AS r RETURN r",
    "CALL { LOAD CSV FROM 'file:///etc/shadow' AS r RETURN r } RETURN r",
]


@pytest.mark.parametrize("query", ADMINISTRATION)
async def test_administration_and_file_access_are_refused_and_change_nothing(
    analyst: httpx.AsyncClient, db: Database, query: str
) -> None:
    await db.write("CREATE (:Entity:Body {id: 'body:kept', name: 'Kept'})")
    before = await snapshot(db)
    response = await analyst.post("/cypher", json={"query": query}, headers=HEADERS)
    assert response.status_code == 400, response.text
    assert await snapshot(db) == before
    await still_answers(analyst)


# -- every named query is bounded on the server -------------------------------------------------


async def test_a_named_query_past_its_timeout_is_stopped_by_the_server(
    neo4j_uri: str, test_settings: Settings, session_db: Database
) -> None:
    settings = test_settings.model_copy(update={"query_timeout_s": 1.0})
    bounded = open_database(settings, neo4j_uri)
    try:
        with pytest.raises(Neo4jError) as stopped:
            await bounded.read("UNWIND range(1, 10000000000) AS i WITH i WHERE i < 0 RETURN i")
        assert "TransactionTimedOut" in (stopped.value.code or ""), stopped.value
        assert (await bounded.read("RETURN 1 AS one")).records[0]["one"] == 1
    finally:
        await bounded.close()


# -- GraphQL over GET is bounded as over POST ---------------------------------------------------


async def test_a_huge_search_string_in_a_get_request_is_a_bad_argument(
    api_client: httpx.AsyncClient,
) -> None:
    variables = orjson.dumps({"q": "x" * 60_000}).decode()  # near the longest URL clients send
    response = await api_client.get(
        "/graphql",
        params={"query": "query ($q: String!) { search(query: $q) { id } }",
                "variables": variables},
    )  # fmt: skip
    assert response.status_code == 200, response.text[:300]
    error = response.json()["errors"][0]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": "query"}


async def test_the_fan_out_over_get_is_refused_before_it_runs(
    api_client: httpx.AsyncClient,
) -> None:
    response = await api_client.get("/graphql", params={"query": FAN_OUT})
    errors = response.json()["errors"]
    assert errors[0]["extensions"]["code"] == "QUERY_TOO_COSTLY", errors


def test_a_process_handed_the_local_uri_reads_the_generated_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """API workers and tests' servers get `NEO4J_URI` of a local Neo4j another process started."""
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    monkeypatch.chdir(tmp_path)  # no .env of the developer's
    home = tmp_path / "neo4j-17687"
    home.mkdir()
    (home / PASSWORD_FILE).write_text("generated-secret\n")
    uri = "bolt://127.0.0.1:17687"
    handed = Settings(NEO4J_URI=uri, CIVICGRAPH_STATE_DIR=tmp_path)
    assert neo4j_auth(handed, uri) == ("neo4j", "generated-secret")
    told = Settings(NEO4J_URI=uri, NEO4J_PASSWORD="told-secret", CIVICGRAPH_STATE_DIR=tmp_path)
    assert neo4j_auth(told, uri)[1] == "told-secret"
    elsewhere = "bolt://db.example.org:17687"
    remote = Settings(NEO4J_URI=elsewhere, CIVICGRAPH_STATE_DIR=tmp_path)
    assert neo4j_auth(remote, elsewhere)[1] == remote.neo4j_password.get_secret_value()

"""`POST /cypher` through HTTP against a real Neo4j: only reads run, bounded, behind API keys."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from asgi_lifespan import LifespanManager
from pydantic import SecretStr

from api.app import create_app
from graph.db import Database
from graph.schema import await_fulltext
from graph.settings import Settings

API_KEY = "analyst-key-1"
HEADERS = {"Authorization": f"Bearer {API_KEY}"}
ROW_LIMIT = 50
TIMEOUT_S = 20.0  # generous: a cold server plans a first query slowly on a busy machine
SHORT_TIMEOUT_S = 1.0

SMALL_GRAPH = """
CREATE (body:Entity:Body {id: 'body:northshire', type: 'Body', name: 'Northshire Council'})
CREATE (post:Entity:Post {id: 'post:northshire:ceo', type: 'Post', name: 'Chief Executive',
                          validFrom: date('2016-04-01')})
CREATE (post)-[:BELONGS_TO {id: 'rel:1', status: 'current'}]->(body)
CREATE (doc:Document {id: 'document:review', name: 'Management review'})
CREATE (:Evidence {id: 'ev:1', factId: 'post:northshire:ceo', paragraph: '3.1',
                   quote: 'The Chief Executive leads the council'})-[:FROM_DOCUMENT]->(doc)
"""


def endpoint_settings(base: Settings, keys: list[str], timeout_s: float = TIMEOUT_S) -> Settings:
    return base.model_copy(
        update={
            "api_keys": [SecretStr(key) for key in keys],
            "cypher_timeout_s": timeout_s,
            "cypher_row_limit": ROW_LIMIT,
        }
    )


async def http_client(settings: Settings, neo4j_uri: str) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, neo4j_uri=neo4j_uri)
    async with LifespanManager(app, startup_timeout=60):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            yield http


@pytest.fixture
async def client(
    neo4j_uri: str, test_settings: Settings, db: Database
) -> AsyncIterator[httpx.AsyncClient]:
    await db.write(SMALL_GRAPH)
    await await_fulltext(db)  # the full-text indexes are eventually consistent
    async for http in http_client(endpoint_settings(test_settings, [API_KEY]), neo4j_uri):
        yield http


async def snapshot(db: Database) -> dict[str, Any]:
    """Everything a refused query could have changed: data, label tokens, schema."""
    nodes, _, _ = await db.read(
        "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props ORDER BY n.id"
    )
    rels, _, _ = await db.read(
        "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS type, properties(r) AS props, b.id AS b "
        "ORDER BY a, type, b"
    )
    labels, _, _ = await db.read("CALL db.labels() YIELD label RETURN collect(label) AS all")
    indexes, _, _ = await db.read("SHOW INDEXES YIELD name RETURN collect(name) AS names")
    constraints, _, _ = await db.read("SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names")
    return {
        "nodes": [dict(r) for r in nodes],
        "relationships": [dict(r) for r in rels],
        "labels": sorted(labels[0]["all"]),
        "indexes": sorted(indexes[0]["names"]),
        "constraints": sorted(constraints[0]["names"]),
    }


REFUSED: list[tuple[str, str]] = [
    ("CREATE (n:Entity:Body {id: 'body:new', name: 'New'})", "it writes"),
    ("MERGE (n:Entity {id: 'body:northshire'}) RETURN n", "it reads and writes"),
    ("MERGE (n:Entity {id: 'body:elsewhere'}) ON CREATE SET n.name = 'x'", "writes"),
    ("MATCH (n:Entity) SET n.name = 'changed'", "it writes"),
    ("MATCH (n) DETACH DELETE n", "it writes"),
    ("MATCH ()-[r:BELONGS_TO]->() DELETE r", "it writes"),
    ("MATCH (n:Entity) REMOVE n.name", "it writes"),
    ("MATCH (n:Body) REMOVE n:Body", "it writes"),
    ("LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row", "LOAD CSV"),
    ("load  csv with headers from 'https://example.org/x.csv' AS row RETURN row", "LOAD CSV"),
    ("CALL db.createLabel('Smuggled')", "not on the read-only allowlist"),
    ("CALL `db`.`createProperty`('smuggled')", "not on the read-only allowlist"),
    ("CALL db.clearQueryCaches()", "not on the read-only allowlist"),
    ("CALL apoc.create.node(['X'], {}) YIELD node RETURN node", "APOC"),
    ("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10 ROWS", "IN TRANSACTIONS"),
    ("CALL { MATCH (n) RETURN n } IN TRANSACTIONS RETURN count(*)", "IN TRANSACTIONS"),
    ("CREATE INDEX smuggled FOR (n:Entity) ON (n.description)", "schema"),
    ("CREATE CONSTRAINT smuggled FOR (n:Person) REQUIRE n.name IS UNIQUE", "schema"),
    ("DROP CONSTRAINT entity_id", "schema"),
    ("DROP INDEX entity_name", "schema"),
    ("SHOW USERS", "administration"),
    ("MATCH (n) RETURN n; CREATE (m:Smuggled)", "one statement"),
    ("MATCH (n) RETURN n /* ; */ ; MATCH (m) DETACH DELETE m", "one statement"),
    ("RETURN ';' AS x; CREATE (m:Smuggled)", "one statement"),
    ("MATCH (n:Entity) CALL (n) { SET n.name = 'changed' } RETURN count(*) AS c", "writes"),
    # The planner drops this write and calls the query read-only; the read transaction refuses it.
    ("MATCH (n) WITH n CALL (n) { WITH n WHERE false CREATE (:Smuggled) } RETURN n", "writes"),
    ("MATCH (n:Entity) FOREACH (x IN [1] | SET n.touched = x)", "it writes"),
    ("USE neo4j MATCH (n) DETACH DELETE n", "USE"),
    ("TERMINATE TRANSACTIONS 'neo4j-transaction-1'", "transaction"),
    ("EXPLAIN MATCH (n) DETACH DELETE n", "EXPLAIN"),
    ("PROFILE MATCH (n) RETURN n", "EXPLAIN or PROFILE"),
]


@pytest.mark.parametrize(("query", "reason"), REFUSED, ids=[q for q, _ in REFUSED])
async def test_writes_and_unsafe_queries_are_refused_and_change_nothing(
    client: httpx.AsyncClient, db: Database, query: str, reason: str
) -> None:
    before = await snapshot(db)
    response = await client.post("/cypher", json={"query": query}, headers=HEADERS)
    assert response.status_code == 400, response.text
    detail = response.json()["detail"]
    assert detail.startswith("query refused:")
    assert reason.lower() in detail.lower()
    assert await snapshot(db) == before


async def test_read_query_returns_columns_and_clean_values(client: httpx.AsyncClient) -> None:
    query = (
        "MATCH path = (post:Post {id: $id})-[rel:BELONGS_TO]->(body:Body) "
        "RETURN post, rel, body.name AS body, post.validFrom AS since, path, [1, 'a'] AS list, "
        "{n: 1.5} AS map, datetime('2016-04-01T10:30:00Z') AS at, duration('P1DT2H') AS span, "
        "point({x: 1.0, y: 2.0}) AS place"
    )
    response = await client.post(
        "/cypher",
        json={"query": query, "parameters": {"id": "post:northshire:ceo"}},
        headers=HEADERS,
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["columns"] == [
        "post", "rel", "body", "since", "path", "list", "map", "at", "span", "place"
    ]  # fmt: skip
    assert body["rowCount"] == 1
    assert body["truncated"] is False
    assert body["rowLimit"] == ROW_LIMIT
    post, rel, body_name, since, path, values, mapping, at, span, place = body["rows"][0]
    assert post["labels"] == ["Entity", "Post"]
    assert post["properties"]["validFrom"] == "2016-04-01"
    assert rel["type"] == "BELONGS_TO"
    assert rel["start"] == post["id"]
    assert rel["end"] == path["nodes"][1]["id"]
    assert rel["properties"] == {"id": "rel:1", "status": "current"}
    assert body_name == "Northshire Council"
    assert since == "2016-04-01"
    assert [n["properties"]["id"] for n in path["nodes"]] == [
        "post:northshire:ceo",
        "body:northshire",
    ]
    assert path["relationships"] == [rel]
    assert values == [1, "a"]
    assert mapping == {"n": 1.5}
    assert at.startswith("2016-04-01T10:30:00")
    assert span == "P1DT2H"
    assert place == {"srid": 7203, "coordinates": [1.0, 2.0]}


async def test_allowlisted_procedures_run(client: httpx.AsyncClient) -> None:
    labels = await client.post(
        "/cypher",
        json={"query": "CALL db.labels() YIELD label RETURN label ORDER BY label"},
        headers=HEADERS,
    )
    assert labels.status_code == 200, labels.text
    assert ["Body"] in labels.json()["rows"]
    components = await client.post(
        "/cypher",
        json={"query": "CALL dbms.components() YIELD edition RETURN edition"},
        headers=HEADERS,
    )
    assert components.status_code == 200, components.text
    search = await client.post(
        "/cypher",
        json={
            "query": "CALL db.index.fulltext.queryNodes('entity_text', $q) YIELD node "
            "RETURN node.id AS id",
            "parameters": {"q": "Northshire"},
        },
        headers=HEADERS,
    )
    assert search.status_code == 200, search.text
    assert ["body:northshire"] in search.json()["rows"]


async def test_large_result_is_truncated_and_says_so(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/cypher", json={"query": "UNWIND range(1, 100000) AS x RETURN x"}, headers=HEADERS
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["truncated"] is True
    assert body["rowCount"] == ROW_LIMIT
    assert body["rows"] == [[x] for x in range(1, ROW_LIMIT + 1)]

    exactly = await client.post(
        "/cypher", json={"query": f"UNWIND range(1, {ROW_LIMIT}) AS x RETURN x"}, headers=HEADERS
    )
    assert exactly.json()["truncated"] is False
    assert exactly.json()["rowCount"] == ROW_LIMIT


async def test_slow_query_is_stopped_by_the_timeout(
    neo4j_uri: str, test_settings: Settings, db: Database
) -> None:
    slow = (
        "UNWIND range(1, 1000000) AS x UNWIND range(1, 1000000) AS y "
        "WITH x, y WHERE x * y = -1 RETURN count(*)"
    )
    settings = endpoint_settings(test_settings, [API_KEY], timeout_s=SHORT_TIMEOUT_S)
    async for http in http_client(settings, neo4j_uri):
        began = time.monotonic()
        response = await http.post("/cypher", json={"query": slow}, headers=HEADERS)
        elapsed = time.monotonic() - began
        assert response.status_code == 504, response.text
        assert "stopped after 1 s" in response.json()["detail"]
        assert elapsed < SHORT_TIMEOUT_S + 10
        after = await http.post("/cypher", json={"query": "RETURN 1 AS one"}, headers=HEADERS)
        assert after.json()["rows"] == [[1]]


async def test_invalid_cypher_and_missing_parameters_are_400(client: httpx.AsyncClient) -> None:
    syntax = await client.post("/cypher", json={"query": "MATCH (n RETURN n"}, headers=HEADERS)
    assert syntax.status_code == 400
    assert "could not run the query" in syntax.json()["detail"]
    missing = await client.post(
        "/cypher", json={"query": "MATCH (n {id: $id}) RETURN n"}, headers=HEADERS
    )
    assert missing.status_code == 400
    assert "id" in missing.json()["detail"]


async def test_malformed_request_is_422(client: httpx.AsyncClient) -> None:
    response = await client.post("/cypher", json={"parameters": {}}, headers=HEADERS)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "query"]


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong-key"}, {"Authorization": f"Basic {API_KEY}"}],
    ids=["missing", "wrong", "not-bearer"],
)
async def test_missing_or_wrong_key_is_401(
    client: httpx.AsyncClient, db: Database, headers: dict[str, str]
) -> None:
    before = await snapshot(db)
    response = await client.post(
        "/cypher", json={"query": "MATCH (n) RETURN count(n)"}, headers=headers
    )
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert "API key" in response.json()["detail"]
    assert await snapshot(db) == before


async def test_any_configured_key_is_accepted(
    neo4j_uri: str, test_settings: Settings, db: Database
) -> None:
    settings = endpoint_settings(test_settings, ["first-key", "second-key"])
    async for http in http_client(settings, neo4j_uri):
        for key in ("first-key", "second-key"):
            response = await http.post(
                "/cypher",
                json={"query": "RETURN 1 AS one"},
                headers={"Authorization": f"Bearer {key}"},
            )
            assert response.status_code == 200, response.text


async def test_endpoint_is_off_without_configured_keys(
    neo4j_uri: str, test_settings: Settings, db: Database
) -> None:
    async for http in http_client(endpoint_settings(test_settings, []), neo4j_uri):
        response = await http.post(
            "/cypher", json={"query": "RETURN 1"}, headers={"Authorization": "Bearer anything"}
        )
    assert response.status_code == 403
    assert "off" in response.json()["detail"]
    assert "CIVICGRAPH_API_KEYS" in response.json()["detail"]


def test_api_keys_are_read_comma_separated_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CIVICGRAPH_API_KEYS", " first-key, second-key ,")
    keys = [key.get_secret_value() for key in Settings().api_keys]
    assert keys == ["first-key", "second-key"]
    monkeypatch.setenv("CIVICGRAPH_API_KEYS", "")
    assert Settings().api_keys == []


async def test_neo4j_warnings_come_back_as_notices(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/cypher", json={"query": "MATCH (n:Bodyy) RETURN n"}, headers=HEADERS
    )
    assert response.status_code == 200, response.text
    assert response.json()["rows"] == []
    assert any("Bodyy" in notice for notice in response.json()["notices"])


async def test_keywords_inside_strings_and_comments_do_not_trip_the_check(
    client: httpx.AsyncClient,
) -> None:
    query = (
        "MATCH (n:Entity) // CREATE (m); USE system\n"
        "WHERE n.name <> 'LOAD CSV; CALL { } IN TRANSACTIONS' /* DETACH DELETE n */\n"
        "RETURN n.id AS `USE; id` ORDER BY n.id;"
    )
    response = await client.post("/cypher", json={"query": query}, headers=HEADERS)
    assert response.status_code == 200, response.text
    assert response.json()["columns"] == ["USE; id"]
    assert response.json()["rows"] == [["body:northshire"], ["post:northshire:ceo"]]

"""The foundation: schema, health and GraphQL against a real Neo4j."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from asgi_lifespan import LifespanManager

from api.app import create_app
from graph.db import Database
from graph.schema import SCHEMA_VERSION, apply_schema, recorded_schema_version
from graph.settings import Settings


async def test_schema_is_idempotent_and_versioned(db: Database) -> None:
    await apply_schema(db)
    records, _, _ = await db.read("SHOW CONSTRAINTS YIELD name RETURN count(*) AS n")
    before = records[0]["n"]
    await apply_schema(db)
    records, _, _ = await db.read("SHOW CONSTRAINTS YIELD name RETURN count(*) AS n")
    assert records[0]["n"] == before
    assert await recorded_schema_version(db) == SCHEMA_VERSION
    records, _, _ = await db.read("SHOW FULLTEXT INDEXES YIELD name, state RETURN name, state")
    assert {"name": "entity_text", "state": "ONLINE"} in [dict(r) for r in records]


@pytest.fixture
async def client(
    neo4j_uri: str, test_settings: Settings, db: Database
) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(test_settings, neo4j_uri=neo4j_uri)
    async with LifespanManager(app, startup_timeout=60):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            yield http


async def test_health_reports_neo4j_version(client: httpx.AsyncClient) -> None:
    response = await client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["neo4j"]["reachable"] is True
    assert body["neo4j"]["version"].startswith("5.26.")


async def test_graphql_answers_typename_and_schema_version(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json={"query": "{ __typename schemaVersion }"})
    assert response.status_code == 200
    assert response.json() == {"data": {"__typename": "Query", "schemaVersion": SCHEMA_VERSION}}


async def test_health_is_503_when_neo4j_is_down(test_settings: Settings) -> None:
    from tests.conftest import free_port

    app = create_app(test_settings, neo4j_uri=f"bolt://127.0.0.1:{free_port()}")
    async with LifespanManager(app, startup_timeout=60):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            response = await http.get("/health")
    assert response.status_code == 503
    assert "not reachable" in response.json()["neo4j"]["error"]


async def test_routing_scheme_reads_and_writes(neo4j_uri: str, test_settings: Settings) -> None:
    from graph.db import open_database

    routed = open_database(test_settings, neo4j_uri.replace("bolt://", "neo4j://", 1))
    try:
        await routed.write("MERGE (n:SchemaVersion {key: 'routing-check'}) SET n.version = 0")
        records, _, _ = await routed.read(
            "MATCH (n:SchemaVersion {key: 'routing-check'}) RETURN n.version AS version"
        )
        assert records[0]["version"] == 0
        await routed.write("MATCH (n:SchemaVersion {key: 'routing-check'}) DELETE n")
    finally:
        await routed.close()

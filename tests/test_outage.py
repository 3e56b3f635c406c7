"""Neo4j stopped under a running API: `/health` says so within 2 s, GraphQL answers
`SERVICE_UNAVAILABLE` within seconds (no 500, no hang), and when Neo4j is back the API recovers
by itself.

The API is `civicgraph serve` with two worker processes, as `make run` serves it, against a local
Neo4j of this test's own (a temporary state folder, a free port), which it stops and starts again.
The workers are given only the Neo4j's URI and state folder: each reads the generated password
from there.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path

import httpx
import pytest

from graph.db import open_database, wait_until_reachable
from graph.local_neo4j import LocalNeo4j
from graph.schema import SCHEMA_VERSION, apply_schema
from graph.settings import PROJECT_ROOT, Settings
from tests.conftest import free_port

SCHEMA_QUERY = {"query": "{ schemaVersion }"}
WORKERS = 2
HEALTH_LIMIT_S = 2.0
GRAPHQL_LIMIT_S = 10.0  # the read retry window (3 s) and a connection timeout (2 s), with room
RECOVERY_LIMIT_S = 30.0

pytestmark = pytest.mark.skipif(
    shutil.which("java") is None, reason="the outage test stops and starts a local Neo4j (Java)"
)


@pytest.fixture
def own_neo4j(tmp_path: Path) -> Iterator[LocalNeo4j]:
    settings = Settings(CIVICGRAPH_STATE_DIR=tmp_path / "state")
    server = LocalNeo4j(settings, port=free_port())
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
async def api(own_neo4j: LocalNeo4j, tmp_path: Path) -> AsyncIterator[str]:
    settings = Settings(CIVICGRAPH_STATE_DIR=tmp_path / "state")
    db = open_database(settings, own_neo4j.uri)
    try:
        await wait_until_reachable(db)
        await apply_schema(db)
    finally:
        await db.close()
    environment = {key: value for key, value in os.environ.items() if not key.startswith("NEO4J_")}
    environment |= {
        "NEO4J_URI": own_neo4j.uri,
        "CIVICGRAPH_STATE_DIR": str(tmp_path / "state"),
        "CIVICGRAPH_WORKERS": str(WORKERS),
    }
    port = free_port()
    log = (tmp_path / "api.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "cli.main", "serve", "--port", str(port)],
        cwd=PROJECT_ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        await _until(lambda: _health_is(base, 200), 60, "the API did not start", tmp_path)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


async def _fresh(base: str, method: str, path: str, json: object = None) -> httpx.Response:
    """One request on a connection of its own, so that the requests reach every worker."""
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        return await http.request(method, path, json=json)


async def _health_is(base: str, status: int) -> bool:
    try:
        return (await _fresh(base, "GET", "/health")).status_code == status
    except httpx.TransportError:
        return False


async def _answers(base: str) -> bool:
    response = await _fresh(base, "POST", "/graphql", json=SCHEMA_QUERY)
    body = response.json()
    return response.status_code == 200 and body == {"data": {"schemaVersion": SCHEMA_VERSION}}


async def _until(
    check: Callable[[], Awaitable[bool]], limit_s: float, failure: str, tmp_path: Path
) -> float:
    began = time.monotonic()
    while time.monotonic() - began < limit_s:
        if await check():
            return time.monotonic() - began
        await asyncio.sleep(0.25)
    log = tmp_path / "api.log"
    tail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
    raise AssertionError(f"{failure} within {limit_s:g} s\n{tail}")


async def test_neo4j_stopped_under_the_api_is_said_at_once_and_recovered_from(
    api: str, own_neo4j: LocalNeo4j, tmp_path: Path
) -> None:
    for _ in range(2 * WORKERS):  # every worker has asked Neo4j something: its pool holds some
        assert await _answers(api)

    await asyncio.to_thread(own_neo4j.stop)

    for _ in range(2 * WORKERS):
        began = time.monotonic()
        health = await _fresh(api, "GET", "/health")
        elapsed = time.monotonic() - began
        assert health.status_code == 503, health.text
        assert health.json()["neo4j"]["reachable"] is False
        assert elapsed <= HEALTH_LIMIT_S, f"/health took {elapsed:.2f} s"
    for _ in range(WORKERS):
        began = time.monotonic()
        response = await _fresh(api, "POST", "/graphql", json=SCHEMA_QUERY)
        elapsed = time.monotonic() - began
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["data"] == {"schemaVersion": None}
        assert [error["extensions"]["code"] for error in body["errors"]] == ["SERVICE_UNAVAILABLE"]
        assert elapsed < GRAPHQL_LIMIT_S, f"GraphQL took {elapsed:.2f} s"

    await asyncio.to_thread(own_neo4j.start)

    recovered = "/health did not recover"
    await _until(lambda: _health_is(api, 200), RECOVERY_LIMIT_S, recovered, tmp_path)
    for _ in range(2 * WORKERS):
        assert await _answers(api)

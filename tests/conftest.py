"""How the tests get their Neo4j, in order of preference:

1. `NEO4J_URI` (with `NEO4J_USER` / `NEO4J_PASSWORD`), when set: that server is used as it is.
2. testcontainers' Neo4j container (`neo4j:5.26`), when a Docker engine actually answers.
3. Otherwise the project's own local Neo4j (graph/local_neo4j.py) on a free port, in a temporary
   state directory, tied to this test process so that no JVM outlives it; its generated password
   is read from that directory (`neo4j_password` for commands run in a subprocess).

Every test that takes `db` starts from an empty graph with the schema applied.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from asgi_lifespan import LifespanManager

from api.app import create_app
from bench.generate import generate
from bench.generate_country import generate_country, spread_authorities
from graph.db import Database, neo4j_auth, open_database, wait_until_reachable
from graph.local_neo4j import LocalNeo4j
from graph.schema import apply_schema
from graph.settings import PROJECT_ROOT, Settings
from loaders.load import load

# Fixtures of the map's browser tests: Chromium, a live API server, pages.
pytest_plugins = ["tests.browser_support"]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def docker_engine_answers() -> bool:
    if shutil.which("docker") is None:
        return False
    try:
        result = subprocess.run(
            ["docker", "info", "--format", "{{.ServerVersion}}"],
            capture_output=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return result.returncode == 0 and bool(result.stdout.strip())


@pytest.fixture(scope="session")
def test_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(CIVICGRAPH_STATE_DIR=tmp_path_factory.mktemp("state"))


@pytest.fixture(scope="session")
def neo4j_uri(test_settings: Settings) -> Iterator[str]:
    if os.environ.get("NEO4J_URI"):
        yield os.environ["NEO4J_URI"]
        return
    if docker_engine_answers():
        from testcontainers.neo4j import Neo4jContainer

        password = test_settings.neo4j_password.get_secret_value()
        with Neo4jContainer("neo4j:5.26", password=password) as container:
            yield container.get_connection_url()
        return
    server = LocalNeo4j(test_settings, port=free_port())
    status = server.start()
    try:
        yield status.uri
    finally:
        server.stop()


@pytest.fixture(scope="session")
def neo4j_password(neo4j_uri: str, test_settings: Settings) -> str:
    """The password of the tests' Neo4j: the local one's generated password, else the settings'."""
    return neo4j_auth(test_settings, neo4j_uri)[1]


@pytest.fixture(scope="session")
async def session_db(neo4j_uri: str, test_settings: Settings) -> AsyncIterator[Database]:
    # The tests read whole graphs to compare them; the API's short read timeout (which the API
    # tests exercise through their own app) would fail them on a busy machine.
    reading_whole_graphs = test_settings.model_copy(update={"query_timeout_s": 300.0})
    database = open_database(reading_whole_graphs, neo4j_uri)
    await wait_until_reachable(database)
    await apply_schema(database)
    yield database
    await database.close()


async def clear_graph(database: Database) -> None:
    await database.autocommit(
        "MATCH (n) WHERE NOT n:SchemaVersion "
        "CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
    )


@pytest.fixture
async def db(session_db: Database) -> AsyncIterator[Database]:
    await clear_graph(session_db)
    yield session_db


@pytest.fixture
def project_root() -> Path:
    return Path(__file__).resolve().parent.parent


@pytest.fixture
async def api_client(
    neo4j_uri: str, test_settings: Settings, db: Database
) -> AsyncIterator[httpx.AsyncClient]:
    """The API in-process over the graph of `tests/fixtures/api`."""
    await load(db, [Path(__file__).parent / "fixtures" / "api"])
    app = create_app(test_settings, neo4j_uri=neo4j_uri)
    async with LifespanManager(app, startup_timeout=60):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            yield http


async def ask_api_once(settings: Settings, neo4j_uri: str, query: str) -> dict[str, Any]:
    """One GraphQL document asked of a fresh in-process API over the graph as it is; the body of
    its answer."""
    app = create_app(settings, neo4j_uri=neo4j_uri)
    async with LifespanManager(app, startup_timeout=60):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            body: dict[str, Any] = (await http.post("/graphql", json={"query": query})).json()
    return body


async def load_seed_and_generated(
    database: Database, folder: Path, bodies: int, authorities: int
) -> None:
    """The seed knowledge base, `bodies` generated bodies and `authorities` register authorities
    shaped as `bench/generate_country.py` shapes the whole country, naming the seed's services."""
    await load(database, [PROJECT_ROOT / "data"])
    records, _, _ = await database.read("MATCH (s:Service) RETURN s.id AS id ORDER BY id")
    services = [record["id"] for record in records]
    generate(folder / "bodies", bodies)
    country = folder / "country"
    generate_country(country, authorities=spread_authorities(authorities), services=services)
    await load(database, [folder / "bodies", country])

"""One async driver per process, and the small helpers every reader and writer goes through."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, LiteralString

from neo4j import AsyncDriver, AsyncGraphDatabase, EagerResult, Query, RoutingControl
from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable, SessionExpired

from graph.errors import Neo4jUnavailable
from graph.local_neo4j import USER, local_password
from graph.settings import Settings

# How long the driver waits to open a connection, and to get one from its pool.
CONNECTION_TIMEOUT_S = 2.0
ACQUISITION_TIMEOUT_S = 4.0
# Loads retry a deadlock or a lost leader for longer than a read waits for an answer.
WRITE_RETRY_S = 30.0


class Database:
    """A driver bound to one database: reads are routed to readers, writes to the leader.

    Every read runs with a transaction timeout on the server (`timeout_s`): a query that runs away
    is stopped there, and its caller gets an error instead of a stalled server.

    At most `concurrent_reads` reads of this process are in Neo4j at once; the others wait their
    turn here, in order. A hundred clients' queries sent at once would each get a Neo4j thread,
    and those threads would take the cores from the process that is to answer them."""

    def __init__(
        self,
        driver: AsyncDriver,
        database: str,
        timeout_s: float | None = None,
        concurrent_reads: int | None = None,
    ) -> None:
        self.driver = driver
        self.name = database
        self.timeout_s = timeout_s
        self._turns = asyncio.Semaphore(concurrent_reads) if concurrent_reads else None

    async def read(
        self, query: LiteralString, parameters: dict[str, Any] | None = None
    ) -> EagerResult:
        if self._turns is None:
            return await self._read(query, parameters)
        async with self._turns:
            return await self._read(query, parameters)

    async def _read(self, query: LiteralString, parameters: dict[str, Any] | None) -> EagerResult:
        return await self.driver.execute_query(
            Query(query, timeout=self.timeout_s),
            parameters,
            database_=self.name,
            routing_=RoutingControl.READ,
        )

    async def write(
        self, query: LiteralString, parameters: dict[str, Any] | None = None
    ) -> EagerResult:
        return await self.driver.execute_query(
            query, parameters, database_=self.name, routing_=RoutingControl.WRITE
        )

    async def autocommit(
        self, query: LiteralString, parameters: dict[str, Any] | None = None
    ) -> None:
        """Runs a query in an implicit transaction, as `CALL { ... } IN TRANSACTIONS` needs."""
        async with self.driver.session(database=self.name) as session:
            result = await session.run(query, parameters)
            await result.consume()

    async def server_version(self) -> str:
        records, _, _ = await self.read(
            "CALL dbms.components() YIELD name, versions, edition "
            "RETURN versions[0] AS version, edition"
        )
        return str(records[0]["version"])

    async def close(self) -> None:
        await self.driver.close()


def neo4j_auth(settings: Settings, uri: str) -> tuple[str, str]:
    """The credentials for `uri`: the local Neo4j's generated password, else the settings'.

    The local Neo4j is found where `NEO4J_URI` is unset, and also where it names the local
    server's loopback address while `NEO4J_PASSWORD` is not set: a process handed the URI of a
    local Neo4j another process started (an API worker, a test's server) reads its password
    from the same state folder."""
    password = local_password(settings, uri)
    if password is None and "neo4j_password" not in settings.model_fields_set:
        password = local_password(settings.model_copy(update={"neo4j_uri": None}), uri)
    if password is not None:
        return USER, password
    return settings.neo4j_user, settings.neo4j_password.get_secret_value()


def open_database(settings: Settings, uri: str | None = None) -> Database:
    target = uri or settings.effective_neo4j_uri
    # The named queries read optional properties (validTo, wording...) that a graph may not hold;
    # the server would warn about each on every query, and the driver parse every warning. Off by
    # default; the read-only Cypher for analysts asks for them in its own sessions.
    # Reads give up after a few seconds when Neo4j is away, so that clients hear of an outage
    # at once; the writer's sessions ask for a longer window (`WRITE_RETRY_S`).
    driver = AsyncGraphDatabase.driver(
        target,
        auth=neo4j_auth(settings, target),
        notifications_min_severity="OFF",
        connection_timeout=CONNECTION_TIMEOUT_S,
        connection_acquisition_timeout=ACQUISITION_TIMEOUT_S,
        max_transaction_retry_time=settings.read_retry_s,
    )
    return Database(
        driver, settings.neo4j_database, settings.query_timeout_s, settings.concurrent_reads
    )


async def wait_until_reachable(db: Database, attempts: int = 10, delay_s: float = 1.0) -> str:
    """Checks the connection with a bounded retry and returns the server's version."""
    last_error: Exception | None = None
    for _ in range(attempts):
        try:
            await db.driver.verify_connectivity()
            return await db.server_version()
        except AuthError as error:
            raise Neo4jUnavailable(f"Neo4j refused the credentials: {error.message}") from error
        except (ServiceUnavailable, SessionExpired, Neo4jError, OSError) as error:
            last_error = error
            await asyncio.sleep(delay_s)
    raise Neo4jUnavailable(f"Neo4j is not reachable: {last_error}") from last_error


@asynccontextmanager
async def connect(settings: Settings, uri: str | None = None) -> AsyncIterator[Database]:
    """Opens the database for a command-line task and closes it afterwards."""
    db = open_database(settings, uri)
    try:
        yield db
    finally:
        await db.close()

"""One async driver per process, and the small helpers every reader and writer goes through."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, LiteralString

from neo4j import AsyncDriver, AsyncGraphDatabase, EagerResult, RoutingControl
from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable, SessionExpired

from graph.errors import Neo4jUnavailable
from graph.settings import Settings


class Database:
    """A driver bound to one database: reads are routed to readers, writes to the leader."""

    def __init__(self, driver: AsyncDriver, database: str) -> None:
        self.driver = driver
        self.name = database

    async def read(
        self, query: LiteralString, parameters: dict[str, Any] | None = None
    ) -> EagerResult:
        return await self.driver.execute_query(
            query, parameters, database_=self.name, routing_=RoutingControl.READ
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


def open_database(settings: Settings, uri: str | None = None) -> Database:
    auth = (settings.neo4j_user, settings.neo4j_password.get_secret_value())
    # The named queries read optional properties (validTo, wording...) that a graph may not hold;
    # the server would warn about each on every query, and the driver parse every warning. Off by
    # default; the read-only Cypher for analysts asks for them in its own sessions.
    driver = AsyncGraphDatabase.driver(
        uri or settings.effective_neo4j_uri, auth=auth, notifications_min_severity="OFF"
    )
    return Database(driver, settings.neo4j_database)


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

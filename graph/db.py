"""One async driver per process, and the small helpers every reader and writer goes through."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, LiteralString

from neo4j import (
    READ_ACCESS,
    AsyncDriver,
    AsyncGraphDatabase,
    AsyncSession,
    EagerResult,
    Query,
    RoutingControl,
)
from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable, SessionExpired

from graph.answer_cache import VERSION_PROBE, AnswerCache, GraphVersion, answer_key
from graph.errors import Neo4jUnavailable
from graph.local_neo4j import USER, local_password
from graph.settings import Settings

# How long the driver waits to open a connection, and to get one from its pool.
CONNECTION_TIMEOUT_S = 2.0
ACQUISITION_TIMEOUT_S = 4.0
# Loads retry a deadlock or a lost leader for longer than a read waits for an answer.
WRITE_RETRY_S = 30.0
# A read that failed on a passing error (a lost connection, a leader election) is asked again
# after this, doubled each time, while the settings' `read_retry_s` lasts.
FIRST_READ_RETRY_DELAY_S = 0.2


def worth_asking_again(error: Exception) -> bool:
    """Whether a read that failed so may succeed if asked again: the driver's own judgement,
    except a query stopped at the transaction memory limit, which would only be stopped again."""
    if isinstance(error, Neo4jError) and "MemoryPoolOutOfMemory" in (error.code or ""):
        return False
    return isinstance(error, (Neo4jError, ServiceUnavailable, SessionExpired)) and (
        error.is_retryable()
    )


class Database:
    """A driver bound to one database: reads are routed to readers, writes to the leader.

    Every read runs with a transaction timeout on the server (`timeout_s`): a query that runs away
    is stopped there, and its caller gets an error instead of a stalled server.

    At most `concurrent_reads` reads of this process are in Neo4j at once; the others wait their
    turn here, in order. A hundred clients' queries sent at once would each get a Neo4j thread,
    and those threads would take the cores from the process that is to answer them.

    A read is one auto-commit transaction: its query and the request for its rows go in one
    message exchange, where a managed transaction (`execute_query`) needs a second to commit.
    Reads are asked again on passing errors, as the driver asks managed transactions again, for
    up to `read_retry_s`, and they share the bookmarks of `write`: a read sees what this
    process wrote before it, on a cluster as on one server.

    A read asked with `kept=True` is given from `answers` while the graph is unchanged since it
    was read (see `graph/answer_cache.py`): for the heaviest questions only, whose callers read
    the answer without changing it."""

    def __init__(
        self,
        driver: AsyncDriver,
        database: str,
        timeout_s: float | None = None,
        concurrent_reads: int | None = None,
        read_retry_s: float = 0.0,
        kept_answers: int = 0,
    ) -> None:
        self.driver = driver
        self.name = database
        self.timeout_s = timeout_s
        self.read_retry_s = read_retry_s
        self.answers = AnswerCache(kept_answers)
        self._turns = asyncio.Semaphore(concurrent_reads) if concurrent_reads else None

    async def read(
        self,
        query: LiteralString,
        parameters: dict[str, Any] | None = None,
        *,
        kept: bool = False,
    ) -> EagerResult:
        if self._turns is None:
            return await self._read(query, parameters, kept)
        async with self._turns:
            return await self._read(query, parameters, kept)

    async def _read(
        self, query: LiteralString, parameters: dict[str, Any] | None, kept: bool
    ) -> EagerResult:
        deadline = time.monotonic() + self.read_retry_s
        delay = FIRST_READ_RETRY_DELAY_S
        while True:
            try:
                timed = Query(query, timeout=self.timeout_s)
                if kept and self.answers.enabled:
                    return await self._read_kept_once(timed, parameters)
                return await self._read_once(timed, parameters)
            except Exception as error:
                if not worth_asking_again(error) or time.monotonic() + delay > deadline:
                    raise
            await asyncio.sleep(delay)
            delay *= 2

    def _session(self) -> AsyncSession:
        return self.driver.session(
            database=self.name,
            default_access_mode=READ_ACCESS,
            bookmark_manager=self.driver.execute_query_bookmark_manager,
        )

    async def _read_once(self, query: Query, parameters: dict[str, Any] | None) -> EagerResult:
        async with self._session() as session:
            result = await session.run(query, parameters)
            return await result.to_eager_result()

    async def _read_kept_once(self, query: Query, parameters: dict[str, Any] | None) -> EagerResult:
        """The kept answer if the graph is as it was read; else the answer read now, kept with
        the version probed before it (a write committed in between makes the next probe differ,
        so an answer is never given for a graph it was not read from)."""
        key = answer_key(str(query.text), parameters)
        async with self._session() as session:
            version = await self._version(session)
            kept = self.answers.get(key, version)
            if kept is not None:
                return kept
            result = await session.run(query, parameters)
            answer = await result.to_eager_result()
        self.answers.put(key, version, answer)
        return answer

    @staticmethod
    async def _version(session: AsyncSession) -> GraphVersion:
        probe = await session.run(VERSION_PROBE)
        record = await probe.single(strict=True)
        bookmarks = await session.last_bookmarks()
        return str(record["creationDate"]), frozenset(bookmarks.raw_values)

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
        driver,
        settings.neo4j_database,
        settings.query_timeout_s,
        settings.concurrent_reads,
        settings.read_retry_s,
        settings.kept_answers,
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

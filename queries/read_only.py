"""Runs Cypher for analysts: checked to be read-only, in a read transaction, bounded in time
and in rows, with the results as plain JSON.

`run_read_only` is for text from outside (the HTTP endpoint, `civicgraph cypher`); `run_read`
runs the project's own named queries under the same bounds without the check.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from typing import Any

import orjson
from neo4j import (
    READ_ACCESS,
    AsyncSession,
    NotificationMinimumSeverity,
    Query,
    ResultSummary,
)
from neo4j.exceptions import ClientError, DriverError, Neo4jError, TransientError

from graph.db import Database
from graph.errors import CivicGraphError, Neo4jUnavailable, QueryRefused, QueryTimedOut
from queries.read_only_guard import check_plan, check_text
from queries.values import JsonValue, to_json

# How long past the transaction timeout the client waits before giving up on the server.
CLIENT_GRACE_S = 5.0


@dataclass(frozen=True)
class CypherResult:
    columns: list[str]
    rows: list[list[JsonValue]]
    truncated: bool  # more rows existed than row_limit (or than max_bytes hold)
    row_limit: int
    timeout_s: float
    notices: tuple[str, ...] = ()  # Neo4j's warnings about the query (a label it does not know...)
    max_bytes: int | None = None  # the most the rows may weigh as JSON
    truncated_by_size: bool = False  # the rows stopped at max_bytes rather than at row_limit


async def run_read_only(
    db: Database,
    query: str,
    parameters: dict[str, Any] | None = None,
    *,
    timeout_s: float,
    row_limit: int,
    max_bytes: int | None = None,
) -> CypherResult:
    """Refuses anything but a read query (see `read_only_guard`), then runs it."""
    check_text(query)
    summary = await explain(db, query, parameters, timeout_s=timeout_s)
    check_plan(summary.query_type, summary.plan)
    result = await run_read(
        db, query, parameters, timeout_s=timeout_s, row_limit=row_limit, max_bytes=max_bytes
    )
    notices = tuple(
        status.status_description for status in summary.gql_status_objects if status.is_notification
    )
    return replace(result, notices=notices)


async def explain(
    db: Database, query: str, parameters: dict[str, Any] | None, *, timeout_s: float
) -> ResultSummary:
    """Neo4j's own verdict on a query without running it: its query type, plan and warnings."""
    # The text is an analyst's query: it is planned here, never run, and `check_text` has
    # already refused several statements, so prefixing EXPLAIN cannot smuggle anything in.
    text = "EXPLAIN " + query
    try:
        async with asyncio.timeout(timeout_s + CLIENT_GRACE_S):
            async with _read_session(db, notifications=True) as session:
                result = await session.run(Query(text, timeout=timeout_s), parameters or {})
                summary = await result.consume()
    except (Neo4jError, DriverError) as error:
        raise _translated(error, timeout_s) from error
    except TimeoutError as error:
        raise _timed_out(timeout_s) from error
    return summary


async def run_read(
    db: Database,
    query: str,
    parameters: dict[str, Any] | None = None,
    *,
    timeout_s: float,
    row_limit: int,
    max_bytes: int | None = None,
) -> CypherResult:
    """Runs a query in a read transaction with a timeout, keeping at most `row_limit` rows, and
    no more rows than `max_bytes` of JSON hold (an answer is never built whole in memory first).

    One attempt, not the driver's retries: a query that ran out of time or memory would only
    run out again, and the analyst should hear so at once.
    """
    text = query  # checked by `run_read_only`, or the project's own named query
    rows: list[list[JsonValue]] = []
    more = by_size = False
    try:
        async with asyncio.timeout(timeout_s + CLIENT_GRACE_S):
            async with _read_session(db, notifications=False) as session:
                tx = await session.begin_transaction(timeout=timeout_s)
                try:
                    result = await tx.run(text, parameters or {})
                    columns = list(result.keys())
                    weight = 0
                    async for record in result:
                        if len(rows) == row_limit:
                            more = True
                            break
                        row = [to_json(value) for value in record.values()]
                        weight += len(orjson.dumps(row))
                        if max_bytes is not None and weight > max_bytes:
                            more = by_size = True
                            break
                        rows.append(row)
                finally:
                    await tx.close()  # rolls back: a read has nothing to commit
    except (Neo4jError, DriverError) as error:
        raise _translated(error, timeout_s) from error
    except TimeoutError as error:
        raise _timed_out(timeout_s) from error
    return CypherResult(
        columns=columns,
        rows=rows,
        truncated=more,
        row_limit=row_limit,
        timeout_s=timeout_s,
        max_bytes=max_bytes,
        truncated_by_size=by_size,
    )


def _read_session(db: Database, *, notifications: bool) -> AsyncSession:
    # Warnings are asked for once, when the query is planned; running it again would repeat them.
    severity = (
        NotificationMinimumSeverity.WARNING if notifications else NotificationMinimumSeverity.OFF
    )
    return db.driver.session(
        database=db.name, default_access_mode=READ_ACCESS, notifications_min_severity=severity
    )


def _timed_out(timeout_s: float) -> QueryTimedOut:
    return QueryTimedOut(
        f"the query was stopped after {timeout_s:g} s (the limit, CIVICGRAPH_CYPHER_TIMEOUT_S)"
    )


def _translated(error: Neo4jError | DriverError, timeout_s: float) -> CivicGraphError:
    if isinstance(error, DriverError):
        return Neo4jUnavailable(f"Neo4j is not reachable: {error}")
    code = error.code or ""
    message = error.message or str(error)
    if "TransactionTimedOut" in code:
        return _timed_out(timeout_s)
    if code == "Neo.ClientError.Statement.AccessMode":
        # The plan looked read-only but the read transaction met a write: refused all the same.
        return QueryRefused(f"query refused: it writes, and runs in a read transaction ({message})")
    if "MemoryPoolOutOfMemoryError" in code:
        return QueryRefused(f"the query needs more memory than one transaction may use: {message}")
    if "OutOfMemoryError" in code:
        return QueryRefused(f"the query needs more memory than the server has: {message}")
    if isinstance(error, ClientError) or code.startswith("Neo.DatabaseError.Statement."):
        # A query Neo4j could not carry out as written (a shortest path from a node to itself...)
        # is the sender's to change: a 400 with Neo4j's own words.
        return QueryRefused(f"Neo4j could not run the query: {message}")
    if isinstance(error, TransientError):
        return Neo4jUnavailable(f"Neo4j could not run the query now; try again: {message}")
    return CivicGraphError(f"Neo4j failed to run the query ({code}): {message}")

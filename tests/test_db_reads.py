"""`Database.read`: one auto-commit transaction, asked again on passing errors only, seeing what
the same process wrote before it."""

from __future__ import annotations

from typing import Any

import pytest
from neo4j import EagerResult, Query
from neo4j.exceptions import Neo4jError, ServiceUnavailable

from graph.db import Database, open_database
from graph.settings import Settings
from tests.conftest import free_port


class CountingAttempts(Database):
    """A database counting the transactions its reads send to Neo4j."""

    def __init__(self, db: Database, read_retry_s: float) -> None:
        super().__init__(db.driver, db.name, db.timeout_s, read_retry_s=read_retry_s)
        self.attempts = 0

    async def _read_once(self, query: Query, parameters: dict[str, Any] | None) -> EagerResult:
        self.attempts += 1
        return await super()._read_once(query, parameters)


async def test_a_read_answers_in_one_transaction(db: Database) -> None:
    reads = CountingAttempts(db, read_retry_s=3.0)
    records, summary, keys = await reads.read("UNWIND [1, 2, 3] AS n RETURN n * $k AS m", {"k": 2})
    assert [record["m"] for record in records] == [2, 4, 6]
    assert keys == ["m"]
    assert summary.query_type == "r"
    assert reads.attempts == 1


async def test_a_read_sees_what_was_written_just_before(db: Database) -> None:
    await db.write("CREATE (:Probe {id: $id})", {"id": "probe:1"})
    records, _, _ = await db.read(
        "MATCH (p:Probe {id: $id}) RETURN count(p) AS n", {"id": "probe:1"}
    )
    assert records[0]["n"] == 1
    await db.write("MATCH (p:Probe) DELETE p")


async def test_a_query_past_the_memory_limit_is_not_asked_again(db: Database) -> None:
    reads = CountingAttempts(db, read_retry_s=3.0)
    with pytest.raises(Neo4jError) as raised:
        await reads.read("UNWIND range(1, 100000000) AS i RETURN collect(i) AS all")
    assert "MemoryPoolOutOfMemory" in (raised.value.code or "")
    assert reads.attempts == 1


async def test_a_mistake_in_the_query_is_not_asked_again(db: Database) -> None:
    reads = CountingAttempts(db, read_retry_s=3.0)
    with pytest.raises(Neo4jError) as raised:
        await reads.read("RETURN $missing AS x")
    assert (raised.value.code or "").startswith("Neo.ClientError")
    assert reads.attempts == 1


async def test_an_unreachable_server_is_asked_again_while_the_retry_window_lasts() -> None:
    nobody = open_database(Settings(NEO4J_PASSWORD="unused"), f"bolt://127.0.0.1:{free_port()}")
    try:
        patient, impatient = CountingAttempts(nobody, 1.0), CountingAttempts(nobody, 0.0)
        with pytest.raises(ServiceUnavailable):
            await patient.read("RETURN 1")
        with pytest.raises(ServiceUnavailable):
            await impatient.read("RETURN 1")
    finally:
        await nobody.close()
    # Delays of 0.2 and 0.4 s fit in one second; the next, 0.8 s, would not.
    assert patient.attempts == 3
    assert impatient.attempts == 1

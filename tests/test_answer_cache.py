"""Kept answers (`Database.read(..., kept=True)`): given again only while the graph is as it was
read, whoever wrote to it since: this process, another process, or a new store."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator

import httpx
import pytest
from neo4j import AsyncGraphDatabase

from graph.answer_cache import AnswerCache
from graph.db import Database

COUNT_PROBES = "MATCH (p:Probe) RETURN count(p) AS n, collect(p.name) AS names"


@pytest.fixture
async def keeping(db: Database) -> AsyncIterator[Database]:
    """The tests' database, keeping up to three answers."""
    yield Database(db.driver, db.name, db.timeout_s, kept_answers=3)


async def probes(db: Database) -> tuple[int, list[str]]:
    records, _, _ = await db.read(COUNT_PROBES, kept=True)
    return records[0]["n"], sorted(records[0]["names"])


async def test_an_answer_is_given_again_while_the_graph_is_unchanged(keeping: Database) -> None:
    await keeping.write("CREATE (:Probe {name: 'a'})")
    first = await keeping.read(COUNT_PROBES, kept=True)
    second = await keeping.read(COUNT_PROBES, kept=True)
    assert second is first
    assert (keeping.answers.misses, keeping.answers.hits) == (1, 1)
    other = await keeping.read(COUNT_PROBES + " , 1 AS one", kept=True)
    assert other is not first
    assert (keeping.answers.misses, keeping.answers.hits) == (2, 1)


async def test_a_write_of_this_process_is_seen_by_the_next_answer(keeping: Database) -> None:
    assert await probes(keeping) == (0, [])
    await keeping.write("CREATE (:Probe {name: 'a'})")
    assert await probes(keeping) == (1, ["a"])
    await keeping.write("MATCH (p:Probe) SET p.name = 'b'")
    assert await probes(keeping) == (1, ["b"])
    assert keeping.answers.hits == 0


async def test_a_write_of_another_process_is_seen_by_the_next_answer(
    keeping: Database, neo4j_uri: str, neo4j_password: str
) -> None:
    await keeping.write("CREATE (:Probe {name: 'a'})")
    assert await probes(keeping) == (1, ["a"])
    assert await probes(keeping) == (1, ["a"])
    assert keeping.answers.hits == 1
    # Another driver, with no bookmarks of this process: as a load from the command line.
    async with AsyncGraphDatabase.driver(neo4j_uri, auth=("neo4j", neo4j_password)) as other:
        await other.execute_query("CREATE (:Probe {name: 'c'})", database_=keeping.name)
    assert await probes(keeping) == (2, ["a", "c"])
    assert keeping.answers.hits == 1


async def test_a_write_rolled_back_changes_nothing_kept(keeping: Database) -> None:
    await keeping.write("CREATE (:Probe {name: 'a'})")
    first = await keeping.read(COUNT_PROBES, kept=True)
    async with keeping.driver.session(database=keeping.name) as session:
        transaction = await session.begin_transaction()
        await transaction.run("CREATE (:Probe {name: 'never'})")
        await transaction.rollback()
    assert await keeping.read(COUNT_PROBES, kept=True) is first


async def test_answers_are_kept_by_their_parameters(keeping: Database) -> None:
    query = "RETURN $n AS n, $when AS when"
    one = await keeping.read(query, {"n": 1, "when": dt.date(2020, 1, 1)}, kept=True)
    two = await keeping.read(query, {"n": 1, "when": dt.date(2020, 1, 2)}, kept=True)
    assert one.records[0]["when"] != two.records[0]["when"]
    again = await keeping.read(query, {"when": dt.date(2020, 1, 1), "n": 1}, kept=True)
    assert again is one


async def test_the_least_recently_asked_answer_is_forgotten_first(keeping: Database) -> None:
    for n in range(4):  # four answers in room for three: the first goes
        await keeping.read("RETURN $n AS n", {"n": n}, kept=True)
    assert len(keeping.answers) == 3
    await keeping.read("RETURN $n AS n", {"n": 3}, kept=True)
    await keeping.read("RETURN $n AS n", {"n": 0}, kept=True)
    assert (keeping.answers.hits, keeping.answers.misses) == (1, 5)


async def test_no_answer_is_kept_when_none_may_be(db: Database) -> None:
    none_kept = Database(db.driver, db.name, db.timeout_s, kept_answers=0)
    first = await none_kept.read(COUNT_PROBES, kept=True)
    assert await none_kept.read(COUNT_PROBES, kept=True) is not first
    assert len(none_kept.answers) == 0 and none_kept.answers.hits == 0


def test_the_cache_alone_keeps_the_version_it_was_given() -> None:
    cache = AnswerCache(entries=1)
    key = ("RETURN 1", "[]")
    cache.put(key, ("2026-01-01", frozenset({"FB:one"})), result=None)  # type: ignore[arg-type]
    assert cache.get(key, ("2026-01-01", frozenset({"FB:two"}))) is None
    assert cache.get(key, ("2026-01-02", frozenset({"FB:one"}))) is None  # a new store


ACCOUNTABILITY = """query ($service: ID!) { accountability(service: $service) {
  bodies { body { id name } lines { kind wording accountable { id name }
    holders { person { name } } evidence { documentId quote } } } } }"""


async def test_the_api_answers_a_changed_graph_at_once(
    api_client: httpx.AsyncClient, neo4j_uri: str, neo4j_password: str, db: Database
) -> None:
    """Asked twice, accountability is given from the kept answer; after a write by another
    process the next answer is the new graph's."""
    variables = {"service": "service:libraries"}

    async def ask() -> dict[str, object]:
        response = await api_client.post(
            "/graphql", json={"query": ACCOUNTABILITY, "variables": variables}
        )
        body = response.json()
        assert "errors" not in body, body
        return dict(body["data"])

    first = await ask()
    assert first["accountability"]["bodies"]  # type: ignore[index]
    assert await ask() == first
    async with AsyncGraphDatabase.driver(neo4j_uri, auth=("neo4j", neo4j_password)) as other:
        await other.execute_query(
            "MATCH (:Entity)-[r:COVERS|ACCOUNTABLE_FOR]->(:Service {id: $service}) "
            "SET r.wording = 'as reworded by another process'",
            variables,
            database_=db.name,
        )
    changed = await ask()
    wordings = {
        line["wording"]
        for body in changed["accountability"]["bodies"]  # type: ignore[index]
        for line in body["lines"]
    }
    assert wordings == {"as reworded by another process"}
    assert await ask() == changed

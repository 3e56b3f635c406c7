"""Nested navigation costs a bounded number of queries: the per-request loaders batch each level
into one named query, however many entities the level holds (no N+1)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, LiteralString

from neo4j import EagerResult

from api.context import Context
from api.graphql.schema import schema
from graph.db import Database
from graph.settings import Settings
from loaders.load import load

FIXTURES = Path(__file__).parent / "fixtures" / "api"

NAVIGATION = """{ entity(id: "body:northshire") { ... on Body {
  posts { name ... on Post { holders { person { name } } reportsTo { name } } }
  portfolios { name ... on Portfolio { services { name ... on Service { coveredBy { name } } } } }
} } }"""


class CountingDatabase(Database):
    """The real database, counting the reads that go through it."""

    def __init__(self, db: Database) -> None:
        super().__init__(db.driver, db.name)
        self.reads = 0

    async def read(
        self, query: LiteralString, parameters: dict[str, Any] | None = None
    ) -> EagerResult:
        self.reads += 1
        return await super().read(query, parameters)


async def test_nested_navigation_is_batched(db: Database, test_settings: Settings) -> None:
    await load(db, [FIXTURES])
    counting = CountingDatabase(db)
    result = await schema.execute(
        NAVIGATION, context_value=Context(db=counting, settings=test_settings)
    )
    assert result.errors is None
    body = result.data["entity"] if result.data else {}
    assert len(body["posts"]) == 6 and len(body["portfolios"]) == 2
    holders = [h["person"]["name"] for post in body["posts"] for h in post["holders"]]
    assert sorted(holders) == ["Cllr Alex North", "Sam Reader"]
    covered = {s["name"]: s["coveredBy"] for p in body["portfolios"] for s in p["services"]}
    assert {c["name"] for c in covered["Libraries"]} == {
        "Communities", "Head of Libraries", "Culture Manager", "Culture Board",
    }  # fmt: skip
    # entity; body relations + their entities; posts' holders and lines (one batch per kind)
    # + people; portfolios' services + services; services' coverers + coverers.
    assert counting.reads <= 12, counting.reads

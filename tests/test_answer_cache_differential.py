"""Every question whose answer may be kept gives, through a database keeping answers, what a
database computing every answer gives: over the seed knowledge base, for every service, body and
post, asked again and again while other connections change the graph between the rounds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from neo4j import AsyncGraphDatabase

from graph.db import Database
from loaders.load import load
from queries import gaps
from queries.accountability import LineParts, accountability_related, accountability_rows
from queries.graph_views import neighbourhood_row
from queries.structure import body_profiles, body_structure

DATA = Path(__file__).resolve().parent.parent / "data"
DATES = (None, dt.date(2013, 6, 1))

Question = Callable[[Database], Awaitable[Any]]

# Changes another process makes between the rounds, each to what the questions read.
CHANGES = (
    "MATCH (:Entity)-[r:COVERS|ACCOUNTABLE_FOR]->(:Service) WITH r ORDER BY r.id LIMIT 3 "
    "SET r.wording = 'reworded ' + r.id",
    "MATCH (:Person)-[h:HOLDS]->(:Post) WITH h ORDER BY h.id LIMIT 2 DELETE h "
    "WITH 1 AS done LIMIT 1 "
    "MATCH (p:Post) WITH p ORDER BY p.id LIMIT 2 SET p.name = p.name + ' (renamed)' "
    "WITH 1 AS done LIMIT 1 "
    "MATCH (:Body)<-[m:BELONGS_TO]-(:Post) WITH m ORDER BY m.id LIMIT 2 DELETE m",
)


SERVICES = """MATCH (s:Service)<-[:COVERS|ACCOUNTABLE_FOR|COULD_SIT_IN|CONCERNS]-()
RETURN DISTINCT s.id AS id ORDER BY id"""
BODIES = """MATCH (b:Body)<-[:BELONGS_TO]-(p:Post)
WITH b, count(p) AS n ORDER BY n DESC, b.id LIMIT 12
RETURN b.id AS id"""
POSTS = (
    "MATCH (p:Post)-[r]-() WITH p, count(r) AS n ORDER BY n DESC, p.id LIMIT 30 RETURN p.id AS id"
)


async def ids(db: Database, query: str) -> list[str]:
    records, _, _ = await db.read(query)  # type: ignore[arg-type]
    return [record["id"] for record in records]


async def every_question(db: Database) -> dict[str, Question]:
    """The kept questions, with the arguments the seed graph offers: every service someone
    answers for, every body with posts, the posts with the most relationships."""
    services, bodies, posts = (await ids(db, SERVICES), await ids(db, BODIES), await ids(db, POSTS))
    found: dict[str, Question] = {}
    for as_of in DATES:
        for service in services:
            found[f"accountability {service} {as_of}"] = lambda db, s=service, d=as_of: (
                accountability_rows(db, s, d, LineParts())
            )
            found[f"related {service} {as_of}"] = lambda db, s=service, d=as_of: (
                accountability_related(db, s, d)
            )
        for body in bodies:
            found[f"structure {body} {as_of}"] = lambda db, b=body, d=as_of: body_structure(
                db, b, d
            )
            for first in (None, 3):
                found[f"gaps {body} {as_of} {first}"] = lambda db, b=body, d=as_of, f=first: (
                    gaps.posts_without_holder(db, b, d, first=f)
                )
        found[f"profiles {as_of}"] = lambda db, d=as_of: body_profiles(db, bodies, d)
        found[f"counts {as_of}"] = lambda db, d=as_of: gaps.gap_counts(db, None, d)
        for post in posts:
            found[f"neighbourhood {post} {as_of}"] = lambda db, p=post, d=as_of: neighbourhood_row(
                db, p, 2, None, d
            )
    return found


def plain(value: Any) -> Any:
    """An answer as comparable data (pydantic records as their dumps)."""
    if hasattr(value, "model_dump"):
        return value.model_dump()
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


async def test_kept_answers_equal_computed_ones_while_the_graph_changes(
    db: Database, neo4j_uri: str, neo4j_password: str
) -> None:
    await load(db, [DATA])
    keeping = Database(db.driver, db.name, db.timeout_s, kept_answers=10_000)
    computing = Database(db.driver, db.name, db.timeout_s, kept_answers=0)
    questions = await every_question(db)
    assert len(questions) > 100, len(questions)
    async with AsyncGraphDatabase.driver(neo4j_uri, auth=("neo4j", neo4j_password)) as other:
        for change in (None, *CHANGES):
            if change is not None:
                await other.execute_query(change, database_=db.name)
            for name, question in questions.items():
                computed = plain(await question(computing))
                for asking in ("first", "again"):
                    kept = plain(await question(keeping))
                    assert kept == computed, (name, change, asking)
    # Every kept question was given again from the kept answer in every round.
    assert keeping.answers.hits >= len(CHANGES) * len(questions)
    assert computing.answers.hits == 0

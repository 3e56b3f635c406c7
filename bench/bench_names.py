"""The name lookup (`entitiesByName`, `nameMatches`) before and after its candidates came without
their bodies, on the graph as loaded (the country-scale one: `make bench-api-country`'s), through
the library functions the API calls, taken in turn call by call: per name typed, the round trips,
the records received and the database hits (`PROFILE`) of each, and p50/p95 over the runs.

    NEO4J_URI=bolt://... python -m bench.bench_names [--runs 50] [--warmup 5]

Before is the lookup as it was (`bench/name_lookup_standard.py`: every candidate's bodies, a record
each, every match read in full); after is `queries.entities` asked what the country benchmark's
questions select (`bench/country_questions.py`: `entitiesByName { id type name status }`,
`nameMatches(first: 20) { matchedName similarity entity { id type name } bodies }`), and in full.
Answers must be equal (after's summaries, the matches' names, closeness and bodies); reads only.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, LiteralString

from bench.bench_api import Figures
from bench.name_lookup_standard import standard_name_matches
from graph.db import Database, open_database
from graph.settings import Settings
from queries.entities import NAME_MATCHES, name_matches
from queries.records import NameMatchRecord

# The largest council with a register code (as the country benchmark picks it) and a holder of
# one of its posts.
COUNCIL = """
MATCH (b:Body)<-[:BELONGS_TO]-(m)
WHERE b.register_code IS NOT NULL
WITH b, count(m) AS members ORDER BY members DESC, b.id LIMIT 1
CALL (b) {
  MATCH (person:Person)-[:HOLDS]->(:Post)-[:BELONGS_TO]->(b)
  RETURN person.name AS councillor ORDER BY person.id LIMIT 1 }
RETURN b.name AS council, councillor"""
NAME_MATCHES_FIRST = 20


def db_hits(plan: Any) -> int:
    return int(plan.get("dbHits", 0)) + sum(db_hits(child) for child in plan.get("children", []))


@dataclass
class Work:
    round_trips: int = 0
    records: int = 0
    db_hits: int = 0


class Profiled:
    """A database whose reads are profiled: what a lookup asks of it, counted."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.work = Work()

    async def read(self, query: LiteralString, parameters: dict[str, Any] | None = None) -> Any:
        result = await self.db.read("PROFILE " + query, parameters)
        self.work.round_trips += 1
        self.work.records += len(result.records)
        self.work.db_hits += db_hits(result.summary.profile or {})
        return result


Lookup = Callable[[Any, str], Awaitable[list[NameMatchRecord]]]


def lookups() -> dict[str, dict[str, Lookup]]:
    """Per question, the lookup before and after (as the question's selection asks it)."""
    return {
        "entitiesByName": {
            "before": lambda db, name: standard_name_matches(db, name, None, NAME_MATCHES),
            "after": lambda db, name: name_matches(
                db, name, None, NAME_MATCHES, with_bodies=False, with_details=False
            ),
        },
        "nameMatches": {
            "before": lambda db, name: standard_name_matches(db, name, None, NAME_MATCHES_FIRST),
            "after": lambda db, name: name_matches(
                db, name, None, NAME_MATCHES_FIRST, with_details=False
            ),
        },
    }


def summary(matches: Sequence[NameMatchRecord], with_bodies: bool) -> list[tuple[Any, ...]]:
    return [
        (
            match.entity.id,
            match.entity.type,
            match.entity.name,
            match.entity.status,
            match.matched_name,
            match.similarity,
            match.bodies if with_bodies else None,
        )
        for match in matches
    ]


async def measure(args: argparse.Namespace) -> None:
    db = open_database(Settings())
    try:
        picked = (await db.read(COUNCIL)).records[0]
        council, councillor = picked["council"], picked["councillor"]
        misspelt = council[:4] + council[5:]  # a letter left out
        names = [council, councillor, "Senior Officer", "Senior Oficer 3", misspelt]
        print(f"names: {names}")
        for question, calls in lookups().items():
            with_bodies = question == "nameMatches"
            print(f"\n{question}")
            for name in names:
                answers, work = {}, {}
                for label, call in calls.items():
                    profiled = Profiled(db)
                    answers[label] = await call(profiled, name)
                    work[label] = profiled.work
                full = await name_matches(db, name, None, NAME_MATCHES if not with_bodies else 20)
                if summary(answers["before"], with_bodies) != summary(
                    answers["after"], with_bodies
                ) or (full != answers["before"]):
                    raise SystemExit(f"{question} {name!r}: the answers before and after differ")
                samples: dict[str, list[float]] = {label: [] for label in calls}
                for run in range(args.warmup + args.runs):
                    for label, call in calls.items():
                        start = time.perf_counter()
                        await call(db, name)
                        if run >= args.warmup:
                            samples[label].append((time.perf_counter() - start) * 1000)
                one, five, _ = os.getloadavg()
                print(f"  {name!r}: {len(answers['after'])} matches, same answers "
                      f"(load average {one:.1f} {five:.1f})")  # fmt: skip
                for label in calls:
                    done = work[label]
                    print(
                        f"    {Figures(label, samples[label]).line()}   "
                        f"{done.round_trips} round trips, {done.records} records, "
                        f"{done.db_hits:,} db hits"
                    )
    finally:
        await db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=5)
    args = parser.parse_args()
    if not os.environ.get("NEO4J_URI"):
        raise SystemExit("NEO4J_URI: the Neo4j holding the graph to measure")
    logging.getLogger("neo4j").setLevel(logging.ERROR)
    asyncio.run(measure(args))


if __name__ == "__main__":
    main()

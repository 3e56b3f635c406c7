"""Search quality: recall@5 and MRR of `search` and `entitiesByName` over the queries of
`bench/search_quality.yaml`, overall and per category, through the functions the API calls.

    python -m bench.evaluate_search [--misses]
    NEO4J_URI=bolt://... python -m bench.evaluate_search --keep-graph   # measure what is loaded

Uses NEO4J_URI when set, else starts the project's local Neo4j on a free port in a temporary
directory. The graph is emptied and the set's files are loaded first, unless --keep-graph.
recall@5 of a query is the share of its expected hits among the first five (of at most five
expected); its reciprocal rank is 1/rank of the first expected hit (0 when none comes back).
It also prints how long the `search` queries took (p50, p95, max of the wall time of the call:
its round trip to Neo4j, two when the text is new to the process and names an abbreviation
the knowledge base knows, over the set run a few times), an indication only.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import socket
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

import yaml
from neo4j.exceptions import Neo4jError
from pydantic import BaseModel, Field

from graph.db import Database, open_database, wait_until_reachable
from graph.local_neo4j import LocalNeo4j
from graph.schema import apply_schema
from graph.settings import PROJECT_ROOT, Settings
from loaders.load import load
from queries.entities import entities_by_name
from queries.records import SearchHitRecord
from queries.search import search

QUALITY_SET = PROJECT_ROOT / "bench" / "search_quality.yaml"
CUTOFF = 5
FETCHED = 20
TIMED_ROUNDS = 3


class QualityQuery(BaseModel):
    query: str
    lookup: Literal["search", "name"]
    category: str
    expect: list[str] = Field(min_length=1)


class QualitySet(BaseModel):
    load: list[Path]
    queries: list[QualityQuery] = Field(min_length=1)


class Outcome(BaseModel):
    query: QualityQuery
    found: list[str]  # the keys of what came back, best first
    recall: float
    reciprocal_rank: float
    error: str | None = None


def read_quality_set(path: Path = QUALITY_SET) -> QualitySet:
    return QualitySet.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def hit_keys(hit: SearchHitRecord) -> set[str]:
    """What an expectation may name a hit by: its id, and a passage's or a quote's paragraph."""
    keys = {hit.id}
    if hit.type in ("Passage", "Evidence") and hit.document_id and hit.paragraph:
        keys.add(f"{hit.document_id}#{hit.paragraph}")
    return keys


def score(query: QualityQuery, found: Sequence[set[str]]) -> Outcome:
    expected = set(query.expect)
    top = set().union(*found[:CUTOFF]) if found else set()
    recall = len(expected & top) / min(len(expected), CUTOFF)
    rank = next((i for i, keys in enumerate(found, 1) if keys & expected), None)
    names = [sorted(keys)[-1] for keys in found]
    return Outcome(
        query=query, found=names, recall=recall, reciprocal_rank=1 / rank if rank else 0.0
    )


async def run_query(db: Database, query: QualityQuery) -> Outcome:
    """A query the database refuses counts as one that found nothing, with its error."""
    try:
        if query.lookup == "name":
            records = await entities_by_name(db, query.query)
            return score(query, [{record.id} for record in records])
        hits = await search(db, query.query, None, FETCHED)
        return score(query, [hit_keys(hit) for hit in hits])
    except Neo4jError as error:
        failed = score(query, [])
        return failed.model_copy(update={"error": error.message or str(error)})


async def load_knowledge_base(db: Database, paths: Sequence[Path]) -> None:
    await db.autocommit("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS")
    await apply_schema(db)
    await load(db, [PROJECT_ROOT / path for path in paths])


async def search_milliseconds(db: Database, queries: Sequence[QualityQuery]) -> list[float]:
    """The wall time of each search of the set, in milliseconds, the set run a few times (the
    evaluation's own run warms the plans and the caches first)."""
    taken = []
    for _ in range(TIMED_ROUNDS):
        for query in queries:
            if query.lookup == "search":
                began = time.perf_counter()
                await search(db, query.query, None, FETCHED)
                taken.append((time.perf_counter() - began) * 1000)
    return sorted(taken)


def timing_line(taken: Sequence[float]) -> str:
    p50, p95 = (taken[min(len(taken) - 1, round(q * (len(taken) - 1)))] for q in (0.5, 0.95))
    return (
        f"search time over {len(taken)} calls: p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
        f"max {taken[-1]:.1f} ms (load average {os.getloadavg()[0]:.1f})"
    )


def report(outcomes: Sequence[Outcome], show_misses: bool) -> None:
    by_category: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        by_category[outcome.query.category].append(outcome)
    print(f"{'':28} {'queries':>7} {'recall@5':>9} {'MRR':>6}")
    for category, group in [*by_category.items(), ("overall", list(outcomes))]:
        recall = sum(o.recall for o in group) / len(group)
        mrr = sum(o.reciprocal_rank for o in group) / len(group)
        print(f"{category:28} {len(group):7d} {recall:9.3f} {mrr:6.3f}")
    errors = [o for o in outcomes if o.error]
    if errors:
        print(f"{len(errors)} queries failed with an error (counted as finding nothing):")
        for outcome in errors:
            print(f"  {outcome.query.query!r}: {(outcome.error or '').splitlines()[0][:160]}")
    if show_misses:
        print("\nqueries below full recall@5:")
        for outcome in outcomes:
            if outcome.recall < 1:
                query = outcome.query
                print(f"- [{query.lookup}] {query.query!r}: recall {outcome.recall:.2f}")
                print(f"    expected {query.expect}")
                print(f"    got      {outcome.found[:CUTOFF]}")


async def evaluate(uri: str, settings: Settings, keep_graph: bool, show_misses: bool) -> None:
    quality_set = read_quality_set()
    db = open_database(settings, uri)
    try:
        await wait_until_reachable(db)
        if keep_graph:
            await apply_schema(db)
        else:
            await load_knowledge_base(db, quality_set.load)
        outcomes = [await run_query(db, query) for query in quality_set.queries]
        report(outcomes, show_misses)
        print(timing_line(await search_milliseconds(db, quality_set.queries)))
    finally:
        await db.close()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--keep-graph", action="store_true", help="measure the graph as loaded")
    parser.add_argument("--misses", action="store_true", help="list the queries not fully met")
    args = parser.parse_args()
    logging.getLogger("neo4j").setLevel(logging.ERROR)
    if os.environ.get("NEO4J_URI"):
        uri = os.environ["NEO4J_URI"]
        asyncio.run(evaluate(uri, Settings(), args.keep_graph, args.misses))
        return
    with tempfile.TemporaryDirectory(prefix="civicgraph-search-state-") as state:
        settings = Settings(CIVICGRAPH_STATE_DIR=Path(state), CIVICGRAPH_NEO4J_HEAP="1g")
        server = LocalNeo4j(settings, port=free_port())
        status = server.start()
        try:
            asyncio.run(evaluate(status.uri, settings, args.keep_graph, args.misses))
        finally:
            server.stop()


if __name__ == "__main__":
    main()

"""The entity page of issue 18 over GraphQL from two checkouts of the API (the code before a change
and after it), beside the page written by hand in Cypher through the driver and the named query the
API runs for it (this checkout's) through the driver, taken in turn call by call on the graph as
loaded; with the CPU time each API process spent per request, which the machine's other work moves
far less than the latencies, and the database hits of each Cypher page (`PROFILE`).

    NEO4J_URI=bolt://... python -m bench.bench_entity_page --before DIR [--runs 300] [--warmup 50]

`DIR` is a checkout of the code before (`git archive REV | tar -x -C DIR`); the code after is this
one. Both answers must be equal. Loopback only; every loop is bounded.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import subprocess
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx

from bench.bench_api import (
    ENTITY_PAGE,
    HAND_WRITTEN_PAGE,
    Figures,
    GraphQLClient,
    free_port,
    start_api,
    wait_for_api,
)
from bench.process_cpu import cpu_seconds
from graph.db import open_database
from graph.settings import PROJECT_ROOT, Settings
from queries.entity_page import ORDERED_SHARE, page_query

# The API's own query for the page (`queries/entity_page.py` picks it for a name sorted by name).
API_QUERY = page_query("entity_page_by_name_in_order", "Post", "name", False)


def api_parameters(name: str) -> dict[str, Any]:
    return {"nameContains": name.lower(), "asOf": None, "offset": 0, "limit": 51,
            "orderedShare": ORDERED_SHARE, "withTotal": True, "withDetails": False,
            "withEvidence": False}  # fmt: skip


def db_hits(plan: Any) -> int:
    return int(plan.get("dbHits", 0)) + sum(db_hits(child) for child in plan.get("children", []))


def asking(client: GraphQLClient, variables: dict[str, Any]) -> Callable[[], Awaitable[Any]]:
    return lambda: client(ENTITY_PAGE, variables)


async def measure(args: argparse.Namespace, uri: str) -> None:
    settings = Settings()
    db = open_database(settings, uri)
    roots = {"before": args.before, "after": PROJECT_ROOT}
    servers: dict[str, subprocess.Popen[bytes]] = {}
    clients: dict[str, GraphQLClient] = {}
    try:
        for label, root in roots.items():
            port = free_port()
            servers[label] = start_api(uri, settings, port, root)
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=60) as http:
                await wait_for_api(http)
            clients[label] = GraphQLClient(port)
        variables = {"name": args.name}
        calls: dict[str, Callable[[], Awaitable[Any]]] = {
            f"GraphQL, {label}": asking(client, variables) for label, client in clients.items()
        }
        calls["hand-written Cypher"] = lambda: db.read(HAND_WRITTEN_PAGE, variables)
        parameters = api_parameters(args.name)
        calls["the API's Cypher"] = lambda: db.read(API_QUERY, parameters)
        for label, query, values in (
            ("hand-written Cypher", HAND_WRITTEN_PAGE, variables),
            ("the API's Cypher", API_QUERY, parameters),
        ):
            profiled = await db.read("PROFILE " + query, values)
            print(f"{label}: {db_hits(profiled.summary.profile or {}):,} db hits")
        before, after = await calls["GraphQL, before"](), await calls["GraphQL, after"]()
        if before != after:
            raise SystemExit("the answers before and after differ")
        page = after["entities"]
        print(f"totalCount {page['totalCount']}, {len(page['edges'])} on the page, same answers")
        for _ in range(args.warmup):
            for call in calls.values():
                await call()
        samples: dict[str, list[float]] = {label: [] for label in calls}
        started = {label: cpu_seconds(server.pid) for label, server in servers.items()}
        for _ in range(args.runs):
            for label, call in calls.items():
                start = time.perf_counter()
                await call()
                samples[label].append((time.perf_counter() - start) * 1000)
        spent = {
            label: (cpu_seconds(server.pid) - started[label]) * 1000 / args.runs
            for label, server in servers.items()
        }
        one, five, fifteen = os.getloadavg()
        print(f"load average {one:.1f} {five:.1f} {fifteen:.1f} on {os.cpu_count()} cores")
        figures = {label: Figures(label, taken) for label, taken in samples.items()}
        for label, figure in figures.items():
            cpu = spent.get(label.removeprefix("GraphQL, "))
            print(figure.line() + (f"   API CPU {cpu:.2f} ms/request" if cpu is not None else ""))
        for reference in ("hand-written Cypher", "the API's Cypher"):
            base = figures[reference].percentile(0.5)
            for label in roots:
                ratio = figures[f"GraphQL, {label}"].percentile(0.5) / base
                print(f"{label}: GraphQL / {reference} at p50 = {ratio:.2f}x")
    finally:
        for client in clients.values():
            client.close()
        for server in servers.values():
            server.terminate()
            server.wait(timeout=30)
        await db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--before", type=Path, required=True, help="a checkout of the code before")
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--name", default="officer 1", help="the text the names contain")
    args = parser.parse_args()
    if not os.environ.get("NEO4J_URI"):
        raise SystemExit("NEO4J_URI: the Neo4j holding the graph to measure")
    logging.getLogger("neo4j").setLevel(logging.ERROR)
    asyncio.run(measure(args, os.environ["NEO4J_URI"]))


if __name__ == "__main__":
    main()

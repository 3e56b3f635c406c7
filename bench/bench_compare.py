"""civicgraph beside @neo4j/graphql (on Apollo Server, a local Node process) on the same Neo4j and
the same graph: the seed knowledge base with the generated graph of N bodies. Both are asked the
same questions in turn; each pair of answers is checked to carry the same content; then p50, p95
and p99 per question, answers per second at 8 and 32 concurrent connections, and the memory of
each server process are printed side by side.

    make bench-compare                              # npm ci in bench/compare, then this
    python -m bench.bench_compare [--bodies 50] [--runs 50] [--seconds 5] [--only TEXT]
    python -m bench.bench_compare --bodies 510      # the size of the loader benchmark
    NEO4J_URI=bolt://... python -m bench.bench_compare --keep-graph   # what is loaded

Uses NEO4J_URI when set (and loads the graph there through the writer), else starts the project's
local Neo4j on a free port in a temporary directory and fills it with the bulk first load
(`civicgraph load --bulk`: Neo4j's importer, about 2 minutes for 510 bodies where the writer takes
5 to 15). Loopback only; every loop is bounded in count or time.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from bench.bench_api import (
    BUSIEST_POST,
    BUSIEST_SERVICE,
    free_port,
    reload,
    start_api,
    wait_for_api,
)
from bench.compare.load import KeptAliveClient, memory_mb, throughput, timed_in_turn
from bench.compare.questions import Question, questions
from bench.compare.report import Row, print_tables
from bench.generate import generate
from graph.db import Database, neo4j_auth, open_database, wait_until_reachable
from graph.local_neo4j import LocalNeo4j
from graph.settings import PROJECT_ROOT, Settings
from loaders.bulk import bulk_load

NODE_DIR = PROJECT_ROOT / "bench" / "compare"
SEED_SERVICE = "service:commissioning"
PAGE_TEXT = "officer 1"
SEARCH_TEXT = "libraries"
CONNECTIONS = (8, 32)


def start_node(uri: str, settings: Settings, port: int) -> subprocess.Popen[bytes]:
    node = shutil.which("node")
    if node is None or not (NODE_DIR / "node_modules" / "@neo4j" / "graphql").is_dir():
        sys.exit("bench-compare needs Node.js and `npm ci` in bench/compare (make bench-compare)")
    user, password = neo4j_auth(settings, uri)
    env = {**os.environ, "NEO4J_URI": uri, "NEO4J_USER": user, "NEO4J_PASSWORD": password,
           "PORT": str(port), "NODE_ENV": "production"}  # fmt: skip
    return subprocess.Popen([node, "server.mjs"], env=env, cwd=NODE_DIR)


async def wait_for_node(port: int, process: subprocess.Popen[bytes]) -> None:
    """Waits for an answer to `{ __typename }`: building the schema takes it tens of seconds."""
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10) as http:
        for _ in range(600):
            if process.poll() is not None:
                raise RuntimeError("the @neo4j/graphql server stopped")
            try:
                body = {"query": "{ __typename }"}
                if (await http.post("/graphql", json=body)).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.5)
    raise RuntimeError("the @neo4j/graphql server did not start")


async def subjects(db: Database) -> dict[str, str]:
    service = (await db.read(BUSIEST_SERVICE)).records[0]["id"]
    post = (await db.read(BUSIEST_POST)).records[0]["id"]
    return {"busy_service": service, "seed_service": SEED_SERVICE, "post": post,
            "page_text": PAGE_TEXT, "search_text": SEARCH_TEXT}  # fmt: skip


async def measure(
    args: argparse.Namespace, db: Database, ports: tuple[int, int], pids: tuple[int, int]
) -> bool:
    """Asks, times and prints; whether every pair of answers carried the same content."""
    asked = await subjects(db)
    clients = (KeptAliveClient(ports[0]), KeptAliveClient(ports[1]))
    rows: list[Row] = []
    try:
        for question in questions(asked):
            if args.only and args.only not in question.label:
                continue
            rows.append(await measure_one(args, question, clients, ports))
            print(f"   {rows[-1].progress()}", flush=True)
    finally:
        for client in clients:
            client.close()
    memory = [memory_mb(pid) for pid in pids]
    one, five, _ = os.getloadavg()
    print_tables(rows, memory, args, asked, (one, five))
    return all(row.same.startswith("yes") for row in rows)


async def measure_one(
    args: argparse.Namespace,
    question: Question,
    clients: tuple[KeptAliveClient, KeptAliveClient],
    ports: tuple[int, int],
) -> Row:
    civic, neo = question.civic(clients[0]), question.neo(clients[1])
    same = question.check(await civic(), await neo())
    samples = await timed_in_turn([civic, neo], args.runs, args.warmup)
    rates: list[list[float]] = [[], []]
    for connections in CONNECTIONS:
        makers = (question.civic, question.neo)
        for index, (port, make) in enumerate(zip(ports, makers, strict=True)):
            rates[index].append(await throughput(port, make, connections, args.seconds))
    return Row(question.label, same, samples, rates)


def graph_files(args: argparse.Namespace) -> list[Path]:
    """The seed knowledge base and the generated files of `args.bodies` bodies."""
    generated = args.generated or Path(tempfile.mkdtemp(prefix="civicgraph-compare-"))
    if not any(generated.glob("*.json")):
        entities, relations = generate(generated, args.bodies)
        print(f"generated {entities} entities, {relations} relations in {generated}")
    return [PROJECT_ROOT / "data", generated]


async def bulk_first_load(settings: Settings, server: LocalNeo4j, paths: list[Path]) -> str:
    """Fills the empty local Neo4j through the bulk importer; its URI, once it is back up."""
    began = time.perf_counter()
    report = await bulk_load(settings, paths, server=server)
    if report.summary is not None:
        nodes, relationships = report.summary.node_count, report.summary.relationship_count
        print(f"bulk first load of {', '.join(path.name for path in paths)}: {nodes} nodes, "
              f"{relationships} relationships in {time.perf_counter() - began:.0f} s")  # fmt: skip
    return server.uri


async def run(args: argparse.Namespace, uri: str, settings: Settings, loaded: bool = False) -> bool:
    db = open_database(settings, uri)
    await wait_until_reachable(db)
    try:
        if not args.keep_graph and not loaded:
            await reload(db, graph_files(args))
        ports = (free_port(), free_port())
        api, node = start_api(uri, settings, ports[0]), start_node(uri, settings, ports[1])
        try:
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{ports[0]}") as http:
                await wait_for_api(http)
            await wait_for_node(ports[1], node)
            return await measure(args, db, ports, (api.pid, node.pid))
        finally:
            for process in (api, node):
                process.terminate()
                process.wait(timeout=30)
    finally:
        await db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bodies", type=int, default=50, help="510: the loader benchmark's size")
    parser.add_argument("--runs", type=int, default=50, help="timed answers per contestant")
    parser.add_argument("--warmup", type=int, default=10, help="answers before timing")
    parser.add_argument("--seconds", type=float, default=5.0, help="per throughput measurement")
    parser.add_argument("--generated", type=Path, help="a directory of generated files to reuse")
    parser.add_argument("--only", help="ask only the questions whose label holds this text")
    parser.add_argument("--keep-graph", action="store_true", help="measure the graph as loaded")
    args = parser.parse_args()
    logging.getLogger("neo4j").setLevel(logging.ERROR)
    # @neo4j/graphql sets no time limit on its queries; civicgraph's API stops its own after 10 s
    # by default, which a cold server on a busy machine can pass on the largest answers.
    os.environ.setdefault("CIVICGRAPH_QUERY_TIMEOUT_S", "300")
    if os.environ.get("NEO4J_URI"):
        same = asyncio.run(run(args, os.environ["NEO4J_URI"], Settings()))
        sys.exit(0 if same else "some answers differ: see 'same content' above")
    with tempfile.TemporaryDirectory(prefix="civicgraph-compare-state-") as state:
        settings = Settings(CIVICGRAPH_STATE_DIR=Path(state), CIVICGRAPH_NEO4J_HEAP="1g")
        server = LocalNeo4j(settings, port=free_port())
        try:
            if args.keep_graph:  # an empty graph: nothing to compare, but what was asked
                uri = server.start().uri
            else:
                uri = asyncio.run(bulk_first_load(settings, server, graph_files(args)))
            same = asyncio.run(run(args, uri, settings, loaded=True))
        finally:
            server.stop()
    sys.exit(0 if same else "some answers differ: see 'same content' above")


if __name__ == "__main__":
    main()

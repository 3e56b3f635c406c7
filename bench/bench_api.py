"""Latency of the API's accountability, neighbourhood and entity page questions: GraphQL over
HTTP (a real uvicorn on a free port; the standard library's HTTP client on one kept-alive
connection, which adds less of its own to each call than httpx's async client) beside the same
named Cypher run directly through the driver (for the entity page, a page of Cypher written by
hand for the question), in the same run, on the seed knowledge base and on the loader
benchmark's generated graph.

    python -m bench.bench_api [--runs 500] [--bodies 510] [--generated DIR] [--skip-generated]
    NEO4J_URI=bolt://... python -m bench.bench_api --keep-graph   # measure what is loaded
    NEO4J_URI=bolt://... python -m bench.bench_api --keep-graph --api-root DIR  # the code before

Uses NEO4J_URI when set, else starts the project's local Neo4j on a free port in a temporary
directory. The graph is emptied and reloaded for each data set.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import logging
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import orjson

from bench.generate import generate
from graph.db import Database, neo4j_auth, open_database, wait_until_reachable
from graph.local_neo4j import LocalNeo4j
from graph.schema import apply_schema
from graph.settings import PROJECT_ROOT, Settings
from loaders.load import load
from queries.cypher import named_query

ACCOUNTABILITY = """query Accountability($service: ID!, $asOf: Date) {
  accountability(service: $service, asOf: $asOf) {
    bodies { body { id name } lines { kind isAlternative openQuestionText wording
      relationType status accountable { id type name }
      holders { post { id name } person { id name } capacity validFrom validTo }
      evidence { documentId documentTitle documentDate paragraph quote } } } } }"""

NEIGHBOURHOOD = """query Neighbourhood($id: ID!, $depth: Int, $asOf: Date) {
  neighbourhood(id: $id, depth: $depth, asOf: $asOf) {
    nodes { id type label status validFrom validTo }
    edges { id source target type label status validFrom validTo evidenceCount } } }"""

ENTITY_PAGE = """query EntityPage($name: String) {
  entities(type: Post, nameContains: $name, first: 50, sort: {field: NAME}) {
    totalCount edges { node { id type name status validFrom validTo } }
    pageInfo { hasNextPage endCursor } } }"""

# The same page as one would write it by hand: the label, the name's text index, the count, the
# page in the order of the lower-cased name.
HAND_WRITTEN_PAGE = """
CALL () { MATCH (n:Post) WHERE n.nameLower CONTAINS $name RETURN count(n) AS total }
MATCH (n:Post) WHERE n.nameLower CONTAINS $name
WITH total, n ORDER BY n.nameLower, n.id LIMIT 51
RETURN total, collect(n {.id, .type, .name, .status, .validFrom, .validTo}) AS page"""

# What the accountability question selects: holders without their evidence, the lines' evidence.
ACCOUNTABILITY_PARTS = {"withHolders": True, "withHolderEvidence": False, "withEvidence": True}

# The entities to ask about: the service with the most accountability lines and the entity with
# the most relationships of the data set (the hardest cases it has).
BUSIEST_SERVICE = """
MATCH (s:Service)<-[r:COVERS|ACCOUNTABLE_FOR|COULD_SIT_IN]-()
RETURN s.id AS id, count(r) AS n ORDER BY n DESC, id LIMIT 1"""
BUSIEST_POST = """
MATCH (p:Post)-[r]-(:Entity)
RETURN p.id AS id, count(r) AS n ORDER BY n DESC, id LIMIT 1"""


@dataclass
class Figures:
    label: str
    samples_ms: list[float]

    def percentile(self, q: float) -> float:
        ordered = sorted(self.samples_ms)
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]

    def line(self) -> str:
        p50, p95 = self.percentile(0.5), self.percentile(0.95)
        return f"{self.label:<48} p50 {p50:7.2f} ms   p95 {p95:7.2f} ms   n={len(self.samples_ms)}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


async def timed_pair(
    calls: tuple[Callable[[], Awaitable[Any]], Callable[[], Awaitable[Any]]], runs: int, warmup: int
) -> tuple[list[float], list[float]]:
    """The two calls taken in turn, so that both see the same load on a shared machine."""
    for _ in range(warmup):
        for call in calls:
            await call()
    samples: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for call, taken in zip(calls, samples, strict=True):
            start = time.perf_counter()
            await call()
            taken.append((time.perf_counter() - start) * 1000)
    return samples


class GraphQLClient:
    """POSTs GraphQL documents on one kept-alive connection. Blocking, on purpose: nothing else
    runs while a call is timed, and the client's own time is kept out of the API's figures."""

    def __init__(self, port: int) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    async def __call__(self, query: str, variables: dict[str, Any]) -> Any:
        payload = orjson.dumps({"query": query, "variables": variables})
        try:
            self.connection.request("POST", "/graphql", payload, JSON_HEADERS)
            response = self.connection.getresponse()
        except (BrokenPipeError, ConnectionResetError, http.client.RemoteDisconnected):
            self.connection.close()  # the server closed the idle connection: once more, anew
            self.connection.request("POST", "/graphql", payload, JSON_HEADERS)
            response = self.connection.getresponse()
        body = orjson.loads(response.read())  # as a dashboard's client would decode it: quickly
        if response.status != 200 or body.get("errors"):
            raise RuntimeError(f"GraphQL failed: {response.status} {body.get('errors')}")
        return body["data"]

    def close(self) -> None:
        """Closes the connection; the next call opens a new one (uvicorn closes idle ones)."""
        self.connection.close()


JSON_HEADERS = {"content-type": "application/json", "accept": "application/json"}


async def measure(
    db: Database,
    graphql: GraphQLClient,
    data_set: str,
    runs: int,
    warmup: int,
    name_contains: str = "officer 1",
) -> list[Figures]:
    graphql.close()  # the last data set's load left it idle long enough to be closed
    service = (await db.read(BUSIEST_SERVICE)).records[0]["id"]
    post = (await db.read(BUSIEST_POST)).records[0]["id"]
    print(f"\n== {data_set}: accountability for {service}; neighbourhood of {post} (depth 2)")
    one, five, fifteen = os.getloadavg()
    print(f"   load average {one:.1f} {five:.1f} {fifteen:.1f} on {os.cpu_count()} cores")
    account_vars = {"service": service, "asOf": None}
    account_params = {**account_vars, **ACCOUNTABILITY_PARTS}
    neighbour_vars = {"id": post, "depth": 2, "asOf": None}
    neighbour_params = {**neighbour_vars, "types": None, "limit": 300}
    page_vars = {"name": name_contains}
    answer = await db.read(named_query("accountability"), account_params)
    view = await db.read(named_query("neighbourhood"), neighbour_params)
    page = await db.read(HAND_WRITTEN_PAGE, page_vars)
    nodes, edges = len(view.records[0]["nodes"]), len(view.records[0]["edges"])
    lines = len(answer.records[0]["lines"])
    print(f"   {lines} accountability lines; {nodes} nodes, {edges} edges")
    print(f'   entities(type: Post, nameContains: "{name_contains}", first: 50): '
          f"{page.records[0]['total']} posts")  # fmt: skip
    figures = []
    for question, over_http, through_driver in (
        (
            "accountability ",
            lambda: graphql(ACCOUNTABILITY, account_vars),
            lambda: db.read(named_query("accountability"), account_params),
        ),
        (
            "neighbourhood  ",
            lambda: graphql(NEIGHBOURHOOD, neighbour_vars),
            lambda: db.read(named_query("neighbourhood"), neighbour_params),
        ),
        (
            "entity page    ",
            lambda: graphql(ENTITY_PAGE, page_vars),
            lambda: db.read(HAND_WRITTEN_PAGE, page_vars),
        ),
    ):
        http_samples, direct_samples = await timed_pair((over_http, through_driver), runs, warmup)
        figures.append(Figures(f"{question} GraphQL over HTTP", http_samples))
        baseline = "hand-written Cypher" if question.startswith("entity") else "Cypher"
        figures.append(Figures(f"{question} {baseline} through the driver", direct_samples))
        print("   " + figures[-2].line())
        print("   " + figures[-1].line())
    for http_figures, direct in zip(figures[::2], figures[1::2], strict=True):
        ratio = http_figures.percentile(0.5) / direct.percentile(0.5)
        print(f"   {http_figures.label.split()[0]}: GraphQL/Cypher at p50 = {ratio:.2f}x")
    return figures


async def reload(db: Database, paths: list[Path]) -> None:
    await db.autocommit("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS")
    await apply_schema(db)
    start = time.perf_counter()
    summary = (await load(db, paths)).summary
    elapsed = time.perf_counter() - start
    names = ", ".join(path.name for path in paths)
    if summary is not None:
        nodes, relationships = summary.node_count, summary.relationship_count
        print(f"loaded {names}: {nodes} nodes, {relationships} relationships in {elapsed:.0f} s")


def start_api(
    uri: str, settings: Settings, port: int, root: Path = PROJECT_ROOT
) -> subprocess.Popen[bytes]:
    user, password = neo4j_auth(settings, uri)
    env = {**os.environ, "NEO4J_URI": uri, "NEO4J_USER": user, "NEO4J_PASSWORD": password}
    command = [sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory",
               "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]  # fmt: skip
    return subprocess.Popen(command, env=env, cwd=root)


async def wait_for_api(http: httpx.AsyncClient) -> None:
    for _ in range(120):
        try:
            if (await http.get("/health")).status_code == 200:
                return
        except httpx.TransportError:
            pass
        await asyncio.sleep(0.5)
    raise RuntimeError("the API did not start")


async def run(args: argparse.Namespace, uri: str, settings: Settings) -> None:
    db = open_database(settings, uri)
    await wait_until_reachable(db)
    port = free_port()
    server = start_api(uri, settings, port, args.api_root)
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=60) as http:
            await wait_for_api(http)
        graphql = GraphQLClient(port)
        try:
            if args.keep_graph:
                await measure(db, graphql, "the graph as loaded", args.runs, args.warmup)
                return
            await reload(db, [PROJECT_ROOT / "data"])
            await measure(db, graphql, "seed knowledge base", args.runs, args.warmup, "officer")
            if not args.skip_generated:
                generated = args.generated or Path(tempfile.mkdtemp(prefix="civicgraph-bench-"))
                if not any(generated.glob("*.json")):
                    entities, relations = generate(generated, args.bodies)
                    print(f"\ngenerated {entities} entities, {relations} relations in {generated}")
                await reload(db, [generated])
                await measure(
                    db, graphql, f"generated graph ({args.bodies} bodies)", args.runs, args.warmup
                )
        finally:
            graphql.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
        await db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=500)
    parser.add_argument(
        "--warmup",
        type=int,
        default=200,
        help="pairs of calls before timing: a freshly started Neo4j compiles its hot code first",
    )
    parser.add_argument("--bodies", type=int, default=510)
    parser.add_argument("--generated", type=Path, help="a directory of generated files to reuse")
    parser.add_argument("--skip-generated", action="store_true")
    parser.add_argument(
        "--keep-graph", action="store_true", help="measure the graph as it is; load nothing"
    )
    parser.add_argument(
        "--api-root",
        type=Path,
        default=PROJECT_ROOT,
        help="the checkout whose API to serve (the code before, to compare on the same graph)",
    )
    args = parser.parse_args()
    logging.getLogger("neo4j").setLevel(logging.ERROR)
    if os.environ.get("NEO4J_URI"):
        settings = Settings()
        asyncio.run(run(args, os.environ["NEO4J_URI"], settings))
        return
    with tempfile.TemporaryDirectory(prefix="civicgraph-bench-state-") as state:
        settings = Settings(CIVICGRAPH_STATE_DIR=Path(state), CIVICGRAPH_NEO4J_HEAP="1g")
        server = LocalNeo4j(settings, port=free_port())
        status = server.start()
        try:
            asyncio.run(run(args, status.uri, settings))
        finally:
            server.stop()


if __name__ == "__main__":
    main()

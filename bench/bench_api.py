"""Latency of the API's accountability, neighbourhood and entity page questions: GraphQL over
HTTP (a real uvicorn on a free port; the standard library's HTTP client on one kept-alive
connection, which adds less of its own to each call than httpx's async client) beside the same
named Cypher run directly through the driver (for the entity page, a page of Cypher written by
hand for the question), in the same run, on the seed knowledge base and on the loader
benchmark's generated graph.

    python -m bench.bench_api [--runs 500] [--bodies 510] [--generated DIR] [--skip-generated]
    NEO4J_URI=bolt://... python -m bench.bench_api --keep-graph   # measure what is loaded
    NEO4J_URI=bolt://... python -m bench.bench_api --keep-graph --api-root DIR  # the code before
    python -m bench.bench_api --country [--generated DIR] [--budget 30]

`--country` bulk-loads `data/` and the country-scale graph (`bench/generate_country.py`) into a
fresh local Neo4j (`civicgraph load --bulk`), prints the load's time and memory, then times every
root question of the schema (`bench/country_questions.py`) over HTTP, beside the named Cypher
where there is one, and marks the targets; with NEO4J_URI it times them on the graph as loaded.

Uses NEO4J_URI when set, else starts the project's local Neo4j on a free port in a temporary
directory. The graph is emptied and reloaded for each data set.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import logging
import os
import resource
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, LiteralString

import httpx
import orjson

from bench.country_questions import ACCOUNTABILITY as COUNTRY_ACCOUNTABILITY
from bench.country_questions import ENTITY_PAGE as COUNTRY_ENTITY_PAGE
from bench.country_questions import NEIGHBOURHOOD as COUNTRY_NEIGHBOURHOOD
from bench.country_questions import Question, pick_arguments, questions
from bench.generate import generate
from bench.generate_country import generate_country
from graph.db import Database, neo4j_auth, open_database, wait_until_reachable
from graph.local_neo4j import LocalNeo4j
from graph.schema import apply_schema
from graph.settings import PROJECT_ROOT, Settings
from loaders.bulk import bulk_load
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
ACCOUNTABILITY_PARTS = {
    "withHolders": True,
    "withHolderEvidence": False,
    "withEvidence": True,
    "withIdentifiers": False,
}

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
    first, second = await timed_in_turn(calls, runs, warmup)
    return first, second


async def timed_in_turn(
    calls: Sequence[Callable[[], Awaitable[Any]]],
    runs: int,
    warmup: int,
    budget_s: float | None = None,
    least: int = 20,
) -> list[list[float]]:
    """The calls taken in turn, `runs` times after `warmup` rounds; with a budget, fewer rounds
    (never under `least`) when a slow question would take longer than the budget."""
    began = time.perf_counter()
    for done in range(warmup):
        for call in calls:
            await call()
        if budget_s is not None and done >= 2 and time.perf_counter() - began > budget_s / 4:
            break
    began = time.perf_counter()
    samples: list[list[float]] = [[] for _ in calls]
    for done in range(runs):
        for call, taken in zip(calls, samples, strict=True):
            start = time.perf_counter()
            await call()
            taken.append((time.perf_counter() - start) * 1000)
        if budget_s is not None and done + 1 >= least and time.perf_counter() - began > budget_s:
            break
    return samples


class GraphQLClient:
    """POSTs GraphQL documents on one kept-alive connection. Blocking, on purpose: nothing else
    runs while a call is timed, and the client's own time is kept out of the API's figures."""

    def __init__(self, port: int) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.last_bytes = 0  # the size of the last answer, as sent

    async def __call__(self, query: str, variables: dict[str, Any]) -> Any:
        payload = orjson.dumps({"query": query, "variables": variables})
        try:
            self.connection.request("POST", "/graphql", payload, JSON_HEADERS)
            response = self.connection.getresponse()
        except (BrokenPipeError, ConnectionResetError, http.client.RemoteDisconnected):
            self.connection.close()  # the server closed the idle connection: once more, anew
            self.connection.request("POST", "/graphql", payload, JSON_HEADERS)
            response = self.connection.getresponse()
        raw = response.read()
        self.last_bytes = len(raw)
        body = orjson.loads(raw)  # as a dashboard's client would decode it: quickly
        if response.status != 200 or body.get("errors"):
            raise RuntimeError(f"GraphQL failed: {response.status} {body.get('errors')}")
        return body["data"]

    def close(self) -> None:
        """Closes the connection; the next call opens a new one (uvicorn closes idle ones)."""
        self.connection.close()


# What `civicgraph serve` keeps by default, whatever this process's environment says.
KEPT_BY_DEFAULT: int = Settings.model_fields["kept_answers"].default

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


def rss_mb(pid: int | None, field: str = "VmRSS") -> float:
    """A process's resident memory now (VmRSS) or at its peak (VmHWM), from /proc."""
    if pid is None:
        return 0.0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def print_memory(when: str, neo4j_pid: int | None, api_pid: int | None = None) -> None:
    python = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    parts = [f"this Python process peak {python:,.0f} MB"]
    if api_pid is not None:
        parts.append(
            f"API process {rss_mb(api_pid):,.0f} MB (peak {rss_mb(api_pid, 'VmHWM'):,.0f})"
        )
    parts.append(f"Neo4j JVM {rss_mb(neo4j_pid):,.0f} MB (peak {rss_mb(neo4j_pid, 'VmHWM'):,.0f})")
    print(f"   memory {when}: " + "; ".join(parts))


def direct_cypher(question: Question) -> tuple[LiteralString, dict[str, Any]] | None:
    """The Cypher run through the driver beside a question, where the benchmark has one."""
    variables = question.variables
    if question.document == COUNTRY_ACCOUNTABILITY and not variables["related"]:
        params = {"service": variables["service"], "asOf": None, **ACCOUNTABILITY_PARTS}
        return named_query("accountability"), params
    if question.document == COUNTRY_NEIGHBOURHOOD:
        return named_query("neighbourhood"), {**variables, "types": None, "limit": 300}
    if question.document == COUNTRY_ENTITY_PAGE:
        return HAND_WRITTEN_PAGE, variables
    return None


def target_mark(figures: Figures, target_ms: float | None) -> str:
    if target_ms is None:
        return ""
    met = figures.percentile(0.95) < target_ms
    return f"p95 < {target_ms:.0f} ms: {'met' if met else 'NOT MET'}"


async def timed_with_retry(
    calls: list[Callable[[], Awaitable[Any]]], args: argparse.Namespace, question: Question
) -> list[list[float]]:
    """The question timed; once more after a failure (a freshly loaded server's first answers
    have timed out), saying so and how long the failed attempt took."""
    began = time.perf_counter()
    try:
        return await timed_in_turn(calls, args.runs, args.warmup, args.budget, question.least)
    except RuntimeError as failure:
        took = time.perf_counter() - began
        print(f"   {question.name:<48} failed after {took:.1f} s ({str(failure)[:160]}); again")
        await asyncio.sleep(5)
        return await timed_in_turn(calls, args.runs, args.warmup, args.budget, question.least)


async def measure_country(
    db: Database, graphql: GraphQLClient, kept: GraphQLClient, args: argparse.Namespace,
    neo4j_pid: int | None, api_pid: int | None,
) -> None:  # fmt: skip
    """Every root question, GraphQL over HTTP (every answer computed) beside its Cypher where
    there is one; a question with a target also of the API keeping answers, asked again."""
    graphql.close()
    kept.close()
    found = await pick_arguments(db)
    print("\n== country scale: every root question")
    for line in found.describe():
        print("   " + line)
    asked = [question for question in questions(found) if args.only in question.name]
    print(f"   {args.runs} runs each after {args.warmup} warm-up rounds, at most about "
          f"{args.budget:.0f} s a question (never under 20 runs)")  # fmt: skip
    rows: list[tuple[str, Figures, Figures | None, int, str]] = []
    failed: list[str] = []
    for question in asked:
        one, _, _ = os.getloadavg()

        async def over_http(question: Question = question) -> Any:
            return await graphql(question.document, question.variables)

        calls: list[Callable[[], Awaitable[Any]]] = [over_http]
        direct = direct_cypher(question)
        if direct is not None:
            cypher, params = direct

            async def through_driver(
                cypher: LiteralString = cypher, params: dict[str, Any] = params
            ) -> Any:
                return await db.read(cypher, params)

            calls.append(through_driver)
        if question.target_ms is not None:

            async def kept_over_http(question: Question = question) -> Any:
                return await kept(question.document, question.variables)

            calls.append(kept_over_http)
        try:
            samples = await timed_with_retry(calls, args, question)
        except RuntimeError as failure:  # a timeout, say: the answer is that it fails
            print(f"   {question.name:<48} FAILED: {str(failure)[:300]}")
            failed.append(f"| {question.name} | failed: {str(failure)[:120]} | | | |")
            graphql.close()
            continue
        http_figures = Figures(question.name, samples[0])
        direct_figures = Figures("Cypher", samples[1]) if direct is not None else None
        mark = target_mark(http_figures, question.target_ms)
        rows.append((question.name, http_figures, direct_figures, graphql.last_bytes, mark))
        cypher_text = (
            f"   Cypher p50 {direct_figures.percentile(0.5):7.2f} p95 "
            f"{direct_figures.percentile(0.95):7.2f}"
            if direct_figures is not None
            else ""
        )
        print(f"   {http_figures.line()}  {graphql.last_bytes / 1024:8.1f} KB  load {one:.1f}"
              f"{cypher_text}  {mark}")  # fmt: skip
        if question.target_ms is not None:
            kept_figures = Figures(f"{question.name}, asked again", samples[-1])
            kept_mark = target_mark(kept_figures, question.target_ms)
            rows.append((kept_figures.label, kept_figures, None, kept.last_bytes, kept_mark))
            print(f"   {kept_figures.line()}  {kept.last_bytes / 1024:8.1f} KB  {kept_mark}")
    print_memory("after the questions", neo4j_pid, api_pid)
    one, five, fifteen = os.getloadavg()
    print(f"   load average {one:.1f} {five:.1f} {fifteen:.1f} on {os.cpu_count()} cores")
    print("\n| question | GraphQL p50 / p95 | Cypher p50 / p95 | answer | target |")
    print("|---|---|---|---:|---|")
    for name, http_figures, direct_figures, size, mark in rows:
        direct_text = (
            f"{direct_figures.percentile(0.5):.2f} / {direct_figures.percentile(0.95):.2f} ms"
            if direct_figures is not None
            else ""
        )
        print(f"| {name} | {http_figures.percentile(0.5):.2f} / "
              f"{http_figures.percentile(0.95):.2f} ms | {direct_text} | {size / 1024:.1f} KB "
              f"| {mark} |")  # fmt: skip
    for line in failed:
        print(line)


async def bulk_load_country(settings: Settings, server: LocalNeo4j, generated: Path) -> None:
    """`data/` (register and vocabulary included) and the country files, by the bulk first load
    into the empty server; prints the time, the items and the memory it took."""
    if not any(generated.rglob("*.json")):
        began = time.perf_counter()
        counts = generate_country(generated)
        print(f"generated {counts} in {time.perf_counter() - began:.0f} s in {generated}")
    one, five, fifteen = os.getloadavg()
    print(f"bulk first load of data/ and {generated}: load average {one:.1f} {five:.1f} "
          f"{fifteen:.1f} on {os.cpu_count()} cores")  # fmt: skip
    began = time.perf_counter()
    report = await bulk_load(settings, [PROJECT_ROOT / "data", generated], server=server)
    whole = time.perf_counter() - began
    assert report.summary is not None
    items = report.summary.node_count + report.summary.relationship_count
    phases = ", ".join(f"{phase} {seconds:.1f}" for phase, seconds in report.phases.items())
    print(f"   {report.summary.node_count:,} nodes, {report.summary.relationship_count:,} "
          f"relationships ({items:,} items) in {whole:.1f} s, server start included: "
          f"{items / whole:,.0f} items/s")  # fmt: skip
    print(f"   read {report.read_seconds:.1f} s, validate {report.check_seconds:.1f} s, {phases}")
    print_memory("after the load", server.status().pid)


async def run_country(args: argparse.Namespace) -> None:
    """A fresh local Neo4j, the bulk first load, then every root question over HTTP."""
    with tempfile.TemporaryDirectory(prefix="civicgraph-bench-country-") as workdir:
        settings = Settings(
            CIVICGRAPH_STATE_DIR=Path(workdir) / "state",
            CIVICGRAPH_NEO4J_HEAP=args.heap,
            CIVICGRAPH_NEO4J_PAGECACHE=args.pagecache,
            CIVICGRAPH_QUERY_TIMEOUT_S=600,
        )
        server = LocalNeo4j(settings, port=free_port())
        try:
            await bulk_load_country(settings, server, args.generated or Path(workdir) / "country")
            status = server.status()
            await run(args, status.uri, settings, status.pid)
        finally:
            server.stop()


def start_api(
    uri: str, settings: Settings, port: int, root: Path = PROJECT_ROOT, kept_answers: int = 0
) -> subprocess.Popen[bytes]:
    """The API in its own uvicorn. By default it keeps no answers (`CIVICGRAPH_KEPT_ANSWERS`,
    graph/answer_cache.py): every answer is computed, as a question asked for the first time
    since the graph changed, which is what the benchmarks compare."""
    user, password = neo4j_auth(settings, uri)
    env = {**os.environ, "NEO4J_URI": uri, "NEO4J_USER": user, "NEO4J_PASSWORD": password,
           "CIVICGRAPH_KEPT_ANSWERS": str(kept_answers)}  # fmt: skip
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


async def run(
    args: argparse.Namespace, uri: str, settings: Settings, neo4j_pid: int | None = None
) -> None:
    db = open_database(settings, uri)
    await wait_until_reachable(db)
    port, keeping_port = free_port(), free_port()
    server = start_api(uri, settings, port, args.api_root)
    # At country scale the questions with a target are also asked of an API keeping answers
    # (the default of `civicgraph serve`): a dashboard asking again of an unchanged graph.
    keeping = (
        start_api(uri, settings, keeping_port, args.api_root, KEPT_BY_DEFAULT)
        if args.country
        else None
    )
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=60) as http:
            await wait_for_api(http)
        if keeping is not None:
            async with httpx.AsyncClient(
                base_url=f"http://127.0.0.1:{keeping_port}", timeout=60
            ) as http:
                await wait_for_api(http)
        graphql = GraphQLClient(port)
        try:
            if args.country:
                kept = GraphQLClient(keeping_port)
                try:
                    await measure_country(db, graphql, kept, args, neo4j_pid, server.pid)
                finally:
                    kept.close()
                return
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
        for process in (server, keeping):
            if process is not None:
                process.terminate()
                process.wait(timeout=30)
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
    parser.add_argument(
        "--country",
        action="store_true",
        help="bulk-load data/ and the country-scale graph (bench/generate_country.py, or "
        "--generated) into a fresh Neo4j, then time every root question; with NEO4J_URI, "
        "time them on the graph as loaded",
    )
    parser.add_argument("--budget", type=float, default=30.0, help="seconds a country question")
    parser.add_argument("--only", default="", help="the country questions whose name has this")
    parser.add_argument("--heap", default="1g", help="the country run's Neo4j heap")
    parser.add_argument("--pagecache", default="1g", help="the country run's Neo4j page cache")
    args = parser.parse_args()
    logging.getLogger("neo4j").setLevel(logging.ERROR)
    if args.country and not os.environ.get("NEO4J_URI"):
        asyncio.run(run_country(args))
        return
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

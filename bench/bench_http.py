"""The API under concurrent clients: requests/s, p50, p95, p99 and errors with 5 and with 100
clients, each for a fixed time, for one worker process and for the configured number
(`CIVICGRAPH_WORKERS`), on the seed knowledge base.

    python -m bench.bench_http [--seconds 20] [--clients 5,100] [--workers 1,2]
    NEO4J_URI=bolt://... NEO4J_PASSWORD=... python -m bench.bench_http --keep-graph

Each client keeps one connection and asks, one after another, the README's three questions
(accountability, accountabilityChain, compareBodies), a search and a neighbourhood, in turn. The
server is `civicgraph serve` on a free loopback port, the very command `make run` ends in. Uses
NEO4J_URI when set, else starts the project's local Neo4j on a free port in a temporary directory;
everything it starts it stops. The clients, the API and Neo4j share the machine: the figures are
what one machine does with all three. Beside the times, each run prints the CPU time the API's
processes and Neo4j's spent per request (Neo4j's when this benchmark started it, or with
--neo4j-pid): figures that depend less on what else the machine runs.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httptools
import httpx
import orjson

from bench.bench_api import free_port, reload, wait_for_api
from bench.process_cpu import cpu_seconds
from graph.db import neo4j_auth, open_database, wait_until_reachable
from graph.local_neo4j import LocalNeo4j
from graph.settings import PROJECT_ROOT, Settings

ACCOUNTABILITY = """query ($service: ID!) { accountability(service: $service) {
  openQuestions { name }
  bodies { body { name } lines { kind isAlternative wording accountable { type name }
    holders { post { name } person { name } } evidence { documentTitle paragraph quote } } } } }"""
CHAIN = """query ($id: ID!) { accountabilityChain(id: $id) {
  isAlternative reachesHead head { name }
  steps { type status source { name } target { name } evidence { paragraph quote } } } }"""
COMPARE = """query ($left: ID!, $right: ID!) { compareBodies(left: $left, right: $right) {
  sharesManagement
  priorities { shared { left { name } } onlyLeft { name } onlyRight { name } }
  posts { shared { left { name } } onlyLeft { name } onlyRight { name } }
  services { shared { left { name } } onlyLeft { name } onlyRight { name } } } }"""
SEARCH = """query ($q: String!) { search(query: $q, first: 20) {
  id type name score snippet documentId paragraph entities { id name } } }"""
NEIGHBOURHOOD = """query ($id: ID!) { neighbourhood(id: $id, depth: 2) {
  nodes { id type label status } edges { id source target type label status } } }"""

DIRECTOR = {"id": "post:cheshire-east-council:director-of-public-health"}
QUESTIONS: list[tuple[str, str, dict[str, Any]]] = [
    ("accountability", ACCOUNTABILITY, {"service": "service:public-health"}),
    ("accountabilityChain", CHAIN, DIRECTOR),
    (
        "compareBodies",
        COMPARE,
        {"left": "body:council-a-of-document-004", "right": "body:council-b-of-document-004"},
    ),
    ("search", SEARCH, {"q": "public health commissioning"}),
    ("neighbourhood", NEIGHBOURHOOD, DIRECTOR),
]


@dataclass
class Run:
    """What the clients of one run saw."""

    server: str
    workers: int
    clients: int
    seconds: float
    latencies_ms: list[float] = field(default_factory=list)
    by_question: dict[str, list[float]] = field(default_factory=dict)
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)
    api_cpu_s: float = 0.0
    neo4j_cpu_s: float | None = None

    def percentile(self, q: float, samples: list[float] | None = None) -> float:
        ordered = sorted(self.latencies_ms if samples is None else samples)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]

    @property
    def throughput(self) -> float:
        return len(self.latencies_ms) / self.seconds

    def cpu_ms(self, seconds: float | None) -> str:
        """CPU time per request answered, in ms."""
        answered = len(self.latencies_ms) + self.errors
        if seconds is None or not answered:
            return "n/a"
        return f"{seconds * 1000 / answered:.2f}"

    def line(self) -> str:
        p50, p95, p99 = (self.percentile(q) for q in (0.5, 0.95, 0.99))
        return (
            f"| {self.server} | {self.workers} | {self.clients} | {self.throughput:7.1f} | "
            f"{p50:7.1f} | {p95:7.1f} | {p99:7.1f} | {self.errors} | {len(self.latencies_ms)} | "
            f"{self.cpu_ms(self.api_cpu_s)} | {self.cpu_ms(self.neo4j_cpu_s)} |"
        )

    def questions(self) -> str:
        return "    p50/p95 ms: " + ", ".join(
            f"{name} {self.percentile(0.5, taken):.0f}/{self.percentile(0.95, taken):.0f}"
            for name, taken in self.by_question.items()
        )


HEADER = (
    "| code | workers | clients | requests/s | p50 ms | p95 ms | p99 ms | errors | requests "
    "| API CPU ms/request | Neo4j CPU ms/request |\n"
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
)


def process_tree(pid: int) -> list[int]:
    """The process and its descendants (uvicorn's workers are children of `serve`)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
    tree, frontier = [pid], [pid]
    while frontier:
        children = [child for child, parent in parents.items() if parent in frontier]
        tree += children
        frontier = children
    return tree


def tree_cpu_seconds(pids: list[int]) -> dict[int, float]:
    return {pid: cpu_seconds(pid) for pid in pids}


def request_bytes(port: int, query: str, variables: dict[str, Any]) -> bytes:
    body = orjson.dumps({"query": query, "variables": variables})
    head = (
        f"POST /graphql HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        "Content-Type: application/json\r\nAccept: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


class Response:
    """httptools' parser callbacks: the status and the body of one response."""

    def __init__(self) -> None:
        self.body = bytearray()
        self.complete = False

    def on_body(self, data: bytes) -> None:
        self.body += data

    def on_message_complete(self) -> None:
        self.complete = True


async def client(
    port: int,
    requests: list[tuple[str, bytes]],
    first: int,
    deadline: float,
    run: Run,
    measured: bool,
) -> None:
    """One kept-alive connection asking the questions in turn until the deadline. The client is
    kept cheap (prepared requests, httptools' parser): the machine's time should go to the API."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    turn = first
    try:
        while time.monotonic() < deadline:
            name, request = requests[turn % len(requests)]
            turn += 1
            response = Response()
            parser = httptools.HttpResponseParser(response)
            began = time.perf_counter()
            writer.write(request)
            while not response.complete:
                data = await reader.read(262144)
                if not data:
                    raise ConnectionError("the server closed the connection")
                parser.feed_data(data)
            elapsed_ms = (time.perf_counter() - began) * 1000
            if not measured:
                continue
            status = parser.get_status_code()
            # A GraphQL answer with errors is an error too; "errors" is in no seed answer's text.
            if status != 200 or b'"errors"' in response.body:
                run.errors += 1
                if len(run.error_samples) < 3:
                    run.error_samples.append(f"{status} {bytes(response.body[:300])!r}")
            else:
                run.latencies_ms.append(elapsed_ms)
                run.by_question.setdefault(name, []).append(elapsed_ms)
    finally:
        writer.close()


async def load_for(port: int, server: Server, clients: int, seconds: float, measured: bool) -> Run:
    requests = [
        (name, request_bytes(port, query, variables))
        for name, query, variables in QUESTIONS
        if name in server.questions
    ]
    run = Run(server.label, server.workers, clients, seconds)
    deadline = time.monotonic() + seconds
    outcomes = await asyncio.gather(
        *(client(port, requests, i, deadline, run, measured) for i in range(clients)),
        return_exceptions=True,
    )
    for outcome in outcomes:
        if isinstance(outcome, BaseException):
            run.errors += 1
            if len(run.error_samples) < 3:
                run.error_samples.append(repr(outcome))
    return run


@dataclass(frozen=True)
class Server:
    """The API to measure: this checkout's, or another's (`--before`), with so many workers,
    keeping so many answers each (`CIVICGRAPH_KEPT_ANSWERS`; 0, every answer computed, unless
    `--kept-answers` says otherwise)."""

    label: str
    root: Path
    workers: int
    questions: frozenset[str]
    kept_answers: int = 0


def start_api(uri: str, settings: Settings, port: int, server: Server) -> subprocess.Popen[bytes]:
    user, password = neo4j_auth(settings, uri)
    environment = {
        **os.environ,
        "NEO4J_URI": uri,
        "NEO4J_USER": user,
        "NEO4J_PASSWORD": password,
        "CIVICGRAPH_WORKERS": str(server.workers),
        "CIVICGRAPH_KEPT_ANSWERS": str(server.kept_answers),
    }
    command = [sys.executable, "-m", "cli.main", "serve", "--port", str(port)]
    return subprocess.Popen(
        command,
        env=environment,
        cwd=server.root,  # `-m cli.main` imports the code of the folder it starts in
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


async def check_answers(port: int, tries: int = 5) -> None:
    """Every question answers without errors before anything is timed (a few tries each: on a
    busy machine, a cold server's first plans can take longer than the query timeout)."""
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=60) as http:
        await wait_for_api(http)
        for name, query, variables in QUESTIONS:
            for attempt in range(tries):
                payload = {"query": query, "variables": variables}
                response = await http.post("/graphql", json=payload)
                body = response.json()
                if response.status_code == 200 and body.get("data") and not body.get("errors"):
                    break
                if attempt == tries - 1:
                    failure = f"{response.status_code} {response.text[:500]}"
                    raise RuntimeError(f"{name} failed: {failure}")


async def measure_server(
    uri: str,
    settings: Settings,
    server: Server,
    clients: list[int],
    seconds: float,
    warmup: float,
    neo4j_pid: int | None = None,
) -> list[Run]:
    port = free_port()
    process = start_api(uri, settings, port, server)
    runs = []
    try:
        await check_answers(port)
        await load_for(port, server, max(clients), warmup, measured=False)
        api = process_tree(process.pid)
        for count in clients:
            one, five, _ = os.getloadavg()
            api_before = tree_cpu_seconds(api)
            neo4j_before = cpu_seconds(neo4j_pid) if neo4j_pid else None
            run = await load_for(port, server, count, seconds, measured=True)
            api_after = tree_cpu_seconds(api)  # a process gone meanwhile reads 0: left out
            run.api_cpu_s = sum(api_after[pid] - api_before[pid] for pid in api if api_after[pid])
            if neo4j_pid and neo4j_before is not None:
                run.neo4j_cpu_s = cpu_seconds(neo4j_pid) - neo4j_before
            runs.append(run)
            print(f"{run.line()}   (load average before {one:.1f}, {five:.1f})", flush=True)
            print(run.questions(), flush=True)
            for sample in run.error_samples:
                print(f"    error: {sample}")
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return runs


async def run_all(
    args: argparse.Namespace, uri: str, settings: Settings, neo4j_pid: int | None = None
) -> list[Run]:
    if not args.keep_graph:
        db = open_database(settings, uri)
        try:
            await wait_until_reachable(db)
            await reload(db, [PROJECT_ROOT / "data"])
        finally:
            await db.close()
    cores = os.cpu_count()
    print(f"\n{args.seconds:g} s per run, after {args.warmup:g} s of warm-up; {cores} cores")
    print(HEADER)
    asked = frozenset(args.questions)
    servers = [
        Server("this", PROJECT_ROOT, workers, asked, args.kept_answers) for workers in args.workers
    ]
    if args.before is not None:
        servers.insert(0, Server("before", args.before.resolve(), 1, asked))
    print(f"questions: {', '.join(name for name, _, _ in QUESTIONS if name in asked)}")
    runs = []
    for _ in range(args.rounds):  # rounds in turn: a busy machine's changes fall on every server
        for server in servers:
            runs += await measure_server(
                uri, settings, server, args.clients, args.seconds, args.warmup, neo4j_pid
            )
    return runs


def verdict(runs: list[Run]) -> None:
    """The targets: under the most clients, at least the throughput of the fewest, p95 < 1 s."""
    for server, workers in sorted({(run.server, run.workers) for run in runs}):
        mine = [run for run in runs if (run.server, run.workers) == (server, workers)]
        few = min(mine, key=lambda run: run.clients)
        many = max(mine, key=lambda run: run.clients)
        held = many.throughput >= few.throughput and many.percentile(0.95) < 1000
        print(
            f"{server} code, {workers} worker(s): {many.clients} clients "
            f"{many.throughput:.0f} requests/s "
            f"(vs {few.throughput:.0f} with {few.clients}), p95 {many.percentile(0.95):.0f} ms, "
            f"{sum(run.errors for run in mine)} errors: target {'met' if held else 'NOT met'}"
        )


def numbers(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


def main() -> None:
    default_workers = Settings().workers
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=20.0, help="length of each measured run")
    parser.add_argument("--warmup", type=float, default=5.0, help="unmeasured load first")
    parser.add_argument("--clients", type=numbers, default=[5, 100])
    parser.add_argument(
        "--workers", type=numbers, default=sorted({1, default_workers}), help="e.g. 1,2,3"
    )
    parser.add_argument(
        "--before",
        type=Path,
        help="another checkout of the project to measure first, with one worker (its serve)",
    )
    parser.add_argument(
        "--questions",
        type=lambda text: [name.strip() for name in text.split(",")],
        default=[name for name, _, _ in QUESTIONS],
        help="the questions to ask, of: " + ", ".join(name for name, _, _ in QUESTIONS),
    )
    parser.add_argument("--rounds", type=int, default=1, help="measure every server so often")
    parser.add_argument(
        "--kept-answers",
        type=int,
        default=0,
        help="answers each API process keeps (CIVICGRAPH_KEPT_ANSWERS); 0: every answer computed",
    )
    parser.add_argument(
        "--keep-graph", action="store_true", help="measure the graph as it is; load nothing"
    )
    parser.add_argument(
        "--neo4j-pid", type=int, help="with NEO4J_URI: the Neo4j process, to report its CPU time"
    )
    args = parser.parse_args()
    logging.getLogger("neo4j").setLevel(logging.ERROR)
    if os.environ.get("NEO4J_URI"):
        verdict(asyncio.run(run_all(args, os.environ["NEO4J_URI"], Settings(), args.neo4j_pid)))
        return
    with tempfile.TemporaryDirectory(prefix="civicgraph-bench-state-") as state:
        settings = Settings(CIVICGRAPH_STATE_DIR=Path(state))
        server = LocalNeo4j(settings, port=free_port())
        status = server.start()
        try:
            runs = asyncio.run(run_all(args, status.uri, settings, status.pid))
        finally:
            server.stop()
    verdict(runs)


if __name__ == "__main__":
    main()

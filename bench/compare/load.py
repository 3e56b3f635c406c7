"""Latency in turn, throughput under concurrent connections, and the memory of a server process."""

from __future__ import annotations

import asyncio
import http.client
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import orjson

from bench.bench_api import GraphQLClient

Ask = Callable[[], Awaitable[Any]]


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def timed_in_turn(asks: list[Ask], runs: int, warmup: int) -> list[list[float]]:
    """Each ask once per run, the order turned by one each run so that none always goes first;
    milliseconds per ask."""
    for _ in range(warmup):
        for ask in asks:
            await ask()
    samples: list[list[float]] = [[] for _ in asks]
    for run in range(runs):
        order = list(range(len(asks)))
        order = order[run % len(asks) :] + order[: run % len(asks)]
        for index in order:
            start = time.perf_counter()
            await asks[index]()
            samples[index].append((time.perf_counter() - start) * 1000)
    return samples


class KeptAliveClient(GraphQLClient):
    """The API benchmark's client (one kept-alive connection, blocking, so that nothing else runs
    while a call is timed), opening a new connection when the server closed an idle one
    (Node's HTTP server does after 5 s). A cold server plans @neo4j/graphql's largest queries
    for minutes on a busy machine: a call waits up to 10 minutes."""

    def __init__(self, port: int) -> None:
        super().__init__(port)
        self.connection.timeout = 600

    async def __call__(self, query: str, variables: dict[str, Any]) -> Any:
        try:
            return await super().__call__(query, variables)
        except (BrokenPipeError, ConnectionResetError, http.client.RemoteDisconnected):
            self.close()
            return await super().__call__(query, variables)


@dataclass
class AsyncGraphQL:
    """POSTs GraphQL documents through an httpx client that keeps `connections` connections."""

    http: httpx.AsyncClient

    async def __call__(self, query: str, variables: dict[str, Any]) -> Any:
        payload = orjson.dumps({"query": query, "variables": variables})
        headers = {"content-type": "application/json"}
        try:
            response = await self.http.post("/graphql", content=payload, headers=headers)
        except (httpx.ReadError, httpx.RemoteProtocolError):  # an idle connection closed
            response = await self.http.post("/graphql", content=payload, headers=headers)
        body = orjson.loads(response.content)
        if response.status_code != 200 or body.get("errors"):
            raise RuntimeError(f"GraphQL failed: {response.status_code} {body.get('errors')}")
        return body["data"]


async def throughput(
    port: int, make_ask: Callable[[AsyncGraphQL], Ask], connections: int, seconds: float
) -> float:
    """Answers per second with `connections` clients asking back to back on their own connections
    for `seconds` (each then finishes the answer it is waiting for); stops by itself."""
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    base = f"http://127.0.0.1:{port}"
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=120) as http:
        ask = make_ask(AsyncGraphQL(http))
        deadline = time.perf_counter() + seconds
        answered = 0

        async def client() -> None:
            nonlocal answered
            while time.perf_counter() < deadline:
                await ask()
                answered += 1

        start = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(connections)))
        return answered / (time.perf_counter() - start)


def memory_mb(pid: int) -> tuple[float, float]:
    """(resident now, peak resident) of a process, in MB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value.strip()
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024

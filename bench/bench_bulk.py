"""Bulk first load (`civicgraph load --bulk`) of the generated graph into a fresh local Neo4j,
phase by phase, with items per second counted as `bench/bench_load.py` counts them (nodes and
relationships of the graph, the ledger's Source nodes aside).

    python -m bench.bench_bulk [--bodies 510] [--country] [--reload] [--writer]

`--country` loads the country-scale graph of `bench/generate_country.py` (with the register and
the vocabulary it names) instead. `--reload` then loads the same files again through the writer
(the ledger makes it change nothing); `--writer` loads them through the writer into a second,
fresh server, for load time and memory side by side.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bench.bench_load import free_port, graph_counts, peak_rss_mb
from bench.generate import generate
from bench.generate_country import generate_country
from graph.db import open_database, wait_until_reachable
from graph.local_neo4j import LocalNeo4j
from graph.schema import apply_schema
from graph.settings import Settings
from loaders.bulk import bulk_load
from loaders.load import load

console = Console()
DATA = Path(__file__).resolve().parent.parent / "data"
REGISTER, VOCABULARY = DATA / "register", DATA / "vocabulary"


def _generate(data_dir: Path, args: argparse.Namespace) -> tuple[str, list[Path]]:
    """Writes the files; returns what they are and the paths to load."""
    if args.country:
        counts = generate_country(data_dir)
        # The authorities' files name the register's bodies and the vocabulary's services.
        return f"country-scale graph: {counts}", [REGISTER, VOCABULARY, data_dir]
    entities, relations = generate(data_dir, args.bodies)
    text = f"{entities:,} entities and {relations:,} relations in {args.bodies + 1} files"
    return text, [data_dir]


async def writer_load(args: argparse.Namespace, workdir: Path, paths: list[Path]) -> None:
    """The same files through the writer into a fresh server, for comparison."""
    settings = Settings(
        CIVICGRAPH_STATE_DIR=workdir / "writer-state",
        CIVICGRAPH_NEO4J_HEAP=args.heap,
        CIVICGRAPH_NEO4J_PAGECACHE=args.pagecache,
        CIVICGRAPH_QUERY_TIMEOUT_S=600,
    )
    server = LocalNeo4j(settings, port=free_port())
    status = server.start()
    try:
        db = open_database(settings, status.uri)
        await wait_until_reachable(db)
        await apply_schema(db)
        report = await load(db, paths)
        assert report.summary is not None
        items = report.summary.node_count + report.summary.relationship_count
        write = report.check_seconds + report.summary.seconds
        jvm = peak_rss_mb(status.pid)
        console.print(
            f"Writer into a fresh server: read {report.read_seconds:.1f} s, write {write:.1f} s, "
            f"{items / write:,.0f} items/s; peak memory: Python {peak_rss_mb():,.0f} MB, "
            f"Neo4j JVM {jvm:,.0f} MB"
        )
        await db.close()
    finally:
        server.stop()


async def run_bench(args: argparse.Namespace, workdir: Path) -> None:
    data_dir = workdir / "data"
    described, paths = _generate(data_dir, args)
    console.print("Generated " + described)
    settings = Settings(
        CIVICGRAPH_STATE_DIR=workdir / "state",
        CIVICGRAPH_NEO4J_HEAP=args.heap,
        CIVICGRAPH_NEO4J_PAGECACHE=args.pagecache,
        CIVICGRAPH_QUERY_TIMEOUT_S=600,
    )
    server = LocalNeo4j(settings, port=free_port())
    try:
        before = _load_average()
        began = time.monotonic()
        report = await bulk_load(settings, paths, server=server)
        whole = time.monotonic() - began
        assert report.summary is not None
        items = report.summary.node_count + report.summary.relationship_count
        table = Table(title="Bulk first load")
        for column in ("phase", "seconds", "CPU seconds", "items/s"):
            table.add_column(column, justify="left" if column == "phase" else "right")
        table.add_row("read (files -> records)", f"{report.read_seconds:.1f}", "", "")
        table.add_row("validate against the graph", f"{report.check_seconds:.1f}", "", "")
        for phase, seconds in report.phases.items():
            cpu = report.cpu_seconds.get(phase)
            table.add_row(phase, f"{seconds:.1f}", "" if cpu is None else f"{cpu:.1f}", "")
        write = report.summary.seconds
        table.add_row(
            "[b]write (validate + all phases)[/b]", f"{write:.1f}", "", f"{items / write:,.0f}"
        )
        table.add_row("whole command (server start and read included)", f"{whole:.1f}", "",
                      f"{items / whole:,.0f}")  # fmt: skip
        console.print(table)
        console.print(
            "CPU seconds: this process's (plan, csv), neo4j-admin's (import), the server's "
            "(restart: its start; empty lists and schema: its work). Load average before and "
            f"after: {before} -> {_load_average()}"
        )
        db = open_database(settings, server.uri)
        await wait_until_reachable(db)
        nodes, rels = await graph_counts(db)
        console.print(f"Items: {items:,}. Graph: {nodes:,} nodes, {rels:,} relationships")
        if args.reload:
            began = time.monotonic()
            again = await load(db, paths)
            assert again.summary is not None
            console.print(f"Reload through the writer: {time.monotonic() - began:.1f} s, "
                          f"changed: {again.summary.changed}")  # fmt: skip
        await db.close()
        status = server.status()
        jvm = peak_rss_mb(status.pid) if status.pid else 0.0
        console.print(f"Peak memory: Python {peak_rss_mb():,.0f} MB RSS, Neo4j JVM {jvm:,.0f} MB")
    finally:
        server.stop()
    if args.writer:
        await writer_load(args, workdir, paths)


def _load_average() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bodies", type=int, default=510)
    parser.add_argument("--country", action="store_true", help="the country-scale graph")
    parser.add_argument("--heap", default="2g")
    parser.add_argument("--pagecache", default="1g")
    parser.add_argument("--reload", action="store_true", help="then reload through the writer")
    parser.add_argument("--writer", action="store_true", help="then the writer, on a new server")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="civicgraph-bench-bulk-") as workdir:
        asyncio.run(run_bench(args, Path(workdir)))


if __name__ == "__main__":
    main()

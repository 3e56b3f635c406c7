"""Loads a synthetic governance graph (>= 100,000 entities, >= 300,000 relations, in the curated
format) through the project's own reader and writer into a fresh local Neo4j, and measures it
beside a one-transaction-per-item baseline run in the same process on a sample.

    python -m bench.bench_load [--bodies 510] [--warm-up-bodies 60] [--baseline-facts 2000]
                               [--reload] [--writers 2] [--neo4j-setting KEY=VALUE] [--jvm OPTION]

Beside the wall clock it prints the CPU the server (by kind of thread: transactions, JIT compiler,
index sampling...) and this process spent on the first load, which depends much less on what else
runs on a shared machine. `--warm-up-bodies 0` makes the main load the server's first work;
`--jvm` and `--neo4j-setting` try server options; `--writers` the source transactions in flight.

Items are graph elements written: nodes (documents, entities, evidence) and relationships
(relations, FROM_DOCUMENT). Both runs count them the same way.

The server starts cold, and for its first minute the JVM's compiler threads take a core of this
2-core machine (about 20 s of CPU while Neo4j's code gets hot). The first timed run is therefore a
load of other bodies into the cold server; it is reported, then deleted, and the main first load
goes into the emptied graph of a server that has been running, as a user's server would have.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import resource
import socket
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from neo4j import AsyncManagedTransaction
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn
from rich.table import Table

from bench.generate import body_file, generate
from bench.process_cpu import CpuSample, load_average, sample
from graph.db import Database, open_database, wait_until_reachable
from graph.local_neo4j import LocalNeo4j
from graph.model import CuratedFile, EntityType, Origin, RelationType, SourceRecords
from graph.schema import apply_schema
from graph.settings import Settings
from loaders.load import load
from loaders.writer import WRITERS
from loaders.writer import cypher as q
from loaders.writer.known import evidence_groups, split_evidence
from loaders.writer.plan import Row, plan_source

console = Console()
ENTITY_LABELS = frozenset(EntityType)
RELATION_TYPES = frozenset(RelationType)
WARM_UP_FIRST_INDEX = 800_000  # bodies no other run of the benchmark generates


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def peak_rss_mb(pid: int | None = None) -> float:
    """Peak resident memory: this process's (getrusage) or another's (VmHWM)."""
    if pid is None:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def graph_counts(db: Database) -> tuple[int, int]:
    records, _, _ = await db.read(
        "CALL () { MATCH (n) RETURN count(n) AS nodes } "
        "CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } "
        "RETURN nodes, relationships"
    )
    return records[0]["nodes"], records[0]["relationships"]


@dataclass
class Run:
    name: str
    items: int
    seconds: float

    @property
    def rate(self) -> float:
        return self.items / self.seconds if self.seconds else 0.0


async def load_all(
    db: Database, data_dir: Path, writers: int = WRITERS
) -> tuple[Run, Run, int, int]:
    """Read + validate + write, timed apart. Returns (read, write, entities, relations)."""
    columns = (BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("load", total=None)
        report = await load(
            db,
            [data_dir],
            progress=lambda done, total: bar.update(task, completed=done, total=total),
            writers=writers,
        )
    assert report.summary is not None
    summary = report.summary
    entities = sum(c.written for label, c in summary.nodes.items() if label in ENTITY_LABELS)
    relations = sum(c.written for rel_type, c in summary.relationships.items()
                    if rel_type in RELATION_TYPES)  # fmt: skip
    items = summary.node_count + summary.relationship_count
    write_seconds = report.check_seconds + summary.seconds
    return (
        Run("read + validate (files -> records)", entities + relations, report.read_seconds),
        Run("write (validate against graph + transactions)", items, write_seconds),
        entities,
        relations,
    )


def baseline_sources(count: int) -> Iterator[SourceRecords]:
    """Bodies the main load does not contain, for the baseline to create."""
    rng = random.Random(11)
    for index in range(900_000, 900_000 + count):
        curated = CuratedFile.model_validate(body_file(index, rng))
        yield SourceRecords(
            origin=Origin.CURATED,
            source_file=f"baseline/{index}.json",
            document=curated.document,
            entities=curated.entities,
            relations=curated.relations,
        )


async def baseline(db: Database, facts: int) -> Run:
    """The writer's Cypher for new facts, one fact (with its evidence) per transaction."""
    now = datetime.now(UTC)
    done = items = 0
    elapsed = 0.0
    async with db.driver.session(database=db.name) as session:
        for source in baseline_sources(facts // 800 + 1):
            plan = plan_source(source)
            await session.execute_write(_single, q.DOCUMENT, [plan.document], plan.key, now)
            evidence: dict[str, list[Row]] = {}
            for row in plan.evidence:
                evidence.setdefault(row["props"]["factId"], []).append(row)
            steps = [
                (q.entity_create_query(t), r) for t, rows in plan.entities.items() for r in rows
            ]
            steps += [
                (q.relation_create_query(t), r) for t, rows in plan.relations.items() for r in rows
            ]
            for query, row in steps:
                if done >= facts:
                    return Run("baseline: one transaction per item", items, elapsed)
                began = time.monotonic()
                await session.execute_write(
                    _single, query, [row], plan.key, now, evidence[row["id"]]
                )
                elapsed += time.monotonic() - began
                done += 1
                items += 1 + 2 * len(evidence[row["id"]])  # fact, evidence, FROM_DOCUMENT
    return Run("baseline: one transaction per item", items, elapsed)


async def engine_ceiling(db: Database, count: int = 20_000) -> Run:
    """What this machine's Neo4j does right now with the simplest batched MERGE of bare nodes:
    the figures above are best read against it (other processes share the CPUs)."""
    await db.write(
        "CREATE CONSTRAINT bench_ceiling_id IF NOT EXISTS "
        "FOR (n:BenchCeiling) REQUIRE n.id IS UNIQUE"
    )
    rows = [{"id": f"ceiling:{n}", "name": f"node {n}"} for n in range(count)]
    began = time.monotonic()
    await db.write("UNWIND $rows AS row MERGE (n:BenchCeiling {id: row.id}) SET n.name = row.name",
                   {"rows": rows})  # fmt: skip
    seconds = time.monotonic() - began
    await db.write("MATCH (n:BenchCeiling) DETACH DELETE n")
    return Run("engine ceiling: one UNWIND MERGE of bare nodes", count, seconds)


async def _single(
    tx: AsyncManagedTransaction,
    query: str,
    rows: list[Row],
    key: str,
    now: datetime,
    evidence: list[Row] | None = None,
) -> None:
    await (await tx.run(query, {"rows": rows})).consume()
    if evidence:
        groups = evidence_groups(split_evidence(evidence, {}, key).create)
        await (await tx.run(q.EVIDENCE_CREATE, {"groups": groups, "now": now})).consume()


async def warm_up(db: Database, workdir: Path, bodies: int) -> Run:
    """Loads `bodies` other bodies into the cold server, then deletes everything loaded."""
    data_dir = workdir / "warm-up"
    generate(data_dir, bodies, first_index=WARM_UP_FIRST_INDEX)
    _, write, _, _ = await load_all(db, data_dir)
    write.name = f"cold server: first load of {bodies} other bodies"
    await db.autocommit(
        "MATCH (n) WHERE NOT n:SchemaVersion "
        "CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS"
    )
    assert await graph_counts(db) == (1, 0), "the warm-up graph was not deleted"
    return write


REGISTER_DIR = Path(__file__).resolve().parent.parent / "data" / "register"


async def load_register(db: Database) -> Run:
    """The knowledge base's register of UK local authorities, as `make run` loads it: the graph
    the measured load goes into holds every authority, as a user's would."""
    _, write, _, _ = await load_all(db, REGISTER_DIR)
    write.name = "the register of UK local authorities (before the first load)"
    return write


async def run_bench(args: argparse.Namespace, workdir: Path) -> None:
    data_dir = workdir / "data"
    entities, relations = generate(data_dir, args.bodies)
    console.print(f"Generated {entities:,} entities and {relations:,} relations "
                  f"in {args.bodies + 1} curated files")  # fmt: skip
    settings = Settings(
        CIVICGRAPH_STATE_DIR=workdir / "state",
        CIVICGRAPH_NEO4J_HEAP=args.heap,
        CIVICGRAPH_NEO4J_PAGECACHE=args.pagecache,
        # Reads before the load (the persons' merge) on a busy machine's cold server.
        CIVICGRAPH_QUERY_TIMEOUT_S=120,
    )
    extra = dict(setting.split("=", 1) for setting in args.neo4j_setting)
    server = LocalNeo4j(settings, port=free_port(), extra_settings=extra, jvm_options=args.jvm)
    console.print(
        f"Load average at the start: {load_average()}; writers in flight: {args.writers}; "
        f"server settings added: {extra or 'none'}; JVM options: {args.jvm or 'none'}"
    )
    status = server.start()
    assert status.pid is not None
    try:
        db = open_database(settings, status.uri)
        await wait_until_reachable(db)
        await apply_schema(db)
        runs = [await warm_up(db, workdir, args.warm_up_bodies)] if args.warm_up_bodies else []
        if args.register:
            runs.append(await load_register(db))
        jvm_before, python_before = sample(status.pid), python_cpu()
        read, write, _, _ = await load_all(db, data_dir, args.writers)
        jvm_cpu, python_used = sample(status.pid) - jvm_before, python_cpu() - python_before
        write.name = "first load (write: validate against graph + transactions)"
        nodes, rels = await graph_counts(db)
        runs += [read, write]
        if args.reload:
            _, again, _, _ = await load_all(db, data_dir)
            again.name = "reload, nothing changed"
            runs.append(again)
            assert await graph_counts(db) == (nodes, rels), "a reload changed the counts"
        base = await baseline(db, args.baseline_facts) if args.baseline_facts else None
        if base is not None:
            runs.append(base)
        runs.append(await engine_ceiling(db))
        report(runs, write, base, nodes, rels, peak_rss_mb(), peak_rss_mb(status.pid))
        report_cpu(write, read, jvm_cpu, python_used)
        await db.close()
    finally:
        server.stop()


def python_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def report_cpu(write: Run, read: Run, jvm: CpuSample, python: float) -> None:
    """The CPU the first load took, server and client: less dependent on what else runs on the
    machine than its wall-clock time. On a quiet 2-core machine the load cannot take less than
    (server + client CPU) / 2 seconds."""
    per_k = 1000 / write.items
    table = Table(title="CPU of the first load (read + write), seconds")
    for column in ("process / threads", "CPU s", "ms per 1k items written"):
        table.add_column(column, justify="left" if column.startswith("process") else "right")
    table.add_row("Neo4j JVM, all threads", f"{jvm.total:.1f}", f"{jvm.total * per_k * 1000:.0f}")
    for group, seconds in jvm.by_group.most_common(6):
        table.add_row(f"  {group}", f"{seconds:.1f}", f"{seconds * per_k * 1000:.0f}")
    table.add_row("Python (read, plan, driver)", f"{python:.1f}", f"{python * per_k * 1000:.0f}")
    console.print(table)
    bound = write.items / ((jvm.total + python) / 2) if jvm.total + python else 0.0
    console.print(
        f"Wall clock of read + write: {read.seconds + write.seconds:.1f} s; "
        f"CPU-bound rate on 2 idle cores (items / ((JVM + Python CPU) / 2)): {bound:,.0f} items/s"
    )
    console.print(f"Load average at the end: {load_average()}")


def report(
    runs: list[Run],
    write: Run,
    base: Run | None,
    nodes: int,
    rels: int,
    py_mb: float,
    jvm_mb: float,
) -> None:
    table = Table(title="Load benchmark")
    for column in ("run", "items", "seconds", "items/s"):
        table.add_column(column, justify="left" if column == "run" else "right")
    for run in runs:
        table.add_row(run.name, f"{run.items:,}", f"{run.seconds:.1f}", f"{run.rate:,.0f}")
    console.print(table)
    console.print(f"Graph after the load: {nodes:,} nodes, {rels:,} relationships")
    if base is not None and base.rate:
        console.print(f"Batched writer vs baseline: {write.rate / base.rate:.1f}x")
    console.print(f"Peak memory: Python {py_mb:,.0f} MB RSS, Neo4j JVM {jvm_mb:,.0f} MB RSS")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bodies", type=int, default=510)
    parser.add_argument("--warm-up-bodies", type=int, default=60, help="0: none")
    parser.add_argument("--baseline-facts", type=int, default=2000)
    parser.add_argument("--heap", default="2g")
    parser.add_argument("--pagecache", default="1g")
    parser.add_argument("--reload", action="store_true", help="load a second time, unchanged")
    parser.add_argument("--writers", type=int, default=WRITERS,
                        help="source transactions in flight at once")  # fmt: skip
    parser.add_argument(
        "--neo4j-setting", action="append", default=[], metavar="KEY=VALUE",
        help="a neo4j.conf setting beyond the project's (repeatable)",
    )  # fmt: skip
    parser.add_argument(
        "--jvm", action="append", default=[], metavar="OPTION",
        help="a JVM option for the server, e.g. --jvm=-XX:+UseParallelGC (repeatable)",
    )  # fmt: skip
    parser.add_argument(
        "--no-register", dest="register", action="store_false",
        help="leave the register of UK local authorities out of the graph",
    )  # fmt: skip
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="civicgraph-bench-") as workdir:
        asyncio.run(run_bench(args, Path(workdir)))


if __name__ == "__main__":
    main()

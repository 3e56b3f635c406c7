"""`civicgraph load PATH... [--check] [--format NAME]`: read, validate everything, then write."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn
from rich.table import Table

from graph.db import Database, connect, wait_until_reachable
from graph.errors import CivicGraphError
from graph.provision import ensure_neo4j
from graph.schema import apply_schema
from graph.settings import get_settings
from loaders.issues import LoadIssue, LoadRejected
from loaders.readers import read_paths
from loaders.validation import check_sources
from loaders.writer import LoadSummary, count_items, write_sources

console = Console(stderr=True)
PROGRESS_THRESHOLD = 5000  # items; smaller loads finish before a bar would help


def load(
    paths: Annotated[list[Path], typer.Argument(help="Files or directories (read recursively)")],
    check: bool = typer.Option(False, "--check", help="Validate only; write nothing"),
    format_name: str | None = typer.Option(
        None, "--format", help="Read every file as this format (default: recognised per file)"
    ),
) -> None:
    """Load curated (and other) files into the graph; every problem is listed, nothing written."""
    try:
        uri = ensure_neo4j(get_settings())
        summary = asyncio.run(_load(uri, paths, format_name, check))
    except LoadRejected as rejected:
        _print_issues(rejected.issues)
        raise typer.Exit(1) from rejected
    except CivicGraphError as error:
        console.print(f"[red]error:[/red] {error.detail}")
        raise typer.Exit(1) from error
    if summary is not None:
        print_summary(summary)


async def _load(
    uri: str, paths: Sequence[Path], format_name: str | None, check: bool
) -> LoadSummary | None:
    async with connect(get_settings(), uri) as db:
        await wait_until_reachable(db)
        await apply_schema(db)
        return await load_paths(db, paths, format_name=format_name, check=check)


async def load_paths(
    db: Database, paths: Sequence[Path], format_name: str | None = None, check: bool = False
) -> LoadSummary | None:
    """Reads and validates every file; raises LoadRejected listing all problems; else writes."""
    sources, issues = read_paths(paths, format_name)
    issues += await check_sources(db, sources)
    if issues:
        raise LoadRejected(issues)
    if check:
        console.print(f"[green]valid:[/green] {len(sources)} source(s), nothing written")
        return None
    total = count_items(sources)
    if total < PROGRESS_THRESHOLD:
        return await write_sources(db, sources)
    columns = (*Progress.get_default_columns()[:1], BarColumn(), MofNCompleteColumn())
    with Progress(*columns, TimeElapsedColumn(), console=console, transient=True) as bar:
        task = bar.add_task("Loading", total=total)
        return await write_sources(db, sources, lambda n: bar.advance(task, n))


def _print_issues(issues: Sequence[LoadIssue]) -> None:
    count = len(issues)
    console.print(f"[red]{count} problem{'s' if count != 1 else ''}; nothing was written:[/red]")
    for issue in issues:
        console.print(f"  {issue}", markup=False, highlight=False)


def print_summary(summary: LoadSummary) -> None:
    table = Table(title=f"Loaded {summary.sources} source(s) in {summary.seconds:.1f}s")
    table.add_column("")
    table.add_column("label / type")
    for column in ("created", "updated", "unchanged", "deleted"):
        table.add_column(column, justify="right")
    for kind, groups in (("node", summary.nodes), ("relationship", summary.relationships)):
        for name, counts in sorted(groups.items()):
            table.add_row(
                kind, name, str(counts.created), str(counts.updated),
                str(counts.unchanged), str(counts.deleted),
            )  # fmt: skip
    console.print(table)
    items = summary.node_count + summary.relationship_count
    rate = items / summary.seconds if summary.seconds else 0.0
    console.print(
        f"{summary.node_count} nodes and {summary.relationship_count} relationships "
        f"written or confirmed ({rate:,.0f} items/s)"
    )

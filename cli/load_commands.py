"""`civicgraph load PATH... [--check] [--format NAME] [--body ID]`: the load (`loaders.load`) with
its output: every problem listed, a progress bar for large loads, and a table of what changed.
`--body ID` settles a file whose body did not resolve: its body is taken to be ID (a body of the
register or of the graph; any other id is refused before anything is read)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn
from rich.table import Table

from graph.db import connect, wait_until_reachable
from graph.errors import CivicGraphError
from graph.provision import ensure_neo4j
from graph.schema import apply_schema
from graph.settings import get_settings
from loaders.body_resolution import given_body_problem
from loaders.bulk import bulk_load
from loaders.issues import LoadIssue, LoadRejected, Severity
from loaders.load import LoadProgress, LoadReport
from loaders.load import load as load_files
from loaders.readers import read_context
from loaders.writer import LoadSummary

console = Console(stderr=True)
PROGRESS_THRESHOLD = 5000  # items; smaller loads finish before a bar would help


def load(
    paths: Annotated[list[Path], typer.Argument(help="Files or directories (read recursively)")],
    check: bool = typer.Option(False, "--check", help="Validate only; write nothing"),
    format_name: str | None = typer.Option(
        None, "--format", help="Read every file as this format (default: recognised per file)"
    ),
    body: str | None = typer.Option(
        None, "--body", help="The files' own body is this body id (settles an unresolved body)"
    ),
    bulk: bool = typer.Option(
        False, "--bulk", help="First load into an empty local Neo4j through Neo4j's bulk importer"
    ),
) -> None:
    """Load curated (and other) files into the graph; every problem is listed, nothing written."""
    try:
        if bulk and body is not None:
            raise typer.BadParameter("--bulk and --body cannot be used together")
        if bulk and not check:
            report: LoadReport = asyncio.run(
                bulk_load(get_settings(), paths, format_name=format_name)
            )
        else:
            uri = ensure_neo4j(get_settings())
            report = asyncio.run(_load(uri, paths, format_name, check, body))
    except LoadRejected as rejected:
        print_issues(rejected.issues)
        raise typer.Exit(1) from rejected
    except CivicGraphError as error:
        console.print(f"[red]error:[/red] {error.detail}")
        raise typer.Exit(1) from error
    print_report(report)


async def _load(
    uri: str, paths: Sequence[Path], format_name: str | None, check: bool, body: str | None = None
) -> LoadReport:
    async with connect(get_settings(), uri) as db:
        await wait_until_reachable(db)
        await apply_schema(db)
        context = read_context(get_settings()).with_body(body)
        if body is not None and (problem := await given_body_problem(db, context.bodies, body)):
            raise LoadRejected([LoadIssue("--body", None, problem)])
        with progress_bar() as progress:
            return await load_files(
                db, paths, format_name=format_name, check=check, progress=progress, context=context
            )


@contextmanager
def progress_bar() -> Iterator[LoadProgress]:
    """A bar on stderr, shown only for a load large enough to take a while."""
    columns = (*Progress.get_default_columns()[:1], BarColumn(), MofNCompleteColumn())
    with Progress(*columns, TimeElapsedColumn(), console=console, transient=True) as bar:
        task = bar.add_task("Loading", total=None, visible=False)

        def show(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total, visible=total >= PROGRESS_THRESHOLD)

        yield show


def print_report(report: LoadReport) -> None:
    if report.issues:
        left_out = sum(issue.severity is Severity.REJECTED for issue in report.issues)
        console.print(
            f"[yellow]{left_out} row(s) left out, {len(report.issues) - left_out} note(s):[/yellow]"
        )
        for issue in report.issues:
            console.print(f"  {issue}", markup=False, highlight=False)
    if report.person_merges:
        console.print(
            f"{len(report.person_merges)} person(s) merged into the one another source names "
            f"({report.person_merges[0].rule}): see their merge_rule and merged_from"
        )
    if report.summary is None:
        console.print(f"[green]valid:[/green] {report.sources} source(s), nothing written")
    else:
        print_summary(report.summary)


def print_issues(issues: Sequence[LoadIssue]) -> None:
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

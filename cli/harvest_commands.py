"""`civicgraph harvest moderngov BASE_URL | --list FILE`: fetch councils' answers, keep, load."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from graph.db import connect, wait_until_reachable
from graph.errors import CivicGraphError
from graph.provision import ensure_neo4j
from graph.schema import apply_schema
from graph.settings import get_settings
from loaders.harvest.client import Politeness
from loaders.harvest.moderngov import DEFAULT_MAX_MEETINGS, CouncilHarvest
from loaders.harvest.run import (
    CouncilReport,
    HarvestOptions,
    default_out,
    harvest_councils,
    load_harvests,
)
from loaders.harvest.store import Written

console = Console(stderr=True)
app = typer.Typer(help="Fetch public sources into files, then load them.", no_args_is_help=True)


def read_list(path: Path) -> list[str]:
    """One base URL per line; blank lines and `#` comments are skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise typer.BadParameter(f"{path}: {error.strerror or error}") from error
    urls = [line.split("#", 1)[0].strip() for line in lines]
    return [url for url in urls if url]


@app.command("moderngov")
def moderngov(
    base_url: Annotated[str | None, typer.Argument(help="The council's ModernGov site")] = None,
    list_file: Annotated[
        Path | None, typer.Option("--list", help="A file of base URLs, one a line, # comments")
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Where answers are kept [default: <state dir>/harvest]"),
    ] = None,
    delay: Annotated[float, typer.Option("--delay", min=0, help="Seconds between calls")] = 1.0,
    timeout: Annotated[float, typer.Option("--timeout", min=0.1, help="Seconds per call")] = 30.0,
    no_load: Annotated[bool, typer.Option("--no-load", help="Keep the answers only")] = False,
    meetings_since: Annotated[
        dt.datetime | None,
        typer.Option("--meetings-since", formats=["%Y-%m-%d"], help="Also meetings since DATE"),
    ] = None,
    max_meetings: Annotated[int, typer.Option("--max-meetings", min=0)] = DEFAULT_MAX_MEETINGS,
) -> None:
    """Fetch councils' ModernGov web-service answers (councillors, committees, meetings)."""
    if (base_url is None) == (list_file is None):
        raise typer.BadParameter("give either a BASE_URL or --list FILE")
    base_urls = read_list(list_file) if list_file is not None else [str(base_url)]
    options = HarvestOptions(
        out=out if out is not None else default_out(get_settings()),
        politeness=Politeness(delay=delay, timeout=timeout),
        meetings_since=meetings_since.date() if meetings_since else None,
        max_meetings=max_meetings,
    )
    harvests = _harvest_with_progress(base_urls, options)
    try:
        reports = (
            [CouncilReport(h) for h in harvests] if no_load else asyncio.run(_load_all(harvests))
        )
    except CivicGraphError as error:
        console.print(f"[red]error:[/red] {error.detail}")
        raise typer.Exit(1) from error
    print_reports(reports, loaded=not no_load)
    if any(report.failed for report in reports):
        raise typer.Exit(1)


def _harvest_with_progress(
    base_urls: Sequence[str], options: HarvestOptions
) -> list[CouncilHarvest]:
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, TimeElapsedColumn(), console=console, transient=True) as bar:
        task = bar.add_task("Harvesting", total=len(base_urls))
        done: set[str] = set()

        def on_call(base_url: str, call: str) -> None:
            done.add(base_url)
            bar.update(task, completed=len(done) - 1, description=f"{base_url}: {call}")

        harvests = asyncio.run(harvest_councils(base_urls, options, on_call=on_call))
        bar.update(task, completed=len(base_urls))
    return harvests


async def _load_all(harvests: Sequence[CouncilHarvest]) -> list[CouncilReport]:
    uri = ensure_neo4j(get_settings())
    async with connect(get_settings(), uri) as db:
        await wait_until_reachable(db)
        await apply_schema(db)
        return await load_harvests(db, harvests)


def _load_column(report: CouncilReport, loaded: bool) -> str:
    if not loaded:
        return "not loaded"
    if report.load_error:
        return "[red]rejected[/red]"
    summary = report.loaded
    if summary is None:
        return "nothing to load"
    if not summary.changed:
        return "nothing new"
    counts = [*summary.nodes.values(), *summary.relationships.values()]
    created = sum(c.created for c in counts)
    updated = sum(c.updated for c in counts)
    return f"{created} created, {updated} updated"


def print_reports(reports: Sequence[CouncilReport], loaded: bool = True) -> None:
    table = Table(title=f"Harvested {len(reports)} council(s)")
    table.add_column("council")
    for column in ("calls", "written", "unchanged", "errors"):
        table.add_column(column, justify="right")
    table.add_column("graph")
    for report in reports:
        harvest = report.harvest
        written = harvest.count(Written.NEW) + harvest.count(Written.CHANGED)
        errors = len(harvest.errors)
        table.add_row(
            harvest.host,
            str(len(harvest.outcomes)),
            str(written),
            str(harvest.count(Written.UNCHANGED)),
            f"[red]{errors}[/red]" if errors else "0",
            _load_column(report, loaded),
        )
    console.print(table)
    for report in reports:
        for message in [*report.harvest.errors, report.load_error]:
            if message:
                console.print(f"[red]error:[/red] {message}", markup=True, highlight=False)
        for note in report.harvest.notes:
            console.print(f"note: {report.harvest.host}: {note}", highlight=False)
        for issue in report.load_issues:
            console.print(f"note: {issue}", markup=False, highlight=False)

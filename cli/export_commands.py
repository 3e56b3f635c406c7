"""`civicgraph export FORMAT [--body ID | --focus ID --depth N] [-o FILE]`."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from graph.db import connect, wait_until_reachable
from graph.errors import CivicGraphError, InvalidInput
from graph.provision import ensure_neo4j
from graph.settings import get_settings
from queries.exports import FORMATS, ExportGraph, body_graph, neighbourhood_graph, whole_graph

console = Console(stderr=True)
CSV_PARTS = ("nodes", "edges")
FORMAT_NAMES = ", ".join([*FORMATS, "csv"])


async def export_graph(uri: str, body: str | None, focus: str | None, depth: int) -> ExportGraph:
    async with connect(get_settings(), uri) as db:
        await wait_until_reachable(db)
        if body is not None:
            return await body_graph(db, body)
        if focus is not None:
            return await neighbourhood_graph(db, focus, depth)
        return await whole_graph(db)


def export(
    format_name: Annotated[str, typer.Argument(metavar="FORMAT", help=f"One of: {FORMAT_NAMES}")],
    body: Annotated[str | None, typer.Option("--body", help="Only this body's structure")] = None,
    focus: Annotated[
        str | None, typer.Option("--focus", help="Only this entity's neighbourhood")
    ] = None,
    depth: Annotated[int, typer.Option("--depth", help="Neighbourhood depth, 0 to 4")] = 1,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="File to write (default: stdout); a folder for csv"),
    ] = None,
) -> None:
    """Export the whole graph, a body, or a neighbourhood: Popolo, GraphML, Cytoscape.js, CSV.

    `csv` writes nodes.csv and edges.csv into the folder given with -o."""
    try:
        chosen = (
            [FORMATS[f"csv-{part}"] for part in CSV_PARTS]
            if format_name == "csv"
            else ([FORMATS[format_name]] if format_name in FORMATS else [])
        )
        if not chosen:
            raise InvalidInput(f"unknown format {format_name!r} (formats: {FORMAT_NAMES})")
        if format_name == "csv" and output is None:
            raise InvalidInput("csv needs -o FOLDER for its nodes.csv and edges.csv")
        if body is not None and focus is not None:
            raise InvalidInput("give --body or --focus, not both")
        uri = ensure_neo4j(get_settings())
        graph = asyncio.run(export_graph(uri, body, focus, depth))
    except CivicGraphError as error:
        console.print(f"[red]error:[/red] {error.detail}")
        raise typer.Exit(1) from error
    if format_name == "csv" and output is not None:
        output.mkdir(parents=True, exist_ok=True)
        for part, fmt in zip(CSV_PARTS, chosen, strict=True):
            (output / f"{part}.csv").write_bytes(fmt.render(graph))
    elif output is None:
        sys.stdout.buffer.write(chosen[0].render(graph))
        sys.stdout.flush()
    else:
        output.write_bytes(chosen[0].render(graph))
    console.print(
        f"{len(graph.nodes)} nodes and {len(graph.edges)} edges ({graph.scope}) as {format_name}"
        + (f" in {output}" if output else "")
    )

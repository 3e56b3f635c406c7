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
from loaders.exports import FORMATS, ExportGraph, body_graph, neighbourhood_graph, whole_graph

console = Console(stderr=True)
FORMAT_NAMES = ", ".join(FORMATS)


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
        Path | None, typer.Option("-o", "--output", help="File to write (default: stdout)")
    ] = None,
) -> None:
    """Export the whole graph, a body, or a neighbourhood: Popolo, GraphML, Cytoscape.js, CSV."""
    try:
        chosen = FORMATS.get(format_name)
        if chosen is None:
            raise InvalidInput(f"unknown format {format_name!r} (formats: {', '.join(FORMATS)})")
        if body is not None and focus is not None:
            raise InvalidInput("give --body or --focus, not both")
        uri = ensure_neo4j(get_settings())
        graph = asyncio.run(export_graph(uri, body, focus, depth))
    except CivicGraphError as error:
        console.print(f"[red]error:[/red] {error.detail}")
        raise typer.Exit(1) from error
    content = chosen.render(graph)
    if output is None:
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
    else:
        output.write_bytes(content)
    console.print(
        f"{len(graph.nodes)} nodes and {len(graph.edges)} edges ({graph.scope}) as {chosen.name}"
        + (f" in {output}" if output else "")
    )

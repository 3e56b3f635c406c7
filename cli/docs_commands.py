"""`civicgraph docs schema`: regenerate `docs/schema.md` from the live database and the model."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from graph.db import connect, wait_until_reachable
from graph.errors import CivicGraphError
from graph.provision import ensure_neo4j
from graph.settings import PROJECT_ROOT, get_settings
from queries.introspect import introspect
from queries.schema_doc import render_schema_doc

app = typer.Typer(help="Generated documentation.", no_args_is_help=True)
console = Console(stderr=True)
SCHEMA_DOC = PROJECT_ROOT / "docs" / "schema.md"


async def generate_schema_doc(uri: str) -> str:
    async with connect(get_settings(), uri) as db:
        await wait_until_reachable(db)
        return render_schema_doc(await introspect(db))


@app.command()
def schema(
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write it")] = SCHEMA_DOC,
    check: Annotated[
        bool, typer.Option("--check", help="Write nothing; fail if the file would change")
    ] = False,
) -> None:
    """Describe the graph (labels, relationship types, properties, counts, constraints, indexes).

    Run it against a database holding exactly the knowledge base in data/ (as `make run`
    leaves it): the committed docs/schema.md carries that database's counts.
    """
    try:
        uri = ensure_neo4j(get_settings(), detached=True)
        text = asyncio.run(generate_schema_doc(uri))
    except CivicGraphError as error:
        console.print(f"[red]error:[/red] {error.detail}")
        raise typer.Exit(1) from error
    if check:
        current = output.read_text(encoding="utf-8") if output.is_file() else ""
        if current != text:
            console.print(f"[red]{output} is out of date[/red]: run `civicgraph docs schema`")
            raise typer.Exit(1)
        console.print(f"{output} is up to date")
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    console.print(f"Wrote {output} from the database at {uri}")

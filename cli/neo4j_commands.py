"""`civicgraph neo4j start|stop|status`: the project's own local Neo4j."""

from __future__ import annotations

import time

import typer
from rich.console import Console

from graph.errors import LocalNeo4jError
from graph.local_neo4j import LocalNeo4j
from graph.settings import get_settings

app = typer.Typer(help="Run the project's own local Neo4j (Community 5.26, from Maven Central).")
console = Console(stderr=True)

PortOption = typer.Option(None, "--port", help="Bolt port (default: CIVICGRAPH_NEO4J_PORT or 7687)")


@app.command()
def start(port: int | None = PortOption) -> None:
    """Start the local Neo4j in the background, or reuse the one already running."""
    server = LocalNeo4j(get_settings(), port=port)
    began = time.monotonic()
    try:
        status = server.start(detached=True)
    except LocalNeo4jError as error:
        console.print(f"[red]error:[/red] {error.detail}")
        raise typer.Exit(1) from error
    console.print(
        f"Neo4j {status.version} is running on {status.uri} (pid {status.pid}, "
        f"ready in {time.monotonic() - began:.1f}s; logs in {server.logfile.parent})"
    )


@app.command()
def stop(port: int | None = PortOption) -> None:
    """Stop the local Neo4j."""
    server = LocalNeo4j(get_settings(), port=port)
    if server.stop():
        console.print(f"Neo4j on {server.uri} stopped")
    else:
        console.print(f"No local Neo4j was running on {server.uri}")


@app.command()
def status(
    port: int | None = PortOption,
    as_json: bool = typer.Option(False, "--json", help="Print the status as JSON"),
) -> None:
    """Say whether the local Neo4j runs, where, and which version."""
    current = LocalNeo4j(get_settings(), port=port).status()
    if as_json:
        print(current.as_json())
        return
    state = "running" if current.running else "not running"
    console.print(f"Neo4j {current.version} {state} on {current.uri}")
    console.print(
        f"user {current.user}, password in {current.password_file} (readable by its owner only)"
    )

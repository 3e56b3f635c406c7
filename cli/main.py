"""The `civicgraph` command line."""

from __future__ import annotations

import asyncio

import typer
import uvicorn
from rich.console import Console

from cli import docs_commands, export_commands, load_commands, neo4j_commands, query_commands
from cli.harvest_commands import app as harvest_app
from graph.db import connect, wait_until_reachable
from graph.errors import CivicGraphError
from graph.provision import ensure_neo4j
from graph.schema import apply_schema
from graph.settings import get_settings
from loaders.issues import LoadRejected
from loaders.load import load as load_files

app = typer.Typer(
    help="civicgraph: how public bodies are governed, in Neo4j.", no_args_is_help=True
)
app.add_typer(neo4j_commands.app, name="neo4j")
app.command()(load_commands.load)
app.command()(export_commands.export)
query_commands.register(app)
app.add_typer(docs_commands.app, name="docs")
app.add_typer(harvest_app, name="harvest")
console = Console(stderr=True)


def _fail(error: CivicGraphError) -> typer.Exit:
    console.print(f"[red]error:[/red] {error.detail}")
    return typer.Exit(1)


async def _init(uri: str) -> tuple[str, int]:
    async with connect(get_settings(), uri) as db:
        version = await wait_until_reachable(db)
        return version, await apply_schema(db)


@app.command()
def init() -> None:
    """Create the constraints and indexes (idempotent) and record the schema version."""
    try:
        uri = ensure_neo4j(get_settings(), detached=True)
        version, schema_version = asyncio.run(_init(uri))
    except CivicGraphError as error:
        raise _fail(error) from error
    console.print(f"Schema version {schema_version} is in place on Neo4j {version} at {uri}")


WORKERS_HELP = "API processes (default: CIVICGRAPH_WORKERS)"
ACCESS_LOG_HELP = "Log every request (off by default: a line per request costs throughput)"
# How long a worker may take to answer its supervisor's health check before it is killed and
# started again. uvicorn's 5 s is less than a new worker needs to import the project on a busy
# machine (it answers only once imported): workers were killed and restarted without end.
WORKER_HEALTH_CHECK_S = 60


def _serve(host: str, port: int, workers: int | None, access_log: bool) -> None:
    """uvicorn with the app factory, so that each worker process builds its own app and driver
    (the worker finds the local Neo4j and its password as this process did, from the settings)."""
    uvicorn.run(
        "api.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers or get_settings().workers,
        access_log=access_log,
        timeout_worker_healthcheck=WORKER_HEALTH_CHECK_S,
    )


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on"),
    port: int = typer.Option(8000, help="Port to listen on"),
    workers: int | None = typer.Option(None, min=1, help=WORKERS_HELP),
    access_log: bool = typer.Option(False, help=ACCESS_LOG_HELP),
) -> None:
    """Serve the API (GraphQL at /graphql). Starts the local Neo4j if none is configured."""
    try:
        ensure_neo4j(get_settings())
    except CivicGraphError as error:
        raise _fail(error) from error
    _serve(host, port, workers, access_log)


def _load_knowledge_base(uri: str) -> None:
    """Loads `data/` (the service vocabulary and the seed documents), whatever is there yet."""
    knowledge_base = get_settings().data_dir
    if not knowledge_base.is_dir():
        console.print(f"No knowledge base to load: {knowledge_base} does not exist")
        return

    async def load() -> None:
        async with connect(get_settings(), uri) as db:
            with load_commands.progress_bar() as progress:
                report = await load_files(db, [knowledge_base], progress=progress)
            load_commands.print_report(report)

    try:
        asyncio.run(load())
    except LoadRejected as rejected:
        console.print("[red]The knowledge base in data/ is invalid; the API is not started.[/red]")
        raise _fail(rejected) from rejected


@app.command()
def run(
    host: str = typer.Option("127.0.0.1", help="Address to listen on"),
    port: int = typer.Option(8000, help="Port to listen on"),
    workers: int | None = typer.Option(None, min=1, help=WORKERS_HELP),
    access_log: bool = typer.Option(False, help=ACCESS_LOG_HELP),
) -> None:
    """Start Neo4j (local unless NEO4J_URI is set), apply the schema, load the seed, serve."""
    settings = get_settings()
    try:
        uri = ensure_neo4j(settings)
        version, schema_version = asyncio.run(_init(uri))
        console.print(f"Neo4j {version} at {uri}, schema version {schema_version}")
        _load_knowledge_base(uri)
    except CivicGraphError as error:
        raise _fail(error) from error
    processes = workers or settings.workers
    console.print(
        f"Serving the API on http://{host}:{port} (GraphQL at /graphql), {processes} processes"
    )
    _serve(host, port, processes, access_log)


@app.command("schema")
def graphql_schema(
    check: bool = typer.Option(False, "--check", help="Only check that schema.graphql is current"),
) -> None:
    """Write the GraphQL SDL to schema.graphql (with --check: fail when it has drifted)."""
    from api.graphql.sdl import SDL_PATH, current_sdl, write_sdl

    if not check:
        console.print(f"Wrote {write_sdl()}")
        return
    if not SDL_PATH.is_file() or SDL_PATH.read_text(encoding="utf-8") != current_sdl():
        console.print(f"[red]{SDL_PATH.name} is out of date:[/red] run `civicgraph schema`")
        raise typer.Exit(1)
    console.print(f"{SDL_PATH.name} is current")


if __name__ == "__main__":
    app()

"""`civicgraph query NAME --param key=value` and `civicgraph cypher '...'`: Cypher for analysts.

Named queries are the project's own `queries/*.cypher` files; `cypher` takes any read-only
statement and refuses the rest, exactly as `POST /cypher` does. Both run in a read transaction
with the timeout and row limit from the settings, and print a table, JSON or CSV.
"""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import json
import logging
import re
import sys
from collections.abc import Awaitable, Callable
from enum import StrEnum
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.table import Table

from graph.db import Database, connect
from graph.errors import CivicGraphError, InvalidInput
from graph.provision import ensure_neo4j
from graph.settings import get_settings
from queries.cypher import header, named_query, query_file, query_names
from queries.read_only import CypherResult, run_read, run_read_only
from queries.read_only_guard import parameters_of

console = Console(stderr=True)
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"


FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="How to print the rows")]
LimitOption = Annotated[
    int | None,
    typer.Option(
        "--limit", min=1, help="Most rows to print (default: CIVICGRAPH_CYPHER_ROW_LIMIT)"
    ),
]
ParamOption = Annotated[
    list[str] | None,
    typer.Option(
        "--param",
        "-p",
        help='key=value; the value is read as JSON (20, true, null, [..], "text"), '
        "YYYY-MM-DD as a date, anything else as text",
    ),
]


def parse_parameter(assignment: str) -> tuple[str, Any]:
    key, sep, raw = assignment.partition("=")
    if not sep or not key.strip():
        raise InvalidInput(f"--param {assignment!r}: expected key=value")
    return key.strip(), parse_value(raw)


def parse_value(raw: str) -> Any:
    if ISO_DATE.match(raw):
        return dt.date.fromisoformat(raw)
    try:
        return json.loads(raw)
    except json.JSONDecodeError:
        return raw


def query(
    name: Annotated[str | None, typer.Argument(help="A named query (see --list)")] = None,
    params: ParamOption = None,
    output: FormatOption = OutputFormat.TABLE,
    limit: LimitOption = None,
    list_all: Annotated[bool, typer.Option("--list", help="List the named queries")] = False,
    show: Annotated[bool, typer.Option("--show", help="Print the query, do not run it")] = False,
) -> None:
    """Run one of the project's named Cypher queries (queries/*.cypher)."""
    if list_all or name is None:
        _print_catalogue()
        return
    if name not in query_names():
        _fail(InvalidInput(f"no named query {name!r}; `civicgraph query --list` lists them"))
    if show:
        print(query_file(name), end="")
        return
    text = named_query(name)
    given = _parse_all(params or [])
    unknown = sorted(set(given) - set(parameters_of(text)))
    if unknown:
        _fail(InvalidInput(f"{name} takes no parameter {', '.join(unknown)}"))
    missing = [p for p in parameters_of(text) if p not in given]
    if missing:
        console.print(f"[yellow]not given, passed as null:[/yellow] {', '.join(missing)}")
    arguments = {**dict.fromkeys(missing), **given}
    settings = get_settings()
    rows = limit or settings.cypher_row_limit

    async def run(db: Database) -> CypherResult:
        return await run_read(
            db, text, arguments, timeout_s=settings.cypher_timeout_s, row_limit=rows
        )

    _print_result(_run(run), output)


def cypher(
    statement: Annotated[str, typer.Argument(help="One read-only Cypher statement")],
    params: ParamOption = None,
    output: FormatOption = OutputFormat.TABLE,
    limit: LimitOption = None,
) -> None:
    """Run an ad-hoc read-only Cypher statement; writes and unsafe calls are refused."""
    arguments = _parse_all(params or [])
    settings = get_settings()
    rows = limit or settings.cypher_row_limit

    async def run(db: Database) -> CypherResult:
        return await run_read_only(
            db, statement, arguments, timeout_s=settings.cypher_timeout_s, row_limit=rows
        )

    _print_result(_run(run), output)


def register(app: typer.Typer) -> None:
    # The driver would log each of Neo4j's warnings; the commands print them once, as notices.
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)
    app.command()(query)
    app.command()(cypher)


def _parse_all(assignments: list[str]) -> dict[str, Any]:
    try:
        return dict(parse_parameter(assignment) for assignment in assignments)
    except InvalidInput as error:
        _fail(error)


def _run(work: Callable[[Database], Awaitable[CypherResult]]) -> CypherResult:
    async def main() -> CypherResult:
        async with connect(settings, uri) as db:
            return await work(db)

    settings = get_settings()
    try:
        uri = ensure_neo4j(settings, detached=True)
        return asyncio.run(main())
    except CivicGraphError as error:
        _fail(error)


def _fail(error: CivicGraphError) -> NoReturn:
    console.print(f"[red]error:[/red] {error.detail}")
    raise typer.Exit(1) from error


def _print_catalogue() -> None:
    for name in query_names():
        lines = header(name).splitlines()
        summary = lines[0] if lines else ""
        params = ", ".join(f"${p}" for p in parameters_of(named_query(name))) or "none"
        print(f"{name}\n    {summary}\n    parameters: {params}")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _print_result(result: CypherResult, output: OutputFormat) -> None:
    if output is OutputFormat.JSON:
        body = {
            "columns": result.columns,
            "rows": result.rows,
            "rowCount": len(result.rows),
            "truncated": result.truncated,
            "rowLimit": result.row_limit,
            "notices": list(result.notices),
        }
        print(json.dumps(body, ensure_ascii=False, indent=2))
    elif output is OutputFormat.CSV:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([_cell(value) for value in row] for row in result.rows)
    else:
        table = Table(*result.columns, show_lines=False)
        for row in result.rows:
            table.add_row(*(_cell(value) for value in row))
        Console(soft_wrap=False).print(table)
        console.print(f"{len(result.rows)} row(s)")
    for notice in result.notices:
        console.print(f"[yellow]notice:[/yellow] {notice}")
    if result.truncated:
        console.print(
            f"[yellow]truncated:[/yellow] only the first {result.row_limit} rows "
            "(raise --limit or CIVICGRAPH_CYPHER_ROW_LIMIT)"
        )

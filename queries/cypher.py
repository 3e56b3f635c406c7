"""Named Cypher queries: each `queries/<name>.cypher` file, loaded by name and cached.

The same files serve the API and the analyst: open one, read its header, run it in Neo4j Browser
with the parameters it names.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import LiteralString

from queries.read_only_guard import without_comment_lines

QUERY_DIR = Path(__file__).resolve().parent


class UnknownQuery(LookupError):
    pass


@cache
def query_file(name: str) -> str:
    """The text of `queries/<name>.cypher` as written: its header, comments and query."""
    path = QUERY_DIR / f"{name}.cypher"
    if not path.is_file():
        raise UnknownQuery(f"no named query {name!r} in {QUERY_DIR}")
    return path.read_text(encoding="utf-8")


@cache
def named_query(name: str) -> LiteralString:
    """The query of `queries/<name>.cypher`, as sent to Neo4j: without the lines that are only
    comments (the headers run to thousands of characters, which every request would carry and
    Neo4j read again). The files are part of the package, never user input."""
    text: LiteralString = without_comment_lines(query_file(name))
    return text


def query_names() -> list[str]:
    return sorted(path.stem for path in QUERY_DIR.glob("*.cypher"))


def header(name: str) -> str:
    """The header comment of a named query: what it answers, its parameters, an example."""
    lines = []
    for line in query_file(name).splitlines():
        if not line.startswith("//"):
            break
        lines.append(line.removeprefix("//").removeprefix(" "))
    return "\n".join(lines)

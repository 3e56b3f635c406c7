"""Named Cypher queries: each `queries/<name>.cypher` file, loaded by name and cached.

The same files serve the API and the analyst: open one, read its header, run it in Neo4j Browser
with the parameters it names.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import LiteralString

QUERY_DIR = Path(__file__).resolve().parent


class UnknownQuery(LookupError):
    pass


@cache
def named_query(name: str) -> LiteralString:
    """The text of `queries/<name>.cypher`. The files are part of the package, never user input."""
    path = QUERY_DIR / f"{name}.cypher"
    if not path.is_file():
        raise UnknownQuery(f"no named query {name!r} in {QUERY_DIR}")
    text: LiteralString = path.read_text(encoding="utf-8")
    return text


def query_names() -> list[str]:
    return sorted(path.stem for path in QUERY_DIR.glob("*.cypher"))


def header(name: str) -> str:
    """The header comment of a named query: what it answers, its parameters, an example."""
    lines = []
    for line in named_query(name).splitlines():
        if not line.startswith("//"):
            break
        lines.append(line.removeprefix("//").removeprefix(" "))
    return "\n".join(lines)

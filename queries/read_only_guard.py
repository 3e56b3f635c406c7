"""Decides whether an analyst's Cypher may run: read queries only, checked before running.

Two checks, both must pass. The text check refuses what a plan does not show plainly or what
must never reach the planner (several statements, LOAD CSV, `IN TRANSACTIONS`, `USE`, APOC).
The plan check asks Neo4j itself (`EXPLAIN`): the query type must be read-only, no operator may
load files or manage transactions, and every procedure called must be on the allowlist.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Mapping
from typing import Any

from graph.errors import QueryRefused

# Read procedures an analyst may call; everything else is refused, whatever its mode.
ALLOWED_PROCEDURES: frozenset[str] = frozenset(
    {
        "db.labels",
        "db.relationshipTypes",
        "db.propertyKeys",
        "db.schema.nodeTypeProperties",
        "db.schema.relTypeProperties",
        "db.schema.visualization",
        "db.index.fulltext.queryNodes",
        "db.index.fulltext.queryRelationships",
        "db.index.fulltext.listAvailableAnalyzers",
        "db.info",
        "db.ping",
        "dbms.components",
    }
)
# DBMS-mode procedures report query type "s" although they only read.
DBMS_READ_PROCEDURES: frozenset[str] = frozenset({"dbms.components"})

# Plan operators that a read query type does not rule out but that are never allowed here.
REFUSED_OPERATORS: Mapping[str, str] = {
    "LoadCSV": "LOAD CSV reads files and URLs on the server",
    "TransactionForeach": "CALL { ... } IN TRANSACTIONS commits transactions of its own",
    "TransactionApply": "CALL { ... } IN TRANSACTIONS commits transactions of its own",
    "ShowTransactions": "SHOW TRANSACTIONS shows other users' queries",
    "TerminateTransactions": "TERMINATE TRANSACTIONS stops other users' queries",
    "ShowSettings": "SHOW SETTINGS shows the server's configuration",
    "AdministrationCommand": "administration commands are not allowed",
}

QUERY_TYPE_MEANING: Mapping[str, str] = {
    "w": "it writes",
    "rw": "it reads and writes",
    "s": "it is a schema or administration command",
}

_TEXT_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^\s*(EXPLAIN|PROFILE)\b", re.I), "send the query without EXPLAIN or PROFILE"),
    (re.compile(r"\bLOAD\s+CSV\b", re.I), "LOAD CSV reads files and URLs on the server"),
    (
        re.compile(r"(?<![.\w])TRANSACTIONS\b", re.I),
        "CALL { ... } IN TRANSACTIONS and transaction commands are not allowed",
    ),
    (re.compile(r"(?<![.\w])USE\b", re.I), "USE is not allowed: queries run on this database"),
    (re.compile(r"(?<![.\w])apoc\s*\.", re.I), "APOC procedures and functions are not allowed"),
)
_PROCEDURE_NAME = re.compile(r"^\s*([A-Za-z_][\w.]*)\s*\(")
# A namespaced function call in a plan's details ("apoc.text.join(", "date.truncate(").
_NAMESPACED_CALL = re.compile(r"(?<![\w.$])((?:[A-Za-z_]\w*\.)+[A-Za-z_]\w*)\s*\(")
# Cypher's own namespaced functions; any other namespace is a plugin's (APOC, GDS...) or a user's.
BUILT_IN_FUNCTION_NAMESPACES: frozenset[str] = frozenset(
    {"date", "datetime", "localdatetime", "localtime", "time", "duration", "point", "vector", "db"}
)


_PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def parameters_of(query: str) -> list[str]:
    """The parameters a query uses, in the order it first uses them (strings and comments
    aside)."""
    return list(dict.fromkeys(_PARAMETER.findall(code_only(query))))


def refuse(reason: str) -> QueryRefused:
    return QueryRefused(f"query refused: {reason}")


def code_only(text: str) -> str:
    """The query with comments removed and strings and backticked names blanked out.

    What remains is what Cypher reads as keywords, so that a keyword inside a string or a
    comment neither trips a rule nor hides from one.
    """
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if text.startswith("//", i):
            # Cypher ends a line comment at a carriage return as well as at a line feed.
            ends = [end for end in (text.find("\n", i), text.find("\r", i)) if end >= 0]
            i = min(ends) if ends else n
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            if end < 0:
                raise refuse("a /* comment is not closed")
            out.append(" ")
            i = end + 2
        elif char in "'\"`":
            i = _skip_quoted(text, i)
            out.append(" _ ")
        else:
            out.append(char)
            i += 1
    return "".join(out)


def without_comment_lines(text: str) -> str:
    """The query without the lines that hold only a comment (`// ...`), everything else as
    written: a `//` inside a string, or after code on its line, stays."""
    kept: list[str] = []
    line_start, i, n = 0, 0, len(text)
    while i < n:
        char = text[i]
        if char == "\n":
            kept.append(text[line_start : i + 1])
            line_start = i = i + 1
        elif text.startswith("//", i) and not text[line_start:i].strip():
            end = text.find("\n", i)
            line_start = i = n if end < 0 else end + 1
        elif char in "'\"`":
            i = _skip_quoted(text, i)
        else:
            i += 1
    kept.append(text[line_start:])
    return "".join(kept)


def _skip_quoted(text: str, start: int) -> int:
    quote = text[start]
    i = start + 1
    while i < len(text):
        if text[i] == "\\" and quote != "`":
            i += 2
        elif text[i] == quote:
            if quote == "`" and text.startswith("``", i):
                i += 2
                continue
            return i + 1
        else:
            i += 1
    raise refuse(f"a {quote} quote is not closed")


def check_text(text: str) -> None:
    """Refuses what must never reach the planner."""
    code = code_only(text).rstrip()
    code = code.removesuffix(";")  # one trailing semicolon ends the statement; Neo4j takes it
    if not code.strip():
        raise refuse("the query is empty")
    if ";" in code:
        raise refuse("one statement per query: it contains ';' between statements")
    if "\\" in code:
        # Outside strings a backslash is only a Unicode escape (\\uXXXX), which could spell a
        # keyword the rules below would not see.
        raise refuse("backslash escapes are only allowed inside strings")
    for pattern, reason in _TEXT_RULES:
        if pattern.search(code):
            raise refuse(reason)


def _operators(plan: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    yield plan
    for child in plan.get("children", []):
        yield from _operators(child)


def procedures_called(plan: Mapping[str, Any]) -> list[str]:
    """The names of the procedures a plan calls, from its ProcedureCall operators."""
    names: list[str] = []
    for operator in _operators(plan):
        if _operator_type(operator) != "ProcedureCall":
            continue
        match = _PROCEDURE_NAME.match(str(operator.get("args", {}).get("Details", "")))
        if match is None:
            raise refuse("a procedure call could not be identified in the query plan")
        names.append(match.group(1))
    return names


def functions_called(plan: Mapping[str, Any]) -> list[str]:
    """The namespaced functions a plan's operators call (`apoc.text.join`, `date.truncate`)."""
    names: list[str] = []
    for operator in _operators(plan):
        details = str(operator.get("args", {}).get("Details", ""))
        with contextlib.suppress(QueryRefused):  # a plan's details may stop inside a string
            details = code_only(details)
        if _operator_type(operator) == "ProcedureCall":
            details = _PROCEDURE_NAME.sub("(", details, count=1)
        names += _NAMESPACED_CALL.findall(details)
    return names


def _operator_type(operator: Mapping[str, Any]) -> str:
    # "ProcedureCall@neo4j": the suffix names the database.
    return str(operator.get("operatorType", "")).split("@", 1)[0]


def check_plan(query_type: str | None, plan: Mapping[str, Any] | None) -> None:
    """Refuses a planned query unless it only reads and calls only allowlisted procedures."""
    if plan is None:
        raise refuse("Neo4j returned no plan to check")
    for operator in _operators(plan):
        reason = REFUSED_OPERATORS.get(_operator_type(operator))
        if reason is not None:
            raise refuse(reason)
    for name in functions_called(plan):
        namespace = name.split(".", 1)[0].lower()
        if namespace not in BUILT_IN_FUNCTION_NAMESPACES:
            raise refuse(f"function {name} is not one of Cypher's own functions")
    procedures = procedures_called(plan)
    for name in procedures:
        if name not in ALLOWED_PROCEDURES:
            allowed = ", ".join(sorted(ALLOWED_PROCEDURES))
            raise refuse(f"procedure {name} is not on the read-only allowlist ({allowed})")
    if query_type == "r":
        return
    if query_type == "s" and procedures and set(procedures) <= DBMS_READ_PROCEDURES:
        return
    meaning = QUERY_TYPE_MEANING.get(query_type or "", "its type could not be established")
    raise refuse(f"only read queries run here, and {meaning} (query type {query_type!r})")

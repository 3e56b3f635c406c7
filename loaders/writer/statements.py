"""What several sources state of one entity or relation, and the properties the graph keeps of it.

Every entity and relation keeps who states it (`statedBy`: `<source key>=<hash>`, one entry per
source, sorted) beside its properties. One source's statement is the element's properties as they
are; while several sources state it, what each states is kept as JSON text (`statedProps`), and the
element holds the union of their properties:

- when any curated source states the element, only curated sources make its properties (a
  non-curated source never rewrites nor adds to what a curated one states; its statement is kept,
  and makes the properties again if the curated sources stop stating the element);
- where two sources give a key different values, an imported source wins over an extracted one,
  and between sources of one origin the one whose key sorts last (file names mostly end with a
  date or year, so that is mostly the latest publication);
- aliases are the union of every source's, the winner's first, and `aliasText` follows them.

The result depends only on which sources state what, not on the order they were loaded in, so a
reload of the same files writes nothing, and the bulk path (`loaders/bulk/fold.py`) computes the
same properties in memory.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from neo4j.time import Date as Neo4jDate
from neo4j.time import DateTime as Neo4jDateTime

from graph.stored import FACT_BOOKKEEPING, HASH, STATED_BY, STATED_PROPS
from loaders.writer.plan import ALIAS_SEPARATOR, content_hash

Props = dict[str, Any]
CURATED = "curated"
# Who wins where sources disagree: the highest rank (then the greatest source key).
ORIGIN_RANK = {"extracted": 0, "imported": 1, CURATED: 2}
_DATE = "$date"  # how a date is written in `statedProps` (JSON has no dates)


@dataclass(frozen=True)
class Statement:
    """What one source states of an element: the hash of its properties, and the properties."""

    hash: str
    props: Props


def origin_of(source_key: str) -> str:
    return source_key.split("|", 1)[0]


def stated_by_entry(source_key: str, hash_: str) -> str:
    return f"{source_key}={hash_}"


def parse_stated_by(entries: list[str] | None) -> dict[str, str]:
    """`statedBy` as source key -> hash (a hash is hex; a file name may hold '=')."""
    parsed: dict[str, str] = {}
    for entry in entries or ():
        key, _, hash_ = entry.rpartition("=")
        parsed[key] = hash_
    return parsed


def statement_of(row: Mapping[str, Any]) -> Statement:
    """A planned row's statement: its properties without their hash."""
    return Statement(row["hash"], {k: v for k, v in row["props"].items() if k != HASH})


def element_props(statements: Mapping[str, Statement]) -> Props:
    """The whole property map the element holds: the union of the statements, its hash, who
    states it and (when several sources do) what each states."""
    props = _union(statements)
    props[HASH] = content_hash(props)
    props[STATED_BY] = sorted(stated_by_entry(key, s.hash) for key, s in statements.items())
    if len(statements) > 1:
        props[STATED_PROPS] = encode(statements)
    return props


def _ranked(statements: Mapping[str, Statement]) -> list[str]:
    """The sources whose statements make the properties, the winner first."""
    keys = [key for key in statements if origin_of(key) == CURATED] or list(statements)
    return sorted(keys, key=lambda key: (ORIGIN_RANK.get(origin_of(key), -1), key), reverse=True)


def _union(statements: Mapping[str, Statement]) -> Props:
    if len(statements) == 1:
        [only] = statements.values()
        return dict(only.props)
    ranked = _ranked(statements)
    props: Props = {}
    for key in reversed(ranked):  # the winner last, over the others
        props.update(statements[key].props)
    if "aliases" in props:
        aliases: list[str] = []
        for key in ranked:
            aliases += [a for a in statements[key].props.get("aliases", ()) if a not in aliases]
        props["aliases"] = aliases
        props.pop("aliasText", None)
        if aliases:
            props["aliasText"] = ALIAS_SEPARATOR.join(aliases)
    return props


def encode(statements: Mapping[str, Statement]) -> str:
    return json.dumps(
        {key: statements[key].props for key in sorted(statements)},
        sort_keys=True,
        ensure_ascii=False,
        default=_encode_value,
    )


def _encode_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return {_DATE: value.isoformat()}
    raise TypeError(f"a stated value of type {type(value).__name__} cannot be kept")


def _decode_object(value: dict[str, Any]) -> Any:
    if len(value) == 1 and _DATE in value:
        return dt.date.fromisoformat(value[_DATE])
    return value


def statements_in_graph(props: Mapping[str, Any]) -> dict[str, Statement]:
    """What each source states of an element, from the properties the graph holds of it. An
    element written before the writer kept its sources states nothing."""
    stated_by = parse_stated_by(props.get(STATED_BY))
    text = props.get(STATED_PROPS)
    if isinstance(text, str):
        decoded: dict[str, Props] = json.loads(text, object_hook=_decode_object)
        return {key: Statement(stated_by[key], decoded[key]) for key in stated_by if key in decoded}
    if len(stated_by) == 1:
        [(key, hash_)] = stated_by.items()
        own = {k: _native(v) for k, v in props.items() if k not in FACT_BOOKKEEPING}
        return {key: Statement(hash_, own)}
    return {}


def _native(value: Any) -> Any:
    """A value as the driver reads it, as the planner writes it (Neo4j dates as Python's)."""
    if isinstance(value, Neo4jDate | Neo4jDateTime):
        return value.to_native()
    return value

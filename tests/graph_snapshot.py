"""A fingerprint of everything the graph holds: counts and content hashes per label and type.

Two loads that leave the same nodes with the same labels and properties, joined by the same
relationships with the same properties, give the same snapshot. What only says *when* something
was loaded (`firstSeen`, `lastSeen`, `loadedAt`) is left out, and so is the schema's version node.
File paths that differ from one machine to another are written relative to named roots.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from neo4j.time import Date, DateTime

from graph.db import Database

# `hash` is a digest of the other properties (which are compared): it would carry a temporary
# directory's name into the comparison through a document's `sourceFile`.
BOOKKEEPING = frozenset({"firstSeen", "lastSeen", "loadedAt", "hash"})


def _value(value: Any, roots: Mapping[str, str]) -> Any:
    if isinstance(value, str):
        for root, name in roots.items():
            value = value.replace(root, name)
        return value
    if isinstance(value, list):
        return [_value(item, roots) for item in value]
    if isinstance(value, Date):
        return {"date": value.iso_format()}
    if isinstance(value, DateTime):
        return {"datetime": value.iso_format()}
    return value


def _fingerprint(parts: dict[str, Any], roots: Mapping[str, str]) -> str:
    clean = {key: _value(value, roots) for key, value in parts.items() if key not in BOOKKEEPING}
    return json.dumps(clean, sort_keys=True, ensure_ascii=False, default=str)


def _digest(lines: list[str]) -> str:
    return hashlib.sha256("\n".join(sorted(lines)).encode()).hexdigest()[:32]


async def graph_snapshot(db: Database, roots: Mapping[str, str]) -> dict[str, Any]:
    """`{"nodes": {label: {count, hash}}, "relationships": {type: {count, hash}}}`.

    `roots` maps a path prefix to the name it is written as (say `/tmp/x/generated` ->
    `<generated>`), so that a source's ledger key and a document's file compare across machines.
    """
    nodes: dict[str, list[str]] = defaultdict(list)
    records, _, _ = await db.read(
        "MATCH (n) WHERE NOT n:SchemaVersion RETURN labels(n) AS labels, properties(n) AS props"
    )
    for record in records:
        labels = sorted(record["labels"])
        line = _fingerprint({"labels": labels, **record["props"]}, roots)
        for label in labels:
            nodes[label].append(line)
    relationships: dict[str, list[str]] = defaultdict(list)
    records, _, _ = await db.read(
        "MATCH (a)-[r]->(b) "
        "RETURN type(r) AS type, coalesce(a.id, a.key) AS source, "
        "coalesce(b.id, b.key) AS target, properties(r) AS props"
    )
    for record in records:
        parts = {"source": record["source"], "target": record["target"], **record["props"]}
        relationships[record["type"]].append(_fingerprint(parts, roots))
    return {
        "nodes": {k: {"count": len(v), "hash": _digest(v)} for k, v in sorted(nodes.items())},
        "relationships": {
            k: {"count": len(v), "hash": _digest(v)} for k, v in sorted(relationships.items())
        },
    }

"""The part of the graph an export covers: everything, a body's structure, or a neighbourhood.

Only entities and the relationships between them are exported; each carries its stored
properties and the documents that evidence it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from neo4j.time import Date, DateTime

from graph.db import Database
from graph.errors import InvalidInput, NotFound
from graph.stored import FACT_BOOKKEEPING
from queries.cypher import named_query

MAX_DEPTH = 4
MAX_NEIGHBOURHOOD = 5000  # entities; a neighbourhood stops growing past this
INTERNAL_KEYS = frozenset({*FACT_BOOKKEEPING, "aliasText"})


@dataclass(frozen=True)
class ExportNode:
    id: str
    type: str
    name: str
    properties: dict[str, Any]  # every stored property but id, type, name and internal ones
    documents: list[str]


@dataclass(frozen=True)
class ExportEdge:
    id: str
    type: str
    source: str
    target: str
    properties: dict[str, Any]
    documents: list[str]


@dataclass
class ExportGraph:
    scope: str  # "graph", "body:<id>", "focus:<id> depth N"
    nodes: list[ExportNode] = field(default_factory=list)
    edges: list[ExportEdge] = field(default_factory=list)


def plain(value: Any) -> Any:
    """Neo4j temporal values as ISO text; lists item by item."""
    if isinstance(value, Date | DateTime):
        return value.iso_format()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


async def whole_graph(db: Database) -> ExportGraph:
    return await _subgraph(db, None, "graph")


async def body_graph(db: Database, body_id: str) -> ExportGraph:
    records, _, _ = await db.read(named_query("export_body"), {"body": body_id})
    if not records or not records[0]["ids"]:
        raise NotFound(f"no body with id {body_id!r}")
    return await _subgraph(db, sorted(records[0]["ids"]), f"body:{body_id}")


async def neighbourhood_graph(db: Database, focus: str, depth: int) -> ExportGraph:
    if not 0 <= depth <= MAX_DEPTH:
        raise InvalidInput(f"depth must be between 0 and {MAX_DEPTH}, not {depth}")
    found, _, _ = await db.read("MATCH (n:Entity {id: $id}) RETURN n.id AS id", {"id": focus})
    if not found:
        raise NotFound(f"no entity with id {focus!r}")
    reached = {focus}
    frontier = [focus]
    for _ in range(depth):
        if not frontier or len(reached) >= MAX_NEIGHBOURHOOD:
            break
        records, _, _ = await db.read(named_query("export_neighbours"), {"ids": frontier})
        frontier = [i for i in records[0]["ids"] if i not in reached]
        frontier = frontier[: MAX_NEIGHBOURHOOD - len(reached)]
        reached.update(frontier)
    return await _subgraph(db, sorted(reached), f"focus:{focus} depth {depth}")


async def _subgraph(db: Database, ids: list[str] | None, scope: str) -> ExportGraph:
    node_records, _, _ = await db.read(named_query("export_nodes"), {"ids": ids})
    edge_records, _, _ = await db.read(named_query("export_edges"), {"ids": ids})
    graph = ExportGraph(scope)
    for record in node_records:
        props = {k: plain(v) for k, v in record["props"].items() if k not in INTERNAL_KEYS}
        graph.nodes.append(
            ExportNode(
                id=record["id"],
                type=record["type"],
                name=str(props.pop("name", record["id"])),
                properties={k: v for k, v in props.items() if k not in {"id", "type"}},
                documents=list(record["documents"]),
            )
        )
    for record in edge_records:
        props = {k: plain(v) for k, v in record["props"].items() if k not in INTERNAL_KEYS}
        props.pop("id", None)
        graph.edges.append(
            ExportEdge(
                id=str(record["id"]),
                type=record["type"],
                source=record["source"],
                target=record["target"],
                properties=props,
                documents=list(record["documents"]),
            )
        )
    return graph

"""Node-and-edge views for graph-drawing libraries: neighbourhoods and shortest connections.

Ids are strings and edges name their `source` and `target` ids: the shape cytoscape.js, d3-force
and vis-network take directly.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import strawberry

from api.context import Context
from api.graphql.common import (
    BadArgumentError,
    NotFoundError,
    check_entity_types,
    check_id,
    check_range,
)
from queries.graph_views import MAX_DEPTH, neighbourhood_row, shortest_paths
from queries.records import EdgeRecord, EntitySummary, Row, as_date

Info = strawberry.Info[Context, None]
MAX_NODES = 2000


@strawberry.type
class GraphNode:
    id: strawberry.ID
    type: str
    label: str
    status: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None


@strawberry.type
class GraphEdge:
    id: strawberry.ID
    source: strawberry.ID
    target: strawberry.ID
    type: str
    label: str
    status: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    evidence_count: int


@strawberry.type
class GraphView:
    nodes: list[GraphNode]
    edges: list[GraphEdge]


@strawberry.type(description="One shortest connection between two entities.")
class GraphPath:
    length: int
    nodes: list[GraphNode]
    edges: list[GraphEdge]


def graph_node(record: EntitySummary) -> GraphNode:
    return GraphNode(
        id=strawberry.ID(record.id),
        type=record.type,
        label=record.name,
        status=record.status,
        valid_from=record.valid_from,
        valid_to=record.valid_to,
    )


def edge_label(type_: str, kind: str | None, capacity: str | None, role: str | None) -> str:
    return labelled(type_, kind or capacity or role)


@lru_cache(maxsize=1024)  # a few relation types and kinds, on hundreds of edges per view
def labelled(type_: str, detail: str | None) -> str:
    label = type_.replace("_", " ").lower()
    return f"{label} ({detail})" if detail else label


def graph_edge(record: EdgeRecord) -> GraphEdge:
    return GraphEdge(
        id=strawberry.ID(record.id or f"{record.source}|{record.type}|{record.target}"),
        source=strawberry.ID(record.source),
        target=strawberry.ID(record.target),
        type=record.type,
        label=edge_label(record.type, record.kind, record.capacity, record.role),
        status=record.status,
        valid_from=record.valid_from,
        valid_to=record.valid_to,
        evidence_count=record.evidence_count,
    )


# Hundreds of nodes and edges per view: the values are taken as the query gives them (ids are
# text already) and the mostly absent dates are converted only when present.
def node_from_row(row: Row) -> GraphNode:
    valid_from, valid_to = row.get("validFrom"), row.get("validTo")
    return GraphNode(
        id=row["id"],
        type=row["type"],
        label=row["name"],
        status=row.get("status"),
        valid_from=None if valid_from is None else as_date(valid_from),
        valid_to=None if valid_to is None else as_date(valid_to),
    )


def edge_from_row(row: Row) -> GraphEdge:
    type_ = row["type"]
    valid_from, valid_to = row.get("validFrom"), row.get("validTo")
    return GraphEdge(
        id=row.get("id") or strawberry.ID(f"{row['source']}|{type_}|{row['target']}"),
        source=row["source"],
        target=row["target"],
        type=type_,
        label=labelled(type_, row.get("kind") or row.get("capacity") or row.get("role")),
        status=row.get("status"),
        valid_from=None if valid_from is None else as_date(valid_from),
        valid_to=None if valid_to is None else as_date(valid_to),
        evidence_count=row.get("evidenceCount") or 0,
    )


def graph_view(row: Row) -> GraphView:
    """The view from the query's own maps, read directly (no record validation per map)."""
    return GraphView(
        nodes=[node_from_row(node) for node in row["nodes"]],
        edges=[edge_from_row(edge) for edge in row["edges"]],
    )


@strawberry.type
class GraphQueries:
    @strawberry.field(
        description="The neighbourhood of an entity to a depth (1-3), as nodes and edges, "
        "filtered by entity type and by date (facts valid at asOf)."
    )
    async def neighbourhood(
        self,
        info: Info,
        id: strawberry.ID,
        depth: int | None = 1,
        types: list[str] | None = None,
        as_of: dt.date | None = None,
        limit: int | None = 300,
    ) -> GraphView:
        found = await neighbourhood_row(
            info.context.db,
            check_id("id", str(id)),
            depth=check_range("depth", 1 if depth is None else depth, 1, MAX_DEPTH),
            types=check_entity_types("types", types),
            as_of=as_of,
            limit=check_range("limit", 300 if limit is None else limit, 1, MAX_NODES),
        )
        if found is None:
            raise NotFoundError("entity", str(id))
        return graph_view(found)

    @strawberry.field(description="Every shortest connection between two entities (up to limit).")
    async def shortest_paths(
        self, info: Info, source: strawberry.ID, target: strawberry.ID, limit: int = 10
    ) -> list[GraphPath]:
        if source == target:
            raise BadArgumentError("target", "must differ from source.")
        paths = await shortest_paths(
            info.context.db,
            check_id("source", str(source)),
            check_id("target", str(target)),
            check_range("limit", limit, 1, 100),
        )
        if not paths:
            for entity_id in (source, target):
                if await info.context.entities.load(str(entity_id)) is None:
                    raise NotFoundError("entity", str(entity_id))
        return [
            GraphPath(
                length=path.length,
                nodes=[graph_node(node) for node in path.nodes],
                edges=[graph_edge(edge) for edge in path.edges],
            )
            for path in paths
        ]

"""Node-and-edge views for graph-drawing libraries: neighbourhoods and shortest connections.

Ids are strings and edges name their `source` and `target` ids: the shape cytoscape.js, d3-force
and vis-network take directly.
"""

from __future__ import annotations

import datetime as dt

import strawberry

from api.context import Context
from api.graphql.common import (
    BadArgumentError,
    NotFoundError,
    check_id,
    check_range,
    entity_type_names,
)
from graph.model import EntityType
from queries.graph_views import MAX_DEPTH, neighbourhood_row, shortest_paths
from queries.records import EdgeRecord, EntitySummary, Row

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
    """As the neighbourhood query labels its edges: "holds (interim)"."""
    label = type_.replace("_", " ").lower()
    detail = kind or capacity or role
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


def graph_view(row: Row) -> GraphView:
    """The view as the query gives it: its node and edge maps have the fields' names as keys,
    and stand for the objects (see rows.py); hundreds of them make one view."""
    return GraphView(nodes=row["nodes"], edges=row["edges"])


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
        types: list[EntityType] | None = None,
        as_of: dt.date | None = None,
        limit: int | None = 300,
    ) -> GraphView:
        found = await neighbourhood_row(
            info.context.db,
            check_id("id", str(id)),
            depth=check_range("depth", 1 if depth is None else depth, 1, MAX_DEPTH),
            types=entity_type_names(types),
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

"""Node-and-edge views of the graph: an entity's neighbourhood, and shortest connections."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from graph.db import Database
from queries.cypher import named_query
from queries.records import GraphRecord, PathRecord, Row

MAX_DEPTH = 3


async def neighbourhood(
    db: Database,
    entity_id: str,
    depth: int = 1,
    types: Sequence[str] | None = None,
    as_of: dt.date | None = None,
    limit: int = 300,
) -> GraphRecord | None:
    row = await neighbourhood_row(db, entity_id, depth, types, as_of, limit)
    return GraphRecord.model_validate(row) if row is not None else None


async def neighbourhood_row(
    db: Database,
    entity_id: str,
    depth: int = 1,
    types: Sequence[str] | None = None,
    as_of: dt.date | None = None,
    limit: int = 300,
) -> Row | None:
    """The neighbourhood as the query returns it: `nodes` and `edges`, lists of maps."""
    records, _, _ = await db.read(
        named_query("neighbourhood"),
        {
            "id": entity_id,
            "depth": depth,
            "types": list(types) if types else None,
            "asOf": as_of,
            "limit": limit,
        },
        kept=True,
    )
    return dict(records[0]) if records else None


async def shortest_paths(
    db: Database, source: str, target: str, limit: int = 10
) -> list[PathRecord]:
    records, _, _ = await db.read(
        named_query("shortest_paths"), {"from": source, "to": target, "limit": limit}
    )
    return [PathRecord.model_validate(record["path"]) for record in records]

"""Entities and their relationships: by id, by name or alias, and in filtered, sorted pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal

from graph.db import Database
from queries.cypher import named_query
from queries.records import EntityPage, EntityRecord, RelationFromEntity
from queries.text import lucene_phrase

Direction = Literal["out", "in", "both"]
SortField = Literal["name", "validFrom", "type", "id"]


async def entities_by_ids(db: Database, ids: Sequence[str]) -> list[EntityRecord]:
    records, _, _ = await db.read(named_query("entities_by_ids"), {"ids": list(ids)})
    return [EntityRecord.model_validate(record["entity"]) for record in records]


async def entities_by_name(
    db: Database, name: str, types: Sequence[str] | None = None
) -> list[EntityRecord]:
    records, _, _ = await db.read(
        named_query("entities_by_name"),
        {"phrase": lucene_phrase(name), "name": name, "types": _list(types)},
    )
    return [EntityRecord.model_validate(record["entity"]) for record in records]


async def relations_of_entities(
    db: Database,
    ids: Sequence[str],
    types: Sequence[str] | None = None,
    direction: Direction = "both",
    as_of: dt.date | None = None,
) -> list[RelationFromEntity]:
    records, _, _ = await db.read(
        named_query("relations_of_entities"),
        {"ids": list(ids), "types": _list(types), "direction": direction, "asOf": as_of},
    )
    return [RelationFromEntity.model_validate(record["relation"]) for record in records]


async def entity_page(
    db: Database,
    *,
    entity_type: str | None,
    body: str | None,
    as_of: dt.date | None,
    name_contains: str | None,
    sort_by: SortField,
    descending: bool,
    offset: int,
    limit: int,
) -> EntityPage:
    records, _, _ = await db.read(
        named_query("entity_page"),
        {
            "type": entity_type,
            "body": body,
            "asOf": as_of,
            "nameContains": name_contains,
            "sortBy": sort_by,
            "descending": descending,
            "offset": offset,
            "limit": limit,
        },
    )
    return EntityPage.model_validate(dict(records[0]))


def _list(values: Sequence[str] | None) -> list[str] | None:
    return list(values) if values else None

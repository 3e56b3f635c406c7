"""Entities and their relationships: by id and by name or alias (pages: `entity_page.py`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal

from graph.db import Database
from queries.cypher import named_query
from queries.names import MIN_SIMILARITY, best_match
from queries.records import (
    EntityRecord,
    NameCandidate,
    NameMatchRecord,
    RelationFromEntity,
)
from queries.text import fuzzy_name_query

Direction = Literal["out", "in", "both"]


async def entities_by_ids(db: Database, ids: Sequence[str]) -> list[EntityRecord]:
    records, _, _ = await db.read(named_query("entities_by_ids"), {"ids": list(ids)})
    return [EntityRecord.model_validate(record["entity"]) for record in records]


NAME_CANDIDATES = 300  # index hits looked at for one typed name
NAME_MATCHES = 50  # at most this many matches of one name


async def name_matches(
    db: Database, name: str, types: Sequence[str] | None = None, limit: int = NAME_MATCHES
) -> list[NameMatchRecord]:
    """Entities whose name or an alias is this name, any case, with or without the body it
    carries ("Chief Operating Officer" is "Chief Operating Officer, Cheshire East Council"),
    or within a small typo of it: the closest first, each with its bodies."""
    query = fuzzy_name_query(name)
    if query is None:
        return []
    records, _, _ = await db.read(
        named_query("entities_by_name"),
        {"query": query, "types": _list(types), "candidates": NAME_CANDIDATES},
    )
    kept: list[tuple[NameCandidate, str, float]] = []
    for record in records:
        candidate = NameCandidate.model_validate(record["candidate"])
        body_names = [n for body in candidate.bodies for n in (body.name, *(body.aliases or []))]
        matched, similarity = best_match(name, [candidate.name, *candidate.aliases], body_names)
        if similarity >= MIN_SIMILARITY:
            kept.append((candidate, matched, similarity))
    kept.sort(key=lambda match: (-match[2], match[0].type, match[0].name, match[0].id))
    kept = kept[:limit]
    full = {entity.id: entity for entity in await entities_by_ids(db, [c.id for c, _, _ in kept])}
    return [
        NameMatchRecord(
            entity=full[candidate.id],
            matched_name=matched,
            similarity=round(similarity, 3),
            bodies=list(candidate.bodies),
        )
        for candidate, matched, similarity in kept
        if candidate.id in full
    ]


async def entities_by_name(
    db: Database, name: str, types: Sequence[str] | None = None
) -> list[EntityRecord]:
    """The entities of `name_matches`, the closest first."""
    return [match.entity for match in await name_matches(db, name, types)]


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


def _list(values: Sequence[str] | None) -> list[str] | None:
    return list(values) if values else None

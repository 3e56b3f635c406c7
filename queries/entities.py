"""Entities and their relationships: by id and by name or alias (pages: `entity_page.py`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal

from graph.db import Database
from queries.cypher import named_query
from queries.names import Closest, NameForms, TypedName, forms_of, normalise
from queries.records import (
    EntityRecord,
    NameMatchRecord,
    ProfileItem,
    RelationFromEntity,
    Row,
)
from queries.text import fuzzy_name_query

Direction = Literal["out", "in", "both"]


async def entities_by_ids(db: Database, ids: Sequence[str]) -> list[EntityRecord]:
    records, _, _ = await db.read(named_query("entities_by_ids"), {"ids": list(ids)})
    return [EntityRecord.model_validate(record["entity"]) for record in records]


NAME_CANDIDATES = 300  # index hits looked at for one typed name
NAME_MATCHES = 50  # at most this many matches of one name


async def name_matches(
    db: Database,
    name: str,
    types: Sequence[str] | None = None,
    limit: int = NAME_MATCHES,
    *,
    with_bodies: bool = True,
    with_details: bool = True,
) -> list[NameMatchRecord]:
    """Entities whose name or an alias is this name, any case, with or without the body it
    carries ("Chief Operating Officer" is "Chief Operating Officer, Cheshire East Council"),
    or within a small typo of it: the closest first, each with its bodies (or none, without
    `with_bodies`) and in full (or its summary and aliases, without `with_details`).

    The candidates come without their bodies; only those whose closeness their bodies could
    change, and the matches whose bodies are asked for, have them looked up (a second round
    trip), and only the matches kept are read in full (a third, when `with_details`)."""
    query = fuzzy_name_query(name)
    if query is None:
        return []
    records, _, _ = await db.read(
        named_query("entities_by_name"),
        {"query": query, "types": _list(types), "candidates": NAME_CANDIDATES},
    )
    typed = TypedName(name)
    kept: list[tuple[Row, Closest]] = []
    undecided: list[tuple[Row, list[NameForms]]] = []
    for candidate in records[0]["candidates"]:
        forms = [forms_of(n) for n in (candidate["name"], *(candidate["aliases"] or []))]
        decided, closest = typed.closest_whatever_bodies(forms)
        if not decided:
            undecided.append((candidate, forms))
        elif closest is not None:
            kept.append((candidate, closest))
    # Matches found without bodies that rank below `limit` of them stay out whatever the rest.
    kept = sorted(kept, key=_closest_first)[:limit]
    wanted = [candidate["id"] for candidate, _ in undecided]
    if with_bodies:
        wanted += [candidate["id"] for candidate, _ in kept]
    bodies = await _bodies_of(db, wanted) if wanted else {}
    for candidate, forms in undecided:
        body_forms = {
            normalise(body_name)
            for body in bodies.get(candidate["id"], [])
            for body_name in (body.name, *(body.aliases or []))
        }
        closest = typed.closest(forms, body_forms - {""})
        if closest is not None:
            kept.append((candidate, closest))
    kept = sorted(kept, key=_closest_first)[:limit]
    if with_details:
        ids = [candidate["id"] for candidate, _ in kept]
        entities = {entity.id: entity for entity in await entities_by_ids(db, ids)}
    else:
        entities = {
            candidate["id"]: EntityRecord.model_validate(candidate) for candidate, _ in kept
        }
    return [
        NameMatchRecord(
            entity=entities[candidate["id"]],
            matched_name=closest.name,
            similarity=round(closest.similarity, 3),
            bodies=list(bodies.get(candidate["id"], [])) if with_bodies else [],
        )
        for candidate, closest in kept
        if candidate["id"] in entities
    ]


def _closest_first(match: tuple[Row, Closest]) -> tuple[float, str, str, str]:
    candidate, closest = match
    return (-closest.similarity, candidate["type"], candidate["name"], candidate["id"])


async def _bodies_of(db: Database, ids: Sequence[str]) -> dict[str, list[ProfileItem]]:
    records, _, _ = await db.read(named_query("entity_bodies"), {"ids": list(ids)})
    return {
        entity["id"]: [ProfileItem.model_validate(body) for body in entity["bodies"]]
        for entity in records[0]["entities"]
    }


async def entities_by_name(
    db: Database, name: str, types: Sequence[str] | None = None, *, with_details: bool = True
) -> list[EntityRecord]:
    """The entities of `name_matches`, the closest first."""
    matches = await name_matches(db, name, types, with_bodies=False, with_details=with_details)
    return [match.entity for match in matches]


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

"""What the graph already holds of the persons a load may merge with, read in one statement.

The persons are found by id (the load's own) and by name: a stored `nameLower` containing a probe
of a load's name (`person_names.name_probes`, through the text index on `Person.nameLower`). For
each: its name, origin, the merges it records, the sources that state it, and the bodies it serves
with the dates and sources of each relation saying so: HOLDS a Post that BELONGS_TO a Body,
MEMBER_OF a Body, MEMBER_OF a Committee that BELONGS_TO a Body. Beside them, the bodies of the
posts and committees the load's persons hold or sit on when the load does not say them itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, LiteralString

from graph.db import Database
from loaders.person_records import merged_ids

READ_PERSONS: LiteralString = (
    "CALL () { "
    "  CALL () { UNWIND $ids AS id MATCH (p:Person {id: id}) RETURN p "
    "    UNION "
    "    UNWIND $probes AS probe MATCH (p:Person) WHERE p.nameLower CONTAINS probe RETURN p } "
    "  WITH DISTINCT p "
    "  RETURN collect({ "
    "    id: p.id, name: p.name, origin: p.origin, mergedFrom: p.merged_from, "
    "    sources: COLLECT { MATCH (ev:Evidence {factId: p.id}) UNWIND ev.sources AS s "
    "                       RETURN DISTINCT s }, "
    "    tenures: COLLECT { "
    "      CALL (p) { "
    "        MATCH (p)-[r:HOLDS]->(:Post)-[:BELONGS_TO]->(b:Body) RETURN r, b "
    "        UNION MATCH (p)-[r:MEMBER_OF]->(b:Body) RETURN r, b "
    "        UNION MATCH (p)-[r:MEMBER_OF]->(:Committee)-[:BELONGS_TO]->(b:Body) RETURN r, b } "
    "      RETURN {body: b.id, kind: b.kind, start: r.validFrom, end: r.validTo, "
    "              sources: COLLECT { MATCH (ev:Evidence {factId: r.id}) "
    "                                 UNWIND ev.sources AS s RETURN DISTINCT s }} } "
    "  }) AS persons "
    "} "
    "CALL () { "
    "  UNWIND $units AS id MATCH (x:Entity {id: id}) "
    "  OPTIONAL MATCH (x)-[:BELONGS_TO]->(b:Body) "
    "  WITH id, x, collect({id: b.id, kind: b.kind}) AS bodies "
    "  RETURN collect({id: id, type: x.type, kind: x.kind, bodies: bodies}) AS units "
    "} "
    "RETURN persons, units"
)


@dataclass(frozen=True)
class StoredTenure:
    """A relation saying a person serves a body: the body, its dates, who states it."""

    body: str
    body_kind: str | None
    start: dt.date | None
    end: dt.date | None
    sources: frozenset[str]


@dataclass(frozen=True)
class StoredPerson:
    id: str
    name: str
    curated: bool
    merged_from: tuple[str, ...]
    sources: frozenset[str]
    tenures: tuple[StoredTenure, ...]


@dataclass(frozen=True)
class StoredUnit:
    """A post, committee or body the graph holds, with the bodies it belongs to."""

    type: str | None
    kind: str | None
    bodies: tuple[tuple[str, str | None], ...]  # (body id, its kind)


@dataclass
class StoredPeople:
    persons: list[StoredPerson] = field(default_factory=list)
    units: dict[str, StoredUnit] = field(default_factory=dict)


async def read_stored_people(
    db: Database, ids: Iterable[str], probes: Iterable[str], units: Iterable[str]
) -> StoredPeople:
    """The graph's persons with these ids or a name containing one of the probes, and the
    graph's entities among `units`."""
    parameters = {
        "ids": sorted(set(ids)),
        "probes": sorted(set(probes)),
        "units": sorted(set(units)),
    }
    if not any(parameters.values()):
        return StoredPeople()
    records, _, _ = await db.read(READ_PERSONS, parameters)
    record = records[0]
    stored = StoredPeople()
    for person in record["persons"]:
        stored.persons.append(
            StoredPerson(
                id=person["id"],
                name=person["name"] or "",
                curated=person["origin"] == "curated",
                merged_from=merged_ids(person["mergedFrom"]),
                sources=frozenset(person["sources"]),
                tenures=tuple(_tenure(t) for t in person["tenures"]),
            )
        )
    for unit in record["units"]:
        bodies = tuple((b["id"], b["kind"]) for b in unit["bodies"] if b["id"] is not None)
        stored.units[unit["id"]] = StoredUnit(unit["type"], unit["kind"], bodies)
    return stored


def _tenure(found: dict[str, Any]) -> StoredTenure:
    return StoredTenure(
        body=found["body"],
        body_kind=found["kind"],
        start=_date(found["start"]),
        end=_date(found["end"]),
        sources=frozenset(found["sources"]),
    )


def _date(value: Any) -> dt.date | None:
    """A stored date (the driver's `neo4j.time.Date`) as a `datetime.date`."""
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    native: dt.date = value.to_native()
    return native

"""What a reader does with a body its file names: the one call between a reader and the resolver.

A reader says what its file tells about the body (`BodyClues`: a name, a site, a code, a URI, the
jurisdiction) and gets back the id to use. Resolved to a known body (a register authority), the
reader points its relations at that id and writes that body exactly as the register states it
(given the register's entities), with the file's own evidence: the same properties from two
imported sources leave the node unchanged, and both pieces of evidence stay. Not resolved, the
reader writes the body it would have written, marked `resolution: unresolved` with the
candidates, and the load reports it; an id given for the file (`civicgraph load --body ID`)
settles it without resolving.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache

from graph.db import Database
from graph.model import Entity, SourceRecords
from loaders.register.records import register_records
from loaders.register.table import default_register
from loaders.resolve import Resolution, Resolver


@dataclass(frozen=True)
class BodyClues:
    """Everything a file says about which body it is from or names."""

    name: str | None = None
    identifier: str | None = None  # GSS code, register code
    domain: str | None = None  # the site's host
    uri: str | None = None  # OrganisationURI and the like
    jurisdiction: str = "GB"
    on: dt.date | None = None  # the date the file speaks of


@dataclass(frozen=True)
class BodyChoice:
    """The id a reader uses, the Body it writes (None: leave it to the records that define it),
    and a note for the load report when the body did not resolve."""

    body_id: str
    entity: Entity | None
    resolution: Resolution | None
    resolved: bool
    note: str | None = None


def choose_body(
    resolver: Resolver,
    clues: BodyClues,
    own: Entity,
    given: str | None = None,
    known: Mapping[str, Entity] | None = None,
) -> BodyChoice:
    """The body meant by `clues`. `own` is the Body the reader would write without resolution,
    `given` the id the user named for this file (it wins), `known` the entities of the bodies
    the resolver answers with (the register's), to write with the file's evidence."""
    if given is not None:
        return BodyChoice(given, _as_stated(known, given, own), None, True)
    found = resolver.resolve(
        name=clues.name, identifier=clues.identifier, domain=clues.domain, uri=clues.uri,
        jurisdiction=clues.jurisdiction, on=clues.on,
    )  # fmt: skip
    if found.body_id is not None:
        return BodyChoice(found.body_id, _as_stated(known, found.body_id, own), found, True)
    candidates = ", ".join(f"{c.body_id} ({c.confidence:.2f})" for c in found.candidates[:3])
    properties = {**own.properties, "resolution": "unresolved"}
    if candidates:
        properties["resolution_candidates"] = candidates
    marked = own.model_copy(update={"properties": properties})
    note = f"body {own.id} ({own.name!r}) is not resolved: {found.why}" + (
        f"; candidates {candidates}" if candidates else ""
    )
    note += "; settle it with `civicgraph load --body ID` (a body of the register or the graph)"
    return BodyChoice(own.id, marked, found, False, note)


def _as_stated(known: Mapping[str, Entity] | None, body_id: str, own: Entity) -> Entity | None:
    entity = known.get(body_id) if known is not None else None
    return entity.model_copy(update={"evidence": own.evidence}) if entity is not None else None


@dataclass(frozen=True)
class KnownBodies:
    """What a load shares with its readers about bodies: the register's records (to add to the
    load when a reader points at one of its bodies), the resolver over them, their entities, and
    the id given for the load's files (`civicgraph load --body ID`), which a file's own body takes
    without resolving."""

    records: SourceRecords
    resolver: Resolver
    entities: Mapping[str, Entity] = field(default_factory=dict)
    given: str | None = None

    def choose(
        self, clues: BodyClues, own: Entity, given: str | None = None, *, of_file: bool = True
    ) -> BodyChoice:
        """The body `clues` mean; `of_file=False` for a body the file names beside its own (a
        party, a partner), which the id given for the file does not settle."""
        settled = given or (self.given if of_file else None)
        return choose_body(self.resolver, clues, own, settled, self.entities)

    def settled(self, body_id: str) -> KnownBodies:
        """The same bodies, with every file's own body taken to be `body_id`."""
        return replace(self, given=body_id)

    def jurisdiction_of(self, body_id: str) -> str | None:
        entity = self.entities.get(body_id)
        value = entity.properties.get("jurisdiction") if entity is not None else None
        return value if isinstance(value, str) else None


async def given_body_problem(db: Database, bodies: KnownBodies, body_id: str) -> str | None:
    """Why `body_id` cannot be the body given for a load (None when it can): it must be a body
    of the register or a Body already in the graph."""
    if body_id in bodies.entities:
        return None
    records, _, _ = await db.read(
        "MATCH (x:Entity {id: $id}) RETURN x:Body AS body, labels(x) AS labels", {"id": body_id}
    )
    if records and records[0]["body"]:
        return None
    if records:
        kinds = "/".join(label for label in records[0]["labels"] if label != "Entity")
        return f"{body_id} is a {kinds}, not a body"
    found = bodies.resolver.resolve(name=body_id.removeprefix("body:").replace("-", " "))
    hint = found.body_id or (found.candidates[0].body_id if found.candidates else None)
    return f"no body {body_id} in the register or the graph" + (
        f" (did you mean {hint}?)" if hint else ""
    )


@cache
def register_bodies() -> KnownBodies:
    """The committed register, read once per process."""
    register = default_register()
    records = register_records(register)
    entities = {entity.id: entity for entity in records.entities}
    return KnownBodies(records, Resolver.from_register(register), entities)

"""Entities of every type, their relationships navigable both ways, evidence on every fact."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any

import strawberry
from strawberry.scalars import JSON

from api.context import Context, RelationKey
from api.graphql.common import (
    EntityRef,
    Evidence,
    NotFoundError,
    check_id,
    check_length,
    check_range,
    entity_type_names,
    evidence_list,
    is_id,
    json_safe,
    relation_type_names,
)
from api.graphql.identifiers import BodyIdentifiers, identifiers_of
from api.graphql.selection import names_below
from graph.model import EntityType, RelationType
from queries.entities import Direction, entities_by_name
from queries.records import EntityRecord, RelationFromEntity, Row, as_date

Info = strawberry.Info[Context, None]
MAX_NODES = 200
# The fields of an entity that a lookup's own candidates carry: an entity selected for none but
# these is not read in full (its description, properties and evidence).
SUMMARY_FIELDS = frozenset(
    {"__typename", "id", "type", "name", "aliases", "status", "validFrom", "validTo"}
)


@strawberry.enum(description="Which way a relationship points, seen from the entity asking.")
class RelationDirection(Enum):
    OUT = "out"
    IN = "in"
    BOTH = "both"


@strawberry.type(description="A relationship seen from one of its ends, with its evidence.")
class Relation:
    id: strawberry.ID | None
    type: str
    direction: RelationDirection
    status: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    kind: str | None = strawberry.field(description="ACCOUNTABLE_FOR: political, managerial...")
    capacity: str | None = strawberry.field(description="HOLDS: substantive, acting, interim...")
    role: str | None
    wording: str | None = strawberry.field(description="The document's own words for the target.")
    alternative_of: strawberry.ID | None = strawberry.field(
        description="The open question this option belongs to, when it is an alternative."
    )
    properties: JSON
    evidence: list[Evidence]
    source_id: strawberry.ID
    target_id: strawberry.ID
    other_ref: EntityRef = strawberry.field(description="The entity at the other end, in short.")

    @strawberry.field(description="The entity at the other end, in full.")
    async def other(self, info: Info) -> Entity | None:
        return await load_entity(info, self.other_ref.id)

    @strawberry.field
    async def source(self, info: Info) -> Entity | None:
        return await load_entity(info, self.source_id)

    @strawberry.field
    async def target(self, info: Info) -> Entity | None:
        return await load_entity(info, self.target_id)

    @classmethod
    def from_record(cls, record: RelationFromEntity) -> Relation:
        return cls(
            id=strawberry.ID(record.id) if record.id else None,
            type=record.type,
            direction=RelationDirection(record.direction),
            status=record.status,
            valid_from=record.valid_from,
            valid_to=record.valid_to,
            kind=record.kind,
            capacity=record.capacity,
            role=record.role,
            wording=record.wording,
            alternative_of=strawberry.ID(record.alternative_of) if record.alternative_of else None,
            properties=json_safe(record.properties),
            evidence=evidence_list(record.evidence),
            source_id=strawberry.ID(record.source),
            target_id=strawberry.ID(record.target),
            other_ref=EntityRef.from_record(record.other),
        )


@strawberry.type(description="A person's dated tenure of a post (Popolo membership).")
class Tenure:
    relation: Relation
    capacity: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None

    @strawberry.field
    async def person(self, info: Info) -> Entity | None:
        return await load_entity(info, self.relation.source_id)

    @strawberry.field
    async def post(self, info: Info) -> Entity | None:
        return await load_entity(info, self.relation.target_id)


@strawberry.interface(
    description="An object with a global id, to fetch again with `node(id:)` (Relay's Global "
    "Object Identification). The id is the entity's own, already unique across types."
)
class Node:
    id: strawberry.ID


@strawberry.interface(description="Anything the graph knows: a body, portfolio, service, post...")
class Entity(Node):
    type: str
    name: str
    aliases: list[str]
    description: str | None
    status: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    properties: JSON = strawberry.field(
        description="Type-specific facts (a body's kind and GSS code, a post's grade...)."
    )
    evidence: list[Evidence]

    @strawberry.field(description="Relationships, filtered by type, direction and date.")
    async def relations(
        self,
        info: Info,
        types: list[RelationType] | None = None,
        direction: RelationDirection = RelationDirection.BOTH,
        as_of: dt.date | None = None,
    ) -> list[Relation] | None:
        rel_types = relation_type_names(types)
        records = await info.context.relations.load(
            RelationKey(str(self.id), as_direction(direction.value), rel_types, as_of)
        )
        return [Relation.from_record(record) for record in records]

    @strawberry.field(description="Entities at the other end of relationships, filtered.")
    async def related(
        self,
        info: Info,
        types: list[RelationType] | None = None,
        direction: RelationDirection = RelationDirection.BOTH,
        entity_types: list[EntityType] | None = None,
        as_of: dt.date | None = None,
    ) -> list[Entity] | None:
        rel_types = relation_type_names(types)
        kept = entity_type_names(entity_types)
        return await related(info, str(self.id), rel_types, direction.value, kept, as_of)


def as_direction(direction: str) -> Direction:
    if direction == "out":
        return "out"
    return "in" if direction == "in" else "both"


async def related(
    info: Info,
    entity_id: str,
    types: tuple[str, ...] | None,
    direction: str,
    entity_types: list[str] | None = None,
    as_of: dt.date | None = None,
) -> list[Entity]:
    key = RelationKey(entity_id, as_direction(direction), types, as_of)
    relations = await info.context.relations.load(key)
    ids = list(
        dict.fromkeys(
            relation.other.id
            for relation in relations
            if entity_types is None or relation.other.type in entity_types
        )
    )
    records = await info.context.entities.load_many(ids)
    return [entity_from_record(record) for record in records if record is not None]


@strawberry.type(
    description="An entity a shortcut returns, with the relationship that leads to it: `status` "
    "says whether the line is current, proposed, ended, or only an option a document leaves "
    "open ('alternative', with the open question in `alternativeOf`)."
)
class EntityLine:
    status: str | None
    is_alternative: bool
    alternative_of: strawberry.ID | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    relation: Relation
    evidence: list[Evidence]

    @strawberry.field(description="The entity the shortcut returns.")
    async def entity(self, info: Info) -> Entity | None:
        return await load_entity(info, self.relation.other_ref.id)

    @classmethod
    def from_record(cls, record: RelationFromEntity) -> EntityLine:
        relation = Relation.from_record(record)
        return cls(
            status=relation.status,
            is_alternative=relation.status == "alternative",
            alternative_of=relation.alternative_of,
            valid_from=relation.valid_from,
            valid_to=relation.valid_to,
            relation=relation,
            evidence=relation.evidence,
        )


async def lines(
    info: Info,
    entity_id: str,
    types: tuple[str, ...],
    direction: str,
    entity_types: list[str] | None = None,
    as_of: dt.date | None = None,
) -> list[EntityLine]:
    """What `related` returns, each entity with the line leading to it and that line's status."""
    key = RelationKey(entity_id, as_direction(direction), types, as_of)
    return [
        EntityLine.from_record(record)
        for record in await info.context.relations.load(key)
        if entity_types is None or record.other.type in entity_types
    ]


async def tenures(
    info: Info, entity_id: str, direction: str, as_of: dt.date | None
) -> list[Tenure]:
    key = RelationKey(entity_id, as_direction(direction), ("HOLDS",), as_of)
    return [
        Tenure(
            relation=Relation.from_record(record),
            capacity=record.capacity,
            valid_from=record.valid_from,
            valid_to=record.valid_to,
        )
        for record in await info.context.relations.load(key)
    ]


BELONGS = ("BELONGS_TO",)


@strawberry.type
class Body(Entity):
    @strawberry.field(
        description="The register code, GSS codes and jurisdiction; null for a body without any."
    )
    def identifiers(self) -> BodyIdentifiers | None:
        return identifiers_of(self.properties)  # type: ignore[arg-type]

    @strawberry.field
    async def portfolios(self, info: Info, as_of: dt.date | None = None) -> list[Entity] | None:
        return await related(info, str(self.id), BELONGS, "in", ["Portfolio"], as_of)

    @strawberry.field
    async def posts(self, info: Info, as_of: dt.date | None = None) -> list[Entity] | None:
        return await related(info, str(self.id), BELONGS, "in", ["Post"], as_of)

    @strawberry.field
    async def committees(self, info: Info, as_of: dt.date | None = None) -> list[Entity] | None:
        return await related(info, str(self.id), BELONGS, "in", ["Committee"], as_of)

    @strawberry.field
    async def partnership_groups(
        self, info: Info, as_of: dt.date | None = None
    ) -> list[Entity] | None:
        return await related(info, str(self.id), BELONGS, "in", ["PartnershipGroup"], as_of)

    @strawberry.field
    async def priorities(self, info: Info, as_of: dt.date | None = None) -> list[Entity] | None:
        kinds = ["Priority", "Outcome"]
        return await related(info, str(self.id), BELONGS, "in", kinds, as_of)

    @strawberry.field
    async def shares_management_with(self, info: Info) -> list[Entity]:
        return await related(info, str(self.id), ("SHARES_MANAGEMENT_WITH",), "both")


@strawberry.type
class Portfolio(Entity):
    @strawberry.field
    async def body(self, info: Info) -> list[Entity]:
        return await related(info, str(self.id), BELONGS, "out", ["Body"])

    @strawberry.field(
        description="The services the portfolio covers (alternatives included: see serviceLines)."
    )
    async def services(self, info: Info, as_of: dt.date | None = None) -> list[Entity] | None:
        return await related(info, str(self.id), ("COVERS",), "out", ["Service"], as_of)

    @strawberry.field(description="`services`, each with its line's status and evidence.")
    async def service_lines(
        self, info: Info, as_of: dt.date | None = None
    ) -> list[EntityLine] | None:
        return await lines(info, str(self.id), ("COVERS",), "out", ["Service"], as_of)

    @strawberry.field(description="The posts that hold the portfolio (the portfolio holders).")
    async def holder_posts(self, info: Info, as_of: dt.date | None = None) -> list[Entity] | None:
        return await related(info, str(self.id), ("HOLDS_PORTFOLIO",), "in", ["Post"], as_of)

    @strawberry.field(description="`holderPosts`, each with its line's status and evidence.")
    async def holder_post_lines(
        self, info: Info, as_of: dt.date | None = None
    ) -> list[EntityLine] | None:
        return await lines(info, str(self.id), ("HOLDS_PORTFOLIO",), "in", ["Post"], as_of)

    @strawberry.field(
        description="Services that could sit in this portfolio (a document's bridges)."
    )
    async def could_include(self, info: Info) -> list[Entity]:
        return await related(info, str(self.id), ("COULD_SIT_IN",), "in", ["Service"])

    @strawberry.field(description="`couldInclude`, each with its line's status and evidence.")
    async def could_include_lines(self, info: Info) -> list[EntityLine]:
        return await lines(info, str(self.id), ("COULD_SIT_IN",), "in", ["Service"])


@strawberry.type
class Service(Entity):
    @strawberry.field
    async def broader(self, info: Info) -> list[Entity]:
        return await related(info, str(self.id), ("BROADER",), "out", ["Service"])

    @strawberry.field
    async def narrower(self, info: Info) -> list[Entity]:
        return await related(info, str(self.id), ("BROADER",), "in", ["Service"])

    @strawberry.field(
        description="Portfolios, posts, committees and groups that cover it (alternatives "
        "included: see coveredByLines)."
    )
    async def covered_by(self, info: Info, as_of: dt.date | None = None) -> list[Entity] | None:
        return await related(info, str(self.id), ("COVERS",), "in", None, as_of)

    @strawberry.field(description="`coveredBy`, each with its line's status and evidence.")
    async def covered_by_lines(
        self, info: Info, as_of: dt.date | None = None
    ) -> list[EntityLine] | None:
        return await lines(info, str(self.id), ("COVERS",), "in", None, as_of)


@strawberry.type
class Post(Entity):
    @strawberry.field
    async def body(self, info: Info) -> list[Entity]:
        return await related(info, str(self.id), BELONGS, "out", ["Body"])

    @strawberry.field(description="Who holds the post, with dates and capacity (acting, interim).")
    async def holders(self, info: Info, as_of: dt.date | None = None) -> list[Tenure] | None:
        return await tenures(info, str(self.id), "in", as_of)

    @strawberry.field(description="The posts it reports to (options included: see reportsToLines).")
    async def reports_to(self, info: Info, as_of: dt.date | None = None) -> list[Entity] | None:
        return await related(info, str(self.id), ("REPORTS_TO",), "out", ["Post"], as_of)

    @strawberry.field(description="`reportsTo`, each with its line's status and evidence.")
    async def reports_to_lines(
        self, info: Info, as_of: dt.date | None = None
    ) -> list[EntityLine] | None:
        return await lines(info, str(self.id), ("REPORTS_TO",), "out", ["Post"], as_of)

    @strawberry.field(
        description="The posts reporting to it (options included: see directReportLines)."
    )
    async def direct_reports(self, info: Info, as_of: dt.date | None = None) -> list[Entity] | None:
        return await related(info, str(self.id), ("REPORTS_TO",), "in", ["Post"], as_of)

    @strawberry.field(description="`directReports`, each with its line's status and evidence.")
    async def direct_report_lines(
        self, info: Info, as_of: dt.date | None = None
    ) -> list[EntityLine] | None:
        return await lines(info, str(self.id), ("REPORTS_TO",), "in", ["Post"], as_of)

    @strawberry.field
    async def portfolios(self, info: Info, as_of: dt.date | None = None) -> list[Entity] | None:
        types = ("HOLDS_PORTFOLIO",)
        return await related(info, str(self.id), types, "out", ["Portfolio"], as_of)

    @strawberry.field(description="`portfolios`, each with its line's status and evidence.")
    async def portfolio_lines(
        self, info: Info, as_of: dt.date | None = None
    ) -> list[EntityLine] | None:
        types = ("HOLDS_PORTFOLIO",)
        return await lines(info, str(self.id), types, "out", ["Portfolio"], as_of)

    @strawberry.field(description="The services it covers (options included: see serviceLines).")
    async def services(self, info: Info, as_of: dt.date | None = None) -> list[Entity] | None:
        return await related(info, str(self.id), ("COVERS",), "out", ["Service"], as_of)

    @strawberry.field(description="`services`, each with its line's status and evidence.")
    async def service_lines(
        self, info: Info, as_of: dt.date | None = None
    ) -> list[EntityLine] | None:
        return await lines(info, str(self.id), ("COVERS",), "out", ["Service"], as_of)

    @strawberry.field(
        description="Statutory roles this post carries, or the posts carrying it (options "
        "included: see designationLines)."
    )
    async def designations(self, info: Info) -> list[Entity]:
        return await related(info, str(self.id), ("DESIGNATED_AS",), "both", ["Post"])

    @strawberry.field(description="`designations`, each with its line's status and evidence.")
    async def designation_lines(self, info: Info) -> list[EntityLine]:
        return await lines(info, str(self.id), ("DESIGNATED_AS",), "both", ["Post"])


@strawberry.type
class Person(Entity):
    @strawberry.field(description="The posts the person holds or held, with dates and capacity.")
    async def posts(self, info: Info, as_of: dt.date | None = None) -> list[Tenure] | None:
        return await tenures(info, str(self.id), "out", as_of)


@strawberry.type
class OpenQuestion(Entity):
    @strawberry.field(description="What the question leaves open.")
    async def concerns(self, info: Info) -> list[Entity]:
        return await related(info, str(self.id), ("CONCERNS",), "out")


@strawberry.type
class Priority(Entity):
    pass


@strawberry.type
class Outcome(Entity):
    pass


@strawberry.type
class Committee(Entity):
    pass


@strawberry.type
class PartnershipGroup(Entity):
    pass


@strawberry.type
class ChangeEvent(Entity):
    pass


@strawberry.type
class Area(Entity):
    pass


ENTITY_CLASSES: dict[str, type[Entity]] = {
    "Body": Body,
    "Portfolio": Portfolio,
    "Service": Service,
    "Priority": Priority,
    "Outcome": Outcome,
    "Committee": Committee,
    "PartnershipGroup": PartnershipGroup,
    "Post": Post,
    "Person": Person,
    "ChangeEvent": ChangeEvent,
    "OpenQuestion": OpenQuestion,
    "Area": Area,
}
ENTITY_TYPES_FOR_SCHEMA: list[type[Any]] = list(ENTITY_CLASSES.values())


def entity_from_record(record: EntityRecord) -> Entity:
    cls = ENTITY_CLASSES.get(record.type, Area)
    return cls(
        id=strawberry.ID(record.id),
        type=record.type,
        name=record.name,
        aliases=list(record.aliases),
        description=record.description,
        status=record.status,
        valid_from=record.valid_from,
        valid_to=record.valid_to,
        properties=json_safe(record.properties),
        evidence=evidence_list(record.evidence),
    )


def entity_from_row(row: Row) -> Entity:
    """An entity from a page's map read without details or evidence: what `entity_from_record`
    makes of the same map validated, without validating it (the query is ours)."""
    cls = ENTITY_CLASSES.get(row["type"], Area)
    return cls(
        id=strawberry.ID(row["id"]),
        type=row["type"],
        name=row["name"],
        aliases=[],
        description=None,
        status=row["status"],
        valid_from=as_date(row["validFrom"]),
        valid_to=as_date(row["validTo"]),
        properties=json_safe({}),
        evidence=[],
    )


async def load_entity(info: Info, entity_id: str) -> Entity | None:
    record = await info.context.entities.load(entity_id)
    return entity_from_record(record) if record is not None else None


@strawberry.type
class EntityQueries:
    @strawberry.field(
        description="One entity by id, with its facts, relations and evidence. An unknown id "
        "gives null and a NOT_FOUND error that names it."
    )
    async def entity(self, info: Info, id: strawberry.ID) -> Entity | None:
        found = await load_entity(info, check_id("id", str(id)))
        if found is None:
            raise NotFoundError("entity", str(id))
        return found

    @strawberry.field(
        description="The object with this global id (an entity's id), for Relay's refetching. "
        "An unknown id gives null and a NOT_FOUND error that names it, as `entity` does."
    )
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        found = await load_entity(info, check_id("id", str(id)))
        if found is None:
            raise NotFoundError("node", str(id))
        return found

    @strawberry.field(
        description=f"The objects with these global ids, in their order: null for an id that "
        f"names nothing, with no error (Relay's convention). At most {MAX_NODES} ids."
    )
    async def nodes(self, info: Info, ids: list[strawberry.ID]) -> list[Node | None]:
        check_range("ids", len(ids), 0, MAX_NODES)
        wanted = [str(entity_id) for entity_id in ids if is_id(str(entity_id))]
        found = dict(zip(wanted, await info.context.entities.load_many(wanted), strict=True))
        records = [found.get(str(entity_id)) for entity_id in ids]
        return [entity_from_record(record) if record is not None else None for record in records]

    @strawberry.field(
        description="Entities whose name or an alias is this name: any case, with or without "
        'the body it carries ("Chief Operating Officer" finds "Chief Operating Officer, '
        'Cheshire East Council"), small typos forgiven; the closest first. `nameMatches` says '
        "which name matched and which body each belongs to."
    )
    async def entities_by_name(
        self, info: Info, name: str, types: list[EntityType] | None = None
    ) -> list[Entity]:
        kept = entity_type_names(types)
        whole = not names_below(info.selected_fields) <= SUMMARY_FIELDS
        records = await entities_by_name(
            info.context.db, check_length("name", name), kept, with_details=whole
        )
        if whole:  # a summary must not answer a load
            for record in records:
                info.context.entities.prime(record.id, record)
        return [entity_from_record(record) for record in records]

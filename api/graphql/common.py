"""What every type family shares: evidence, entity references, validity, and the two expected
kinds of failure (an unknown id, a bad argument), whose errors live in `errors.py`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from enum import StrEnum
from typing import Any, cast

import strawberry
from strawberry.scalars import JSON

from api.graphql.errors import BadArgumentError as BadArgumentError
from api.graphql.errors import NotFoundError as NotFoundError
from api.graphql.errors import UserFacingError as UserFacingError
from graph.model import EntityType, RelationType
from queries.records import EntitySummary, EvidenceRecord, Row, as_date

# The model's own enums are the GraphQL enums of entity and relation types. Each value's GraphQL
# name is the label or relationship type it stands for (`Post`, `PartnershipGroup`, `REPORTS_TO`):
# the text the graph and every answer's `type` field use, so a variable sent as ["Post"] still
# means what it meant when these arguments were strings.
strawberry.enum(
    EntityType,
    description="A kind of entity: the graph's label, as an entity's `type` field gives it.",
    graphql_name_from="value",
)
strawberry.enum(
    RelationType,
    description="A kind of relationship: the graph's type, as a relation's `type` field gives it.",
    graphql_name_from="value",
)


@strawberry.enum(
    description="What a search hit is: an entity of a type, a document, a passage of one, or an "
    "evidence quote.",
    graphql_name_from="value",
)
class SearchHitType(StrEnum):
    BODY = EntityType.BODY.value
    PORTFOLIO = EntityType.PORTFOLIO.value
    SERVICE = EntityType.SERVICE.value
    PRIORITY = EntityType.PRIORITY.value
    OUTCOME = EntityType.OUTCOME.value
    COMMITTEE = EntityType.COMMITTEE.value
    PARTNERSHIP_GROUP = EntityType.PARTNERSHIP_GROUP.value
    POST = EntityType.POST.value
    PERSON = EntityType.PERSON.value
    CHANGE_EVENT = EntityType.CHANGE_EVENT.value
    OPEN_QUESTION = EntityType.OPEN_QUESTION.value
    AREA = EntityType.AREA.value
    DOCUMENT = "Document"
    PASSAGE = "Passage"
    EVIDENCE = "Evidence"


MAX_TEXT_ARGUMENT = 1000  # characters of a search or a name: a pasted paragraph, not a page


def check_length(argument: str, value: str, limit: int = MAX_TEXT_ARGUMENT) -> str:
    if len(value) > limit:
        raise BadArgumentError(argument, f"must be at most {limit} characters, got {len(value)}.")
    return value


def check_range(argument: str, value: int, low: int, high: int) -> int:
    if not low <= value <= high:
        raise BadArgumentError(argument, f"must be between {low} and {high}, got {value}.")
    return value


def entity_type_names(values: Sequence[EntityType] | None) -> list[str] | None:
    """The entity types a filter keeps, as the graph's labels; None (every type) when empty."""
    return [value.value for value in dict.fromkeys(values)] if values else None


def relation_type_names(values: Sequence[RelationType] | None) -> tuple[str, ...] | None:
    """The relationship types a filter keeps, sorted (a loader key); None (all) when empty."""
    return tuple(sorted({value.value for value in values})) if values else None


def is_id(value: str) -> bool:
    return ":" in value and len(value) <= 200


def check_id(argument: str, value: str) -> str:
    if not is_id(value):
        raise BadArgumentError(
            argument, f"{value!r} is not an id (ids look like 'service:libraries')."
        )
    return value


def check_dates(start_argument: str, start: dt.date, end_argument: str, end: dt.date) -> None:
    if end < start:
        raise BadArgumentError(end_argument, f"{end} is before {start_argument} {start}.")


@strawberry.type(description="Where a fact was stated: a document, a place in it, and the words.")
class Evidence:
    document_id: strawberry.ID
    document_title: str | None
    document_date: dt.date | None
    paragraph: str
    quote: str
    origin: str | None
    confidence: float | None

    @classmethod
    def from_record(cls, record: EvidenceRecord) -> Evidence:
        return cls(
            document_id=strawberry.ID(record.document_id),
            document_title=record.document_title,
            document_date=record.document_date,
            paragraph=record.paragraph,
            quote=record.quote,
            origin=record.origin,
            confidence=record.confidence,
        )


def evidence_list(records: Sequence[EvidenceRecord]) -> list[Evidence]:
    return [Evidence.from_record(record) for record in records]


@strawberry.type(
    description="A short reference to an entity: enough to label it and to ask for more by id."
)
class EntityRef:
    id: strawberry.ID
    type: str
    name: str
    status: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None

    @classmethod
    def from_record(cls, record: EntitySummary) -> EntityRef:
        return cls(
            id=strawberry.ID(record.id),
            type=record.type,
            name=record.name,
            status=record.status,
            valid_from=record.valid_from,
            valid_to=record.valid_to,
        )


def refs(records: Sequence[EntitySummary]) -> list[EntityRef]:
    return [EntityRef.from_record(record) for record in records]


class EntityRefs:
    """Entity references made from a query's maps, one per entity for a whole answer: the same
    service, body or post comes back on many of its lines."""

    def __init__(self) -> None:
        self.made: dict[str, EntityRef] = {}

    def __call__(self, row: Row) -> EntityRef:
        ref = self.made.get(row["id"])
        if ref is None:
            ref = EntityRef(
                id=strawberry.ID(row["id"]),
                type=row["type"],
                name=row["name"],
                status=row.get("status"),
                valid_from=as_date(row.get("validFrom")),
                valid_to=as_date(row.get("validTo")),
            )
            self.made[row["id"]] = ref
        return ref


def json_safe(values: dict[str, Any]) -> JSON:
    return cast(
        JSON, {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in values.items()}
    )

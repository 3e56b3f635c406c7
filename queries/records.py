"""The records named queries return, validated: what the API and the command line build on.

Cypher returns maps with camelCase keys; these models take them as they are. The API's largest
answers (accountability lines, neighbourhoods) read the maps as rows instead, without validating
each map again: the query that made them is ours, and `as_date` makes their dates Python's.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Annotated, Any

from neo4j.time import Date as Neo4jDate
from neo4j.time import DateTime as Neo4jDateTime
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic.alias_generators import to_camel

from graph.stored import ENTITY_NAMED_KEYS


def _as_date(value: Any) -> Any:
    """For pydantic: what `as_date` knows becomes a date; anything else goes on to be rejected."""
    try:
        return as_date(value)
    except ValueError:
        return value


def as_date(value: Any) -> dt.date | None:
    """A date as a row from the driver holds it (a Neo4j date or date-time, or ISO text)."""
    if value is None:
        return None
    if isinstance(value, str) and ISO_DATE.match(value):  # the named queries give ISO text
        return dt.date.fromisoformat(value[:10])
    if isinstance(value, Neo4jDate):
        return value.to_native()
    if isinstance(value, Neo4jDateTime):
        return value.to_native().date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raise ValueError(f"not a date: {value!r}")


Row = Mapping[str, Any]  # a map as a named query returns it, camelCase keys


def _plain(value: Any) -> Any:
    """A type-specific fact as JSON can carry it: temporal values as ISO 8601 text."""
    if isinstance(value, Neo4jDate | Neo4jDateTime):
        return value.iso_format()
    return value


ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}($|[T ])")

Date = Annotated[dt.date | None, BeforeValidator(_as_date)]

# Node properties that the record carries in named fields; the rest are type-specific facts.
BOOKKEEPING = ENTITY_NAMED_KEYS


class Record(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, frozen=True)


class EvidenceRecord(Record):
    document_id: str
    document_title: str | None = None
    document_date: Date = None
    paragraph: str
    quote: str
    origin: str | None = None
    confidence: float | None = None


class EntitySummary(Record):
    id: str
    type: str
    name: str
    status: str | None = None
    valid_from: Date = None
    valid_to: Date = None


def _facts(properties: Any) -> dict[str, Any]:
    if not isinstance(properties, dict):
        return {}
    return {
        key: _plain(value)
        for key, value in properties.items()
        if key not in BOOKKEEPING and not isinstance(value, list)
    }


class EntityRecord(EntitySummary):
    aliases: Annotated[list[str], BeforeValidator(lambda v: v or [])] = Field(default_factory=list)
    description: str | None = None
    properties: Annotated[dict[str, Any], BeforeValidator(_facts)] = Field(default_factory=dict)
    evidence: list[EvidenceRecord] = Field(default_factory=list)


class RelationRecord(Record):
    """A relationship seen from one end: `direction` says whether `other` is its target."""

    id: str
    type: str
    source: str
    target: str
    status: str | None = None
    valid_from: Date = None
    valid_to: Date = None
    kind: str | None = None
    capacity: str | None = None
    role: str | None = None
    wording: str | None = None
    alternative_of: str | None = None
    properties: Annotated[dict[str, Any], BeforeValidator(_facts)] = Field(default_factory=dict)
    evidence: list[EvidenceRecord] = Field(default_factory=list)


class RelationFromEntity(RelationRecord):
    entity: str
    direction: str  # "out" when `entity` is the source, "in" when it is the target
    other: EntitySummary


class EntityPage(Record):
    total: int | None = None  # only when counted
    page: list[EntityRecord]


class SearchHitRecord(Record):
    id: str
    type: str
    score: float
    name: str | None = None
    text: str | None = None
    document_id: str | None = None
    paragraph: str | None = None
    fact_count: int = 0  # evidence hits: how many matching quotes of the paragraph it stands for
    identifiers: dict[str, Any] | None = None  # a body's register and GSS codes, jurisdiction
    supports: list[EntitySummary] = Field(default_factory=list)


class EdgeRecord(Record):
    id: str | None = None
    source: str
    target: str
    type: str
    status: str | None = None
    valid_from: Date = None
    valid_to: Date = None
    kind: str | None = None
    wording: str | None = None
    role: str | None = None
    capacity: str | None = None
    evidence_count: int = 0


class GraphRecord(Record):
    nodes: list[EntitySummary]
    edges: list[EdgeRecord]


class PathRecord(GraphRecord):
    length: int


class HolderRecord(Record):
    post: EntitySummary | None = None
    person: EntitySummary | None = None
    relation_id: str | None = None
    capacity: str | None = None
    role: str | None = None
    valid_from: Date = None
    valid_to: Date = None
    evidence: list[EvidenceRecord] = Field(default_factory=list)


class QuestionSummary(EntitySummary):
    description: str | None = None


class AccountabilityLineRecord(Record):
    service: EntitySummary
    kind: str
    relation_id: str | None = None
    relation_type: str
    wording: str | None = None
    status: str | None = None
    valid_from: Date = None
    valid_to: Date = None
    alternative_of: str | None = None
    question: QuestionSummary | None = None
    accountable: EntitySummary
    bodies: list[EntitySummary] = Field(default_factory=list)
    holders: list[HolderRecord] = Field(default_factory=list)
    evidence: list[EvidenceRecord] = Field(default_factory=list)


class RelatedLineRecord(Record):
    """Not accountability: a priority addressing a service, or a body providing it."""

    service: EntitySummary
    relation_id: str | None = None
    relation_type: str
    wording: str | None = None
    role: str | None = None
    status: str | None = None
    valid_from: Date = None
    valid_to: Date = None
    entity: EntitySummary
    bodies: list[EntitySummary] = Field(default_factory=list)
    evidence: list[EvidenceRecord] = Field(default_factory=list)


class ChainStepRecord(Record):
    id: str | None = None
    type: str
    from_: EntitySummary = Field(alias="from")
    to: EntitySummary
    status: str | None = None
    valid_from: Date = None
    valid_to: Date = None
    capacity: str | None = None
    evidence: list[EvidenceRecord] = Field(default_factory=list)


class ChainRecord(Record):
    start: EntitySummary
    post: EntitySummary
    head: EntitySummary
    reaches_head: bool
    body: EntitySummary | None = None
    steps: list[ChainStepRecord] = Field(default_factory=list)


class LinkRecord(Record):
    """A relationship seen from an entity in a list: its type, the other end, its evidence."""

    id: str | None = None
    type: str
    outgoing: bool | None = None
    kind: str | None = None
    capacity: str | None = None
    role: str | None = None
    wording: str | None = None
    status: str | None = None
    alternative_of: str | None = None
    valid_from: Date = None
    valid_to: Date = None
    other: EntitySummary
    evidence: list[EvidenceRecord] = Field(default_factory=list)


class StructureMemberRecord(EntitySummary):
    links: list[LinkRecord] = Field(default_factory=list)


class DottedLineRecord(Record):
    """Two portfolios a document joins by a dotted line (CLOSELY_RELATED)."""

    id: str | None = None
    status: str | None = None
    valid_from: Date = None
    valid_to: Date = None
    shared_interest: str | None = None
    left: EntitySummary
    right: EntitySummary
    evidence: list[EvidenceRecord] = Field(default_factory=list)


class BridgeRecord(Record):
    """A service that could sit in a portfolio (COULD_SIT_IN): one option of an open question."""

    id: str | None = None
    status: str | None = None
    valid_from: Date = None
    valid_to: Date = None
    wording: str | None = None
    service: EntitySummary
    portfolio: EntitySummary
    question: EntitySummary | None = None
    evidence: list[EvidenceRecord] = Field(default_factory=list)


class OptionRecord(Record):
    """A relationship a document states as one of several options of an open question."""

    id: str | None = None
    type: str
    status: str | None = None
    wording: str | None = None
    valid_from: Date = None
    valid_to: Date = None
    source: EntitySummary
    target: EntitySummary
    evidence: list[EvidenceRecord] = Field(default_factory=list)


class StructureQuestionRecord(QuestionSummary):
    concerns: list[EntitySummary] = Field(default_factory=list)
    options: list[OptionRecord] = Field(default_factory=list)
    evidence: list[EvidenceRecord] = Field(default_factory=list)


class StructureRecord(Record):
    body: EntitySummary
    members: list[StructureMemberRecord]
    dotted_lines: list[DottedLineRecord] = Field(default_factory=list)
    bridges: list[BridgeRecord] = Field(default_factory=list)
    open_questions: list[StructureQuestionRecord] = Field(default_factory=list)


class ChangeRecord(Record):
    change: str
    fact_kind: str
    id: str | None = None
    type: str
    label: str | None = None
    source: str | None = None
    target: str | None = None
    status: str | None = None
    valid_from: Date = None
    valid_to: Date = None
    evidence: list[EvidenceRecord] = Field(default_factory=list)


class ChangeEventRecord(Record):
    event: QuestionSummary
    ended: list[EntitySummary] = Field(default_factory=list)
    created: list[EntitySummary] = Field(default_factory=list)
    evidence: list[EvidenceRecord] = Field(default_factory=list)


class ProfileItem(EntitySummary):
    aliases: list[str] | None = None
    evidence: list[EvidenceRecord] = Field(default_factory=list)  # why the body has it


class BodyProfileRecord(Record):
    body: EntitySummary
    priorities: list[ProfileItem]
    portfolios: list[ProfileItem]
    posts: list[ProfileItem]
    services: list[ProfileItem]
    shares_management: list[str] = Field(default_factory=list)


class ServiceGapRecord(Record):
    service: EntitySummary
    links: list[LinkRecord] = Field(default_factory=list)


class PostGapRecord(Record):
    post: EntitySummary
    bodies: list[EntitySummary] = Field(default_factory=list)
    evidence: list[EvidenceRecord] = Field(default_factory=list)


class ClaimedTwiceRecord(Record):
    service: EntitySummary
    body: EntitySummary
    claims: list[LinkRecord]


class NameMatchRecord(Record):
    """An entity whose name or alias is close to a typed name: which one, how close (1.0: the
    same, once normalised and without its body suffix), and the bodies it belongs to."""

    entity: EntityRecord
    matched_name: str
    similarity: float
    bodies: list[EntitySummary] = Field(default_factory=list)


class AbbreviatedEntity(Record):
    """An entity with an abbreviation among its aliases, and the names of its bodies."""

    name: str
    aliases: Annotated[list[str], BeforeValidator(lambda v: v or [])] = Field(default_factory=list)
    bodies: Annotated[list[str], BeforeValidator(lambda v: v or [])] = Field(default_factory=list)

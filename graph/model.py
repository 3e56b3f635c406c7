"""The governance model: the one source of truth for what a valid record is.

Every loader turns its input into these records; the writer puts them in the graph. The shape
follows Popolo and the W3C Organization Ontology (posts exist without holders; people hold posts
through dated tenures; reporting lines; sub-organisations; change events) and FollowTheMoney's
statements (every fact carries its evidence: document, paragraph, quote, and when it was seen).

In the graph every entity is `(:Entity:<EntityType> {id, type, name, ...})`; every relation is a
relationship of a `RelationType` with a stable `id`; every fact (entity or relation) is backed by
one or more `(:Evidence {factId})-[:FROM_DOCUMENT]->(:Document)`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from enum import StrEnum
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator


class EntityType(StrEnum):
    BODY = "Body"
    PORTFOLIO = "Portfolio"
    SERVICE = "Service"
    PRIORITY = "Priority"
    OUTCOME = "Outcome"
    COMMITTEE = "Committee"
    PARTNERSHIP_GROUP = "PartnershipGroup"
    POST = "Post"
    PERSON = "Person"
    CHANGE_EVENT = "ChangeEvent"
    OPEN_QUESTION = "OpenQuestion"
    AREA = "Area"


class RelationType(StrEnum):
    """Relationship types. The docstring of each member says which entity types it joins."""

    BELONGS_TO = "BELONGS_TO"  # Portfolio|Post|Committee|Priority|Outcome|PartnershipGroup -> Body
    SUB_ORGANIZATION_OF = "SUB_ORGANIZATION_OF"  # Body -> Body
    SUB_GROUP_OF = "SUB_GROUP_OF"  # PartnershipGroup|Committee -> PartnershipGroup|Committee
    HOLDS = "HOLDS"  # Person -> Post: a dated tenure (capacity: substantive, acting, interim)
    REPORTS_TO = "REPORTS_TO"  # Post -> Post
    HOLDS_PORTFOLIO = "HOLDS_PORTFOLIO"  # Post -> Portfolio (the portfolio holder's post)
    COVERS = "COVERS"  # Portfolio|Post|Committee|PartnershipGroup -> Service (wording kept)
    COULD_SIT_IN = "COULD_SIT_IN"  # Service -> Portfolio: one of several places it could sit
    CLOSELY_RELATED = "CLOSELY_RELATED"  # Portfolio -> Portfolio (symmetric)
    ACCOUNTABLE_FOR = "ACCOUNTABLE_FOR"  # Post|Portfolio|Committee|PartnershipGroup -> anything
    MEMBER_OF = "MEMBER_OF"  # Person|Post|Body -> PartnershipGroup|Committee|Body
    SCRUTINISED_BY = "SCRUTINISED_BY"  # anything -> Committee
    ALIGNED_TO = "ALIGNED_TO"  # Portfolio|PartnershipGroup|Post -> Priority|Outcome
    CONTRIBUTES_TO = "CONTRIBUTES_TO"  # Priority -> Outcome
    REPLACED_BY = "REPLACED_BY"  # X -> X: what a restructure replaced, and by what
    ORIGINAL = "ORIGINAL"  # ChangeEvent -> what it ended or replaced
    RESULTED_IN = "RESULTED_IN"  # ChangeEvent -> what it created
    DESIGNATED_AS = "DESIGNATED_AS"  # Post -> Post (a statutory role carried by a post)
    SHARES_MANAGEMENT_WITH = "SHARES_MANAGEMENT_WITH"  # Body -> Body (symmetric)
    BROADER = "BROADER"  # Service -> Service (the vocabulary's hierarchy)
    CONCERNS = "CONCERNS"  # OpenQuestion -> anything it leaves open
    COVERS_AREA = "COVERS_AREA"  # Body|Post -> Area
    ADDRESSES = "ADDRESSES"  # Priority|Outcome -> Service: what a priority is about (wording kept)
    PROVIDES = "PROVIDES"  # Body -> Service: delivers it, or commissions it (role: commissioner)


SYMMETRIC_RELATIONS = frozenset({RelationType.CLOSELY_RELATED, RelationType.SHARES_MANAGEMENT_WITH})


def _types(*names: str) -> frozenset[EntityType]:
    return frozenset(EntityType(name) for name in names)


_ANY = frozenset(EntityType)
# Which entity types each relation type joins: (from, to). The loader refuses any other pair.
RELATION_ENDPOINTS: dict[RelationType, tuple[frozenset[EntityType], frozenset[EntityType]]] = {
    RelationType.BELONGS_TO: (
        _types("Portfolio", "Post", "Committee", "Priority", "Outcome", "PartnershipGroup"),
        _types("Body"),
    ),
    RelationType.SUB_ORGANIZATION_OF: (_types("Body"), _types("Body")),
    RelationType.SUB_GROUP_OF: (
        _types("PartnershipGroup", "Committee"),
        _types("PartnershipGroup", "Committee"),
    ),
    RelationType.HOLDS: (_types("Person"), _types("Post")),
    RelationType.REPORTS_TO: (_types("Post"), _types("Post")),
    RelationType.HOLDS_PORTFOLIO: (_types("Post"), _types("Portfolio")),
    RelationType.COVERS: (
        _types("Portfolio", "Post", "Committee", "PartnershipGroup"),
        _types("Service"),
    ),
    RelationType.COULD_SIT_IN: (_types("Service"), _types("Portfolio")),
    RelationType.CLOSELY_RELATED: (_types("Portfolio"), _types("Portfolio")),
    RelationType.ACCOUNTABLE_FOR: (
        _types("Post", "Portfolio", "Committee", "PartnershipGroup"),
        _ANY,
    ),
    RelationType.MEMBER_OF: (
        _types("Person", "Post", "Body"),
        _types("PartnershipGroup", "Committee", "Body"),
    ),
    RelationType.SCRUTINISED_BY: (_ANY, _types("Committee")),
    RelationType.ALIGNED_TO: (
        _types("Portfolio", "PartnershipGroup", "Post"),
        _types("Priority", "Outcome"),
    ),
    RelationType.CONTRIBUTES_TO: (_types("Priority"), _types("Outcome")),
    RelationType.REPLACED_BY: (_ANY, _ANY),
    RelationType.ORIGINAL: (_types("ChangeEvent"), _ANY),
    RelationType.RESULTED_IN: (_types("ChangeEvent"), _ANY),
    RelationType.DESIGNATED_AS: (_types("Post"), _types("Post")),
    RelationType.SHARES_MANAGEMENT_WITH: (_types("Body"), _types("Body")),
    RelationType.BROADER: (_types("Service"), _types("Service")),
    RelationType.CONCERNS: (_types("OpenQuestion"), _ANY),
    RelationType.COVERS_AREA: (_types("Body", "Post"), _types("Area")),
    RelationType.ADDRESSES: (_types("Priority", "Outcome"), _types("Service")),
    RelationType.PROVIDES: (_types("Body"), _types("Service")),
}


class Status(StrEnum):
    PROPOSED = "proposed"
    CURRENT = "current"
    ENDED = "ended"
    ALTERNATIVE = "alternative"  # one of several options a document leaves open


class Capacity(StrEnum):
    SUBSTANTIVE = "substantive"
    ACTING = "acting"
    INTERIM = "interim"
    DESIGNATE = "designate"
    SHARED = "shared"


class AccountabilityKind(StrEnum):
    POLITICAL = "political"
    MANAGERIAL = "managerial"
    STATUTORY = "statutory"
    PARTNERSHIP = "partnership"
    SCRUTINY = "scrutiny"


class Origin(StrEnum):
    CURATED = "curated"
    EXTRACTED = "extracted"
    IMPORTED = "imported"  # from an open-data format (Popolo, organogram, ModernGov)


ID_PATTERN = r"^[a-z][a-z_-]*:[A-Za-z0-9][A-Za-z0-9_.:/-]*$"
EntityId = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=200)]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class Evidence(Strict):
    """Where a fact was stated: a document, a place in it, and the words."""

    document: EntityId | None = None  # defaults to the file's document
    paragraph: NonEmpty  # the document's own numbering ("3.3", "table: Accountable member")
    quote: NonEmpty = Field(max_length=1000)
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)


class Document(Strict):
    id: EntityId
    title: NonEmpty
    body: EntityId | None = None  # the body that published it
    date: dt.date | None = None
    author: str | None = None
    kind: str = "report"
    source_file: str | None = None
    url: str | None = None
    meeting: str | None = None
    report_of: str | None = None
    checksum: str | None = None


class Entity(Strict):
    id: EntityId
    type: EntityType
    name: NonEmpty
    aliases: list[NonEmpty] = Field(default_factory=list)
    description: str | None = None
    status: Status = Status.CURRENT
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    # Type-specific facts (Body: kind, gss_code; Post: post_kind, grade, salary_band; ...).
    properties: dict[str, str | int | float | bool | None] = Field(default_factory=dict)
    evidence: list[Evidence] = Field(min_length=1)

    @model_validator(mode="after")
    def _id_prefix_matches_type(self) -> Entity:
        expected = _id_prefix(self.type)
        if not self.id.startswith(f"{expected}:"):
            raise ValueError(f"id {self.id!r} of a {self.type} must start with '{expected}:'")
        _check_dates(self.valid_from, self.valid_to)
        return self


class Relation(Strict):
    type: RelationType
    source: EntityId = Field(alias="from")
    target: EntityId = Field(alias="to")
    status: Status = Status.CURRENT
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    kind: AccountabilityKind | None = None  # ACCOUNTABLE_FOR only, where it is required
    capacity: Capacity | None = None  # HOLDS only
    role: str | None = None  # MEMBER_OF: chair, member, lead officer...; PROVIDES: commissioner
    wording: str | None = None  # the document's own words for the target (services)
    alternative_of: EntityId | None = None  # the OpenQuestion this option belongs to
    properties: dict[str, str | int | float | bool | None] = Field(default_factory=dict)
    evidence: list[Evidence] = Field(min_length=1)

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="after")
    def _consistent(self) -> Relation:
        if self.type is RelationType.ACCOUNTABLE_FOR and self.kind is None:
            raise ValueError("an ACCOUNTABLE_FOR relation needs its kind")
        if self.kind is not None and self.type is not RelationType.ACCOUNTABLE_FOR:
            raise ValueError("kind is only for ACCOUNTABLE_FOR relations")
        if self.capacity is not None and self.type is not RelationType.HOLDS:
            raise ValueError("capacity is only for HOLDS relations")
        if self.alternative_of is not None and self.status is not Status.ALTERNATIVE:
            raise ValueError("a relation with alternative_of must have status 'alternative'")
        _check_dates(self.valid_from, self.valid_to)
        return self

    @property
    def id(self) -> str:
        """Stable: the same statement in any file gets the same id."""
        key = "|".join(
            [self.type.value, self.source, self.target, str(self.valid_from or ""),
             self.kind.value if self.kind else "", self.role or ""]
        )  # fmt: skip
        return "rel:" + hashlib.sha1(key.encode()).hexdigest()[:20]


Fact = TypeVar("Fact", Entity, Relation)


def with_more_evidence(known: Fact, evidence: Sequence[Evidence]) -> Fact:
    """`known` with the evidence it did not yet carry added, in order; `known` itself when none."""
    added = [e for e in evidence if e not in known.evidence]
    return known.model_copy(update={"evidence": known.evidence + added}) if added else known


class CuratedFile(Strict):
    """One curated file: the document it encodes, and what that document states."""

    document: Document
    entities: list[Entity] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)


class PassageKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    BULLET = "bullet"
    TABLE_ROW = "table_row"


class Passage(Strict):
    """A numbered piece of a document, in the document's own numbering, in reading order."""

    id: EntityId  # "passage:<document id without prefix>:<order>"
    document: EntityId
    number: str | None = None  # "1.1", "3.2", "table: Accountable member"; None when unnumbered
    order: int = Field(ge=0)
    kind: PassageKind = PassageKind.PARAGRAPH
    text: NonEmpty  # repaired text
    original_text: str | None = None  # as extracted, when repair changed it
    parent: EntityId | None = None  # the paragraph a bullet or table row sits under


class Mention(Strict):
    """A passage names an entity (a body, post, person, service...) in these words."""

    passage: EntityId
    entity: EntityId
    wording: NonEmpty
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)


class SourceRecords(Strict):
    """Everything one source states: the unit the writer lands whole, in one transaction."""

    origin: Origin
    source_file: str
    document: Document
    entities: list[Entity] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    passages: list[Passage] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)


def evidence_id(fact_id: str, document_id: str, paragraph: str, quote: str) -> str:
    key = "|".join([fact_id, document_id, paragraph, quote])
    return "ev:" + hashlib.sha1(key.encode()).hexdigest()[:24]


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _id_prefix(entity_type: EntityType) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", entity_type.value).lower()


def _check_dates(start: dt.date | None, end: dt.date | None) -> None:
    if start is not None and end is not None and end < start:
        raise ValueError(f"valid_to {end} is before valid_from {start}")


def as_properties(values: dict[str, Any]) -> dict[str, Any]:
    """Drops empty values so that MERGE ... SET never writes nulls."""
    return {key: value for key, value in values.items() if value is not None}

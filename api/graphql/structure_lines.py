"""What a body's structure shows beside its members: the dotted lines between its portfolios, the
bridges (services that could sit in one of several portfolios) and the questions its documents
leave open, each with its evidence."""

from __future__ import annotations

import datetime as dt

import strawberry

from api.graphql.common import EntityRef, Evidence, evidence_list
from queries.records import BridgeRecord, DottedLineRecord, OptionRecord, StructureQuestionRecord


def _id(value: str | None) -> strawberry.ID | None:
    return strawberry.ID(value) if value else None


@strawberry.type(
    description="Two portfolios a document joins by a dotted line (CLOSELY_RELATED): a "
    "particularly close relationship, not a reporting line."
)
class DottedLine:
    relation_id: strawberry.ID | None
    left: EntityRef
    right: EntityRef
    shared_interest: str | None = strawberry.field(description="What the two have in common.")
    status: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    evidence: list[Evidence]

    @classmethod
    def from_record(cls, record: DottedLineRecord) -> DottedLine:
        return cls(
            relation_id=_id(record.id),
            left=EntityRef.from_record(record.left),
            right=EntityRef.from_record(record.right),
            shared_interest=record.shared_interest,
            status=record.status,
            valid_from=record.valid_from,
            valid_to=record.valid_to,
            evidence=evidence_list(record.evidence),
        )


@strawberry.type(
    description="A bridge: a service a document says could sit in this portfolio or another "
    "(COULD_SIT_IN), one option of an open question."
)
class Bridge:
    relation_id: strawberry.ID | None
    service: EntityRef
    portfolio: EntityRef
    wording: str | None = strawberry.field(description="The document's own words for the service.")
    status: str | None
    is_alternative: bool
    open_question: EntityRef | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    evidence: list[Evidence]

    @classmethod
    def from_record(cls, record: BridgeRecord) -> Bridge:
        return cls(
            relation_id=_id(record.id),
            service=EntityRef.from_record(record.service),
            portfolio=EntityRef.from_record(record.portfolio),
            wording=record.wording,
            status=record.status,
            is_alternative=record.status == "alternative",
            open_question=EntityRef.from_record(record.question) if record.question else None,
            valid_from=record.valid_from,
            valid_to=record.valid_to,
            evidence=evidence_list(record.evidence),
        )


@strawberry.type(description="One of the options a document leaves open, as a relationship.")
class QuestionOption:
    relation_id: strawberry.ID | None
    type: str
    source: EntityRef
    target: EntityRef
    wording: str | None
    status: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    evidence: list[Evidence]

    @classmethod
    def from_record(cls, record: OptionRecord) -> QuestionOption:
        return cls(
            relation_id=_id(record.id),
            type=record.type,
            source=EntityRef.from_record(record.source),
            target=EntityRef.from_record(record.target),
            wording=record.wording,
            status=record.status,
            valid_from=record.valid_from,
            valid_to=record.valid_to,
            evidence=evidence_list(record.evidence),
        )


@strawberry.type(
    description="A question a document leaves open about the body or what belongs to it: what it "
    "concerns, the options stated, and where it is asked."
)
class StructureQuestion:
    question: EntityRef
    description: str | None
    concerns: list[EntityRef]
    options: list[QuestionOption]
    evidence: list[Evidence]

    @classmethod
    def from_record(cls, record: StructureQuestionRecord) -> StructureQuestion:
        return cls(
            question=EntityRef.from_record(record),
            description=record.description,
            concerns=[EntityRef.from_record(item) for item in record.concerns],
            options=[QuestionOption.from_record(option) for option in record.options],
            evidence=evidence_list(record.evidence),
        )

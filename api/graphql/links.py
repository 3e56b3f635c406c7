"""A relationship listed from one of its ends, with its evidence: shared by structure and gaps."""

from __future__ import annotations

import datetime as dt

import strawberry

from api.graphql.common import EntityRef, Evidence, evidence_list
from queries.records import LinkRecord


@strawberry.type
class Link:
    relation_id: strawberry.ID | None
    type: str
    outgoing: bool | None
    kind: str | None
    capacity: str | None
    role: str | None
    wording: str | None
    status: str | None
    alternative_of: strawberry.ID | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    other: EntityRef
    evidence: list[Evidence]

    @classmethod
    def from_record(cls, record: LinkRecord) -> Link:
        return cls(
            relation_id=strawberry.ID(record.id) if record.id else None,
            type=record.type,
            outgoing=record.outgoing,
            kind=record.kind,
            capacity=record.capacity,
            role=record.role,
            wording=record.wording,
            status=record.status,
            alternative_of=strawberry.ID(record.alternative_of) if record.alternative_of else None,
            valid_from=record.valid_from,
            valid_to=record.valid_to,
            other=EntityRef.from_record(record.other),
            evidence=evidence_list(record.evidence),
        )

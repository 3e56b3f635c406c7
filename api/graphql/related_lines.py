"""What the accountability answer adds when asked to include related lines: the priorities that
address a service (ADDRESSES) and the bodies that provide it (PROVIDES). They are not
accountability, so they are kept apart from the accountability lines, in lists of their own."""

from __future__ import annotations

import datetime as dt

import strawberry

from api.graphql.common import EntityRef, Evidence, evidence_list
from queries.records import RelatedLineRecord

RELATED = "related"


@strawberry.type(
    description="Not accountability: a priority or outcome that addresses the service "
    "(ADDRESSES), or a body that provides or commissions it (PROVIDES; role 'commissioner')."
)
class RelatedLine:
    kind: str = strawberry.field(description="Always 'related': this line is not accountability.")
    relation_type: str = strawberry.field(description="ADDRESSES or PROVIDES.")
    relation_id: strawberry.ID | None
    service: EntityRef = strawberry.field(description="The service named (maybe narrower).")
    entity: EntityRef = strawberry.field(description="The priority, outcome or providing body.")
    wording: str | None = strawberry.field(description="The document's own words for it.")
    role: str | None
    status: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    evidence: list[Evidence]
    owners: strawberry.Private[list[EntityRef]]

    @classmethod
    def from_record(cls, record: RelatedLineRecord) -> RelatedLine:
        return cls(
            kind=RELATED,
            relation_type=record.relation_type,
            relation_id=strawberry.ID(record.relation_id) if record.relation_id else None,
            service=EntityRef.from_record(record.service),
            entity=EntityRef.from_record(record.entity),
            wording=record.wording,
            role=record.role,
            status=record.status,
            valid_from=record.valid_from,
            valid_to=record.valid_to,
            evidence=evidence_list(record.evidence),
            owners=[EntityRef.from_record(body) for body in record.bodies],
        )

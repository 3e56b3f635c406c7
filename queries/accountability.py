"""Who is accountable for a service, and the chain of accountability up to a body's head."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from graph.db import Database
from queries.cypher import named_query
from queries.records import AccountabilityLineRecord, ChainRecord, RelatedLineRecord, Row


@dataclass(frozen=True)
class LineParts:
    """What of each line to compute beyond the line itself; what is left out comes back empty."""

    holders: bool = True
    holder_evidence: bool = True
    evidence: bool = True

    def parameters(self) -> dict[str, bool]:
        return {
            "withHolders": self.holders,
            "withHolderEvidence": self.holders and self.holder_evidence,
            "withEvidence": self.evidence,
        }


EVERY_PART = LineParts()


async def accountability(
    db: Database, service_id: str, as_of: dt.date | None = None
) -> list[AccountabilityLineRecord]:
    rows = await accountability_rows(db, service_id, as_of)
    return [AccountabilityLineRecord.model_validate(row) for row in rows]


async def accountability_rows(
    db: Database, service_id: str, as_of: dt.date | None = None, parts: LineParts = EVERY_PART
) -> list[Row]:
    """The lines as the query returns them: one map each, in one record."""
    records, _, _ = await db.read(
        named_query("accountability"),
        {"service": service_id, "asOf": as_of, **parts.parameters()},
    )
    lines: list[Row] = records[0]["lines"] if records else []
    return lines


async def accountability_related(
    db: Database, service_id: str, as_of: dt.date | None = None
) -> list[RelatedLineRecord]:
    """What addresses or provides the service: related to it, not accountable for it."""
    records, _, _ = await db.read(
        named_query("accountability_related"), {"service": service_id, "asOf": as_of}
    )
    return [RelatedLineRecord.model_validate(record["line"]) for record in records]


async def accountability_chains(
    db: Database, ids: Sequence[str], as_of: dt.date | None = None
) -> list[ChainRecord]:
    records, _, _ = await db.read(
        named_query("accountability_chains"), {"ids": list(ids), "asOf": as_of}
    )
    return [ChainRecord.model_validate(record["chain"]) for record in records]

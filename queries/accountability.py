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
    identifiers: bool = True  # the bodies' register code, GSS codes, jurisdiction, short name

    def parameters(self) -> dict[str, bool]:
        return {
            "withHolders": self.holders,
            "withHolderEvidence": self.holders and self.holder_evidence,
            "withEvidence": self.evidence,
            "withIdentifiers": self.identifiers,
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
    """The lines, one map each, with their service's map and their bodies' maps in place of the
    ids the query names them by."""
    records, _, _ = await db.read(
        named_query("accountability"),
        {"service": service_id, "asOf": as_of, **parts.parameters()},
        kept=True,
    )
    return lines_of(records[0]) if records else []


def lines_of(record: Row) -> list[Row]:
    """The query's lines with the maps of their service and bodies (sent once each) in place of
    their ids. The record may be a kept answer, shared by other requests: each line is a new
    map, and the service and body maps are shared by the lines, not copied."""
    services = {service["id"]: service for service in record["services"]}
    bodies = {body["id"]: body for body in record["bodies"]}

    def owned(line: Row) -> list[Row]:
        return [bodies[body] for body in line["bodies"]]

    return [
        {**line, "service": services[line["service"]], "bodies": owned(line)}
        for line in record["lines"]
    ]


async def accountability_related(
    db: Database, service_id: str, as_of: dt.date | None = None
) -> list[RelatedLineRecord]:
    """What addresses or provides the service: related to it, not accountable for it."""
    records, _, _ = await db.read(
        named_query("accountability_related"), {"service": service_id, "asOf": as_of}, kept=True
    )
    return [RelatedLineRecord.model_validate(record["line"]) for record in records]


async def accountability_chains(
    db: Database, ids: Sequence[str], as_of: dt.date | None = None
) -> list[ChainRecord]:
    records, _, _ = await db.read(
        named_query("accountability_chains"), {"ids": list(ids), "asOf": as_of}
    )
    return [ChainRecord.model_validate(record["chain"]) for record in records]

"""A body's structure at a date, what changed between two dates, and bodies side by side."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from graph.db import Database
from queries.cypher import named_query
from queries.records import BodyProfileRecord, ChangeEventRecord, ChangeRecord, StructureRecord


async def body_structure(
    db: Database, body_id: str, as_of: dt.date | None = None
) -> StructureRecord | None:
    records, _, _ = await db.read(
        named_query("body_structure"), {"body": body_id, "asOf": as_of}, kept=True
    )
    return StructureRecord.model_validate(records[0]["structure"]) if records else None


async def body_changes(
    db: Database, body_id: str, start: dt.date, end: dt.date
) -> list[ChangeRecord]:
    records, _, _ = await db.read(
        named_query("body_changes"), {"body": body_id, "from": start, "to": end}
    )
    return [ChangeRecord.model_validate(record["change"]) for record in records]


async def change_events(
    db: Database, body_id: str, start: dt.date, end: dt.date
) -> list[ChangeEventRecord]:
    records, _, _ = await db.read(
        named_query("change_events"), {"body": body_id, "from": start, "to": end}
    )
    return [ChangeEventRecord.model_validate(record["event"]) for record in records]


async def body_profiles(
    db: Database, body_ids: Sequence[str], as_of: dt.date | None = None
) -> list[BodyProfileRecord]:
    records, _, _ = await db.read(
        named_query("body_profiles"), {"bodies": list(body_ids), "asOf": as_of}, kept=True
    )
    return [BodyProfileRecord.model_validate(record["profile"]) for record in records]

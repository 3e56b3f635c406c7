"""Gaps in accountability: services nobody answers for, posts without holder or reporting line,
services claimed by two portfolios."""

from __future__ import annotations

import datetime as dt

from graph.db import Database
from queries.cypher import named_query
from queries.records import ClaimedTwiceRecord, PostGapRecord, ServiceGapRecord


async def services_without_accountability(
    db: Database, body: str | None = None, as_of: dt.date | None = None
) -> list[ServiceGapRecord]:
    records, _, _ = await db.read(
        named_query("gaps_services_without_accountability"), {"body": body, "asOf": as_of}
    )
    return [ServiceGapRecord.model_validate(record["gap"]) for record in records]


async def posts_without_holder(
    db: Database, body: str | None = None, as_of: dt.date | None = None
) -> list[PostGapRecord]:
    records, _, _ = await db.read(
        named_query("gaps_posts_without_holder"), {"body": body, "asOf": as_of}
    )
    return [PostGapRecord.model_validate(record["gap"]) for record in records]


async def posts_without_reporting_line(
    db: Database, body: str | None = None, as_of: dt.date | None = None
) -> list[PostGapRecord]:
    records, _, _ = await db.read(
        named_query("gaps_posts_without_reporting_line"), {"body": body, "asOf": as_of}
    )
    return [PostGapRecord.model_validate(record["gap"]) for record in records]


async def services_claimed_twice(
    db: Database, body: str | None = None, as_of: dt.date | None = None
) -> list[ClaimedTwiceRecord]:
    records, _, _ = await db.read(
        named_query("gaps_services_claimed_twice"), {"body": body, "asOf": as_of}
    )
    return [ClaimedTwiceRecord.model_validate(record["gap"]) for record in records]

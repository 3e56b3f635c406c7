"""Gaps in accountability: services nobody answers for, posts without holder or reporting line,
services claimed by two portfolios; each list in a stable order, all of it or a page, and how many
there are of each.

A page starts after a position in its list's order (`after`: the sort keys of the last item seen,
as `sort_keys` gives them), so that reading on costs no more than the page itself. A whole list is
read in pages of `WHOLE_LIST_PAGE`, each its own transaction, so that none runs long or holds
much in memory whatever the list's length (a write between two of them may show in the later).
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Any, Literal, LiteralString, TypeVar

from graph.db import Database
from queries.cypher import named_query
from queries.records import ClaimedTwiceRecord, PostGapRecord, ServiceGapRecord

GapList = Literal[
    "servicesWithoutAccountability",
    "postsWithoutHolder",
    "postsWithoutReportingLine",
    "servicesClaimedByTwoPortfolios",
]
GAP_LISTS: tuple[GapList, ...] = (
    "servicesWithoutAccountability",
    "postsWithoutHolder",
    "postsWithoutReportingLine",
    "servicesClaimedByTwoPortfolios",
)
# How many sort keys a position in each list has: name and id of the service or post; of a claim,
# the body's name and id, then the service's.
SORT_KEY_COUNT: dict[GapList, int] = {
    "servicesWithoutAccountability": 2,
    "postsWithoutHolder": 2,
    "postsWithoutReportingLine": 2,
    "servicesClaimedByTwoPortfolios": 4,
}
WHOLE_LIST_PAGE = 5_000
SortKeys = tuple[str, ...]
Gap = TypeVar("Gap", ServiceGapRecord, PostGapRecord, ClaimedTwiceRecord)
PageReader = Callable[[int, SortKeys | None], Awaitable[list[Gap]]]


def sort_keys(gap: ServiceGapRecord | PostGapRecord | ClaimedTwiceRecord) -> SortKeys:
    """The gap's position in its list's order: what `after` takes to start a page after it."""
    if isinstance(gap, ServiceGapRecord):
        return (gap.service.name, gap.service.id)
    if isinstance(gap, PostGapRecord):
        return (gap.post.name, gap.post.id)
    return (gap.body.name, gap.body.id, gap.service.name, gap.service.id)


async def _page_or_whole(
    read_page: PageReader[Gap], first: int | None, after: SortKeys | None
) -> list[Gap]:
    """The page asked for; without `first`, every gap after `after`, page by page."""
    if first is not None:
        return await read_page(first, after)
    found: list[Gap] = []
    while True:
        page = await read_page(WHOLE_LIST_PAGE, after)
        found += page
        if len(page) < WHOLE_LIST_PAGE:
            return found
        after = sort_keys(page[-1])


def _parameters(
    as_of: dt.date | None, first: int, after: SortKeys | None, with_evidence: bool
) -> dict[str, Any]:
    return {
        "asOf": as_of,
        "first": first,
        "after": list(after) if after is not None else None,
        "withEvidence": with_evidence,
    }


async def services_without_accountability(
    db: Database,
    body: str | None = None,
    as_of: dt.date | None = None,
    *,
    first: int | None = None,
    after: SortKeys | None = None,
    with_evidence: bool = True,
) -> list[ServiceGapRecord]:
    async def read_page(size: int, start: SortKeys | None) -> list[ServiceGapRecord]:
        records, _, _ = await db.read(
            named_query("gaps_services_without_accountability"),
            {"body": body, **_parameters(as_of, size, start, with_evidence)},
            kept=size < WHOLE_LIST_PAGE,
        )
        return [ServiceGapRecord.model_validate(record["gap"]) for record in records]

    return await _page_or_whole(read_page, first, after)


async def _post_gaps(
    db: Database,
    query: LiteralString,
    body: str | None,
    as_of: dt.date | None,
    first: int | None,
    after: SortKeys | None,
    with_evidence: bool,
) -> list[PostGapRecord]:
    """Everywhere, through the query's `_everywhere` form: it walks the posts in the order of the
    name index, reading no more of them than the page needs."""

    async def read_page(size: int, start: SortKeys | None) -> list[PostGapRecord]:
        parameters = _parameters(as_of, size, start, with_evidence)
        kept = size < WHOLE_LIST_PAGE
        if body is None:
            everywhere = named_query(f"{query}_everywhere")
            records, _, _ = await db.read(everywhere, parameters, kept=kept)
        else:
            records, _, _ = await db.read(
                named_query(query), {"body": body, **parameters}, kept=kept
            )
        return [PostGapRecord.model_validate(record["gap"]) for record in records]

    return await _page_or_whole(read_page, first, after)


async def posts_without_holder(
    db: Database,
    body: str | None = None,
    as_of: dt.date | None = None,
    *,
    first: int | None = None,
    after: SortKeys | None = None,
    with_evidence: bool = True,
) -> list[PostGapRecord]:
    return await _post_gaps(
        db, "gaps_posts_without_holder", body, as_of, first, after, with_evidence
    )


async def posts_without_reporting_line(
    db: Database,
    body: str | None = None,
    as_of: dt.date | None = None,
    *,
    first: int | None = None,
    after: SortKeys | None = None,
    with_evidence: bool = True,
) -> list[PostGapRecord]:
    return await _post_gaps(
        db, "gaps_posts_without_reporting_line", body, as_of, first, after, with_evidence
    )


async def services_claimed_twice(
    db: Database,
    body: str | None = None,
    as_of: dt.date | None = None,
    *,
    first: int | None = None,
    after: SortKeys | None = None,
    with_evidence: bool = True,
) -> list[ClaimedTwiceRecord]:
    async def read_page(size: int, start: SortKeys | None) -> list[ClaimedTwiceRecord]:
        records, _, _ = await db.read(
            named_query("gaps_services_claimed_twice"),
            {"body": body, **_parameters(as_of, size, start, with_evidence)},
            kept=size < WHOLE_LIST_PAGE,
        )
        return [ClaimedTwiceRecord.model_validate(record["gap"]) for record in records]

    return await _page_or_whole(read_page, first, after)


async def gap_counts(
    db: Database,
    body: str | None = None,
    as_of: dt.date | None = None,
    lists: tuple[GapList, ...] = GAP_LISTS,
) -> dict[GapList, int]:
    """How many items each of `lists` holds (the others are not counted): each list counted in a
    query of its own, the queries run at once (a count reads every post, every service...)."""

    async def count(name: GapList) -> int:
        records, _, _ = await db.read(
            named_query("gaps_counts"), {"body": body, "asOf": as_of, "lists": [name]}, kept=True
        )
        return int(records[0]["counts"][name])

    counted = await asyncio.gather(*(count(name) for name in lists))
    return dict(zip(lists, counted, strict=True))

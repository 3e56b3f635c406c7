"""Gaps: services nobody is accountable for, posts without holder or reporting line, services
claimed by two portfolios. Each list is its own field and its own query, whole or a page of it
(`first`, `after` an item's `cursor`), in a stable order; `counts` says how many each holds."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry

from api.context import Context
from api.graphql.common import EntityRef, Evidence, check_id, check_range, evidence_list, refs
from api.graphql.gap_cursors import decode_cursor, encode_cursor
from api.graphql.links import Link
from api.graphql.selection import selected_below, selects
from queries import gaps
from queries.gaps import GAP_LISTS, GapList, SortKeys
from queries.records import PostGapRecord

Info = strawberry.Info[Context, None]
MAX_PAGE = 200  # as the other paged lists of the API

First = Annotated[
    int | None,
    strawberry.argument(
        description=f"At most this many (1 to {MAX_PAGE}), in the list's order; the whole list "
        "when not given."
    ),
]
After = Annotated[
    str | None,
    strawberry.argument(description="Start after the item whose `cursor` this is."),
]


@strawberry.type
class GapItem:
    """An item of a list of gaps, which knows its place in the list."""

    position: strawberry.Private[tuple[GapList, SortKeys]]

    @strawberry.field(
        description="Where this item is in its list: pass it as `after` for the items that follow."
    )
    def cursor(self) -> str:
        return encode_cursor(*self.position)


@strawberry.type
class ServiceGap(GapItem):
    service: EntityRef
    links: list[Link] = strawberry.field(description="Where the service does appear.")


@strawberry.type
class PostGap(GapItem):
    post: EntityRef
    bodies: list[EntityRef]
    evidence: list[Evidence]


@strawberry.type
class ServiceClaimedTwice(GapItem):
    service: EntityRef
    body: EntityRef
    claims: list[Link]


@strawberry.type(description="How many items each list of gaps holds in all, counted only for "
                 "the lists selected here.")  # fmt: skip
class GapCounts:
    counted: strawberry.Private[dict[GapList, int]]

    @strawberry.field
    def services_without_accountability(self) -> int:
        return self.counted["servicesWithoutAccountability"]

    @strawberry.field
    def posts_without_holder(self) -> int:
        return self.counted["postsWithoutHolder"]

    @strawberry.field
    def posts_without_reporting_line(self) -> int:
        return self.counted["postsWithoutReportingLine"]

    @strawberry.field
    def services_claimed_by_two_portfolios(self) -> int:
        return self.counted["servicesClaimedByTwoPortfolios"]


def page(gap_list: GapList, first: int | None, after: str | None) -> SortKeys | None:
    """The position the page starts after, the arguments checked."""
    if first is not None:
        check_range("first", first, 1, MAX_PAGE)
    return decode_cursor("after", gap_list, after)


def post_gaps(gap_list: GapList, records: list[PostGapRecord]) -> list[PostGap]:
    return [
        PostGap(
            position=(gap_list, gaps.sort_keys(r)),
            post=EntityRef.from_record(r.post),
            bodies=refs(r.bodies),
            evidence=evidence_list(r.evidence),
        )
        for r in records
    ]


@strawberry.type
class Gaps:
    body: strawberry.ID | None
    as_of: dt.date | None

    @strawberry.field(
        description="Services some entity points at that no portfolio or post "
        "covers or answers for, directly or through a broader service; by name."
    )
    async def services_without_accountability(
        self, info: Info, first: First = None, after: After = None
    ) -> list[ServiceGap]:
        name: GapList = "servicesWithoutAccountability"
        found = await gaps.services_without_accountability(
            info.context.db,
            self.body,
            self.as_of,
            first=first,
            after=page(name, first, after),
            with_evidence=selected_below(info.selected_fields, "links", "evidence"),
        )
        return [
            ServiceGap(
                position=(name, gaps.sort_keys(r)),
                service=EntityRef.from_record(r.service),
                links=[Link.from_record(link) for link in r.links],
            )
            for r in found
        ]

    @strawberry.field(description="Posts nobody holds at the date; by name.")
    async def posts_without_holder(
        self, info: Info, first: First = None, after: After = None
    ) -> list[PostGap]:
        name: GapList = "postsWithoutHolder"
        found = await gaps.posts_without_holder(
            info.context.db,
            self.body,
            self.as_of,
            first=first,
            after=page(name, first, after),
            with_evidence=selected_below(info.selected_fields, "evidence"),
        )
        return post_gaps(name, found)

    @strawberry.field(description="Posts outside every reporting line; by name.")
    async def posts_without_reporting_line(
        self, info: Info, first: First = None, after: After = None
    ) -> list[PostGap]:
        name: GapList = "postsWithoutReportingLine"
        found = await gaps.posts_without_reporting_line(
            info.context.db,
            self.body,
            self.as_of,
            first=first,
            after=page(name, first, after),
            with_evidence=selected_below(info.selected_fields, "evidence"),
        )
        return post_gaps(name, found)

    @strawberry.field(
        description="Services two portfolios of one body both cover; by body, then service."
    )
    async def services_claimed_by_two_portfolios(
        self, info: Info, first: First = None, after: After = None
    ) -> list[ServiceClaimedTwice]:
        name: GapList = "servicesClaimedByTwoPortfolios"
        found = await gaps.services_claimed_twice(
            info.context.db,
            self.body,
            self.as_of,
            first=first,
            after=page(name, first, after),
            with_evidence=selected_below(info.selected_fields, "claims", "evidence"),
        )
        return [
            ServiceClaimedTwice(
                position=(name, gaps.sort_keys(r)),
                service=EntityRef.from_record(r.service),
                body=EntityRef.from_record(r.body),
                claims=[Link.from_record(link) for link in r.claims],
            )
            for r in found
        ]

    @strawberry.field(
        description="How many items each list holds in all, whatever page of it is asked: "
        "only the counts selected are computed, reading none of the gaps' details."
    )
    async def counts(self, info: Info) -> GapCounts:
        selections = [field.selections for field in info.selected_fields]
        wanted = tuple(
            name for name in GAP_LISTS if any(selects(selection, name) for selection in selections)
        )
        counted = await gaps.gap_counts(info.context.db, self.body, self.as_of, wanted)
        return GapCounts(counted=counted)


@strawberry.type
class GapQueries:
    @strawberry.field(description="Gaps in accountability, in one body or everywhere, at a date.")
    def gaps(self, body: strawberry.ID | None = None, as_of: dt.date | None = None) -> Gaps:
        return Gaps(body=strawberry.ID(check_id("body", str(body))) if body else None, as_of=as_of)

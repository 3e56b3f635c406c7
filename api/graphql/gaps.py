"""Gaps: services nobody is accountable for, posts without holder or reporting line, services
claimed by two portfolios. Each list is its own field and its own query."""

from __future__ import annotations

import datetime as dt

import strawberry

from api.context import Context
from api.graphql.common import EntityRef, Evidence, check_id, evidence_list, refs
from api.graphql.links import Link
from queries import gaps
from queries.records import PostGapRecord

Info = strawberry.Info[Context, None]


@strawberry.type
class ServiceGap:
    service: EntityRef
    links: list[Link] = strawberry.field(description="Where the service does appear.")


@strawberry.type
class PostGap:
    post: EntityRef
    bodies: list[EntityRef]
    evidence: list[Evidence]


@strawberry.type
class ServiceClaimedTwice:
    service: EntityRef
    body: EntityRef
    claims: list[Link]


def post_gaps(records: list[PostGapRecord]) -> list[PostGap]:
    return [
        PostGap(
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
        "covers or answers for, directly or through a broader service."
    )
    async def services_without_accountability(self, info: Info) -> list[ServiceGap]:
        found = await gaps.services_without_accountability(info.context.db, self.body, self.as_of)
        return [
            ServiceGap(
                service=EntityRef.from_record(r.service),
                links=[Link.from_record(link) for link in r.links],
            )
            for r in found
        ]

    @strawberry.field(description="Posts nobody holds at the date.")
    async def posts_without_holder(self, info: Info) -> list[PostGap]:
        return post_gaps(await gaps.posts_without_holder(info.context.db, self.body, self.as_of))

    @strawberry.field(description="Posts outside every reporting line.")
    async def posts_without_reporting_line(self, info: Info) -> list[PostGap]:
        found = await gaps.posts_without_reporting_line(info.context.db, self.body, self.as_of)
        return post_gaps(found)

    @strawberry.field(description="Services two portfolios of one body both cover.")
    async def services_claimed_by_two_portfolios(self, info: Info) -> list[ServiceClaimedTwice]:
        found = await gaps.services_claimed_twice(info.context.db, self.body, self.as_of)
        return [
            ServiceClaimedTwice(
                service=EntityRef.from_record(r.service),
                body=EntityRef.from_record(r.body),
                claims=[Link.from_record(link) for link in r.claims],
            )
            for r in found
        ]


@strawberry.type
class GapQueries:
    @strawberry.field(description="Gaps in accountability, in one body or everywhere, at a date.")
    def gaps(self, body: strawberry.ID | None = None, as_of: dt.date | None = None) -> Gaps:
        return Gaps(body=strawberry.ID(check_id("body", str(body))) if body else None, as_of=as_of)

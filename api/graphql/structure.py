"""A body's structure as of a date, what changed between two dates, and two bodies side by side."""

from __future__ import annotations

import datetime as dt
import re

import strawberry

from api.context import Context
from api.graphql.common import (
    BadArgumentError,
    EntityRef,
    Evidence,
    NotFoundError,
    check_dates,
    check_id,
    evidence_list,
    refs,
)
from api.graphql.links import Link
from api.graphql.structure_lines import Bridge, DottedLine, StructureQuestion
from queries.records import ProfileItem
from queries.structure import body_changes, body_profiles, body_structure, change_events

Info = strawberry.Info[Context, None]


@strawberry.type(description="A portfolio, post, committee... of the body, with its links.")
class StructureMember:
    entity: EntityRef
    links: list[Link]


@strawberry.type
class BodyStructure:
    body: EntityRef
    as_of: dt.date | None
    members: list[StructureMember] = strawberry.field(
        description="What belongs to the body, with its links (alternatives left out)."
    )
    dotted_lines: list[DottedLine] = strawberry.field(
        description="Pairs of its portfolios a document joins by a dotted line (CLOSELY_RELATED)."
    )
    bridges: list[Bridge] = strawberry.field(
        description="Services that could sit in one of its portfolios (COULD_SIT_IN), each an "
        "option of an open question."
    )
    open_questions: list[StructureQuestion] = strawberry.field(
        description="What its documents leave open about it or what belongs to it."
    )

    @strawberry.field
    def portfolios(self) -> list[StructureMember]:
        return [member for member in self.members if member.entity.type == "Portfolio"]

    @strawberry.field
    def posts(self) -> list[StructureMember]:
        return [member for member in self.members if member.entity.type == "Post"]


@strawberry.type(description="A fact in force at one date and not at the other.")
class FactChange:
    change: str = strawberry.field(description="'added' or 'removed'.")
    fact_kind: str = strawberry.field(description="'entity' or 'relation'.")
    id: strawberry.ID | None
    type: str
    label: str | None
    source: strawberry.ID | None
    target: strawberry.ID | None
    status: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    evidence: list[Evidence]


@strawberry.type(description="A restructure: what it ended or replaced, what it created.")
class ChangeEventView:
    event: EntityRef
    description: str | None
    ended: list[EntityRef]
    created: list[EntityRef]
    evidence: list[Evidence]


@strawberry.type
class BodyChanges:
    body: EntityRef
    start: dt.date
    end: dt.date
    added: list[FactChange]
    removed: list[FactChange]
    events: list[ChangeEventView]


@strawberry.type(
    description="An item both bodies have, with the evidence that each body has it (the "
    "relations putting it in the body: BELONGS_TO, ALIGNED_TO, COVERS)."
)
class SharedPair:
    left: EntityRef
    right: EntityRef
    matched_on: str = strawberry.field(
        description="'id' (the same entity) or 'name' (names or aliases agree)."
    )
    left_evidence: list[Evidence]
    right_evidence: list[Evidence]

    @strawberry.field(description="Both sides' evidence, the left's first, each passage once.")
    def evidence(self) -> list[Evidence]:
        passages: dict[tuple[str, str, str], Evidence] = {}
        for item in [*self.left_evidence, *self.right_evidence]:
            passages.setdefault((str(item.document_id), item.paragraph, item.quote), item)
        return list(passages.values())


@strawberry.type(description="Shared (same id, or same name once normalised) and separate items.")
class Overlap:
    shared: list[SharedPair]
    only_left: list[EntityRef]
    only_right: list[EntityRef]


@strawberry.type
class BodyComparison:
    left: EntityRef
    right: EntityRef
    as_of: dt.date | None
    shares_management: bool
    priorities: Overlap
    portfolios: Overlap
    posts: Overlap
    services: Overlap


def _key(name: str) -> str:
    words = re.findall(r"[a-z0-9]+", name.lower().replace("&", " and "))
    return " ".join(word for word in words if word not in {"the", "of", "for", "and"})


def overlap(left: list[ProfileItem], right: list[ProfileItem]) -> Overlap:
    """Items match when they are the same entity or their names (or aliases) agree."""
    right_by_key: dict[str, ProfileItem] = {}
    for item in right:
        for name in [item.name, *(item.aliases or [])]:
            right_by_key.setdefault(_key(name), item)
        right_by_key.setdefault(item.id, item)
    shared: list[SharedPair] = []
    matched: set[str] = set()
    only_left: list[ProfileItem] = []
    for item in left:
        keys = [item.id, *(_key(name) for name in [item.name, *(item.aliases or [])])]
        partner = next((right_by_key[k] for k in keys if k in right_by_key), None)
        if partner is None or partner.id in matched:
            only_left.append(item)
            continue
        matched.add(partner.id)
        shared.append(
            SharedPair(
                left=EntityRef.from_record(item),
                right=EntityRef.from_record(partner),
                matched_on="id" if partner.id == item.id else "name",
                left_evidence=evidence_list(item.evidence),
                right_evidence=evidence_list(partner.evidence),
            )
        )
    return Overlap(
        shared=shared,
        only_left=refs(only_left),
        only_right=refs([item for item in right if item.id not in matched]),
    )


@strawberry.type
class StructureQueries:
    @strawberry.field(
        description="A body's portfolios, posts, committees... and their links, as "
        "of a date (null: everything recorded)."
    )
    async def body_structure(
        self, info: Info, body: strawberry.ID, as_of: dt.date | None = None
    ) -> BodyStructure:
        record = await body_structure(info.context.db, check_id("body", str(body)), as_of)
        if record is None:
            raise NotFoundError("body", str(body))
        return BodyStructure(
            body=EntityRef.from_record(record.body),
            as_of=as_of,
            members=[
                StructureMember(
                    entity=EntityRef.from_record(member),
                    links=[Link.from_record(link) for link in member.links],
                )
                for member in record.members
            ],
            dotted_lines=[DottedLine.from_record(line) for line in record.dotted_lines],
            bridges=[Bridge.from_record(bridge) for bridge in record.bridges],
            open_questions=[StructureQuestion.from_record(q) for q in record.open_questions],
        )

    @strawberry.field(description="What changed in a body's structure between two dates.")
    async def body_changes(
        self, info: Info, body: strawberry.ID, start: dt.date, end: dt.date
    ) -> BodyChanges:
        body_id = check_id("body", str(body))
        check_dates("start", start, "end", end)
        found = await info.context.entities.load(body_id)
        if found is None or found.type != "Body":
            raise NotFoundError("body", body_id)
        changes = await body_changes(info.context.db, body_id, start, end)
        events = await change_events(info.context.db, body_id, start, end)
        facts = [
            FactChange(
                change=c.change, fact_kind=c.fact_kind,
                id=strawberry.ID(c.id) if c.id else None, type=c.type, label=c.label,
                source=strawberry.ID(c.source) if c.source else None,
                target=strawberry.ID(c.target) if c.target else None,
                status=c.status, valid_from=c.valid_from, valid_to=c.valid_to,
                evidence=evidence_list(c.evidence),
            )
            for c in changes
        ]  # fmt: skip
        return BodyChanges(
            body=EntityRef.from_record(found),
            start=start,
            end=end,
            added=[fact for fact in facts if fact.change == "added"],
            removed=[fact for fact in facts if fact.change == "removed"],
            events=[
                ChangeEventView(
                    event=EntityRef.from_record(e.event),
                    description=e.event.description,
                    ended=refs(e.ended),
                    created=refs(e.created),
                    evidence=evidence_list(e.evidence),
                )
                for e in events
            ],
        )

    @strawberry.field(
        description="Two bodies side by side: shared and separate priorities, "
        "portfolios, posts and services."
    )
    async def compare_bodies(
        self, info: Info, left: strawberry.ID, right: strawberry.ID, as_of: dt.date | None = None
    ) -> BodyComparison:
        left_id, right_id = check_id("left", str(left)), check_id("right", str(right))
        if left_id == right_id:
            raise BadArgumentError("right", "must differ from left.")
        profiles = {
            p.body.id: p for p in await body_profiles(info.context.db, [left_id, right_id], as_of)
        }
        for body_id in (left_id, right_id):
            if body_id not in profiles:
                raise NotFoundError("body", body_id)
        a, b = profiles[left_id], profiles[right_id]
        return BodyComparison(
            left=EntityRef.from_record(a.body),
            right=EntityRef.from_record(b.body),
            as_of=as_of,
            shares_management=bool(a.shares_management),
            priorities=overlap(a.priorities, b.priorities),
            portfolios=overlap(a.portfolios, b.portfolios),
            posts=overlap(a.posts, b.posts),
            services=overlap(a.services, b.services),
        )

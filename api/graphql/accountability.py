"""Who is accountable for a service in every body, and the chain up to each body's head."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Annotated

import strawberry
from strawberry.types.nodes import Selection

from api.context import ChainKey, Context
from api.graphql.common import (
    EntityRef,
    EntityRefs,
    Evidence,
    NotFoundError,
    check_id,
    evidence_list,
)
from api.graphql.identifiers import BodyIdentifiers, identifiers_of
from api.graphql.related_lines import RelatedLine
from api.graphql.selection import selected_below
from queries.accountability import LineParts, accountability_related, accountability_rows
from queries.records import ChainRecord, Row, as_date

Info = strawberry.Info[Context, None]
CHAIN_STARTS = frozenset({"Post", "Portfolio", "Person", "Service"})


@strawberry.type(description="One link of a chain of accountability, with its evidence.")
class ChainStep:
    relation_id: strawberry.ID | None
    type: str
    source: EntityRef
    target: EntityRef
    status: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    capacity: str | None
    evidence: list[Evidence]


@strawberry.type(description="From an entity, through the post it leads to, up to a head.")
class AccountabilityChain:
    start: EntityRef
    post: EntityRef = strawberry.field(description="The post where the reporting line begins.")
    head: EntityRef
    reaches_head: bool = strawberry.field(
        description="False when the line stops at a post that reports on (a cycle, or the "
        "depth limit)."
    )
    body: EntityRef | None
    steps: list[ChainStep]

    @strawberry.field(
        description="True when a step is one of several options a document leaves open."
    )
    def is_alternative(self) -> bool:
        return any(step.status == "alternative" for step in self.steps)

    @classmethod
    def from_record(cls, record: ChainRecord) -> AccountabilityChain:
        return cls(
            start=EntityRef.from_record(record.start),
            post=EntityRef.from_record(record.post),
            head=EntityRef.from_record(record.head),
            reaches_head=record.reaches_head,
            body=EntityRef.from_record(record.body) if record.body else None,
            steps=[
                ChainStep(
                    relation_id=strawberry.ID(step.id) if step.id else None,
                    type=step.type,
                    source=EntityRef.from_record(step.from_),
                    target=EntityRef.from_record(step.to),
                    status=step.status,
                    valid_from=step.valid_from,
                    valid_to=step.valid_to,
                    capacity=step.capacity,
                    evidence=evidence_list(step.evidence),
                )
                for step in record.steps
            ],
        )


# No code builds one: the accountability query's holder maps stand for it (see rows.py).
@strawberry.type(description="A post or person answering for the accountable entity.")
class AccountableHolder:
    post: EntityRef | None
    person: EntityRef | None
    capacity: str | None
    role: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    evidence: list[Evidence]


@strawberry.type(
    description="One way someone answers for a service: political (a portfolio, its holder), "
    "managerial (a post, its holder), statutory, partnership (a group, its members), scrutiny; "
    "or 'open question': a question a document leaves open about it."
)
class AccountabilityLine:
    kind: str
    is_alternative: bool = strawberry.field(
        description="True when a document leaves this open: one of several options."
    )
    open_question: EntityRef | None = strawberry.field(
        description="For an alternative: the question it is an option of."
    )
    open_question_text: str | None
    service: EntityRef = strawberry.field(description="The service named (maybe narrower).")
    wording: str | None = strawberry.field(description="The document's own words for it.")
    relation_id: strawberry.ID | None
    relation_type: str
    status: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    accountable: EntityRef
    holders: list[AccountableHolder]
    evidence: list[Evidence]
    as_of: strawberry.Private[dt.date | None]

    @strawberry.field(description="Up the reporting lines to the head of the body.")
    async def chain(self, info: Info) -> list[AccountabilityChain]:
        if self.accountable.type not in CHAIN_STARTS:
            return []
        records = await info.context.chains.load(ChainKey(str(self.accountable.id), self.as_of))
        return [AccountabilityChain.from_record(record) for record in records]

    @classmethod
    def from_row(cls, row: Row, as_of: dt.date | None, ref: EntityRefs) -> AccountabilityLine:
        """A line from the query's map, read directly (the query is ours: no validation)."""
        question = row.get("question")
        relation_id = row.get("relationId")
        status = row.get("status")
        return cls(
            kind=row["kind"],
            is_alternative=status == "alternative",
            open_question=ref(question) if question else None,
            open_question_text=(question.get("description") or question["name"])
            if question
            else None,
            service=ref(row["service"]),
            wording=row.get("wording"),
            relation_id=strawberry.ID(relation_id) if relation_id else None,
            relation_type=row["relationType"],
            status=status,
            valid_from=as_date(row.get("validFrom")),
            valid_to=as_date(row.get("validTo")),
            accountable=ref(row["accountable"]),
            holders=row.get("holders") or [],  # the query's maps, read by key (see rows.py)
            evidence=row.get("evidence") or [],
            as_of=as_of,
        )


@strawberry.type(description="Everything one body says about who answers for the service.")
class BodyAccountability:
    body: EntityRef | None = strawberry.field(
        description="Null for lines no body owns. Named by its official name."
    )
    identifiers: BodyIdentifiers | None = strawberry.field(
        default=None, description="The body's register code, GSS codes and jurisdiction."
    )
    lines: list[AccountabilityLine]
    related: list[RelatedLine] = strawberry.field(
        default_factory=list,
        description="Only with includeRelated, and not accountability: the body's priorities "
        "that address the service, or the body providing it.",
    )

    @strawberry.field
    def kinds(self) -> list[str]:
        return sorted({line.kind for line in self.lines})


@strawberry.type
class ServiceAccountability:
    service_id: strawberry.ID
    as_of: dt.date | None
    services_included: list[EntityRef] = strawberry.field(
        description="The narrower services of the vocabulary that lines were found for."
    )
    bodies: list[BodyAccountability]
    alternatives: list[AccountabilityLine] = strawberry.field(
        description="The lines that are options a document leaves open, in every body."
    )
    open_questions: list[EntityRef] = strawberry.field(
        description="What the documents leave open about it: where it sits, who answers for it."
    )
    related: list[RelatedLine] = strawberry.field(
        default_factory=list,
        description="Only with includeRelated, and not accountability: what addresses the "
        "service (ADDRESSES) and which bodies provide it (PROVIDES), in every body.",
    )

    @strawberry.field(description="The service asked about.")
    async def service(self, info: Info) -> EntityRef:
        record = await info.context.entities.load(str(self.service_id))
        if record is None:
            raise NotFoundError("service", str(self.service_id))
        return EntityRef.from_record(record)


def by_body(
    lines: list[AccountabilityLine], rows: list[Row], ref: EntityRefs, with_identifiers: bool = True
) -> list[BodyAccountability]:
    """Each line under every body it belongs to (a shared post answers in both); lines no body
    owns (a partnership group of several bodies) come last, under none. The bodies' identifiers
    are read only when asked for (a national answer has hundreds of bodies)."""
    grouped: dict[str, list[AccountabilityLine]] = defaultdict(list)
    bodies: dict[str, Row] = {}
    unowned: list[AccountabilityLine] = []
    for line, row in zip(lines, rows, strict=True):
        owners = row.get("bodies") or ()
        if not owners:
            unowned.append(line)
        for body in owners:
            bodies.setdefault(body["id"], body)
            grouped[body["id"]].append(line)
    named = {key: ref(body) for key, body in bodies.items()}
    result = [
        BodyAccountability(
            body=named[key],
            identifiers=identifiers_of(bodies[key]) if with_identifiers else None,
            lines=grouped[key],
        )
        for key in sorted(grouped, key=lambda key: named[key].name)
    ]
    if unowned:
        result.append(BodyAccountability(body=None, lines=unowned))
    return result


def with_related(
    bodies: list[BodyAccountability], related: list[RelatedLine]
) -> list[BodyAccountability]:
    """The related lines under each body they belong to, apart from its accountability lines;
    a body with related lines only comes with no accountability lines. Bodies stay in name order,
    the lines no body owns last."""
    by_id = {str(entry.body.id) if entry.body else None: entry for entry in bodies}
    for line in related:
        owners: list[EntityRef | None] = [*line.owners] or [None]
        for owner in owners:
            key = str(owner.id) if owner else None
            entry = by_id.get(key)
            if entry is None:
                entry = by_id[key] = BodyAccountability(body=owner, lines=[])
            entry.related.append(line)
    return sorted(
        by_id.values(),
        key=lambda entry: (entry.body is None, entry.body.name if entry.body else ""),
    )


def line_parts(selected: list[Selection]) -> LineParts:
    """What the request asks of the lines, under `bodies` or `alternatives`."""

    def asked(*path: str) -> bool:
        return selected_below(selected, "bodies", "lines", *path) or selected_below(
            selected, "alternatives", *path
        )

    return LineParts(
        holders=asked("holders"),
        holder_evidence=asked("holders", "evidence"),
        evidence=asked("evidence"),
        identifiers=selected_below(selected, "bodies", "identifiers"),
    )


@strawberry.type
class AccountabilityQueries:
    @strawberry.field(
        description="Who is accountable for a service (and its narrower services) in every body, "
        "as of a date: each line with its kind, holders, evidence and chain; alternatives marked."
    )
    async def accountability(
        self,
        info: Info,
        service: strawberry.ID,
        as_of: dt.date | None = None,
        include_related: Annotated[
            bool,
            strawberry.argument(
                description="Also what is related but is not accountability, in lists of its "
                "own (`related`): priorities addressing the service, bodies providing it."
            ),
        ] = False,
    ) -> ServiceAccountability:
        service_id = check_id("service", str(service))
        parts = line_parts(info.selected_fields)
        rows = await accountability_rows(info.context.db, service_id, as_of, parts)
        related = []
        if include_related:
            records = await accountability_related(info.context.db, service_id, as_of)
            related = [RelatedLine.from_record(record) for record in records]
        if not rows and not related:  # an unknown id, or a service nobody answers for
            found = await info.context.entities.load(service_id)
            if found is None or found.type != "Service":
                raise NotFoundError("service", service_id)
        ref = EntityRefs()
        lines = [AccountabilityLine.from_row(row, as_of, ref) for row in rows]
        included = {str(line.service.id): line.service for line in lines}
        bodies = by_body(lines, rows, ref, parts.identifiers)
        return ServiceAccountability(
            service_id=strawberry.ID(service_id),
            as_of=as_of,
            services_included=list(included.values()),
            bodies=with_related(bodies, related) if related else bodies,
            alternatives=[line for line in lines if line.is_alternative],
            open_questions=list(
                {str(q.id): q for line in lines if (q := line.open_question)}.values()
            ),
            related=related,
        )

    @strawberry.field(
        description="The chain of accountability from a post, portfolio, person or service up to "
        "the head of its body: one chain per post it leads to, each step with its evidence."
    )
    async def accountability_chain(
        self, info: Info, id: strawberry.ID, as_of: dt.date | None = None
    ) -> list[AccountabilityChain]:
        entity_id = check_id("id", str(id))
        records = await info.context.chains.load(ChainKey(entity_id, as_of))
        # Only an id with no chain needs the second look-up that tells unknown from chainless.
        if not records and await info.context.entities.load(entity_id) is None:
            raise NotFoundError("entity", entity_id)
        return [AccountabilityChain.from_record(record) for record in records]

"""Popolo memberships mapped to records: a tenure of a post (HOLDS), of an executive office named
by its role ("Leader", "Cabinet Member for Housing": the office's post, with its portfolio), or a
membership with its role (MEMBER_OF). The party a membership is on behalf of (`on_behalf_of_id`,
an embedded `on_behalf_of`, or a plain `party`) is a party body, and the member its member over
the same dates; "unknown" is no party, and an independent is marked `independent` instead. A
membership of a legislative period without its own dates takes the period's; one that
contradicts an earlier one is left out, unless it differs only in its party (a change of party
within a term, with no dates): then its membership of that party is kept, with a note.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from graph.model import Entity, EntityType, Relation, RelationType
from loaders.formats.common import PartialDate, RowRejected, local_id, quote_cells
from loaders.formats.popolo_fields import (
    Json,
    entity,
    partial_date,
    precision,
    relation,
    required,
    text,
)
from loaders.formats.roles import executive_post_id, executive_role
from loaders.parties import Affiliation

if TYPE_CHECKING:
    from loaders.formats.popolo_records import PopoloRecords

QUOTED = [
    "person_id", "organization_id", "post_id", "role", "start_date", "end_date",
    "on_behalf_of_id", "party", "area_id", "legislative_period_id",
]  # fmt: skip


def membership_records(
    records: PopoloRecords, membership: Json, where: str
) -> tuple[list[Entity], list[Relation]]:
    """The records of one membership; the last relation is the membership itself."""
    person_id = records.ref("persons", required(membership, "person_id"), "person_id")
    org_ref, post_ref = text(membership, "organization_id"), text(membership, "post_id")
    if org_ref is None and post_ref is None:
        raise RowRejected("organization_id", "a membership needs an organization or a post")
    if org_ref is not None and org_ref in records.no_party:
        wording = records.no_party[org_ref].wording or org_ref
        raise RowRejected("organization_id", f"{wording!r} is no party: nothing to be a member of")
    org_id = records.ref("organizations", org_ref, "organization_id") if org_ref else None
    start, end = membership_dates(records.periods, membership)
    role = text(membership, "role")
    quote = quote_cells(membership, QUOTED)
    properties, entities, party_id = _properties(records, membership, start, end, where, quote)
    office = executive_role(role) if role else None
    relations: list[Relation] = []
    if party_id is not None and party_id != org_id:
        # as a membership of the party itself would be: an export of it reads back the same
        party = relation(RelationType.MEMBER_OF, person_id, party_id, where, quote, start, end,
                         role="member", properties=precision(start, end))  # fmt: skip
        relations.append(party)
    if post_ref is None and (office is None or org_id is None):
        assert org_id is not None
        member = relation(RelationType.MEMBER_OF, person_id, org_id, where, quote, start, end,
                          role=role or "member", properties=properties)  # fmt: skip
        relations.append(member)
        return entities, relations
    if post_ref is not None:
        post_id = records.ref("posts", post_ref, "post_id")
    else:
        assert office is not None and org_id is not None
        post_id = executive_post_id(org_id.split(":", 1)[1], office.post_name)
        kind = {"post_kind": "executive"}
        entities.append(entity(post_id, EntityType.POST, office.post_name, where, membership, kind))
        relations.append(relation(RelationType.BELONGS_TO, post_id, org_id, where, quote))
        more_entities, more_relations = records.portfolio(office.post_name, post_id, org_id, where)
        entities += more_entities
        relations += more_relations
    holds = relation(RelationType.HOLDS, person_id, post_id, where, quote, start, end,
                     capacity=office.capacity if office else None,
                     properties={**properties, "membership_role": role})  # fmt: skip
    relations.append(holds)
    return entities, relations


def _properties(
    records: PopoloRecords,
    membership: Json,
    start: PartialDate | None,
    end: PartialDate | None,
    where: str,
    quote: str,
) -> tuple[dict[str, Any], list[Entity], str | None]:
    """The membership's properties, the party entity it names (if the file did not define it
    among its organizations), and the party's id."""
    properties: dict[str, Any] = {}
    entities: list[Entity] = []
    found: Affiliation | None = None
    party_id: str | None = None
    reference = text(membership, "on_behalf_of_id")
    if reference is not None and reference in records.no_party:
        found = records.no_party[reference]
    elif reference is not None:
        properties["on_behalf_of"] = records.ref("organizations", reference, "on_behalf_of_id")
        found = records.parties.get(reference)
    else:
        embedded = membership.get("on_behalf_of")
        named = embedded if isinstance(embedded, dict) else {"name": membership.get("party")}
        wording = text(named, "name")
        if wording is not None:
            party = records.orgs.party(wording, where, quote)
            found, properties["on_behalf_of"] = party.affiliation, party.body_id
            entities += [party.entity] if party.entity is not None else []
    if found is not None:
        party_id = found.party.id if found.party is not None else None
        properties["party"] = found.wording or None
        properties["independent"] = True if found.independent else None
    area = text(membership, "area_id")
    if area is not None:
        properties["area"] = records.ref("areas", area, "area_id")
    period = text(membership, "legislative_period_id")
    properties["legislative_period"] = local_id("change_event", period) if period else None
    properties.update(precision(start, end))
    return properties, entities, party_id


def membership_dates(
    periods: dict[str, Json], membership: Json
) -> tuple[PartialDate | None, PartialDate | None]:
    start, end = partial_date(membership, "start_date"), partial_date(membership, "end_date")
    period = periods.get(str(membership.get("legislative_period_id")))
    if period is not None:
        if start is None and isinstance(period.get("start_date"), str):
            start = partial_date(period, "start_date")
        if end is None and isinstance(period.get("end_date"), str):
            end = partial_date(period, "end_date")
    if start is not None and end is not None and end.end < start.start:
        raise RowRejected("end_date", f"ends ({end.text}) before it starts ({start.text})")
    return start, end

"""Accountability as council reports tabulate it.

The cover table's "Accountable member / officer / scrutiny committee" rows make the member's post
politically, the officer's post managerially and the committee scrutiny-accountable for what the
report proposes (a ChangeEvent named after the report, status proposed, dated by the meeting). A
risk register's "Risk Owner" and "Responsible officer" columns name posts (and often their holders)
managerially accountable for the service the risk concerns, when the risk names exactly one.
"""

from __future__ import annotations

import re

from graph.model import AccountabilityKind, EntityType, Passage, RelationType, Status
from loaders.documents.gazetteer import Gazetteer
from loaders.documents.people import split_person_post
from loaders.documents.statements import Context, add_holder, cells

ACCOUNTABLE_ROW = re.compile(r"^accountable (member|officer|scrutiny committee)s?$", re.I)
AUTHOR_ROW = re.compile(r"^(report author|author|lead officer)$", re.I)
ROW_KINDS = {
    "member": AccountabilityKind.POLITICAL,
    "officer": AccountabilityKind.MANAGERIAL,
    "scrutiny committee": AccountabilityKind.SCRUTINY,
}
RISK_COLUMNS = {"risk owner": "risk owner", "responsible officer": "responsible officer"}
RISK_REF_HEADERS = ("risk ref.", "risk ref", "ref", "ref.", "risk no.", "risk id")
RISK_TEXT_HEADERS = ("risk description", "risk", "description")


def cover_row(context: Context, passage: Passage) -> None:
    row = cells(passage)
    if len(row) < 2:
        return
    label, value = row[0].rstrip(":"), row[1]
    accountable = ACCOUNTABLE_ROW.match(label)
    if accountable is None:
        if AUTHOR_ROW.match(label):
            add_holder(context, split_person_post(value), passage, value, 0.9)
        return
    which = accountable.group(1).lower()
    if which == "scrutiny committee":
        holder_id = context.id_for(EntityType.COMMITTEE, value)
        context.facts.entity(
            EntityType.COMMITTEE, holder_id, value, passage, value, 0.9, committee_kind="scrutiny"
        )
        if context.body_id:
            context.facts.relation(
                RelationType.BELONGS_TO, holder_id, context.body_id, passage, value, 0.9
            )
    else:
        found_post = add_holder(context, split_person_post(value), passage, value, 0.9)
        if found_post is None:
            return
        holder_id = found_post
    decision = _decision(context)
    if decision is not None:
        context.facts.relation(
            RelationType.ACCOUNTABLE_FOR, holder_id, decision, passage, value, 0.85,
            kind=ROW_KINDS[which], role=f"accountable {which}",
            valid_from=context.metadata.date,
        )  # fmt: skip


def _decision(context: Context) -> str | None:
    """What the report proposes, as a ChangeEvent named after the report."""
    title = context.metadata.title
    passage = context.metadata.title_passage
    if not title or passage is None:
        return None
    decision_id = context.id_for(EntityType.CHANGE_EVENT, title)
    context.facts.entity(
        EntityType.CHANGE_EVENT, decision_id, title, passage, title, 0.7,
        decided_by=context.metadata.meeting,
    )  # fmt: skip
    entity = context.facts.entities[decision_id]
    if entity.status is not Status.PROPOSED:
        context.facts.entities[decision_id] = entity.model_copy(
            update={"status": Status.PROPOSED, "valid_from": context.metadata.date}
        )
    return decision_id


def risk_owners(context: Context, passages: list[Passage], gazetteer: Gazetteer) -> None:
    """Owners and responsible officers of the risks in a risk register table."""
    header: list[str] | None = None
    for passage in passages:
        row = cells(passage)
        if not row:
            header = None
            continue
        lowered = [cell.lower() for cell in row]
        if any(column in lowered for column in RISK_COLUMNS):
            header = lowered
            continue
        if header is None or len(row) < len(header) - 2:
            continue
        _risk_row(context, passage, dict(zip(header, row, strict=False)), gazetteer)


def _risk_row(
    context: Context, passage: Passage, row: dict[str, str], gazetteer: Gazetteer
) -> None:
    reference = next((row[h] for h in RISK_REF_HEADERS if row.get(h)), None)
    description = next((row[h] for h in RISK_TEXT_HEADERS if row.get(h)), "")
    found_services = {k.entity_id: k for k, _ in gazetteer.find(description, context.scope,
                                                                 context.document.id)
                      if k.entity_type is EntityType.SERVICE}  # fmt: skip
    for column, role in RISK_COLUMNS.items():
        owner = row.get(column)
        if not owner:
            continue
        post_id = add_holder(context, split_person_post(owner), passage, owner, 0.8)
        if post_id is None or len(found_services) != 1:
            continue
        (service,) = found_services.values()
        context.facts.entity(EntityType.SERVICE, service.entity_id, service.name, passage,
                             service.wording, 0.7)  # fmt: skip
        label = f"{role} ({reference})" if reference else role
        context.facts.relation(
            RelationType.ACCOUNTABLE_FOR, post_id, service.entity_id, passage, owner, 0.7,
            kind=AccountabilityKind.MANAGERIAL, role=label,
            properties={"risk_ref": reference} if reference else {},
        )  # fmt: skip

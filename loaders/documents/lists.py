"""Facts that council reports state as a paragraph introducing a list.

- "... a particularly close relationship with another portfolio:" followed by bullets such as
  "Enterprise and Learning, both with a strong interest in skills": the two portfolios are closely
  related (only when the bullet names exactly two).
- "Functional leadership will be provided by ... Heads of Service ... These functional groups will
  include:" followed by the groups: a Head of Service post per group, with the salary range the
  paragraph gives, covering the vocabulary's service of that name when there is one.
"""

from __future__ import annotations

import re

from graph.model import EntityType, Passage, PassageKind, RelationType
from loaders.documents.gazetteer import Gazetteer
from loaders.documents.statements import Context, add_post

CLOSE_RELATIONSHIP = re.compile(r"close(?:ly)? relat\w+ .*portfolio", re.I)
PAIR_END = re.compile(r",\s+(?:together|both|particularly|jointly)\b")
PORTFOLIO_NAME = re.compile(r"^[A-Z][\w-]*(?: [A-Z][\w-]*){0,3}$")
FUNCTIONAL_GROUPS = re.compile(r"functional groups? (?:will )?(?:include|are)", re.I)
HEADS_OF_SERVICE = re.compile(r"\bHeads? of Service\b")
SALARY = re.compile(r"£\s?(\d{2,3}(?:\s?[-–]\s?\d{2,3})?)\s?[Kk]\b")


def list_facts(context: Context, passages: list[Passage], gazetteer: Gazetteer) -> None:
    by_id = {passage.id: passage for passage in passages}
    for passage in passages:
        parent = by_id.get(passage.parent) if passage.parent else None
        if passage.kind is not PassageKind.BULLET or parent is None:
            continue
        if CLOSE_RELATIONSHIP.search(parent.text):
            _closely_related(context, passage)
        if FUNCTIONAL_GROUPS.search(parent.text) and HEADS_OF_SERVICE.search(parent.text):
            _head_of_service(context, passage, parent, gazetteer)


def _closely_related(context: Context, passage: Passage) -> None:
    end = PAIR_END.search(passage.text)
    if end is None:
        return
    names = re.split(r" and (?=[A-Z])", passage.text[: end.start()])
    if len(names) != 2 or not all(PORTFOLIO_NAME.match(name) for name in names):
        return
    ids = []
    for name in names:
        portfolio_id = context.id_for(EntityType.PORTFOLIO, name)
        context.facts.entity(EntityType.PORTFOLIO, portfolio_id, name, passage, passage.text, 0.75)
        ids.append(portfolio_id)
    context.facts.relation(
        RelationType.CLOSELY_RELATED, ids[0], ids[1], passage, passage.text, 0.75
    )


def _head_of_service(
    context: Context, passage: Passage, parent: Passage, gazetteer: Gazetteer
) -> None:
    group = passage.text.strip(" ;.")
    salary = SALARY.search(parent.text)
    band = "£" + re.sub(r"\s", "", salary.group(1)).replace("–", "-") + "K" if salary else None
    props = {"salary_band": band} if band else {}
    post_id = add_post(context, f"Head of Service, {group}", passage, group, 0.7, **props)
    service = gazetteer.service(group)
    if service is not None:
        context.facts.entity(
            EntityType.SERVICE, service.entity_id, service.name, passage, group, 0.7
        )
        context.facts.relation(
            RelationType.COVERS, post_id, service.entity_id, passage, group, 0.7, wording=group
        )

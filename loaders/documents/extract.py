"""The facts council reports state in common patterns, each extracted with its passage as evidence.

Patterns: the council in the header; cover-table rows (accountable member / officer / scrutiny
committee, report author); contact-officer and signature lines; risk owners in a risk table; posts
with salaries; portfolios named as such and services that "could sit" in one of several; bodies
defined with an acronym; mentions of known bodies, posts and services (the gazetteer); and the
bodies a passage names as the document body's partners, commissioners or providers (`partners`).
Confidence says how directly the pattern states the fact.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from graph.model import (
    Document,
    Entity,
    EntityType,
    Mention,
    Passage,
    PassageKind,
    Relation,
    RelationType,
    slug,
)
from loaders.documents.accountability import cover_row, risk_owners
from loaders.documents.facts import Facts
from loaders.documents.gazetteer import Gazetteer
from loaders.documents.lists import list_facts
from loaders.documents.merge import Merge, attach_to_known
from loaders.documents.metadata import Metadata
from loaders.documents.partners import partner_facts
from loaders.documents.people import (
    PersonPost,
    is_person_name,
    looks_like_post,
    split_person_post,
)
from loaders.documents.statements import Context, add_holder, add_post, cells

if TYPE_CHECKING:
    from loaders.body_resolution import KnownBodies

CONTACT = re.compile(r"\bcontact officer\s*:\s*(?P<who>[^|]+)", re.IGNORECASE)
SALARY = re.compile(r"£\s?(\d{2,3}(?:\s?[-–]\s?\d{2,3})?)\s?[Kk]\b")
SALARIED_POST = re.compile(
    r"(?:new senior post of|a single|post of the)\s+(?P<title>(?:Chief|Director|Head|Assistant)"
    r"(?: (?:of|for|and|[A-Z][a-z]+))+?)(?=,| will| for all| to | is\b|\.|$)"
)
PORTFOLIO = re.compile(
    r"\b(?:the |my )(?P<name>[A-Z][a-z]+(?:(?: and| &)? [A-Z][a-z-]+){0,3}) portfolio"
    r"(?: (?:on|of) the (?P<body>[A-Z][\w ]*?[A-Z]\w*))?\b"
)
COULD_SIT = re.compile(r"could (?:have )?s[ai]t in more than one portfolio", re.I)
BRIDGE = re.compile(
    r"^(?P<service>[A-Z][\w ,&-]*?)\s*\((?P<a>[A-Z][\w &-]*?) or (?P<b>[A-Z][\w &-]*?)\)$"
)
ACRONYM_BODY = re.compile(
    r"\b(?:the )?(?P<name>(?:[A-Z][a-z]+ ){1,5}(?:Combined Authority|Pension Fund|Council|"
    r"Commission|Trust|Partnership))\s+\((?P<acronym>[A-Z]{2,6})\)"
)
QUALIFIERS = frozenset({"Mayoral", "Shadow", "New", "Proposed", "Interim", "Our", "Local"})
POST_HEADERS = frozenset({"post", "post title", "job title", "role", "position"})
PAY_HEADERS = frozenset({"salary", "salary band", "salary range", "grade", "pay band"})
PARTNERSHIP = re.compile(r"Partnership$")
TEMPLATE_LABEL = re.compile(r"\bimplications\b(?: \(.*\))?$", re.IGNORECASE)


@dataclass
class Extracted:
    """What a document states, beside the records built from it."""

    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    mentioned: list[Entity] = field(default_factory=list)
    merges: list[Merge] = field(default_factory=list)


def extract_facts(
    document: Document,
    metadata: Metadata,
    passages: list[Passage],
    gazetteer: Gazetteer,
    bodies: KnownBodies | None = None,
) -> Extracted:
    """What the document states; with `bodies`, the bodies it names resolve to the register's."""
    facts = Facts()
    scope = _scope(document, metadata)
    resolver = bodies.resolver if bodies is not None else None
    context = Context(document, metadata, facts, gazetteer, scope, document.body, resolver)
    _council(context)
    _report_of(context, passages)
    by_id = {passage.id: passage for passage in passages}
    for index, passage in enumerate(passages):
        cover_row(context, passage)
        _contacts(context, passage)
        _signature(context, passages, index)
        _salaried_posts(context, passage, passages)
        _portfolios(context, passage)
        _bridges(context, passage, by_id, gazetteer)
        _acronym_bodies(context, passage)
    risk_owners(context, passages, gazetteer)
    _post_tables(context, passages)
    list_facts(context, passages, gazetteer)
    for passage in passages:
        _mentions(context, passage, gazetteer)
    partner_facts(context, passages)
    register: Mapping[str, Entity] = bodies.entities if bodies is not None else {}
    merges = attach_to_known(facts, gazetteer, scope, document.id, register)
    _mark_unresolved(context, register)
    return Extracted(
        entities=list(facts.entities.values()),
        relations=list(facts.relations.values()),
        mentions=list(facts.mentions.values()),
        mentioned=list(facts.mentioned.values()),
        merges=merges,
    )


def _mark_unresolved(context: Context, register: Mapping[str, Entity]) -> None:
    """A council the document names that neither the register nor the knowledge base knows."""
    council = context.facts.entities.get(context.body_id or "")
    if council is None or not register or council.id in register:
        return
    if council.id in context.gazetteer.entities:
        return
    context.facts.entities[council.id] = council.model_copy(
        update={"properties": {**council.properties, "resolution": "unresolved"}}
    )


def _scope(document: Document, metadata: Metadata) -> str:
    """The body slug that posts, committees and portfolios of the document are scoped to: the
    document's body (a curated document's, or the known council's), else the council the header
    names, else a placeholder of this document's own."""
    if document.body:
        return document.body.split(":")[1]
    if metadata.council:
        return slug(metadata.council)
    return f"unnamed-body-of-{document.id.split(':', 1)[1].rsplit('.', 1)[0]}"


def _council(context: Context) -> None:
    passage = context.metadata.council_passage
    if context.body_id and context.metadata.council and passage is not None:
        context.facts.entity(
            EntityType.BODY, context.body_id, context.metadata.council, passage,
            context.metadata.council, 0.9, kind=_body_kind(context.metadata.council),
        )  # fmt: skip


def _report_of(context: Context, passages: list[Passage]) -> None:
    """ "From: Leader Designate – Nick Clarke": the report's author and their post."""
    report_of = context.metadata.report_of
    if not report_of:
        return
    found = split_person_post(report_of)
    passage = next((p for p in passages if report_of in p.text), None)
    if found.person and passage is not None:
        add_holder(context, found, passage, report_of, 0.85)


def _body_kind(name: str) -> str | None:
    for kind in ("metropolitan borough", "borough", "county", "city", "district", "town", "parish"):
        if f" {kind} council" in f" {name.lower()}":
            return f"{kind} council"
    return "combined authority" if "combined authority" in name.lower() else None


def _contacts(context: Context, passage: Passage) -> None:
    for match in CONTACT.finditer(passage.text):
        who = match.group("who")
        add_holder(context, split_person_post(who), passage, match.group(0).strip(), 0.85)


def _signature(context: Context, passages: list[Passage], index: int) -> None:
    """A signature: a name alone, then the post ("Kim Ryley" / "Interim Chief Executive")."""
    passage = passages[index]
    if index + 1 >= len(passages) or passage.number != "footer":
        return
    following = passages[index + 1]
    if not is_person_name(passage.text) or following.kind is PassageKind.TABLE_ROW:
        return
    found = split_person_post(following.text)
    if found.post and found.person is None:
        signed = PersonPost(passage.text, found.post, found.capacity)
        add_holder(context, signed, following, following.text, 0.75)
        person_id = context.id_for(EntityType.PERSON, passage.text)
        context.facts.entity(
            EntityType.PERSON, person_id, passage.text, passage, passage.text, 0.75
        )


def _salaried_posts(context: Context, passage: Passage, passages: list[Passage]) -> None:
    """A post created with its salary, in the same paragraph or the paragraph that follows it."""
    salary = SALARY.search(passage.text)
    if salary is None:
        child = next(
            (p for p in passages if p.parent == passage.id and p.kind is PassageKind.PARAGRAPH),
            None,
        )
        salary = SALARY.search(child.text) if child is not None else None
    if salary is None:
        return
    for match in SALARIED_POST.finditer(passage.text):
        band = "£" + re.sub(r"\s", "", salary.group(1)).replace("–", "-") + "K"
        add_post(context, match.group("title"), passage, match.group(0), 0.8, salary_band=band)


def _portfolios(context: Context, passage: Passage) -> None:
    for match in PORTFOLIO.finditer(passage.text):
        name = match.group("name")
        if name.lower() in ("leader", "cabinet", "council"):
            continue
        owner = match.group("body")
        scope, owner_id = context.scope, context.body_id
        if owner:
            owner_id = _acronym_owner(context, owner)
            scope = owner_id.split(":", 1)[1] if owner_id else scope
        portfolio_id = context.id_for(EntityType.PORTFOLIO, name, scope)
        context.facts.entity(EntityType.PORTFOLIO, portfolio_id, name, passage, match.group(0), 0.8)
        if owner_id:
            context.facts.relation(
                RelationType.BELONGS_TO, portfolio_id, owner_id, passage, match.group(0), 0.8
            )


def _acronym_owner(context: Context, owner: str) -> str | None:
    for entity in context.facts.entities.values():
        if entity.type is EntityType.BODY and (owner == entity.name or owner in entity.aliases):
            return entity.id
    return None


def _bridges(
    context: Context, passage: Passage, by_id: dict[str, Passage], gazetteer: Gazetteer
) -> None:
    """ "Skills (Enterprise or Learning)" under "... could have sat in more than one portfolio"."""
    parent = by_id.get(passage.parent) if passage.parent else None
    if passage.kind is not PassageKind.BULLET or parent is None:
        return
    if not COULD_SIT.search(parent.text):
        return
    match = BRIDGE.match(passage.text.strip())
    if match is None:
        return
    service = match.group("service").strip()
    known = gazetteer.service(service)
    if known is None:
        return  # services are the vocabulary's; one it lacks is not invented here
    service_id = known.entity_id
    context.facts.entity(EntityType.SERVICE, service_id, known.name, passage, service, 0.8)
    for option in (match.group("a"), match.group("b")):
        portfolio_id = context.id_for(EntityType.PORTFOLIO, option.strip())
        context.facts.entity(
            EntityType.PORTFOLIO, portfolio_id, option.strip(), passage, passage.text, 0.8
        )
        context.facts.relation(
            RelationType.COULD_SIT_IN, service_id, portfolio_id, passage, passage.text, 0.8
        )


def _acronym_bodies(context: Context, passage: Passage) -> None:
    for match in ACRONYM_BODY.finditer(passage.text):
        name, acronym = match.group("name").strip(), match.group("acronym")
        first, _, rest = name.partition(" ")
        if first in QUALIFIERS:
            name = rest
        if PARTNERSHIP.search(name):
            entity_type, entity_id = (
                EntityType.PARTNERSHIP_GROUP, context.id_for(EntityType.PARTNERSHIP_GROUP, name)
            )  # fmt: skip
        else:
            entity_type, entity_id = EntityType.BODY, context.id_for(EntityType.BODY, name)
        context.facts.entity(entity_type, entity_id, name, passage, match.group(0), 0.85)
        known = context.facts.entities[entity_id]
        if acronym not in known.aliases:
            context.facts.entities[entity_id] = known.model_copy(
                update={"aliases": [*known.aliases, acronym]}
            )


def _post_tables(context: Context, passages: list[Passage]) -> None:
    """A table of posts with their salary bands: "Post | Salary band | ..." and its rows."""
    columns: tuple[int, int] | None = None
    for passage in passages:
        row = cells(passage)
        if not row:
            columns = None
            continue
        lowered = [cell.lower() for cell in row]
        post_column = next((i for i, c in enumerate(lowered) if c in POST_HEADERS), None)
        pay_column = next((i for i, c in enumerate(lowered) if c in PAY_HEADERS), None)
        if post_column is not None and pay_column is not None:
            columns = (post_column, pay_column)
            continue
        if columns is not None and max(columns) < len(row):
            title, pay = row[columns[0]], row[columns[1]]
            if looks_like_post(title) and SALARY.search(pay):
                add_post(context, title, passage, passage.text, 0.85, salary_band=pay)


def _mentions(context: Context, passage: Passage, gazetteer: Gazetteer) -> None:
    text = passage.text
    label, _, value = text.partition(" | ")
    if passage.kind is PassageKind.TABLE_ROW and TEMPLATE_LABEL.search(label):
        text = value  # "HR implications (including ...) | None": the form's words, not the report's
    for known, wording in gazetteer.find(text, context.scope, context.document.id):
        confidence = 0.9 if " " in wording else 0.7
        context.facts.mention(
            passage, known.entity_type, known.entity_id, known.name, wording, confidence
        )

"""What the extraction patterns share: the document being read, and how a post or a holder of a
post becomes records (entity, body membership, tenure) with the evidence of one passage."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph.model import Capacity, Document, EntityType, Passage, PassageKind, RelationType, slug
from loaders.documents.facts import Facts
from loaders.documents.gazetteer import SCOPED_TYPES, Gazetteer
from loaders.documents.metadata import Metadata
from loaders.documents.people import PersonPost
from loaders.formats.roles import executive_role

if TYPE_CHECKING:
    from loaders.resolve import Resolver


@dataclass
class Context:
    document: Document
    metadata: Metadata
    facts: Facts
    gazetteer: Gazetteer
    scope: str  # the body's slug, or a stand-in for a body the document does not name
    body_id: str | None
    resolver: Resolver | None = None  # the register's, for the bodies a document names

    def id_for(self, entity_type: EntityType, name: str, scope: str | None = None) -> str:
        """The known entity's id when the knowledge base has one by this name (a body: the
        register's first), else a new one in the curated files' style (`post:<body>:<name>`,
        `person:<name>`)."""
        scope = scope or self.scope
        if entity_type is EntityType.BODY and self.resolver is not None:
            found = self.resolver.resolve(name=name, on=self.metadata.date)
            if found.body_id is not None:
                return found.body_id
        prefix = re.sub(r"(?<!^)(?=[A-Z])", "_", entity_type.value).lower()
        if entity_type in SCOPED_TYPES or entity_type is EntityType.CHANGE_EVENT:
            own = f"{prefix}:{scope}:{slug(name)}"
        else:
            own = f"{prefix}:{slug(name)}"
        known = self.gazetteer.resolve(entity_type, name, scope, self.document.id)
        if known is None or known == own:
            return own
        if self.gazetteer.overrides.forbids(own, known):
            return own
        if entity_type in SCOPED_TYPES or entity_type is EntityType.BODY:
            self.facts.merged.setdefault(known, own)  # a known name of this body: a merge
        return known


def cells(passage: Passage) -> list[str]:
    return passage.text.split(" | ") if passage.kind is PassageKind.TABLE_ROW else []


def add_post(
    context: Context, title: str, passage: Passage, quote: str, confidence: float, **props: str
) -> str:
    post_id = context.id_for(EntityType.POST, title)
    context.facts.entity(EntityType.POST, post_id, title, passage, quote, confidence, **props)
    if context.body_id:
        context.facts.relation(
            RelationType.BELONGS_TO, post_id, context.body_id, passage, quote, confidence
        )
    # "Cabinet Member for Culture and Leisure" holds the Culture and Leisure portfolio: the same
    # reading of an executive role as the open formats'.
    office = executive_role(title)
    if office is not None and office.portfolio is not None:
        name = office.portfolio
        portfolio_id = context.id_for(EntityType.PORTFOLIO, name)
        context.facts.entity(EntityType.PORTFOLIO, portfolio_id, name, passage, quote, confidence)
        context.facts.relation(
            RelationType.HOLDS_PORTFOLIO, post_id, portfolio_id, passage, quote, confidence
        )
        if context.body_id:
            context.facts.relation(
                RelationType.BELONGS_TO, portfolio_id, context.body_id, passage, quote, confidence
            )
    return post_id


def add_holder(
    context: Context, found: PersonPost, passage: Passage, quote: str, confidence: float
) -> str | None:
    """A person, the post they hold, and the tenure between them, as far as the phrase says.
    Returns the post's id when there is a post."""
    person_id = None
    if found.person:
        person_id = context.id_for(EntityType.PERSON, found.person)
        context.facts.entity(EntityType.PERSON, person_id, found.person, passage, quote, confidence)
    if not found.post:
        return None
    post_id = add_post(context, found.post, passage, quote, confidence)
    if person_id:
        context.facts.relation(
            RelationType.HOLDS, person_id, post_id, passage, quote, confidence,
            capacity=found.capacity or Capacity.SUBSTANTIVE,
        )  # fmt: skip
    return post_id

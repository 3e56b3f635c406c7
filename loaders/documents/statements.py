"""What the extraction patterns share: the document being read, and how a post or a holder of a
post becomes records (entity, body membership, tenure) with the evidence of one passage."""

from __future__ import annotations

from dataclasses import dataclass

from graph.model import Capacity, Document, EntityType, Passage, PassageKind, RelationType, slug
from loaders.documents.facts import Facts, scoped_id
from loaders.documents.metadata import Metadata
from loaders.documents.people import PersonPost


@dataclass
class Context:
    document: Document
    metadata: Metadata
    facts: Facts
    scope: str  # the body's slug, or a stand-in for a body the document does not name
    body_id: str | None


def cells(passage: Passage) -> list[str]:
    return passage.text.split(" | ") if passage.kind is PassageKind.TABLE_ROW else []


def add_post(
    context: Context, title: str, passage: Passage, quote: str, confidence: float, **props: str
) -> str:
    post_id = scoped_id("post", context.scope, title)
    context.facts.entity(EntityType.POST, post_id, title, passage, quote, confidence, **props)
    if context.body_id:
        context.facts.relation(
            RelationType.BELONGS_TO, post_id, context.body_id, passage, quote, confidence
        )
    return post_id


def add_holder(
    context: Context, found: PersonPost, passage: Passage, quote: str, confidence: float
) -> str | None:
    """A person, the post they hold, and the tenure between them, as far as the phrase says.
    Returns the post's id when there is a post."""
    person_id = None
    if found.person:
        person_id = f"person:{slug(found.person)}"
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

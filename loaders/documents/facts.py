"""Collects extracted facts: one record per id, with the evidence of every passage stating it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.model import (
    Entity,
    EntityType,
    Evidence,
    Mention,
    Passage,
    Relation,
    RelationType,
    slug,
)

QUOTE_LIMIT = 300


def evidence_from(passage: Passage, quote: str | None, confidence: float) -> Evidence:
    """Evidence citing a passage by its label, quoting the words that state the fact."""
    words = quote if quote and quote in passage.text else passage.text
    if len(words) > QUOTE_LIMIT:
        words = words[: QUOTE_LIMIT - 1].rsplit(" ", 1)[0] + "…"
    return Evidence(
        document=passage.document,
        paragraph=passage.number or f"passage {passage.order}",
        quote=words,
        confidence=confidence,
    )


@dataclass
class Facts:
    entities: dict[str, Entity] = field(default_factory=dict)
    relations: dict[str, Relation] = field(default_factory=dict)
    mentions: dict[str, Mention] = field(default_factory=dict)
    mentioned: dict[str, Entity] = field(default_factory=dict)  # known entities a passage names
    merged: dict[str, str] = field(default_factory=dict)  # known id -> the id it would have had

    def entity(
        self, entity_type: EntityType, entity_id: str, name: str, passage: Passage,
        quote: str | None, confidence: float, **properties: Any,
    ) -> str:  # fmt: skip
        evidence = evidence_from(passage, quote, confidence)
        known = self.entities.get(entity_id)
        if known is None:
            self.entities[entity_id] = Entity(
                id=entity_id, type=entity_type, name=name,
                properties={k: v for k, v in properties.items() if v is not None},
                evidence=[evidence],
            )  # fmt: skip
        elif evidence not in known.evidence:
            self.entities[entity_id] = known.model_copy(
                update={"evidence": [*known.evidence, evidence]}
            )
        return entity_id

    def relation(
        self, relation_type: RelationType, source: str, target: str, passage: Passage,
        quote: str | None, confidence: float, **fields: Any,
    ) -> None:  # fmt: skip
        evidence = evidence_from(passage, quote, confidence)
        relation = Relation.model_validate(
            {"type": relation_type, "from": source, "to": target, "evidence": [evidence], **fields}
        )
        known = self.relations.get(relation.id)
        if known is None:
            self.relations[relation.id] = relation
        elif evidence not in known.evidence:
            self.relations[relation.id] = known.model_copy(
                update={"evidence": [*known.evidence, evidence]}
            )

    def mention(
        self, passage: Passage, entity_type: EntityType, entity_id: str, name: str,
        wording: str, confidence: float,
    ) -> None:  # fmt: skip
        """The passage names a known entity. The entity is restated (never overwriting a curated
        one) so that the mention can land even where the knowledge base is not loaded yet."""
        key = f"{passage.id}|{entity_id}"
        if key not in self.mentions:
            self.mentions[key] = Mention(
                passage=passage.id, entity=entity_id, wording=wording, confidence=confidence
            )
        if entity_id in self.entities:
            return
        evidence = evidence_from(passage, wording, confidence)
        known = self.mentioned.get(entity_id)
        if known is None:
            self.mentioned[entity_id] = Entity(
                id=entity_id, type=entity_type, name=name, evidence=[evidence]
            )
        elif evidence not in known.evidence:
            self.mentioned[entity_id] = known.model_copy(
                update={"evidence": [*known.evidence, evidence]}
            )


def scoped_id(prefix: str, scope: str, name: str) -> str:
    return f"{prefix}:{scope}:{slug(name)}"

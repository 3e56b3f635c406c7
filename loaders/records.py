"""How a record is named in messages: `entities[3] id=body:x`, `relations[0] HOLDS a -> b`."""

from __future__ import annotations

from graph.model import Entity, Mention, Passage, Relation


def entity_label(index: int, entity: Entity) -> str:
    return f"entities[{index}] id={entity.id}"


def relation_label(index: int, relation: Relation) -> str:
    return f"relations[{index}] {relation.type} {relation.source} -> {relation.target}"


def passage_label(index: int, passage: Passage) -> str:
    return f"passages[{index}] id={passage.id}"


def mention_label(index: int, mention: Mention) -> str:
    return f"mentions[{index}] {mention.passage} -> {mention.entity}"

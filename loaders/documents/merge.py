"""Extracted facts that restate known ones attach to them, as more evidence, not as a second entity.

Rules, within the body of the document being read (its curated document's body, or its council):
- a post, committee, portfolio, partnership group or body named by a known name or alias of that
  body takes the known id as it is read (`Context.id_for`);
- a post, committee, portfolio, partnership group or change event is the known one of the same
  type whose name or alias agrees once normalised (`title_key`: the body a curated name adds,
  case, "&", punctuation, "the" and "of" aside), the document's own entities first, then its
  body's; where two known entities answer, nothing is merged;
- a body is the register's when the resolver names it (then written as the register states it),
  else the known one of that body by normalised name;
- a relation is the known one with the same type, ends and kind (and risk reference, when both
  give one), when exactly one answers: it takes that relation's role and dates, so both sources
  are evidence of one relation.
A restated entity or relation takes the known one's status (the document's wording stays its
name): a document that only proposes a post never makes it current. Each merged entity says
which rule merged it and the id the document alone would have given it (`merge_rule`,
`merged_from`); the evidence says which sources state it. A pair listed in the knowledge
base's override file is never merged.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from graph.model import Entity, EntityType, Mention, Relation, with_more_evidence
from loaders.documents.facts import Facts
from loaders.documents.gazetteer import MERGED_TYPES, Gazetteer

RULES = {
    EntityType.POST: "same body, same normalised title",
    EntityType.BODY: "same body, same normalised name",
    EntityType.CHANGE_EVENT: "same body, same normalised name",
}
DEFAULT_RULE = "same body, same normalised name"
NAME_RULE = "same body, same name or alias"


@dataclass(frozen=True)
class Merge:
    extracted_id: str
    known_id: str
    rule: str


def attach_to_known(
    facts: Facts,
    gazetteer: Gazetteer,
    scope: str,
    document_id: str,
    register: Mapping[str, Entity],
) -> list[Merge]:
    """Rewrites `facts` so that what restates a known entity or relation is that one; returns
    the merges made (beyond ids that were the known ones already)."""
    merges = _entity_merges(facts, gazetteer, scope, document_id)
    named = [
        Merge(own, known, NAME_RULE)
        for known, own in facts.merged.items()
        if known in facts.entities and own not in facts.entities
    ]
    id_map = {merge.extracted_id: merge.known_id for merge in merges}
    merges += named
    rules = {merge.known_id: merge for merge in merges}
    entities: dict[str, Entity] = {}
    for entity in facts.entities.values():
        merged = _restated(entity, id_map.get(entity.id, entity.id), gazetteer, register)
        if merged.id in rules:
            merge = rules[merged.id]
            merged = merged.model_copy(
                update={"properties": {**merged.properties, "merge_rule": merge.rule,
                                       "merged_from": merge.extracted_id}}
            )  # fmt: skip
        known_entity = entities.get(merged.id)
        entities[merged.id] = (
            merged if known_entity is None else with_more_evidence(known_entity, merged.evidence)
        )
    facts.entities = entities
    relations: dict[str, Relation] = {}
    for relation in facts.relations.values():
        moved = relation.model_copy(
            update={"source": id_map.get(relation.source, relation.source),
                    "target": id_map.get(relation.target, relation.target)}
        )  # fmt: skip
        moved = _as_known_relation(moved, gazetteer)
        known = relations.get(moved.id)
        relations[moved.id] = moved if known is None else with_more_evidence(known, moved.evidence)
    facts.relations = relations
    mentions: dict[str, Mention] = {}
    for mention in facts.mentions.values():
        moved_mention = mention.model_copy(
            update={"entity": id_map.get(mention.entity, mention.entity)}
        )
        mentions.setdefault(f"{moved_mention.passage}|{moved_mention.entity}", moved_mention)
    facts.mentions = mentions
    facts.mentioned = {
        entity_id: _restated(entity, entity_id, gazetteer, register)
        for entity_id, entity in facts.mentioned.items()
        if entity_id not in entities
    }
    return merges


def _entity_merges(facts: Facts, gazetteer: Gazetteer, scope: str, document_id: str) -> list[Merge]:
    merges = []
    for entity in facts.entities.values():
        if entity.id in gazetteer.entities or entity.type not in MERGED_TYPES:
            continue
        known = gazetteer.same_as(entity.type, entity.name, scope, document_id)
        if known is None or known.entity_id == entity.id:
            continue
        if gazetteer.overrides.forbids(entity.id, known.entity_id):
            continue
        merges.append(Merge(entity.id, known.entity_id, RULES.get(entity.type, DEFAULT_RULE)))
    return merges


def _restated(
    entity: Entity, entity_id: str, gazetteer: Gazetteer, register: Mapping[str, Entity]
) -> Entity:
    """The entity under `entity_id`: a register body as the register states it; a known entity
    with the known one's status, and the document's wording, evidence and properties."""
    known = gazetteer.entities.get(entity_id)
    if known is None and entity_id in register:
        return register[entity_id].model_copy(update={"evidence": entity.evidence})
    if known is None:
        return entity
    return entity.model_copy(update={"id": entity_id, "status": known.status})


def _as_known_relation(relation: Relation, gazetteer: Gazetteer) -> Relation:
    candidates = [
        known
        for known in gazetteer.relations
        if known.type is relation.type
        and known.source == relation.source
        and known.target == relation.target
        and known.kind == relation.kind
        and _same_risk(known, relation)
    ]
    same = [known for known in candidates if known.id == relation.id]
    if len(same) == 1 or len(candidates) == 1:
        known = (same or candidates)[0]
        return relation.model_copy(
            update={"role": known.role, "valid_from": known.valid_from,
                    "valid_to": known.valid_to, "status": known.status}
        )  # fmt: skip
    return relation


def _same_risk(known: Relation, relation: Relation) -> bool:
    mine, theirs = relation.properties.get("risk_ref"), known.properties.get("risk_ref")
    return mine is None or theirs is None or mine == theirs

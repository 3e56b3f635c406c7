"""Turns one source's records into the parameter rows the writer's Cypher takes.

Each row carries the full property map its source states (`props`) and a content hash of it
(`hash`), so the writer can tell created, updated and unchanged apart by comparing hashes; an
entity's or relation's row also names the source that states it (`by`, its source key), for the
element keeps what each of its sources states (`statements.py`).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from graph.model import (
    SYMMETRIC_RELATIONS,
    Document,
    Entity,
    EntityType,
    Origin,
    Relation,
    RelationType,
    SourceRecords,
    evidence_id,
)

Row = dict[str, Any]
ALIAS_SEPARATOR = " | "


def source_key(origin: Origin, source_file: str) -> str:
    """Who states a piece of evidence: `<origin>|<file>`; the prefix is the origin."""
    return f"{origin.value}|{source_file}"


def content_hash(props: dict[str, Any]) -> str:
    text = json.dumps(props, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha1(text.encode()).hexdigest()[:20]


def _with_hash(props: dict[str, Any]) -> dict[str, Any]:
    present = {key: value for key, value in props.items() if value is not None}
    present["hash"] = content_hash(present)
    return present


def canonical(relation: Relation) -> Relation:
    """Symmetric relations are stored once: from the smaller id to the larger."""
    if relation.type in SYMMETRIC_RELATIONS and relation.target < relation.source:
        return relation.model_copy(update={"source": relation.target, "target": relation.source})
    return relation


@dataclass
class SourcePlan:
    """Everything one source writes, as rows grouped the way the Cypher needs them."""

    key: str
    origin: Origin
    source_file: str
    document_id: str
    document: Row
    entities: dict[EntityType, list[Row]] = field(default_factory=lambda: defaultdict(list))
    relations: dict[RelationType, list[Row]] = field(default_factory=lambda: defaultdict(list))
    evidence: list[Row] = field(default_factory=list)
    passages: list[Row] = field(default_factory=list)
    # What it needs from sources written after it (see `order.write_order`), without evidence.
    borrowed_documents: list[Row] = field(default_factory=list)
    borrowed_entities: dict[EntityType, list[Row]] = field(
        default_factory=lambda: defaultdict(list)
    )
    mentions: list[Row] = field(default_factory=list)

    @property
    def evidence_ids(self) -> list[str]:
        return [row["id"] for row in self.evidence]

    @property
    def passage_ids(self) -> list[str]:
        return [row["id"] for row in self.passages]

    @property
    def mention_keys(self) -> list[str]:
        return [row["key"] for row in self.mentions]

    @property
    def item_count(self) -> int:
        """What the writer reports to `progress` once the source has landed."""
        facts = sum(map(len, self.entities.values())) + sum(map(len, self.relations.values()))
        return 1 + facts + len(self.evidence) + len(self.passages) + len(self.mentions)


def item_count(source: SourceRecords) -> int:
    """The `item_count` of the source's plan, known without planning it (a progress bar's length
    is known before the first source is planned): its document, facts, distinct evidence,
    passages and distinct mentions."""
    facts: list[Entity | Relation] = [*source.entities, *source.relations]
    evidence = {
        (fact.id, ev.document or source.document.id, ev.paragraph, ev.quote)
        for fact in facts
        for ev in fact.evidence
    }
    mentions = {(mention.passage, mention.entity) for mention in source.mentions}
    return 1 + len(facts) + len(evidence) + len(source.passages) + len(mentions)


def plan_source(source: SourceRecords) -> SourcePlan:
    plan = SourcePlan(
        key=source_key(source.origin, source.source_file),
        origin=source.origin,
        source_file=source.source_file,
        document_id=source.document.id,
        document=document_row(source.document, source.origin, source.source_file),
    )
    evidence: dict[str, Row] = {}
    for entity in source.entities:
        plan.entities[entity.type].append(entity_row(entity, source.origin, plan.key))
        _add_evidence(evidence, entity.id, entity.type.value, entity, source)
    for stated in source.relations:
        relation = canonical(stated)
        plan.relations[relation.type].append(_relation_row(relation, source.origin, plan.key))
        _add_evidence(evidence, relation.id, relation.type.value, relation, source)
    plan.evidence = list(evidence.values())
    plan.passages = [
        {
            "id": passage.id,
            "document": passage.document,
            "parent": passage.parent,
            "props": _with_hash(
                {
                    "id": passage.id,
                    "document": passage.document,
                    "number": passage.number,
                    "order": passage.order,
                    "kind": passage.kind.value,
                    "text": passage.text,
                    "originalText": passage.original_text,
                    "parent": passage.parent,
                    "source": plan.key,
                }
            ),
        }
        for passage in source.passages
    ]
    mentions: dict[str, Row] = {}
    for mention in source.mentions:
        key = f"{mention.passage}|{mention.entity}"
        mentions.setdefault(
            key,
            {
                "key": key,
                "passage": mention.passage,
                "entity": mention.entity,
                "props": _with_hash({"wording": mention.wording, "confidence": mention.confidence}),
            },
        )
    plan.mentions = list(mentions.values())
    return plan


def document_row(document: Document, origin: Origin, source_file: str) -> Row:
    props = _with_hash(
        {
            "id": document.id,
            "name": document.title,
            "title": document.title,
            "body": document.body,
            "date": document.date,
            "author": document.author,
            "kind": document.kind,
            "sourceFile": document.source_file or source_file,
            "url": document.url,
            "meeting": document.meeting,
            "reportOf": document.report_of,
            "checksum": document.checksum,
            "origin": origin.value,
        }
    )
    curated = origin is Origin.CURATED
    return {"id": document.id, "hash": props["hash"], "curated": curated, "props": props}


def entity_row(entity: Entity, origin: Origin, by: str) -> Row:
    """The entity as the source `by` (its source key) states it."""
    props = _with_hash(
        {
            **entity.properties,
            "id": entity.id,
            "type": entity.type.value,
            "name": entity.name,
            "nameLower": entity.name.lower(),  # graph/stored.py: the entity page's name index
            "aliases": list(entity.aliases),
            "aliasText": ALIAS_SEPARATOR.join(entity.aliases) or None,
            "description": entity.description,
            "status": entity.status.value,
            "validFrom": entity.valid_from,
            "validTo": entity.valid_to,
            "origin": origin.value,
        }
    )
    return {"id": entity.id, "hash": props["hash"], "by": by, "props": props}


def _relation_row(relation: Relation, origin: Origin, by: str) -> Row:
    props = _with_hash(
        {
            **relation.properties,
            "id": relation.id,
            "status": relation.status.value,
            "validFrom": relation.valid_from,
            "validTo": relation.valid_to,
            "kind": relation.kind.value if relation.kind else None,
            "capacity": relation.capacity.value if relation.capacity else None,
            "role": relation.role,
            "wording": relation.wording,
            "alternativeOf": relation.alternative_of,
            "origin": origin.value,
        }
    )
    return {
        "id": relation.id,
        "source": relation.source,
        "target": relation.target,
        "hash": props["hash"],
        "by": by,
        "props": props,
    }


def _add_evidence(
    rows: dict[str, Row], fact_id: str, fact_type: str, fact: Entity | Relation,
    source: SourceRecords,
) -> None:  # fmt: skip
    for ev in fact.evidence:
        document = ev.document or source.document.id
        ev_id = evidence_id(fact_id, document, ev.paragraph, ev.quote)
        props = _with_hash(
            {
                "id": ev_id,
                "factId": fact_id,
                "factType": fact_type,
                "document": document,
                "paragraph": ev.paragraph,
                "quote": ev.quote,
                "confidence": ev.confidence,
            }
        )
        rows.setdefault(
            ev_id,
            {
                "id": ev_id,
                "document": document,
                "origin": source.origin.value,
                "hash": props["hash"],
                "props": props,
            },
        )

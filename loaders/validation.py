"""Checks a whole load before anything is written: within each source, across sources, and
against what the graph already holds (one read query for every id the load set does not define).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from graph.db import Database
from graph.model import RELATION_ENDPOINTS, EntityType, Relation, SourceRecords
from graph.stored import ENTITY_KEYS, FACT_BOOKKEEPING, RELATION_KEYS
from loaders.issues import (
    LoadIssue,
    entity_label,
    mention_label,
    passage_label,
    relation_label,
)

SERVICE_PREFIX = "service:"
PROPERTY_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
ENTITY_CORE_KEYS = frozenset({*ENTITY_KEYS, *FACT_BOOKKEEPING})
RELATION_CORE_KEYS = frozenset({*RELATION_KEYS, *FACT_BOOKKEEPING})


@dataclass(frozen=True)
class Reference:
    """An id a record points at, and what it must be."""

    file: str
    record: str
    what: str  # "from", "to", "entity", "alternative_of", "evidence document", ...
    target: str
    kind: str  # "entity", "document", "passage", "open_question"


@dataclass
class LoadIndex:
    """What the load set defines: entity ids with their types, documents, passages."""

    entity_types: dict[str, tuple[EntityType, str, str]] = field(default_factory=dict)
    documents: set[str] = field(default_factory=set)
    passages: set[str] = field(default_factory=set)


async def check_sources(db: Database, sources: Sequence[SourceRecords]) -> list[LoadIssue]:
    """Every problem of the load set, in file order; an empty list means it may be written."""
    issues: list[LoadIssue] = []
    index = LoadIndex()
    references: list[Reference] = []
    for source in sources:
        issues += _check_within(source)
        issues += _index(source, index)
        references += _references(source)
    unresolved = sorted({ref.target for ref in references if not _in_load_set(ref, index)})
    known = await _known_in_graph(db, unresolved) if unresolved else {}
    issues += _check_references(references, index, known)
    for source in sources:
        issues += _check_endpoints(source, index, known)
    return issues


def _check_within(source: SourceRecords) -> Iterator[LoadIssue]:
    """Duplicates inside one source, and property keys that would clash with the model's own."""
    file = source.source_file
    seen: dict[str, str] = {}
    for i, entity in enumerate(source.entities):
        label = entity_label(i, entity)
        if entity.id in seen:
            yield LoadIssue(file, label, f"duplicate id (also {seen[entity.id]})")
        seen.setdefault(entity.id, label)
        yield from _check_keys(file, label, entity.properties, ENTITY_CORE_KEYS)
    seen_relations: dict[str, str] = {}
    for i, relation in enumerate(source.relations):
        label = relation_label(i, relation)
        if relation.id in seen_relations:
            yield LoadIssue(
                file, label,
                f"the same relation is stated twice (also {seen_relations[relation.id]}); "
                "state it once with several evidence items",
            )  # fmt: skip
        seen_relations.setdefault(relation.id, label)
        yield from _check_keys(file, label, relation.properties, RELATION_CORE_KEYS)
    seen_passages: dict[str, str] = {}
    for i, passage in enumerate(source.passages):
        label = passage_label(i, passage)
        if passage.id in seen_passages:
            yield LoadIssue(file, label, f"duplicate id (also {seen_passages[passage.id]})")
        seen_passages.setdefault(passage.id, label)


def _check_keys(
    file: str, label: str, properties: Mapping[str, object], reserved: frozenset[str]
) -> Iterator[LoadIssue]:
    for key in properties:
        if key in reserved:
            yield LoadIssue(file, label, f"properties.{key} clashes with the model's own {key!r}")
        elif not PROPERTY_KEY.match(key):
            yield LoadIssue(file, label, f"properties.{key}: keys are letters, digits and _")


def _index(source: SourceRecords, index: LoadIndex) -> Iterator[LoadIssue]:
    """Records what the source defines; the same id with another type elsewhere is an error."""
    file = source.source_file
    index.documents.add(source.document.id)
    for i, entity in enumerate(source.entities):
        label = entity_label(i, entity)
        earlier = index.entity_types.get(entity.id)
        if earlier is None:
            index.entity_types[entity.id] = (entity.type, file, label)
        elif earlier[0] is not entity.type:
            yield LoadIssue(
                file, label,
                f"id is a {entity.type} here but a {earlier[0]} in {earlier[1]} ({earlier[2]})",
            )  # fmt: skip
    index.passages.update(passage.id for passage in source.passages)


def _references(source: SourceRecords) -> Iterator[Reference]:
    file = source.source_file
    document = source.document
    if document.body is not None:
        yield Reference(file, "document", "body", document.body, "entity")
    for i, entity in enumerate(source.entities):
        label = entity_label(i, entity)
        for ev in entity.evidence:
            if ev.document is not None:
                yield Reference(file, label, "evidence document", ev.document, "document")
    for i, relation in enumerate(source.relations):
        label = relation_label(i, relation)
        yield Reference(file, label, "from", relation.source, "entity")
        yield Reference(file, label, "to", relation.target, "entity")
        if relation.alternative_of is not None:
            yield Reference(file, label, "alternative_of", relation.alternative_of, "open_question")
        for ev in relation.evidence:
            if ev.document is not None:
                yield Reference(file, label, "evidence document", ev.document, "document")
    for i, passage in enumerate(source.passages):
        label = passage_label(i, passage)
        yield Reference(file, label, "document", passage.document, "document")
        if passage.parent is not None:
            yield Reference(file, label, "parent", passage.parent, "passage")
    for i, mention in enumerate(source.mentions):
        label = mention_label(i, mention)
        yield Reference(file, label, "passage", mention.passage, "passage")
        yield Reference(file, label, "entity", mention.entity, "entity")


def _in_load_set(ref: Reference, index: LoadIndex) -> bool:
    if ref.kind == "document":
        return ref.target in index.documents
    if ref.kind == "passage":
        return ref.target in index.passages
    return ref.target in index.entity_types


@dataclass(frozen=True)
class KnownNode:
    entity_type: str | None
    document: bool
    passage: bool


async def _known_in_graph(db: Database, ids: list[str]) -> dict[str, KnownNode]:
    records, _, _ = await db.read(
        "UNWIND $ids AS id "
        "OPTIONAL MATCH (e:Entity {id: id}) "
        "OPTIONAL MATCH (d:Document {id: id}) "
        "OPTIONAL MATCH (p:Passage {id: id}) "
        "RETURN id, e.type AS type, d IS NOT NULL AS document, p IS NOT NULL AS passage",
        {"ids": ids},
    )
    return {
        record["id"]: KnownNode(record["type"], record["document"], record["passage"])
        for record in records
        if record["type"] is not None or record["document"] or record["passage"]
    }


def _check_references(
    references: list[Reference], index: LoadIndex, known: dict[str, KnownNode]
) -> Iterator[LoadIssue]:
    for ref in references:
        if _in_load_set(ref, index):
            if ref.kind == "open_question":
                entity_type = index.entity_types[ref.target][0]
                if entity_type is not EntityType.OPEN_QUESTION:
                    yield LoadIssue(
                        ref.file, ref.record,
                        f"{ref.what} {ref.target!r} is a {entity_type}, not an OpenQuestion",
                    )  # fmt: skip
            continue
        node = known.get(ref.target)
        problem = _graph_problem(ref, node)
        if problem is not None:
            yield LoadIssue(ref.file, ref.record, problem)


def _graph_problem(ref: Reference, node: KnownNode | None) -> str | None:
    nowhere = "is neither in the files loaded nor in the graph"
    if ref.kind == "document":
        ok = node is not None and node.document
        return None if ok else f"{ref.what} {ref.target!r} is not a known document: it {nowhere}"
    if ref.kind == "passage":
        ok = node is not None and node.passage
        return None if ok else f"{ref.what} {ref.target!r} is not a known passage: it {nowhere}"
    entity_type = node.entity_type if node is not None else None
    if ref.target.startswith(SERVICE_PREFIX) and entity_type != EntityType.SERVICE:
        return f"{ref.what}: unknown service {ref.target!r}: the service vocabulary lacks it"
    if entity_type is None:
        return f"{ref.what} {ref.target!r} is a dangling reference: it {nowhere}"
    if ref.kind == "open_question" and entity_type != EntityType.OPEN_QUESTION:
        return f"{ref.what} {ref.target!r} is a {entity_type}, not an OpenQuestion"
    return None


def _check_endpoints(
    source: SourceRecords, index: LoadIndex, known: dict[str, KnownNode]
) -> Iterator[LoadIssue]:
    """A relation joins only the entity types the model allows it to (a dangling end is
    reported by the reference check)."""

    def type_of(entity_id: str) -> EntityType | None:
        if entity_id in index.entity_types:
            return index.entity_types[entity_id][0]
        node = known.get(entity_id)
        stored = node.entity_type if node is not None else None
        if stored is None or stored not in EntityType.__members__.values():
            return None
        return EntityType(stored)

    for i, relation in enumerate(source.relations):
        problem = _endpoint_problem(relation, type_of(relation.source), type_of(relation.target))
        if problem is not None:
            yield LoadIssue(source.source_file, relation_label(i, relation), problem)


def _endpoint_problem(
    relation: Relation, source_type: EntityType | None, target_type: EntityType | None
) -> str | None:
    sources, targets = RELATION_ENDPOINTS[relation.type]
    for end, entity_id, entity_type, allowed in (
        ("from", relation.source, source_type, sources),
        ("to", relation.target, target_type, targets),
    ):
        if entity_type is not None and entity_type not in allowed:
            names = "|".join(sorted(allowed))
            return (
                f"{end} {entity_id!r} is a {entity_type}, but a {relation.type} runs {end} {names}"
            )
    return None

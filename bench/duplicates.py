"""Duplicates: entities (and relations) that are another of the same body under a second id.

Measured two ways over what the readers make of a set of files (no database), or over a loaded
graph (`gold_in_graph`, for the test):
- against `bench/duplicate_labels.yaml`, the hand-labelled gold pairs: an entity pair is still a
  duplicate when both ids are entities of the load; a relation label when more than one relation
  of its type joins its two ends with its kind;
- by a scan: entities of one type and one body whose names or aliases agree once normalised
  (the body: the one a BELONGS_TO names, else the body slug of a scoped id, else the body of the
  document stating it). The normalisation is this module's own, not the reader's.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict

from graph.model import EntityType, RelationType, SourceRecords
from graph.settings import PROJECT_ROOT

LABELS = PROJECT_ROOT / "bench" / "duplicate_labels.yaml"
# Types whose entities are a body's own: the same name in two bodies is two things.
SCANNED = frozenset(
    {EntityType.POST, EntityType.COMMITTEE, EntityType.PORTFOLIO, EntityType.PARTNERSHIP_GROUP,
     EntityType.CHANGE_EVENT, EntityType.BODY, EntityType.PERSON}
)  # fmt: skip
_SUFFIX = re.compile(r"\s*\([^()]*\)\s*$|,\s+[^,()]*\b(?:Council|Authority)\s*$")
_STOP = frozenset({"the", "of", "and"})


class EntityPair(BaseModel):
    model_config = ConfigDict(extra="forbid")

    first: str
    second: str
    what: str


class RelationLabel(BaseModel):
    """One relation expected where two were written: its type, ends and kind."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    type: RelationType
    source: str
    target: str
    kind: str | None = None
    what: str


class DuplicateLabels(BaseModel):
    model_config = ConfigDict(extra="forbid")

    entities: list[EntityPair]
    relations: list[RelationLabel] = []

    @property
    def size(self) -> int:
        return len(self.entities) + len(self.relations)


def read_duplicate_labels(path: Path = LABELS) -> DuplicateLabels:
    return DuplicateLabels.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def name_key(name: str) -> str:
    text = _SUFFIX.sub("", name.replace("\u2019", "'")).lower().replace("&", " and ")
    return " ".join(w for w in re.split(r"[^a-z0-9']+", text) if w and w not in _STOP)


@dataclass
class Known:
    """One entity id across the sources of a load: its type, names and body."""

    type: EntityType
    names: set[str] = field(default_factory=set)
    bodies: set[str] = field(default_factory=set)
    document_bodies: set[str] = field(default_factory=set)

    @property
    def body(self) -> str:
        return min(self.bodies or self.document_bodies or {""})


def known_entities(sources: Iterable[SourceRecords]) -> dict[str, Known]:
    found: dict[str, Known] = {}
    sources = list(sources)
    for source in sources:
        for entity in source.entities:
            known = found.setdefault(entity.id, Known(entity.type))
            known.names |= {entity.name, *entity.aliases}
            if source.document.body:
                known.document_bodies.add(source.document.body)
            parts = entity.id.split(":")
            if entity.type is not EntityType.BODY and len(parts) > 2:
                known.bodies.add(f"body:{parts[1]}")
    for source in sources:
        for relation in source.relations:
            if relation.type is RelationType.BELONGS_TO and relation.source in found:
                found[relation.source].bodies.add(relation.target)
    return found


def same_name_groups(sources: Iterable[SourceRecords]) -> list[list[str]]:
    """Ids of one type and body whose normalised names or aliases agree (each group > 1).
    A person's body is left aside (people are one per name); a body's is the body of the
    documents naming it ("the LEP" of one council is not another's)."""
    entities = known_entities(sources)
    by_key: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for entity_id, known in entities.items():
        if known.type not in SCANNED:
            continue
        body = "" if known.type is EntityType.PERSON else known.body
        for name in known.names:
            if name_key(name):
                by_key[(known.type.value, body, name_key(name))].add(entity_id)
    groups = {tuple(sorted(ids)) for ids in by_key.values() if len(ids) > 1}
    return [list(group) for group in sorted(groups)]


def gold_remaining(
    sources: Sequence[SourceRecords], labels: DuplicateLabels
) -> tuple[list[str], list[str]]:
    """The labelled entity pairs both of whose ids are entities of the load, and the relation
    labels with more than one relation."""
    ids = {entity.id for source in sources for entity in source.entities}
    pairs = [
        f"{pair.first} = {pair.second} ({pair.what})"
        for pair in labels.entities
        if pair.first in ids and pair.second in ids
    ]
    relations: dict[tuple[str, str, str, str], set[str]] = defaultdict(set)
    for source in sources:
        for relation in source.relations:
            kind = relation.kind.value if relation.kind else ""
            key = (relation.type.value, relation.source, relation.target, kind)
            relations[key].add(relation.id)
    lines = [
        f"{label.type.value} {label.source} -> {label.target} ({label.what})"
        for label in labels.relations
        if len(relations[(label.type.value, label.source, label.target, label.kind or "")]) > 1
    ]
    return pairs, lines

"""A person named by several sources is one person: same name, same body, overlapping dates.

Each reader gives its persons ids of its own (ModernGov `person:<council>-mg-<member>`, Popolo
local ids, `person:<council>-<name>` of Transparency files and organograms, `person:<name>` of
documents), so one councillor read from two files would be two Person nodes. After reading, and
before validation and writing, `merge_people` makes them one:

- two persons merge when their names agree (`person_names.person_key`: honorifics, post-nominals,
  case, accents and punctuation aside), they serve the same body (HOLDS a Post that BELONGS_TO
  it, MEMBER_OF it, or MEMBER_OF a Committee that BELONGS_TO it; a political party is no such
  body) and the dates of those relations overlap (an open end overlaps everything);
- the persons of the graph count as the load's own (`person_graph`), with only what sources
  outside this load state of them, so that a file loaded later joins the person already there;
- never merged: two ids one source states (it says they are two people), a pair the override
  file keeps apart (`data/merge_overrides.csv`, in either order), and a group in which some two
  do not match each other directly (a name shared by two bodies' people through a third record):
  such a group stays apart and the load says so in a note;
- the surviving id is the one the graph already holds, else a curated one, else the first in
  sorted order; every relation and mention is re-pointed to it, so each fact keeps the evidence
  of every source, and the person says `merge_rule` and `merged_from` (`person_records`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from graph.db import Database
from graph.model import EntityType, Origin, RelationType, SourceRecords
from loaders.documents.overrides import MergeOverrides
from loaders.issues import LoadIssue, Severity
from loaders.person_graph import StoredPeople, read_stored_people
from loaders.person_names import name_probes, person_key
from loaders.person_records import apply_merges
from loaders.writer.plan import source_key

RULE = "same name, same body, overlapping dates"
PARTY_PREFIX = "body:party:"
PARTY_KIND = "political party"


@dataclass(frozen=True)
class Tenure:
    """A person serving a body from `start` to `end` (None: open)."""

    body: str
    start: dt.date | None
    end: dt.date | None

    def overlaps(self, other: Tenure) -> bool:
        return (
            self.body == other.body
            and (self.start is None or other.end is None or self.start <= other.end)
            and (other.start is None or self.end is None or other.start <= self.end)
        )


@dataclass(frozen=True)
class PersonMerge:
    """One person id of the load re-pointed to another."""

    merged_id: str
    into_id: str
    rule: str = RULE


@dataclass
class PersonMerges:
    """The load's sources with persons merged, the merges made, and the groups kept apart."""

    sources: list[SourceRecords]
    merges: list[PersonMerge] = field(default_factory=list)
    notes: list[LoadIssue] = field(default_factory=list)


@dataclass
class _Person:
    id: str
    name: str
    tenures: set[Tenure] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)  # who states it, `<origin>|<file>`
    in_load: bool = False
    in_graph: bool = False
    curated: bool = False

    @property
    def rank(self) -> tuple[bool, bool, str]:
        """The surviving id sorts first: in the graph, then curated, then by id."""
        return (not self.in_graph, not self.curated, self.id)


@dataclass
class _Link:
    person: str
    type: RelationType
    target: str
    start: dt.date | None
    end: dt.date | None


@dataclass
class _LoadIndex:
    """What the load says of persons and of the posts, committees and bodies they serve."""

    persons: dict[str, _Person] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # person id -> the first file stating it
    types: dict[str, EntityType] = field(default_factory=dict)
    body_kinds: dict[str, str | None] = field(default_factory=dict)
    belongs: dict[str, set[str]] = field(default_factory=dict)
    links: list[_Link] = field(default_factory=list)


async def merge_people(
    db: Database, sources: Sequence[SourceRecords], overrides: MergeOverrides
) -> PersonMerges:
    """The load's sources with the persons that are one person merged (see the module)."""
    index = _index_load(sources)
    if not index.persons:
        return PersonMerges(list(sources))
    keyed = {pid for pid, person in index.persons.items() if person_key(person.name)}
    probes = {probe for pid in keyed for probe in name_probes(index.persons[pid].name)}
    units = {
        link.target
        for link in index.links
        if index.types.get(link.target) is not EntityType.BODY and link.target not in index.belongs
    }
    stored = await read_stored_people(db, index.persons, probes, units)
    return merge_people_with(sources, overrides, stored, index)


def merge_people_with(
    sources: Sequence[SourceRecords],
    overrides: MergeOverrides,
    stored: StoredPeople,
    index: _LoadIndex | None = None,
) -> PersonMerges:
    """The same, given what the graph holds of the load's persons (an empty `StoredPeople` for
    an empty graph, as the evaluation reads files without one)."""
    index = index if index is not None else _index_load(sources)
    if not index.persons:
        return PersonMerges(list(sources))
    load_keys = {source_key(s.origin, s.source_file) for s in sources}
    people = _people(index, stored, load_keys)
    merges, notes = _decide(people, overrides, index.files)
    id_map = {merge.merged_id: merge.into_id for merge in merges}
    # A merge an earlier load made stands while a source outside this load still states the person.
    earlier = {p.id: p.merged_from for p in stored.persons if p.sources - load_keys}
    return PersonMerges(apply_merges(sources, id_map, earlier, RULE), merges, notes)


def _index_load(sources: Sequence[SourceRecords]) -> _LoadIndex:
    index = _LoadIndex()
    for source in sources:
        key = source_key(source.origin, source.source_file)
        for entity in source.entities:
            index.types.setdefault(entity.id, entity.type)
            if entity.type is EntityType.PERSON:
                person = index.persons.setdefault(entity.id, _Person(entity.id, entity.name))
                person.sources.add(key)
                person.in_load = True
                person.curated |= source.origin is Origin.CURATED
                index.files.setdefault(entity.id, source.source_file)
            elif entity.type is EntityType.BODY:
                kind = entity.properties.get("kind")
                index.body_kinds[entity.id] = kind if isinstance(kind, str) else None
        for relation in source.relations:
            if relation.type is RelationType.BELONGS_TO:
                index.belongs.setdefault(relation.source, set()).add(relation.target)
            elif relation.type in (RelationType.HOLDS, RelationType.MEMBER_OF):
                index.links.append(
                    _Link(relation.source, relation.type, relation.target,
                          relation.valid_from, relation.valid_to)
                )  # fmt: skip
    index.links = [link for link in index.links if link.person in index.persons]
    return index


def _people(index: _LoadIndex, stored: StoredPeople, load_keys: set[str]) -> list[_Person]:
    """The load's persons with the bodies they serve, and the graph's with what sources outside
    this load state of them (one record where an id is in both)."""
    people = dict(index.persons)
    for link in index.links:
        for body in _bodies_of(link, index, stored):
            people[link.person].tenures.add(Tenure(body, link.start, link.end))
    for found in stored.persons:
        others = found.sources - load_keys
        person = people.get(found.id)
        if person is None:
            if not others:
                continue  # what only this load's sources stated: it will say it anew
            person = people[found.id] = _Person(found.id, found.name)
        person.in_graph = True
        person.curated |= found.curated
        person.sources |= others
        person.tenures |= {
            Tenure(t.body, t.start, t.end)
            for t in found.tenures
            if t.sources - load_keys and not _is_party(t.body, t.body_kind)
        }
    return list(people.values())


def _bodies_of(link: _Link, index: _LoadIndex, stored: StoredPeople) -> set[str]:
    """The bodies a HOLDS or MEMBER_OF relation of the load says its person serves."""
    unit = stored.units.get(link.target)
    target_type = index.types.get(link.target)
    if target_type is None and unit is not None and unit.type is not None:
        target_type = _entity_type(unit.type)
    if link.type is RelationType.MEMBER_OF and target_type is EntityType.BODY:
        kind = index.body_kinds.get(link.target, unit.kind if unit is not None else None)
        return set() if _is_party(link.target, kind) else {link.target}
    wanted = EntityType.POST if link.type is RelationType.HOLDS else EntityType.COMMITTEE
    if target_type is not wanted:
        return set()
    kinds: dict[str, str | None] = dict(unit.bodies) if unit is not None else {}
    bodies = index.belongs.get(link.target, set()) | set(kinds)
    return {
        body for body in bodies if not _is_party(body, index.body_kinds.get(body, kinds.get(body)))
    }


def _entity_type(value: str) -> EntityType | None:
    try:
        return EntityType(value)
    except ValueError:
        return None


def _is_party(body_id: str, kind: str | None) -> bool:
    return body_id.startswith(PARTY_PREFIX) or kind == PARTY_KIND


def _decide(
    people: list[_Person], overrides: MergeOverrides, files: Mapping[str, str]
) -> tuple[list[PersonMerge], list[LoadIssue]]:
    by_key: dict[str, list[_Person]] = {}
    for person in people:
        key = person_key(person.name)
        if key is not None and person.tenures:
            by_key.setdefault(key, []).append(person)
    merges: list[PersonMerge] = []
    notes: list[LoadIssue] = []
    for key in sorted(by_key):
        group = sorted(by_key[key], key=lambda p: p.id)
        if len(group) < 2:
            continue
        edges = {
            (a.id, b.id)
            for i, a in enumerate(group)
            for b in group[i + 1 :]
            if _match(a, b, overrides)
        }
        for component in _components(group, edges):
            if len(component) < 2 or not any(p.in_load for p in component):
                continue
            pairs = [(a.id, b.id) for i, a in enumerate(component) for b in component[i + 1 :]]
            if all(pair in edges for pair in pairs):
                survivor = min(component, key=lambda p: p.rank)
                merges += [
                    PersonMerge(p.id, survivor.id)
                    for p in component
                    if p is not survivor and p.in_load
                ]
            else:
                notes.append(_kept_apart(component, edges, files))
    return merges, notes


def _match(a: _Person, b: _Person, overrides: MergeOverrides) -> bool:
    if a.sources & b.sources or overrides.keeps_apart(a.id, b.id):
        return False
    return any(mine.overlaps(theirs) for mine in a.tenures for theirs in b.tenures)


def _components(group: list[_Person], edges: set[tuple[str, str]]) -> list[list[_Person]]:
    parent = {person.id: person.id for person in group}

    def root(pid: str) -> str:
        while parent[pid] != pid:
            parent[pid] = parent[parent[pid]]
            pid = parent[pid]
        return pid

    for a, b in sorted(edges):
        parent[root(b)] = root(a)
    components: dict[str, list[_Person]] = {}
    for person in group:
        components.setdefault(root(person.id), []).append(person)
    return list(components.values())


def _kept_apart(
    component: list[_Person], edges: set[tuple[str, str]], files: Mapping[str, str]
) -> LoadIssue:
    first = next(p for p in component if p.in_load)
    unmatched = [
        f"{a.id} and {b.id}"
        for i, a in enumerate(component)
        for b in component[i + 1 :]
        if (a.id, b.id) not in edges
    ]
    reason = (
        f"persons {', '.join(p.id for p in component)} ({first.name!r}) were not merged: "
        f"each matches another by {RULE}, but not {'; '.join(unmatched[:3])}"
        + (f" and {len(unmatched) - 3} more pairs" if len(unmatched) > 3 else "")
        + " (another body, other dates, one source naming both, or the override file)"
    )
    return LoadIssue(files[first.id], f"person {first.id}", reason, severity=Severity.NOTE)

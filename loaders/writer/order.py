"""In which order a load's sources are written, and which of them may be written at once.

Order: a relation's endpoints, a mention's entity and an evidence's document must be in the graph
when the source that states them is written (its Cypher MATCHes them).
Sources are therefore written after
the sources defining what they reference (curated before imported before extracted among equals,
then in the order given). Where references go round in a cycle, the source written first also
writes the entities and documents it needs from the others, without their evidence: their own
source lands them with evidence moments later, in the same load.

Scheduling: the writer keeps several source transactions in flight (the server has cores to spare
while one transaction runs). A source still sees the graph as if the sources before it in write
order had all landed: it waits for every earlier source that writes something it writes or points
at, and for every earlier source that points at something it writes. Sources that share nothing
(say two bodies that both cover services of the same vocabulary) run side by side.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from graph.model import Document, Entity, Origin, Relation, SourceRecords
from loaders.writer.plan import SourcePlan, document_row, entity_row, source_key

WRITE_ORDER = {Origin.CURATED: 0, Origin.IMPORTED: 1, Origin.EXTRACTED: 2}


@dataclass
class Borrowed:
    """What a source needs from sources not yet written: their entities (with the origin and file
    of the source that states them) and documents."""

    entities: list[tuple[Entity, Origin, str]] = field(default_factory=list)
    documents: list[tuple[Document, Origin, str]] = field(default_factory=list)


def lend(plan: SourcePlan, borrowed: Borrowed) -> None:
    """Adds to a source's plan what it borrows, as rows without evidence, stated by the sources
    they come from (whose own rows, written later, then change nothing)."""
    for document, origin, source_file in borrowed.documents:
        plan.borrowed_documents.append(document_row(document, origin, source_file))
    for entity, origin, source_file in borrowed.entities:
        row = entity_row(entity, origin, source_key(origin, source_file))
        plan.borrowed_entities[entity.type].append(row)


def write_order(sources: Sequence[SourceRecords]) -> list[tuple[SourceRecords, Borrowed]]:
    entity_home: dict[str, int] = {}
    document_home: dict[str, int] = {}
    for index, source in enumerate(sources):
        document_home.setdefault(source.document.id, index)
        for entity in source.entities:
            entity_home.setdefault(entity.id, index)
    needs: list[tuple[set[str], set[str]]] = [
        (set(_entity_refs(source)), set(_document_refs(source))) for source in sources
    ]
    depends: list[set[int]] = []
    for index, (entities, documents) in enumerate(needs):
        homes = {entity_home[e] for e in entities if e in entity_home}
        homes |= {document_home[d] for d in documents if d in document_home}
        homes.discard(index)
        depends.append(homes)
    order = _topological(sources, depends)
    written_entities: set[str] = set()
    written_documents: set[str] = set()
    result: list[tuple[SourceRecords, Borrowed]] = []
    for index in order:
        source = sources[index]
        borrowed = Borrowed()
        entities, documents = needs[index]
        for entity_id in sorted(entities - written_entities):
            home = entity_home.get(entity_id)
            if home is not None and home != index:
                entity = next(e for e in sources[home].entities if e.id == entity_id)
                lender = sources[home]
                borrowed.entities.append((entity, lender.origin, lender.source_file))
        for document_id in sorted(documents - written_documents):
            home = document_home.get(document_id)
            if home is not None and home != index:
                lender = sources[home]
                borrowed.documents.append((lender.document, lender.origin, lender.source_file))
        written_entities |= entities | {entity.id for entity in source.entities}
        written_documents |= documents | {source.document.id}
        result.append((source, borrowed))
    return result


def _topological(sources: Sequence[SourceRecords], depends: list[set[int]]) -> list[int]:
    """Kahn's algorithm, the lowest (origin, position) first; a cycle is broken the same way."""
    remaining = [set(d) for d in depends]
    dependants: list[set[int]] = [set() for _ in sources]
    for index, homes in enumerate(depends):
        for home in homes:
            dependants[home].add(index)
    priority = [(WRITE_ORDER[source.origin], index) for index, source in enumerate(sources)]
    ready = [priority[i] for i, homes in enumerate(remaining) if not homes]
    heapq.heapify(ready)
    done: set[int] = set()
    order: list[int] = []
    while len(order) < len(sources):
        if not ready:  # a cycle: take the first of what is left
            heapq.heappush(ready, min(priority[i] for i in range(len(sources)) if i not in done))
        _, index = heapq.heappop(ready)
        if index in done:
            continue
        done.add(index)
        order.append(index)
        for dependant in dependants[index]:
            remaining[dependant].discard(index)
            if not remaining[dependant] and dependant not in done:
                heapq.heappush(ready, priority[dependant])
    return order


def _entity_refs(source: SourceRecords) -> Iterator[str]:
    for relation in source.relations:
        yield relation.source
        yield relation.target
    for mention in source.mentions:
        yield mention.entity


def _document_refs(source: SourceRecords) -> Iterator[str]:
    facts: list[Entity | Relation] = [*source.entities, *source.relations]
    for fact in facts:
        for ev in fact.evidence:
            if ev.document is not None:
                yield ev.document
    for passage in source.passages:
        yield passage.document


Key = tuple[str, str]  # (what kind of element, its id)


class Schedule:
    """Admits plans in write order; says for each which earlier plans it must wait for."""

    def __init__(self) -> None:
        self._last_writer: dict[Key, int] = {}
        self._last_toucher: dict[Key, int] = {}
        self._admitted = 0

    def admit(self, plan: SourcePlan) -> tuple[int, set[int]]:
        """The plan's position, and the positions of the earlier plans it waits for."""
        position = self._admitted
        self._admitted += 1
        written = set(_written(plan))
        touched = written | set(_referenced(plan))
        earlier = {self._last_writer[key] for key in touched if key in self._last_writer}
        earlier |= {self._last_toucher[key] for key in written if key in self._last_toucher}
        for key in written:
            self._last_writer[key] = position
        for key in touched:
            self._last_toucher[key] = position
        return position, earlier


def own_entity_ids(plan: SourcePlan) -> set[str]:
    """The entities this source writes itself (its own and those it borrows)."""
    ids = {row["id"] for rows in plan.entities.values() for row in rows}
    ids |= {row["id"] for rows in plan.borrowed_entities.values() for row in rows}
    return ids


def _written(plan: SourcePlan) -> Iterator[Key]:
    yield "document", plan.document_id
    for row in plan.borrowed_documents:
        yield "document", row["id"]
    for entity_id in own_entity_ids(plan):
        yield "entity", entity_id
    for rows in plan.relations.values():
        for row in rows:
            yield "relation", row["id"]
    for row in plan.evidence:
        yield "evidence", row["id"]
    for row in plan.passages:
        yield "passage", row["id"]


def _referenced(plan: SourcePlan) -> Iterator[Key]:
    for rows in plan.relations.values():
        for row in rows:
            yield "entity", row["source"]
            yield "entity", row["target"]
    for row in plan.evidence:
        yield "document", row["document"]
    for row in plan.passages:
        yield "document", row["document"]
        if row["parent"] is not None:
            yield "passage", row["parent"]
    for row in plan.mentions:
        yield "passage", row["passage"]
        yield "entity", row["entity"]

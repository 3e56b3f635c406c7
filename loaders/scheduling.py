"""Which sources may be written at the same time.

The writer keeps several source transactions in flight (the server has cores to spare while one
transaction runs). A source still sees the graph as if the sources before it in write order had
all landed: it waits for every earlier source that writes something it writes or points at, and
for every earlier source that points at something it writes. Sources that share nothing (say two
bodies that both cover services of the same vocabulary) run side by side.
"""

from __future__ import annotations

from collections.abc import Iterator

from loaders.rows import SourcePlan

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

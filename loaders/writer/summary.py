"""What a load did, per node label and relationship type: created, updated, unchanged, deleted."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0

    def add(self, other: Counts) -> None:
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.deleted += other.deleted

    @property
    def written(self) -> int:
        """Elements the load wrote or confirmed (created + updated + unchanged)."""
        return self.created + self.updated + self.unchanged


@dataclass
class LoadSummary:
    """Per node label and per relationship type: created, updated, unchanged, deleted."""

    sources: int = 0
    nodes: dict[str, Counts] = field(default_factory=dict)
    relationships: dict[str, Counts] = field(default_factory=dict)
    seconds: float = 0.0

    def node(self, label: str) -> Counts:
        return self.nodes.setdefault(label, Counts())

    def relationship(self, rel_type: str) -> Counts:
        return self.relationships.setdefault(rel_type, Counts())

    def merge(self, other: LoadSummary) -> None:
        self.sources += other.sources
        for label, counts in other.nodes.items():
            self.node(label).add(counts)
        for rel_type, counts in other.relationships.items():
            self.relationship(rel_type).add(counts)

    @property
    def node_count(self) -> int:
        return sum(counts.written for counts in self.nodes.values())

    @property
    def relationship_count(self) -> int:
        return sum(counts.written for counts in self.relationships.values())

    @property
    def changed(self) -> bool:
        every = [*self.nodes.values(), *self.relationships.values()]
        return any(c.created or c.updated or c.deleted for c in every)

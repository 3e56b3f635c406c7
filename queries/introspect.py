"""What the live database holds: labels, relationship types, their properties and types,
the patterns that join them, counts, constraints and indexes, in a stable order.

Everything is read from the data and the schema commands, never from the token store, so that
names left behind by deleted data do not show.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, LiteralString

from neo4j import READ_ACCESS

from graph.db import Database

ENTITY_LABEL = "Entity"

LABEL_SET_COUNTS: LiteralString = (
    "MATCH (n) WITH labels(n) AS labels RETURN labels, count(*) AS count"
)
PATTERN_COUNTS: LiteralString = (
    "MATCH (a)-[r]->(b) "
    "RETURN labels(a) AS source, type(r) AS type, labels(b) AS target, count(*) AS count"
)
NODE_PROPERTIES: LiteralString = (
    "CALL db.schema.nodeTypeProperties() "
    "YIELD nodeLabels, propertyName, propertyTypes, mandatory "
    "RETURN nodeLabels AS owner, propertyName AS name, propertyTypes AS types, mandatory"
)
RELATIONSHIP_PROPERTIES: LiteralString = (
    "CALL db.schema.relTypeProperties() "
    "YIELD relType, propertyName, propertyTypes, mandatory "
    "RETURN relType AS owner, propertyName AS name, propertyTypes AS types, mandatory"
)
CONSTRAINTS: LiteralString = (
    "SHOW CONSTRAINTS YIELD name, type, entityType, labelsOrTypes, properties "
    "RETURN name, type, entityType, labelsOrTypes, properties"
)
INDEXES: LiteralString = (
    "SHOW INDEXES YIELD name, type, entityType, labelsOrTypes, properties, owningConstraint "
    "RETURN name, type, entityType, labelsOrTypes, properties, owningConstraint"
)


@dataclass(frozen=True)
class Property:
    name: str
    types: tuple[str, ...]  # Neo4j's names: String, StringArray, Long, Double, Date, ...
    mandatory: bool  # every element of the kind has it


@dataclass(frozen=True)
class NodeKind:
    """Nodes with exactly this set of labels."""

    labels: tuple[str, ...]
    count: int
    properties: tuple[Property, ...]

    @property
    def name(self) -> str:
        return kind_name(self.labels)


@dataclass(frozen=True)
class RelationshipKind:
    type: str
    count: int
    properties: tuple[Property, ...]


@dataclass(frozen=True)
class Pattern:
    """`(source)-[type]->(target)`, with node kinds named as `kind_name` names them."""

    source: str
    type: str
    target: str
    count: int


@dataclass(frozen=True)
class SchemaItem:
    """A constraint or an index."""

    name: str
    type: str
    entity_type: str
    labels_or_types: tuple[str, ...]
    properties: tuple[str, ...]
    owning_constraint: str | None = None


@dataclass(frozen=True)
class GraphSchema:
    label_counts: dict[str, int]
    node_kinds: tuple[NodeKind, ...]
    relationship_kinds: tuple[RelationshipKind, ...]
    patterns: tuple[Pattern, ...]
    constraints: tuple[SchemaItem, ...]
    indexes: tuple[SchemaItem, ...]


def kind_name(labels: tuple[str, ...] | list[str]) -> str:
    """An entity is named by its type label (`Body`); any other node by its labels."""
    own = sorted(label for label in labels if label != ENTITY_LABEL)
    return ":".join(own) if own else ":".join(sorted(labels)) or "(no label)"


async def introspect(db: Database) -> GraphSchema:
    rows = await _read_all(
        db,
        LABEL_SET_COUNTS,
        PATTERN_COUNTS,
        NODE_PROPERTIES,
        RELATIONSHIP_PROPERTIES,
        CONSTRAINTS,
        INDEXES,
    )
    label_sets, patterns, node_props, rel_props, constraints, indexes = rows
    return GraphSchema(
        label_counts=_label_counts(label_sets),
        node_kinds=_node_kinds(label_sets, node_props),
        relationship_kinds=_relationship_kinds(patterns, rel_props),
        patterns=_patterns(patterns),
        constraints=tuple(sorted((_schema_item(r) for r in constraints), key=_by_name)),
        indexes=tuple(sorted((_schema_item(r) for r in indexes), key=_by_name)),
    )


async def _read_all(db: Database, *queries: LiteralString) -> list[list[dict[str, Any]]]:
    # Notifications off: the schema procedures warn about a future output format on every call.
    session = db.driver.session(
        database=db.name, default_access_mode=READ_ACCESS, notifications_min_severity="OFF"
    )
    results: list[list[dict[str, Any]]] = []
    async with session:
        for query in queries:
            result = await session.run(query)
            results.append(await result.data())
    return results


def _label_counts(label_sets: list[dict[str, Any]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in label_sets:
        for label in row["labels"]:
            counts[label] = counts.get(label, 0) + row["count"]
    return dict(sorted(counts.items()))


def _properties(rows: list[dict[str, Any]]) -> tuple[Property, ...]:
    found = {
        Property(row["name"], tuple(sorted(row["types"] or ())), bool(row["mandatory"]))
        for row in rows
        if row["name"] is not None
    }
    return tuple(sorted(found, key=lambda prop: prop.name))


def _node_kinds(
    label_sets: list[dict[str, Any]], node_props: list[dict[str, Any]]
) -> tuple[NodeKind, ...]:
    kinds = []
    for row in label_sets:
        labels = tuple(sorted(row["labels"]))
        props = [p for p in node_props if tuple(sorted(p["owner"])) == labels]
        kinds.append(NodeKind(labels, row["count"], _properties(props)))
    return tuple(sorted(kinds, key=lambda kind: (kind.name, kind.labels)))


def _relationship_kinds(
    patterns: list[dict[str, Any]], rel_props: list[dict[str, Any]]
) -> tuple[RelationshipKind, ...]:
    counts: dict[str, int] = {}
    for row in patterns:
        counts[row["type"]] = counts.get(row["type"], 0) + row["count"]
    kinds = []
    for rel_type, count in sorted(counts.items()):
        # relTypeProperties names a type as ":`TYPE`".
        props = [p for p in rel_props if p["owner"] == f":`{rel_type}`"]
        kinds.append(RelationshipKind(rel_type, count, _properties(props)))
    return tuple(kinds)


def _patterns(rows: list[dict[str, Any]]) -> tuple[Pattern, ...]:
    counts: dict[tuple[str, str, str], int] = {}
    for row in rows:
        key = (kind_name(row["source"]), row["type"], kind_name(row["target"]))
        counts[key] = counts.get(key, 0) + row["count"]
    return tuple(
        Pattern(source, rel_type, target, count)
        for (source, rel_type, target), count in sorted(
            counts.items(), key=lambda item: (item[0][1], item[0][0], item[0][2])
        )
    )


def _schema_item(row: dict[str, Any]) -> SchemaItem:
    return SchemaItem(
        name=row["name"],
        type=row["type"],
        entity_type=row["entityType"],
        labels_or_types=tuple(row["labelsOrTypes"] or ()),
        properties=tuple(row["properties"] or ()),
        owning_constraint=row.get("owningConstraint"),
    )


def _by_name(item: SchemaItem) -> str:
    return item.name

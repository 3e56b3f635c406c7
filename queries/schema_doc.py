"""`docs/schema.md`: the live schema (from `introspect`) beside what `graph/model.py` says it means.

The output depends only on the database's contents and the model, never on time or on the order
Neo4j returns things in, so that a test can compare it with the committed file.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterable
from enum import Enum

from graph import model
from graph.model import AccountabilityKind, Capacity, EntityType, Origin, RelationType, Status
from queries.introspect import GraphSchema, Pattern, Property, SchemaItem

# Labels and relationship types the writer keeps beside the model's entities and relations.
STORAGE_MEANINGS: dict[str, str] = {
    "Entity": "Every entity carries this label beside its type label (see the entity types).",
    "Document": "A source document: report, minutes, data file; `name` is its title.",
    "Evidence": inspect.getdoc(model.Evidence) or "",
    "Passage": inspect.getdoc(model.Passage) or "",
    "Source": "The writer's ledger: what one loaded source stated, so a reload can retract "
    "what it no longer states.",
    "SchemaVersion": "The version of the schema (constraints and indexes) applied to the graph.",
    "FROM_DOCUMENT": "Evidence -> Document: the document the evidence quotes.",
    "IN_DOCUMENT": "Passage -> Document: the document a passage belongs to.",
    "PART_OF_PASSAGE": "Passage -> Passage: a bullet or table row under its paragraph.",
    "NEW_VERSION_OF": "Document -> Document: a changed file's new version, to the one it replaces.",
    "MENTIONS": f"Passage -> Entity. {inspect.getdoc(model.Mention) or ''}",
}
VOCABULARIES: tuple[type[Enum], ...] = (Status, Capacity, AccountabilityKind, Origin)
UNDESCRIBED = "(not described in graph/model.py)"


def member_comments(enum_class: type[Enum]) -> dict[str, str]:
    """The trailing `# comment` of each member in the enum's source: what the model says."""
    comments: dict[str, str] = {}
    for line in inspect.getsource(enum_class).splitlines():
        match = re.match(r'\s+[A-Z_]+\s*=\s*"([^"]+)"\s*#\s*(.+)$', line)
        if match:
            comments[match.group(1)] = match.group(2).strip()
    return comments


def meaning(name: str) -> str:
    if name in STORAGE_MEANINGS:
        return STORAGE_MEANINGS[name]
    if name in {member.value for member in RelationType}:
        return member_comments(RelationType).get(name, UNDESCRIBED)
    if name in {member.value for member in EntityType}:
        said = member_comments(EntityType).get(name)
        shape = f"An entity type: `(:Entity:{name} {{type: '{name}'}})`."
        return f"{shape} {said}" if said else shape
    return UNDESCRIBED


def render_schema_doc(schema: GraphSchema) -> str:
    parts = [
        _header(),
        _counts(schema),
        _diagrams(schema),
        _node_kinds(schema),
        _relationship_kinds(schema),
        _vocabularies(),
        _schema_items("Constraints", schema.constraints),
        _schema_items("Indexes", schema.indexes),
    ]
    return "\n\n".join(part.rstrip() for part in parts) + "\n"


def _header() -> str:
    model_doc = inspect.getdoc(model) or ""
    quoted = "\n".join(f"> {line}".rstrip() for line in model_doc.splitlines())
    return (
        "# The graph schema\n\n"
        "Generated from a database holding exactly the knowledge base in `data/` (what `make run` "
        "loads) and from `graph/model.py`. Do not edit it by hand: `tests/test_schema_doc.py` "
        "fails when it drifts from what the code generates. Regenerate it with `make schema-doc`, "
        "or with `civicgraph docs schema` against such a database. The counts are those of "
        "the seed; every section is read from the live graph.\n\n"
        "What `graph/model.py` says:\n\n" + quoted
    )


def _table(header: Iterable[str], rows: Iterable[Iterable[object]]) -> str:
    head = list(header)
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(_cell(value) for value in row) + " |" for row in rows]
    return "\n".join(lines)


def _cell(value: object) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def _counts(schema: GraphSchema) -> str:
    labels = _table(
        ["Label", "Nodes", "Meaning"],
        ([f"`{label}`", count, meaning(label)] for label, count in schema.label_counts.items()),
    )
    rels = _table(
        ["Relationship type", "Relationships", "Meaning"],
        ([f"`{kind.type}`", kind.count, meaning(kind.type)] for kind in schema.relationship_kinds),
    )
    return f"## Counts\n\n{labels}\n\n{rels}"


def _is_governance(pattern: Pattern) -> bool:
    entity_types = {member.value for member in EntityType}
    return pattern.source in entity_types and pattern.target in entity_types


def _diagrams(schema: GraphSchema) -> str:
    governance = [p for p in schema.patterns if _is_governance(p)]
    provenance = [p for p in schema.patterns if not _is_governance(p)]
    return (
        "## Diagrams\n\n"
        "Arrows are relationship types with how many relationships join each pair of kinds.\n\n"
        "### Governance: entities and relations\n\n"
        f"{_mermaid(governance)}\n\n"
        "### Provenance: evidence, documents, passages\n\n"
        f"{_mermaid(provenance)}"
    )


def _mermaid(patterns: Iterable[Pattern]) -> str:
    lines = ["```mermaid", "flowchart LR"]
    for p in patterns:
        lines.append(f'    {_node_id(p.source)} -->|"{p.type} ({p.count})"| {_node_id(p.target)}')
    lines.append("```")
    return "\n".join(lines)


def _node_id(kind: str) -> str:
    node_id = re.sub(r"\W", "_", kind)
    return node_id if node_id == kind else f'{node_id}["{kind}"]'


def _properties(properties: Iterable[Property]) -> str:
    rows = ([f"`{p.name}`", ", ".join(p.types), "yes" if p.mandatory else "no"] for p in properties)
    return _table(["Property", "Types", "On every one"], rows)


def _node_kinds(schema: GraphSchema) -> str:
    sections = ["## Node labels and their properties"]
    for kind in schema.node_kinds:
        labels = ":".join(f"`{label}`" for label in kind.labels)
        sections.append(
            f"### {kind.name}\n\n{labels}: {kind.count} nodes. {meaning(kind.name)}\n\n"
            + _properties(kind.properties)
        )
    return "\n\n".join(sections)


def _relationship_kinds(schema: GraphSchema) -> str:
    sections = ["## Relationship types and their properties"]
    for kind in schema.relationship_kinds:
        joins = _table(
            ["From", "To", "Relationships"],
            ([p.source, p.target, p.count] for p in schema.patterns if p.type == kind.type),
        )
        props = _properties(kind.properties) if kind.properties else "No properties."
        sections.append(
            f"### {kind.type}\n\n{kind.count} relationships. {meaning(kind.type)}\n\n"
            f"{joins}\n\n{props}"
        )
    return "\n\n".join(sections)


def _vocabularies() -> str:
    sections = ["## Vocabularies\n\nThe values that `graph/model.py` allows in these properties."]
    for enum_class in VOCABULARIES:
        comments = member_comments(enum_class)
        values = _table(
            ["Value", "Meaning"],
            ([f"`{member.value}`", comments.get(member.value, "")] for member in enum_class),
        )
        sections.append(f"### {enum_class.__name__}\n\n{values}")
    return "\n\n".join(sections)


def _schema_items(title: str, items: Iterable[SchemaItem]) -> str:
    rows = (
        [
            f"`{item.name}`",
            item.type,
            item.entity_type,
            ", ".join(item.labels_or_types) or "any",
            ", ".join(item.properties) or "-",
        ]
        for item in items
    )
    return f"## {title}\n\n" + _table(["Name", "Type", "On", "Labels or types", "Properties"], rows)

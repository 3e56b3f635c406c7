"""The type definitions @neo4j/graphql serves for the comparison, written from the model: one node
type per entity type (labels `<Type>` and `Entity`, the `Entity` interface they share), one
relationship field per relation type and direction that the type takes part in (`belongsTo` out,
`belongsToIn` in) with the relationship's properties (`Fact`), evidence as `Evidence` nodes found by
`factId`, and the full-text index `entity_text` on every entity type.

    python -m bench.compare.typedefs   # rewrites bench/compare/typeDefs.graphql
"""

from __future__ import annotations

from pathlib import Path

from graph.model import RELATION_ENDPOINTS, EntityType, RelationType
from graph.schema import FULLTEXT_INDEX

TYPEDEFS_PATH = Path(__file__).with_name("typeDefs.graphql")
ALL_TYPES = frozenset(EntityType)

ENTITY_FIELDS = """  id: ID!
  type: String!
  name: String!
  aliases: [String!]
  aliasText: String
  description: String
  status: String
  validFrom: Date
  validTo: Date
  origin: String"""

FIXED = f'''interface Entity {{
{ENTITY_FIELDS}
}}

"""A relationship's own facts: its stable id (the `factId` of its evidence), dates and words."""
type Fact @relationshipProperties {{
  id: ID
  status: String
  validFrom: Date
  validTo: Date
  kind: String
  capacity: String
  role: String
  wording: String
  alternativeOf: ID
  origin: String
}}

type Document @node {{
  id: ID!
  title: String
  body: ID
  kind: String
}}

"""Where a fact was stated; `factId` is the id of the entity or relationship it supports."""
type Evidence @node {{
  id: ID!
  factId: ID!
  factType: String
  document: ID
  documentTitle: String
  paragraph: String
  quote: String
  origin: String
  confidence: Float
  fromDocument: [Document!]! @relationship(type: "FROM_DOCUMENT", direction: OUT)
}}
'''


def field_name(relation: RelationType, outgoing: bool) -> str:
    head, *rest = relation.value.lower().split("_")
    name = head + "".join(word.capitalize() for word in rest)
    return name if outgoing else name + "In"


def target_name(types: frozenset[EntityType]) -> str:
    """One type by its name, every type as the interface, a few as a union named after them."""
    if types == ALL_TYPES:
        return "Entity"
    if len(types) == 1:
        return next(iter(types)).value
    return "Or".join(sorted(t.value for t in types))


def relationship_fields(entity_type: EntityType) -> list[tuple[str, RelationType, bool, str]]:
    """(field, relation type, outgoing, target type name) for every relation the type joins."""
    fields = []
    for relation in RelationType:
        sources, targets = RELATION_ENDPOINTS[relation]
        if entity_type in sources:
            fields.append((field_name(relation, True), relation, True, target_name(targets)))
        if entity_type in targets:
            fields.append((field_name(relation, False), relation, False, target_name(sources)))
    return fields


def node_type(entity_type: EntityType) -> str:
    name = entity_type.value
    query = name[0].lower() + name[1:] + "Fulltext"
    lines = [
        f'type {name} implements Entity @node(labels: ["{name}", "Entity"])',
        f'  @fulltext(indexes: [{{indexName: "{FULLTEXT_INDEX}", queryName: "{query}", '
        'fields: ["name", "aliasText"]}]) {',
        ENTITY_FIELDS,
    ]
    for field, relation, outgoing, target in relationship_fields(entity_type):
        direction = "OUT" if outgoing else "IN"
        lines.append(
            f'  {field}: [{target}!]! @relationship(type: "{relation.value}", '
            f'direction: {direction}, properties: "Fact")'
        )
    lines.append("}")
    return "\n".join(lines)


def unions() -> list[str]:
    names: dict[str, frozenset[EntityType]] = {}
    for sources, targets in RELATION_ENDPOINTS.values():
        for types in (sources, targets):
            if 1 < len(types) < len(ALL_TYPES):
                names[target_name(types)] = types
    return [
        f"union {name} = " + " | ".join(sorted(t.value for t in types))
        for name, types in sorted(names.items())
    ]


def typedefs() -> str:
    parts = [
        "# Written by `python -m bench.compare.typedefs` from graph/model.py: do not edit.",
        FIXED,
        *unions(),
        "",
        *(node_type(entity_type) + "\n" for entity_type in EntityType),
    ]
    return "\n".join(parts)


def main() -> None:
    TYPEDEFS_PATH.write_text(typedefs())
    print(f"wrote {TYPEDEFS_PATH}")


if __name__ == "__main__":
    main()

"""The GraphQL documents each contestant is asked: civicgraph's root questions, and what a user of
@neo4j/graphql writes for the same answer over the type definitions of `typedefs.py`.

@neo4j/graphql reaches what a relationship field names, so the accountability question spells out
the five relation types that make a line (and four levels of the service vocabulary, as
civicgraph's `BROADER*0..4`), and the neighbourhood question every relationship field of the
centre's type and of each type it reaches (written from the model, as the type definitions are).
Evidence is kept as nodes keyed by the fact's id, which no relationship field reaches: its lines'
evidence takes @neo4j/graphql a second request.
"""

from __future__ import annotations

from bench.compare.typedefs import relationship_fields
from graph.model import EntityType

CIVIC_ACCOUNTABILITY = """query Accountability($service: ID!) {
  accountability(service: $service) {
    bodies { body { id name } lines { relationId relationType status wording
      service { id name } accountable { id type name }
      holders { post { id name } person { id name } capacity role }
      evidence { documentId paragraph quote } } } } }"""

_FACT = "properties { id status wording kind capacity role }"
_HOLDERS = "holdsInConnection { edges { properties { capacity } node { id name } } }"
_MEMBERS = (
    "memberOfInConnection { edges { properties { role } "
    "node { ... on Person { id type name } ... on Post { id type name } } } }"
)
_LINE_FRAGMENTS = f"""
fragment PortfolioLine on Portfolio {{ id type name belongsTo {{ id name }}
  holdsPortfolioIn {{ id name belongsTo {{ id name }} {_HOLDERS} }} }}
fragment PostLine on Post {{ id type name belongsTo {{ id name }} {_HOLDERS} }}
fragment CommitteeLine on Committee {{ id type name belongsTo {{ id name }} {_MEMBERS} }}
fragment GroupLine on PartnershipGroup {{ id type name belongsTo {{ id name }} {_MEMBERS} }}
fragment Accountable on CommitteeOrPartnershipGroupOrPortfolioOrPost {{
  ...PortfolioLine ...PostLine ...CommitteeLine ...GroupLine }}
fragment Lines on Service {{ id name
  coversInConnection {{ edges {{ {_FACT} node {{ ...Accountable }} }} }}
  accountableForInConnection {{ edges {{ {_FACT} node {{ ...Accountable }} }} }}
  couldSitInConnection {{ edges {{ {_FACT} node {{ ...PortfolioLine }} }} }}
  scrutinisedByConnection {{ edges {{ {_FACT} node {{ ...CommitteeLine }} }} }}
  concernsInConnection {{ edges {{ {_FACT} node {{ id type name }} }} }}
}}"""


def _narrower(levels: int) -> str:
    inner = ""
    for _ in range(levels):
        inner = f"broaderIn {{ ...Lines {inner}}} "
    return inner


NEO_ACCOUNTABILITY = (
    "query Accountability($service: ID!) {\n"
    f"  services(where: {{id: {{eq: $service}}}}) {{ ...Lines {_narrower(4)}}}\n}}"
    + _LINE_FRAGMENTS
)

NEO_EVIDENCE = """query Evidence($ids: [ID!]!) {
  evidences(where: {factId: {in: $ids}}) {
    factId document paragraph quote fromDocument { body } } }"""

CIVIC_NEIGHBOURHOOD = """query Neighbourhood($id: ID!) {
  neighbourhood(id: $id, depth: 2, limit: 2000) {
    nodes { id type label } edges { id source target type } } }"""


# The root field of each type's list, as @neo4j/graphql names it (English plurals).
_PLURALS = {EntityType.BODY: "bodies", EntityType.PERSON: "people",
            EntityType.PRIORITY: "priorities"}  # fmt: skip


def list_field(entity_type: EntityType) -> str:
    name = entity_type.value[0].lower() + entity_type.value[1:]
    return _PLURALS.get(entity_type, name + "s")


def _leaf(target: str) -> str:
    union = target != "Entity" and "Or" in target
    return "... on Entity { id type }" if union else "id type"


def _edges(entity_type: EntityType) -> str:
    return " ".join(
        f"{field}Connection {{ edges {{ properties {{ id }} node {{ {_leaf(target)} }} }} }}"
        for field, _, _, target in relationship_fields(entity_type)
    )


def neo_neighbours(centre: EntityType) -> str:
    """Depth 1 from an entity of this type: every relationship field, each edge with the
    relationship's id and the node's id and type."""
    return (
        "query Neighbours($id: ID!) {\n"
        f"  {list_field(centre)}(where: {{id: {{eq: $id}}}}) {{ id type {_edges(centre)} }}\n}}"
    )


def neo_next_ring(types: list[EntityType]) -> str:
    """Depth 1 from many entities at once, one root field per type (`$<type>` their ids): the
    second request of a neighbourhood of depth 2. (Asked in one document, the two rings make a
    query with hundreds of subqueries that the server does not plan in minutes.)"""
    variables = ", ".join(f"${t.value}: [ID!]!" for t in types)
    fields = " ".join(
        f"{list_field(t)}(where: {{id: {{in: ${t.value}}}}}) {{ id type {_edges(t)} }}"
        for t in types
    )
    return f"query NextRing({variables}) {{ {fields} }}"


CIVIC_PAGE = """query Page($text: String!) {
  entities(type: Post, nameContains: $text, first: 50, sort: {field: NAME, direction: ASC}) {
    totalCount edges { node { id name } } } }"""

NEO_PAGE = """query Page($text: String!) {
  postsConnection(where: {name: {caseInsensitive: {contains: $text}}}, sort: [{name: ASC}],
                  first: 50) {
    totalCount edges { node { id name } } } }"""

CIVIC_SEARCH = """query Search($text: String!) {
  search(query: $text, types: [Service], first: 20) { id name } }"""

NEO_SEARCH = """query Search($text: String!) {
  serviceFulltext(phrase: $text, first: 20, sort: [{score: DESC}]) {
    edges { score node { id name } } } }"""

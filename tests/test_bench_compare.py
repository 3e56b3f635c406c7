"""The comparison with @neo4j/graphql (`make bench-compare`) serves type definitions written from
the model: the committed file must be what the model gives today, and the documents it asks
@neo4j/graphql must be GraphQL. (Serving them takes Node and npm: the benchmark does that.)"""

from __future__ import annotations

from graphql import parse

from bench.compare.documents import (
    NEO_ACCOUNTABILITY,
    NEO_EVIDENCE,
    NEO_PAGE,
    neo_neighbours,
    neo_next_ring,
)
from bench.compare.typedefs import TYPEDEFS_PATH, relationship_fields, typedefs
from graph.model import RELATION_ENDPOINTS, EntityType, RelationType


def test_committed_type_definitions_are_the_models() -> None:
    assert TYPEDEFS_PATH.read_text() == typedefs(), "run: python -m bench.compare.typedefs"


def test_every_relation_is_a_field_on_both_of_its_sides() -> None:
    for relation in RelationType:
        sources, targets = RELATION_ENDPOINTS[relation]
        for entity_type in EntityType:
            fields = {(r, out) for _, r, out, _ in relationship_fields(entity_type)}
            assert ((relation, True) in fields) == (entity_type in sources)
            assert ((relation, False) in fields) == (entity_type in targets)


def test_documents_parse() -> None:
    parse(TYPEDEFS_PATH.read_text())
    for document in (
        NEO_ACCOUNTABILITY,
        NEO_EVIDENCE,
        NEO_PAGE,
        neo_neighbours(EntityType.POST),
        neo_next_ring(list(EntityType)),
    ):
        parse(document)

"""The country-scale API benchmark asks every root question of the schema, each document valid."""

from graphql import build_schema, parse, validate
from graphql.language import FieldNode, OperationDefinitionNode

from api.graphql.sdl import current_sdl
from bench.country_questions import Arguments, questions


def test_every_root_question_is_asked_and_valid() -> None:
    schema = build_schema(current_sdl())
    asked: set[str] = set()
    found = Arguments("service:a", 2, "service:b", 1, "post:p", "body:c", "C", 3, "body:d",
                      "person:x", "post:h", "post:l", ["post:p"])  # fmt: skip
    for question in questions(found):
        document = parse(question.document)
        assert validate(schema, document) == [], question.name
        for definition in document.definitions:
            assert isinstance(definition, OperationDefinitionNode)
            asked |= {
                selection.name.value
                for selection in definition.selection_set.selections
                if isinstance(selection, FieldNode)
            }
    query_type = schema.query_type
    assert query_type is not None
    assert asked == set(query_type.fields)

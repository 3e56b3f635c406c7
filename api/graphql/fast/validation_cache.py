"""Validation results kept by the parsed document's identity.

Strawberry's `ValidationCache` keys its cache by the document, and hashing a parsed document walks
every node of it on every request (about 20 µs for the accountability question). The parser cache
hands back the same document object for the same text, so validation is kept by that object's
identity, with the object itself kept beside the result so that its id stays its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql import DocumentNode, GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document

MAX_DOCUMENTS = 512
VALIDATED: dict[tuple[int, Any], tuple[DocumentNode, list[GraphQLError]]] = {}


class DocumentValidationCache(SchemaExtension):
    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        assert document is not None  # parsed before it is validated
        key = (id(document), context.validation_rules)
        kept = VALIDATED.get(key)
        if kept is not None and kept[0] is document:
            errors = kept[1]
        else:
            errors = validate_document(context.schema._schema, document, context.validation_rules)
            if len(VALIDATED) >= MAX_DOCUMENTS:
                VALIDATED.clear()
            VALIDATED[key] = (document, errors)
        context.pre_execution_errors = errors
        yield

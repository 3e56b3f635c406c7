"""A faster path for plain leaf fields: a node's `id`, an edge's `source`, an evidence's `quote`.

Views for graph-drawing libraries and accountability answers hold thousands of such fields; for
each, graphql-core builds a resolve info and walks the generic completion, which costs more than the
Cypher behind the answer. A leaf field without arguments whose resolver is Strawberry's default
attribute read is read and serialised directly (a null where nulls are allowed, as it is); anything
else (a null where none is allowed, an object, a resolver of ours, a value the scalar refuses)
takes the ordinary path, so errors behave as before.
"""

from __future__ import annotations

from typing import Any

from graphql import GraphQLLeafType, GraphQLNonNull, GraphQLObjectType, is_leaf_type
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext


class LeafFastPathExecutionContext(StrawberryGraphQLCoreExecutionContext):
    def execute_field(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_details_list: Any,
        path: Any,
        position_context: Any = None,
    ) -> Any:
        node = field_details_list[0].node
        field_def = self.schema.get_field(parent_type, node.name.value)
        resolve = field_def.resolve if field_def is not None else None
        if (
            field_def is not None
            and resolve is not None
            and getattr(resolve, "_is_default", False)
            and not node.arguments
            and not self._has_middleware()
        ):
            field_type: Any = field_def.type
            non_null = isinstance(field_type, GraphQLNonNull)
            leaf = field_type.of_type if non_null else field_type
            if is_leaf_type(leaf):
                value = resolve(source, None)
                if value is None and not non_null:
                    return None
                if value is not None and not self.is_awaitable(value):
                    try:
                        serialized = _serialize(leaf, value)
                    except Exception:  # the ordinary path below reports it properly
                        serialized = None
                    if serialized is not None:
                        return serialized
        return super().execute_field(
            parent_type, source, field_details_list, path, position_context
        )

    def _has_middleware(self) -> bool:
        manager = self.middleware_manager
        return manager is not None and bool(getattr(manager, "middlewares", ()))


def _serialize(leaf: Any, value: Any) -> Any:
    scalar: GraphQLLeafType = leaf
    return scalar.serialize(value)

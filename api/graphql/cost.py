"""The cost of a GraphQL document, estimated before it runs, and a limit on it.

A field costs one for each time it may be resolved: the product of the sizes of the lists above it
(breadth), over every level (depth), aliases counting as fields of their own. A list's size is its
page argument where it has one (`first`, `limit`; a variable counts at the most the argument
allows), else an estimate per field. A document over `MAX_COST` is refused by validation, before
any query reaches Neo4j, with an error naming the limit.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLList,
    GraphQLNonNull,
    GraphQLOutputType,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
    VariableNode,
    get_named_type,
    is_interface_type,
    is_object_type,
)

MAX_COST = 50_000
# The page arguments, and the most each may be (a variable is counted at that).
PAGE_ARGUMENTS: Mapping[str, int] = {"first": 200, "limit": 2000}
# Lists without a page argument: how many items each is expected to hold.
LIST_SIZES: Mapping[str, int] = {"related": 25, "nodes": 300, "edges": 600}
DEFAULT_LIST_SIZE = 5


class QueryCostLimit(ValidationRule):
    def enter_operation_definition(self, node: OperationDefinitionNode, *_: Any) -> None:
        schema = self.context.schema
        root = schema.get_root_type(node.operation)
        if root is None:
            return
        defaults = {
            definition.variable.name.value: definition.default_value
            for definition in node.variable_definitions or ()
        }
        estimate = _Estimate(self.context, defaults)
        cost = estimate.selection_set(node.selection_set, root, 1, None, frozenset())
        if cost > MAX_COST:
            self.report_error(
                GraphQLError(
                    f"This query's estimated cost is {cost:,}, over the limit of {MAX_COST:,} "
                    "(each field counts once per item of every list above it, aliases "
                    "included). Ask for fewer levels of lists, smaller `first`/`limit` pages, "
                    "or fewer aliases.",
                    node,
                    extensions={"code": "QUERY_TOO_COSTLY", "cost": cost, "limit": MAX_COST},
                )
            )


class _Estimate:
    def __init__(self, context: ValidationContext, defaults: Mapping[str, Any]) -> None:
        self.context = context
        self.defaults = defaults

    def selection_set(
        self,
        selection_set: SelectionSetNode | None,
        parent: Any,
        multiplier: int,
        page: int | None,
        fragments_seen: frozenset[str],
    ) -> int:
        if selection_set is None:
            return 0
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self.field(selection, parent, multiplier, page, fragments_seen)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                inner = parent
                if condition is not None:
                    inner = self.context.schema.get_type(condition.name.value) or parent
                total += self.selection_set(
                    selection.selection_set, inner, multiplier, page, fragments_seen
                )
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.context.get_fragment(name)
                if fragment is None or name in fragments_seen:
                    continue
                inner = self.context.schema.get_type(fragment.type_condition.name.value) or parent
                total += self.selection_set(
                    fragment.selection_set, inner, multiplier, page, fragments_seen | {name}
                )
            if total > MAX_COST * 10:  # far past the limit: no need to count on
                return total
        return total

    def field(
        self,
        node: FieldNode,
        parent: Any,
        multiplier: int,
        page: int | None,
        fragments_seen: frozenset[str],
    ) -> int:
        cost = multiplier
        if node.selection_set is None:
            return cost
        field_type = self._field_type(parent, node.name.value)
        if field_type is None:
            return cost
        own_page = self._page(node)
        inner_multiplier = multiplier
        if _is_list(field_type):
            size = own_page or page or LIST_SIZES.get(node.name.value, DEFAULT_LIST_SIZE)
            inner_multiplier = multiplier * size
            own_page = None
        return cost + self.selection_set(
            node.selection_set,
            get_named_type(field_type),
            inner_multiplier,
            own_page,  # a page argument of an object (a view) sizes the lists inside it
            fragments_seen,
        )

    def _field_type(self, parent: Any, name: str) -> GraphQLOutputType | None:
        if not (is_object_type(parent) or is_interface_type(parent)):
            return None
        field = parent.fields.get(name)
        return field.type if field is not None else None

    def _page(self, node: FieldNode) -> int | None:
        for argument in node.arguments or ():
            name = argument.name.value
            if name not in PAGE_ARGUMENTS:
                continue
            value = argument.value
            if isinstance(value, VariableNode):
                value = self.defaults.get(value.name.value) or value
            if isinstance(value, IntValueNode):
                return max(1, min(int(value.value), PAGE_ARGUMENTS[name]))
            return PAGE_ARGUMENTS[name]
        return None


def _is_list(field_type: GraphQLOutputType) -> bool:
    inner = field_type.of_type if isinstance(field_type, GraphQLNonNull) else field_type
    return isinstance(inner, GraphQLList)

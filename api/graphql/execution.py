"""A faster path for selections made only of plain fields: a node's `id`, an edge's `source`, an
accountability line's `accountable { id name }`, its `evidence { quote }`.

Views for graph-drawing libraries and accountability answers hold thousands of such fields; for
each, graphql-core builds a path and a resolve info and walks the generic completion, which costs
more than the Cypher behind the answer. A field without arguments whose resolver is Strawberry's
default attribute read, of a scalar or enum type, or of an object type (or a list of them) whose
own selection is again made only of such fields, is read and serialised directly, with one plan
per selection and type. When a value does not fit (a null where none is allowed, a value the
scalar refuses, something that is not a list) the object is completed by the ordinary path again,
so errors behave as before.
"""

from __future__ import annotations

from operator import attrgetter
from typing import Any

from graphql import (
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    is_leaf_type,
)
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

NOT_PLAIN = object()  # a value the plan cannot complete: the ordinary path takes over


class Plan:
    """How to build one selection of one object type: (response key, read, complete) each."""

    __slots__ = ("steps",)

    def __init__(self, steps: list[tuple[str, Any, Any]]) -> None:
        self.steps = steps

    def run(self, source: Any) -> Any:
        results: dict[str, Any] = {}
        for key, read, complete in self.steps:
            value = complete(read(source))
            if value is NOT_PLAIN:
                return NOT_PLAIN
            results[key] = value
        return results


def _completer(field_type: GraphQLOutputType, object_plan: Any) -> Any:
    """A function completing a value of `field_type`, or returning NOT_PLAIN."""
    if isinstance(field_type, GraphQLNonNull):
        inner = _completer(field_type.of_type, object_plan)

        def non_null(value: Any) -> Any:
            return NOT_PLAIN if value is None else inner(value)

        return non_null
    if isinstance(field_type, GraphQLList):
        item = _completer(field_type.of_type, object_plan)

        def as_list(value: Any) -> Any:
            if value is None:
                return None
            if not isinstance(value, list | tuple):
                return NOT_PLAIN
            completed = [item(entry) for entry in value]
            return NOT_PLAIN if any(entry is NOT_PLAIN for entry in completed) else completed

        return as_list
    if is_leaf_type(field_type):
        serialize = field_type.serialize

        def leaf(value: Any) -> Any:
            if value is None:
                return None
            try:
                serialized = serialize(value)
            except Exception:  # the ordinary path reports it properly
                return NOT_PLAIN
            return NOT_PLAIN if serialized is None else serialized

        return leaf

    def as_object(value: Any) -> Any:
        return None if value is None else object_plan.run(value)

    return as_object


def _reader(field_def: Any, resolve: Any) -> Any:
    """The attribute read behind Strawberry's default resolver, without its two wrappers."""
    field = field_def.extensions.get("strawberry-definition") if field_def.extensions else None
    if field is not None and field.base_resolver is None and field.default_resolver is getattr:
        return attrgetter(field.python_name)
    return lambda source: resolve(source, None)


class LeafFastPathExecutionContext(StrawberryGraphQLCoreExecutionContext):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # keyed by the identity of graphql-core's memoised field groups, kept alive beside
        self._plans: dict[tuple[str, int], tuple[Any, Plan | None]] = {}
        self._field_plans: dict[tuple[str, int], tuple[Any, Plan | None]] = {}

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Any,
        grouped_field_set: Any,
        position_context: Any = None,
    ) -> Any:
        plan = self._plan(parent_type, grouped_field_set)
        if plan is not None:
            results = plan.run(source_value)
            if results is not NOT_PLAIN:
                return results
        return super().execute_fields(
            parent_type, source_value, path, grouped_field_set, position_context
        )

    def execute_field(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_details_list: Any,
        path: Any,
        position_context: Any = None,
    ) -> Any:
        # a plain field of an object that is not plain as a whole (it has a resolver of ours)
        cache_key = (parent_type.name, id(field_details_list))
        cached = self._field_plans.get(cache_key)
        if cached is None:
            node = field_details_list[0].node
            group = {node.name.value: field_details_list}
            plan = None if self._has_middleware() else self._build_plan(parent_type, group)
            cached = (field_details_list, plan)
            self._field_plans[cache_key] = cached
        plan = cached[1]
        if plan is not None:
            read, complete = plan.steps[0][1:]
            value = read(source)
            if not self.is_awaitable(value):
                completed = complete(value)
                if completed is not NOT_PLAIN:
                    return completed
        return super().execute_field(
            parent_type, source, field_details_list, path, position_context
        )

    def _plan(self, parent_type: GraphQLObjectType, grouped_field_set: Any) -> Plan | None:
        cache_key = (parent_type.name, id(grouped_field_set))
        cached = self._plans.get(cache_key)
        if cached is not None:
            return cached[1]
        self._plans[cache_key] = (grouped_field_set, None)  # while planning: not plain
        plan = None if self._has_middleware() else self._build_plan(parent_type, grouped_field_set)
        self._plans[cache_key] = (grouped_field_set, plan)
        return plan

    def _build_plan(self, parent_type: GraphQLObjectType, grouped_field_set: Any) -> Plan | None:
        steps: list[tuple[str, Any, Any]] = []
        for response_key, field_details_list in grouped_field_set.items():
            if any(getattr(details, "defer_usage", None) for details in field_details_list):
                return None
            node = field_details_list[0].node
            if node.arguments:
                return None
            field_def = self.schema.get_field(parent_type, node.name.value)
            read = field_def.resolve if field_def is not None else None
            if field_def is None or read is None or not getattr(read, "_is_default", False):
                return None
            named: Any = field_def.type
            while isinstance(named, GraphQLNonNull | GraphQLList):
                named = named.of_type
            object_plan = None
            if not is_leaf_type(named):
                if not isinstance(named, GraphQLObjectType) or named.is_type_of is not None:
                    return None
                grouped, new_defer_usages, *_ = self.collect_subfields(named, field_details_list)
                if new_defer_usages:
                    return None
                object_plan = self._plan(named, grouped)
                if object_plan is None:
                    return None
            steps.append(
                (response_key, _reader(field_def, read), _completer(field_def.type, object_plan))
            )
        return Plan(steps)

    def _has_middleware(self) -> bool:
        manager = self.middleware_manager
        return manager is not None and bool(getattr(manager, "middlewares", ()))

"""A faster path for selections made only of plain fields: a node's `id`, an edge's `source`, an
accountability line's `accountable { id name }`, its `evidence { quote }`.

Views for graph-drawing libraries and accountability answers hold thousands of such fields; for
each, graphql-core builds a path and a resolve info and walks the generic completion, which costs
more than the Cypher behind the answer. A field without arguments whose resolver is the default
read (an attribute, or a query map's key: see `rows.py`), of a scalar or enum type, or of an object
type (or a list of them) whose own selection is again made only of such fields, is read and
serialised directly, with one plan per selection and type. A plan is written out as one function
and kept across requests for the same document (see `_compile` and `SHARED_PLANS`). When a value
does not fit (a null where none is allowed, a value the scalar refuses, something that is not a
list) the object is completed by the ordinary path again, so errors behave as before.
"""

from __future__ import annotations

from operator import attrgetter
from typing import Any

from graphql import (
    FragmentSpreadNode,
    GraphQLBoolean,
    GraphQLID,
    GraphQLInt,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLScalarType,
    GraphQLString,
    OperationDefinitionNode,
    SelectionSetNode,
    is_leaf_type,
)
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from api.graphql.rows import key_of, read_field

NOT_PLAIN = object()  # a value the plan cannot complete: the ordinary path takes over


class Plan:
    """How to build one selection of one object type: a response key, a read and a completion
    for each field, run as one function made for the selection (see `_compile`)."""

    __slots__ = ("run", "steps")

    def __init__(self, steps: list[tuple[str, Any, Any]], names: list[str | None]) -> None:
        self.steps = steps
        self.run: Any = _compile(steps, names)


def _compile(steps: list[tuple[str, Any, Any]], names: list[str | None]) -> Any:
    """The function building one selection's results from an object or a query's map, written out
    as source once per selection (as `dataclasses` writes `__init__`): an object's attributes are
    read by one `attrgetter`, a map's keys by `get`, and a null or a text value that stays as it is
    are recognised inline rather than by a call per field. Response keys and map keys are GraphQL
    names, so they are safe in a literal."""
    namespace: dict[str, Any] = {"NOT_PLAIN": NOT_PLAIN}
    values = [f"v{index}" for index in range(len(steps))]
    lines = ["def run(source):", "    if source.__class__ is dict:  # a query's map (see rows.py)"]
    for value, name, (_, read, _) in zip(values, names, steps, strict=True):
        namespace[f"read_{value}"] = read
        reading = f"source.get({key_of(name)!r})" if name is not None else f"read_{value}(source)"
        lines.append(f"        {value} = {reading}")
    lines.append("    else:")
    attributes = [name for name in names if name is not None]
    if len(attributes) == len(names) > 1:
        namespace["read_all"] = attrgetter(*attributes)
        lines.append(f"        {', '.join(values)} = read_all(source)")
    else:
        for value in values:
            lines.append(f"        {value} = read_{value}(source)")
    for value, (_, _, complete) in zip(values, steps, strict=True):
        namespace[f"complete_{value}"] = complete
        namespace[f"kept_{value}"] = getattr(complete, "kept", None)
        kept = f"{value}.__class__ is not kept_{value}"
        if getattr(complete, "is_int", False):  # an int stays as it is within 32 bits
            kept = f"({kept} or not -2147483648 <= {value} <= 2147483647)"
        condition = {
            (True, True): f"{value} is not None and {kept}",
            (True, False): f"{value} is not None",
            (False, True): kept,
        }.get((getattr(complete, "nullable", False), getattr(complete, "kept", None) is not None))
        indent = "    "
        if condition is not None:
            lines.append(f"    if {condition}:")
            indent = "        "
        lines.append(f"{indent}{value} = complete_{value}({value})")
        lines.append(f"{indent}if {value} is NOT_PLAIN:")
        lines.append(f"{indent}    return NOT_PLAIN")
    pairs = ", ".join(f"{key!r}: {value}" for value, (key, _, _) in zip(values, steps, strict=True))
    lines.append(f"    return {{{pairs}}}")
    exec("\n".join(lines), namespace)
    return namespace["run"]


# Values of these classes serialise to themselves (graphql-core's own scalars): checked first.
KEPT: dict[GraphQLScalarType, type] = {
    GraphQLString: str,
    GraphQLID: str,
    GraphQLBoolean: bool,
    GraphQLInt: int,
}


class LeafCompletion:
    """Serialises a scalar or enum value; `kept` is the class whose values stay as they are."""

    __slots__ = ("is_int", "kept", "null", "nullable", "serialize")

    def __init__(self, leaf_type: Any, nullable: bool) -> None:
        self.serialize = leaf_type.serialize
        self.kept = KEPT.get(leaf_type)
        self.is_int = leaf_type is GraphQLInt
        self.nullable = nullable
        self.null = None if nullable else NOT_PLAIN

    def __call__(self, value: Any) -> Any:
        if value.__class__ is self.kept and not self.is_int:
            return value
        if value is None:
            return self.null
        try:
            serialized = self.serialize(value)
        except Exception:  # the ordinary path reports it properly
            return NOT_PLAIN
        return NOT_PLAIN if serialized is None else serialized


def _completer(field_type: GraphQLOutputType, object_plan: Any) -> Any:
    """A function completing a value of `field_type`, or returning NOT_PLAIN."""
    if isinstance(field_type, GraphQLNonNull) and is_leaf_type(field_type.of_type):
        return LeafCompletion(field_type.of_type, nullable=False)
    if isinstance(field_type, GraphQLNonNull):
        inner = _completer(field_type.of_type, object_plan)

        def non_null(value: Any) -> Any:
            return NOT_PLAIN if value is None else inner(value)

        return non_null
    if isinstance(field_type, GraphQLList):
        if isinstance(field_type.of_type, GraphQLNonNull) and object_plan is not None:
            run = object_plan.run

            def objects(value: Any) -> Any:  # the common list: of objects, none of them null
                if value is None:
                    return None
                if not isinstance(value, list | tuple):
                    return NOT_PLAIN
                completed = [NOT_PLAIN if entry is None else run(entry) for entry in value]
                return NOT_PLAIN if NOT_PLAIN in completed else completed

            return objects
        item = _completer(field_type.of_type, object_plan)

        def as_list(value: Any) -> Any:
            if value is None:
                return None
            if not isinstance(value, list | tuple):
                return NOT_PLAIN
            completed = [item(entry) for entry in value]
            return NOT_PLAIN if NOT_PLAIN in completed else completed

        return as_list
    if is_leaf_type(field_type):
        return LeafCompletion(field_type, nullable=True)

    def as_object(value: Any) -> Any:
        return None if value is None else object_plan.run(value)

    return as_object


def _attribute(field_def: Any) -> str | None:
    """The attribute Strawberry's default resolver reads for this field, if that is its resolver."""
    field = field_def.extensions.get("strawberry-definition") if field_def.extensions else None
    if field is not None and field.base_resolver is None and field.default_resolver is read_field:
        return str(field.python_name)
    return None


def _reader(field_def: Any, resolve: Any) -> Any:
    """The read behind Strawberry's default resolver (an attribute, or a map's key), without its
    two wrappers."""
    name = _attribute(field_def)
    if name is None:
        return lambda source: resolve(source, None)
    key, attribute = key_of(name), attrgetter(name)

    def read(source: Any) -> Any:
        return source.get(key) if source.__class__ is dict else attribute(source)

    return read


# Plans outlive a request: dashboards send the same few documents, and graphql-core collects the
# same field nodes for them each time (the parser cache keeps the documents). A plan is shared only
# for operations without directives, whose selections cannot depend on the variables.
SHARED_PLANS: dict[tuple[Any, ...], tuple[Any, Plan | None]] = {}
MAX_SHARED_PLANS = 2048
DIRECTIVE_FREE: dict[int, tuple[OperationDefinitionNode, bool]] = {}


def _directive_free(selection_set: SelectionSetNode | None, fragments: dict[str, Any]) -> bool:
    if selection_set is None:
        return True
    for selection in selection_set.selections:
        if selection.directives:
            return False
        if isinstance(selection, FragmentSpreadNode):
            fragment = getattr(fragments.get(selection.name.value), "definition", None)
            inner = fragment.selection_set if fragment is not None else None
            if fragment is not None and fragment.directives:
                return False
        else:
            inner = getattr(selection, "selection_set", None)
        if not _directive_free(inner, fragments):
            return False
    return True


def _plan_key(parent_type: GraphQLObjectType, grouped_field_set: Any) -> tuple[Any, ...]:
    return (
        parent_type.name,
        *(
            (response_key, id(details.node))
            for response_key, field_details_list in grouped_field_set.items()
            for details in field_details_list
        ),
    )


class LeafFastPathExecutionContext(StrawberryGraphQLCoreExecutionContext):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # keyed by the identity of graphql-core's memoised field groups, kept alive beside
        self._plans: dict[tuple[str, int], tuple[Any, Plan | None]] = {}
        self._field_plans: dict[tuple[str, int], tuple[Any, Plan | None]] = {}
        self._shared = not self._has_middleware() and self._operation_directive_free()

    def _operation_directive_free(self) -> bool:
        operation = self.operation
        known = DIRECTIVE_FREE.get(id(operation))
        if known is not None and known[0] is operation:
            return known[1]
        free = not operation.directives and _directive_free(operation.selection_set, self.fragments)
        if len(DIRECTIVE_FREE) >= MAX_SHARED_PLANS:
            DIRECTIVE_FREE.clear()
        DIRECTIVE_FREE[id(operation)] = (operation, free)  # the node kept, so its id stays its own
        return free

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
            cached = (field_details_list, self._shared_plan(parent_type, group))
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
        plan = self._shared_plan(parent_type, grouped_field_set)
        self._plans[cache_key] = (grouped_field_set, plan)
        return plan

    def _shared_plan(self, parent_type: GraphQLObjectType, grouped_field_set: Any) -> Plan | None:
        if not self._shared:
            return (
                None if self._has_middleware() else self._build_plan(parent_type, grouped_field_set)
            )
        key = (id(self.schema), *_plan_key(parent_type, grouped_field_set))
        shared = SHARED_PLANS.get(key)
        if shared is not None:
            return shared[1]
        plan = self._build_plan(parent_type, grouped_field_set)
        if len(SHARED_PLANS) >= MAX_SHARED_PLANS:
            SHARED_PLANS.clear()
        SHARED_PLANS[key] = ((self.schema, grouped_field_set), plan)  # kept: ids stay their own
        return plan

    def _build_plan(self, parent_type: GraphQLObjectType, grouped_field_set: Any) -> Plan | None:
        steps: list[tuple[str, Any, Any]] = []
        names: list[str | None] = []
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
            names.append(_attribute(field_def))
        return Plan(steps, names)

    def _has_middleware(self) -> bool:
        manager = self.middleware_manager
        return manager is not None and bool(getattr(manager, "middlewares", ()))

"""The execution context of the fast path: graphql-core's own, with plain selections (a node's
`id`, an edge's `source`, an accountability line's `accountable { id name }`) built by plans.

Views for graph-drawing libraries and accountability answers hold thousands of such fields; for
each, graphql-core builds a path and a resolve info and walks the generic completion, which costs
more than the Cypher behind the answer. A selection a plan covers (see `plans.py`) is read and
serialised directly, with one plan per selection and type, kept across requests for the same
document (see `SHARED_PLANS`).

The answers must be graphql-core's: whatever a plan does not cover, a value it does not take, or
anything going wrong while planning or reading, returns the object to the ordinary path, which then
gives the reference answer and errors. The conformance test (`tests/test_api_conformance.py`)
compares both on a corpus of documents.
"""

from __future__ import annotations

from typing import Any

from graphql import (
    FragmentSpreadNode,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    OperationDefinitionNode,
    SelectionSetNode,
    is_leaf_type,
)
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from api.graphql.fast.plans import (
    NOT_PLAIN,
    TYPE_NAME,
    ByClass,
    Plan,
    attribute_of,
    class_resolving_to,
    completer,
    interface_resolves_by_class,
    reader,
    type_name_reader,
)

# Plans outlive a request: dashboards send the same few documents, and graphql-core collects the
# same field nodes for them each time (the parser cache keeps the documents). A plan is shared only
# for operations without directives, whose selections cannot depend on the variables.
SHARED_PLANS: dict[tuple[Any, ...], tuple[Any, Plan | None]] = {}
MAX_SHARED_PLANS = 2048
DIRECTIVE_FREE: dict[int, tuple[OperationDefinitionNode, bool]] = {}


def _fragment_selections(fragment: Any) -> tuple[bool, SelectionSetNode | None]:
    """Whether a fragment has directives of its own, and its selections. graphql-core keeps a
    fragment's definition in `FragmentDetails.definition` (older versions: the definition)."""
    definition = getattr(fragment, "definition", fragment)
    return bool(definition.directives), definition.selection_set


def directive_free(selection_set: SelectionSetNode | None, fragments: dict[str, Any]) -> bool:
    if selection_set is None:
        return True
    for selection in selection_set.selections:
        if selection.directives:
            return False
        if isinstance(selection, FragmentSpreadNode):
            fragment = fragments.get(selection.name.value)
            if fragment is None:
                return False
            has_directives, inner = _fragment_selections(fragment)
            if has_directives:
                return False
        else:
            inner = getattr(selection, "selection_set", None)
        if not directive_free(inner, fragments):
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
        self._planning = not self._has_middleware()
        try:
            self._shared = self._planning and self._operation_directive_free()
        except Exception:  # a document this code does not understand: nothing shared
            self._shared = False

    def _operation_directive_free(self) -> bool:
        operation = self.operation
        known = DIRECTIVE_FREE.get(id(operation))
        if known is not None and known[0] is operation:
            return known[1]
        free = not operation.directives and directive_free(operation.selection_set, self.fragments)
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
            try:
                results = plan.run(source_value)
            except Exception:  # a read that fails: the ordinary path reports it at its field
                results = NOT_PLAIN
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
        # a plain field of an object that is not plain as a whole (it has a resolver of ours);
        # looked up inline: this runs for every field of such objects
        cached = self._field_plans.get((parent_type.name, id(field_details_list)))
        if cached is not None:
            plan = cached[1]
        else:
            plan = self._field_plan(parent_type, field_details_list)
        if plan is not None:
            read, complete = plan.steps[0][1:]
            try:
                value = read(source)
                completed = NOT_PLAIN if self.is_awaitable(value) else complete(value)
            except Exception:  # a read that fails: the ordinary path reports it
                completed = NOT_PLAIN
            if completed is not NOT_PLAIN:
                return completed
        return super().execute_field(
            parent_type, source, field_details_list, path, position_context
        )

    def _field_plan(self, parent_type: GraphQLObjectType, field_details_list: Any) -> Plan | None:
        node = field_details_list[0].node
        plan = self._shared_plan(parent_type, {node.name.value: field_details_list})
        self._field_plans[(parent_type.name, id(field_details_list))] = (field_details_list, plan)
        return plan

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
            return self._plan_or_none(parent_type, grouped_field_set)
        key = (id(self.schema), *_plan_key(parent_type, grouped_field_set))
        shared = SHARED_PLANS.get(key)
        if shared is not None:
            return shared[1]
        plan = self._plan_or_none(parent_type, grouped_field_set)
        if len(SHARED_PLANS) >= MAX_SHARED_PLANS:
            SHARED_PLANS.clear()
        SHARED_PLANS[key] = ((self.schema, grouped_field_set), plan)  # kept: ids stay their own
        return plan

    def _plan_or_none(self, parent_type: GraphQLObjectType, grouped_field_set: Any) -> Plan | None:
        if not self._planning:
            return None
        try:
            return self._build_plan(parent_type, grouped_field_set)
        except Exception:  # what planning does not understand is left to the ordinary path
            return None

    def _build_plan(self, parent_type: GraphQLObjectType, grouped_field_set: Any) -> Plan | None:
        steps: list[tuple[str, Any, Any]] = []
        names: list[str | None] = []
        for response_key, field_details_list in grouped_field_set.items():
            if any(
                getattr(details, "defer_usage", None)
                or getattr(details, "fragment_variable_values", None)
                for details in field_details_list
            ):
                return None
            node = field_details_list[0].node
            if node.arguments:
                return None
            if node.name.value == "__typename":  # graphql-core answers the parent type's name
                steps.append((response_key, type_name_reader(parent_type.name), TYPE_NAME))
                names.append(None)
                continue
            field_def = self.schema.get_field(parent_type, node.name.value)
            read = field_def.resolve if field_def is not None else None
            if field_def is None or read is None or not getattr(read, "_is_default", False):
                return None
            named: Any = field_def.type
            while isinstance(named, GraphQLNonNull | GraphQLList):
                named = named.of_type
            object_plan = None
            if not is_leaf_type(named):
                object_plan = self._object_plan(named, field_details_list)
                if object_plan is None:
                    return None
            steps.append(
                (response_key, reader(field_def, read), completer(field_def.type, object_plan))
            )
            names.append(attribute_of(field_def))
        return Plan(steps, names)

    def _object_plan(self, named: Any, field_details_list: Any) -> Plan | ByClass | None:
        """The plan of a field's object: of its selection on an object type; or, for an interface
        or an object type that checks its values, one plan per Strawberry class it can hold."""
        if isinstance(named, GraphQLObjectType) and named.is_type_of is None:
            return self._selection_plan(named, field_details_list)
        if isinstance(named, GraphQLObjectType):
            possible = [named]
        elif isinstance(named, GraphQLInterfaceType) and interface_resolves_by_class(named):
            possible = list(self.schema.get_possible_types(named))
        else:
            return None
        plans: dict[type, Plan] = {}
        for object_type in possible:
            origin = class_resolving_to(object_type, named)
            plan = self._selection_plan(object_type, field_details_list) if origin else None
            if origin is not None and plan is not None:
                plans[origin] = plan
        return ByClass(plans) if plans else None

    def _selection_plan(self, object_type: GraphQLObjectType, fields: Any) -> Plan | None:
        grouped, new_defer_usages, *_ = self.collect_subfields(object_type, fields)
        if new_defer_usages:
            return None
        return self._plan(object_type, grouped)

    def _has_middleware(self) -> bool:
        manager = self.middleware_manager
        return manager is not None and bool(getattr(manager, "middlewares", ()))

"""Plans: how one selection of one object type is read and serialised without graphql-core's
generic completion, written out as one function per selection.

A plan covers fields without arguments whose resolver is the default read (an attribute, or a
query map's key: see `api/graphql/rows.py`), of a scalar or enum type, or of an object type or an
interface (or a list of them) whose own selection is again such a plan, and `__typename`. An
interface's value is planned by its class (`ByClass`): the Strawberry type it is an instance of is
the object type graphql-core would resolve it to. When a value does not fit (a null where none is
allowed, a value the scalar refuses, something that is not a list, an object of a class no plan
knows) a plan returns `NOT_PLAIN` and the executor completes the object by the ordinary path, so
that errors and values are graphql-core's own.
"""

from __future__ import annotations

from operator import attrgetter
from typing import Any

from graphql import (
    GraphQLBoolean,
    GraphQLID,
    GraphQLInt,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLScalarType,
    GraphQLString,
    is_leaf_type,
)
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.base import StrawberryObjectDefinition
from strawberry.types.cast import TYPE_CAST_ATTRIBUTE

from api.graphql.rows import key_of, read_field

NOT_PLAIN = object()  # a value the plan cannot complete: the ordinary path takes over


class Plan:
    """How to build one selection of one object type: a response key, a read and a completion
    for each field, run as one function made for the selection (see `compile_plan`)."""

    __slots__ = ("run", "steps")

    def __init__(self, steps: list[tuple[str, Any, Any]], names: list[str | None]) -> None:
        self.steps = steps
        self.run: Any = compile_plan(steps, names)


def compile_plan(steps: list[tuple[str, Any, Any]], names: list[str | None]) -> Any:
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


class ByClass:
    """The plan of a value whose object type depends on its class: an interface's value, or that of
    an object type that checks its values (Strawberry's `is_type_of`). Each class that is a
    Strawberry object type maps to the plan of that type's selection; a value of another class, or
    one cast to a type (`strawberry.cast`), is left to the ordinary path."""

    __slots__ = ("plans",)

    def __init__(self, plans: dict[type, Plan]) -> None:
        self.plans = plans

    def run(self, value: Any) -> Any:
        plan = self.plans.get(value.__class__)
        if plan is None or getattr(value, TYPE_CAST_ATTRIBUTE, None) is not None:
            return NOT_PLAIN
        return plan.run(value)


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


def completer(field_type: GraphQLOutputType, object_plan: Any) -> Any:
    """A function completing a value of `field_type`, or returning NOT_PLAIN."""
    if isinstance(field_type, GraphQLNonNull) and is_leaf_type(field_type.of_type):
        return LeafCompletion(field_type.of_type, nullable=False)
    if isinstance(field_type, GraphQLNonNull):
        inner = completer(field_type.of_type, object_plan)

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
        item = completer(field_type.of_type, object_plan)

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


def attribute_of(field_def: Any) -> str | None:
    """The attribute Strawberry's default resolver reads for this field, if that is its resolver."""
    field = field_def.extensions.get("strawberry-definition") if field_def.extensions else None
    if field is not None and field.base_resolver is None and field.default_resolver is read_field:
        return str(field.python_name)
    return None


def reader(field_def: Any, resolve: Any) -> Any:
    """The read behind Strawberry's default resolver (an attribute, or a map's key), without its
    two wrappers."""
    name = attribute_of(field_def)
    if name is None:
        return lambda source: resolve(source, None)
    key, attribute = key_of(name), attrgetter(name)

    def read(source: Any) -> Any:
        return source.get(key) if source.__class__ is dict else attribute(source)

    return read


TYPE_NAME = LeafCompletion(GraphQLString, nullable=False)


def type_name_reader(name: str) -> Any:
    """`__typename` of an object of the plan's type: the type's name, whatever the object."""
    return lambda source: name


def strawberry_definition(graphql_type: Any) -> Any:
    extensions = graphql_type.extensions or {}
    definition = extensions.get(GraphQLCoreConverter.DEFINITION_BACKREF)
    return definition if isinstance(definition, StrawberryObjectDefinition) else None


def interface_resolves_by_class(interface: GraphQLInterfaceType) -> bool:
    """Whether Strawberry resolves the interface's values by their class (its own `resolve_type`,
    not one the interface defines)."""
    definition = strawberry_definition(interface)
    return definition is not None and definition.is_interface and definition.resolve_type is None


def class_resolving_to(object_type: GraphQLObjectType, abstract: Any) -> type | None:
    """The class whose instances Strawberry resolves to `object_type` as values of `abstract` (an
    interface the type implements, or the type itself) and accepts with its own `is_type_of`: the
    type's Strawberry class, when neither is customised; else None."""
    definition = strawberry_definition(object_type)
    if (
        definition is None
        or definition.is_graphql_generic
        or definition.is_type_of is not None
        or definition.name != object_type.name
        or not isinstance(definition.origin, type)
    ):
        return None
    if abstract is not object_type:
        interface = strawberry_definition(abstract)
        if interface is None or not issubclass(definition.origin, interface.origin):
            return None
    return definition.origin

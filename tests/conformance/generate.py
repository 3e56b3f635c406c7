"""Query documents generated from the live schema, for the conformance test.

Each document is drawn, from a fixed seed, out of what the schema offers at the time: every root
field, with arguments taken from the fixture graph's ids, names and dates (or, now and then, an
unknown id or type, for errors in nested fields), and selections mixing what clients send: named
fragments (on interfaces and on concrete types, within fragments), inline fragments, aliases (the
same field twice with other arguments), `__typename`, `@include`/`@skip` on fields and fragments
with variables (some with defaults), lists and connections. A field added to the schema later is
drawn too. Documents the schema's validation refuses are drawn again, so all of them execute.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphql import (
    GraphQLArgument,
    GraphQLBoolean,
    GraphQLEnumType,
    GraphQLError,
    GraphQLField,
    GraphQLFloat,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLInt,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLUnionType,
    Undefined,
    get_named_type,
    is_leaf_type,
    parse,
    validate,
)
from graphql.validation import ASTValidationRule

from graph.model import EntityType, RelationType
from loaders.curated import read_curated

MAX_TOKENS = 1500  # well within the API's limit, with room for the limits on depth and aliases
MAX_DEPTH = 4  # object fields nested below a root field
BAD_ID = "service:no-such-thing"
SEED = 13


@dataclass
class Case:
    name: str
    query: str
    variables: dict[str, Any] = field(default_factory=dict)


@dataclass
class Seeds:
    """What the fixture graph holds, read from its files: ids by entity type, and names."""

    ids: dict[str, list[str]]
    names: list[str]

    @classmethod
    def read(cls, folder: Path) -> Seeds:
        ids: dict[str, list[str]] = {}
        names: list[str] = []
        for path in sorted(folder.glob("*.yaml")):
            for source in read_curated(path).sources:
                for entity in source.entities:
                    ids.setdefault(str(entity.type), []).append(entity.id)
                    names.append(entity.name)
        return cls(ids, names)

    def any_id(self, rng: random.Random, *types: str) -> str:
        kinds = [kind for kind in (types or tuple(self.ids)) if kind in self.ids]
        return rng.choice(self.ids[rng.choice(kinds)])


ID_TYPES = {"service": ("Service",), "body": ("Body",), "left": ("Body",), "right": ("Body",)}
CHAIN_TYPES = ("Post", "Portfolio", "Person", "Service")
DATES = ["2010-01-01", "2014-06-30", "2016-01-01", "2016-03-01", "2030-01-01"]
SEARCH_WORDS = ["libraries", "health", "Northshire", "arts", "culture manager"]


class Builder:
    """One document: its operation's selections, fragments and variables."""

    def __init__(self, schema: GraphQLSchema, seeds: Seeds, rng: random.Random) -> None:
        self.schema, self.seeds, self.rng = schema, seeds, rng
        self.fragments: list[str] = []
        self.definitions: list[str] = []
        self.variables: dict[str, Any] = {}
        self.counter = 0
        self.errors = rng.random() < 0.15  # a document that asks for some errors
        self.directives = rng.random() < 0.5  # the others' plans are shared across requests

    def name(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    def document(self, root: str) -> str:
        query_type = self.schema.query_type
        assert query_type is not None
        field_def = query_type.fields[root]
        # the same root field twice, but not where both could fail: the first failure to reach a
        # non-null root nulls `data`, and which one comes first is a race
        twice = not self.errors and self.rng.random() < 0.3
        selection = self.field(root, field_def, 0, twice)
        extra = " __typename" if self.rng.random() < 0.2 else ""
        head = f"query Q({', '.join(self.definitions)})" if self.definitions else "query Q"
        return "\n".join([f"{head} {{ {selection}{extra} }}", *self.fragments])

    # values

    def value(self, arg: str, type_: GraphQLInputType, parent: str) -> Any:
        rng = self.rng
        if isinstance(type_, GraphQLNonNull):
            return self.value(arg, type_.of_type, parent)
        if isinstance(type_, GraphQLList):
            return [self.value(arg, type_.of_type, parent) for _ in range(rng.randint(1, 2))]
        if isinstance(type_, GraphQLEnumType):
            return rng.choice(list(type_.values))
        if isinstance(type_, GraphQLInputObjectType):
            return {
                name: self.value(name, inner.type, parent)
                for name, inner in type_.fields.items()
                if isinstance(inner.type, GraphQLNonNull) or rng.random() < 0.7
            }
        if type_ is GraphQLBoolean:
            return rng.random() < 0.5
        if type_ in (GraphQLInt, GraphQLFloat):
            return {"first": rng.choice([1, 2, 5, 20]), "depth": rng.choice([1, 2])}.get(
                arg, rng.choice([1, 3, 10])
            )
        if type_.name == "Date":
            return rng.choice(DATES)
        if type_.name == "ID":
            if self.errors and rng.random() < 0.3:
                return BAD_ID
            if arg == "id" and parent == "accountabilityChain":
                return self.seeds.any_id(rng, *CHAIN_TYPES)
            return self.seeds.any_id(rng, *ID_TYPES.get(arg, ()))
        if arg in ("types", "entityTypes", "type"):
            if self.errors and rng.random() < 0.5:
                return "NoSuchType"
            if parent in ("relations", "related") and arg == "types":
                return rng.choice(list(RelationType)).value
            return rng.choice(list(EntityType)).value
        if arg == "name":
            return rng.choice(self.seeds.names)
        if arg == "nameContains":
            return rng.choice(["shire", "lib", "Communities"])
        if arg == "query":
            return rng.choice(SEARCH_WORDS)
        return None  # a text the generator knows nothing of: left out

    def literal(self, value: Any, type_: GraphQLInputType) -> str:
        if value is None:
            return "null"
        if isinstance(type_, GraphQLNonNull):
            return self.literal(value, type_.of_type)
        if isinstance(type_, GraphQLList):
            return "[" + ", ".join(self.literal(item, type_.of_type) for item in value) + "]"
        if isinstance(type_, GraphQLEnumType):
            return str(value)
        if isinstance(type_, GraphQLInputObjectType):
            pairs = (f"{k}: {self.literal(v, type_.fields[k].type)}" for k, v in value.items())
            return "{" + ", ".join(pairs) + "}"
        return json.dumps(value)

    def arguments(self, field_name: str, args: dict[str, GraphQLArgument]) -> str:
        given = []
        for name, arg in args.items():
            required = isinstance(arg.type, GraphQLNonNull) and arg.default_value is Undefined
            if not required and self.rng.random() > 0.35:
                continue
            value = self.value(name, arg.type, field_name)
            if value is None and required:
                value = "x"
            if value is None or get_named_type(arg.type).name == "JSON":
                continue
            given.append(f"{name}: {self.argument(value, arg.type)}")
        return f"({', '.join(given)})" if given else ""

    def argument(self, value: Any, type_: GraphQLInputType) -> str:
        """A literal, or a variable carrying the value (now and then only by its default)."""
        if self.rng.random() < 0.6:
            return self.literal(value, type_)
        variable = self.name("v")
        if self.rng.random() < 0.3:  # a default the request does not override
            nullable = type_.of_type if isinstance(type_, GraphQLNonNull) else type_
            self.definitions.append(f"${variable}: {nullable} = {self.literal(value, type_)}")
        else:
            self.definitions.append(f"${variable}: {type_}")
            self.variables[variable] = value
        return f"${variable}"

    def condition(self) -> str:
        """`@include`/`@skip`, on a literal or a variable; mostly none."""
        roll = self.rng.random()
        if not self.directives or roll > 0.15:
            return ""
        directive = self.rng.choice(["include", "skip"])
        if roll < 0.05:
            return f" @{directive}(if: {self.rng.choice(['true', 'false'])})"
        variable = self.name("b")
        self.definitions.append(f"${variable}: Boolean!")
        self.variables[variable] = self.rng.random() < 0.5
        return f" @{directive}(if: ${variable})"

    # selections

    def field(self, name: str, field_def: GraphQLField, depth: int, twice: bool = False) -> str:
        args = self.arguments(name, field_def.args)
        alias = f"{self.name('a')}: " if args or self.rng.random() < 0.1 else ""
        text = f"{alias}{name}{args}{self.condition()}{self.selection(field_def.type, depth)}"
        if twice and field_def.args:  # the same field again, with other arguments
            text += " " + self.field(name, field_def, depth)
        return text

    def selection(self, type_: Any, depth: int) -> str:
        named = get_named_type(type_)
        if is_leaf_type(named):
            return ""
        return " { " + " ".join(self.selections(named, depth + 1)) + " }"

    def selections(self, named: Any, depth: int) -> list[str]:
        parts: list[str] = []
        if isinstance(named, GraphQLInterfaceType | GraphQLObjectType):
            parts.extend(self.fields(named, depth))
        if isinstance(named, GraphQLInterfaceType | GraphQLUnionType):
            possible = list(self.schema.get_possible_types(named))
            for concrete in self.rng.sample(possible, k=min(len(possible), self.rng.randint(0, 2))):
                parts.append(self.typed(concrete, depth))
        if self.rng.random() < 0.3:
            parts.append(self.typed(named, depth))  # a fragment on the type itself
        if self.rng.random() < 0.25:
            parts.append("__typename")
        return parts or ["__typename"]

    def typed(self, type_: Any, depth: int) -> str:
        """A named fragment on the type (its body maybe spreading others) or an inline one."""
        body = " ".join(self.fields(type_, depth) or ["__typename"])
        if self.rng.random() < 0.35:
            condition = f" on {type_.name}" if self.rng.random() < 0.8 else ""
            return f"...{condition}{self.condition()} {{ {body} }}"
        name = self.name("F")
        if self.rng.random() < 0.3 and depth < MAX_DEPTH:
            body += " " + self.typed(type_, depth)  # a fragment within the fragment
        self.fragments.append(f"fragment {name} on {type_.name} {{ {body} }}")
        return f"...{name}{self.condition()}"

    def fields(self, type_: Any, depth: int) -> list[str]:
        parts = []
        for name, field_def in type_.fields.items():
            leaf = is_leaf_type(get_named_type(field_def.type))
            wanted = 0.5 if leaf else (0.45 if depth < 2 else 0.15)
            if (not leaf and depth >= MAX_DEPTH) or self.rng.random() > wanted:
                continue
            parts.append(self.field(name, field_def, depth, twice=self.rng.random() < 0.2))
        return parts


def generated_cases(
    schema: GraphQLSchema, rules: Sequence[type[ASTValidationRule]], seeds: Seeds, count: int
) -> Iterator[Case]:
    """`count` documents over every root field in turn, each valid by the API's rules."""
    rng = random.Random(SEED)
    query_type = schema.query_type
    assert query_type is not None
    roots = sorted(query_type.fields)
    made = 0
    while made < count:
        root = roots[made % len(roots)]
        builder = Builder(schema, seeds, rng)
        query = builder.document(root)
        try:
            document = parse(query, max_tokens=MAX_TOKENS)
        except GraphQLError:
            continue
        if validate(schema, document, rules):
            continue
        made += 1
        yield Case(f"generated-{made:03d}-{root}", query, builder.variables)


def introspection_cases(schema: GraphQLSchema) -> Iterator[Case]:
    """`__type` for every named type of the schema, and the schema's own description."""
    yield Case(
        "introspection-schema",
        "{ __schema { queryType { name } types { name kind possibleTypes { name } } "
        "directives { name locations args { name defaultValue } } } }",
    )
    for name in sorted(schema.type_map):
        yield Case(
            f"introspection-{name}",
            "query ($name: String!) { __type(name: $name) { __typename name kind description "
            "fields(includeDeprecated: true) { name isDeprecated args { name defaultValue "
            "type { name kind ofType { name kind ofType { name kind } } } } "
            "type { name kind ofType { name kind ofType { name kind ofType { name } } } } } "
            "interfaces { name } possibleTypes { name } enumValues { name } "
            "inputFields { name defaultValue type { name kind ofType { name } } } } }",
            {"name": name},
        )


def written_cases(folder: Path) -> Iterator[Case]:
    """The hand-written documents: in each `.graphql` file, documents separated by `# ---`;
    each `# variables: {...}` line of a document makes one case (none: one case without)."""
    for path in sorted(folder.glob("*.graphql")):
        blocks = path.read_text(encoding="utf-8").split("# ---")
        for number, block in enumerate(blocks, start=1):
            if not block.strip():
                continue
            variable_sets = [
                json.loads(line.split(":", 1)[1])
                for line in block.splitlines()
                if line.startswith("# variables:")
            ] or [{}]
            for index, variables in enumerate(variable_sets, start=1):
                yield Case(f"{path.stem}-{number:02d}-{index}", block, variables)

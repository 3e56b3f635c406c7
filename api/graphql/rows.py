"""Answers read straight from the named queries' maps.

The accountability query returns its holders and evidence, and the neighbourhood query its nodes
and edges, as maps whose keys are the GraphQL field names (`documentId`, `validFrom`...) and whose
dates are ISO text. Hundreds of them make one answer; copying each into an object first cost more
than the query. So a map stands in for its
object: a field without a resolver of its own reads the map's key (a key the map lacks is null,
as in Cypher), and a Date field takes ISO text as well as a date.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from functools import cache
from typing import Any

from strawberry.schema.config import StrawberryConfig
from strawberry.schema.types.base_scalars import DateDefinition
from strawberry.utils.str_converters import to_camel_case


@cache
def key_of(python_name: str) -> str:
    """The map key for a field: its GraphQL name."""
    return to_camel_case(python_name)


def read_field(source: Any, python_name: str) -> object:
    """Strawberry's default resolver, for objects and for the queries' maps alike."""
    if source.__class__ is dict:
        return source.get(key_of(python_name))
    return getattr(source, python_name)


def serialize_date(value: Any) -> str:
    if value.__class__ is str:
        dt.date.fromisoformat(value)  # refuses what is not a date
        return str(value)
    return str(value.isoformat())


DATE_OR_ISO_TEXT = dataclasses.replace(DateDefinition, serialize=serialize_date)

SCHEMA_CONFIG = StrawberryConfig(
    default_resolver=read_field, scalar_map={dt.date: DATE_OR_ISO_TEXT}
)

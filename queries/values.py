"""Cypher values as plain JSON: nodes, relationships, paths, temporal and spatial values.

Nodes become `{id, labels, properties}`, relationships `{id, type, start, end, properties}` (ids
are element ids), paths `{nodes, relationships}`, dates and times ISO 8601 strings.
"""

from __future__ import annotations

import base64
import datetime as dt
import math
from collections.abc import Mapping
from typing import Any

from neo4j.graph import Node, Path, Relationship
from neo4j.spatial import Point
from neo4j.time import Date, DateTime, Duration, Time

from graph.errors import QueryRefused

JsonValue = None | bool | int | float | str | list["JsonValue"] | dict[str, "JsonValue"]
MAX_DEPTH = 100  # lists and maps within each other; deeper answers are refused, not overflowed


def to_json(value: Any, depth: int = 0) -> JsonValue:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, Node):
        return node_json(value)
    if isinstance(value, Relationship):
        return relationship_json(value)
    if isinstance(value, Path):
        return {
            "nodes": [node_json(node) for node in value.nodes],
            "relationships": [relationship_json(rel) for rel in value.relationships],
        }
    if isinstance(value, Date | DateTime | Time | Duration):
        return value.iso_format()
    if isinstance(value, dt.date | dt.time):  # dt.datetime is a dt.date
        return value.isoformat()
    if isinstance(value, Point):
        return point_json(value)
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, Mapping | list | tuple):
        if depth >= MAX_DEPTH:
            raise QueryRefused(
                f"the answer nests lists or maps more than {MAX_DEPTH} levels deep; "
                "return flatter values"
            )
        if isinstance(value, Mapping):
            return {str(key): to_json(item, depth + 1) for key, item in value.items()}
        return [to_json(item, depth + 1) for item in value]
    return str(value)


def properties_json(properties: Mapping[str, Any]) -> dict[str, JsonValue]:
    return {key: to_json(properties[key]) for key in sorted(properties)}


def node_json(node: Node) -> dict[str, JsonValue]:
    labels: list[JsonValue] = [label for label in sorted(node.labels)]
    return {
        "id": node.element_id,
        "labels": labels,
        "properties": properties_json(dict(node.items())),
    }


def relationship_json(rel: Relationship) -> dict[str, JsonValue]:
    start, end = rel.start_node, rel.end_node
    return {
        "id": rel.element_id,
        "type": rel.type,
        "start": start.element_id if start is not None else None,
        "end": end.element_id if end is not None else None,
        "properties": properties_json(dict(rel.items())),
    }


def point_json(point: Point) -> dict[str, JsonValue]:
    coordinates: list[JsonValue] = [float(c) for c in point]
    return {"srid": point.srid, "coordinates": coordinates}

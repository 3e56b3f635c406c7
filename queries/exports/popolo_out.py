"""Popolo JSON out: persons, organizations, posts, memberships, areas and events.

Bodies, committees and partnership groups are organizations (classification kept, or named by
type); a tenure of a post (HOLDS) is a membership with `post_id`, and MEMBER_OF a person's
membership of an organization with its role. Ids are the graph's own, so that reading the file back
(`loaders.formats.popolo`) gives the same entities; partial dates are written as precise as they
were read. Nothing but names, roles, dates and identifiers goes out: no contact details.
"""

from __future__ import annotations

import json
from typing import Any

from queries.exports.subgraph import ExportEdge, ExportGraph, ExportNode

ORGANIZATION_CLASSES = {
    "Body": "body",
    "Committee": "committee",
    "PartnershipGroup": "partnership group",
}
PERSON_FIELDS = ("given_name", "family_name", "honorific_prefix", "honorific_suffix", "gender")
IDENTIFIER_SCHEMES = {"wikidata_id": "wikidata", "gss_id": "gss", "gss_code": "gss"}


def _date(value: Any, precision: Any) -> str | None:
    if not isinstance(value, str):
        return None
    if precision == "year":
        return value[:4]
    if precision == "month":
        return value[:7]
    return value[:10]


def _drop_empty(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if v not in (None, [], "")}


def _identifiers(node: ExportNode) -> list[dict[str, str]]:
    found = {
        (scheme, str(node.properties[key]))
        for key, scheme in IDENTIFIER_SCHEMES.items()
        if node.properties.get(key)
    }
    return [{"scheme": scheme, "identifier": value} for scheme, value in sorted(found)]


def _names(node: ExportNode) -> list[dict[str, str]]:
    return [{"name": alias} for alias in node.properties.get("aliases") or []]


def popolo_document(graph: ExportGraph) -> dict[str, Any]:
    nodes = {node.id: node for node in graph.nodes}
    by_type: dict[str, list[ExportNode]] = {}
    for node in graph.nodes:
        by_type.setdefault(node.type, []).append(node)
    out_edges: dict[tuple[str, str], list[ExportEdge]] = {}
    for edge in graph.edges:
        out_edges.setdefault((edge.source, edge.type), []).append(edge)

    def first_target(source: str, *types: str) -> str | None:
        targets = sorted(e.target for t in types for e in out_edges.get((source, t), []))
        return targets[0] if targets else None

    organizations = [
        _drop_empty(
            {
                "id": node.id,
                "name": node.name,
                "classification": node.properties.get("classification")
                or node.properties.get("kind")
                or ORGANIZATION_CLASSES[node.type],
                "parent_id": first_target(
                    node.id, "SUB_ORGANIZATION_OF", "BELONGS_TO", "SUB_GROUP_OF"
                ),
                "other_names": _names(node),
                "identifiers": _identifiers(node),
            }
        )
        for kind in ORGANIZATION_CLASSES
        for node in by_type.get(kind, [])
    ]
    persons = [
        _drop_empty(
            {
                "id": node.id,
                "name": node.name,
                "other_names": _names(node),
                **{key: node.properties.get(key) for key in PERSON_FIELDS},
                "identifiers": _identifiers(node),
            }
        )
        for node in by_type.get("Person", [])
    ]
    posts = [
        _drop_empty(
            {
                "id": node.id,
                "label": node.name,
                "role": node.properties.get("post_role"),
                "organization_id": first_target(node.id, "BELONGS_TO"),
                "area_id": first_target(node.id, "COVERS_AREA"),
                "other_labels": _names(node),
            }
        )
        for node in by_type.get("Post", [])
    ]
    memberships = [
        _membership(edge, nodes, first_target)
        for edge in graph.edges
        if (edge.type == "HOLDS" and nodes[edge.source].type == "Person")
        or (
            edge.type == "MEMBER_OF"
            and nodes[edge.source].type == "Person"
            and nodes[edge.target].type in ORGANIZATION_CLASSES
        )
    ]
    areas = [
        _drop_empty({"id": n.id, "name": n.name, "type": n.properties.get("classification")})
        for n in by_type.get("Area", [])
    ]
    events = [
        _drop_empty(
            {
                "id": n.id,
                "name": n.name,
                "classification": n.properties.get("classification"),
                "start_date": _date(
                    n.properties.get("validFrom"), n.properties.get("valid_from_precision")
                ),
                "end_date": _date(
                    n.properties.get("validTo"), n.properties.get("valid_to_precision")
                ),
                "organization_id": n.properties.get("organization"),
            }
        )
        for n in by_type.get("ChangeEvent", [])
    ]
    return {
        "persons": persons,
        "organizations": organizations,
        "posts": posts,
        "memberships": sorted(memberships, key=lambda m: m["id"]),
        "areas": areas,
        "events": events,
        "meta": {"exported_by": "civicgraph", "scope": graph.scope},
    }


def _membership(
    edge: ExportEdge, nodes: dict[str, ExportNode], first_target: Any
) -> dict[str, Any]:
    props = edge.properties
    holds = edge.type == "HOLDS"
    return _drop_empty(
        {
            "id": edge.id,
            "person_id": edge.source,
            "post_id": edge.target if holds else None,
            "organization_id": first_target(edge.target, "BELONGS_TO") if holds else edge.target,
            "role": _holder_role(edge, nodes[edge.target]) if holds else props.get("role"),
            "start_date": _date(props.get("validFrom"), props.get("valid_from_precision")),
            "end_date": _date(props.get("validTo"), props.get("valid_to_precision")),
            "on_behalf_of_id": props.get("on_behalf_of"),
            "area_id": props.get("area"),
            "legislative_period_id": props.get("legislative_period"),
        }
    )


def _holder_role(edge: ExportEdge, post: ExportNode) -> str:
    """The role as read, else the post's name ("Acting ..." when the tenure is acting)."""
    stated = edge.properties.get("membership_role")
    if isinstance(stated, str) and stated:
        return stated
    capacity = edge.properties.get("capacity")
    if capacity in {"acting", "interim", "designate"}:
        return f"{str(capacity).capitalize()} {post.name}"
    return post.name


def render_popolo(graph: ExportGraph) -> bytes:
    return json.dumps(popolo_document(graph), ensure_ascii=False, indent=1).encode()

"""What each answer says, reduced to plain comparable values, so that the two contestants' answers
can be checked to carry the same content whatever their shapes."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

Line = tuple[str, str, str, str, frozenset[Any], frozenset[Any], frozenset[Any]]
JSON = dict[str, Any]


def civic_lines(data: JSON) -> set[Line]:
    """(relation id, relation type, service, accountable, body ids, holders, evidence) per line."""
    bodies: dict[str, set[str | None]] = defaultdict(set)
    lines: dict[str, JSON] = {}
    for entry in data["accountability"]["bodies"]:
        for line in entry["lines"]:
            bodies[line["relationId"]].add(entry["body"]["id"] if entry["body"] else None)
            lines[line["relationId"]] = line
    return {
        (
            rid,
            line["relationType"],
            line["service"]["id"],
            line["accountable"]["id"],
            frozenset(bodies[rid]),
            frozenset(
                (_id(h["post"]), _id(h["person"]), h["capacity"], h["role"])
                for h in line["holders"]
            ),
            frozenset((e["documentId"], e["paragraph"], e["quote"]) for e in line["evidence"]),
        )
        for rid, line in lines.items()
    }


def _id(entity: JSON | None) -> str | None:
    return entity["id"] if entity else None


_LINE_FIELDS = (
    ("coversInConnection", "COVERS"),
    ("accountableForInConnection", "ACCOUNTABLE_FOR"),
    ("couldSitInConnection", "COULD_SIT_IN"),
    ("scrutinisedByConnection", "SCRUTINISED_BY"),
    ("concernsInConnection", "CONCERNS"),
)


def neo_raw_lines(data: JSON) -> list[tuple[str, str, str, JSON, JSON]]:
    """(relation id, relation type, service id, relationship properties, accountable) for every
    line of the service and of its narrower services."""
    found = []
    services = list(data["services"])
    while services:
        service = services.pop()
        services.extend(service.get("broaderIn", []))
        for field, relation_type in _LINE_FIELDS:
            for edge in service[field]["edges"]:
                fact, node = edge["properties"], edge["node"]
                found.append((fact["id"], relation_type, service["id"], fact, node))
    return found


def neo_evidence_ids(data: JSON) -> list[str]:
    """The facts whose evidence the second request asks for: every line's relationship, and
    the accountable entity of a line that no body owns (its documents' bodies own it)."""
    ids = set()
    for rid, _, _, _, node in neo_raw_lines(data):
        ids.add(rid)
        if not _owners(node):
            ids.add(node["id"])
    return sorted(ids)


def _owners(node: JSON) -> set[str]:
    owners = {body["id"] for body in node.get("belongsTo", [])}
    for post in node.get("holdsPortfolioIn", []):
        owners |= {body["id"] for body in post["belongsTo"]}
    return owners


def _holders(node: JSON) -> frozenset[Any]:
    holders = set()
    if node["type"] == "Portfolio":
        for post in node["holdsPortfolioIn"]:
            tenures = post["holdsInConnection"]["edges"]
            holders |= {(post["id"], t["node"]["id"], t["properties"]["capacity"], None)
                        for t in tenures} or {(post["id"], None, None, None)}  # fmt: skip
    elif node["type"] == "Post":
        holders = {(node["id"], t["node"]["id"], t["properties"]["capacity"], None)
                   for t in node["holdsInConnection"]["edges"]}  # fmt: skip
    elif "memberOfInConnection" in node:
        for member in node["memberOfInConnection"]["edges"]:
            who = member["node"]
            if who:  # a body among the members answers for nothing here
                post = who["id"] if who["type"] == "Post" else None
                person = who["id"] if who["type"] == "Person" else None
                holders.add((post, person, None, member["properties"]["role"]))
    return frozenset(holders)


def neo_lines(data: JSON, evidence: JSON) -> set[Line]:
    by_fact: dict[str, list[JSON]] = defaultdict(list)
    for ev in evidence["evidences"]:
        by_fact[ev["factId"]].append(ev)
    lines = set()
    for rid, relation_type, service, _, node in neo_raw_lines(data):
        owners: set[str | None] = set(_owners(node))
        if not owners:
            cited = by_fact[rid] + by_fact[node["id"]]
            owners = {doc["body"] for ev in cited for doc in ev["fromDocument"] if doc["body"]}
            owners = owners or {None}
        said = frozenset((ev["document"], ev["paragraph"], ev["quote"]) for ev in by_fact[rid])
        lines.add(
            (rid, relation_type, service, node["id"], frozenset(owners), _holders(node), said)
        )
    return lines


def civic_neighbourhood(data: JSON) -> tuple[set[str], set[str]]:
    view = data["neighbourhood"]
    return {n["id"] for n in view["nodes"]}, {e["id"] for e in view["edges"]}


def neo_neighbourhood(*answers: JSON) -> tuple[set[str], set[str]]:
    """The ids of every node and relationship the answers hold, at any depth."""
    nodes: set[str] = set()
    edges: set[str] = set()
    stack: list[Any] = [value for data in answers for value in data.values()]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            if "id" in item and "type" in item:
                nodes.add(item["id"])
            if "properties" in item and "node" in item:
                edges.add(item["properties"]["id"])
            stack.extend(v for v in item.values() if isinstance(v, list | dict))
    return nodes, edges


def neo_ring(data: JSON) -> dict[str, list[str]]:
    """The ids of the neighbours in a first ring's answer, by type, the centre left out."""
    (centre,) = data[next(iter(data))]
    ring: dict[str, set[str]] = defaultdict(set)
    for value in centre.values():
        if isinstance(value, dict):
            for edge in value["edges"]:
                node = edge["node"]
                if node and node["id"] != centre["id"]:
                    ring[node["type"]].add(node["id"])
    return {entity_type: sorted(ids) for entity_type, ids in sorted(ring.items())}


def civic_page(data: JSON) -> tuple[int, list[str]]:
    page = data["entities"]
    return page["totalCount"], [edge["node"]["id"] for edge in page["edges"]]


def neo_page(data: JSON) -> tuple[int, list[str]]:
    page = data["postsConnection"]
    return page["totalCount"], [edge["node"]["id"] for edge in page["edges"]]


def civic_search(data: JSON) -> list[str]:
    return [hit["id"] for hit in data["search"]]


def neo_search(data: JSON) -> list[str]:
    return [edge["node"]["id"] for edge in data["serviceFulltext"]["edges"]]

"""Popolo JSON, parsed: how a file is recognised, the typed values of its items (text, required
text, partial dates with their precision, identifiers, other names), and the entity and relation
an item becomes, with its evidence. `popolo_records` maps the items to records; `popolo` reads a
file with both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from graph.model import Entity, EntityType, Relation, RelationType, Status
from loaders.formats.common import (
    PartialDate,
    RowRejected,
    evidence,
    parse_partial_date,
    quote_cells,
)
from loaders.nesting import load_json

ORGANIZATION_TYPES: dict[str, EntityType] = {
    "committee": EntityType.COMMITTEE,
    "sub-committee": EntityType.COMMITTEE,
    "subcommittee": EntityType.COMMITTEE,
    "partnership": EntityType.PARTNERSHIP_GROUP,
    "partnership group": EntityType.PARTNERSHIP_GROUP,
}
PRIVATE_KEYS = ("contact_details", "email", "birth_date", "death_date")
PERSON_PROPERTIES = ("given_name", "family_name", "honorific_prefix", "honorific_suffix", "gender")
Json = dict[str, Any]


POPOLO_KEYS = ("persons", "memberships", "organizations")


def looks_like_popolo(data: bytes) -> bool:
    head = data[:4096].lstrip()
    if not head.startswith(b"{"):
        return False
    return any(f'"{key}"'.encode() in head for key in POPOLO_KEYS)


def claims_popolo(path: Path) -> bool:
    """A JSON object with Popolo's collections: seen at its head, or else at its top level."""
    with path.open("rb") as handle:
        head = handle.read(4096)
    if looks_like_popolo(head):
        return True
    if not head.lstrip().startswith(b"{"):
        return False
    try:
        top = load_json(path.read_bytes())
    except (ValueError, UnicodeDecodeError):  # JSONDecodeError and TooDeep are ValueErrors
        return False
    return isinstance(top, dict) and "document" not in top and any(k in top for k in POPOLO_KEYS)


def items(doc: Json, collection: str) -> list[Json]:
    return [item for item in doc.get(collection) or [] if isinstance(item, dict)]


def entity_prefix(entity_type: EntityType) -> str:
    return {
        EntityType.COMMITTEE: "committee",
        EntityType.PARTNERSHIP_GROUP: "partnership_group",
    }.get(entity_type, "body")


def text(item: Mapping[str, Any], key: str) -> str | None:
    value = item.get(key)
    if value is None:
        return None
    if not isinstance(value, str | int | float):
        raise RowRejected(key, f"expected text, found {type(value).__name__}")
    text = str(value).strip()
    return text or None


def required(item: Mapping[str, Any], key: str) -> str:
    value = text(item, key)
    if value is None:
        raise RowRejected(key, "missing")
    return value


def partial_date(item: Mapping[str, Any], key: str) -> PartialDate | None:
    value = text(item, key)
    if value is None:
        return None
    try:
        return parse_partial_date(value)
    except ValueError as error:
        raise RowRejected(key, str(error)) from error


def precision(start: PartialDate | None, end: PartialDate | None) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    if start is not None and start.precision != "day":
        properties["valid_from_precision"] = start.precision
    if end is not None and end.precision != "day":
        properties["valid_to_precision"] = end.precision
    return properties


def identifiers(item: Json) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for identifier in item.get("identifiers") or []:
        if isinstance(identifier, dict) and identifier.get("scheme") in {"wikidata", "gss"}:
            found[f"{identifier['scheme']}_id"] = str(identifier.get("identifier"))
    return found


def other_names(item: Json, name: str, key: str = "other_names") -> list[str]:
    names: list[str] = []
    for other in item.get(key) or []:
        value = other.get("name") if isinstance(other, dict) else other
        if isinstance(value, str) and value.strip() and value.strip() != name:
            names.append(value.strip())
    return list(dict.fromkeys(names))


def clean(properties: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in properties.items() if value is not None}


def entity(
    entity_id: str,
    entity_type: EntityType,
    name: str,
    where: str,
    item: Json,
    properties: Mapping[str, Any],
    aliases: list[str] | None = None,
) -> Entity:
    quote = quote_cells(item, ["id", "name", "label", "classification", "role", "organization_id"])
    return Entity(
        id=entity_id,
        type=entity_type,
        name=name,
        aliases=aliases or [],
        properties=clean(properties),
        evidence=evidence(where, quote),
    )


def relation(
    relation_type: RelationType,
    source: str,
    target: str,
    where: str,
    quote: str,
    start: PartialDate | None = None,
    end: PartialDate | None = None,
    **extra: Any,
) -> Relation:
    properties = clean(extra.pop("properties", {}) or {})
    ended = end is not None and end.end < dt.date.today()
    return Relation(
        type=relation_type,
        source=source,
        target=target,
        status=Status.ENDED if ended else Status.CURRENT,
        valid_from=start.start if start else None,
        valid_to=end.end if end else None,
        properties=properties,
        evidence=evidence(where, quote),
        **extra,
    )

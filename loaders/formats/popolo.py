"""Popolo JSON (popoloproject.com) in: persons, organizations, posts, memberships, areas, events.

Organizations become bodies (committees and partnership groups by their classification), persons
people, posts posts; a membership with a post is a tenure (HOLDS), one whose role names an executive
office ("Leader", "Cabinet Member for Housing") a tenure of that office's post (with its portfolio),
and any other a MEMBER_OF with its role. A membership of a legislative period without its own dates
takes the period's. Dates may be partial ("2016", "2016-05"): the first day is kept as the start
(the last as the end) with the precision beside it. Unknown keys are ignored; contact details,
emails and birth dates are never stored.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from graph.model import Entity, EntityType, Relation, RelationType, Status
from loaders.formats.common import (
    PartialDate,
    RowRejected,
    SourceBuilder,
    evidence,
    file_document,
    local_id,
    parse_partial_date,
    quote_cells,
    slug_id,
)
from loaders.formats.roles import executive_role, portfolio_records
from loaders.formats.services import ServiceMatcher
from loaders.issues import LoadIssue, Severity, display_path, rejected_file
from loaders.reading import ReadResult

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
        top = json.loads(path.read_bytes())
    except (json.JSONDecodeError, UnicodeDecodeError):
        return False
    return isinstance(top, dict) and "document" not in top and any(k in top for k in POPOLO_KEYS)


def read_popolo(
    path: Path, *, services: ServiceMatcher | None = None, data: bytes | None = None
) -> ReadResult:
    raw = data if data is not None else path.read_bytes()
    try:
        doc = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise rejected_file(path, f"not JSON ({error})") from error
    if not isinstance(doc, dict) or not any(
        isinstance(doc.get(k), list) for k in ("persons", "organizations", "memberships")
    ):
        raise rejected_file(path, "no Popolo persons, organizations or memberships")
    title = f"Popolo data: {path.name}"
    reader = _PopoloReader(
        path.name, SourceBuilder(display_path(path), file_document(path, "popolo", title, data=raw))
    )
    reader.services = services or ServiceMatcher()
    reader.read(doc)
    return ReadResult([reader.out.build()], reader.issues)


class _PopoloReader:
    def __init__(self, file: str, out: SourceBuilder) -> None:
        self.file = file
        self.out = out
        self.issues: list[LoadIssue] = []
        self.services = ServiceMatcher()
        self.ids: dict[tuple[str, str], str] = {}  # (collection, Popolo id) -> entity id
        self.org_types: dict[str, EntityType] = {}
        self.periods: dict[str, Json] = {}

    def read(self, doc: Json) -> None:
        for event in _items(doc, "events"):
            if isinstance(event.get("id"), str):
                self.periods[event["id"]] = event
        self._each(doc, "areas", self._area)
        self._each(doc, "organizations", self._organization)
        self._each(doc, "organizations", self._organization_parent)
        self._each(doc, "persons", self._person)
        self._each(doc, "posts", self._post)
        self._each(doc, "memberships", self._membership)
        self._each(doc, "events", self._event)
        private = sum(1 for p in _items(doc, "persons") if any(k in p for k in PRIVATE_KEYS))
        if private:
            self.issues.append(
                LoadIssue.in_row(
                    self.file,
                    "persons",
                    ", ".join(PRIVATE_KEYS),
                    f"contact details and birth dates of {private} persons were not stored",
                    Severity.NOTE,
                )
            )

    def _each(self, doc: Json, collection: str, handle: Callable[[Json, str], None]) -> None:
        for index, item in enumerate(doc.get(collection) or []):
            where = f"{collection}[{index}]"
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                where = f"{collection}[{index}] id={item['id']}"
            try:
                if not isinstance(item, dict):
                    raise RowRejected(None, "not an object")
                handle(item, where)
            except RowRejected as error:
                self.issues.append(LoadIssue.in_row(self.file, where, error.column, error.reason))

    def _area(self, area: Json, where: str) -> None:
        area_id = local_id("area", _required(area, "id"))
        properties = {"popolo_id": area["id"], "classification": _text(area, "type")}
        entity = _entity(area_id, EntityType.AREA, _required(area, "name"), where, area, properties)
        self.ids[("areas", area["id"])] = area_id
        self.out.add_row([entity])

    def _organization(self, org: Json, where: str) -> None:
        classification = _text(org, "classification")
        entity_type = ORGANIZATION_TYPES.get((classification or "").lower(), EntityType.BODY)
        org_id = local_id(_prefix(entity_type), _required(org, "id"))
        properties = {"popolo_id": org["id"], "classification": classification}
        properties.update(_identifiers(org))
        name = _required(org, "name")
        entity = _entity(org_id, entity_type, name, where, org, properties, _other_names(org, name))
        self.ids[("organizations", org["id"])] = org_id
        self.org_types[org_id] = entity_type
        self.out.add_row([entity])

    def _organization_parent(self, org: Json, where: str) -> None:
        parent = _text(org, "parent_id")
        child_id = self.ids.get(("organizations", str(org.get("id"))))
        if parent is None or child_id is None:
            return
        parent_id = self._ref("organizations", parent, "parent_id")
        child_type, parent_type = self.org_types[child_id], self.org_types[parent_id]
        if child_type is EntityType.BODY and parent_type is EntityType.BODY:
            relation_type = RelationType.SUB_ORGANIZATION_OF
        elif parent_type is EntityType.BODY:
            relation_type = RelationType.BELONGS_TO
        elif child_type is not EntityType.BODY:
            relation_type = RelationType.SUB_GROUP_OF
        else:
            raise RowRejected("parent_id", f"a body cannot sit under the {parent_type} {parent}")
        quote = quote_cells(org, ["id", "name", "parent_id"])
        self.out.add_row(relations=[_relation(relation_type, child_id, parent_id, where, quote)])

    def _person(self, person: Json, where: str) -> None:
        person_id = local_id("person", _required(person, "id"))
        name = _required(person, "name")
        properties: dict[str, Any] = {"popolo_id": person["id"]}
        properties.update({key: _text(person, key) for key in PERSON_PROPERTIES})
        properties.update(_identifiers(person))
        entity = _entity(
            person_id,
            EntityType.PERSON,
            name,
            where,
            person,
            properties,
            _other_names(person, name),
        )
        self.ids[("persons", person["id"])] = person_id
        self.out.add_row([entity])

    def _post(self, post: Json, where: str) -> None:
        post_id = local_id("post", _required(post, "id"))
        label = _required(post, "label")
        org = _text(post, "organization_id")
        org_id = self._ref("organizations", org, "organization_id") if org else None
        properties = {"popolo_id": post["id"], "post_role": _text(post, "role")}
        entity = _entity(
            post_id,
            EntityType.POST,
            label,
            where,
            post,
            properties,
            _other_names(post, label, key="other_labels"),
        )
        quote = quote_cells(post, ["id", "label", "organization_id", "area_id"])
        relations = []
        if org_id is not None:
            relations.append(_relation(RelationType.BELONGS_TO, post_id, org_id, where, quote))
        area = _text(post, "area_id")
        if area is not None:
            area_id = self._ref("areas", area, "area_id")
            relations.append(_relation(RelationType.COVERS_AREA, post_id, area_id, where, quote))
        portfolio_entities, portfolio_relations = (
            self._portfolio(label, post_id, org_id, where) if org_id else ([], [])
        )
        self.ids[("posts", post["id"])] = post_id
        self.out.add_row([entity, *portfolio_entities], [*relations, *portfolio_relations])

    def _membership(self, membership: Json, where: str) -> None:
        person_id = self._ref("persons", _required(membership, "person_id"), "person_id")
        org_ref, post_ref = _text(membership, "organization_id"), _text(membership, "post_id")
        if org_ref is None and post_ref is None:
            raise RowRejected("organization_id", "a membership needs an organization or a post")
        org_id = self._ref("organizations", org_ref, "organization_id") if org_ref else None
        start, end = self._dates(membership)
        role = _text(membership, "role")
        quote = quote_cells(
            membership,
            [
                "person_id",
                "organization_id",
                "post_id",
                "role",
                "start_date",
                "end_date",
                "on_behalf_of_id",
                "area_id",
                "legislative_period_id",
            ],
        )
        properties = self._membership_properties(membership, start, end)
        office = executive_role(role) if role else None
        entities: list[Entity] = []
        relations: list[Relation] = []
        if post_ref is not None or (office is not None and org_id is not None):
            if post_ref is not None:
                post_id = self._ref("posts", post_ref, "post_id")
            else:
                assert office is not None and org_id is not None
                post_id = slug_id("post", org_id.split(":", 1)[1], office.post_name)
                entities.append(
                    _entity(
                        post_id,
                        EntityType.POST,
                        office.post_name,
                        where,
                        membership,
                        {"post_kind": "executive"},
                    )
                )
                relations.append(_relation(RelationType.BELONGS_TO, post_id, org_id, where, quote))
                more_entities, more_relations = self._portfolio(
                    office.post_name, post_id, org_id, where
                )
                entities += more_entities
                relations += more_relations
            capacity = office.capacity if office else None
            relations.append(
                _relation(
                    RelationType.HOLDS,
                    person_id,
                    post_id,
                    where,
                    quote,
                    start,
                    end,
                    capacity=capacity,
                    properties={**properties, "membership_role": role},
                )
            )
        else:
            assert org_id is not None
            relations.append(
                _relation(
                    RelationType.MEMBER_OF,
                    person_id,
                    org_id,
                    where,
                    quote,
                    start,
                    end,
                    role=role or "member",
                    properties=properties,
                )
            )
        self._refuse_conflicts(relations[-1])
        self.out.add_row(entities, relations)

    def _refuse_conflicts(self, relation: Relation) -> None:
        """Two memberships the model cannot tell apart (same person, body, role and start)
        must agree; when they do not (a party change with no dates), the later is refused."""
        earlier = self.out.relations.get(relation.id)
        if earlier is None or earlier.properties == relation.properties:
            return
        differing = sorted(
            key
            for key in {*earlier.properties, *relation.properties}
            if earlier.properties.get(key) != relation.properties.get(key)
        )
        raise RowRejected(
            ", ".join(differing),
            f"same person, organization, role and start as {earlier.evidence[0].paragraph} "
            "but different values; without dates they cannot both hold",
        )

    def _event(self, event: Json, where: str) -> None:
        event_id = local_id("change_event", _required(event, "id"))
        start = _date(event, "start_date")
        end = _date(event, "end_date")
        properties: dict[str, Any] = {
            "popolo_id": event["id"],
            "classification": _text(event, "classification"),
        }
        org = _text(event, "organization_id")
        if org is not None:
            properties["organization"] = self._ref("organizations", org, "organization_id")
        properties.update(_precision(start, end))
        entity = Entity(
            id=event_id,
            type=EntityType.CHANGE_EVENT,
            name=_required(event, "name"),
            valid_from=start.start if start else None,
            valid_to=end.end if end else None,
            properties=_clean(properties),
            evidence=evidence(where, quote_cells(event, ["id", "name", "start_date", "end_date"])),
        )
        self.out.add_row([entity])

    def _portfolio(
        self, phrase: str, post_id: str, org_id: str, where: str
    ) -> tuple[list[Entity], list[Relation]]:
        office = executive_role(phrase)
        if office is None or office.portfolio is None:
            return [], []
        portfolio_id = slug_id("portfolio", org_id.split(":", 1)[1], office.portfolio)
        body_id = org_id if self.org_types.get(org_id) is EntityType.BODY else None
        return portfolio_records(
            office.portfolio, portfolio_id, post_id, body_id, self.services, evidence(where, phrase)
        )

    def _membership_properties(
        self, membership: Json, start: PartialDate | None, end: PartialDate | None
    ) -> dict[str, Any]:
        properties: dict[str, Any] = {}
        party = _text(membership, "on_behalf_of_id")
        if party is not None:
            properties["on_behalf_of"] = self._ref("organizations", party, "on_behalf_of_id")
        area = _text(membership, "area_id")
        if area is not None:
            properties["area"] = self._ref("areas", area, "area_id")
        period = _text(membership, "legislative_period_id")
        properties["legislative_period"] = local_id("change_event", period) if period else None
        properties.update(_precision(start, end))
        return properties

    def _dates(self, membership: Json) -> tuple[PartialDate | None, PartialDate | None]:
        start, end = _date(membership, "start_date"), _date(membership, "end_date")
        period = self.periods.get(str(membership.get("legislative_period_id")))
        if period is not None:
            if start is None and isinstance(period.get("start_date"), str):
                start = _date(period, "start_date")
            if end is None and isinstance(period.get("end_date"), str):
                end = _date(period, "end_date")
        if start is not None and end is not None and end.end < start.start:
            raise RowRejected("end_date", f"ends ({end.text}) before it starts ({start.text})")
        return start, end

    def _ref(self, collection: str, raw: str, column: str) -> str:
        entity_id = self.ids.get((collection, raw))
        if entity_id is None:
            raise RowRejected(column, f"{raw!r} is not among the file's {collection}")
        return entity_id


def _items(doc: Json, collection: str) -> list[Json]:
    return [item for item in doc.get(collection) or [] if isinstance(item, dict)]


def _prefix(entity_type: EntityType) -> str:
    return {
        EntityType.COMMITTEE: "committee",
        EntityType.PARTNERSHIP_GROUP: "partnership_group",
    }.get(entity_type, "body")


def _text(item: Mapping[str, Any], key: str) -> str | None:
    value = item.get(key)
    if value is None:
        return None
    if not isinstance(value, str | int | float):
        raise RowRejected(key, f"expected text, found {type(value).__name__}")
    text = str(value).strip()
    return text or None


def _required(item: Mapping[str, Any], key: str) -> str:
    value = _text(item, key)
    if value is None:
        raise RowRejected(key, "missing")
    return value


def _date(item: Mapping[str, Any], key: str) -> PartialDate | None:
    value = _text(item, key)
    if value is None:
        return None
    try:
        return parse_partial_date(value)
    except ValueError as error:
        raise RowRejected(key, str(error)) from error


def _precision(start: PartialDate | None, end: PartialDate | None) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    if start is not None and start.precision != "day":
        properties["valid_from_precision"] = start.precision
    if end is not None and end.precision != "day":
        properties["valid_to_precision"] = end.precision
    return properties


def _identifiers(item: Json) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for identifier in item.get("identifiers") or []:
        if isinstance(identifier, dict) and identifier.get("scheme") in {"wikidata", "gss"}:
            found[f"{identifier['scheme']}_id"] = str(identifier.get("identifier"))
    return found


def _other_names(item: Json, name: str, key: str = "other_names") -> list[str]:
    names: list[str] = []
    for other in item.get(key) or []:
        value = other.get("name") if isinstance(other, dict) else other
        if isinstance(value, str) and value.strip() and value.strip() != name:
            names.append(value.strip())
    return list(dict.fromkeys(names))


def _clean(properties: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in properties.items() if value is not None}


def _entity(
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
        properties=_clean(properties),
        evidence=evidence(where, quote),
    )


def _relation(
    relation_type: RelationType,
    source: str,
    target: str,
    where: str,
    quote: str,
    start: PartialDate | None = None,
    end: PartialDate | None = None,
    **extra: Any,
) -> Relation:
    properties = _clean(extra.pop("properties", {}) or {})
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

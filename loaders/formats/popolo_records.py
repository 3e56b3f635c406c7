"""Popolo items mapped to records: areas, organizations (bodies, committees, partnership groups)
and their parents, persons, posts, memberships (tenures of posts, executive offices with their
portfolio, or memberships with a role) and events. A membership that contradicts an earlier one is
left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from graph.model import Entity, EntityType, Relation, RelationType, Status
from loaders.formats.common import (
    PartialDate,
    RowRejected,
    SourceBuilder,
    evidence,
    local_id,
    quote_cells,
    slug_id,
)
from loaders.formats.popolo_fields import (
    ORGANIZATION_TYPES,
    PERSON_PROPERTIES,
    PRIVATE_KEYS,
    Json,
    clean,
    entity_prefix,
    identifiers,
    items,
    other_names,
    partial_date,
    precision,
    required,
    text,
)
from loaders.formats.roles import executive_role, portfolio_records
from loaders.formats.services import ServiceMatcher
from loaders.issues import LoadIssue, Severity


class PopoloRecords:
    def __init__(self, file: str, out: SourceBuilder) -> None:
        self.file = file
        self.out = out
        self.issues: list[LoadIssue] = []
        self.services = ServiceMatcher()
        self.ids: dict[tuple[str, str], str] = {}  # (collection, Popolo id) -> entity id
        self.org_types: dict[str, EntityType] = {}
        self.periods: dict[str, Json] = {}

    def read(self, doc: Json) -> None:
        for event in items(doc, "events"):
            if isinstance(event.get("id"), str):
                self.periods[event["id"]] = event
        self._each(doc, "areas", self._area)
        self._each(doc, "organizations", self._organization)
        self._each(doc, "organizations", self._organization_parent)
        self._each(doc, "persons", self._person)
        self._each(doc, "posts", self._post)
        self._each(doc, "memberships", self._membership)
        self._each(doc, "events", self._event)
        private = sum(1 for p in items(doc, "persons") if any(k in p for k in PRIVATE_KEYS))
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
        area_id = local_id("area", required(area, "id"))
        properties = {"popolo_id": area["id"], "classification": text(area, "type")}
        entity = _entity(area_id, EntityType.AREA, required(area, "name"), where, area, properties)
        self.ids[("areas", area["id"])] = area_id
        self.out.add_row([entity])

    def _organization(self, org: Json, where: str) -> None:
        classification = text(org, "classification")
        entity_type = ORGANIZATION_TYPES.get((classification or "").lower(), EntityType.BODY)
        org_id = local_id(entity_prefix(entity_type), required(org, "id"))
        properties = {"popolo_id": org["id"], "classification": classification}
        properties.update(identifiers(org))
        name = required(org, "name")
        entity = _entity(org_id, entity_type, name, where, org, properties, other_names(org, name))
        self.ids[("organizations", org["id"])] = org_id
        self.org_types[org_id] = entity_type
        self.out.add_row([entity])

    def _organization_parent(self, org: Json, where: str) -> None:
        parent = text(org, "parent_id")
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
        person_id = local_id("person", required(person, "id"))
        name = required(person, "name")
        properties: dict[str, Any] = {"popolo_id": person["id"]}
        properties.update({key: text(person, key) for key in PERSON_PROPERTIES})
        properties.update(identifiers(person))
        entity = _entity(
            person_id,
            EntityType.PERSON,
            name,
            where,
            person,
            properties,
            other_names(person, name),
        )
        self.ids[("persons", person["id"])] = person_id
        self.out.add_row([entity])

    def _post(self, post: Json, where: str) -> None:
        post_id = local_id("post", required(post, "id"))
        label = required(post, "label")
        org = text(post, "organization_id")
        org_id = self._ref("organizations", org, "organization_id") if org else None
        properties = {"popolo_id": post["id"], "post_role": text(post, "role")}
        entity = _entity(
            post_id,
            EntityType.POST,
            label,
            where,
            post,
            properties,
            other_names(post, label, key="other_labels"),
        )
        quote = quote_cells(post, ["id", "label", "organization_id", "area_id"])
        relations = []
        if org_id is not None:
            relations.append(_relation(RelationType.BELONGS_TO, post_id, org_id, where, quote))
        area = text(post, "area_id")
        if area is not None:
            area_id = self._ref("areas", area, "area_id")
            relations.append(_relation(RelationType.COVERS_AREA, post_id, area_id, where, quote))
        portfolio_entities, portfolio_relations = (
            self._portfolio(label, post_id, org_id, where) if org_id else ([], [])
        )
        self.ids[("posts", post["id"])] = post_id
        self.out.add_row([entity, *portfolio_entities], [*relations, *portfolio_relations])

    def _membership(self, membership: Json, where: str) -> None:
        person_id = self._ref("persons", required(membership, "person_id"), "person_id")
        org_ref, post_ref = text(membership, "organization_id"), text(membership, "post_id")
        if org_ref is None and post_ref is None:
            raise RowRejected("organization_id", "a membership needs an organization or a post")
        org_id = self._ref("organizations", org_ref, "organization_id") if org_ref else None
        start, end = self._dates(membership)
        role = text(membership, "role")
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
        event_id = local_id("change_event", required(event, "id"))
        start = partial_date(event, "start_date")
        end = partial_date(event, "end_date")
        properties: dict[str, Any] = {
            "popolo_id": event["id"],
            "classification": text(event, "classification"),
        }
        org = text(event, "organization_id")
        if org is not None:
            properties["organization"] = self._ref("organizations", org, "organization_id")
        properties.update(precision(start, end))
        entity = Entity(
            id=event_id,
            type=EntityType.CHANGE_EVENT,
            name=required(event, "name"),
            valid_from=start.start if start else None,
            valid_to=end.end if end else None,
            properties=clean(properties),
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
        party = text(membership, "on_behalf_of_id")
        if party is not None:
            properties["on_behalf_of"] = self._ref("organizations", party, "on_behalf_of_id")
        area = text(membership, "area_id")
        if area is not None:
            properties["area"] = self._ref("areas", area, "area_id")
        period = text(membership, "legislative_period_id")
        properties["legislative_period"] = local_id("change_event", period) if period else None
        properties.update(precision(start, end))
        return properties

    def _dates(self, membership: Json) -> tuple[PartialDate | None, PartialDate | None]:
        start, end = partial_date(membership, "start_date"), partial_date(membership, "end_date")
        period = self.periods.get(str(membership.get("legislative_period_id")))
        if period is not None:
            if start is None and isinstance(period.get("start_date"), str):
                start = partial_date(period, "start_date")
            if end is None and isinstance(period.get("end_date"), str):
                end = partial_date(period, "end_date")
        if start is not None and end is not None and end.end < start.start:
            raise RowRejected("end_date", f"ends ({end.text}) before it starts ({start.text})")
        return start, end

    def _ref(self, collection: str, raw: str, column: str) -> str:
        entity_id = self.ids.get((collection, raw))
        if entity_id is None:
            raise RowRejected(column, f"{raw!r} is not among the file's {collection}")
        return entity_id


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
        properties=clean(properties),
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

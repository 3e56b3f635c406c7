"""Popolo items mapped to records: areas, organizations (bodies and parties through
`popolo_bodies`, committees, partnership groups) and their parents, persons, posts, memberships
(`popolo_memberships`) and events.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graph.model import Entity, EntityType, Relation, RelationType
from loaders.body_resolution import KnownBodies
from loaders.formats.common import (
    RowRejected,
    SourceBuilder,
    evidence,
    local_id,
    quote_cells,
)
from loaders.formats.popolo_bodies import PopoloBodies, is_party
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
from loaders.formats.popolo_fields import entity as _entity
from loaders.formats.popolo_fields import relation as _relation
from loaders.formats.popolo_memberships import membership_records
from loaders.formats.roles import executive_role, portfolio_id, portfolio_records
from loaders.formats.services import ServiceMatcher
from loaders.issues import LoadIssue, Severity
from loaders.parties import Affiliation

# What a membership says of the member's party: a change of it within a term is told apart.
AFFILIATION_KEYS = frozenset({"independent", "on_behalf_of", "party"})


class PopoloRecords:
    def __init__(self, file: str, out: SourceBuilder, doc: Json, bodies: KnownBodies) -> None:
        self.file = file
        self.out = out
        self.issues: list[LoadIssue] = []
        self.services = ServiceMatcher()
        self.ids: dict[tuple[str, str], str] = {}  # (collection, Popolo id) -> entity id
        self.org_types: dict[str, EntityType] = {}
        self.periods: dict[str, Json] = {}
        self.orgs = PopoloBodies(doc, bodies)
        self.parties: dict[str, Affiliation] = {}  # Popolo id of a party -> its party, as worded
        self.no_party: dict[str, Affiliation] = {}  # Popolo id of an "unknown" party -> why

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
        name = required(org, "name")
        if is_party(org):
            party = self.orgs.party_organization(org, where)
            if party.body_id is None or party.entity is None:
                assert party.affiliation is not None
                self.no_party[org["id"]] = party.affiliation
                return
            self._add_organization(org["id"], party.body_id, EntityType.BODY, party.entity)
            if party.affiliation is not None:
                self.parties[org["id"]] = party.affiliation
            return
        classification = text(org, "classification")
        entity_type = ORGANIZATION_TYPES.get((classification or "").lower(), EntityType.BODY)
        if entity_type is EntityType.BODY:
            body = self.orgs.body(org, name, where)
            if body.note is not None:
                note = LoadIssue.in_row(self.file, where, "name", body.note, Severity.NOTE)
                self.issues.append(note)
            assert body.body_id is not None
            self._add_organization(org["id"], body.body_id, entity_type, body.entity)
            return
        org_id = local_id(entity_prefix(entity_type), required(org, "id"))
        properties = {"popolo_id": org["id"], "classification": classification}
        properties.update(identifiers(org))
        entity = _entity(org_id, entity_type, name, where, org, properties, other_names(org, name))
        self._add_organization(org["id"], org_id, entity_type, entity)

    def _add_organization(
        self, popolo_id: str, org_id: str, entity_type: EntityType, entity: Entity | None
    ) -> None:
        self.ids[("organizations", popolo_id)] = org_id
        self.org_types[org_id] = entity_type
        if entity is not None:
            self.out.add_row([entity])

    def _organization_parent(self, org: Json, where: str) -> None:
        parent = text(org, "parent_id")
        child_id = self.ids.get(("organizations", str(org.get("id"))))
        if parent is None or child_id is None:
            return
        parent_id = self.ref("organizations", parent, "parent_id")
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
        org_id = self.ref("organizations", org, "organization_id") if org else None
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
            area_id = self.ref("areas", area, "area_id")
            relations.append(_relation(RelationType.COVERS_AREA, post_id, area_id, where, quote))
        portfolio_entities, portfolio_relations = (
            self.portfolio(label, post_id, org_id, where) if org_id else ([], [])
        )
        self.ids[("posts", post["id"])] = post_id
        self.out.add_row([entity, *portfolio_entities], [*relations, *portfolio_relations])

    def _membership(self, membership: Json, where: str) -> None:
        entities, relations = membership_records(self, membership, where)
        earlier, differing = self._conflict(relations[-1])
        if earlier is None:
            self.out.add_row(entities, relations)
            return
        if not set(differing) <= AFFILIATION_KEYS:
            raise RowRejected(
                ", ".join(differing),
                f"same person, organization, role and start as {earlier} "
                "but different values; without dates they cannot both hold",
            )
        # A change of party within a term that gives no dates: the membership stays as first
        # stated, and this row's membership of its party is kept beside it.
        self.out.add_row(entities, relations[:-1])
        parties = [r.target for r in relations[:-1] if r.type is RelationType.MEMBER_OF]
        kept = f"its membership of {', '.join(parties)} is kept" if parties else "nothing more"
        self.issues.append(
            LoadIssue.in_row(
                self.file,
                where,
                ", ".join(differing),
                f"same person, organization, role and start as {earlier} but another party, "
                f"with no dates to tell when: the membership is as {earlier} states it; {kept}",
                Severity.NOTE,
            )
        )

    def _conflict(self, relation: Relation) -> tuple[str | None, list[str]]:
        """Two memberships the model cannot tell apart (same person, body, role and start)
        must agree: where an earlier one does not, its row and the properties that differ."""
        earlier = self.out.relations.get(relation.id)
        if earlier is None or earlier.properties == relation.properties:
            return None, []
        differing = sorted(
            key
            for key in {*earlier.properties, *relation.properties}
            if earlier.properties.get(key) != relation.properties.get(key)
        )
        return earlier.evidence[0].paragraph, differing

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
            properties["organization"] = self.ref("organizations", org, "organization_id")
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

    def portfolio(
        self, phrase: str, post_id: str, org_id: str, where: str
    ) -> tuple[list[Entity], list[Relation]]:
        office = executive_role(phrase)
        if office is None or office.portfolio is None:
            return [], []
        own_id = portfolio_id(org_id.split(":", 1)[1], office.portfolio)
        body_id = org_id if self.org_types.get(org_id) is EntityType.BODY else None
        return portfolio_records(
            office.portfolio, own_id, post_id, body_id, self.services, evidence(where, phrase)
        )

    def ref(self, collection: str, raw: str, column: str) -> str:
        entity_id = self.ids.get((collection, raw))
        if entity_id is None:
            raise RowRejected(column, f"{raw!r} is not among the file's {collection}")
        return entity_id

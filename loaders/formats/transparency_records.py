"""Transparency Code rows mapped to records: each row's post of its council (with its holder when
named and the post not vacant, the services its title covers, the directorate and service it sits
in, the body it is shared with), and the reporting lines, stated or inferred.

Directorates and services are units of the council: a Body each (`kind` directorate or service),
the service within its directorate, the directorate within the council, and the post a member
of the innermost one (MEMBER_OF, role `unit`). Contact details are never read into a record.

A chart and a salary file of one council give the same post ids, so their posts, holders, units
and evidence merge. Each file states the post's properties it knows (the chart its level, grade
and band; the salary file its salary and responsibilities): the writer keeps what each source
states, so a post both files name holds both files' properties, and a reload of both changes
nothing.
"""

from __future__ import annotations

from typing import Any

from graph.model import Entity, EntityType, Evidence, Relation, RelationType
from loaders.formats.common import (
    SourceBuilder,
    evidence,
    parse_money,
    parse_number,
    quote_cells,
    salary_band,
    slug_id,
)
from loaders.formats.csv_table import Table
from loaders.formats.services import ServiceMatcher
from loaders.formats.transparency_council import Councils, is_shared
from loaders.formats.transparency_lines import reporting_lines
from loaders.formats.transparency_rows import Row, title_key
from loaders.issues import LoadIssue

QUOTED = (
    "post_id", "title", "name", "directorate", "service", "reports_to", "tier", "grade",
    "salary_band", "shared_post", "vacancy",
)  # fmt: skip


class TransparencyRecords:
    """Adds the records of checked rows to a source; a reporting line it cannot place is a note."""

    def __init__(
        self, table: Table, out: SourceBuilder, services: ServiceMatcher, councils: Councils,
        issues: list[LoadIssue],
    ) -> None:  # fmt: skip
        self.table = table
        self.out = out
        self.services = services
        self.councils = councils
        self.issues = issues

    def build(self, rows: list[Row]) -> None:
        for row in rows:
            self._post(row)
        for row, target, how, confidence in reporting_lines(self.table, rows, self.issues):
            quote = quote_cells(
                row.cells, ["title", "reports_to", "tier", "directorate", "service"],
                self.table.fields,
            )  # fmt: skip
            properties: dict[str, Any] = {"inferred": True, "inferred_from": how} if how else {}
            self.out.add_row(
                relations=[
                    Relation(
                        type=RelationType.REPORTS_TO, source=row.post_id, target=target.post_id,
                        properties=properties, evidence=evidence(row.where, quote, confidence),
                    )
                ]
            )  # fmt: skip

    def _post(self, row: Row) -> None:
        cells = row.cells
        ev = evidence(row.where, quote_cells(cells, QUOTED, self.table.fields))
        council = row.council
        shared_text = row.value("shared_post")
        properties: dict[str, Any] = {
            "post_kind": "officer",
            "post_ref": cells.get("post_id") or None,
            "directorate": row.value("directorate") or None,
            "service": row.value("service") or None,
            "grade": row.value("grade") or None,
            "tier": row.tier,
            "fte": parse_number(row.value("fte")),
            # a band ("£150,000 - £154,999"), or one amount: the salary itself
            "pay_floor": row.floor if row.floor != row.ceiling else None,
            "pay_ceiling": row.ceiling if row.floor != row.ceiling else None,
            "salary_band": salary_band(row.floor, row.ceiling)
            if row.floor != row.ceiling
            else None,
            "salary": row.floor if row.floor == row.ceiling else None,
            "grade_maximum": parse_money(row.value("grade_maximum")),
            "contract_type": row.value("contract_type") or None,
            "shared": True if shared_text and is_shared(shared_text) else None,
            "shared_with": shared_text if shared_text and is_shared(shared_text) else None,
            "vacant": True if row.vacant else None,
            "bonus": parse_money(row.value("bonus")),
            "responsibilities": row.value("responsibilities") or None,
        }
        entities = [
            council.entity,
            Entity(
                id=row.post_id, type=EntityType.POST, name=title_key(cells["title"]),
                properties={k: v for k, v in properties.items() if v is not None}, evidence=ev,
            ),
        ]  # fmt: skip
        relations = [
            Relation(type=RelationType.BELONGS_TO, source=row.post_id, target=council.id,
                     evidence=ev),
        ]  # fmt: skip
        unit_entities, unit_relations = self._units(row, ev)
        entities += unit_entities
        relations += unit_relations
        if shared_text:
            other = self.councils.shared_with(shared_text, row.where, ev[0].quote)
            if other is not None and other.id != council.id:
                entities.append(other)
                relations.append(
                    Relation(type=RelationType.BELONGS_TO, source=row.post_id, target=other.id,
                             properties={"shared": True}, evidence=ev)
                )  # fmt: skip
        holder = row.holder
        if holder is not None:
            person_id = slug_id("person", council.scope, holder)
            entities.append(Entity(id=person_id, type=EntityType.PERSON, name=holder, evidence=ev))
            relations.append(
                Relation(type=RelationType.HOLDS, source=person_id, target=row.post_id,
                         capacity=row.capacity, evidence=ev)
            )  # fmt: skip
        relations += [
            Relation(type=RelationType.COVERS, source=row.post_id, target=match.service_id,
                     wording=match.wording, evidence=ev)
            for match in self.services.find_in_post(
                cells["title"], row.value("service"), row.value("directorate")
            )
        ]  # fmt: skip
        self.out.add_row(entities, relations)

    def _units(self, row: Row, ev: list[Evidence]) -> tuple[list[Entity], list[Relation]]:
        """The directorate and service the post sits in, as units of its council."""
        council = row.council
        directorate, service = row.value("directorate"), row.value("service")
        entities: list[Entity] = []
        relations: list[Relation] = []
        parent = council.id

        def add_unit(unit_id: str, name: str, kind: str) -> str:
            entities.append(
                Entity(id=unit_id, type=EntityType.BODY, name=name, properties={"kind": kind},
                       evidence=ev)
            )  # fmt: skip
            relations.append(
                Relation(type=RelationType.SUB_ORGANIZATION_OF, source=unit_id, target=parent,
                         evidence=ev)
            )  # fmt: skip
            return unit_id

        unit_id: str | None = None
        if directorate and directorate.lower() != council.entity.name.lower():
            directorate_id = slug_id("body", council.scope, "directorate", directorate)
            unit_id = parent = add_unit(directorate_id, directorate, "directorate")
        if service and service.lower() != directorate.lower():
            unit_id = add_unit(
                slug_id("body", council.scope, "service", directorate, service), service, "service"
            )
        if unit_id is not None:
            relations.append(
                Relation(type=RelationType.MEMBER_OF, source=row.post_id, target=unit_id,
                         role="unit", evidence=ev)
            )  # fmt: skip
        return entities, relations

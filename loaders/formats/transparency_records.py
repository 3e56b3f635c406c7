"""Transparency Code rows mapped to records: each row's post of the council (with its holder when
named, and the services its title covers), and the reporting lines, stated or inferred.
"""

from __future__ import annotations

from typing import Any

from graph.model import Entity, EntityType, Relation, RelationType
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
from loaders.formats.transparency_rows import Row
from loaders.issues import LoadIssue, Severity

NOT_NAMED = {"", "n/a", "n/d", "vacant", "not disclosed", "redacted", "-"}
QUOTED = ("post_id", "title", "name", "directorate", "reports_to", "tier", "grade", "salary_band")
TITLE_CONFIDENCE = 0.8
TIER_CONFIDENCE = 0.6


class TransparencyRecords:
    """Adds the records of checked rows to a source; a reporting line it cannot place is a note."""

    def __init__(
        self, table: Table, out: SourceBuilder, services: ServiceMatcher, issues: list[LoadIssue]
    ) -> None:
        self.table = table
        self.out = out
        self.services = services
        self.issues = issues

    def column(self, field: str | None) -> str | None:
        return self.table.fields.get(field or "", field)

    def build(self, rows: list[Row]) -> None:
        for row in rows:
            self._post(row)
        for row, target, how, confidence in self._reporting_lines(rows):
            where = f"row {row.line}"
            quote = quote_cells(
                row.cells, ["title", "reports_to", "tier", "directorate"], self.table.fields
            )
            properties: dict[str, Any] = {"inferred": True, "inferred_from": how} if how else {}
            self.out.add_row(
                relations=[
                    Relation(
                        type=RelationType.REPORTS_TO,
                        source=row.post_id,
                        target=target.post_id,
                        properties=properties,
                        evidence=evidence(where, quote, confidence),
                    )
                ]
            )

    def _post(self, row: Row) -> None:
        cells = row.cells
        where = f"row {row.line}"
        quote = quote_cells(cells, QUOTED, self.table.fields)
        body_id = slug_id("body", cells["organisation"])
        properties: dict[str, Any] = {
            "post_ref": cells.get("post_id") or None,
            "directorate": cells.get("directorate") or None,
            "grade": cells.get("grade") or None,
            "tier": cells.get("tier") or None,
            "fte": parse_number(cells.get("fte", "")),
            "pay_floor": row.floor,
            "pay_ceiling": row.ceiling,
            "salary_band": salary_band(row.floor, row.ceiling),
            "bonus": parse_money(cells.get("bonus", ""))
            if _is_money(cells.get("bonus", ""))
            else None,
            "responsibilities": cells.get("responsibilities") or None,
        }
        name = cells.get("name", "").strip()
        if name.lower() in NOT_NAMED:
            properties["vacant"] = True if name.lower() == "vacant" else None
        entities = [
            Entity(
                id=body_id,
                type=EntityType.BODY,
                name=cells["organisation"],
                evidence=evidence(
                    where,
                    quote_cells(cells, ["organisation"], self.table.fields)
                    if "organisation" in self.table.fields
                    else f"file={self.table.name}",
                ),
            ),
            Entity(
                id=row.post_id,
                type=EntityType.POST,
                name=cells["title"],
                properties={k: v for k, v in properties.items() if v is not None},
                evidence=evidence(where, quote),
            ),
        ]
        relations = [
            Relation(
                type=RelationType.BELONGS_TO,
                source=row.post_id,
                target=body_id,
                evidence=evidence(where, quote),
            )
        ]
        if name.lower() not in NOT_NAMED:
            person_id = slug_id("person", body_id.split(":", 1)[1], name)
            entities.append(
                Entity(
                    id=person_id, type=EntityType.PERSON, name=name, evidence=evidence(where, quote)
                )
            )
            relations.append(
                Relation(
                    type=RelationType.HOLDS,
                    source=person_id,
                    target=row.post_id,
                    evidence=evidence(where, quote),
                )
            )
        relations += [
            Relation(
                type=RelationType.COVERS,
                source=row.post_id,
                target=match.service_id,
                wording=match.wording,
                evidence=evidence(where, quote),
            )
            for match in self.services.find_in_post(cells["title"], cells.get("directorate", ""))
        ]
        self.out.add_row(entities, relations)

    def _reporting_lines(self, rows: list[Row]) -> list[tuple[Row, Row, str | None, float]]:
        if "reports_to" in self.table.fields:
            return self._stated_lines(rows)
        if "tier" in self.table.fields:
            return self._tier_lines(rows)
        return []

    def _stated_lines(self, rows: list[Row]) -> list[tuple[Row, Row, str | None, float]]:
        by_ref = {r.cells["post_id"]: r for r in rows if r.cells.get("post_id")}
        by_title: dict[str, list[Row]] = {}
        for r in rows:
            by_title.setdefault(r.cells["title"].lower(), []).append(r)
        lines: list[tuple[Row, Row, str | None, float]] = []
        for row in rows:
            target_text = row.cells.get("reports_to", "").strip()
            if not target_text or target_text.upper() in {"XX", "N/A", "NONE", "-"}:
                continue
            if target_text in by_ref:
                lines.append((row, by_ref[target_text], None, 1.0))
            elif len(by_title.get(target_text.lower(), [])) == 1:
                lines.append((row, by_title[target_text.lower()][0], "job title", TITLE_CONFIDENCE))
            else:
                count = len(by_title.get(target_text.lower(), []))
                reason = (
                    f"{target_text!r} matches {count} posts; the line is left out"
                    if count
                    else f"{target_text!r} is no post id or job title in this file"
                )
                self.issues.append(
                    LoadIssue.in_row(
                        self.table.name,
                        f"row {row.line}",
                        self.column("reports_to"),
                        reason,
                        Severity.NOTE,
                    )
                )
        return [line for line in lines if line[0] is not line[1]]

    def _tier_lines(self, rows: list[Row]) -> list[tuple[Row, Row, str | None, float]]:
        tiers = {id(r): _tier(r.cells.get("tier", "")) for r in rows}
        lines: list[tuple[Row, Row, str | None, float]] = []
        for row in rows:
            tier = tiers[id(row)]
            if tier is None or tier <= 1:
                continue
            above = [r for r in rows if tiers[id(r)] == tier - 1]
            same_directorate = [
                r
                for r in above
                if r.cells.get("directorate")
                and r.cells.get("directorate") == row.cells.get("directorate")
            ]
            if len(same_directorate) == 1:
                lines.append((row, same_directorate[0], "tier and directorate", TIER_CONFIDENCE))
            elif len(above) == 1:
                lines.append((row, above[0], "tier", TIER_CONFIDENCE))
        return lines


def _tier(text: str) -> int | None:
    value = parse_number(text.lower().removeprefix("tier").strip())
    return int(value) if value is not None else None


def _is_money(text: str) -> bool:
    try:
        return parse_money(text) is not None
    except ValueError:
        return False

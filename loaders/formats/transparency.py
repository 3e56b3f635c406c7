"""Local Government Transparency Code CSVs in: organisation charts and senior salaries.

Councils publish these with columns of their own choosing, so headers are mapped by meaning
(`COLUMN_SYNONYMS`); columns that mean nothing known are reported, contact columns are never
stored. Each row is a post of the council (its title, directorate, grade, salary band, FTE) and,
when a name is published, the person holding it. Reporting lines:

- a `Reports to` column naming another row's post id: stated (confidence 1);
- a `Reports to` column naming a job title that exactly one row has: inferred (0.8);
- no such column, but tiers (and directorates): a post reports to the one post of the tier above
  in its directorate (or the one post of the tier above, when there is only one): inferred (0.6).
Inferred lines carry `inferred: true` and how they were inferred; nothing else is guessed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.model import Entity, EntityType, Relation, RelationType
from loaders.formats.common import (
    RowRejected,
    SourceBuilder,
    evidence,
    file_document,
    parse_money,
    parse_number,
    quote_cells,
    salary_band,
    slug_id,
)
from loaders.formats.csv_table import Table, header_line, read_table
from loaders.formats.services import ServiceMatcher
from loaders.issues import LoadIssue, Severity, display_path, rejected_file
from loaders.reading import ReadResult

COLUMN_SYNONYMS: dict[str, tuple[str, ...]] = {
    "organisation": (
        "organisation",
        "organization",
        "council",
        "local authority",
        "organisation name",
        "authority",
    ),
    "post_id": (
        "post id",
        "post ref",
        "post reference",
        "post unique reference",
        "position id",
        "position number",
        "post number",
        "unique reference",
        "ref",
        "id",
    ),
    "title": (
        "job title",
        "post title",
        "position",
        "position title",
        "role",
        "job role",
        "title",
        "post",
    ),
    "name": (
        "name",
        "post holder",
        "postholder",
        "employee name",
        "officer name",
        "name of post holder",
        "full name",
    ),
    "directorate": (
        "directorate",
        "department",
        "service area",
        "division",
        "service",
        "business unit",
        "team",
    ),
    "reports_to": (
        "reports to",
        "reports to post",
        "line manager",
        "manager",
        "reports to post id",
        "manager post id",
        "reporting to",
        "parent post",
    ),
    "tier": ("tier", "level", "management tier", "layer"),
    "grade": ("grade", "pay grade", "band"),
    "salary_band": (
        "salary band",
        "pay band",
        "salary range",
        "salary",
        "remuneration",
        "annual salary",
        "salary scale",
        "basic salary",
        "salary band gbp",
    ),
    "salary_floor": ("salary from", "salary minimum", "pay floor", "band minimum"),
    "salary_ceiling": ("salary to", "salary maximum", "pay ceiling", "band maximum"),
    "fte": ("fte", "full time equivalent", "hours fte"),
    "bonus": ("bonus", "bonuses", "performance related pay"),
    "expenses": ("expenses", "expenses allowances", "benefits in kind"),
    "pension": ("pension contributions", "employer pension contributions", "pension"),
    "responsibilities": (
        "responsibilities",
        "budget responsibility",
        "budget responsible",
        "staff responsibility",
        "responsibility",
        "key responsibilities",
    ),
    "contact": (
        "email",
        "e mail",
        "email address",
        "telephone",
        "phone",
        "contact number",
        "contact phone",
        "contact email",
        "address",
        "mobile",
    ),
    "notes": ("notes", "comments"),
}
CONTACT_FIELD = "contact"
NOT_NAMED = {"", "n/a", "n/d", "vacant", "not disclosed", "redacted", "-"}
_BAND = re.compile(r"^\D*([\d,]+(?:\.\d+)?)\s*(?:-|\u2013|to)\s*\D*([\d,]+(?:\.\d+)?)\D*$")
QUOTED = ("post_id", "title", "name", "directorate", "reports_to", "tier", "grade", "salary_band")
TITLE_CONFIDENCE = 0.8
TIER_CONFIDENCE = 0.6


def looks_like_transparency(data: bytes) -> bool:
    headers = header_line(data)
    lookup = {syn: field for field, names in COLUMN_SYNONYMS.items() for syn in names}
    fields = {lookup[h] for h in headers if h in lookup}
    if "post unique reference" in headers or "reporting senior post" in headers:
        return False  # an organogram
    return "title" in fields and bool(fields & {"salary_band", "reports_to", "tier", "grade"})


@dataclass
class _Row:
    line: int
    cells: dict[str, str]
    post_id: str = ""
    floor: int | None = None
    ceiling: int | None = None


def read_transparency(
    path: Path, *, services: ServiceMatcher | None = None, data: bytes | None = None
) -> ReadResult:
    table = read_table(path, COLUMN_SYNONYMS, data=data)
    if "title" not in table.fields:
        raise rejected_file(path, f"no job title column (headers: {table.headers})")
    raw = data if data is not None else path.read_bytes()
    kind = (
        "senior salaries"
        if "reports_to" not in table.fields and "tier" not in table.fields
        else "organisation chart"
    )
    out = SourceBuilder(
        display_path(path),
        file_document(path, "transparency", f"Transparency Code {kind}: {path.name}", data=raw),
    )
    reader = _Transparency(table, out, services or ServiceMatcher())
    reader.note_columns()
    rows = reader.rows(path)
    reader.build(rows)
    return ReadResult([out.build()], reader.issues)


def council_from_file_name(path: Path) -> str | None:
    """'exampleshire-county-council-senior-salaries-2016.csv' -> 'Exampleshire County Council'."""
    words: list[str] = []
    stop = {
        "organisation",
        "organization",
        "org",
        "senior",
        "salaries",
        "salary",
        "chart",
        "structure",
        "staff",
        "transparency",
        "pay",
        "officers",
        "orgchart",
    }
    for word in re.split(r"[^A-Za-z0-9]+", path.stem):
        if not word or word.lower() in stop or word.isdigit():
            break
        words.append(word)
    return " ".join(w.capitalize() for w in words) or None


class _Transparency:
    def __init__(self, table: Table, out: SourceBuilder, services: ServiceMatcher) -> None:
        self.table = table
        self.out = out
        self.services = services
        self.issues: list[LoadIssue] = []

    def column(self, field: str | None) -> str | None:
        return self.table.fields.get(field or "", field)

    def note_columns(self) -> None:
        if self.table.unknown:
            self.issues.append(
                LoadIssue.in_row(
                    self.table.name,
                    "header",
                    ", ".join(self.table.unknown),
                    "columns with no known meaning; not stored",
                    Severity.NOTE,
                )
            )
        if CONTACT_FIELD in self.table.fields:
            self.issues.append(
                LoadIssue.in_row(
                    self.table.name,
                    "header",
                    self.table.fields[CONTACT_FIELD],
                    "contact details are never stored",
                    Severity.NOTE,
                )
            )

    def rows(self, path: Path) -> list[_Row]:
        rows: list[_Row] = []
        for line, cells in self.table.rows:
            try:
                rows.append(self._row(line, cells, path))
            except RowRejected as error:
                self.issues.append(
                    LoadIssue.in_row(
                        self.table.name, f"row {line}", self.column(error.column), error.reason
                    )
                )
        self._assign_ids(rows)
        return rows

    def _row(self, line: int, cells: dict[str, str], path: Path) -> _Row:
        if not cells.get("title"):
            raise RowRejected("title", "missing")
        if not (cells.get("organisation") or council_from_file_name(path)):
            raise RowRejected("organisation", "no council named in the row or the file name")
        if not cells.get("organisation"):
            cells["organisation"] = council_from_file_name(path) or ""
        row = _Row(line, cells)
        try:
            row.floor, row.ceiling = _band(cells.get("salary_band", ""))
            for key in ("salary_floor", "salary_ceiling"):
                value = parse_money(cells.get(key, ""))
                if value is not None:
                    setattr(row, "floor" if key == "salary_floor" else "ceiling", value)
        except ValueError as error:
            raise RowRejected("salary_band", str(error)) from error
        for key in ("fte", "tier"):
            try:
                parse_number(cells.get(key, "").lower().removeprefix("tier").strip())
            except ValueError as error:
                raise RowRejected(key, str(error)) from error
        return row

    def _assign_ids(self, rows: list[_Row]) -> None:
        """Post ids from the file's post ids, else titles (with directorate when titles repeat)."""
        titles = Counter((r.cells["organisation"], r.cells["title"].lower()) for r in rows)
        pairs = Counter(
            (r.cells["organisation"], r.cells["title"].lower(), r.cells.get("directorate", ""))
            for r in rows
        )
        for row in rows:
            council = slug_id("body", row.cells["organisation"]).split(":", 1)[1]
            cells = row.cells
            if cells.get("post_id"):
                row.post_id = slug_id("post", council, cells["post_id"])
            elif titles[(cells["organisation"], cells["title"].lower())] == 1:
                row.post_id = slug_id("post", council, cells["title"])
            elif (
                pairs[(cells["organisation"], cells["title"].lower(), cells.get("directorate", ""))]
                == 1
            ):
                row.post_id = slug_id("post", council, cells["title"], cells.get("directorate", ""))
            else:
                row.post_id = slug_id("post", council, cells["title"], "row", str(row.line))

    def build(self, rows: list[_Row]) -> None:
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

    def _post(self, row: _Row) -> None:
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

    def _reporting_lines(self, rows: list[_Row]) -> list[tuple[_Row, _Row, str | None, float]]:
        if "reports_to" in self.table.fields:
            return self._stated_lines(rows)
        if "tier" in self.table.fields:
            return self._tier_lines(rows)
        return []

    def _stated_lines(self, rows: list[_Row]) -> list[tuple[_Row, _Row, str | None, float]]:
        by_ref = {r.cells["post_id"]: r for r in rows if r.cells.get("post_id")}
        by_title: dict[str, list[_Row]] = {}
        for r in rows:
            by_title.setdefault(r.cells["title"].lower(), []).append(r)
        lines: list[tuple[_Row, _Row, str | None, float]] = []
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

    def _tier_lines(self, rows: list[_Row]) -> list[tuple[_Row, _Row, str | None, float]]:
        tiers = {id(r): _tier(r.cells.get("tier", "")) for r in rows}
        lines: list[tuple[_Row, _Row, str | None, float]] = []
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


def _band(text: str) -> tuple[int | None, int | None]:
    """'£100,000 - £104,999' -> (100000, 104999); '£120,000' -> (120000, 120000)."""
    if not text.strip():
        return None, None
    match = _BAND.match(text.strip())
    if match:
        low, high = (round(float(g.replace(",", ""))) for g in match.groups())
        if high < low:
            raise ValueError(f"{text!r}: the band's top is below its bottom")
        return low, high
    value = parse_money(text)
    return value, value

"""Transparency Code CSVs, parsed: headers mapped by meaning, each row checked and given its
post id (`Row`), every row left out reported with its column. `transparency_records` maps the rows
to records; `transparency` reads a file with both.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from loaders.formats.common import RowRejected, parse_money, parse_number, slug_id
from loaders.formats.csv_table import Table, header_line
from loaders.issues import LoadIssue, Severity

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
_BAND = re.compile(r"^\D*([\d,]+(?:\.\d+)?)\s*(?:-|\u2013|to)\s*\D*([\d,]+(?:\.\d+)?)\D*$")


def looks_like_transparency(data: bytes) -> bool:
    headers = header_line(data)
    lookup = {syn: field for field, names in COLUMN_SYNONYMS.items() for syn in names}
    fields = {lookup[h] for h in headers if h in lookup}
    if "post unique reference" in headers or "reporting senior post" in headers:
        return False  # an organogram
    return "title" in fields and bool(fields & {"salary_band", "reports_to", "tier", "grade"})


@dataclass
class Row:
    line: int
    cells: dict[str, str]
    post_id: str = ""
    floor: int | None = None
    ceiling: int | None = None


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


class TransparencyRows:
    """The rows of one table, checked; what it leaves out or ignores is in `issues`."""

    def __init__(self, table: Table) -> None:
        self.table = table
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

    def rows(self, path: Path) -> list[Row]:
        rows: list[Row] = []
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

    def _row(self, line: int, cells: dict[str, str], path: Path) -> Row:
        if not cells.get("title"):
            raise RowRejected("title", "missing")
        if not (cells.get("organisation") or council_from_file_name(path)):
            raise RowRejected("organisation", "no council named in the row or the file name")
        if not cells.get("organisation"):
            cells["organisation"] = council_from_file_name(path) or ""
        row = Row(line, cells)
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

    def _assign_ids(self, rows: list[Row]) -> None:
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

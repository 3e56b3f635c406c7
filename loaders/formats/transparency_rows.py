"""Transparency Code CSVs, parsed: each row checked, its council resolved and its post id given
(`Row`), every row left out reported with its column. `transparency_records` maps the rows to
records; `transparency` reads a file with both.

A post's id is its council's and its normalised title's ("Interim Director of Finance (S151)"
and "Director of Finance" are both `director-of-finance`, "&" is "and"), so that a chart and a
salary file of one council name the same posts; a title that repeats in a file takes its
directorate and service too, and the file's own post reference is used where it gives one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from graph.model import Capacity
from loaders.formats.common import RowRejected, parse_money, parse_number, parse_uk_date, slug_id
from loaders.formats.csv_table import Table
from loaders.formats.transparency_columns import CONTACT_FIELD, NOT_APPLICABLE
from loaders.formats.transparency_council import Council, Councils, council_key
from loaders.issues import LoadIssue, Severity

_BAND = re.compile(r"^\D*([\d,]+(?:\.\d+)?)\s*(?:-|\u2013|to)\s*\D*([\d,]+(?:\.\d+)?)\D*$")
_CAPACITY_WORDS = re.compile(r"\b(interim|acting)\b", re.IGNORECASE)
_BRACKETS = re.compile(r"\s*\([^)]*\)")
NOT_NAMED = NOT_APPLICABLE | {"n/d", "nd", "vacant", "not disclosed", "redacted", "withheld"}
VACANT = frozenset({"vacant", "yes", "y", "vacancy", "true", "post vacant"})
# Contact details written into other columns ("Comments", "Responsibilities"): never kept.
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?:\+44\s?\(?0?\)?\s?|\b0)\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}\b")
CONTACT_REMOVED = "[contact details removed]"


@dataclass
class Row:
    line: int
    cells: dict[str, str]
    council: Council
    post_id: str = ""
    floor: int | None = None
    ceiling: int | None = None
    tier: int | None = None
    effective: dt.date | None = None

    @property
    def where(self) -> str:
        return f"row {self.line}"

    @property
    def holder(self) -> str | None:
        """The person named, unless the row says the post is vacant or names nobody."""
        name = self.cells.get("name", "").strip()
        if self.vacant or name.lower() in NOT_NAMED:
            return None
        return name

    @property
    def vacant(self) -> bool:
        return (
            self.cells.get("vacancy", "").strip().lower() in VACANT
            or self.cells.get("name", "").strip().lower() == "vacant"
        )

    @property
    def capacity(self) -> Capacity:
        found = _CAPACITY_WORDS.search(self.cells["title"])
        return Capacity(found.group(1).lower()) if found else Capacity.SUBSTANTIVE

    def value(self, key: str) -> str:
        """A cell, with the LGA schemas' "NA" (not applicable) as empty."""
        text = self.cells.get(key, "").strip()
        return "" if text.lower() in NOT_APPLICABLE else text


def title_key(title: str) -> str:
    """'Interim Director of Finance (S151)' -> 'Director of Finance'; '&' -> 'and'."""
    text = _BRACKETS.sub("", title)
    text = _CAPACITY_WORDS.sub(" ", text).replace("&", " and ")
    text = " ".join(text.split()).strip(" -,")
    return text or title


def council_from_file_name(path: Path) -> str | None:
    """'exampleshire-county-council-senior-salaries-2016.csv' -> 'Exampleshire County Council'."""
    words: list[str] = []
    stop = {
        "organisation", "organization", "org", "senior", "salaries", "salary", "chart",
        "structure", "staff", "transparency", "pay", "officers", "orgchart", "employees",
    }  # fmt: skip
    for word in re.split(r"[^A-Za-z0-9]+", path.stem):
        if not word or word.lower() in stop or word.isdigit():
            break
        words.append(word)
    return " ".join(w.capitalize() for w in words) or None


class TransparencyRows:
    """The rows of one table, checked; what it leaves out or ignores is in `issues`."""

    def __init__(self, table: Table, councils: Councils, path: Path) -> None:
        self.table = table
        self.councils = councils
        self.path = path
        self.issues: list[LoadIssue] = []

    def column(self, field: str | None) -> str | None:
        return self.table.fields.get(field or "", field)

    def note_columns(self) -> None:
        if self.table.unknown:
            self.issues.append(
                LoadIssue.in_row(
                    self.table.name, "header", ", ".join(self.table.unknown),
                    "columns with no known meaning; not stored", Severity.NOTE,
                )
            )  # fmt: skip
        if CONTACT_FIELD in self.table.fields:
            self.issues.append(
                LoadIssue.in_row(
                    self.table.name, "header", self.table.fields[CONTACT_FIELD],
                    "contact details are never stored", Severity.NOTE,
                )
            )  # fmt: skip

    def rows(self) -> list[Row]:
        rows: list[Row] = []
        for line, cells in self.table.rows:
            try:
                rows.append(self._row(line, cells))
            except RowRejected as error:
                self.issues.append(
                    LoadIssue.in_row(
                        self.table.name, f"row {line}", self.column(error.column), error.reason
                    )
                )
        self._assign_ids(rows)
        return rows

    def _row(self, line: int, cells: dict[str, str]) -> Row:
        cells.pop(CONTACT_FIELD, None)  # never kept, not even in a quote
        for key, text in cells.items():
            if "@" in text or any(ch.isdigit() for ch in text):
                cells[key] = _PHONE.sub(CONTACT_REMOVED, _EMAIL.sub(CONTACT_REMOVED, text))
        if not cells.get("title") or cells["title"].lower() in NOT_APPLICABLE:
            raise RowRejected("title", "missing")
        label, uri = council_key(cells)
        if label.lower() in NOT_APPLICABLE and uri.lower() in NOT_APPLICABLE:
            label = council_from_file_name(self.path) or ""
            if not label:
                raise RowRejected("organisation", "no council named in the row or the file name")
            cells["organisation"] = label
        effective = self._date(cells.get("effective_date", ""))
        self.councils.on = self.councils.on or effective
        quote = "; ".join(
            f"{self.column(k)}={cells[k]}" for k in ("organisation", "organisation_uri")
            if cells.get(k)
        ) or f"file={self.table.name}"  # fmt: skip
        council = self.councils.council(label, uri, f"row {line}", quote)
        row = Row(line, cells, council, effective=effective)
        try:
            row.floor, row.ceiling = _band(row.value("salary_band"))
            for key in ("salary_floor", "salary_ceiling"):
                value = parse_money(row.value(key))
                if value is not None:
                    setattr(row, "floor" if key == "salary_floor" else "ceiling", value)
        except ValueError as error:
            raise RowRejected("salary_band", str(error)) from error
        for key in ("grade_maximum", "bonus", "expenses", "benefits", "loss_of_office"):
            try:
                parse_money(row.value(key))
            except ValueError as error:
                raise RowRejected(key, str(error)) from error
        try:
            parse_number(row.value("fte"))
        except ValueError as error:
            raise RowRejected("fte", str(error)) from error
        row.tier = _tier(row.value("tier"))
        return row

    @staticmethod
    def _date(text: str) -> dt.date | None:
        if text.strip().lower() in NOT_APPLICABLE:
            return None
        try:
            return parse_uk_date(text)
        except ValueError as error:
            raise RowRejected("effective_date", str(error)) from error

    def _assign_ids(self, rows: list[Row]) -> None:
        """Post ids from the file's post ids, else titles (with directorate and service when
        a title repeats in the file), else the row."""
        titles = Counter((r.council.id, title_key(r.cells["title"]).lower()) for r in rows)
        units = Counter(
            (r.council.id, title_key(r.cells["title"]).lower(), r.value("directorate"),
             r.value("service"))
            for r in rows
        )  # fmt: skip
        for row in rows:
            scope, title = row.council.scope, title_key(row.cells["title"])
            unit = (row.value("directorate"), row.value("service"))
            if row.cells.get("post_id"):
                row.post_id = slug_id("post", scope, row.cells["post_id"])
            elif titles[(row.council.id, title.lower())] == 1:
                row.post_id = slug_id("post", scope, title)
            elif units[(row.council.id, title.lower(), *unit)] == 1:
                row.post_id = slug_id("post", scope, title, *unit)
            else:
                row.post_id = slug_id("post", scope, title, "row", str(row.line))


def _tier(text: str) -> int | None:
    """'2', 'Tier 2', 'Level 2', '2.0' -> 2."""
    cleaned = re.sub(r"^(?:tier|level)\s*", "", text.strip().lower())
    try:
        value = parse_number(cleaned)
    except ValueError as error:
        raise RowRejected("tier", f"{text!r} is not a level number") from error
    if value is not None and (value != int(value) or value < 0):
        raise RowRejected("tier", f"{text!r} is not a level number")
    return int(value) if value is not None else None


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

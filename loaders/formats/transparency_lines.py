"""Reporting lines of a Transparency Code file: stated in a reports-to column, or inferred from
the levels of the organisation chart.

- a `Reports To` column naming another row's post id: stated (confidence 1);
- naming a job title that exactly one row has: inferred from the job title (0.8);
- no such column, but levels (`Level` in the LGA schema, "Tier" elsewhere): a post at level n
  reports to a post at level n-1 of its own service, else of its own directorate, else to the
  one post at level n-1 when there is only one (the Chief Executive for the directors, whose
  directorate is "NA"). Where its service or directorate has several posts at level n-1, the
  nearest one before it in the file is taken (the order councils list a chart in: each head
  followed by the posts under them); when none comes before it, no line is drawn. Inferred
  (0.6), with how.
Inferred lines carry `inferred: true` and `inferred_from`; nothing else is guessed.
"""

from __future__ import annotations

from loaders.formats.csv_table import Table
from loaders.formats.transparency_rows import Row
from loaders.issues import LoadIssue, Severity

TITLE_CONFIDENCE = 0.8
TIER_CONFIDENCE = 0.6
Line = tuple[Row, Row, str | None, float]  # (from, to, how it was inferred, confidence)
_NO_MANAGER = {"XX", "N/A", "NA", "NONE", "-"}


def reporting_lines(table: Table, rows: list[Row], issues: list[LoadIssue]) -> list[Line]:
    if "reports_to" in table.fields:
        return _stated_lines(table, rows, issues)
    if "tier" in table.fields:
        return _tier_lines(rows)
    return []


def _stated_lines(table: Table, rows: list[Row], issues: list[LoadIssue]) -> list[Line]:
    by_ref = {r.cells["post_id"]: r for r in rows if r.cells.get("post_id")}
    by_title: dict[str, list[Row]] = {}
    for r in rows:
        by_title.setdefault(r.cells["title"].lower(), []).append(r)
    lines: list[Line] = []
    for row in rows:
        target_text = row.cells.get("reports_to", "").strip()
        if not target_text or target_text.upper() in _NO_MANAGER:
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
            column = table.fields.get("reports_to")
            issues.append(LoadIssue.in_row(table.name, row.where, column, reason, Severity.NOTE))
    return [line for line in lines if line[0] is not line[1]]


def _tier_lines(rows: list[Row]) -> list[Line]:
    lines: list[Line] = []
    by_tier: dict[tuple[str, int], list[Row]] = {}
    for row in rows:
        if row.tier is not None:
            by_tier.setdefault((row.council.id, row.tier), []).append(row)
    position = {id(row): index for index, row in enumerate(rows)}
    for row in rows:
        if row.tier is None or row.tier <= 1:
            continue
        above = by_tier.get((row.council.id, row.tier - 1), [])
        found: Line | None = None
        for how, unit in (("tier and service", "service"), ("tier and directorate", "directorate")):
            candidates = [r for r in above if _same(r, row, unit)]
            if candidates:
                manager = _nearest_before(position, position[id(row)], candidates)
                if manager is not None:
                    found = (row, manager, how, TIER_CONFIDENCE)
                break
        if (
            found is None
            and len(above) == 1
            and not any(_same(r, row, "directorate") for r in above)
        ):
            found = (row, above[0], "tier", TIER_CONFIDENCE)
        if found is not None and found[1] is not row:
            lines.append(found)
    return lines


def _same(candidate: Row, row: Row, unit: str) -> bool:
    value = row.value(unit)
    if unit == "service" and row.value("directorate") != candidate.value("directorate"):
        return False
    return bool(value) and candidate.value(unit).lower() == value.lower()


def _nearest_before(position: dict[int, int], index: int, candidates: list[Row]) -> Row | None:
    """The candidate nearest above the row at `index` in the file, else the only candidate."""
    before = [r for r in candidates if position[id(r)] < index]
    if before:
        return before[-1]
    return candidates[0] if len(candidates) == 1 else None

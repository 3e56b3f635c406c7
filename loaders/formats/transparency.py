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

from pathlib import Path

from loaders.formats.common import SourceBuilder, file_document
from loaders.formats.csv_table import read_table
from loaders.formats.services import ServiceMatcher
from loaders.formats.transparency_records import TransparencyRecords
from loaders.formats.transparency_rows import (
    COLUMN_SYNONYMS,
    TransparencyRows,
    council_from_file_name,
    looks_like_transparency,
)
from loaders.issues import display_path, rejected_file
from loaders.reading import ReadResult

__all__ = [
    "COLUMN_SYNONYMS",
    "council_from_file_name",
    "looks_like_transparency",
    "read_transparency",
]


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
    parsed = TransparencyRows(table)
    parsed.note_columns()
    rows = parsed.rows(path)
    TransparencyRecords(table, out, services or ServiceMatcher(), parsed.issues).build(rows)
    return ReadResult([out.build()], parsed.issues)

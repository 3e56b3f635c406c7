"""Local Government Transparency Code CSVs in: organisation charts and senior salaries.

Councils publish these to the LGA schemas (`transparency_columns`) or with columns of their own,
so headers are mapped by meaning; columns that mean nothing known are reported, contact columns
are never read. Each row is a post of its council (`transparency_council`: resolved through the
register by `OrganisationURI`, then `OrganisationLabel`) with its title, level, directorate and
service, grade, salary band, contract and whether it is shared or vacant, and, when a name is
published and the post is not vacant, the person holding it (`transparency_records`).
Reporting lines are stated or inferred from the levels (`transparency_lines`). What
`Responsibilities` says (statutory designations, services) is read into a second source of
origin `extracted` (`transparency_duties`).

A file whose rows do not line up with its header (a row with more filled cells than there are
columns: an unquoted comma in a salary shifts every cell after it) is refused whole, naming the
row and the column where the extra cells start.
"""

from __future__ import annotations

from pathlib import Path

from graph.model import SourceRecords
from loaders.body_resolution import KnownBodies, register_bodies
from loaders.formats.common import SourceBuilder, date_in_name, file_document
from loaders.formats.csv_table import Table, read_table
from loaders.formats.services import ServiceMatcher
from loaders.formats.transparency_columns import COLUMN_SYNONYMS, looks_like_transparency
from loaders.formats.transparency_council import Councils
from loaders.formats.transparency_duties import DutiesReader
from loaders.formats.transparency_records import TransparencyRecords
from loaders.formats.transparency_rows import TransparencyRows, council_from_file_name
from loaders.issues import LoadIssue, LoadRejected, display_path, rejected_file
from loaders.reading import ReadResult

__all__ = [
    "COLUMN_SYNONYMS",
    "council_from_file_name",
    "looks_like_transparency",
    "read_transparency",
]


def read_transparency(
    path: Path,
    *,
    services: ServiceMatcher | None = None,
    bodies: KnownBodies | None = None,
    data: bytes | None = None,
) -> ReadResult:
    """One file read. `bodies` resolves its councils (by default the committed register)."""
    table = read_table(path, COLUMN_SYNONYMS, data=data)
    if "title" not in table.fields:
        raise rejected_file(path, f"no job title column (headers: {table.headers})")
    _refuse_ragged(path, table)
    raw = data if data is not None else path.read_bytes()
    kind = "organisation chart" if {"reports_to", "tier"} & set(table.fields) else "senior salaries"
    document = file_document(
        path, "transparency", f"Transparency Code {kind}: {path.name}", data=raw
    )
    matcher = services or ServiceMatcher()
    councils = Councils(display_path(path), bodies or register_bodies(), date_in_name(path.name))
    parsed = TransparencyRows(table, councils, path)
    parsed.note_columns()
    rows = parsed.rows()
    effective = sorted({row.effective for row in rows if row.effective is not None})
    if effective and document.date is None:
        document = document.model_copy(update={"date": effective[-1]})
    out = SourceBuilder(display_path(path), document)
    TransparencyRecords(table, out, matcher, councils, parsed.issues).build(rows)
    duties = DutiesReader(document, display_path(path), matcher)
    for row in rows:
        duties.read(row)
    sources: list[SourceRecords] = [out.build()]
    extracted = duties.build()
    if extracted is not None:
        sources.append(extracted)
    return ReadResult(sources, parsed.issues + _unique(councils.issues))


def _refuse_ragged(path: Path, table: Table) -> None:
    if not table.ragged:
        return
    width = len(table.headers)
    raise LoadRejected(
        [
            LoadIssue.in_row(
                display_path(path), f"row {line}", f"after {table.headers[-1]!r}",
                f"{cells} cells under {width} headers: the row's cells do not line up with the "
                "columns (an unquoted comma?); the file is refused whole",
            )
            for line, cells in table.ragged
        ]
    )  # fmt: skip


def _unique(issues: list[LoadIssue]) -> list[LoadIssue]:
    return list(dict.fromkeys(issues))

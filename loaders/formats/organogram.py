"""UK government organogram CSV pairs in (datagovuk/schemas `organogram`): senior and junior.

Each senior row is a post (`Post Unique Reference`) of the organisation, with its grade, pay band
and the post it reports to (`XX` for the top post). `Name` is a person, or `N/D` (not disclosed),
`Vacant`, or `Eliminated` (the post has ended). Reference `0` is a person not in a post. A job share
is the same post on two rows: one post, two holders in the `shared` capacity. Junior rows are
grades counted against the senior post they report to: each (grade, job title) becomes a junior
post reporting to it, and the senior post carries the junior FTE total. Contact phones and emails
are never stored. The pair is one Document; evidence cites `senior row N` / `junior row N`.
The organisation is resolved through the register (`organogram_bodies`): a council's file is the
register's body, a department's its own.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from loaders.body_resolution import KnownBodies, register_bodies
from loaders.formats.common import SourceBuilder, date_in_name, file_document
from loaders.formats.csv_table import Table, header_line, iter_missing, read_table
from loaders.formats.organogram_bodies import OrganogramBodies
from loaders.formats.organogram_records import OrganogramRecords
from loaders.formats.organogram_rows import (
    JUNIOR_FIELDS,
    JUNIOR_REQUIRED,
    NO_ORGANISATION,
    SENIOR_FIELDS,
    SENIOR_REQUIRED,
    OrganogramRows,
)
from loaders.formats.services import ServiceMatcher
from loaders.issues import display_path, rejected_file
from loaders.reading import ReadResult


def looks_like_organogram(data: bytes) -> bool:
    headers = header_line(data)
    return "post unique reference" in headers or "reporting senior post" in headers


def junior_file_for(senior: Path) -> Path | None:
    candidate = senior.with_name(re.sub(r"senior", "junior", senior.name, flags=re.IGNORECASE))
    return candidate if candidate != senior and candidate.exists() else None


def senior_file_for(junior: Path) -> Path | None:
    candidate = junior.with_name(re.sub(r"junior", "senior", junior.name, flags=re.IGNORECASE))
    return candidate if candidate != junior and candidate.exists() else None


def read_organogram_file(
    path: Path, *, services: ServiceMatcher | None = None, bodies: KnownBodies | None = None
) -> ReadResult:
    """Reads the pair a file belongs to; a junior file is read with its senior file."""
    if "reporting senior post" in header_line(path.read_bytes()):
        senior = senior_file_for(path)
        if senior is None:
            raise rejected_file(path, "a junior organogram needs its senior file beside it")
        return ReadResult()  # read with its senior file
    return read_organogram(path, junior_file_for(path), services=services, bodies=bodies)


def read_organogram(
    senior: Path,
    junior: Path | None = None,
    *,
    services: ServiceMatcher | None = None,
    bodies: KnownBodies | None = None,
) -> ReadResult:
    """A senior file and its junior file read as one Document. `bodies` resolves the
    organisation (by default the committed register; `organogram_bodies`)."""
    senior_table = read_table(senior, SENIOR_FIELDS)
    _require(senior_table, SENIOR_REQUIRED)
    junior_table = read_table(junior, JUNIOR_FIELDS) if junior else None
    if junior_table is not None:
        _require(junior_table, JUNIOR_REQUIRED)
    data = senior.read_bytes() + (junior.read_bytes() if junior else b"")
    title = f"Organogram: {senior.name}" + (f" and {junior.name}" if junior else "")
    out = SourceBuilder(display_path(senior), file_document(senior, "organogram", title, data=data))
    reader = OrganogramRows(Path(out.source_file).name)
    reader.labels = senior_table.fields
    reader.junior_labels = junior_table.fields if junior_table else {}
    reader.note_columns(senior_table, "senior")
    if junior_table is not None:
        reader.note_columns(junior_table, "junior")
    named = Counter(
        cells["organisation"]
        for _, cells in senior_table.rows
        if cells["organisation"].upper() not in NO_ORGANISATION
    )
    reader.main_organisation = named.most_common(1)[0][0] if named else ""
    posts = reader.senior_posts(senior_table)
    reader.check_tree(posts)
    junior_groups = reader.junior_posts(junior_table, posts) if junior_table else {}
    organisations = OrganogramBodies(
        reader.file, bodies or register_bodies(), date_in_name(senior.name),
        reader.main_organisation, senior_table.fields,
    )  # fmt: skip
    records = OrganogramRecords(out, services or ServiceMatcher(), reader, organisations)
    records.build(posts, junior_groups)
    return ReadResult([out.build()], organisations.issues + reader.issues)


def _require(table: Table, required: tuple[str, ...]) -> None:
    missing = list(iter_missing(table, required))
    if missing:
        raise rejected_file(table.name, f"missing column(s) {', '.join(missing)}")

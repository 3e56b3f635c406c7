"""CSV files as the readers need them: decoded, headers matched by meaning, rows numbered."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from loaders.issues import LoadRejected, rejected_file


def normal_header(text: str) -> str:
    """'Actual Pay Floor (£)' -> 'actual pay floor'; 'Job/Team Function' -> 'job team function';
    'OrganisationLabel' -> 'organisation label' (words run together, as the LGA schemas write)."""
    text = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", text)
    text = re.sub(r"\([^)]*\)", " ", text.lower().replace("£", " "))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def compact_header(text: str) -> str:
    """The normal header without spaces: 'jobtitle', 'Job Title' and 'JobTitle' are one."""
    return normal_header(text).replace(" ", "")


def decode(data: bytes, name: str) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise rejected_file(name, "neither UTF-8 nor Windows-1252 text")


@dataclass
class Table:
    name: str
    headers: list[str]
    fields: dict[str, str]  # field name -> the file's header for it
    unknown: list[str]  # headers no field claims
    rows: list[tuple[int, dict[str, str]]]  # (line number, field name -> cell)
    # rows holding more filled cells than there are headers: (line number, cells in the row)
    ragged: list[tuple[int, int]] = field(default_factory=list)


def read_table(
    path: Path, synonyms: Mapping[str, tuple[str, ...]], *, data: bytes | None = None
) -> Table:
    """Reads a CSV and maps its headers onto `synonyms` (field -> accepted normal headers)."""
    text = decode(data if data is not None else path.read_bytes(), path.name)
    try:
        reader = csv.reader(io.StringIO(text))
        headers = next(reader, None)
        raw_rows = list(reader)
    except csv.Error as error:
        raise rejected_file(path, f"not a readable CSV ({error})") from error
    if not headers:
        raise rejected_file(path, "empty file")
    fields, unknown = match_headers(headers, synonyms)
    rows: list[tuple[int, dict[str, str]]] = []
    ragged: list[tuple[int, int]] = []
    for offset, cells in enumerate(raw_rows):
        if not any(cell.strip() for cell in cells):
            continue
        if any(cell.strip() for cell in cells[len(headers) :]):
            ragged.append((offset + 2, len(cells)))
        by_header = dict(zip(headers, cells, strict=False))
        rows.append((offset + 2, {f: by_header.get(h, "").strip() for f, h in fields.items()}))
    return Table(path.name, headers, fields, unknown, rows, ragged)


def match_headers(
    headers: list[str], synonyms: Mapping[str, tuple[str, ...]]
) -> tuple[dict[str, str], list[str]]:
    """Exact meanings first (case, spaces and punctuation aside: "Job Title", "JobTitle",
    "job_title"); then a header that starts with a known one ("Job title of post", "Name if
    salary over 150k") takes that meaning if nothing else has claimed it."""
    lookup = {syn: name for name, names in synonyms.items() for syn in names}
    compact = {syn.replace(" ", ""): name for syn, name in lookup.items()}
    by_length = sorted(lookup, key=len, reverse=True)
    fields: dict[str, str] = {}
    unmatched: list[str] = []
    for header in headers:
        meaning = lookup.get(normal_header(header)) or compact.get(compact_header(header))
        if meaning is not None and meaning not in fields:
            fields[meaning] = header
        elif header.strip():
            unmatched.append(header)
    unknown: list[str] = []
    for header in unmatched:
        normal = normal_header(header)
        prefix = next((syn for syn in by_length if normal.startswith(f"{syn} ")), None)
        if prefix is not None and lookup[prefix] not in fields:
            fields[lookup[prefix]] = header
        else:
            unknown.append(header)
    return fields, unknown


def header_line(data: bytes) -> set[str]:
    """The normal headers of a CSV's first line; none for what is not text (no CSV reader then
    claims the file, and the load says so, naming it)."""
    if not data.strip():
        return set()
    try:
        first = decode(data[:4096], "").splitlines()[0]
        return {normal_header(cell) for cell in next(csv.reader([first]), [])}
    except (LoadRejected, csv.Error, IndexError):
        return set()


def iter_missing(table: Table, required: tuple[str, ...]) -> Iterator[str]:
    yield from (name for name in required if name not in table.fields)

"""What every open-format reader shares: row issues, the file's Document, ids, dates, evidence.

A reader parses a whole file into `SourceRecords` (origin `imported`) and a list of issues
(`LoadIssue.in_row`) before anything is written; a rejected row or element is left out whole, with
where it was, which column and why. What makes the file unreadable raises `LoadRejected` instead.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from graph.model import (
    ID_PATTERN,
    Document,
    Entity,
    Evidence,
    Origin,
    Relation,
    RelationType,
    SourceRecords,
    slug,
)
from loaders.issues import display_path


class RowRejected(ValueError):
    """One row or element cannot be used; carries the column at fault."""

    def __init__(self, column: str | None, reason: str) -> None:
        super().__init__(reason)
        self.column = column
        self.reason = reason


_ID_RE = re.compile(ID_PATTERN)


def local_id(prefix: str, raw: str) -> str:
    """An entity id for a foreign identifier: kept as it is when it is already one of ours."""
    raw = raw.strip()
    if raw.startswith(f"{prefix}:") and _ID_RE.match(raw):
        return raw
    ascii_text = unicodedata.normalize("NFKD", raw).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^A-Za-z0-9_.:/-]+", "-", ascii_text).strip("-_.:/")
    if not cleaned:
        cleaned = hashlib.sha1(raw.encode()).hexdigest()[:16]
    candidate = f"{prefix}:{cleaned}"[:200]
    if not _ID_RE.match(candidate):
        candidate = f"{prefix}:{hashlib.sha1(raw.encode()).hexdigest()[:16]}"
    return candidate


def slug_id(prefix: str, *parts: str) -> str:
    return local_id(prefix, "-".join(slug(part) for part in parts if slug(part)))


def file_document(path: Path, fmt: str, title: str, *, data: bytes | None = None) -> Document:
    """The source file as a Document: id from the file name, checksum of its bytes."""
    content = data if data is not None else path.read_bytes()
    return Document(
        id=slug_id("document", fmt, path.name),
        title=title,
        kind="dataset",
        date=date_in_name(path.name),
        source_file=display_path(path),
        checksum=hashlib.sha256(content).hexdigest(),
    )


def date_in_name(name: str) -> dt.date | None:
    """The date a published file names itself by ('...-2012-03-31-senior.csv'), if any."""
    match = re.search(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)", name)
    if match is None:
        return None
    try:
        return dt.date(*(int(group) for group in match.groups()))
    except ValueError:
        return None


def quote_cells(
    cells: Mapping[str, object],
    columns: Iterable[str] | None = None,
    labels: Mapping[str, str] | None = None,
) -> str:
    """The relevant cell values as `Column=value; ...`, the quote an Evidence keeps.

    `labels` names each key as the file does (field -> the file's own header)."""
    keys = list(columns) if columns is not None else list(cells)
    names = labels or {}
    parts = [
        f"{names.get(key, key)}={cells[key]}"
        for key in keys
        if key in cells and str(cells[key]).strip()
    ]
    text = "; ".join(parts) or "(empty)"
    return text[:1000]


def evidence(where: str, quote: str, confidence: float = 1.0) -> list[Evidence]:
    return [Evidence(paragraph=where, quote=quote[:1000] or "(empty)", confidence=confidence)]


@dataclass(frozen=True)
class PartialDate:
    """A date as precise as the source gives it: "2016", "2016-05" or "2016-05-04"."""

    start: dt.date  # first day of the period
    end: dt.date  # last day of the period
    precision: str  # "year", "month" or "day"

    @property
    def text(self) -> str:
        if self.precision == "year":
            return f"{self.start.year:04d}"
        if self.precision == "month":
            return f"{self.start.year:04d}-{self.start.month:02d}"
        return self.start.isoformat()


_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_partial_date(text: str) -> PartialDate:
    match = _PARTIAL_DATE.match(text.strip())
    if match is None:
        raise ValueError(f"{text!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if month is None:
        return PartialDate(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
    last = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
    if day is None:
        if not last:
            raise ValueError(f"{text!r} has no month {month}")
        return PartialDate(dt.date(year, month, 1), dt.date(year, month, last), "month")
    day_date = dt.date(year, month, day)
    return PartialDate(day_date, day_date, "day")


def parse_uk_date(text: str) -> dt.date:
    """A date as UK public bodies write it: 31/03/2012, 31-03-2012 or 2012-03-31."""
    text = text.strip()
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d/%m/%y", "%d %B %Y", "%d %b %Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"{text!r} is not a date")


def parse_money(text: str) -> int | None:
    """£105,000 -> 105000; blank, N/A, N/D -> None; anything else is an error."""
    cleaned = text.strip().replace("£", "").replace(",", "").strip()
    if cleaned.upper() in {"", "N/A", "NA", "N/D", "ND", "-"}:
        return None
    try:
        return round(float(cleaned))
    except ValueError as error:
        raise ValueError(f"{text!r} is not an amount of money") from error


def parse_number(text: str) -> float | None:
    cleaned = text.strip().replace(",", "")
    if cleaned.upper() in {"", "N/A", "NA", "N/D", "-"}:
        return None
    try:
        return float(cleaned)
    except ValueError as error:
        raise ValueError(f"{text!r} is not a number") from error


def salary_band(floor: int | None, ceiling: int | None) -> str | None:
    if floor is None and ceiling is None:
        return None
    if floor is not None and ceiling is not None:
        return f"£{floor:,} - £{ceiling:,}"
    return f"£{(floor if floor is not None else ceiling):,}"


class SourceBuilder:
    """Collects one source's entities and relations, merging repeats of the same fact.

    Rows are checked one at a time by the readers; a row's facts are added only once the whole row
    is known to be good, through `add_row`, so that nothing of a rejected row remains.
    """

    def __init__(self, source_file: str, document: Document) -> None:
        self.source_file = source_file
        self.document = document
        self.entities: dict[str, Entity] = {}
        self.relations: dict[str, Relation] = {}

    def has(self, entity_id: str) -> bool:
        return entity_id in self.entities

    def add_row(self, entities: Iterable[Entity] = (), relations: Iterable[Relation] = ()) -> None:
        for entity in entities:
            self.entities[entity.id] = _merge_entity(self.entities.get(entity.id), entity)
        for relation in relations:
            existing = self.relations.get(relation.id)
            if existing is None:
                self.relations[relation.id] = relation
            else:
                merged_evidence = _unique_evidence([*existing.evidence, *relation.evidence])
                properties = {**relation.properties, **existing.properties}
                self.relations[relation.id] = existing.model_copy(
                    update={"evidence": merged_evidence, "properties": properties}
                )

    def relations_of(self, source: str, relation_type: RelationType) -> list[str]:
        return [
            r.target
            for r in self.relations.values()
            if r.source == source and r.type is relation_type
        ]

    def dangling(self, known: set[str] | None = None) -> list[Relation]:
        """Relations whose ends are neither in this source nor in `known` (e.g. the graph)."""
        ids = set(self.entities) | (known or set())
        return [r for r in self.relations.values() if r.source not in ids or r.target not in ids]

    def build(self) -> SourceRecords:
        return SourceRecords(
            origin=Origin.IMPORTED,
            source_file=self.source_file,
            document=self.document,
            entities=list(self.entities.values()),
            relations=list(self.relations.values()),
        )


def _merge_entity(existing: Entity | None, new: Entity) -> Entity:
    if existing is None:
        return new
    aliases = list(dict.fromkeys([*existing.aliases, *new.aliases]))
    properties = {**new.properties, **existing.properties}
    return existing.model_copy(
        update={
            "aliases": [a for a in aliases if a != existing.name],
            "properties": properties,
            "evidence": _unique_evidence([*existing.evidence, *new.evidence]),
        }
    )


def _unique_evidence(items: list[Evidence]) -> list[Evidence]:
    seen: dict[tuple[str, str], Evidence] = {}
    for item in items:
        seen.setdefault((item.paragraph, item.quote), item)
    return list(seen.values())

"""Parses mySociety's register of UK local authorities (`data/register/`) into typed rows.

Three files: the authorities (one row each, with codes, names, dates, successors, nation, region,
type, county and combined authority), every known spelling of a name, and every GSS code current or
former. Parsing only: `loaders/register/records.py` maps the rows to the graph's records and
`loaders/resolve.py` resolves names, codes and web addresses against them.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from graph.errors import InvalidInput
from graph.model import slug
from graph.settings import PROJECT_ROOT

REGISTER_DIR = PROJECT_ROOT / "data" / "register"
AUTHORITIES_FILE = "uk_local_authorities_current.csv"
NAMES_FILE = "lookup_name_to_registry.csv"
GSS_FILE = "lookup_gss_to_registry.csv"

# ISO 3166-2 subdivisions of the United Kingdom, by the register's `nation`.
NATION_JURISDICTIONS = {
    "England": "GB-ENG",
    "Scotland": "GB-SCT",
    "Wales": "GB-WLS",
    "Northern Ireland": "GB-NIR",
}
COUNTRY = "GB"
_SEPARATOR = re.compile(r",(?! )")
_REQUIRED = ("local-authority-code", "official-name", "nice-name", "nation")


class RegisterError(InvalidInput):
    """A register file cannot be used: names the file, the row and the reason."""


@dataclass(frozen=True)
class Authority:
    """One row of the register."""

    code: str  # the register's fixed three-letter (or NIR-x) code
    official_name: str
    nice_name: str
    nation: str
    region: str
    type_code: str  # CTY, NMD, UA, MD, LBO, SCO, WPA, NID, COMB, SRA, CC
    type_name: str
    gss_code: str | None
    former_gss_codes: tuple[str, ...]
    start: dt.date | None
    end: dt.date | None
    replaced_by: tuple[str, ...]
    county: str | None
    combined_authority: str | None
    alt_names: tuple[str, ...]
    gov_uk_slug: str | None
    row: int  # line in the authorities file, for evidence and errors
    quote: str = ""  # the row's identifying cells, as evidence quotes them

    @property
    def body_id(self) -> str:
        """The authority's entity id: its official name as the project writes ids (the seed's
        `body:cheshire-east-council` is the register's CHE)."""
        return f"body:{slug(self.official_name)}"

    @property
    def jurisdiction(self) -> str:
        return NATION_JURISDICTIONS[self.nation]

    @property
    def is_current(self) -> bool:
        return self.end is None

    def current_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Register:
    """The whole register: authorities by code, every spelling and every GSS code."""

    directory: Path
    authorities: dict[str, Authority]
    names: dict[str, tuple[str, ...]] = field(default_factory=dict)  # code -> spellings
    gss_codes: dict[str, str] = field(default_factory=dict)  # GSS code -> register code

    def spellings(self, code: str) -> tuple[str, ...]:
        """Official name, short name, alternative names and every known spelling, once each."""
        authority = self.authorities[code]
        every = (authority.official_name, authority.nice_name, *authority.alt_names)
        seen: dict[str, str] = {}
        for name in (*every, *self.names.get(code, ())):
            seen.setdefault(name.casefold(), name)
        return tuple(seen.values())


@cache
def default_register() -> Register:
    """The register committed in `data/register/`, read once per process."""
    return read_register_dir(REGISTER_DIR)


def read_register_dir(directory: Path) -> Register:
    authorities = {a.code: a for a in _authorities(directory / AUTHORITIES_FILE)}
    names: dict[str, list[str]] = {}
    for _, (name, code) in _pairs(directory / NAMES_FILE, "la-name", authorities):
        names.setdefault(code, []).append(name)
    gss = {gss: code for _, (gss, code) in _pairs(directory / GSS_FILE, "gss-code", authorities)}
    _check_references(directory / AUTHORITIES_FILE, authorities)
    return Register(directory, authorities, {c: tuple(n) for c, n in names.items()}, gss)


def _open_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    if not path.is_file():
        raise RegisterError(f"{path}: the register file is missing")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            yield reader.line_num, {k: (v or "").strip() for k, v in row.items() if k}


def _authorities(path: Path) -> Iterator[Authority]:
    for line, row in _open_rows(path):
        where = f"{path.name}: line {line}"
        for column in _REQUIRED:
            if not row.get(column):
                raise RegisterError(f"{where}: column {column!r} is empty")
        if row["nation"] not in NATION_JURISDICTIONS:
            raise RegisterError(f"{where}: column 'nation': unknown nation {row['nation']!r}")
        yield Authority(
            code=row["local-authority-code"],
            official_name=row["official-name"],
            nice_name=row["nice-name"],
            nation=row["nation"],
            region=row.get("region", ""),
            type_code=row.get("local-authority-type", ""),
            type_name=row.get("local-authority-type-name", ""),
            gss_code=row.get("gss-code") or None,
            former_gss_codes=_listed(row.get("former-gss-codes", "")),
            start=_date(row.get("start-date", ""), where, "start-date"),
            end=_date(row.get("end-date", ""), where, "end-date"),
            replaced_by=_listed(row.get("replaced-by", "")),
            county=row.get("county-la") or None,
            combined_authority=row.get("combined-authority") or None,
            alt_names=_listed(row.get("alt-names", "")),
            gov_uk_slug=row.get("gov-uk-slug") or None,
            row=line,
            quote=_quote(row),
        )


def _pairs(
    path: Path, key: str, authorities: dict[str, Authority]
) -> Iterator[tuple[int, tuple[str, str]]]:
    for line, row in _open_rows(path):
        value, code = row.get(key, ""), row.get("local-authority-code", "")
        if not value:
            continue  # the register lists some codes without a value (abolished NI districts)
        if code not in authorities:
            raise RegisterError(f"{path.name}: line {line}: unknown authority code {code!r}")
        yield line, (value, code)


def _check_references(path: Path, authorities: dict[str, Authority]) -> None:
    for authority in authorities.values():
        named = [*authority.replaced_by, authority.county, authority.combined_authority]
        for code in named:
            if code is not None and code not in authorities:
                raise RegisterError(
                    f"{path.name}: line {authority.row}: {authority.code} names an unknown "
                    f"authority {code!r}"
                )


def _listed(text: str) -> tuple[str, ...]:
    """The register's comma-separated lists. A comma inside a name is followed by a space
    ("Armagh City, Banbridge and Craigavon"); the separator is not."""
    parts = (part.strip() for part in _SEPARATOR.split(text))
    return tuple(dict.fromkeys(part for part in parts if part))


def _date(text: str, where: str, column: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise RegisterError(f"{where}: column {column!r}: not a date: {text!r}") from error


def _quote(row: dict[str, str]) -> str:
    keys = ("local-authority-code", "official-name", "gss-code", "start-date", "end-date",
            "replaced-by", "local-authority-type", "county-la", "combined-authority")  # fmt: skip
    return "; ".join(f"{key}={row[key]}" for key in keys if row.get(key))

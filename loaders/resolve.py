"""Which body a file means: one node per body, whatever name, code or web address a source uses.

Built from the UK local authority register (and any other known bodies), with no database. A body
named in a file is resolved, in order, by

1. an identifier: a GSS code (current or former), a register code, or a URI carrying one
   (opendatacommunities `.../id/<kind>/<slug>`, statistics.data.gov.uk `.../E06000049`);
2. a web domain: the council part of a host (`democracy.`, `moderngov.`, `ww5.`... and `.gov.uk`,
   `.gov.wales`... are not names), through the committed table of domains that are not names
   (`data/register/domains.csv`), then the gov.uk slug, short name and spellings;
3. a name: the register's spellings exactly, then normalised ("Council", "Borough", "City of",
   "&"/"and", punctuation aside), within the jurisdiction asked.

Each answer has a confidence and the rule that gave it. Below `THRESHOLD` nothing is guessed:
`body_id` is None and the candidates say what came close. Where several bodies answer, the one
current (on `on`, or today) is preferred; otherwise there is no guess. How names and hosts are
compared (the keys) is `loaders.resolve_keys`.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from loaders.register.table import COUNTRY, Register, default_register
from loaders.resolve_keys import compact_key, council_labels, exact_key, name_key, similarity

__all__ = [
    "THRESHOLD", "Candidate", "KnownBody", "Resolution", "Resolver", "compact_key",
    "council_labels", "default_resolver", "exact_key", "name_key",
]  # fmt: skip

THRESHOLD = 0.8
DOMAINS_FILE = "domains.csv"

GSS_RE = re.compile(r"\b([EWSNK]\d{8})\b")
_ODC_RE = re.compile(r"opendatacommunities\.org/id/([a-z-]+)/([a-z0-9-]+)", re.IGNORECASE)


@dataclass(frozen=True)
class Candidate:
    body_id: str
    name: str
    confidence: float
    rule: str


@dataclass(frozen=True)
class Resolution:
    """The body meant (None below the threshold), how sure, by which rule, and what came close."""

    body_id: str | None
    confidence: float
    rule: str
    candidates: tuple[Candidate, ...] = ()
    why: str = ""

    @property
    def resolved(self) -> bool:
        return self.body_id is not None


@dataclass(frozen=True)
class KnownBody:
    """A body the resolver can answer with: the register's authorities, or any other."""

    body_id: str
    name: str
    jurisdiction: str  # ISO 3166 (GB, AU) or 3166-2 (GB-ENG, AU-TAS)
    names: tuple[str, ...] = ()
    identifiers: tuple[str, ...] = ()  # GSS codes, register code
    former_identifiers: tuple[str, ...] = ()
    slugs: tuple[str, ...] = ()  # gov.uk and opendatacommunities slugs
    start: dt.date | None = None
    end: dt.date | None = None

    def current_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)

    def within(self, jurisdiction: str | None) -> bool:
        if jurisdiction is None:
            return True
        wanted = jurisdiction.upper()
        return self.jurisdiction == wanted or self.jurisdiction.startswith(wanted + "-")


@dataclass
class Resolver:
    bodies: list[KnownBody] = field(default_factory=list)
    domains: dict[str, str] = field(default_factory=dict)  # council label -> body id
    threshold: float = THRESHOLD

    def __post_init__(self) -> None:
        self._by_id = {body.body_id: body for body in self.bodies}
        self._identifiers: dict[str, list[tuple[KnownBody, bool]]] = {}
        self._exact: dict[str, list[KnownBody]] = {}
        self._keys: dict[str, list[KnownBody]] = {}
        self._compact: dict[str, list[KnownBody]] = {}
        for body in self.bodies:
            self._index(body)

    @classmethod
    def from_register(
        cls, register: Register, extra: Iterable[KnownBody] = (), threshold: float = THRESHOLD
    ) -> Resolver:
        bodies = [*_register_bodies(register), *extra]
        ids = {a.code: a.body_id for a in register.authorities.values()}
        domains = {label: ids[code] for label, code in _domain_table(register.directory).items()}
        return cls(bodies, domains, threshold)

    def add(self, body: KnownBody) -> None:
        self.bodies.append(body)
        self._by_id[body.body_id] = body
        self._index(body)

    def _index(self, body: KnownBody) -> None:
        for identifier in body.identifiers:
            self._identifiers.setdefault(identifier.upper(), []).append((body, True))
        for identifier in body.former_identifiers:
            self._identifiers.setdefault(identifier.upper(), []).append((body, False))
        for name in (body.name, *body.names):
            _add(self._exact, exact_key(name), body)
            _add(self._keys, name_key(name), body)
            _add(self._compact, compact_key(name), body)
        for slug in body.slugs:
            _add(self._compact, compact_key(slug), body)

    def resolve(
        self,
        name: str | None = None,
        identifier: str | None = None,
        domain: str | None = None,
        uri: str | None = None,
        jurisdiction: str | None = COUNTRY,
        on: dt.date | None = None,
    ) -> Resolution:
        """The body meant by whatever the file gives, strongest evidence first."""
        day = on or dt.date.today()
        attempts: list[Resolution] = []
        if identifier:
            attempts.append(self.by_identifier(identifier, jurisdiction, day))
        if uri:
            attempts.append(self.by_uri(uri, jurisdiction, day))
        if domain:
            attempts.append(self.by_domain(domain, jurisdiction, day))
        if name:
            attempts.append(self.by_name(name, jurisdiction, day))
            if " " not in name.strip() and "." in name:  # a reader that named a body by its site
                attempts.append(self.by_domain(name, jurisdiction, day))
        for attempt in attempts:
            if attempt.resolved:
                return attempt
        candidates = _merge(c for attempt in attempts for c in attempt.candidates)
        reasons = "; ".join(a.why for a in attempts if a.why)
        confidence = candidates[0].confidence if candidates else 0.0
        return Resolution(None, confidence, "unresolved", candidates, reasons or "nothing given")

    def by_identifier(self, identifier: str, jurisdiction: str | None, day: dt.date) -> Resolution:
        text = identifier.strip()
        code = text.rsplit(":", 1)[-1].strip().upper()  # local-authority-eng:CHE, gss:E06000049
        found = [
            (b, current) for b, current in self._identifiers.get(code, []) if b.within(jurisdiction)
        ]
        hits = [
            Candidate(b.body_id, b.name, 1.0, "identifier")
            if current
            else Candidate(b.body_id, b.name, 0.95, "former identifier")
            for b, current in found
        ]
        return self._decide(hits, day, f"identifier {text!r}")

    def by_uri(self, uri: str, jurisdiction: str | None, day: dt.date) -> Resolution:
        gss = GSS_RE.search(uri)
        if gss is not None:
            return self.by_identifier(gss.group(1), jurisdiction, day)
        odc = _ODC_RE.search(uri)
        if odc is not None:
            slug = compact_key(odc.group(2))
            bodies = [b for b in self._compact.get(slug, []) if b.within(jurisdiction)]
            hits = [Candidate(b.body_id, b.name, 0.95, "opendatacommunities uri") for b in bodies]
            return self._decide(hits, day, f"uri {uri!r}")
        if "://" in uri or "." in uri.split("/")[0]:
            return self.by_domain(uri, jurisdiction, day)
        return Resolution(None, 0.0, "uri", (), f"uri {uri!r}: neither a code nor a known scheme")

    def by_domain(self, domain: str, jurisdiction: str | None, day: dt.date) -> Resolution:
        labels, site_jurisdiction = council_labels(domain)
        if (
            site_jurisdiction
            and jurisdiction
            and not site_jurisdiction.startswith(jurisdiction.upper())
        ):
            return Resolution(None, 0.0, "domain", (), f"domain {domain!r} is {site_jurisdiction}")
        hits: list[Candidate] = []
        for label in labels:
            known = self.domains.get(label)
            if known is not None and self._by_id[known].within(jurisdiction):
                hits.append(Candidate(known, self._by_id[known].name, 0.95, "domain table"))
            for body in self._compact.get(compact_key(label), []):
                if body.within(jurisdiction):
                    hits.append(Candidate(body.body_id, body.name, 0.9, "domain name"))
            if hits:
                break  # the label nearest the registered domain decides
        return self._decide(hits, day, f"domain {domain!r}")

    def by_name(self, name: str, jurisdiction: str | None, day: dt.date) -> Resolution:
        rules = (
            (self._exact, exact_key(name), 1.0, "name"),
            (self._keys, name_key(name), 0.9, "normalised name"),
            (self._compact, compact_key(name), 0.85, "name without spaces"),
        )
        for index, key, confidence, rule in rules:
            bodies = [b for b in index.get(key, []) if b.within(jurisdiction)] if key else []
            if bodies:
                hits = [Candidate(b.body_id, b.name, confidence, rule) for b in bodies]
                return self._decide(hits, day, f"name {name!r}")
        why = f"name {name!r}: no body of that name in {jurisdiction or 'any jurisdiction'}"
        return Resolution(None, 0.0, "name", self._near(name, jurisdiction), why)

    def _near(self, name: str, jurisdiction: str | None) -> tuple[Candidate, ...]:
        """Names close to the one asked: candidates to report, never an answer."""
        key = name_key(name)
        if not key:
            return ()
        keys = [
            k for k, bodies in self._keys.items() if any(b.within(jurisdiction) for b in bodies)
        ]
        close = difflib.get_close_matches(key, keys, n=3, cutoff=0.85)
        hits = [
            Candidate(b.body_id, b.name, round(0.6 * similarity(key, k), 3), "similar name")
            for k in close
            for b in self._keys[k]
            if b.within(jurisdiction)
        ]
        return tuple(_merge(hits))

    def _decide(self, hits: list[Candidate], day: dt.date, what: str) -> Resolution:
        candidates = _merge(hits)
        if not candidates:
            return Resolution(None, 0.0, "none", (), f"{what}: no match")
        if len(candidates) > 1:
            current = [c for c in candidates if self._by_id[c.body_id].current_on(day)]
            if len(current) != 1:
                why = f"{what}: {len(candidates)} bodies answer"
                return Resolution(
                    None, candidates[0].confidence * 0.5, "ambiguous", candidates, why
                )
            best = current[0]
            best = Candidate(best.body_id, best.name, round(best.confidence * 0.95, 3), best.rule)
            why = f"{what}: {best.name}, the one current on {day} of {len(candidates)}"
        else:
            best = candidates[0]
            why = f"{what}: {best.name} by {best.rule}"
        if best.confidence < self.threshold:
            return Resolution(None, best.confidence, best.rule, candidates, why + " (too weak)")
        return Resolution(best.body_id, best.confidence, best.rule, candidates, why)


@cache
def default_resolver() -> Resolver:
    """The resolver over the register committed in `data/register/`."""
    return Resolver.from_register(default_register())


def _add(index: dict[str, list[KnownBody]], key: str, body: KnownBody) -> None:
    if key:
        bodies = index.setdefault(key, [])
        if body not in bodies:
            bodies.append(body)


def _merge(hits: Iterable[Candidate]) -> tuple[Candidate, ...]:
    """One candidate per body, its best; strongest first."""
    best: dict[str, Candidate] = {}
    for hit in hits:
        if hit.body_id not in best or hit.confidence > best[hit.body_id].confidence:
            best[hit.body_id] = hit
    return tuple(sorted(best.values(), key=lambda c: (-c.confidence, c.body_id)))


def _register_bodies(register: Register) -> Sequence[KnownBody]:
    return [
        KnownBody(
            body_id=a.body_id,
            name=a.official_name,
            jurisdiction=a.jurisdiction,
            names=register.spellings(a.code),
            identifiers=tuple(x for x in (a.code, a.gss_code) if x),
            former_identifiers=tuple(
                gss
                for gss, code in register.gss_codes.items()
                if code == a.code and gss != a.gss_code
            ),
            slugs=tuple(x for x in (a.gov_uk_slug,) if x),
            start=a.start,
            end=a.end,
        )
        for a in register.authorities.values()
    ]


def _domain_table(directory: Path) -> dict[str, str]:
    """`domains.csv`: council label of a domain (`lbbd` of lbbd.gov.uk) -> register code."""
    path = directory / DOMAINS_FILE
    if not path.is_file():
        return {}
    table: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            labels, _ = council_labels(row["domain"])
            if labels:
                table[labels[0]] = row["local-authority-code"]
    return table

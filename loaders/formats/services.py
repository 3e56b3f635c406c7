"""Finds canonical services named in free text ("Cabinet Member for Housing and Libraries").

The canonical names and aliases come from the graph (the vocabulary, once loaded) or straight from
the vocabulary files; a reader links only to services that exist, and keeps the source's wording.
A title is read whole, else as a list of parts ("Culture, Leisure and Libraries": three services).
Each part may also be a single portfolio word ("Health", "Resources", see `TITLE_WORDS`) or a
plain misspelling of a name ("Communtiy Safety"). How ambiguous words are read is in
docs/vocabulary.md.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from graph.db import Database

_SPLIT = re.compile(
    r"\s*(?:,|;|/|&|\+|\(|\)|\band\b|\bincluding\b|\bincl\.?(?=\s)|\s[-\u2013]\s)\s*", re.IGNORECASE
)
_NOISE = re.compile(r"[^a-z0-9 ]+")

_ROLE_WORDS = re.compile(
    r"^(?:(?:executive|cabinet|corporate|strategic|assistant|deputy|interim|acting|service|"
    r"group|managing|lead|senior)\s+)*"
    r"(?:director|head|manager|lead|officer|member|portfolio holder|team leader)"
    r"(?:\s+(?:of|for|with\s+responsibility\s+for))?\s*[-\u2013:]?\s+",
    re.IGNORECASE,
)
_ROLE_AFTER = re.compile(
    r"\s+(?:(?:deputy|assistant)\s+)?(?:portfolio\s+holder|cabinet\s+member|lead\s+member)$",
    re.IGNORECASE,
)
# Words that qualify a portfolio's part without changing the service it names
# ("Strategic Housing", "Sustainable Economic Growth", "Planning Services").
_QUALIFIERS = re.compile(
    r"^(?:(?:strategic|sustainable|city|borough|county|organised|primary|local|the|council)\s+)+"
    r"|\s+(?:services?|management)$",
    re.IGNORECASE,
)
_FUZZY_MIN_LENGTH = 7
_FUZZY_CUTOFF = 0.88

# Single words that name a service in a portfolio title but not in running prose ("Health" in
# "Adults, Health and Leisure"; "the health of the economy" is no service), so they are not
# aliases in the vocabulary, which the document gazetteer also reads. See docs/vocabulary.md.
TITLE_WORDS: dict[str, str] = {
    "health": "service:health-and-wellbeing",
    "wellbeing": "service:health-and-wellbeing",
    "environment": "service:environment",
    "amenity": "service:environment",
    "community": "service:communities",
    "communities": "service:communities",
    "neighbourhoods": "service:communities",
    "families": "service:childrens-services",
    "resources": "service:corporate-services",
    "economy": "service:economic-development",
    "jobs": "service:economic-development",
    "employment": "service:skills",
    "business": "service:business-support",
    "investment": "service:investment",
    "performance": "service:performance-management",
    "governance": "service:democratic-services",
    "democracy": "service:democratic-services",
    "strategy": "service:policy-and-strategy",
    "policy": "service:policy-and-strategy",
    "treasury": "service:finance",
    "budget": "service:finance",
    "technology": "service:ict",
    "digital": "service:ict",
    "it": "service:ict",
    "improvement": "service:transformation",
    "innovation": "service:transformation",
    "climate": "service:climate-change",
    "energy": "service:climate-change",
    "renewables": "service:climate-change",
    "arts": "service:arts-and-culture",
    "events": "service:arts-and-culture",
    "engagement": "service:community-engagement",
    "participation": "service:community-engagement",
    "safety": "service:community-safety",
    "equality": "service:community-cohesion",
    "inclusion": "service:community-cohesion",
    "fairness": "service:community-cohesion",
    "cohesion": "service:community-cohesion",
    "assets": "service:property-and-assets",
    "property": "service:property-and-assets",
    "facilities": "service:property-and-assets",
    "legal": "service:legal-services",
    "law": "service:legal-services",
    "homes": "service:housing",
    "transportation": "service:highways-and-transport",
    "ferries": "service:public-transport",
    "schooling": "service:schools",
    "regulation": "service:regulation-and-enforcement",
    "enforcement": "service:regulation-and-enforcement",
    "benefits": "service:revenues-and-benefits",
    "co-operatives": "service:voluntary-and-community-sector",
    "cooperatives": "service:voluntary-and-community-sector",
    # a document's "social enterprise" is often a kind of provider, not the council's service
    "social enterprise": "service:voluntary-and-community-sector",
    "community enterprise": "service:voluntary-and-community-sector",
}


# Single words that are a service's alias in a title but too general alone in a sentence.
PROSE_STOP_WORDS = frozenset(
    {"adult", "adults", "children", "learning", "partnership", "partnerships", "growth",
     "enterprise", "estate", "estates", "export", "commissioning", "transformation",
     "infrastructure", "equality", "road", "roads", "culture"}
)  # fmt: skip
_ACRONYMS = frozenset({"send", "neet", "vcs", "hr", "ict", "gps", "gp"})


def _names_alone(word: str) -> bool:
    lowered = word.lower()
    if lowered in _ACRONYMS:
        return word.isupper()
    return lowered not in PROSE_STOP_WORDS


def _without_role(text: str) -> str:
    """'Corporate Director of Children's Services' -> 'Children's Services';
    'Highways Portfolio Holder' -> 'Highways'."""
    text = _ROLE_WORDS.sub("", text.strip(), count=1).strip()
    return _ROLE_AFTER.sub("", text).strip()


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _normal(text: str) -> str:
    text = text.lower().replace("\u2019", "'").replace("'s", "s")
    text = re.sub(r"\bwell[-\s]+being\b", "wellbeing", text)
    return " ".join(_stem(w) for w in _NOISE.sub(" ", text).split())


@dataclass(frozen=True)
class ServiceMatch:
    service_id: str
    wording: str  # the source's own words for the service


class ServiceMatcher:
    def __init__(self, names: Iterable[tuple[str, str]] = ()) -> None:
        """`names`: (service id, a name or alias) pairs."""
        self._by_name: dict[str, str] = {}
        for service_id, name in names:
            key = _normal(name)
            if key:
                self._by_name.setdefault(key, service_id)
        known = set(self._by_name.values())
        self._title_words = {
            _normal(word): service_id
            for word, service_id in TITLE_WORDS.items()
            if service_id in known
        }

    def __len__(self) -> int:
        return len(self._by_name)

    @property
    def service_ids(self) -> set[str]:
        return set(self._by_name.values())

    def find(self, text: str) -> list[ServiceMatch]:
        """Services a portfolio or role title names ("Head of Libraries and Archives" names
        two; "Adults, Health and Leisure" three, through the portfolio word "Health")."""
        return self._search(text, portfolio=True)

    def _search(self, text: str, *, portfolio: bool) -> list[ServiceMatch]:
        for candidate in dict.fromkeys([_without_role(text), text.strip()]):
            found = self._find(candidate, portfolio) if candidate else []
            if found:
                return found
        return []

    def find_in_post(self, title: str, *units: str) -> list[ServiceMatch]:
        """Services a post is for: named in its title, else its unit's whole name when that
        is one service ("Human Resources"), never each part of a unit that lists several.
        A job title is read without portfolio words or near spellings: a Director of "Audit
        Policy & Regulation" is not over regulatory services."""
        found = self._search(title, portfolio=False)
        for unit in units:
            if found:
                break
            for candidate in dict.fromkeys([unit.strip(), _without_role(unit)]):
                service_id = self._by_name.get(_normal(candidate)) if candidate else None
                if service_id is not None:
                    found = [ServiceMatch(service_id, candidate)]
                    break
        return found

    def find_in_text(self, text: str) -> list[ServiceMatch]:
        """Services a sentence names ("Responsible for the library service, museums and adult
        learning"): each longest run of its words that is a service's name or alias, with the
        sentence's own words. Running prose, so no portfolio words, no near spellings, no
        single word too general to name a service alone (`PROSE_STOP_WORDS`: "adult",
        "learning", "growth"...), and acronyms ("SEND", "HR") only in capitals."""
        tokens = [
            (match, _normal(match.group(0)))
            for match in re.finditer(r"[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)?", text)
        ]
        longest = max((len(key.split()) for key in self._by_name), default=0)
        found: dict[str, ServiceMatch] = {}
        start = 0
        while start < len(tokens):
            for size in range(min(longest, len(tokens) - start), 0, -1):
                window = tokens[start : start + size]
                key = " ".join(normal for _, normal in window if normal)
                service_id = self._by_name.get(key) if window[0][1] else None
                if service_id is None or (size == 1 and not _names_alone(window[0][0].group(0))):
                    continue
                words = text[window[0][0].start() : window[-1][0].end()]
                found.setdefault(service_id, ServiceMatch(service_id, words))
                start += size
                break
            else:
                start += 1
        return list(found.values())

    def _find(self, text: str, portfolio: bool) -> list[ServiceMatch]:
        """The whole phrase, else each part of a list of services. A list whose every part
        names a service is read as its parts even when the whole is a name too: "Culture,
        Leisure and Libraries" is three services, not their umbrella."""
        whole = self._by_name.get(_normal(text))
        parts = [p.strip(" .()-\u2013") for p in _SPLIT.split(text)]
        parts = [p for p in parts if p]
        found: dict[str, ServiceMatch] = {}
        unmatched = 0
        for part in parts:
            service_id = self._part(part, parts[-1], portfolio)
            if service_id is None:
                unmatched += 1
            else:
                found.setdefault(service_id, ServiceMatch(service_id, part))
        if whole is not None and (
            unmatched or len(found) < 2 or re.search(r"\bof\b", text, re.IGNORECASE)
        ):
            return [ServiceMatch(whole, text.strip())]
        return list(found.values())

    def _part(self, part: str, last: str, portfolio: bool) -> str | None:
        """The service one part of a title names: as written, without qualifiers
        ("Strategic Housing"), with the list's last word ("Legal and Democratic Services"), as
        a portfolio word, else as a near spelling of a name ("Communtiy Safety")."""
        key = _normal(part)
        candidates = [key, _normal(_QUALIFIERS.sub("", part))]
        last_word = last.split()[-1] if last.split() else ""
        if last_word.lower().startswith("service") and part != last:
            candidates.append(_normal(f"{part} {last_word}"))
        title_words = self._title_words if portfolio else {}
        for candidate in candidates:
            if not candidate:
                continue
            service_id = self._by_name.get(candidate) or title_words.get(candidate)
            if service_id is not None:
                return service_id
        for candidate in candidates[:2] if portfolio else []:
            if len(candidate) < _FUZZY_MIN_LENGTH:
                continue
            close = difflib.get_close_matches(candidate, self._by_name, n=1, cutoff=_FUZZY_CUTOFF)
            if close:
                return self._by_name[close[0]]
        return None

    @classmethod
    async def from_graph(cls, db: Database) -> ServiceMatcher:
        records, _, _ = await db.read(
            "MATCH (s:Service) "
            "RETURN s.id AS id, s.name AS name, coalesce(s.aliases, []) AS aliases"
        )
        pairs: list[tuple[str, str]] = []
        for record in records:
            pairs.append((record["id"], record["name"]))
            pairs += [(record["id"], alias) for alias in record["aliases"]]
        return cls(pairs)

    @classmethod
    def from_vocabulary(cls, directory: Path) -> ServiceMatcher:
        """Reads every `service:*` entry (id, name, aliases) of the vocabulary's YAML files."""
        pairs: list[tuple[str, str]] = []
        for path in sorted(directory.glob("*.yaml")):
            pairs += _service_names(yaml.safe_load(path.read_text(encoding="utf-8")))
        return cls(pairs)


def _service_names(node: object) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    if isinstance(node, dict):
        node_id = node.get("id")
        if isinstance(node_id, str) and node_id.startswith("service:"):
            name = node.get("name")
            if isinstance(name, str):
                pairs.append((node_id, name))
            aliases = node.get("aliases") or []
            if isinstance(aliases, list):
                pairs += [(node_id, alias) for alias in aliases if isinstance(alias, str)]
        for value in node.values():
            pairs += _service_names(value)
    elif isinstance(node, list):
        for item in node:
            pairs += _service_names(item)
    return pairs

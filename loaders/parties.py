"""One party per name per jurisdiction: what a source's party field means.

Sources write parties many ways ("Green Party", "Greens", "Green"; "Lib Dem", "Liberal
Democrats"; "Welsh Labour"). `affiliation(text, jurisdiction)` gives the party (a Body of kind
`political party`, with no accountability of its own), or none:

- empty, "unknown", "none", "n/a", "-"... is no party, and no independence either;
- "Independent" (and "Ind", "Non-aligned", "No party") is no party: the member stood as an
  independent, which a reader records on the membership (`independent: true`), not as a body;
- a known UK party, under any of its names, is that party. The national branches ("Welsh
  Labour", "Scottish Conservatives") are their party; the source's wording stays on the membership.
  "Greens" in Scotland is the Scottish Green Party, elsewhere in Great Britain the Green Party of
  England and Wales, in Northern Ireland the Green Party in Northern Ireland;
- any other name is a party of that jurisdiction, keyed by its name without "the", "party",
  punctuation or plural endings ("The Greens" and "Green Party" of Tasmania are one).

Ids: `body:party:<country>:<slug>` (`body:party:gb:green-party`, `body:party:au:green`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from graph.model import slug

NO_PARTY = frozenset(
    {"", "unknown", "not known", "none", "n/a", "na", "-", "--", "?", "null", "no description",
     "vacant", "tbc", "other"}
)  # fmt: skip
INDEPENDENT = frozenset(
    {"independent", "ind", "independents", "non-aligned", "non aligned", "no party",
     "non-party", "non party", "independent (no party)", "unaligned"}
)  # fmt: skip
_DROPPED = frozenset({"the", "party", "of", "and", "uk"})


@dataclass(frozen=True)
class Party:
    id: str
    name: str
    jurisdiction: str  # where the party is registered: GB, GB-NIR, AU...
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Affiliation:
    """What a party field says: a party, or an independent, or nothing."""

    party: Party | None
    independent: bool = False
    wording: str = ""  # the source's own words


@dataclass(frozen=True)
class _Known:
    name: str
    slug: str
    aliases: tuple[str, ...]
    regions: frozenset[str] = field(default_factory=frozenset)  # GB-SCT...; empty: all of GB


# The main parties of the United Kingdom and the names sources use for them (the Electoral
# Commission's registered names first).
UK_PARTIES = (
    _Known("Conservative and Unionist Party", "conservative-and-unionist-party",
           ("Conservative", "Conservatives", "Conservative Party", "Con",
            "Welsh Conservative Party", "Welsh Conservatives",
            "Scottish Conservative and Unionist Party", "Scottish Conservatives")),
    _Known("Labour Party", "labour-party",
           ("Labour", "Lab", "Welsh Labour", "Scottish Labour", "Scottish Labour Party")),
    _Known("Labour and Co-operative Party", "labour-and-co-operative-party",
           ("Labour and Co-operative", "Labour Co-op", "Labour/Co-operative", "Lab Co-op")),
    _Known("Liberal Democrats", "liberal-democrats",
           ("Liberal Democrat", "Lib Dem", "Lib Dems", "LD", "Welsh Liberal Democrats",
            "Scottish Liberal Democrats")),
    _Known("Green Party", "green-party",
           ("Green", "Greens", "The Green Party", "Green Party of England and Wales", "GPEW"),
           frozenset({"GB-ENG", "GB-WLS"})),
    _Known("Scottish Green Party", "scottish-green-party",
           ("Scottish Greens", "Green", "Greens", "Green Party"), frozenset({"GB-SCT"})),
    _Known("Green Party in Northern Ireland", "green-party-in-northern-ireland",
           ("Green Party NI", "Green", "Greens", "Green Party"), frozenset({"GB-NIR"})),
    _Known("Scottish National Party", "scottish-national-party", ("SNP", "Scottish National")),
    _Known("Plaid Cymru", "plaid-cymru", ("Plaid", "Plaid Cymru - The Party of Wales")),
    _Known("UK Independence Party", "uk-independence-party",
           ("UKIP", "United Kingdom Independence Party",
            "United Kingdom Independence Party (UKIP)")),
    _Known("Reform UK", "reform-uk", ("Reform",)),
)  # fmt: skip


def party_key(text: str) -> str:
    """A party's name as compared: no accents, case, punctuation, "the"/"party"/"of"/"and"/"uk",
    or plural endings."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.casefold().replace("&", " and "))
    kept = [_singular(word) for word in words if word not in _DROPPED]
    return " ".join(kept or words)


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _country(jurisdiction: str) -> str:
    return jurisdiction.upper().split("-", 1)[0]


def affiliation(text: str | None, jurisdiction: str = "GB") -> Affiliation:
    """The party a source's party field names, within the jurisdiction of the source."""
    wording = " ".join((text or "").split())
    lowered = wording.casefold().strip(" .")
    if lowered in NO_PARTY:
        return Affiliation(None, False, wording)
    if lowered in INDEPENDENT:
        return Affiliation(None, True, wording)
    region = jurisdiction.upper()
    country = _country(region)
    key = party_key(wording)
    if country == "GB":
        known = _known_uk(key, region)
        if known is not None:
            party_jurisdiction = "GB-NIR" if known.regions == {"GB-NIR"} else "GB"
            return Affiliation(
                Party(f"body:party:gb:{known.slug}", known.name, party_jurisdiction, known.aliases),
                False,
                wording,
            )
    party_slug = slug(key) or "party"
    return Affiliation(
        Party(f"body:party:{country.lower()}:{party_slug}", wording, country), False, wording
    )


def _known_uk(key: str, region: str) -> _Known | None:
    matches = [
        known
        for known in UK_PARTIES
        if key in {party_key(name) for name in (known.name, *known.aliases)}
    ]
    if len(matches) < 2:
        return matches[0] if matches else None
    # A name several parties share ("Greens") is the one of the source's nation; with only "GB",
    # the Green Party of England and Wales, the one of most of Great Britain.
    for known in matches:
        if region in known.regions:
            return known
    general = [known for known in matches if not known.regions or "GB-ENG" in known.regions]
    return general[0] if general else None


class PartyBook:
    """The parties one load has met: a party keeps the first name it was seen under, and every
    other wording becomes an alias, so that one id never carries two names."""

    def __init__(self) -> None:
        self._parties: dict[str, Party] = {}

    def affiliation(self, text: str | None, jurisdiction: str = "GB") -> Affiliation:
        found = affiliation(text, jurisdiction)
        if found.party is None:
            return found
        known = self._parties.get(found.party.id)
        if known is None:
            known = found.party
        elif found.wording and found.wording not in (known.name, *known.aliases):
            known = Party(known.id, known.name, known.jurisdiction, (*known.aliases, found.wording))
        self._parties[known.id] = known
        return Affiliation(known, False, found.wording)

    @property
    def parties(self) -> list[Party]:
        return sorted(self._parties.values(), key=lambda party: party.id)

"""Which body or party a Popolo organization is, within the file's jurisdiction.

A Popolo file says where it is from through its areas and identifiers: an Open Civic Data id
(`ocd-division/country:gb-wls/...`, `ocd-division/country:au/state:tas/...`) or a GSS code
(`E06000049`: England). That jurisdiction decides everything else:

- an organization classified `party` (or `political party`) is a party of that jurisdiction
  (`loaders.parties`): "Greens" and "The Greens" of one file are one party, "unknown" or empty is
  no party, and "Independent" no party but an independent member;
- any other body (a legislature, a council) is resolved through the register within that
  jurisdiction (`KnownBodies.choose`). Not resolved, it is the file's own body under an id that
  carries its jurisdiction (`body:au-tas:dorset-council`), so that a body of another country never
  meets a UK one, marked unresolved and reported. An organization whose id is already the
  project's (`body:...`, as an export writes it) keeps it.

A file that says nothing of its country resolves a body by a GSS code only, never by its name,
and its parties are of the unknown country `ZZ` (ISO 3166's code for it), unless the body given
for the file (`civicgraph load --body ID`) says where it is.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from graph.model import Entity, EntityType, slug
from loaders.body_resolution import BodyClues, KnownBodies
from loaders.formats.common import evidence, local_id, quote_cells
from loaders.formats.popolo_fields import (
    ORGANIZATION_TYPES,
    Json,
    clean,
    identifiers,
    items,
    other_names,
    text,
)
from loaders.parties import Affiliation, Party, PartyBook

PARTY_CLASSES = frozenset({"party", "political party"})
UNKNOWN_COUNTRY = "ZZ"
_OCD_RE = re.compile(
    r"ocd-(?:division|jurisdiction)/country:([a-z]{2})(?:-([a-z]{2,3}))?"
    r"(?:/(?:state|territory|province):([a-z]{2,3})\b)?",
    re.IGNORECASE,
)
_GSS_NATIONS = {"E": "GB-ENG", "W": "GB-WLS", "S": "GB-SCT", "N": "GB-NIR", "K": "GB"}
_GSS_RE = re.compile(r"^([EWSNK])\d{8}$")
_QUOTED = ["id", "name", "classification"]


def is_party(org: Json) -> bool:
    return (text(org, "classification") or "").lower() in PARTY_CLASSES


def is_body(org: Json) -> bool:
    classification = (text(org, "classification") or "").lower()
    return classification not in PARTY_CLASSES and classification not in ORGANIZATION_TYPES


def own_bodies(doc: Json) -> list[str]:
    """The Popolo ids of the file's own bodies: its bodies that sit under no other."""
    return [
        str(org.get("id"))
        for org in items(doc, "organizations")
        if is_body(org) and not text(org, "parent_id")
    ]


def file_jurisdiction(doc: Json) -> str | None:
    """Where the file is from (ISO 3166-2 where it says, else 3166), None when it never says."""
    found: Counter[str] = Counter()
    for value in _place_texts(doc):
        match = _OCD_RE.search(value)
        if match is not None:
            country, region, state = (part.upper() if part else None for part in match.groups())
            found[f"{country}-{region or state}" if region or state else str(country)] += 1
    if not found:
        for gss in _gss_codes(doc):
            found[_GSS_NATIONS[gss[0]]] += 1
    if not found:
        return None
    countries = {code.split("-")[0] for code in found}
    if len(countries) > 1:
        return found.most_common(1)[0][0]
    subdivisions = {code for code in found if "-" in code}
    # one region throughout: that region; areas of several (a national file): the country
    return subdivisions.pop() if len(subdivisions) == 1 else countries.pop()


def _place_texts(doc: Json) -> Iterator[str]:
    for area in items(doc, "areas"):
        yield str(area.get("id") or "")
    for collection in ("memberships", "posts", "organizations"):
        for item in items(doc, collection):
            for key in ("area_id", "jurisdiction_id", "jurisdiction", "division_id"):
                if isinstance(item.get(key), str):
                    yield item[key]


def _gss_codes(doc: Json) -> Iterator[str]:
    for collection in ("organizations", "areas"):
        for item in items(doc, collection):
            for code in identifiers(item).values():
                if _GSS_RE.match(code):
                    yield code


@dataclass(frozen=True)
class OrganizationBody:
    """What one organization is: the id relations point at (None: no party), the entity to
    write (None: the records that define it), and a note for the load report."""

    body_id: str | None
    entity: Entity | None
    affiliation: Affiliation | None = None
    note: str | None = None


class PopoloBodies:
    """The bodies and parties of one Popolo file."""

    def __init__(self, doc: Json, bodies: KnownBodies) -> None:
        self.bodies = bodies
        said = file_jurisdiction(doc)
        given = bodies.jurisdiction_of(bodies.given) if bodies.given else None
        self.jurisdiction = said or given or UNKNOWN_COUNTRY
        self.says_where = said is not None or given is not None
        self.book = PartyBook()
        own = own_bodies(doc)
        self.file_body = own[0] if len(own) == 1 else None

    def party(self, wording: str | None, where: str, quote: str) -> OrganizationBody:
        """A party field's words: the party body (with the wording as an alias), or none."""
        found = self.book.affiliation(wording, self.jurisdiction)
        if found.party is None:
            return OrganizationBody(None, None, found)
        entity = self._party_entity(found.party, where, quote)
        return OrganizationBody(found.party.id, entity, found)

    def party_organization(self, org: Json, where: str) -> OrganizationBody:
        name = text(org, "name")
        org_id = str(org.get("id"))
        if org_id.startswith("body:party:") and name:  # a party id of ours, as an export writes
            country = org_id.split(":")[2].upper()
            party = Party(org_id, name, country, tuple(other_names(org, name)))
            entity = self._party_entity(party, where, quote_cells(org, _QUOTED), identifiers(org))
            return OrganizationBody(org_id, entity, Affiliation(party, False, name))
        found = self.party(name, where, quote_cells(org, _QUOTED))
        if found.entity is None:
            return found
        # A branch's codes ("Welsh Labour" on Wikidata) are not its party's: only the party's own.
        more = identifiers(org) if found.entity.name == name else {}
        return OrganizationBody(
            found.body_id,
            found.entity.model_copy(update={"properties": {**found.entity.properties, **more}}),
            found.affiliation,
        )

    def _party_entity(
        self, party: Party, where: str, quote: str, more: dict[str, Any] | None = None
    ) -> Entity:
        country = party.jurisdiction.split("-")[0]
        properties = {"kind": "political party", "jurisdiction": party.jurisdiction}
        return Entity(
            id=party.id,
            type=EntityType.BODY,
            name=party.name,
            aliases=[alias for alias in party.aliases if alias != party.name],
            properties=clean({**properties, "country": country, **(more or {})}),
            evidence=evidence(where, quote),
        )

    def body(self, org: Json, name: str, where: str) -> OrganizationBody:
        """A body organization: the register's when it resolves, else its own, marked."""
        org_id = str(org.get("id"))
        codes = identifiers(org)
        own = self._own(org, name, where, codes)
        gss = codes.get("gss_id")
        clues = BodyClues(
            name=name if self.says_where else None,
            identifier=gss,
            jurisdiction=self.jurisdiction if self.says_where else "GB",
        )
        of_file = org_id == self.file_body
        # an id of the register the file states itself (an export's) is that body
        stated = own.id if own.id in self.bodies.entities else None
        given = None if of_file and self.bodies.given else stated
        choice = self.bodies.choose(clues, own, given, of_file=of_file)
        note = choice.note
        if note is not None and not self.says_where:
            note += "; the file does not say its country (no ocd-division area or GSS code)"
        return OrganizationBody(choice.body_id, choice.entity, None, note)

    def _own(self, org: Json, name: str, where: str, codes: dict[str, str]) -> Entity:
        raw = str(org.get("id"))
        ours = local_id("body", raw)
        own_id = (
            ours
            if ours == raw.strip()
            else local_id("body", f"{self.jurisdiction.lower()}:{slug(name) or slug(raw)}")
        )
        properties: dict[str, Any] = {
            "popolo_id": raw,
            "classification": text(org, "classification"),
            "jurisdiction": self.jurisdiction,
            "country": self.jurisdiction.split("-")[0],
            **codes,
        }
        return Entity(
            id=own_id,
            type=EntityType.BODY,
            name=name,
            aliases=other_names(org, name),
            properties=clean(properties),
            evidence=evidence(where, quote_cells(org, _QUOTED)),
        )

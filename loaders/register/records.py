"""The register as the graph's records: one Body per authority, the two tiers, combined
authorities, and each reorganisation as a ChangeEvent from the abolished to their successors.

Origin `imported`: the register is open data, so a curated file stating the same body (the seed's
Cheshire East Council) keeps its own wording and the register adds its evidence beside it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from graph.model import (
    Document,
    Entity,
    EntityType,
    Evidence,
    Origin,
    Relation,
    RelationType,
    SourceRecords,
    Status,
)
from loaders.issues import display_path
from loaders.register.table import (
    AUTHORITIES_FILE,
    COUNTRY,
    GSS_FILE,
    NAMES_FILE,
    Authority,
    Register,
    read_register_dir,
)

DOCUMENT_ID = "document:uk-local-authority-register"
REGISTER_URL = "https://github.com/mysociety/uk_local_authority_names_and_codes"
FORMAT_NAME = "register"
DESCRIPTION = "mySociety's register of UK local authorities (data/register/)"


def claims_register(path: Path) -> bool:
    """The authorities file of a register directory (the two lookups are read with it)."""
    return path.name == AUTHORITIES_FILE


def read_register(path: Path) -> Iterator[SourceRecords]:
    """The register whose authorities file is `path` (its lookups beside it), as one source."""
    yield register_records(read_register_dir(path.parent))


def register_records(register: Register) -> SourceRecords:
    authorities = register.authorities
    entities = [_body(register, authority) for authority in authorities.values()]
    relations = [*_tiers(authorities.values()), *_combined(authorities.values())]
    for event, event_relations in _reorganisations(register):
        entities.append(event)
        relations.extend(event_relations)
    return SourceRecords(
        origin=Origin.IMPORTED,
        source_file=display_path(register.directory / AUTHORITIES_FILE),
        document=_document(register),
        entities=entities,
        relations=relations,
    )


def _document(register: Register) -> Document:
    digest = hashlib.sha256()
    for name in (AUTHORITIES_FILE, NAMES_FILE, GSS_FILE):
        digest.update((register.directory / name).read_bytes())
    return Document(
        id=DOCUMENT_ID,
        title="UK local authorities, past and current (mySociety register, MIT licence)",
        kind="dataset",
        author="mySociety",
        url=REGISTER_URL,
        source_file=display_path(register.directory / AUTHORITIES_FILE),
        checksum=digest.hexdigest(),
    )


def _evidence(authority: Authority, column: str | None = None) -> list[Evidence]:
    where = f"{AUTHORITIES_FILE} line {authority.row}" + (f", {column}" if column else "")
    return [Evidence(paragraph=where, quote=authority.quote)]


def _body(register: Register, authority: Authority) -> Entity:
    aliases = [n for n in register.spellings(authority.code) if n != authority.official_name]
    properties: dict[str, str | int | float | bool | None] = {
        "kind": authority.type_name.lower() or "local authority",
        "register_code": authority.code,
        "gss_code": authority.gss_code,
        "former_gss_codes": ", ".join(authority.former_gss_codes) or None,
        "authority_type": authority.type_code or None,
        "short_name": authority.nice_name,
        "nation": authority.nation,
        "region": authority.region or None,
        "jurisdiction": authority.jurisdiction,
        "country": COUNTRY,
        "gov_uk_slug": authority.gov_uk_slug,
    }
    return Entity(
        id=authority.body_id,
        type=EntityType.BODY,
        name=authority.official_name,
        aliases=aliases,
        status=Status.CURRENT if authority.is_current else Status.ENDED,
        valid_from=authority.start,
        valid_to=authority.end,
        properties={key: value for key, value in properties.items() if value is not None},
        evidence=_evidence(authority),
    )


def _tiers(authorities: Iterable[Authority]) -> Iterator[Relation]:
    by_code = {authority.code: authority for authority in authorities}
    for authority in by_code.values():
        if authority.county is None:
            continue
        yield Relation(
            type=RelationType.SUB_ORGANIZATION_OF,
            source=authority.body_id,
            target=by_code[authority.county].body_id,
            status=Status.CURRENT if authority.is_current else Status.ENDED,
            valid_to=authority.end,
            properties={"tier": "district within county"},
            evidence=_evidence(authority, "county-la"),
        )


def _combined(authorities: Iterable[Authority]) -> Iterator[Relation]:
    by_code = {authority.code: authority for authority in authorities}
    for authority in by_code.values():
        if authority.combined_authority is None:
            continue
        yield Relation(
            type=RelationType.MEMBER_OF,
            source=authority.body_id,
            target=by_code[authority.combined_authority].body_id,
            status=Status.CURRENT if authority.is_current else Status.ENDED,
            valid_to=authority.end,
            role="constituent council",
            evidence=_evidence(authority, "combined-authority"),
        )


def _reorganisations(register: Register) -> Iterator[tuple[Entity, list[Relation]]]:
    """One ChangeEvent per reorganisation: authorities abolished on the same day whose successors
    overlap are one event (Cumbria's county and six districts became two unitaries)."""
    authorities = register.authorities
    abolished = [a for a in authorities.values() if a.end is not None and a.replaced_by]
    for group in _groups(abolished):
        successors = sorted({code for a in group for code in a.replaced_by})
        ended = group[0].end
        assert ended is not None
        starts = [authorities[code].start for code in successors if authorities[code].start]
        day = min((start for start in starts if start is not None), default=ended)
        new_names = ", ".join(authorities[code].official_name for code in successors)
        event_id = f"change_event:gb-reorganisation-{day.isoformat()}-" + "-".join(
            code.lower() for code in successors
        )
        evidence = [ev for a in group for ev in _evidence(a, "end-date, replaced-by")]
        event = Entity(
            id=event_id,
            type=EntityType.CHANGE_EVENT,
            name=f"Local government reorganisation of {day:%-d %B %Y}: {new_names}",
            description=(
                f"Abolished: {', '.join(a.official_name for a in group)}. Created or continued: "
                f"{new_names}."
            ),
            status=Status.CURRENT if day <= dt.date.today() else Status.PROPOSED,
            valid_from=day,
            valid_to=day,
            properties={"kind": "local government reorganisation", "jurisdiction": COUNTRY},
            evidence=evidence,
        )
        relations: list[Relation] = []
        for authority in group:
            relations.append(
                _event_link(RelationType.ORIGINAL, event_id, authority, day, [authority])
            )
            for code in authority.replaced_by:
                relations.append(
                    Relation(
                        type=RelationType.REPLACED_BY,
                        source=authority.body_id,
                        target=authorities[code].body_id,
                        valid_from=day,
                        evidence=_evidence(authority, "replaced-by"),
                    )
                )
        for code in successors:
            naming = [a for a in group if code in a.replaced_by]
            relations.append(
                _event_link(RelationType.RESULTED_IN, event_id, authorities[code], day, naming)
            )
        yield event, relations


def _event_link(
    kind: RelationType, event_id: str, target: Authority, day: dt.date, stated_by: list[Authority]
) -> Relation:
    """The event's link to an authority it ended or created, on the rows that state it."""
    return Relation(
        type=kind,
        source=event_id,
        target=target.body_id,
        valid_from=day,
        evidence=[ev for row in stated_by for ev in _evidence(row, "end-date, replaced-by")],
    )


def _groups(abolished: list[Authority]) -> list[list[Authority]]:
    """Union of abolitions on the same day that share a successor, in code order."""
    parent = {a.code: a.code for a in abolished}

    def root(code: str) -> str:
        while parent[code] != code:
            parent[code] = parent[parent[code]]
            code = parent[code]
        return code

    first_by_successor: dict[tuple[dt.date | None, str], str] = {}
    for authority in sorted(abolished, key=lambda a: a.code):
        for successor in authority.replaced_by:
            key = (authority.end, successor)
            other = first_by_successor.setdefault(key, authority.code)
            parent[root(authority.code)] = root(other)
    groups: dict[str, list[Authority]] = {}
    for authority in sorted(abolished, key=lambda a: a.code):
        groups.setdefault(root(authority.code), []).append(authority)
    return list(groups.values())

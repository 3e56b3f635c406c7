"""A councillor's key posts, as ModernGov's `<keyposts>` writes them, read into roles.

One element often holds several roles ("Deputy Mayor and Cabinet Member for Community Safety",
"Policy Lead for Roads, Chair of PPSL Committee"). They are split where a new role starts (a role
word after a comma, "&", "and", a full stop, a bracket, or after a committee's name), never inside
a portfolio title ("Culture, Leisure and Libraries"). Each part becomes one of:

- an executive post: the office ("Cabinet Member", "Deputy Leader", "Mayor of Liverpool") and the
  portfolio it holds, if any ("Cabinet Member - Housing", "Highways Portfolio Holder");
- a committee role: chair, vice-chair, member or substitute of a committee, panel or board (a
  committee never becomes a portfolio);
- a party role: group leader, deputy, whip, opposition spokesperson, shadow member;
- a civic post: Lord Mayor, Mayor (without "of <place>", which is an elected mayor), Speaker,
  Chair of the Council, Provost, Presiding Member;
- a champion: "Armed Forces Champion", "Member Champion for Older People" (a post of the
  council, with the cause its title names);
- a seat on a body outside the council: a combined authority, a fire, waste or transport
  authority, a police and crime panel ("Member of Merseyside Fire and Rescue Authority",
  "Combined Authority Merseytravel"), Parliament ("MP for St Helens South and Whiston");
- anything else, kept as text with a reason.

A role the text names twice, however typed ("Cabinet Member - Housing<br>Cabinet Member for
HOUSING"), is one role: the first wording is kept.

Pure: no graph, no vocabulary. This module cuts a text into parts; `keypost_roles` reads each
part into a role. The reader maps the roles to posts, portfolios and memberships.
"""

from __future__ import annotations

import dataclasses
import html
import re

from loaders.formats.keypost_roles import (
    CHAIR,
    ENDS_WITH_COMMITTEE,
    MAYOR,
    OFFICE,
    VICE,
    ChampionRole,
    CivicPost,
    CommitteeRole,
    ExecutivePost,
    KeyPostKind,
    KeyPostRole,
    OtherRole,
    OutsideBodyRole,
    PartyRole,
    names_committee,
    outside_body_kind,
    read_role,
)
from loaders.formats.portfolio_names import portfolio_key

__all__ = [
    "ChampionRole",
    "CivicPost",
    "CommitteeRole",
    "ExecutivePost",
    "KeyPostKind",
    "KeyPostRole",
    "OtherRole",
    "OutsideBodyRole",
    "PartyRole",
    "names_committee",
    "outside_body_kind",
    "parse_keyposts",
]

_I = re.IGNORECASE
_BREAK = re.compile(r"<br\s*/?>|\r?\n|;|\|", _I)
_TAG = re.compile(r"<[^>]+>")
# Where a new role starts inside one part of the text.
_STARTER = re.compile(
    r"(?:acting\s+|interim\s+)?(?:"
    rf"{OFFICE}|{MAYOR}|lord\s+mayor|(?:deputy\s+|depute\s+)?(?:leader|provost)\b(?!['\u2019])|"
    rf"(?:{VICE})?{CHAIR}\b|(?:substitute\s+)?member\s+of\b|chief\s+whip|"
    r"opposition\s+spokes|shadow\s|(?:deputy\s+)?speaker\b|presiding\s+member|"
    r"arweinydd|(?:(?!and\b)[\w'\u2019-]+\s+){0,2}champion\b)",
    _I,
)
_SOFT_BREAK = re.compile(r"\s*(?:[,.&(]|\band\b|\s[-\u2013]\s)\s*|\s+", _I)


def parse_keyposts(text: str) -> list[KeyPostRole]:
    """Every role named in a `<keyposts>` text (which may hold `<br>` or escaped markup)."""
    plain = _TAG.sub("\n", _BREAK.sub("\n", html.unescape(text)))
    roles: list[KeyPostRole] = []
    for line in plain.split("\n"):
        for part in _split_roles(" ".join(line.split())):
            roles += read_role(part)
    if any(isinstance(r, ExecutivePost) for r in roles):
        # Beside an executive role, "Deputy Mayor" is the elected mayor's deputy.
        roles = [
            ExecutivePost(r.wording, r.post, None, r.capacity)
            if isinstance(r, CivicPost) and r.post.lower() == "deputy mayor"
            else r
            for r in roles
        ]
    return _once(roles)


def _once(roles: list[KeyPostRole]) -> list[KeyPostRole]:
    """Each role once: a text that names a role twice ("Cabinet Member - Culture, Tourism &
    Events<br>Cabinet Member for Culture, Tourism and Events") holds it once."""
    seen: set[tuple[str, ...]] = set()
    kept: list[KeyPostRole] = []
    for role in roles:
        key = _what_it_names(role)
        if key not in seen:
            seen.add(key)
            kept.append(role)
    return kept


def _what_it_names(role: KeyPostRole) -> tuple[str, ...]:
    """A role's kind and fields, its wording aside, read as `portfolio_key` reads a title."""
    if isinstance(role, ExecutivePost):
        return (role.kind, portfolio_key(role.office), portfolio_key(role.portfolio or ""))
    fields = (getattr(role, f.name) for f in dataclasses.fields(role) if f.name != "wording")
    return tuple(portfolio_key(value) if isinstance(value, str) else str(value) for value in fields)


def _split_roles(line: str) -> list[str]:
    """'Leader of the Council, Cabinet Member for Finance' -> the two roles."""
    cuts = [0]
    for match in _SOFT_BREAK.finditer(line):
        start, end = match.span()
        if start == 0 or end >= len(line) or not _STARTER.match(line, end):
            continue
        separator = match.group().strip()
        before = line[:start]
        if not separator and not ENDS_WITH_COMMITTEE.search(before):
            continue  # "Deputy Leader", "Highways Portfolio Holder": one role
        if end > cuts[-1]:
            cuts.append(end)
    parts = [line[a:b] for a, b in zip(cuts, [*cuts[1:], len(line)], strict=True)]
    cleaned = [_clean(p) for p in parts]
    return [p for p in cleaned if p]


def _clean(part: str) -> str:
    part = part.strip()
    part = re.sub(r"\s*(?:[,.&;(]|\band)\s*$", "", part, flags=_I).strip()
    if part.startswith("(") and part.endswith(")"):
        part = part[1:-1].strip()
    if part.endswith(")") and "(" not in part:
        part = part[:-1].strip()
    if part.startswith("(") and ")" not in part:
        part = part[1:].strip()
    return part.strip(" .,;:-\u2013")

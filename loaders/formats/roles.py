"""Executive roles written as words ("Cabinet Member for Housing", "Deputy Leader") as posts.

Popolo memberships and ModernGov `keyposts` both give a councillor's executive role as a phrase.
A phrase that names an executive office becomes a post of the body; one that names a portfolio
("... Member for X", "Portfolio Holder for X") also gives that portfolio, which `portfolio_records`
turns into the same records for every reader. Anything else (member, chair of a committee) is a
membership role, not a post. Phrases these patterns miss ("Cabinet Member - Housing", "Highways
Portfolio Holder", "Mayoral Lead for Parks") are read by the key posts parser when they name one
executive role; a committee is never a portfolio.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.model import Capacity, Entity, EntityType, Evidence, Relation, RelationType
from loaders.formats.common import slug_id
from loaders.formats.keyposts import ExecutivePost, names_committee, parse_keyposts
from loaders.formats.services import ServiceMatcher

_CAPACITY_PREFIX = re.compile(r"^(acting|interim|designate)\s+", re.IGNORECASE)

_PORTFOLIO_ROLE = re.compile(
    r"^(?P<office>(?:deputy\s+)?(?:(?:executive|cabinet|lead)\s+member|portfolio\s+holder|"
    r"cabinet\s+secretary|cabinet\s+lead|minister|deputy\s+minister|mayoral\s+lead))"
    r"\s+(?:for|of|with\s+responsibility\s+for)\s+(?P<portfolio>.+)$",
    re.IGNORECASE,
)
_LEADER_WITH_PORTFOLIO = re.compile(
    r"^(?P<office>(?:deputy\s+)?leader(?:\s+of\s+the\s+council)?)\s*(?:,|and|&)\s*"
    r"(?:(?:executive|cabinet)\s+member|portfolio\s+holder)\s+for\s+(?P<portfolio>.+)$",
    re.IGNORECASE,
)
_OFFICES = re.compile(
    r"^(?:(?:deputy\s+|lord\s+|civic\s+|elected\s+|city\s+)?mayor|(?:deputy\s+)?leader"
    r"(?:\s+of\s+the\s+(?:council|opposition|[a-z ]+group))?|chief\s+whip|"
    r"(?:vice[-\s])?(?:chair|chairman|chairperson)\s+of\s+the\s+council|speaker|"
    r"first\s+minister|(?:deputy\s+)?presiding\s+officer|leader\s+of\s+the\s+house)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ExecutiveRole:
    post_name: str  # the office as the source words it, without "Acting"
    portfolio: str | None  # "Housing and Regeneration" for "Cabinet Member for ..."
    capacity: Capacity


def executive_role(phrase: str) -> ExecutiveRole | None:
    """The executive office a phrase names, or None when it is a plain membership role."""
    text = " ".join(phrase.split()).strip(" .;:-")
    capacity = Capacity.SUBSTANTIVE
    prefix = _CAPACITY_PREFIX.match(text)
    if prefix:
        capacity = Capacity(prefix.group(1).lower())
        text = text[prefix.end() :]
    for pattern in (_LEADER_WITH_PORTFOLIO, _PORTFOLIO_ROLE):
        match = pattern.match(text)
        if match:
            portfolio = match.group("portfolio").strip(" .,")
            if names_committee(portfolio):
                return None  # "Member for the Scrutiny Panel": a seat, not a portfolio
            return ExecutiveRole(text, portfolio, capacity)
    if _OFFICES.match(text):
        return ExecutiveRole(text, None, capacity)
    roles = parse_keyposts(phrase)
    if len(roles) == 1 and isinstance(roles[0], ExecutivePost):
        return ExecutiveRole(roles[0].post_name, roles[0].portfolio, roles[0].capacity)
    return None


def executive_post_id(scope: str, post_name: str) -> str:
    """An executive or civic post's id in its body's scope, reading "&" as "and" as portfolio
    ids do: "Cabinet Member for Culture, Tourism & Events" from one file and "... and Events"
    from another are one post."""
    return slug_id("post", scope, post_name.replace("&", " and "))


def portfolio_id(scope: str, portfolio: str) -> str:
    """A portfolio's id in its body's scope: "Culture, Tourism & Events" and "Culture, Tourism
    and Events" are one portfolio."""
    return slug_id("portfolio", scope, portfolio.replace("&", " and "))


def portfolio_records(
    portfolio: str,
    portfolio_id: str,
    post_id: str,
    body_id: str | None,
    services: ServiceMatcher,
    ev: list[Evidence],
    aliases: list[str] | None = None,
) -> tuple[list[Entity], list[Relation]]:
    """The portfolio an executive post holds: the Portfolio (with the other spellings the source
    gives it as `aliases`), HOLDS_PORTFOLIO from the post, BELONGS_TO its body (when the post's
    organisation is a body), and COVERS for each service of the vocabulary its name matches (the
    name's words kept as `wording`)."""
    entity = Entity(
        id=portfolio_id, type=EntityType.PORTFOLIO, name=portfolio,
        aliases=[a for a in dict.fromkeys(aliases or []) if a != portfolio], evidence=ev,
    )  # fmt: skip
    relations = [
        Relation(type=RelationType.HOLDS_PORTFOLIO, source=post_id, target=portfolio_id,
                 evidence=ev),
    ]  # fmt: skip
    if body_id is not None:
        relations.append(
            Relation(type=RelationType.BELONGS_TO, source=portfolio_id, target=body_id, evidence=ev)
        )
    relations += [
        Relation(type=RelationType.COVERS, source=portfolio_id, target=match.service_id,
                 wording=match.wording, evidence=ev)
        for match in services.find(portfolio)
    ]  # fmt: skip
    return [entity], relations

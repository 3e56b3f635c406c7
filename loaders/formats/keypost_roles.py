"""What one role in a councillor's key posts is, and how its words are read (`read_role`).

The types are the roles `keyposts.parse_keyposts` returns; the patterns name the offices, mayors,
chairs and committees the splitter also looks for where a new role starts. Pure: no graph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from graph.model import Capacity


class KeyPostKind(StrEnum):
    EXECUTIVE = "executive"
    COMMITTEE = "committee"
    PARTY = "party"
    CIVIC = "civic"
    CHAMPION = "champion"
    OUTSIDE = "outside"
    OTHER = "other"


@dataclass(frozen=True)
class ExecutivePost:
    wording: str  # the part of the key posts text this role was read from
    office: str  # "Cabinet Member", "Deputy Portfolio Holder", "Mayor of Liverpool"
    portfolio: str | None  # "Housing and Regeneration", in the source's words
    capacity: Capacity = Capacity.SUBSTANTIVE
    kind: KeyPostKind = KeyPostKind.EXECUTIVE

    @property
    def post_name(self) -> str:
        """One name for the post however the council words it: "Cabinet Member for Housing"."""
        return f"{self.office} for {self.portfolio}" if self.portfolio else self.office


@dataclass(frozen=True)
class CommitteeRole:
    wording: str
    committee: str  # "Audit & Governance Committee"
    role: str  # chair | vice-chair | member | substitute
    kind: KeyPostKind = KeyPostKind.COMMITTEE


@dataclass(frozen=True)
class PartyRole:
    wording: str
    role: str  # leader | deputy-leader | chief-whip | whip | deputy-whip | opposition-leader |
    # spokesperson | shadow
    party: str | None  # "Liberal Democrat" for "Leader of the Liberal Democrat Group"
    kind: KeyPostKind = KeyPostKind.PARTY


@dataclass(frozen=True)
class CivicPost:
    wording: str
    post: str  # "Lord Mayor", "Chair of the Council"
    capacity: Capacity = Capacity.SUBSTANTIVE
    kind: KeyPostKind = KeyPostKind.CIVIC


@dataclass(frozen=True)
class ChampionRole:
    """A councillor named the council's champion of a cause: a post of the council that covers
    what its title names."""

    wording: str
    title: str  # "Member Champion for Older People", "Armed Forces Champion"
    topic: str  # "Older People", "Armed Forces"
    capacity: Capacity = Capacity.SUBSTANTIVE
    kind: KeyPostKind = KeyPostKind.CHAMPION


@dataclass(frozen=True)
class OutsideBodyRole:
    """A seat on a body outside the council: a combined authority, a fire or waste authority, a
    police and crime panel, Parliament."""

    wording: str
    body: str  # "Merseyside Waste and Recycling Authority", "House of Commons"
    role: str  # member | chair | vice-chair | substitute | representative
    body_kind: str  # "combined authority", "fire authority", "legislature"...
    seat: str | None = None  # the constituency of an MP
    kind: KeyPostKind = KeyPostKind.OUTSIDE


@dataclass(frozen=True)
class OtherRole:
    wording: str
    reason: str
    kind: KeyPostKind = KeyPostKind.OTHER


KeyPostRole = (
    ExecutivePost | CommitteeRole | PartyRole | CivicPost | ChampionRole | OutsideBodyRole
    | OtherRole
)  # fmt: skip

_I = re.IGNORECASE
_CAPACITY = re.compile(r"^(acting|interim|designate)\s+", _I)
_TERM = re.compile(r"\s*\(?\b(?:19|20)\d\d\s*(?:[-/\u2013]\s*(?:19|20)?\d\d)?\)?\s*$")
_STATUTORY_NOTE = re.compile(r"\s*\(statutory(?:\s+role)?\)\s*$", _I)
_COMMITTEE_NOUN = (
    r"(?:committee|sub-committee|subcommittee|panel|board|forum|commission|authority|"
    r"working\s+group|scrutiny|overview)"
)
ENDS_WITH_COMMITTEE = re.compile(rf"\b{_COMMITTEE_NOUN}\s*$", _I)
_NAMES_COMMITTEE = re.compile(rf"\b{_COMMITTEE_NOUN}\b", _I)
CHAIR = r"(?:chair(?:man|person|woman)?|chair\s+person|convener|convenor)"
VICE = r"(?:vice|deputy|depute)[-\s]*"
OFFICE = (
    r"(?:(?:deputy|depute|assistant|associate|lead|vice|executive|statutory)\s+)*"
    r"(?:cabinet\s+(?:member|lead|support\s+member|assistant|secretary|advis[eo]r)|"
    r"executive\s+(?:member|councillor|lead|portfolio\s+holder)|"
    r"lead\s+(?:member|councillor)|portfolio\s+holder|policy\s+lead|"
    r"mayoral\s+(?:lead|adviser|advisor)|aelod\s+cabinet|minister)"
)
MAYOR = (
    r"(?:(?:statutory|executive)\s+)?(?:(?:deputy|depute|assistant)\s+)?"
    r"(?:(?:directly\s+)?elected\s+|city\s+|executive\s+)?mayor"
)


def names_committee(title: str) -> bool:
    """Whether a title names a committee, panel, board, forum or scrutiny body."""
    return bool(_NAMES_COMMITTEE.search(title))


def read_role(part: str) -> list[KeyPostRole]:
    """The role (or, naming two committees, roles) one part of a key posts text names."""
    capacity = Capacity.SUBSTANTIVE
    text = _TERM.sub("", part).strip()  # "Mayor (2024/25)": the year is no part of the post
    prefix = _CAPACITY.match(text)
    if prefix:
        capacity = Capacity(prefix.group(1).lower())
        text = text[prefix.end() :]
    outside = _outside(part, text)
    if outside is not None:
        return [outside]
    committees = _committee(part, text, capacity)
    if committees:
        return committees
    for read in (_party, _civic, _executive, _champion):
        role = read(part, text, capacity)
        if role is not None:
            return [role]
    if re.fullmatch(r"(?:councillor|member|cllr)", text, _I):
        return [OtherRole(part, "names no role beyond councillor")]
    return [OtherRole(part, "names no post or committee role this reader knows")]


# Party and group roles
_OPPOSITION_LEADER = re.compile(
    r"^leader\s+of\s+(?:the\s+)?(?:main\s+|official\s+)?opposition(?:\s+group)?$", _I
)
_PARTY_OFFICE = (
    r"(?:deputy\s+group\s+leader|group\s+leader|deputy\s+leader|leader|"
    r"deputy\s+chief\s+whip|chief\s+whip|deputy\s+whip|whip)"
)
_OFFICE_OF_GROUP = re.compile(
    rf"^(?P<office>{_PARTY_OFFICE})\s*(?:of\s+(?:the\s+)?|[-\u2013:,]\s*)?"
    r"(?P<party>.+?)\s+(?:party\s+)?group$",
    _I,
)
_GROUP_OFFICE = re.compile(
    rf"^(?P<party>.+?)\s+(?:party\s+)?group\s+(?P<office>{_PARTY_OFFICE})$", _I
)
_GROUP_OFFICE_OF = re.compile(
    r"^(?P<office>(?:deputy\s+)?group\s+(?:leader|whip))\s*[-\u2013:,]\s*(?P<party>.+?)"
    r"(?:\s+(?:party\s+)?group)?$",
    _I,
)
_WHIP = re.compile(
    r"^(?P<office>(?:deputy\s+)?(?:chief\s+)?whip|(?:deputy\s+)?group\s+leader)$", _I
)


def _party_role(office: str) -> str:
    words = " ".join(office.lower().replace("group", "").split())
    if "whip" in words:
        return (
            "deputy-whip" if "deputy" in words else ("chief-whip" if "chief" in words else "whip")
        )
    return "deputy-leader" if "deputy" in words else "leader"


def _party(part: str, text: str, capacity: Capacity) -> KeyPostRole | None:
    if _OPPOSITION_LEADER.match(text):
        return PartyRole(part, "opposition-leader", None)
    if re.match(r"^(?:opposition\s+spokes|shadow\s+spokes|spokes(?:person|man|woman)\b)", text, _I):
        return PartyRole(part, "spokesperson", None)
    if re.match(r"^shadow\s", text, _I):
        return PartyRole(part, "shadow", None)
    for pattern in (_OFFICE_OF_GROUP, _GROUP_OFFICE, _GROUP_OFFICE_OF):
        match = pattern.match(text)
        if match and not re.search(r"\b(?:council|cabinet|executive)\b", match["party"], _I):
            party = re.sub(r"\s+party$", "", match["party"].strip(" ,-"), flags=_I)
            return PartyRole(part, _party_role(match["office"]), party or None)
    match = _WHIP.match(text)
    if match:
        return PartyRole(part, _party_role(match["office"]), None)
    return None


# Committee roles
_COMMITTEE_ROLE = re.compile(
    rf"^(?P<role>(?:{VICE})?{CHAIR}|(?:substitute\s+)?member)\b\s*"
    r"(?:(?:of|for|on)\b|[,:\-\u2013])?\s*(?:the\s+)?(?P<committee>.+)$",
    _I,
)
_ONE_COMMITTEE = r"(?:committee|panel|board|forum|commission|authority)"
_TWO_COMMITTEES = re.compile(
    rf"^(?P<first>.+?\b{_ONE_COMMITTEE})\s+(?:and|&)\s+(?P<second>.+\b{_ONE_COMMITTEE})$", _I
)
_THE_COUNCIL = re.compile(r"^(?:the\s+)?(?:\w+\s+)?council$", _I)


def _committee_role(wording: str) -> str:
    lowered = wording.lower()
    if lowered.startswith("substitute"):
        return "substitute"
    if lowered.startswith("member"):
        return "member"
    return "vice-chair" if re.match(VICE, lowered) else "chair"


def _committee(part: str, text: str, capacity: Capacity) -> list[KeyPostRole]:
    """Committee roles ("Chair of Licensing Committee and Licensing & Gambling Committee" names
    two), or the Chair of the Council as a civic post; [] when the text is not one."""
    match = _COMMITTEE_ROLE.match(text)
    if match:
        committee = match["committee"].strip(" .,")
        if _THE_COUNCIL.match(committee):
            return [CivicPost(part, text, capacity)]
        if match["role"].lower().endswith("member") and not re.match(
            r"(?:substitute\s+)?member\s*(?:of\b|on\b|[,:\-\u2013]\s*\S.*\b"
            rf"{_ONE_COMMITTEE}$)",
            text,
            _I,
        ):
            return []  # "Member Champion for Older People" names no committee
        role = _committee_role(match["role"])
        two = _TWO_COMMITTEES.match(committee)
        if two:
            return [
                CommitteeRole(part, two["first"], role),
                CommitteeRole(part, two["second"], role),
            ]
        return [CommitteeRole(part, committee, role)]
    if ENDS_WITH_COMMITTEE.search(text) and not re.match(OFFICE, text, _I):
        return [CommitteeRole(part, text, "member")]
    return []


# Outside bodies
_PARLIAMENT = re.compile(
    r"^(?P<house>MP|M\.P\.|MSP|member\s+of\s+(?:the\s+)?(?:scottish\s+)?parliament)\s+for\s+"
    r"(?P<seat>.+)$",
    _I,
)
_OUTSIDE_KINDS = (
    ("combined authority", r"combined\s+authou?rity"),
    ("fire authority", r"fire\s+(?:and\s+(?:rescue|civil\s+defen[cs]e)\s+)?authority"),
    ("police and crime panel", r"police\s+and\s+crime\s+panel"),
    ("waste authority", r"waste\s+(?:and\s+recycling\s+|disposal\s+)?authority"),
    ("transport body", r"merseytravel|(?:integrated\s+)?transport\s+authority"),
    ("national park authority", r"national\s+park\s+authority"),
)
_OUTSIDE_ROLE = re.compile(
    rf"^(?P<role>(?:{VICE})?{CHAIR}|(?:substitute\s+)?member|representative)\b\s*"
    r"(?:(?:of|on|for|to)\b|[,:\-\u2013])?\s*(?:the\s+)?(?P<body>.+)$",
    _I,
)
_ROLE_AFTER_BODY = re.compile(
    r"^(?P<body>.+?)\s*[,:\-\u2013]?\s+(?P<role>representative|(?:substitute\s+)?member)$", _I
)


_ENDS_WITH_COMMITTEE_OF_BODY = re.compile(
    r"\b(?:committee|sub-committee|panel|board|forum|scrutiny)\s*$", _I
)


def outside_body_kind(name: str) -> str | None:
    """What kind of body outside the council a name is, or None when it is none of them; a
    committee of a combined authority is a "combined authority committee"."""
    kind = next(
        (kind for kind, pattern in _OUTSIDE_KINDS if re.search(rf"\b(?:{pattern})\b", name, _I)),
        None,
    )
    if kind == "combined authority" and _ENDS_WITH_COMMITTEE_OF_BODY.search(name):
        return "combined authority committee"
    return kind


def _outside(part: str, text: str) -> KeyPostRole | None:
    """A seat on a body outside the council ("Member of Merseyside Fire and Rescue Authority",
    "Combined Authority Merseytravel", "MP for St Helens South and Whiston"); None otherwise."""
    match = _PARLIAMENT.match(text)
    if match:
        scottish = match["house"].upper() == "MSP" or "scottish" in match["house"].lower()
        house = "Scottish Parliament" if scottish else "House of Commons"
        return OutsideBodyRole(part, house, "member", "legislature", match["seat"].strip(" .,"))
    kind = outside_body_kind(text)
    if kind is None or re.match(OFFICE, text, _I):
        return None  # "Cabinet Member for Fire and Rescue" is a portfolio
    role, body = "member", text
    match = _OUTSIDE_ROLE.match(text)
    after = _ROLE_AFTER_BODY.match(text)
    if match and outside_body_kind(match["body"]):
        role, body = match["role"], match["body"]
    elif after and outside_body_kind(after["body"]):
        role, body = after["role"], after["body"]
    if role.lower() != "representative":
        role = _committee_role(role)
    body = body.strip(" .,")
    return OutsideBodyRole(part, body, role.lower(), outside_body_kind(body) or kind)


# Champions
_CHAMPION_OF = re.compile(
    r"^(?:(?:member|lead|council|cabinet|councillor)\s+)?champion\s*(?:for|of|[-\u2013:,])\s*"
    r"(?:the\s+)?(?P<topic>.+)$",
    _I,
)
_CHAMPION_AFTER = re.compile(
    r"^(?:the\s+)?(?:council(?:'s)?\s+)?(?P<topic>.+?)\s+(?:(?:member|lead)\s+)?champion$", _I
)


def _champion(part: str, text: str, capacity: Capacity) -> KeyPostRole | None:
    match = _CHAMPION_OF.match(text) or _CHAMPION_AFTER.match(text)
    if not match:
        return None
    topic = re.sub(r"['\u2019]s?$", "", match["topic"].strip(" .,")).strip()
    return ChampionRole(part, text.strip(" .,"), topic, capacity) if topic else None


# Civic posts
_CIVIC = re.compile(
    r"^(?:(?:deputy|depute|vice)\s+)?(?:lord\s+mayor|mayor|mayoress|consort|civic\s+mayor|"
    r"ceremonial\s+mayor|lord\s+provost|provost(?:\s+of\s+the\s+council)?|"
    r"speaker(?:\s+of\s+the\s+council)?|presiding\s+member|civic\s+head|"
    r"lord\s+mayor'?s\s+consort|mayor'?s\s+consort)$",
    _I,
)


def _civic(part: str, text: str, capacity: Capacity) -> KeyPostRole | None:
    return CivicPost(part, text, capacity) if _CIVIC.match(text) else None


# Executive posts
_CONNECTOR = (
    r"\s*(?:\bwith\s+(?:special\s+)?responsib\w*\s+for\b|\bresponsible\s+for\b|\bfor\b|"
    r"\bof\b|\bdros\b|[-\u2013\u2014:,(])?\s*"
)
_PORTFOLIO_OFFICE = re.compile(rf"^(?P<office>{OFFICE})(?:{_CONNECTOR}(?P<portfolio>.+))?$", _I)
_OFFICE_AFTER = re.compile(
    r"^(?P<portfolio>.+?)\s+(?P<office>(?:(?:deputy|assistant)\s+)?portfolio\s+holder|"
    r"cabinet\s+member|lead\s+member)$",
    _I,
)
_LEADER = re.compile(
    r"^(?P<office>(?:deputy\s+|depute\s+)?leader(?:\s+of\s+(?:the\s+)?(?:\w+\s+)?council)?)"
    rf"(?:{_CONNECTOR}(?P<portfolio>.+))?$",
    _I,
)
_MAYOR_OFFICE = re.compile(
    rf"^(?P<office>{MAYOR}(?:\s+of\s+(?P<place>.+?))?)"
    r"(?:\s+(?:with\s+(?:special\s+)?responsib\w*\s+)?for\s+(?P<portfolio>.+))?$",
    _I,
)
_EXECUTIVE_MAYOR = re.compile(r"elected|city|statutory|executive|assistant", _I)
_PORTFOLIO_WORDS = re.compile(r"^the\s+|\s+portfolio$", _I)
_JOB_SHARE = re.compile(r"\s*\(?\bjob[-\s]share\b\)?", _I)
_WELSH_LEADER = re.compile(r"^(?:dirprwy\s+)?arweinydd(?:\s+y\s+cyngor)?$", _I)


def _executive(part: str, text: str, capacity: Capacity) -> KeyPostRole | None:
    office, portfolio = _office_and_portfolio(text)
    if office is None:
        return None
    if portfolio is not None:
        shared = _JOB_SHARE.search(portfolio)
        if shared:
            capacity = Capacity.SHARED
            portfolio = portfolio[: shared.start()] + portfolio[shared.end() :]
        portfolio = _STATUTORY_NOTE.sub("", portfolio).strip(" .,:-\u2013")
        if portfolio.startswith("(") and portfolio.endswith(")"):
            portfolio = portfolio[1:-1].strip()
        elif portfolio.endswith(")") and "(" not in portfolio:
            portfolio = portfolio[:-1].strip()
        portfolio = _PORTFOLIO_WORDS.sub("", portfolio)  # "the Housing Portfolio": Housing
        if names_committee(portfolio):
            # "Cabinet Member - Scrutiny Panel" is a seat on a committee, never a portfolio.
            return CommitteeRole(part, portfolio, "member")
    return ExecutivePost(part, " ".join(office.split()), portfolio or None, capacity)


def _office_and_portfolio(text: str) -> tuple[str | None, str | None]:
    for pattern in (_PORTFOLIO_OFFICE, _LEADER):
        match = pattern.match(text)
        if match:
            return match["office"], match["portfolio"]
    match = _MAYOR_OFFICE.match(text)
    # "Deputy Mayor" alone is civic; with a place, a portfolio or "Elected" it is executive
    if match and (match["place"] or match["portfolio"] or _EXECUTIVE_MAYOR.search(match["office"])):
        return match["office"], match["portfolio"]
    match = _OFFICE_AFTER.match(text)
    if match:
        return match["office"], match["portfolio"]
    if _WELSH_LEADER.match(text):
        return text, None
    return None, None

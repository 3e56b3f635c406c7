"""ModernGov web-service XML in (`mgWebService.asmx`): councillors, committees, meeting attendees.

- GetCouncillorsByWard: each councillor is a person, a councillor of the council (MEMBER_OF, with
  ward and party), and the holder of the posts named in the free text of `keyposts` ("Executive
  Member for Housing" -> a post with its portfolio; "Chair of Audit Committee" -> chair of it).
- GetCommittees / GetMeetings: each committee is a committee of the council (ended when expired).
- GetMeeting: each attendee is a member of the meeting's committee in their role, as seen then.

The XML names no council: the council is found from the site's address in the file itself, else
the folder it sits in (never from other files). Home addresses, emails and phone numbers are never
stored.
Parsed with defusedxml: no entity expansion, no external references.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import Element

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from graph.model import Entity, EntityType, Relation, RelationType, Status
from loaders.formats.common import (
    RowRejected,
    SourceBuilder,
    evidence,
    file_document,
    parse_uk_date,
    slug_id,
)
from loaders.formats.roles import executive_role, portfolio_records
from loaders.formats.services import ServiceMatcher
from loaders.issues import LoadIssue, Severity, display_path, rejected_file
from loaders.reading import ReadResult

ROOTS = {"councillorsbyward", "committees", "getmeetings", "meeting"}
PRIVATE_ELEMENTS = ("homeaddress", "workaddress", "email", "phone", "mobile", "fax")
_HOST_RE = re.compile(rb"https?://([A-Za-z0-9.-]+)")
_SITE_PREFIXES = ("democracy.", "moderngov.", "committees.", "www.", "democratic.", "meetings.")
_SITE_SUFFIXES = (".gov.uk", ".org.uk", ".gov.wales", ".llyw.cymru", ".gov.scot")
_KEYPOST_SPLIT = re.compile(r"\s*(?:<br\s*/?>|\n|;|\|)\s*", re.IGNORECASE)
_COMMITTEE_ROLE = re.compile(
    r"^(?P<role>(?:vice[-\s]|deputy\s)?(?:chair|chairman|chairperson|chair person)|member)"
    r"\s*(?:of|,|-|:|\u2013)\s*(?:the\s+)?(?P<committee>.+)$",
    re.IGNORECASE,
)


def looks_like_moderngov(data: bytes) -> bool:
    head = data[:2048].lower()
    return any(f"<{root}>".encode() in head for root in ROOTS)


@dataclass(frozen=True)
class Council:
    id: str
    name: str
    host: str | None


def council_for(path: Path, data: bytes) -> Council:
    """The council a ModernGov file is from: the site address the file itself gives, else the
    folder it sits in. (The load's body register is to name it when the file does not.)"""
    for match in _HOST_RE.finditer(data):
        host = match.group(1).decode().lower()
        core = host
        for prefix in _SITE_PREFIXES:
            core = core.removeprefix(prefix)
        if core.endswith(_SITE_SUFFIXES):
            for suffix in _SITE_SUFFIXES:
                core = core.removesuffix(suffix)
            return Council(slug_id("body", core), core.replace("-", " ").title(), host)
    return Council(slug_id("body", path.parent.name), path.parent.name, None)


def read_moderngov(
    path: Path,
    *,
    services: ServiceMatcher | None = None,
    council: Council | None = None,
    data: bytes | None = None,
) -> ReadResult:
    raw = data if data is not None else path.read_bytes()
    try:
        root = ElementTree.fromstring(raw)
    except (ElementTree.ParseError, DefusedXmlException) as error:
        raise rejected_file(path, f"not well-formed or unsafe XML ({error})") from error
    if root.tag not in ROOTS:
        raise rejected_file(path, f"<{root.tag}> is not a ModernGov response this reads")
    council = council or council_for(path, raw)
    title = f"ModernGov {root.tag}: {path.name}" + (f" ({council.host})" if council.host else "")
    out = SourceBuilder(display_path(path), file_document(path, "moderngov", title, data=raw))
    reader = _ModernGov(path.name, out, council, services or ServiceMatcher())
    reader.add_council()
    if root.tag == "councillorsbyward":
        reader.councillors(root)
    elif root.tag in {"committees", "getmeetings"}:
        reader.committees(root)
    else:
        reader.meeting(root)
    return ReadResult([out.build()], reader.issues)


def _text(element: Element, tag: str) -> str:
    found = element.find(tag)
    return " ".join((found.text or "").split()) if found is not None else ""


class _ModernGov:
    def __init__(
        self, file: str, out: SourceBuilder, council: Council, services: ServiceMatcher
    ) -> None:
        self.file = file
        self.out = out
        self.council = council
        self.services = services
        self.issues: list[LoadIssue] = []
        self.scope = council.id.split(":", 1)[1]

    def add_council(self) -> None:
        quote = f"site={self.council.host}" if self.council.host else f"file={self.file}"
        properties = {"moderngov_site": self.council.host} if self.council.host else {}
        self.out.add_row(
            [
                Entity(
                    id=self.council.id,
                    type=EntityType.BODY,
                    name=self.council.name,
                    properties=properties,
                    evidence=evidence("ModernGov site", quote),
                )
            ]
        )

    def _each(
        self, elements: Iterator[Element], key: str, handle: Callable[[Element, str], None]
    ) -> None:
        for index, element in enumerate(elements):
            ident = _text(element, key) or element.get(key) or str(index)
            where = f"{element.tag}[{key}={ident}]"
            try:
                handle(element, where)
            except RowRejected as error:
                self.issues.append(LoadIssue.in_row(self.file, where, error.column, error.reason))

    def committee_id(self, title: str) -> str:
        return slug_id("committee", self.scope, title)

    def person_id(self, member_id: str) -> str:
        return slug_id("person", self.scope, "mg", member_id)

    # GetCommittees / GetMeetings
    def committees(self, root: Element) -> None:
        self._each(root.iter("committee"), "committeeid", self._committee)

    def _committee(self, element: Element, where: str) -> None:
        title = _text(element, "committeetitle")
        if not title:
            raise RowRejected("committeetitle", "missing")
        if _text(element, "committeedeleted").lower() == "true":
            raise RowRejected("committeedeleted", "the committee is marked deleted")
        expired = _text(element, "committeeexpired").lower() == "true"
        fields = ("committeeid", "committeetitle", "committeeexpired", "committeecategory")
        quote = "; ".join(f"{tag}={_text(element, tag)}" for tag in fields if _text(element, tag))
        committee_id = self.committee_id(title)
        # Other files (meetings, keyposts) name the same committee by title alone; its entity
        # must read the same in all of them, or each load would rewrite it.
        committee = Entity(
            id=committee_id,
            type=EntityType.COMMITTEE,
            name=title,
            status=Status.ENDED if expired else Status.CURRENT,
            evidence=evidence(where, quote),
        )
        belongs = Relation(
            type=RelationType.BELONGS_TO,
            source=committee_id,
            target=self.council.id,
            evidence=evidence(where, quote),
        )
        self.out.add_row([committee], [belongs])

    # GetMeeting
    def meeting(self, root: Element) -> None:
        title = _text(root, "committeetitle") or next(
            (" ".join((e.text or "").split()) for e in root.iter("refertocommittee") if e.text),
            "",
        )
        if not title:
            raise rejected_file(self.file, "the meeting names no committee")
        date_text = _text(root, "meetingdate")
        try:
            meeting_date = parse_uk_date(date_text) if date_text else None
        except ValueError as error:
            raise rejected_file(self.file, f"meetingdate: {error}") from error
        meeting_where = f"meeting[meetingid={_text(root, 'meetingid')}]"
        quote = f"committee={title}; meetingdate={date_text}"
        committee_id = self.committee_id(title)
        self.out.add_row(
            [
                Entity(
                    id=committee_id,
                    type=EntityType.COMMITTEE,
                    name=title,
                    evidence=evidence(meeting_where, quote),
                )
            ],
            [
                Relation(
                    type=RelationType.BELONGS_TO,
                    source=committee_id,
                    target=self.council.id,
                    evidence=evidence(meeting_where, quote),
                )
            ],
        )
        as_of = meeting_date.isoformat() if meeting_date else None

        def attendee(element: Element, where: str) -> None:
            self._attendee(element, where, committee_id, title, as_of)

        self._each(root.iter("attendee"), "memberid", attendee)

    def _attendee(
        self, element: Element, where: str, committee_id: str, committee: str, as_of: str | None
    ) -> None:
        member_id, name = element.get("memberid", ""), element.get("name", "").strip()
        if not member_id:
            raise RowRejected("memberid", "missing")
        if not name:
            raise RowRejected("name", "missing")
        role_text = element.get("roledescription", "").strip() or "Committee Member"
        role = _committee_role(role_text)
        keys = ("memberid", "name", "roledescription", "attendance", "politicalparty", "ward")
        quote = "; ".join(f"{k}={element.get(k)}" for k in keys if element.get(k))
        quote += f"; committee={committee}"
        person = self._person(member_id, name, where, quote)
        member = Relation(
            type=RelationType.MEMBER_OF,
            source=person.id,
            target=committee_id,
            role=role,
            properties={
                k: v
                for k, v in {
                    "role_wording": role_text,
                    "seen_at_meeting": as_of,
                    "party": element.get("politicalparty"),
                }.items()
                if v
            },
            evidence=evidence(where, quote),
        )
        self.out.add_row([person], [member])

    # GetCouncillorsByWard
    def councillors(self, root: Element) -> None:
        private = 0
        for ward in root.iter("ward"):
            ward_title = _text(ward, "wardtitle")

            def councillor(element: Element, where: str, ward_title: str = ward_title) -> None:
                self._councillor(element, where, ward_title)

            self._each(ward.iter("councillor"), "councillorid", councillor)
            private += sum(
                1
                for c in ward.iter("councillor")
                if any(c.find(f".//{tag}") is not None for tag in PRIVATE_ELEMENTS)
            )
        if private:
            self.issues.append(
                LoadIssue.in_row(
                    self.file,
                    "councillor",
                    ", ".join(PRIVATE_ELEMENTS),
                    f"addresses, emails and phone numbers of {private} councillors were not stored",
                    Severity.NOTE,
                )
            )

    def _councillor(self, element: Element, where: str, ward_title: str) -> None:
        member_id = _text(element, "councillorid")
        full_name = _text(element, "fullusername")
        if not member_id:
            raise RowRejected("councillorid", "missing")
        if not full_name:
            raise RowRejected("fullusername", "missing")
        party = _text(element, "politicalpartytitle") or _text(element, "politicalgrouptitle")
        keyposts = _keyposts(element)
        start = self._term_start(element)
        fields = {
            "councillorid": member_id,
            "fullusername": full_name,
            "ward": ward_title,
            "politicalpartytitle": party,
            "keyposts": " | ".join(keyposts),
        }
        quote = "; ".join(f"{k}={v}" for k, v in fields.items() if v)
        person = self._person(member_id, full_name, where, quote)
        entities: list[Entity] = [person]
        relations: list[Relation] = []
        properties = {"party": party or None, "key_posts": "; ".join(keyposts) or None}
        if ward_title:
            ward_id = slug_id("area", self.scope, "ward", ward_title)
            entities.append(
                Entity(
                    id=ward_id,
                    type=EntityType.AREA,
                    name=ward_title,
                    properties={"classification": "ward"},
                    evidence=evidence(where, quote),
                )
            )
            properties["ward"] = ward_id
        relations.append(
            Relation(
                type=RelationType.MEMBER_OF,
                source=person.id,
                target=self.council.id,
                role="councillor",
                valid_from=start,
                properties={k: v for k, v in properties.items() if v},
                evidence=evidence(where, quote),
            )
        )
        for phrase in keyposts:
            more_entities, more_relations = self._keypost(phrase, person.id, where, quote)
            entities += more_entities
            relations += more_relations
        self.out.add_row(entities, relations)

    def _keypost(
        self, phrase: str, person_id: str, where: str, quote: str
    ) -> tuple[list[Entity], list[Relation]]:
        office = executive_role(phrase)
        if office is not None:
            post_id = slug_id("post", self.scope, office.post_name)
            ev = evidence(where, f"keyposts={phrase}")
            entities = [
                Entity(
                    id=post_id,
                    type=EntityType.POST,
                    name=office.post_name,
                    properties={"post_kind": "executive"},
                    evidence=ev,
                )
            ]
            relations = [
                Relation(
                    type=RelationType.BELONGS_TO,
                    source=post_id,
                    target=self.council.id,
                    evidence=ev,
                ),
                Relation(
                    type=RelationType.HOLDS,
                    source=person_id,
                    target=post_id,
                    capacity=office.capacity,
                    evidence=ev,
                ),
            ]
            if office.portfolio:
                portfolio_id = slug_id("portfolio", self.scope, office.portfolio)
                more_entities, more_relations = portfolio_records(
                    office.portfolio, portfolio_id, post_id, self.council.id, self.services, ev
                )
                entities += more_entities
                relations += more_relations
            return entities, relations
        committee_role = _COMMITTEE_ROLE.match(phrase)
        if committee_role is not None:
            title = committee_role.group("committee").strip(" .")
            role = _committee_role(committee_role.group("role"))
            committee_id = self.committee_id(title)
            ev = evidence(where, f"keyposts={phrase}")
            return (
                [Entity(id=committee_id, type=EntityType.COMMITTEE, name=title, evidence=ev)],
                [
                    Relation(
                        type=RelationType.BELONGS_TO,
                        source=committee_id,
                        target=self.council.id,
                        evidence=ev,
                    ),
                    Relation(
                        type=RelationType.MEMBER_OF,
                        source=person_id,
                        target=committee_id,
                        role=role,
                        properties={"role_wording": phrase},
                        evidence=ev,
                    ),
                ],
            )
        self.issues.append(
            LoadIssue.in_row(
                self.file,
                where,
                "keyposts",
                f"{phrase!r} names no post or committee role this reader knows; kept as text only",
                Severity.NOTE,
            )
        )
        return [], []

    def _term_start(self, element: Element) -> dt.date | None:
        starts = [_text(term, "startdate") for term in element.iter("termofoffice")]
        dates = []
        for text in starts:
            if not text or text.lower() == "unspecified":
                continue
            try:
                dates.append(parse_uk_date(text))
            except ValueError as error:
                raise RowRejected("termsofoffice/startdate", str(error)) from error
        return max(dates) if dates else None

    def _person(self, member_id: str, full_name: str, where: str, quote: str) -> Entity:
        name = re.sub(r"^(?:councillor|cllr\.?)\s+", "", full_name, flags=re.IGNORECASE).strip()
        return Entity(
            id=self.person_id(member_id),
            type=EntityType.PERSON,
            name=name or full_name,
            aliases=[full_name] if name and name != full_name else [],
            properties={"moderngov_id": member_id},
            evidence=evidence(where, quote),
        )


def _keyposts(element: Element) -> list[str]:
    found = element.find("keyposts")
    if found is None:
        return []
    text = "\n".join(found.itertext())
    return [p.strip(" .,") for p in _KEYPOST_SPLIT.split(text) if p.strip(" .,")]


def _committee_role(text: str) -> str:
    lowered = " ".join(text.lower().replace("-", " ").split())
    for role in ("vice chair", "deputy chair", "chair"):
        if role in lowered or lowered.startswith(role.replace("chair", "chairman")):
            return role.replace(" ", "-") if role != "chair" else "chair"
    if "substitute" in lowered:
        return "substitute"
    return "member"

"""ModernGov elements mapped to records: the council; each councillor as a person, a member of
the council for a ward, and the holder of the posts and committee roles their `keyposts` name;
committees of the council; a meeting's attendees as members of its committee.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from xml.etree.ElementTree import Element

from graph.model import Entity, EntityType, Evidence, Relation, RelationType, Status
from loaders.body_resolution import BodyClues, KnownBodies, register_bodies
from loaders.formats.common import (
    RowRejected,
    SourceBuilder,
    evidence,
    parse_uk_date,
    slug_id,
)
from loaders.formats.keyposts import (
    ChampionRole,
    CivicPost,
    CommitteeRole,
    ExecutivePost,
    KeyPostRole,
    OtherRole,
    OutsideBodyRole,
    PartyRole,
    parse_keyposts,
)
from loaders.formats.moderngov_xml import (
    PRIVATE_ELEMENTS,
    Council,
    committee_role_of,
    keyposts_text,
    text_of,
)
from loaders.formats.portfolio_names import PortfolioNames, is_deputy
from loaders.formats.register_scope import choose_in_register_scope
from loaders.formats.roles import executive_post_id, portfolio_id, portfolio_records
from loaders.formats.services import ServiceMatcher
from loaders.issues import LoadIssue, Severity, rejected_file


class ModernGovRecords:
    def __init__(
        self,
        file: str,
        out: SourceBuilder,
        council: Council,
        services: ServiceMatcher,
        bodies: KnownBodies | None = None,
    ) -> None:
        """`bodies` resolves the bodies outside the council that key posts name (by default
        the committed register)."""
        self.file = file
        self.out = out
        self.council = council
        self.services = services
        self.bodies = bodies or register_bodies()
        self.issues: list[LoadIssue] = []
        self.scope = council.scope
        self._outside: dict[str, Entity] = {}  # body named -> the Body written for it
        self._portfolios = PortfolioNames(())  # the file's portfolios, once its roles are read

    def add_council(self) -> None:
        """The council's Body, when this file is to write it (the register's record, with the
        file's evidence; or the file's own, unresolved)."""
        if self.council.entity is not None:
            self.out.add_row([self.council.entity])

    def _each(
        self, elements: Iterator[Element], key: str, handle: Callable[[Element, str], None]
    ) -> None:
        for index, element in enumerate(elements):
            ident = text_of(element, key) or element.get(key) or str(index)
            where = f"{element.tag}[{key}={ident}]"
            try:
                handle(element, where)
            except RowRejected as error:
                self.issues.append(LoadIssue.in_row(self.file, where, error.column, error.reason))

    def committee_id(self, title: str) -> str:
        # "Housing & Sustainability" and "Housing and Sustainability" are one committee
        return slug_id("committee", self.scope, title.replace("&", " and "))

    def person_id(self, member_id: str) -> str:
        return slug_id("person", self.scope, "mg", member_id)

    # GetCommittees / GetMeetings
    def committees(self, root: Element) -> None:
        self._each(root.iter("committee"), "committeeid", self._committee)

    def _committee(self, element: Element, where: str) -> None:
        title = text_of(element, "committeetitle")
        if not title:
            raise RowRejected("committeetitle", "missing")
        if text_of(element, "committeedeleted").lower() == "true":
            raise RowRejected("committeedeleted", "the committee is marked deleted")
        expired = text_of(element, "committeeexpired").lower() == "true"
        fields = ("committeeid", "committeetitle", "committeeexpired", "committeecategory")
        quote = "; ".join(
            f"{tag}={text_of(element, tag)}" for tag in fields if text_of(element, tag)
        )
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
        title = text_of(root, "committeetitle") or next(
            (" ".join((e.text or "").split()) for e in root.iter("refertocommittee") if e.text),
            "",
        )
        if not title:
            raise rejected_file(self.file, "the meeting names no committee")
        date_text = text_of(root, "meetingdate")
        try:
            meeting_date = parse_uk_date(date_text) if date_text else None
        except ValueError as error:
            raise rejected_file(self.file, f"meetingdate: {error}") from error
        meeting_where = f"meeting[meetingid={text_of(root, 'meetingid')}]"
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
        role = committee_role_of(role_text)
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
        held = [
            (role.portfolio, role.office)
            for element in root.iter("councillor")
            for role in parse_keyposts(keyposts_text(element))
            if isinstance(role, ExecutivePost) and role.portfolio
        ]
        self._portfolios = PortfolioNames(
            (title for title, _ in held),
            principal=(title for title, office in held if not is_deputy(office)),
        )
        private = 0
        for ward in root.iter("ward"):
            ward_title = text_of(ward, "wardtitle")

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
        member_id = text_of(element, "councillorid")
        full_name = text_of(element, "fullusername")
        if not member_id:
            raise RowRejected("councillorid", "missing")
        if not full_name:
            raise RowRejected("fullusername", "missing")
        party = text_of(element, "politicalpartytitle") or text_of(element, "politicalgrouptitle")
        key_posts = keyposts_text(element)
        roles = parse_keyposts(key_posts)
        start = self._term_start(element)
        fields = {
            "councillorid": member_id,
            "fullusername": full_name,
            "ward": ward_title,
            "politicalpartytitle": party,
            "keyposts": key_posts.replace("\n", " | "),
        }
        quote = "; ".join(f"{k}={v}" for k, v in fields.items() if v)
        person = self._person(member_id, full_name, where, quote)
        entities: list[Entity] = [person]
        relations: list[Relation] = []
        party_roles = "; ".join(dict.fromkeys(r.role for r in roles if isinstance(r, PartyRole)))
        properties = {
            "party": party or None,
            "key_posts": key_posts.replace("\n", "; ") or None,
            "party_role": party_roles or None,
        }
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
        for role in roles:
            more_entities, more_relations = self._keypost(role, person.id, where)
            entities += more_entities
            relations += more_relations
        self.out.add_row(entities, relations)

    def _keypost(
        self, role: KeyPostRole, person_id: str, where: str
    ) -> tuple[list[Entity], list[Relation]]:
        """The records of one role of a councillor's key posts (a party role is a property of
        their membership of the council, set by the caller)."""
        ev = evidence(where, f"keyposts={role.wording}")
        if isinstance(role, ExecutivePost):
            # The portfolio (and so the post) under the one spelling the file gives it most;
            # the holder's own words stay in the evidence.
            portfolio = self._portfolios.name_of(role.portfolio) if role.portfolio else None
            post_name = replace(role, portfolio=portfolio).post_name
            entities, relations = self._post(post_name, "executive", role, person_id, ev)
            if portfolio:
                more_entities, more_relations = portfolio_records(
                    portfolio, portfolio_id(self.scope, portfolio), entities[0].id,
                    self.council.id, self.services, ev,
                    aliases=self._portfolios.spellings_of(portfolio),
                )  # fmt: skip
                entities += more_entities
                relations += more_relations
            return entities, relations
        if isinstance(role, CivicPost):
            return self._post(role.post, "civic", role, person_id, ev)
        if isinstance(role, ChampionRole):
            entities, relations = self._post(role.title, "champion", role, person_id, ev)
            relations += [
                Relation(type=RelationType.COVERS, source=entities[0].id, target=match.service_id,
                         wording=match.wording, evidence=ev)
                for match in self.services.find(role.topic)
            ]  # fmt: skip
            return entities, relations
        if isinstance(role, OutsideBodyRole):
            return self._outside_seat(role, person_id, where, ev)
        if isinstance(role, CommitteeRole):
            committee_id = self.committee_id(role.committee)
            return (
                [Entity(id=committee_id, type=EntityType.COMMITTEE, name=role.committee,
                        evidence=ev)],
                [
                    Relation(type=RelationType.BELONGS_TO, source=committee_id,
                             target=self.council.id, evidence=ev),
                    Relation(type=RelationType.MEMBER_OF, source=person_id, target=committee_id,
                             role=role.role, properties={"role_wording": role.wording},
                             evidence=ev),
                ],
            )  # fmt: skip
        if isinstance(role, OtherRole):
            reason = f"{role.wording!r}: {role.reason}; kept as text only"
            self.issues.append(
                LoadIssue.in_row(self.file, where, "keyposts", reason, Severity.NOTE)
            )
        return [], []

    def _outside_seat(
        self, role: OutsideBodyRole, person_id: str, where: str, ev: list[Evidence]
    ) -> tuple[list[Entity], list[Relation]]:
        """The person a member (chair, representative...) of a body outside the council: the
        register's body when it is one (a combined authority), else a body of its own."""
        body = self._outside_body(role, where, ev)
        properties = {"role_wording": role.wording, "seat": role.seat}
        member = Relation(
            type=RelationType.MEMBER_OF, source=person_id, target=body.id, role=role.role,
            properties={k: v for k, v in properties.items() if v}, evidence=ev,
        )  # fmt: skip
        return [body.model_copy(update={"evidence": ev})], [member]

    def _outside_body(self, role: OutsideBodyRole, where: str, ev: list[Evidence]) -> Entity:
        """A body is resolved once per file. A name that names no place ("Fire Authority",
        "the Police and Crime Panel") says only which body this council's members sit on: its
        id is scoped by the council."""
        if role.body not in self._outside:
            own_id = (
                slug_id("body", self.scope, role.body)
                if names_no_place(role.body)
                else slug_id("body", role.body)
            )
            own = Entity(
                id=own_id, type=EntityType.BODY, name=role.body,
                properties={"kind": role.body_kind}, evidence=ev,
            )  # fmt: skip
            clues = BodyClues(name=role.body, jurisdiction="GB")
            choice = choose_in_register_scope(self.bodies, clues, own, of_file=False)
            if choice.note:
                self.issues.append(
                    LoadIssue.in_row(self.file, where, "keyposts", choice.note, Severity.NOTE)
                )
            self._outside[role.body] = choice.entity or own
        return self._outside[role.body]

    def _post(
        self,
        name: str,
        kind: str,
        role: ExecutivePost | CivicPost | ChampionRole,
        person_id: str,
        ev: list[Evidence],
    ) -> tuple[list[Entity], list[Relation]]:
        """A post of the council (executive or civic) and its holder."""
        post_id = executive_post_id(self.scope, name)
        post = Entity(
            id=post_id, type=EntityType.POST, name=name, properties={"post_kind": kind},
            evidence=ev,
        )  # fmt: skip
        return [post], [
            Relation(type=RelationType.BELONGS_TO, source=post_id, target=self.council.id,
                     evidence=ev),
            Relation(type=RelationType.HOLDS, source=person_id, target=post_id,
                     capacity=role.capacity, evidence=ev),
        ]  # fmt: skip

    def _term_start(self, element: Element) -> dt.date | None:
        starts = [text_of(term, "startdate") for term in element.iter("termofoffice")]
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


_KIND_WORDS = frozenset(
    {"the", "and", "of", "combined", "authority", "authourity", "fire", "rescue", "civil",
     "defence", "defense", "police", "crime", "panel", "waste", "recycling", "disposal",
     "transport", "integrated", "committee", "scrutiny", "joint", "board", "national", "park"}
)  # fmt: skip


def names_no_place(body: str) -> bool:
    """Whether a body's name is only what kind of body it is ("Fire and Civil Defense
    Authority", "Police and Crime Panel"), naming no place or name of its own."""
    words = re.findall(r"[a-z]+", body.lower())
    return all(word in _KIND_WORDS for word in words)

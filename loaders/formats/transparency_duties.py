"""What a senior officer answers for, read from the free text of `Responsibilities` (and the
statutory role a job title names): statutory designations and the services named.

- A statutory designation ("Section 151 Officer", "S151", "Chief Finance Officer", "Monitoring
  Officer", "Head of Paid Service", "Director of Public Health", "DCS", "DASS"...) makes the post
  DESIGNATED_AS the council's statutory role post (`post:<council>:section-151-officer`, the ids
  the curated seeds use), and that role ACCOUNTABLE_FOR (statutory) the service the law gives it,
  where it gives one (`STATUTORY_ROLES`). "Deputy" or "Assistant" before it is no designation.
- Each service of the vocabulary the text names (its names and aliases as words of the text)
  makes the post ACCOUNTABLE_FOR (managerial) it, with the text's own words.
These are readings of free text, not statements of the file: they come in a source of their own,
origin `extracted`, each with its confidence (`DESIGNATION_CONFIDENCE`, `TITLE_CONFIDENCE`,
`SERVICE_CONFIDENCE`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.model import (
    AccountabilityKind,
    Document,
    Entity,
    EntityType,
    Origin,
    Relation,
    RelationType,
    SourceRecords,
)
from loaders.formats.common import SourceBuilder, evidence, slug_id
from loaders.formats.services import ServiceMatcher
from loaders.formats.transparency_rows import Row

DESIGNATION_CONFIDENCE = 0.9  # the responsibilities name the statutory role
TITLE_CONFIDENCE = 0.7  # the job title is the statutory role's name
SERVICE_CONFIDENCE = 0.7  # a service named in the responsibilities


@dataclass(frozen=True)
class StatutoryRole:
    slug: str  # the role's post id within its council
    name: str
    pattern: re.Pattern[str]
    service: str | None  # the service the law makes the role answer for
    in_titles: bool = True  # a job title of this name is the role itself


def _role(
    slug: str, name: str, pattern: str, service: str | None, in_titles: bool = True
) -> StatutoryRole:
    return StatutoryRole(slug, name, re.compile(pattern, re.IGNORECASE), service, in_titles)


STATUTORY_ROLES = (
    _role("head-of-paid-service", "Head of Paid Service", r"head\s+of\s+(?:the\s+)?paid\s+service",
          None),
    _role("section-151-officer", "Section 151 Officer",
          r"\bsection\s*151\b|\bs\.?\s?151\b|chief\s+financ(?:e|ial)\s+officer"
          r"|responsible\s+financial\s+officer|\bsection\s*95\b", "service:finance"),
    _role("monitoring-officer", "Monitoring Officer", r"\bmonitoring\s+officer\b", None),
    _role("director-of-childrens-services", "Director of Children's Services",
          r"director\s+of\s+children[\u2019']?s\s+services|\bDCS\b",
          "service:childrens-services"),
    _role("director-of-adult-social-care", "Director of Adult Social Services",
          r"director\s+of\s+adult\s+social\s+(?:services|care)|\bDASS\b|\bDASC\b",
          "service:adult-social-care"),
    _role("director-of-public-health", "Director of Public Health",
          r"director\s+of\s+public\s+health|\bDPH\b", "service:public-health"),
    _role("chief-social-work-officer", "Chief Social Work Officer",
          r"chief\s+social\s+work\s+officer|\bCSWO\b", None),
    _role("electoral-registration-officer", "Electoral Registration Officer",
          r"electoral\s+registration\s+officer|\bERO\b|\breturning\s+officer\b",
          "service:elections", in_titles=False),
    _role("statutory-scrutiny-officer", "Statutory Scrutiny Officer",
          r"statutory\s+scrutiny\s+officer|designated\s+scrutiny\s+officer", "service:scrutiny"),
)  # fmt: skip
_NOT_THE_ROLE = re.compile(r"(?:deputy|assistant|associate|acting\s+deputy)[\s-]+$", re.IGNORECASE)
_ACRONYM = re.compile(r"^[A-Z]{3,4}$")


def designations(text: str, *, title: bool = False) -> list[tuple[StatutoryRole, str]]:
    """The statutory roles a text gives its post, with the words that say so. In a job title
    only the roles' full names count ("Corporate Director of Children's Services", not "DCS")."""
    found: list[tuple[StatutoryRole, str]] = []
    for role in STATUTORY_ROLES:
        if title and not role.in_titles:
            continue
        for match in role.pattern.finditer(text):
            words = match.group(0)
            if _NOT_THE_ROLE.search(text[: match.start()]):
                continue
            if _ACRONYM.match(words) and (title or words != words.upper()):
                continue
            found.append((role, words))
            break
    return found


class DutiesReader:
    """Collects the extracted accountability of a file's rows into a source of its own."""

    def __init__(self, document: Document, source_file: str, services: ServiceMatcher) -> None:
        extraction = document.model_copy(
            update={
                "id": slug_id("document", "transparency", "responsibilities", document.id),
                "title": f"{document.title}: responsibilities read as accountability",
                "kind": "extraction",
            }
        )
        self.out = SourceBuilder(source_file, extraction)
        self.services = services
        self.designated: set[str] = set()

    def read(self, row: Row) -> None:
        text = row.value("responsibilities")
        title = row.cells["title"]
        found = [(role, words, DESIGNATION_CONFIDENCE, text) for role, words in designations(text)]
        seen = {role.slug for role, *_ in found}
        found += [
            (role, words, TITLE_CONFIDENCE, title)
            for role, words in designations(title, title=True)
            if role.slug not in seen
        ]
        for role, words, confidence, said in found:
            self._designation(row, role, words, confidence, said)
        if text:
            self._services(row, text)

    @staticmethod
    def _without_roles(text: str) -> str:
        """The text with every statutory role's name blanked: "Deputy Director of Adult Social
        Services" names no service its post answers for."""
        for role in STATUTORY_ROLES:
            text = role.pattern.sub(lambda m: " " * len(m.group(0)), text)
        return text

    def _designation(
        self, row: Row, role: StatutoryRole, words: str, confidence: float, said: str
    ) -> None:
        council = row.council
        role_id = slug_id("post", council.scope, role.slug)
        column = "Responsibilities" if said is not row.cells["title"] else "JobTitle"
        ev = evidence(row.where, f"{column}={said}", confidence)
        if role_id == row.post_id:  # the post is the role itself ("Director of Public Health")
            if role.service is not None and role.service in self.services.service_ids:
                self.out.add_row(
                    relations=[
                        Relation(type=RelationType.ACCOUNTABLE_FOR, source=role_id,
                                 target=role.service, kind=AccountabilityKind.STATUTORY,
                                 wording=role.name, evidence=ev)
                    ]
                )  # fmt: skip
            return
        entities = [
            Entity(id=role_id, type=EntityType.POST, name=f"{role.name} ({council.entity.name})",
                   properties={"post_kind": "statutory role"}, evidence=ev),
        ]  # fmt: skip
        relations = [
            Relation(type=RelationType.BELONGS_TO, source=role_id, target=council.id,
                     evidence=ev),
            Relation(type=RelationType.DESIGNATED_AS, source=row.post_id, target=role_id,
                     wording=words, evidence=ev),
        ]  # fmt: skip
        if role.service is not None and role.service in self.services.service_ids:
            relations.append(
                Relation(type=RelationType.ACCOUNTABLE_FOR, source=role_id, target=role.service,
                         kind=AccountabilityKind.STATUTORY, wording=role.name, evidence=ev)
            )  # fmt: skip
        self.out.add_row(entities, relations)

    def _services(self, row: Row, text: str) -> None:
        ev = evidence(row.where, f"Responsibilities={text}", SERVICE_CONFIDENCE)
        self.out.add_row(
            relations=[
                Relation(type=RelationType.ACCOUNTABLE_FOR, source=row.post_id,
                         target=match.service_id, kind=AccountabilityKind.MANAGERIAL,
                         wording=match.wording, evidence=ev)
                for match in self.services.find_in_text(self._without_roles(text))
            ]
        )  # fmt: skip

    def build(self) -> SourceRecords | None:
        if not self.out.relations:
            return None
        return self.out.build().model_copy(update={"origin": Origin.EXTRACTED})

"""Partners: the bodies a passage names as the document body's partners, as the commissioners it
works with, or as providers of services.

A partner is a body the reader knows, never a capitalised phrase: a body of the knowledge base
(the gazetteer's, within the document's body), a council of the register (the resolver's), a body
the document itself defines ("West Midlands Combined Authority (WMCA)"), or a body of a statutory
kind a document names without its proper name (`PARTNER_KINDS`: "the Police and Crime
Commissioners", "the LEP", "acute health trusts"). A body of a kind is the knowledge base's body of
that kind for the document's body when there is one, else `body:<kind>-of-<body>`.

The passage must say the body is a partner, and where:
- after a cue, as the head of a list that follows it: "partners such as acute health trusts and
  police", "partnership working, especially with the LEP", "work closely with", "in
  collaboration with", "through the LEP", "commissioned by", "provided by", "delivered by",
  "joint arrangements with", "shared services with";
- before a cue: "the LEP and other partners", "the CCG as a key partner";
- anywhere in a passage about the alignment of public services, for commissioning bodies only:
  "the recent election of the first Police and Crime Commissioners, the creation of Clinical
  Commissioning Groups ... To ensure the alignment of all key public services locally".

Each gives `(document body)-[:MEMBER_OF {role: partner}]->(partner)`, and `(partner)-[:PROVIDES
{role: commissioner | provider}]->(service)` for the services the passage names in or right
after the body's name ("Clinical Commissioning Groups for health and wellbeing services") or that
its kind provides (a police force, policing). The document's own body and its own units (its
directorates, teams) are never its partners. A relation the knowledge base states already becomes
more evidence of it (`merge._as_known_relation`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from graph.model import EntityType, Passage, PassageKind, RelationType
from loaders.documents.gazetteer import KnownName
from loaders.documents.statements import Context

PARTNER_ROLE = "partner"
COMMISSIONER_ROLE = "commissioner"
PROVIDER_ROLE = "provider"


@dataclass(frozen=True)
class PartnerKind:
    """A statutory kind of public body, named by its kind ("the Police and Crime Commissioner")."""

    name: str
    stem: str  # the id's stem: body:<stem>-of-<document body>
    pattern: str  # its wordings, in any case
    commissions: bool  # commissions public services rather than providing them
    service: str | None = None  # the vocabulary service a body of this kind provides or commissions
    acronym: str | None = None  # in capitals only, singular or plural ("CCG", "CCGs")

    @property
    def wordings(self) -> str:
        return self.pattern + (f"|(?-i:{self.acronym}s?)" if self.acronym else "")


# Kinds named like a service ("the Fire and Rescue Service", "Probation") are left out: a
# passage's "Fire and Rescue Service" is as often the service as the body that runs it.
PARTNER_KINDS = (
    PartnerKind(
        "Police and Crime Commissioner", "police-and-crime-commissioner",
        r"police and crime commissioners?", True, "service:policing", "PCC",
    ),
    PartnerKind(
        "Clinical Commissioning Groups", "clinical-commissioning-groups",
        r"clinical commissioning groups?", True, "service:nhs-health-services", "CCG",
    ),
    PartnerKind(
        "Integrated Care Board", "integrated-care-board",
        r"integrated care boards?", True, "service:nhs-health-services", "ICB",
    ),
    PartnerKind(
        "Local Enterprise Partnership", "local-enterprise-partnership",
        r"local enterprise partnerships?", False, None, "LEP",
    ),
    PartnerKind(
        "Acute health trusts", "acute-health-trusts",
        r"acute (?:health |hospital )?trusts?|(?:NHS )?(?:foundation|hospital) trusts?|NHS trusts?",
        False, "service:nhs-health-services",
    ),
    PartnerKind(
        "Ambulance trust", "ambulance-trust",
        r"ambulance (?:service )?(?:NHS )?trusts?", False, "service:ambulance-service",
    ),
    PartnerKind(
        "Fire and Rescue Authority", "fire-and-rescue-authority",
        r"(?:fire and rescue|fire) authorit(?:y|ies)", False, "service:fire-and-rescue",
    ),
    PartnerKind(
        "Probation trust", "probation-trust",
        r"probation trusts?|community rehabilitation compan(?:y|ies)", False, "service:probation",
    ),
    PartnerKind(
        "Police", "police", r"police(?: forces?)?|constabulary", False, "service:policing"
    ),
)  # fmt: skip
_KIND_PATTERN = re.compile(
    r"(?<![\w-])(?:the )?(?P<place>(?:(?-i:[A-Z][\w'’-]*) ){1,3})??(?P<kind>"
    + "|".join(f"(?P<kind_{i}>{kind.wordings})" for i, kind in enumerate(PARTNER_KINDS))
    + r")(?![\w-])",
    re.IGNORECASE,
)
# Capitalised words before a kind that are no place's name ("Local NHS trusts", "Key partners").
_NOT_PLACES = frozenset(
    {"the", "local", "our", "other", "all", "key", "new", "these", "those", "both", "each", "its",
     "their", "some", "many", "several", "existing", "relevant", "public", "partner", "partners",
     "and", "with", "through", "by", "of", "for", "from", "including", "such", "as"}
)  # fmt: skip
# A council or authority by its proper name, for the register's resolver to recognise (or not).
_COUNCIL_NAME = re.compile(
    r"\b(?:[A-Z][\w'’-]+ (?:(?:and|upon|on|in|under|le|of) )?){1,5}"
    r"(?:(?:Metropolitan )?Borough |City |County |District )?(?:Council|Combined Authority)\b"
    r"(?!s)"
)

# Cues after which a list of partners follows.
_FOLLOWED_BY_PARTNERS = re.compile(
    r"\bpartners?\b(?: (?:organisations?|bodies|agencies))?,? (?:such as|including|include"
    r"|like|namely)\b"
    r"|\b(?:in )?partnership(?: working)?,?(?: (?:especially|particularly|notably|in particular"
    r"|including))? with\b"
    r"|\b(?:work|works|working|worked)(?: (?:closely|together|jointly|alongside|in partnership))*"
    r" (?:with|through|alongside)\b"
    r"|\bcollaborat\w*(?: working)? with\b|\bin collaboration with\b"
    r"|\b(?:jointly|together) with\b"
    r"|\bjoint (?:\w+ ){0,2}?(?:with|between)\b|\bshared? (?:\w+ ){1,2}?with\b",
    re.IGNORECASE,
)
# Cues that the next words name the body, nothing between: "(through the LEP)", "provided by".
_RIGHT_BEFORE_PARTNER = re.compile(
    r"\bthrough\b|\b(?:provided|delivered|run|supplied|operated) by\b", re.IGNORECASE
)
_COMMISSIONING_CUE = re.compile(
    r"\bcommissioned by\b|\bcommissioners of (?:local )?public services\b", re.IGNORECASE
)
# Cues after a list of partners: "the LEP and other partners", "the CCG as a key partner".
_PRECEDED_BY_PARTNERS = re.compile(
    r"\b(?:and|with) (?:other|our|its|their|all) (?:\w+ ){0,2}?partners\b"
    r"|\b(?:is|are|as) (?:a |an |our |its )?(?:key |main |strategic |local |statutory )?"
    r"partners?\b",
    re.IGNORECASE,
)
# A passage on aligning public services: its commissioning bodies are the council's partners.
_ALIGNMENT = re.compile(
    r"\balign(?:ment|ing|ed|s)?\b[^.;]{0,40}?\bpublic services\b", re.IGNORECASE
)
# What may stand between a cue and a partner, or between two partners of one list.
_LIST_GAP = re.compile(
    r"^(?:[\s,()–-]|\b(?:and|or|as well as|the|our|their|its|other|local|key|especially"
    r"|particularly|notably|in particular|including|such as|both|all|with|also)\b)*$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?;:](?=\s|$)")
# "Clinical Commissioning Groups for health and wellbeing services": the services it is for.
_FOR_SERVICES = re.compile(r"\s+(?:for|of|providing|commissioning|delivering)\s+([^,;.()–]+)")

_CUE_CONFIDENCE = 0.8
_ALIGNMENT_CONFIDENCE = 0.7
_KIND_SERVICE_CONFIDENCE = 0.7


@dataclass(frozen=True)
class NamedBody:
    """A body a passage names, where, and what the reader knows of it."""

    start: int
    end: int
    wording: str
    entity_id: str
    name: str
    commissions: bool
    kind: PartnerKind | None = None
    known: bool = False  # the knowledge base's or the register's: mentioned, never created
    described: bool = False  # named by its kind only ("the LEP"), not by a name of its own


@dataclass(frozen=True)
class Partner:
    body: NamedBody
    quotes: tuple[str, ...]
    confidence: float
    commissioner: bool  # named as a commissioner (by its kind or by the cue)
    subject: str = ""  # what the sentence says it provides or commissions ("X is provided by")


def partner_facts(context: Context, passages: list[Passage]) -> None:
    """Adds the partners each passage names to `context.facts`."""
    own = own_bodies(context)
    by_id = {passage.id: passage for passage in passages}
    for passage in passages:
        parent = by_id.get(passage.parent) if passage.parent else None
        introduction = None
        if passage.kind is PassageKind.BULLET and parent is not None:
            introduction = _list_introduction(parent.text)
        for partner in passage_partners(context, passage, own, introduction is not None):
            _add_partner(context, passage, partner)
            if introduction is not None and parent is not None and context.body_id:
                context.facts.relation(
                    RelationType.MEMBER_OF, context.body_id, partner.body.entity_id, parent,
                    introduction, partner.confidence, role=PARTNER_ROLE,
                )  # fmt: skip


def _list_introduction(text: str) -> str | None:
    """ "We will work closely with:" before a list: the words that make its items partners."""
    stripped = text.rstrip()
    if not stripped.endswith(":"):
        return None
    last = _sentence_of(stripped, len(stripped) - 1)
    cues = list(_FOLLOWED_BY_PARTNERS.finditer(last))
    return last if cues and not last[cues[-1].end() :].strip() else None


def passage_partners(
    context: Context, passage: Passage, own: frozenset[str], listed: bool = False
) -> list[Partner]:
    """The partners one passage names, with the words that say so; never a body of `own`.
    `listed`: the passage is an item of a list of partners, which its first bodies head."""
    text = passage.text
    bodies = [
        b for b in named_bodies(context, text)
        if b.entity_id not in own and not b.entity_id.startswith(f"{context.body_id}:")
    ]  # fmt: skip
    if not bodies:
        return []
    found: dict[str, Partner] = {}
    if listed:
        quote = _sentence_of(text, 0)
        for body in _list_after(text, 0, 0, bodies):
            found[body.entity_id] = Partner(body, (quote,), _CUE_CONFIDENCE, body.commissions)
    for start, end in _sentences(text):
        sentence = text[start:end]
        inside = [b for b in bodies if start <= b.start and b.end <= end]
        for partner in _sentence_partners(sentence, start, inside):
            found.setdefault(partner.body.entity_id, partner)
    alignment = _ALIGNMENT.search(text)
    if alignment is not None:
        cue = _sentence_of(text, alignment.start())
        for body in bodies:
            if body.commissions and body.entity_id not in found:
                quotes = (_sentence_of(text, body.start), cue)
                found[body.entity_id] = Partner(body, quotes, _ALIGNMENT_CONFIDENCE, True)
    return list(found.values())


def _sentence_partners(sentence: str, offset: int, bodies: list[NamedBody]) -> Iterator[Partner]:
    if not bodies:
        return
    ordered = sorted(bodies, key=lambda b: b.start)
    quote = sentence.strip().rstrip(";:,").rstrip()
    for cue in _FOLLOWED_BY_PARTNERS.finditer(sentence):
        for body in _list_after(sentence, offset, cue.end(), ordered):
            yield Partner(body, (quote,), _CUE_CONFIDENCE, body.commissions)
    for cue in _RIGHT_BEFORE_PARTNER.finditer(sentence):
        following = _list_after(sentence, offset, cue.end(), ordered)
        subject = sentence[: cue.start()] if cue.group(0).endswith(" by") else ""
        for body in following[:1]:
            yield Partner(body, (quote,), _CUE_CONFIDENCE, body.commissions, subject)
    for cue in _COMMISSIONING_CUE.finditer(sentence):
        subject = sentence[: cue.start()] if cue.group(0).endswith(" by") else ""
        for body in _list_after(sentence, offset, cue.end(), ordered):
            yield Partner(body, (quote,), _CUE_CONFIDENCE, True, subject)
    for cue in _PRECEDED_BY_PARTNERS.finditer(sentence):
        for body in _list_before(sentence, offset, cue.start(), ordered):
            yield Partner(body, (quote,), _CUE_CONFIDENCE, body.commissions)


def _list_after(
    sentence: str, offset: int, position: int, ordered: list[NamedBody]
) -> list[NamedBody]:
    """The bodies that follow `position` as one list: only list words between them."""
    listed: list[NamedBody] = []
    for body in ordered:
        start = body.start - offset
        if start < position:
            continue
        if not _LIST_GAP.match(sentence[position:start]):
            break
        listed.append(body)
        position = body.end - offset
    return listed


def _list_before(
    sentence: str, offset: int, position: int, ordered: list[NamedBody]
) -> list[NamedBody]:
    listed: list[NamedBody] = []
    for body in reversed(ordered):
        end = body.end - offset
        if end > position:
            continue
        if not _LIST_GAP.match(sentence[end:position]):
            break
        listed.append(body)
        position = body.start - offset
    return listed


def named_bodies(context: Context, text: str) -> list[NamedBody]:
    """The bodies the text names, longest first where they overlap; a body the reader knows by
    name before one it knows by its kind only."""
    candidates = [
        *_known_bodies(context, text),
        *_defined_bodies(context, text),
        *_register_bodies(context, text),
        *_kind_bodies(context, text),
    ]
    kept: list[NamedBody] = []
    for body in sorted(candidates, key=lambda b: (b.kind is not None, b.start - b.end, b.start)):
        if all(body.end <= other.start or body.start >= other.end for other in kept):
            kept.append(body)
    return sorted(kept, key=lambda b: b.start)


def _known_bodies(context: Context, text: str) -> Iterator[NamedBody]:
    gazetteer = context.gazetteer
    for known, wording in gazetteer.find(text, context.scope, context.document.id):
        if known.entity_type is not EntityType.BODY:
            continue
        entity = gazetteer.entities.get(known.entity_id)
        described = str(entity.properties.get("kind", "")) if entity is not None else ""
        named_kind = _KIND_PATTERN.fullmatch(wording)
        kind = _kind_of(named_kind) if named_kind is not None else None
        commissions = "commission" in f"{known.name} {described}".lower()
        for match in _occurrences(wording, text, re.IGNORECASE):
            yield NamedBody(
                match.start(), match.end(), match.group(0), known.entity_id, known.name,
                commissions or (kind is not None and kind.commissions), kind, known=True,
            )  # fmt: skip


def _defined_bodies(context: Context, text: str) -> Iterator[NamedBody]:
    """Bodies the document defines itself ("West Midlands Combined Authority (WMCA)")."""
    for entity in list(context.facts.entities.values()):
        if entity.type is not EntityType.BODY:
            continue
        for wording in {entity.name, *entity.aliases}:
            flags = 0 if wording.isupper() else re.IGNORECASE
            for match in _occurrences(wording, text, flags):
                commissions = "commission" in entity.name.lower()
                yield NamedBody(
                    match.start(), match.end(), match.group(0), entity.id, entity.name, commissions
                )


def _register_bodies(context: Context, text: str) -> Iterator[NamedBody]:
    """Councils by their proper names, when the register (or the knowledge base) knows them."""
    for match in _COUNCIL_NAME.finditer(text):
        name = match.group(0)
        body_id, known_name = None, name
        if context.resolver is not None:
            found = context.resolver.resolve(name=name, on=context.metadata.date)
            if found.body_id is not None:
                body_id = found.body_id
                known_name = found.candidates[0].name if found.candidates else name
        if body_id is None:
            body_id = context.gazetteer.resolve(EntityType.BODY, name, None)
        if body_id is not None:
            yield NamedBody(
                match.start(), match.end(), name, body_id, known_name, False, known=True
            )


def _kind_bodies(context: Context, text: str) -> Iterator[NamedBody]:
    """Bodies named by their kind: "the LEP", or with their place, "Cheshire Constabulary"."""
    for match in _KIND_PATTERN.finditer(text):
        kind = _kind_of(match)
        start = _place_start(match)
        wording = text[start : match.end()]
        known = _known_of_kind(context, kind, wording)
        if known is not None:
            yield NamedBody(
                start, match.end(), wording, known, kind.name, kind.commissions, kind, True
            )
        elif start < match.start("kind"):  # a body with a name of its own
            entity_id = context.id_for(EntityType.BODY, wording)
            yield NamedBody(start, match.end(), wording, entity_id, wording, kind.commissions, kind)
        else:
            owner = context.facts.entities.get(context.body_id or "")
            name = f"{kind.name} ({owner.name}'s area)" if owner is not None else kind.name
            entity_id = f"body:{kind.stem}-of-{context.scope}"
            yield NamedBody(
                start, match.end(), wording, entity_id, name, kind.commissions, kind,
                described=True,
            )  # fmt: skip


def _place_start(match: re.Match[str]) -> int:
    """Where the body's name starts: at its place's name, else at its kind."""
    place = match.group("place")
    if not place:
        return match.start("kind")
    words = place.split()
    stops = [i for i, word in enumerate(words) if word.lower() in _NOT_PLACES]
    kept = words[stops[-1] + 1 :] if stops else words
    if not kept:
        return match.start("kind")
    return match.start("kind") - len(" ".join(kept)) - 1


def _kind_of(match: re.Match[str]) -> PartnerKind:
    return next(
        PARTNER_KINDS[int(group[5:])]
        for group, value in match.groupdict().items()
        if value and group.startswith("kind_")
    )


def _known_of_kind(context: Context, kind: PartnerKind, wording: str) -> str | None:
    """The knowledge base's body of this kind for the document's body, by any of its names."""
    bare = re.sub(r"^the\s+", "", wording, flags=re.IGNORECASE)
    singular, plural = re.sub(r"s$", "", bare), bare if bare.endswith("s") else f"{bare}s"
    for name in dict.fromkeys((bare, singular, plural, kind.name, kind.acronym or kind.name)):
        known = context.gazetteer.same_as(EntityType.BODY, name, context.scope, context.document.id)
        if known is not None:
            return known.entity_id
    return None


def own_bodies(context: Context) -> frozenset[str]:
    """The document's body and its own units (`body:<body>:<unit>` ids aside): the bodies the
    knowledge base or the document says are part of it."""
    own = context.body_id
    if own is None:
        return frozenset()
    relations = [*context.gazetteer.relations, *context.facts.relations.values()]
    units = {
        r.source
        for r in relations
        if r.type is RelationType.SUB_ORGANIZATION_OF and r.target == own
    }
    return frozenset({own, *units})


def _add_partner(context: Context, passage: Passage, partner: Partner) -> None:
    body = partner.body
    facts = context.facts
    if body.known:
        facts.mention(passage, EntityType.BODY, body.entity_id, body.name, body.wording, 0.9)
    else:
        facts.entity(
            EntityType.BODY, body.entity_id, body.name, passage, body.wording,
            partner.confidence, kind=body.kind.name.lower() if body.kind else None,
            named_in_document=False if body.described else None,
        )  # fmt: skip
        if body.kind is not None and body.described:
            bare = re.sub(r"^the\s+", "", body.wording, flags=re.IGNORECASE)
            _add_aliases(context, body.entity_id, body.kind.name, bare)
    if context.body_id is not None:
        for quote in partner.quotes:
            facts.relation(
                RelationType.MEMBER_OF, context.body_id, body.entity_id, passage, quote,
                partner.confidence, role=PARTNER_ROLE,
            )  # fmt: skip
    role = COMMISSIONER_ROLE if partner.commissioner else PROVIDER_ROLE
    for service_id, wording, confidence in _services(context, passage.text, partner):
        facts.relation(
            RelationType.PROVIDES, body.entity_id, service_id, passage,
            _sentence_of(passage.text, body.start), min(confidence, partner.confidence),
            role=role, wording=wording,
        )  # fmt: skip


def _add_aliases(context: Context, entity_id: str, *aliases: str) -> None:
    """A body of a kind goes by its kind's name and by the document's words for it."""
    entity = context.facts.entities[entity_id]
    added = [a for a in dict.fromkeys(aliases) if a != entity.name and a not in entity.aliases]
    if added:
        context.facts.entities[entity_id] = entity.model_copy(
            update={"aliases": [*entity.aliases, *added]}
        )


def _services(context: Context, text: str, partner: Partner) -> list[tuple[str, str, float]]:
    """The services the passage names in the body's name, right after it ("... for health and
    wellbeing services") or as what it provides ("Domiciliary care is provided by ..."), else
    the one its kind provides when the vocabulary has it."""
    gazetteer = context.gazetteer
    body = partner.body
    found: dict[str, tuple[str, str, float]] = {}
    for known, wording in _services_within(context, body.wording):
        found.setdefault(known.entity_id, (known.entity_id, wording, _CUE_CONFIDENCE))
    following = _FOR_SERVICES.match(text, body.end)
    named = [following.group(1)] if following is not None else []
    for words in [*named, partner.subject]:
        for known, wording in gazetteer.find(words, context.scope):
            if known.entity_type is EntityType.SERVICE:
                found.setdefault(known.entity_id, (known.entity_id, wording, _CUE_CONFIDENCE))
    kind_service = body.kind.service if body.kind is not None else None
    if not found and kind_service is not None and kind_service in gazetteer.entities:
        found[kind_service] = (kind_service, body.wording, _KIND_SERVICE_CONFIDENCE)
    return list(found.values())


def _services_within(context: Context, name: str) -> list[tuple[KnownName, str]]:
    """The services a body's own name names ("Police and Crime Commissioners": policing), the
    longest where two overlap: the gazetteer's own scan would read the body's name instead."""
    found = [
        (known, match)
        for known in context.gazetteer.names
        if known.entity_type is EntityType.SERVICE
        for match in _occurrences(known.wording, name, re.IGNORECASE)
        if " " in known.wording or match.group(0)[:1].isupper()
    ]
    return [
        (known, match.group(0))
        for known, match in found
        if not any(
            other.start() <= match.start()
            and match.end() <= other.end()
            and other.end() - other.start() > match.end() - match.start()
            for _, other in found
        )
    ]


def _occurrences(wording: str, text: str, flags: int) -> Iterator[re.Match[str]]:
    return re.finditer(rf"(?<![\w-]){re.escape(wording)}(?![\w-])", text, flags)


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for end in _SENTENCE_END.finditer(text):
        yield start, end.end()
        start = end.end()
    if start < len(text):
        yield start, len(text)


def _sentence_of(text: str, position: int) -> str:
    """The sentence holding `position`, as the passage words it (the evidence's quote)."""
    for start, end in _sentences(text):
        if start <= position < end:
            return text[start:end].strip().rstrip(";:,").rstrip()
    return text.strip()

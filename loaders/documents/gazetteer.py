"""Known names: the entities a document may mention, with every name and alias they go by; and the
curated documents, so that a text a curated file encodes is read as that same Document.

Built from curated files (the service vocabulary in `data/vocabulary/`, the curated knowledge base
in `data/seed/`) without touching the graph, so that reading a document needs no database. Posts,
committees, portfolios, partnership groups and change events are body-specific ("Leader of the
Council" of which council?), so they are matched only in documents of their own body: the body
their id names, or the body of the curated document that states them. A body the curated file
describes rather than names ("the LEP", one a document leaves unnamed) is matched the same way,
within its own document's body only; bodies with a name of their own are matched anywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from graph.model import Document, Entity, EntityType, Relation
from loaders.curated import looks_curated, read_curated
from loaders.documents.overrides import MergeOverrides, read_overrides
from loaders.issues import LoadRejected

GLOBAL_TYPES = frozenset({EntityType.SERVICE, EntityType.BODY, EntityType.PERSON})
SCOPED_TYPES = frozenset(
    {EntityType.POST, EntityType.COMMITTEE, EntityType.PORTFOLIO, EntityType.PARTNERSHIP_GROUP}
)
# What an extracted fact may restate, compared by body and normalised name (`title_key`).
MERGED_TYPES = SCOPED_TYPES | {EntityType.CHANGE_EVENT, EntityType.BODY}
_MIN_NAME = 4
# Bodies are matched by distinctive names only: "the Council" names every council.
_GENERIC_BODY_WORDS = frozenset(
    {
        "council",
        "the council",
        "city council",
        "the city council",
        "county council",
        "borough council",
        "authority",
        "cabinet",
    }
)


# After a possessive name: "'s and Adults' social care" -> the shared head noun, "social care".
_POSSESSIVE_PAIR = re.compile(
    r"['’]s?\s+and\s+[\w-]+(?:['’]s?)?\s+([A-Za-z][\w-]*(?:[ ][A-Za-z][\w-]*){0,3})"
)


@dataclass(frozen=True)
class KnownName:
    entity_id: str
    entity_type: EntityType
    name: str  # the entity's canonical name
    wording: str  # the name or alias that matched
    scope: str | None  # the body slug a scoped entity belongs to (from its id)
    home: str | None = None  # the body slug of the curated document stating it
    document: str | None = None  # the curated document stating it
    local: bool = False  # a body described, not named: matched within its home only

    def in_scope(self, body_slug: str | None, document_id: str | None = None) -> bool:
        """Whether a document of this body (and id) may mean this entity by this wording."""
        if self.scope is None and not self.local:
            return True
        if document_id is not None and document_id == self.document:
            return True
        return body_slug is not None and body_slug in (self.scope, self.home)


@dataclass(frozen=True)
class CuratedMatch:
    """The curated Document a text is the source of; `same_text` is False for a changed text."""

    document: Document
    same_text: bool


@dataclass
class Gazetteer:
    names: list[KnownName] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    # Every name and alias of what an extracted fact may restate, with its body (`same_as`).
    titles: list[KnownName] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    overrides: MergeOverrides = field(default_factory=MergeOverrides)
    _pattern: re.Pattern[str] | None = None
    _by_wording: dict[str, list[KnownName]] | None = None
    _by_name_key: dict[str, list[KnownName]] | None = None

    def add(self, entity: Entity, stated_in: Document | None = None) -> None:
        """A known entity, and the curated document stating it (whose body is its home)."""
        if entity.status.value == "alternative":
            return
        self.entities.setdefault(entity.id, entity)
        home = stated_in.body.split(":", 1)[1] if stated_in and stated_in.body else None
        document = stated_in.id if stated_in else None
        parts = entity.id.split(":")
        scoped = entity.type in SCOPED_TYPES or entity.type is EntityType.CHANGE_EVENT
        scope = parts[1] if scoped or (entity.type is EntityType.BODY and len(parts) > 2) else None
        if entity.type in MERGED_TYPES:
            for wording in {entity.name, *entity.aliases}:
                local = entity.type is EntityType.BODY and _described(entity, wording)
                self.titles.append(
                    KnownName(entity.id, entity.type, entity.name, wording, scope,
                              home, document, local or scoped)
                )  # fmt: skip
        if entity.type not in GLOBAL_TYPES | SCOPED_TYPES:
            return
        for wording in {entity.name, *entity.aliases}:
            if entity.type is EntityType.BODY and not _distinctive(wording):
                continue
            if len(wording) >= _MIN_NAME and "(" not in wording:
                local = entity.type is EntityType.BODY and _described(entity, wording)
                self.names.append(
                    KnownName(entity.id, entity.type, entity.name, wording, scope,
                              home, document, local)
                )  # fmt: skip
        self._pattern = None
        self._by_wording = None
        self._by_name_key = None

    def add_document(self, document: Document) -> None:
        if document.source_file or document.checksum:
            self.documents.append(document)

    def curated_document(self, file_name: str, checksum: str) -> CuratedMatch | None:
        """The curated Document whose recorded checksum is the text's, else the one whose
        `source_file` has the text's file name (the same text unless it records another
        checksum)."""
        for document in self.documents:
            if document.checksum == checksum:
                return CuratedMatch(document, same_text=True)
        name = Path(file_name).name
        for document in self.documents:
            if document.source_file and Path(document.source_file).name == name:
                return CuratedMatch(document, same_text=document.checksum is None)
        return None

    def service(self, wording: str) -> KnownName | None:
        lowered = wording.lower()
        return next(
            (k for k in self.names
             if k.entity_type is EntityType.SERVICE and k.wording.lower() == lowered),
            None,
        )  # fmt: skip

    def resolve(
        self, entity_type: EntityType, name: str, scope: str | None, document: str | None = None
    ) -> str | None:
        """The id of the known entity of this type (and body) that goes by this name: one of
        the body's own first, then one its document states, then one known anywhere."""
        wanted = _name_key(name)
        found = [
            known
            for known in self.names
            if known.entity_type is entity_type
            and known.in_scope(scope, document)
            and _name_key(known.wording) == wanted
        ]
        own = [k for k in found if scope is not None and k.scope == scope]
        stated = [k for k in found if document is not None and k.document == document]
        best = own or stated or found
        return best[0].entity_id if best else None

    def same_as(
        self, entity_type: EntityType, name: str, scope: str | None, document: str | None
    ) -> KnownName | None:
        """The one known entity of this type that a document of this body names by a name
        equal to this one once normalised (`title_key`): "Head of Service, Independent Living"
        is "Head of Service, Independent Living (Cheshire East Council)" of Cheshire East. Own
        body first (the document's, then its body's), then a named body anywhere."""
        wanted = title_key(name)
        if not wanted:
            return None
        found = [
            known
            for known in self.titles
            if known.entity_type is entity_type
            and known.in_scope(scope, document)
            and title_key(known.wording) == wanted
        ]
        for rank in (
            lambda k: k.document == document,
            lambda k: scope is not None and scope in (k.scope, k.home),
            lambda k: True,
        ):
            ids = {known.entity_id: known for known in found if rank(known)}
            if len(ids) == 1:
                return next(iter(ids.values()))
            if len(ids) > 1:
                return None  # two known entities answer: no guess
        return None

    def find(
        self, text: str, body_slug: str | None, document: str | None = None
    ) -> list[tuple[KnownName, str]]:
        """Every known name in the text (longest first, no overlaps), for this body."""
        by_wording = self.by_wording
        found: list[tuple[KnownName, str]] = []
        for match in self.pattern.finditer(text):
            words = match.group(0)
            candidates = [
                k for k in by_wording.get(words.lower(), []) if k.in_scope(body_slug, document)
            ]
            if not candidates or not _case_fits(words, candidates[0].wording):
                continue
            candidates = _own_first(candidates, body_slug, document)
            shared = self._shared_head(text, match, body_slug)
            if shared is not None:
                candidates, words = shared
            found.extend((known, words) for known in candidates)
        return found

    def _shared_head(
        self, text: str, match: re.Match[str], body_slug: str | None
    ) -> tuple[list[KnownName], str] | None:
        """A one-word name in the possessive, coordinated with another ("Children's and Adults'
        social care"), shares the noun that follows the pair: when "Children's social care" is a
        known name, that is what the passage names, not "Children" alone."""
        if " " in match.group(0):
            return None
        ellipsis = _POSSESSIVE_PAIR.match(text, match.end())
        if ellipsis is None:
            return None
        head = ellipsis.group(1).split()
        for size in range(len(head), 0, -1):
            key = _name_key(f"{match.group(0)}'s {' '.join(head[:size])}")
            candidates = [k for k in self.by_name_key.get(key, []) if k.in_scope(body_slug)]
            if candidates:
                end = ellipsis.start(1) + len(" ".join(head[:size]))
                return candidates, text[match.start() : end]
        return None

    @property
    def by_name_key(self) -> dict[str, list[KnownName]]:
        if self._by_name_key is None:
            self._by_name_key = {}
            for known in self.names:
                self._by_name_key.setdefault(_name_key(known.wording), []).append(known)
        return self._by_name_key

    @property
    def by_wording(self) -> dict[str, list[KnownName]]:
        if self._by_wording is None:
            self._by_wording = {}
            for known in self.names:
                self._by_wording.setdefault(known.wording.lower(), []).append(known)
        return self._by_wording

    @property
    def pattern(self) -> re.Pattern[str]:
        if self._pattern is None:
            wordings = sorted({k.wording for k in self.names}, key=len, reverse=True)
            alternatives = "|".join(re.escape(w) for w in wordings) or "(?!x)x"
            self._pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)
        return self._pattern


def _name_key(name: str) -> str:
    return " ".join(name.lower().replace("&", " and ").replace("’", "'").split())


# "(Cheshire East Council)", ", Birmingham City Council": the body a curated name adds.
_BODY_SUFFIX = re.compile(r"\s*\([^()]*\)\s*$|,\s+[^,()]*\b(?:Council|Authority)\s*$")
_TITLE_STOP_WORDS = frozenset({"the", "of"})


def title_key(name: str) -> str:
    """A name as compared within one body: without the body a curated name adds, case, "&",
    punctuation, "the" and "of" ("Director of Regulation and Enforcement" is "Director
    Regulation & Enforcement, Birmingham City Council")."""
    text = _BODY_SUFFIX.sub("", name.replace("’", "'"))
    words = re.split(r"[^a-z0-9']+", text.lower().replace("&", " and "))
    return " ".join(w for w in words if w and w not in _TITLE_STOP_WORDS)


def _described(entity: Entity, wording: str) -> bool:
    """A body the curated file describes rather than names: one it says the document leaves
    unnamed, or a wording that is a description ("the LEP", "the University")."""
    return "of-document" in entity.id or wording.lower().startswith("the ")


def _own_first(
    candidates: list[KnownName], body_slug: str | None, document: str | None
) -> list[KnownName]:
    """Where a wording names entities of the document's own body and others, only its own."""
    own = [
        k
        for k in candidates
        if (document is not None and k.document == document)
        or (body_slug is not None and body_slug in (k.scope, k.home) and k.local)
    ]
    return own or candidates


def _distinctive(wording: str) -> bool:
    return wording.lower() not in _GENERIC_BODY_WORDS and (" " in wording or wording.isupper())


def _case_fits(found: str, wording: str) -> bool:
    """A one-word name must keep its capital ("Libraries", not "libraries" in passing)."""
    if " " in wording:
        return True
    return found[:1].isupper() or not wording[:1].isupper()


def gazetteer_from(paths: list[Path]) -> Gazetteer:
    gazetteer = Gazetteer()
    for directory in paths:
        if not directory.is_dir():
            continue
        for path in sorted(directory.rglob("*")):
            if not path.is_file() or not looks_curated(path):
                continue
            try:
                for source in read_curated(path).sources:
                    gazetteer.add_document(source.document)
                    for entity in source.entities:
                        gazetteer.add(entity, source.document)
                    gazetteer.relations += source.relations
            except LoadRejected:
                continue  # an invalid curated file is reported when it is loaded itself
    return gazetteer


def gazetteer_for(data_dir: Path) -> Gazetteer:
    """The names of a knowledge base: its service vocabulary and its curated seed, with the
    merges its override file forbids."""
    gazetteer = gazetteer_from([data_dir / "vocabulary", data_dir / "seed"])
    gazetteer.overrides = read_overrides(data_dir)
    return gazetteer


@cache
def vocabulary_gazetteer(data_dir: Path) -> Gazetteer:
    return gazetteer_from([data_dir / "vocabulary"])

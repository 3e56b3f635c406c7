"""Known names: the entities a document may mention, with every name and alias they go by; and the
curated documents, so that a text a curated file encodes is read as that same Document.

Built from curated files (the service vocabulary in `data/vocabulary/`, the curated knowledge base
in `data/seed/`) without touching the graph, so that reading a document needs no database. Posts,
committees and portfolios are body-specific ("Leader of the Council" of which council?), so they
are matched only in documents of their own body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from graph.model import Document, Entity, EntityType
from loaders.curated import looks_curated, read_curated
from loaders.issues import LoadRejected

GLOBAL_TYPES = frozenset({EntityType.SERVICE, EntityType.BODY, EntityType.PERSON})
SCOPED_TYPES = frozenset(
    {EntityType.POST, EntityType.COMMITTEE, EntityType.PORTFOLIO, EntityType.PARTNERSHIP_GROUP}
)
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
    scope: str | None  # the body slug a scoped entity belongs to


@dataclass(frozen=True)
class CuratedMatch:
    """The curated Document a text is the source of; `same_text` is False for a changed text."""

    document: Document
    same_text: bool


@dataclass
class Gazetteer:
    names: list[KnownName] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    _pattern: re.Pattern[str] | None = None
    _by_wording: dict[str, list[KnownName]] | None = None
    _by_name_key: dict[str, list[KnownName]] | None = None

    def add(self, entity: Entity) -> None:
        if entity.type not in GLOBAL_TYPES | SCOPED_TYPES or entity.status.value == "alternative":
            return
        if entity.type is EntityType.BODY and "of-document" in entity.id:
            return  # a body the document leaves unnamed is no name to find elsewhere
        scope = entity.id.split(":")[1] if entity.type in SCOPED_TYPES else None
        for wording in {entity.name, *entity.aliases}:
            if entity.type is EntityType.BODY and not _distinctive(wording):
                continue
            if len(wording) >= _MIN_NAME and "(" not in wording:
                self.names.append(KnownName(entity.id, entity.type, entity.name, wording, scope))
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

    def resolve(self, entity_type: EntityType, name: str, scope: str | None) -> str | None:
        """The id of the known entity of this type (and body) that goes by this name."""
        wanted = _name_key(name)
        for known in self.names:
            same_body = known.scope is None or known.scope == scope
            if (
                known.entity_type is entity_type
                and same_body
                and _name_key(known.wording) == wanted
            ):
                return known.entity_id
        return None

    def find(self, text: str, body_slug: str | None) -> list[tuple[KnownName, str]]:
        """Every known name in the text (longest first, no overlaps), for this body."""
        by_wording = self.by_wording
        found: list[tuple[KnownName, str]] = []
        for match in self.pattern.finditer(text):
            words = match.group(0)
            candidates = [
                k
                for k in by_wording.get(words.lower(), [])
                if k.scope is None or k.scope == body_slug
            ]
            if not candidates or not _case_fits(words, candidates[0].wording):
                continue
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
            candidates = [
                k for k in self.by_name_key.get(key, []) if k.scope is None or k.scope == body_slug
            ]
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
                        gazetteer.add(entity)
            except LoadRejected:
                continue  # an invalid curated file is reported when it is loaded itself
    return gazetteer


def gazetteer_for(data_dir: Path) -> Gazetteer:
    """The names of a knowledge base: its service vocabulary and its curated seed."""
    return gazetteer_from([data_dir / "vocabulary", data_dir / "seed"])


@cache
def vocabulary_gazetteer(data_dir: Path) -> Gazetteer:
    return gazetteer_from([data_dir / "vocabulary"])

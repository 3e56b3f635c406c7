"""The reader contract: what every reader is, takes and gives back.

A `Reader` has a name, says whether it claims a file (its extension and first bytes), and reads
it: `read(path, ctx) -> ReadResult(sources, issues)`. A file it cannot read at all raises
`LoadRejected`; a row or element it leaves out, or keeps with something ignored, is an issue of
the result while the rest of the file loads. Everything readers share comes in the `ReadContext`,
built once per load (`loaders.readers.read_context`), never fetched by a reader itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from graph.model import SourceRecords
from loaders.issues import LoadIssue, Severity

if TYPE_CHECKING:
    from loaders.body_resolution import KnownBodies
    from loaders.documents.gazetteer import Gazetteer
    from loaders.formats.services import ServiceMatcher


@dataclass(frozen=True)
class ReadContext:
    """What every reader may use: the knowledge base's location, the service vocabulary (for
    linking what a file covers), the gazetteer of known names (for reading documents), and the
    register's bodies with their resolver (which council a file is from: `bodies.choose`), and
    the body given for the load's files, if any (`with_body`)."""

    data_dir: Path
    services: ServiceMatcher
    gazetteer: Gazetteer
    bodies: KnownBodies

    @property
    def body(self) -> str | None:
        """The id given for the load's files (`civicgraph load --body ID`), or None."""
        return self.bodies.given

    def with_body(self, body_id: str | None) -> ReadContext:
        """This context, with each file's own body taken to be `body_id` (None: resolved as
        usual). Every reader asking `bodies.choose` for its file's body gets that id."""
        if body_id is None:
            return self
        return replace(self, bodies=self.bodies.settled(body_id))


@dataclass
class ReadResult:
    """What one reader made of one file: the sources to write and what it left out or noted."""

    sources: list[SourceRecords] = field(default_factory=list)
    issues: list[LoadIssue] = field(default_factory=list)

    @property
    def rejected(self) -> list[LoadIssue]:
        return [issue for issue in self.issues if issue.severity is Severity.REJECTED]

    def extend(self, other: ReadResult) -> None:
        self.sources += other.sources
        self.issues += other.issues


@dataclass(frozen=True)
class Reader:
    name: str
    description: str
    claims: Callable[[Path, bytes], bool]  # (the file, its first HEAD_BYTES)
    read: Callable[[Path, ReadContext], ReadResult]


HEAD_BYTES = 8192


def head(path: Path) -> bytes:
    """The first bytes of a file, for `claims` (empty when it cannot be read)."""
    try:
        with path.open("rb") as handle:
            return handle.read(HEAD_BYTES)
    except OSError:
        return b""

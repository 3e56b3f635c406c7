"""The open formats as readers for `civicgraph load`: name, read, claims, description.

Each reader here reads a whole file before anything is written. A row or element it cannot use is
left out and reported (logged as a warning: file, row or element, column, reason), while the rest
of the file loads; a file it cannot read at all is rejected with a `LoadIssue`, like any other.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

from graph.model import SourceRecords
from loaders.curated import display_path
from loaders.formats.common import FormatError, ReadResult
from loaders.formats.moderngov import looks_like_moderngov, read_moderngov
from loaders.formats.organogram import looks_like_organogram, read_organogram_file
from loaders.formats.popolo import claims_popolo, read_popolo
from loaders.formats.services import ServiceMatcher
from loaders.formats.transparency import looks_like_transparency, read_transparency
from loaders.issues import LoadIssue, LoadRejected

log = logging.getLogger("civicgraph.load")
VOCABULARY = Path(__file__).resolve().parents[2] / "data" / "vocabulary"
HEAD_BYTES = 8192

FormatReader = Callable[[Path, ServiceMatcher], ReadResult]


@cache
def vocabulary_services() -> ServiceMatcher:
    """The canonical services, for linking; the load checks that they are in the graph."""
    return ServiceMatcher.from_vocabulary(VOCABULARY) if VOCABULARY.is_dir() else ServiceMatcher()


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(HEAD_BYTES)
    except OSError:
        return b""


def _claims(suffixes: tuple[str, ...], test: Callable[[bytes], bool]) -> Callable[[Path], bool]:
    def claims(path: Path) -> bool:
        return path.suffix.lower() in suffixes and test(_head(path))

    return claims


def _as_reader(read: FormatReader) -> Callable[[Path], Iterator[SourceRecords]]:
    def reader(path: Path) -> Iterator[SourceRecords]:
        try:
            result = read(path, vocabulary_services())
        except FormatError as error:
            raise LoadRejected([LoadIssue(display_path(path), None, error.detail)]) from error
        for problem in result.problems:
            log.warning("%s", problem)
        yield from result.sources

    return reader


ReaderEntry = tuple[str, Callable[[Path], Iterator[SourceRecords]], Callable[[Path], bool], str]


def open_format_readers() -> list[ReaderEntry]:
    """(name, read, claims, description) for each open format, in the order they are asked."""
    return [
        (
            "popolo",
            _as_reader(lambda p, s: read_popolo(p, services=s)),
            lambda path: path.suffix.lower() == ".json" and claims_popolo(path),
            "Popolo JSON: persons, organizations, posts, memberships, areas, events",
        ),
        (
            "organogram",
            _as_reader(lambda p, s: read_organogram_file(p, services=s)),
            _claims((".csv",), looks_like_organogram),
            "UK organogram CSV pair (senior + junior beside it)",
        ),
        (
            "transparency",
            _as_reader(lambda p, s: read_transparency(p, services=s)),
            _claims((".csv",), looks_like_transparency),
            "Transparency Code organisation chart or senior salaries CSV",
        ),
        (
            "moderngov",
            _as_reader(lambda p, s: read_moderngov(p, services=s)),
            _claims((".xml",), looks_like_moderngov),
            "ModernGov XML: GetCouncillorsByWard, GetCommittees, GetMeetings, GetMeeting",
        ),
    ]

"""Every reader the loader knows, in the order they are asked whether they claim a file, and
the reading of a load's paths with them.

`--format NAME` forces one reader. Directories are read recursively, in sorted order, taking the
files some reader claims. The `ReadContext` readers share is built here, once per load.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path

from graph.settings import Settings
from loaders.body_resolution import register_bodies
from loaders.curated import looks_curated, read_curated
from loaders.documents.gazetteer import gazetteer_for
from loaders.documents.reader import claims_document, read_document_file
from loaders.formats.moderngov import looks_like_moderngov, read_moderngov
from loaders.formats.organogram import looks_like_organogram, read_organogram_file
from loaders.formats.popolo import claims_popolo, read_popolo
from loaders.formats.services import ServiceMatcher
from loaders.formats.transparency import looks_like_transparency, read_transparency
from loaders.issues import LoadIssue, LoadRejected, display_path
from loaders.reading import ReadContext, Reader, ReadResult, head
from loaders.register import records as register

READERS: tuple[Reader, ...] = (
    Reader(
        register.FORMAT_NAME,
        register.DESCRIPTION,
        lambda path, _: register.claims_register(path),
        lambda path, _: ReadResult(list(register.read_register(path))),
    ),
    Reader(
        "curated",
        "the project's curated YAML/JSON (CuratedFile)",
        lambda path, _: looks_curated(path),
        lambda path, _: read_curated(path),
    ),
    Reader(
        "document",
        "council reports as text or PDF: passages, repaired text, extracted facts",
        lambda path, _: claims_document(path),
        lambda path, ctx: ReadResult(
            [read_document_file(path, gazetteer=ctx.gazetteer, bodies=ctx.bodies)]
        ),
    ),
    Reader(
        "popolo",
        "Popolo JSON: persons, organizations, posts, memberships, areas, events",
        lambda path, _: path.suffix.lower() == ".json" and claims_popolo(path),
        lambda path, ctx: read_popolo(path, services=ctx.services, bodies=ctx.bodies),
    ),
    Reader(
        "organogram",
        "UK organogram CSV pair (senior + junior beside it)",
        lambda path, data: path.suffix.lower() == ".csv" and looks_like_organogram(data),
        lambda path, ctx: read_organogram_file(path, services=ctx.services, bodies=ctx.bodies),
    ),
    Reader(
        "transparency",
        "Transparency Code organisation chart or senior salaries CSV",
        lambda path, data: path.suffix.lower() == ".csv" and looks_like_transparency(data),
        lambda path, ctx: read_transparency(path, services=ctx.services, bodies=ctx.bodies),
    ),
    Reader(
        "moderngov",
        "ModernGov XML: GetCouncillorsByWard, GetCommittees, GetMeetings, GetMeeting",
        lambda path, data: path.suffix.lower() == ".xml" and looks_like_moderngov(data),
        lambda path, ctx: read_moderngov(path, services=ctx.services, bodies=ctx.bodies),
    ),
)
_BY_NAME = {reader.name: reader for reader in READERS}


def read_context(settings: Settings) -> ReadContext:
    """What readers share, from the knowledge base in `settings.data_dir`."""
    return _context(settings.data_dir.resolve())


@cache
def _context(data_dir: Path) -> ReadContext:
    vocabulary = data_dir / "vocabulary"
    services = ServiceMatcher.from_vocabulary(vocabulary) if vocabulary.is_dir() else None
    return ReadContext(
        data_dir, services or ServiceMatcher(), gazetteer_for(data_dir), register_bodies()
    )


def reader_names() -> list[str]:
    return list(_BY_NAME)


def reader_for(path: Path, format_name: str | None = None) -> Reader | None:
    if format_name is not None:
        return _BY_NAME[format_name]
    data = head(path)
    return next((reader for reader in READERS if reader.claims(path, data)), None)


def expand_paths(paths: Iterable[Path], format_name: str | None = None) -> Iterator[Path]:
    """Named files as they are; directories as the files within that a reader claims."""
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if not child.name.startswith(".") and reader_for(child, format_name) is not None:
                    yield child
        else:
            yield path


def read_paths(
    paths: Sequence[Path], ctx: ReadContext, format_name: str | None = None
) -> tuple[ReadResult, list[LoadIssue]]:
    """Reads every file: what was read (with the rows it left out and its notes), and the
    issues of the files that could not be read, which reject the load."""
    if format_name is not None and format_name not in _BY_NAME:
        known = ", ".join(_BY_NAME)
        raise LoadRejected([LoadIssue(format_name, None, f"unknown format (known: {known})")])
    result = ReadResult()
    rejected: list[LoadIssue] = []
    for path in expand_paths(paths, format_name):
        if not path.exists():
            rejected.append(LoadIssue(display_path(path), None, "does not exist"))
            continue
        reader = reader_for(path, format_name)
        if reader is None:
            reason = f"no reader takes this file (formats: {', '.join(_BY_NAME)})"
            rejected.append(LoadIssue(display_path(path), None, reason))
            continue
        try:
            result.extend(reader.read(path, ctx))
        except LoadRejected as error:
            rejected.extend(error.issues)
    return result, rejected

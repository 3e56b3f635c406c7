"""The readers the loader knows, and which one reads a given file.

A reader is a function `Path -> Iterator[SourceRecords]` that raises `LoadRejected` with every
problem it found in the file. Each registers a name and a `claims(path)` test (extension and a
peek at the content); `--format NAME` forces one. Directories are read recursively, in sorted
order, taking the files some reader claims.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from graph.model import SourceRecords
from loaders.curated import display_path, looks_curated, read_curated
from loaders.documents import registry as documents
from loaders.formats.registry import open_format_readers
from loaders.issues import LoadIssue, LoadRejected

Reader = Callable[[Path], Iterator[SourceRecords]]


@dataclass(frozen=True)
class ReaderSpec:
    name: str
    read: Reader
    claims: Callable[[Path], bool]
    description: str


_READERS: dict[str, ReaderSpec] = {}


def register_reader(
    name: str, read: Reader, claims: Callable[[Path], bool], description: str = ""
) -> None:
    """Adds a format. Readers registered earlier are asked first whether they claim a file."""
    _READERS[name] = ReaderSpec(name, read, claims, description)


def reader_names() -> list[str]:
    return list(_READERS)


def reader_for(path: Path, format_name: str | None = None) -> ReaderSpec | None:
    if format_name is not None:
        return _READERS[format_name]
    return next((spec for spec in _READERS.values() if spec.claims(path)), None)


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
    paths: Sequence[Path], format_name: str | None = None
) -> tuple[list[SourceRecords], list[LoadIssue]]:
    """Reads every file; returns the records of the good ones and every issue of the others."""
    if format_name is not None and format_name not in _READERS:
        known = ", ".join(_READERS)
        raise LoadRejected([LoadIssue(format_name, None, f"unknown format (known: {known})")])
    sources: list[SourceRecords] = []
    issues: list[LoadIssue] = []
    for path in expand_paths(paths, format_name):
        if not path.exists():
            issues.append(LoadIssue(display_path(path), None, "does not exist"))
            continue
        spec = reader_for(path, format_name)
        if spec is None:
            reason = f"no reader takes this file (formats: {', '.join(_READERS)})"
            issues.append(LoadIssue(display_path(path), None, reason))
            continue
        try:
            sources.extend(spec.read(path))
        except LoadRejected as rejected:
            issues.extend(rejected.issues)
    return sources, issues


register_reader(
    "curated", read_curated, looks_curated, "the project's curated YAML/JSON (CuratedFile)"
)
register_reader(
    documents.FORMAT_NAME,
    documents.read_document_source,
    documents.claims_document,
    documents.DESCRIPTION,
)
for _name, _read, _claims, _description in open_format_readers():
    register_reader(_name, _read, _claims, _description)

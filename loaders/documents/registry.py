"""The document reader as the loader registry takes it: `Path -> Iterator[SourceRecords]`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from graph.model import SourceRecords
from loaders.curated import display_path
from loaders.documents.errors import UnreadableDocument
from loaders.documents.reader import claims_document, read_document_file
from loaders.issues import LoadIssue, LoadRejected

FORMAT_NAME = "document"
DESCRIPTION = "council reports as text or PDF: passages, repaired text, extracted facts"


def read_document_source(path: Path) -> Iterator[SourceRecords]:
    try:
        records = read_document_file(path)
    except UnreadableDocument as error:
        raise LoadRejected([LoadIssue(display_path(path), None, error.reason)]) from error
    yield records


__all__ = ["DESCRIPTION", "FORMAT_NAME", "claims_document", "read_document_source"]

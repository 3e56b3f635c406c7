"""A council document (text or PDF) as records: the Document, its Passages, the facts it states.

Versions: a Document's id is the source file's name plus the first 12 hex digits of the file's
sha256 (`document:<file-slug>.<sha12>`), and each version is its own source for the writer. A text
that a curated file encodes (its `source_file` names the file, its `checksum` is the text's) is
read as that curated Document, under its id, so that passages and curated evidence meet. Loading
the same file again therefore changes nothing; a changed file is a new Document (its passages and
extracted facts beside the old version's, which stay citable), linked to the version it replaces
by `(:Document)-[:NEW_VERSION_OF]->(:Document)` (the writer links versions of one source file).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from graph.model import Document, EntityType, Origin, Passage, SourceRecords, slug
from loaders.documents import repair
from loaders.documents.extract import extract_facts
from loaders.documents.gazetteer import CuratedMatch, Gazetteer
from loaders.documents.labels import passage_labels
from loaders.documents.metadata import Metadata, read_metadata
from loaders.documents.passages import block_text, split_blocks
from loaders.documents.pdf import is_pdf, read_pdf_file
from loaders.documents.text import read_bytes, read_text_file
from loaders.issues import rejected_file

if TYPE_CHECKING:
    from loaders.body_resolution import KnownBodies

TEXT_SUFFIXES = frozenset({".txt", ".text"})
PDF_SUFFIXES = frozenset({".pdf"})
CHECKSUM_DIGITS = 12


@dataclass(frozen=True)
class DocumentSource:
    """Where a document came from: the name it is known by, its bytes' sha256, and its text."""

    name: str
    checksum: str
    text: str


def claims_document(path: Path) -> bool:
    suffix = path.suffix.lower()
    return suffix in TEXT_SUFFIXES or suffix in PDF_SUFFIXES or is_pdf(path)


def read_document_file(
    path: Path,
    gazetteer: Gazetteer,
    name: str | None = None,
    bodies: KnownBodies | None = None,
) -> SourceRecords:
    """Reads one file; raises LoadRejected naming the file and the reason. `bodies` (the
    register's) resolves the council and the bodies the document names."""
    data = read_bytes(path)
    text = read_pdf_file(path) if is_pdf(path) else read_text_file(path)
    source = DocumentSource(name or path.name, hashlib.sha256(data).hexdigest(), text)
    return document_records(source, gazetteer, bodies)


def document_records(
    source: DocumentSource, gazetteer: Gazetteer, bodies: KnownBodies | None = None
) -> SourceRecords:
    curated = gazetteer.curated_document(source.name, source.checksum)
    if curated is not None and curated.same_text:
        document_id = curated.document.id
    else:
        document_id = f"document:{slug(Path(source.name).stem) or 'document'}"
        document_id += f".{source.checksum[:CHECKSUM_DIGITS]}"
    passages = build_passages(source.text, document_id)
    if not passages:
        raise rejected_file(source.name, "has no text to read")
    metadata = read_metadata(passages)
    document = Document(
        id=document_id,
        title=metadata.title or Path(source.name).stem,
        date=metadata.date,
        meeting=metadata.meeting,
        report_of=metadata.report_of,
        author=metadata.author,
        kind="report",
        source_file=source.name,
        checksum=source.checksum,
        body=body_id(metadata, gazetteer, bodies),
    )
    if curated is not None:
        document = with_curated(document, curated)
    facts = extract_facts(document, metadata, passages, gazetteer, bodies)
    return SourceRecords(
        origin=Origin.EXTRACTED,
        source_file=f"{source.name}#{source.checksum[:CHECKSUM_DIGITS]}",
        document=document,
        # Known entities a passage names are restated (a curated one is never overwritten) so
        # that the mentions land even where the knowledge base is not loaded.
        entities=[*facts.entities, *facts.mentioned],
        relations=facts.relations,
        passages=passages,
        mentions=facts.mentions,
    )


def with_curated(document: Document, curated: CuratedMatch) -> Document:
    """The text of a curated Document is read as that Document: what the curated file states
    stays (title, date, author, body...), what the text adds (checksum, meeting...) fills the
    rest. A changed text is a new version beside it, still of the same file and body."""
    known = curated.document
    if curated.same_text:
        filled = {
            name: getattr(document, name)
            for name in ("meeting", "report_of", "checksum")
            if getattr(known, name) is None
        }
        return known.model_copy(update=filled)
    return document.model_copy(
        update={"source_file": known.source_file, "body": known.body or document.body}
    )


def body_id(
    metadata: Metadata, gazetteer: Gazetteer, bodies: KnownBodies | None = None
) -> str | None:
    """The publishing council's id: the register's when the resolver names it (as of the
    document's date), else the knowledge base's, else one of its own name."""
    if not metadata.council:
        return None
    if bodies is not None:
        found = bodies.resolver.resolve(name=metadata.council, on=metadata.date)
        if found.body_id is not None:
            return found.body_id
    known = gazetteer.resolve(EntityType.BODY, metadata.council, None)
    return known or metadata.body_id


def build_passages(text: str, document_id: str) -> list[Passage]:
    """The document's passages in reading order, repaired, with the original beside."""
    text = repair.redact_contact_details(repair.normalise_characters(text))
    garbled = repair.has_font_garble(text)
    vocabulary = repair.known_words(repair.repair_font_garble(text) if garbled else text)
    lines = repair.drop_page_furniture(text.split("\n"))
    blocks = split_blocks(lines)
    labels = passage_labels(blocks)
    stem = document_id.split(":", 1)[1]
    ids = [f"passage:{stem}:{order}" for order in range(len(blocks))]
    passages: list[Passage] = []
    for order, block in enumerate(blocks):
        original = (
            block_text(block)
            if block.kind.value == "table_row"
            else repair.join_lines(block.lines, vocabulary)
        )
        original = original.replace("**", "").strip()
        repaired = repair.repair_font_garble(original) if garbled else original
        if not repaired:
            continue
        passages.append(
            Passage(
                id=ids[order],
                document=document_id,
                number=labels[order],
                order=order,
                kind=block.kind,
                text=repaired,
                original_text=original if repaired != original else None,
                parent=ids[block.parent] if block.parent is not None else None,
            )
        )
    return passages

"""PDF files through pypdf: the text layer, page by page. A PDF without one is refused."""

from __future__ import annotations

import logging
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError, PyPdfError

from loaders.documents.text import read_bytes
from loaders.issues import rejected_file

PDF_MAGIC = b"%PDF-"
PAGE_BREAK = "\f"


def is_pdf(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(1024).lstrip().startswith(PDF_MAGIC)
    except OSError:
        return False


def read_pdf_file(path: Path) -> str:
    """The PDF's text, pages separated by form feeds, as the text layer gives it."""
    read_bytes(path)  # the same clear errors as text for missing and empty files
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise rejected_file(path, "is an encrypted PDF")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, PyPdfError, ValueError, KeyError) as error:
        raise rejected_file(path, f"is not a readable PDF ({error})") from error
    if not pages:
        raise rejected_file(path, "is a PDF with no pages")
    if not any(page.strip() for page in pages):
        raise rejected_file(
            path,
            f"is a PDF with no text layer ({len(pages)} page(s) of images only); "
            "it needs OCR before it can be loaded",
        )
    return f"\n{PAGE_BREAK}\n".join(pages)

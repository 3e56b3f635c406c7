"""Popolo JSON (popoloproject.com) in: persons, organizations, posts, memberships, areas, events.

Organizations become bodies (committees and partnership groups by their classification), persons
people, posts posts; a membership with a post is a tenure (HOLDS), one whose role names an executive
office ("Leader", "Cabinet Member for Housing") a tenure of that office's post (with its portfolio),
and any other a MEMBER_OF with its role. A membership of a legislative period without its own dates
takes the period's. Dates may be partial ("2016", "2016-05"): the first day is kept as the start
(the last as the end) with the precision beside it. Unknown keys are ignored; contact details,
emails and birth dates are never stored.
"""

from __future__ import annotations

import json
from pathlib import Path

from loaders.formats.common import SourceBuilder, file_document
from loaders.formats.popolo_fields import claims_popolo, looks_like_popolo
from loaders.formats.popolo_records import PopoloRecords
from loaders.formats.services import ServiceMatcher
from loaders.issues import display_path, rejected_file
from loaders.nesting import TooDeep, load_json
from loaders.reading import ReadResult

__all__ = ["claims_popolo", "looks_like_popolo", "read_popolo"]


def read_popolo(
    path: Path, *, services: ServiceMatcher | None = None, data: bytes | None = None
) -> ReadResult:
    raw = data if data is not None else path.read_bytes()
    try:
        doc = load_json(raw)
    except TooDeep as error:
        raise rejected_file(path, f"cannot be read: it {error}") from error
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise rejected_file(path, f"not JSON ({error})") from error
    if not isinstance(doc, dict) or not any(
        isinstance(doc.get(k), list) for k in ("persons", "organizations", "memberships")
    ):
        raise rejected_file(path, "no Popolo persons, organizations or memberships")
    title = f"Popolo data: {path.name}"
    reader = PopoloRecords(
        path.name, SourceBuilder(display_path(path), file_document(path, "popolo", title, data=raw))
    )
    reader.services = services or ServiceMatcher()
    reader.read(doc)
    return ReadResult([reader.out.build()], reader.issues)

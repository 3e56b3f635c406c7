"""Popolo JSON (popoloproject.com) in: persons, organizations, posts, memberships, areas, events.

Organizations become bodies (committees and partnership groups by their classification), persons
people, posts posts; a membership with a post is a tenure (HOLDS), one whose role names an executive
office ("Leader", "Cabinet Member for Housing") a tenure of that office's post (with its portfolio),
and any other a MEMBER_OF with its role. Parties are party bodies of the file's jurisdiction, and
other bodies resolve to the register within it (`popolo_bodies`). A membership of a legislative
period without its own dates takes the period's. Dates may be partial ("2016", "2016-05"): the
first day is kept as the start (the last as the end) with the precision beside it. Unknown keys
are ignored; contact details, emails and birth dates are never stored.
"""

from __future__ import annotations

import json
from pathlib import Path

from loaders.body_resolution import KnownBodies, register_bodies
from loaders.formats.common import SourceBuilder, file_document
from loaders.formats.popolo_bodies import own_bodies
from loaders.formats.popolo_fields import claims_popolo, looks_like_popolo
from loaders.formats.popolo_records import PopoloRecords
from loaders.formats.services import ServiceMatcher
from loaders.issues import display_path, rejected_file
from loaders.nesting import TooDeep, load_json
from loaders.reading import ReadResult

__all__ = ["claims_popolo", "looks_like_popolo", "read_popolo"]


COLLECTIONS = ("persons", "organizations", "memberships", "posts", "areas", "events")


def read_popolo(
    path: Path,
    *,
    services: ServiceMatcher | None = None,
    bodies: KnownBodies | None = None,
    data: bytes | None = None,
) -> ReadResult:
    """One Popolo file read. `bodies` resolves its bodies (by default the committed register);
    an id given with them (`civicgraph load --body ID`) is the file's own body, the one
    organization that is neither a party nor a committee and sits under no other."""
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
    not_lists = [k for k in COLLECTIONS if doc.get(k) is not None and not isinstance(doc[k], list)]
    if not_lists:
        raise rejected_file(path, f"{', '.join(sorted(not_lists))}: a Popolo collection is a list")
    bodies = bodies or register_bodies()
    own = own_bodies(doc)
    if bodies.given is not None and len(own) != 1:
        raise rejected_file(
            path,
            f"--body {bodies.given} names the file's own body, but the file has "
            f"{len(own)} bodies that sit under no other ({', '.join(own) or 'none'})",
        )
    title = f"Popolo data: {path.name}"
    out = SourceBuilder(display_path(path), file_document(path, "popolo", title, data=raw))
    reader = PopoloRecords(path.name, out, doc, bodies)
    reader.services = services or ServiceMatcher()
    reader.read(doc)
    return ReadResult([reader.out.build()], reader.issues)

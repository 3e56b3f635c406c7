"""Which council a Transparency Code file is from, and which body a shared post is shared with,
through the register (`KnownBodies.choose`).

A row's council resolves by its `OrganisationURI` (an opendatacommunities id or a GSS code, as
the LGA schemas ask for), then its `OrganisationLabel`, within Great Britain; a file without
either names its council in its file name ("trafford-council-senior-salaries-2023.csv").
Resolved, the file's posts belong to the register's body and their ids are scoped by it, so a
chart and a salary file of one council (or of one council named two ways) give the same posts.
Not resolved, the file's own body is written, marked unresolved, and the load says so.
`SharedPost` is "Shared", "NA", or names the other body ("Shared with Salford City Council"):
a named body is looked up the same way, and only a resolved one is linked.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from graph.model import Entity, EntityType
from loaders.body_resolution import BodyClues, KnownBodies
from loaders.formats.common import evidence, slug_id
from loaders.formats.transparency_columns import NOT_APPLICABLE
from loaders.issues import LoadIssue, Severity


@dataclass(frozen=True)
class Council:
    """The id a file's rows point at, the Body to write (the register's, or the file's own,
    unresolved), and the prefix of the ids of the posts and people it holds."""

    id: str
    entity: Entity
    scope: str
    resolved: bool


def council_key(cells: dict[str, str]) -> tuple[str, str]:
    return cells.get("organisation", "").strip(), cells.get("organisation_uri", "").strip()


class Councils:
    """Resolves each (label, URI) a file gives once; what did not resolve is a note."""

    def __init__(self, file: str, bodies: KnownBodies, on: dt.date | None) -> None:
        self.file = file
        self.bodies = bodies
        self.on = on
        self.issues: list[LoadIssue] = []
        self._known: dict[tuple[str, str], Council] = {}
        self._shared: dict[str, Entity | None] = {}

    def council(self, label: str, uri: str, where: str, quote: str) -> Council:
        key = (label, uri)
        if key not in self._known:
            self._known[key] = self._resolve(label, uri, where, quote)
        return self._known[key]

    def _resolve(self, label: str, uri: str, where: str, quote: str) -> Council:
        name = label or uri
        own = Entity(
            id=slug_id("body", name),
            type=EntityType.BODY,
            name=name,
            evidence=evidence(where, quote),
        )
        uri_clue = uri if uri.lower() not in NOT_APPLICABLE else None
        clues = BodyClues(name=label or None, uri=uri_clue, jurisdiction="GB", on=self.on)
        choice = self.bodies.choose(clues, own)
        if choice.note:
            self.issues.append(
                LoadIssue.in_row(self.file, where, "organisation", choice.note, Severity.NOTE)
            )
        entity = choice.entity or own
        return Council(choice.body_id, entity, choice.body_id.split(":", 1)[1], choice.resolved)

    def shared_with(self, text: str, where: str, quote: str) -> Entity | None:
        """The register's body a `SharedPost` cell names, with this row's evidence; None for
        "Shared", "Yes" or a name that does not resolve (kept as text on the post)."""
        name = shared_body_name(text)
        if name is None:
            return None
        if name not in self._shared:
            own = Entity(
                id=slug_id("body", name), type=EntityType.BODY, name=name,
                evidence=evidence(where, quote),
            )  # fmt: skip
            choice = self.bodies.choose(BodyClues(name=name, jurisdiction="GB", on=self.on), own)
            self._shared[name] = choice.entity if choice.resolved else None
            if not choice.resolved:
                reason = f"the post is shared with {name!r}, which is no body of the register"
                self.issues.append(
                    LoadIssue.in_row(self.file, where, "shared_post", reason, Severity.NOTE)
                )
        entity = self._shared[name]
        if entity is None:
            return None
        return entity.model_copy(update={"evidence": evidence(where, quote)})


_SHARED_PREFIX = re.compile(
    r"^(?:yes\b[\s,:;-]*)?(?:(?:post\s+)?shared\b\s*(?:post\s*)?(?:with|between)?\s*[:,-]?\s*)?",
    re.IGNORECASE,
)


def shared_body_name(text: str) -> str | None:
    """'Shared with Salford City Council' -> 'Salford City Council'; 'Shared', 'Yes', 'NA' ->
    None (the post is shared, or not, with no body named)."""
    cleaned = " ".join(text.split())
    if cleaned.lower() in NOT_APPLICABLE or cleaned.lower() in {"no", "n", "not shared"}:
        return None
    name = _SHARED_PREFIX.sub("", cleaned, count=1).strip(" .;:-()")
    name = re.sub(r"^(?:and|the)\s+", "", name, flags=re.IGNORECASE)
    return name or None


def is_shared(text: str) -> bool:
    cleaned = " ".join(text.split()).lower()
    return cleaned not in NOT_APPLICABLE and cleaned not in {"no", "n", "not shared"}

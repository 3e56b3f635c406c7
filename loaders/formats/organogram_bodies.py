"""Which body an organogram's `Organisation` is, and its `Parent Department`, through the register
(`register_scope.choose_in_register_scope`).

A council publishing in this format ("Cheshire East Council", or with a GSS code or URI in an
`Organisation URI` column) is the register's body: one node, its official name and identifiers,
the file's evidence. A government department or agency stays a body of its own name, marked
`resolution: not-in-register` (the register holds local authorities only). The organisation most
rows name is the file's own body, which `civicgraph load --body ID` settles; any other is
resolved as a body the file names beside it. Ids of posts and people are scoped by the body
chosen, so two files of one council (or of one council named two ways) give the same posts.

The parent department is resolved the same way and the organisation is `SUB_ORGANIZATION_OF`
it, except for a register body: the register says where a local authority sits, so a parent
naming another body is not linked, and the load notes it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from graph.model import Entity, EntityType, Relation, RelationType
from loaders.body_resolution import BodyChoice, BodyClues, KnownBodies
from loaders.formats.common import evidence, quote_cells, slug_id
from loaders.formats.register_scope import choose_in_register_scope
from loaders.issues import LoadIssue, Severity
from loaders.resolve import GSS_RE

DEPARTMENT = "government department"


@dataclass(frozen=True)
class Organisation:
    """The id the file's rows point at, the prefix of the ids of its posts and people, and the
    records that state the body (written once, with the first row that names it)."""

    key: tuple[str, str, str]  # (organisation, its URI, parent department) as the file says
    id: str
    scope: str
    entities: list[Entity]
    relations: list[Relation]


class OrganogramBodies:
    """Resolves each organisation a file names once; notes go to `issues`."""

    def __init__(
        self,
        file: str,
        bodies: KnownBodies,
        on: dt.date | None,
        main_organisation: str,
        labels: dict[str, str],
    ) -> None:
        self.file = file
        self.bodies = bodies
        self.on = on
        self.main_organisation = main_organisation
        self.labels = labels
        self.issues: list[LoadIssue] = []
        self._known: dict[tuple[str, str, str], Organisation] = {}

    def organisation(self, line: int, cells: dict[str, str]) -> Organisation:
        key = (
            cells["organisation"],
            cells.get("organisation_uri", ""),
            cells.get("department", ""),
        )
        if key not in self._known:
            self._known[key] = self._resolve(key, line, cells)
        return self._known[key]

    def _resolve(self, key: tuple[str, str, str], line: int, cells: dict[str, str]) -> Organisation:
        name = cells["organisation"]
        where = f"senior row {line}"
        quote = quote_cells(cells, ["organisation", "organisation_uri", "department"], self.labels)
        own = Entity(
            id=slug_id("body", name), type=EntityType.BODY, name=name,
            evidence=evidence(where, quote),
        )  # fmt: skip
        identifier, uri = _code_clues(cells.get("organisation_uri", ""))
        clues = BodyClues(name=name, identifier=identifier, uri=uri, on=self.on)
        of_file = name == self.main_organisation
        choice = choose_in_register_scope(self.bodies, clues, own, of_file=of_file)
        self._note(choice, where, "organisation")
        entities = [choice.entity] if choice.entity is not None else []
        parents, relations = self._parent(cells.get("department", ""), choice.body_id, cells, where)
        return Organisation(
            key, choice.body_id, _scope(choice.body_id), entities + parents, relations
        )

    def _parent(
        self, department: str, body_id: str, cells: dict[str, str], where: str
    ) -> tuple[list[Entity], list[Relation]]:
        """The organisation `SUB_ORGANIZATION_OF` its parent department; nothing when the file
        names none or the organisation itself, nor for a register body (noted)."""
        if not department or department.lower() == cells["organisation"].lower():
            return [], []
        quote = quote_cells(cells, ["organisation", "organisation_uri", "department"], self.labels)
        parent = self._department(department, where, quote)
        if parent.body_id == body_id:
            return [], []
        if body_id in self.bodies.entities:
            reason = (
                f"{department!r} is not linked as the parent of {body_id}: the register says "
                "where a local authority sits"
            )
            self.issues.append(
                LoadIssue.in_row(self.file, where, self._label("department"), reason, Severity.NOTE)
            )
            return [], []
        link = Relation(
            type=RelationType.SUB_ORGANIZATION_OF, source=body_id, target=parent.body_id,
            evidence=evidence(where, quote),
        )  # fmt: skip
        return ([parent.entity] if parent.entity is not None else []), [link]

    def _department(self, name: str, where: str, quote: str) -> BodyChoice:
        own = Entity(
            id=slug_id("body", name), type=EntityType.BODY, name=name,
            properties={"kind": DEPARTMENT}, evidence=evidence(where, quote),
        )  # fmt: skip
        clues = BodyClues(name=name, on=self.on)
        choice = choose_in_register_scope(self.bodies, clues, own, of_file=False)
        self._note(choice, where, "department")
        return choice

    def _note(self, choice: BodyChoice, where: str, field: str) -> None:
        if choice.note:
            self.issues.append(
                LoadIssue.in_row(self.file, where, self._label(field), choice.note, Severity.NOTE)
            )

    def _label(self, field: str) -> str:
        return self.labels.get(field, field)


def _scope(body_id: str) -> str:
    return body_id.split(":", 1)[1]


def _code_clues(text: str) -> tuple[str | None, str | None]:
    """An `Organisation URI` cell as (identifier, URI): a GSS code or register code, or a URI."""
    text = text.strip()
    if not text or text.upper() in {"N/A", "N/D", "NA"}:
        return None, None
    if "/" in text:
        return None, text
    return (text.upper() if GSS_RE.fullmatch(text.upper()) else text), None

"""What a load found wrong with its input, and how files and records are named in messages.

One issue type for every reader and the validation: `file: record, column 'x': reason`. An issue
that rejects the load comes inside `LoadRejected` (nothing is written); a row or element a reader
left out, or kept with something ignored (`Severity.NOTE`), comes back with the records.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from graph.errors import InvalidInput
from graph.model import Entity, Mention, Passage, Relation
from graph.settings import PROJECT_ROOT


class Severity(StrEnum):
    REJECTED = "rejected"  # the file, record or row was left out
    NOTE = "note"  # kept, but something was ignored (an unknown column, a contact detail)


@dataclass(frozen=True)
class LoadIssue:
    """One problem with the input (record is None for whole-file ones)."""

    file: str
    record: str | None
    reason: str
    column: str | None = None
    severity: Severity = Severity.REJECTED

    @classmethod
    def in_row(
        cls, file: str, record: str, column: str | None, reason: str,
        severity: Severity = Severity.REJECTED,
    ) -> LoadIssue:  # fmt: skip
        """A reader's issue with one row or element, and the column at fault."""
        return cls(file, record, reason, column, severity)

    def __str__(self) -> str:
        where = self.file if self.record is None else f"{self.file}: {self.record}"
        if self.column:
            where += f", column {self.column!r}"
        note = " (note)" if self.severity is Severity.NOTE else ""
        return f"{where}: {self.reason}{note}"


class LoadRejected(InvalidInput):
    """The input is invalid; nothing was written. Carries every issue found."""

    def __init__(self, issues: Sequence[LoadIssue]) -> None:
        self.issues = list(issues)
        count = len(self.issues)
        listing = "\n".join(f"  {issue}" for issue in self.issues)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the input:\n{listing}")


def rejected_file(path: Path | str, reason: str) -> LoadRejected:
    """A file that cannot be read at all (a `str` is the file's name as messages give it)."""
    file = display_path(path) if isinstance(path, Path) else path
    return LoadRejected([LoadIssue(file, None, reason)])


def display_path(path: Path) -> str:
    """The file as messages and the source ledger name it: relative to the project (or the
    working directory) when below it, so that the same file keeps the same name between loads."""
    resolved = path.resolve()
    for base in (PROJECT_ROOT, Path.cwd()):
        if resolved.is_relative_to(base.resolve()):
            return str(resolved.relative_to(base.resolve()))
    return str(resolved)


def entity_label(index: int, entity: Entity) -> str:
    return f"entities[{index}] id={entity.id}"


def relation_label(index: int, relation: Relation) -> str:
    return f"relations[{index}] {relation.type} {relation.source} -> {relation.target}"


def passage_label(index: int, passage: Passage) -> str:
    return f"passages[{index}] id={passage.id}"


def mention_label(index: int, mention: Mention) -> str:
    return f"mentions[{index}] {mention.passage} -> {mention.entity}"

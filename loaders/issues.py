"""What a load rejected and why: every problem named by file, record and reason."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from graph.errors import InvalidInput


@dataclass(frozen=True)
class LoadIssue:
    """One problem with the input: `file: record: reason` (record is None for whole-file ones)."""

    file: str
    record: str | None
    reason: str

    def __str__(self) -> str:
        if self.record is None:
            return f"{self.file}: {self.reason}"
        return f"{self.file}: {self.record}: {self.reason}"


class LoadRejected(InvalidInput):
    """The input is invalid; nothing was written. Carries every issue found."""

    def __init__(self, issues: Sequence[LoadIssue]) -> None:
        self.issues = list(issues)
        count = len(self.issues)
        listing = "\n".join(f"  {issue}" for issue in self.issues)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the input:\n{listing}")

"""The merges a knowledge base forbids: `data/merge_overrides.csv`.

The document reader attaches an extracted fact to the known entity it restates (same type, same
body, same normalised name; see `loaders.documents.merge`). Where that is wrong, a row of the
override file keeps the two apart: `extracted_id` is the id the fact has on its own (as the reader
would write it unmerged), `known_id` the entity it must not be attached to, `reason` why. Persons
that different sources name (`loaders.person_merge`) are kept apart the same way, the two ids in
either order. The file is CSV so that no reader takes it for a source when `data/` is loaded.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from loaders.issues import LoadIssue, LoadRejected, display_path

OVERRIDES_FILE = "merge_overrides.csv"
COLUMNS = ("extracted_id", "known_id", "reason")


@dataclass(frozen=True)
class MergeOverrides:
    keep_apart: frozenset[tuple[str, str]] = field(default_factory=frozenset)

    def forbids(self, extracted_id: str, known_id: str) -> bool:
        return (extracted_id, known_id) in self.keep_apart

    def keeps_apart(self, first: str, second: str) -> bool:
        """Whether a row names the two, in either order (persons: `loaders.person_merge`)."""
        return self.forbids(first, second) or self.forbids(second, first)


def read_overrides(data_dir: Path) -> MergeOverrides:
    """The knowledge base's override file; none when it has no such file. A row without both
    ids rejects the file, naming the line."""
    path = data_dir / OVERRIDES_FILE
    if not path.is_file():
        return MergeOverrides()
    pairs: set[tuple[str, str]] = set()
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle)
        if tuple(rows.fieldnames or ()) != COLUMNS:
            reason = f"the header must be {','.join(COLUMNS)}, not {rows.fieldnames}"
            raise LoadRejected([LoadIssue(display_path(path), None, reason)])
        for row in rows:
            extracted = (row.get("extracted_id") or "").strip()
            known = (row.get("known_id") or "").strip()
            if not extracted or not known:
                reason = "a row needs both extracted_id and known_id"
                raise LoadRejected([LoadIssue(display_path(path), f"line {rows.line_num}", reason)])
            pairs.add((extracted, known))
    return MergeOverrides(frozenset(pairs))

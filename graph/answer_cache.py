"""Answers of the heaviest named reads, kept while the graph they were read from is unchanged.

A dashboard asks the same few questions again and again; at country scale an accountability
answer costs Neo4j tens of milliseconds to compute. An answer is kept with the version of the
graph it was read from, and given again only while a probe finds that version still current.

The version is the database's creation time (a new store, from an import or a fresh server, has
its own) and the bookmark a read transaction ends with, which names the last transaction the
database committed: any write that commits, from this process, another process or an analyst's
shell, changes it. The probe costs one round trip, so only reads far dearer than that are kept.

Kept answers are shared by every caller: they must be read, never changed in place.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from neo4j import EagerResult

GraphVersion = tuple[str, frozenset[str]]

# The probe: the database's creation time; its bookmark comes with the answer.
VERSION_PROBE = "CALL db.info() YIELD creationDate RETURN creationDate"


@dataclass(frozen=True)
class KeptAnswer:
    version: GraphVersion
    result: EagerResult


def answer_key(query: str, parameters: dict[str, Any] | None) -> tuple[str, str]:
    """The query and its parameters, as one key (parameters are maps of plain values, lists and
    dates, whose repr is stable)."""
    return query, repr(sorted((parameters or {}).items()))


class AnswerCache:
    """At most `entries` answers, the least recently asked forgotten first; `entries` 0 keeps
    none."""

    def __init__(self, entries: int) -> None:
        self.entries = entries
        self._kept: OrderedDict[tuple[str, str], KeptAnswer] = OrderedDict()
        self.hits = 0
        self.misses = 0

    @property
    def enabled(self) -> bool:
        return self.entries > 0

    def get(self, key: tuple[str, str], version: GraphVersion) -> EagerResult | None:
        kept = self._kept.get(key)
        if kept is None or kept.version != version:
            self.misses += 1
            return None
        self._kept.move_to_end(key)
        self.hits += 1
        return kept.result

    def put(self, key: tuple[str, str], version: GraphVersion, result: EagerResult) -> None:
        if not self.enabled:
            return
        self._kept[key] = KeptAnswer(version, result)
        self._kept.move_to_end(key)
        while len(self._kept) > self.entries:
            self._kept.popitem(last=False)

    def clear(self) -> None:
        self._kept.clear()

    def __len__(self) -> int:
        return len(self._kept)

"""The name lookup as it was before its candidates came without their bodies, kept to compare
with (by `tests/test_name_lookup_differential.py` and `bench/bench_names.py`): the query
`bench/name_lookup_standard.cypher` (each of the index's candidates with its bodies, a record
each), `best_match` on every candidate, the matches kept read in full by `entities_by_ids`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

from pydantic import BeforeValidator, Field

from graph.db import Database
from queries.entities import NAME_CANDIDATES, NAME_MATCHES, entities_by_ids
from queries.names import MIN_SIMILARITY, best_match
from queries.records import NameMatchRecord, ProfileItem, Record
from queries.text import fuzzy_name_query

STANDARD_QUERY = (Path(__file__).parent / "name_lookup_standard.cypher").read_text(encoding="utf-8")


class StandardCandidate(Record):
    id: str
    type: str
    name: str
    aliases: Annotated[list[str], BeforeValidator(lambda v: v or [])] = Field(default_factory=list)
    bodies: list[ProfileItem] = Field(default_factory=list)


async def standard_name_matches(
    db: Database, name: str, types: Sequence[str] | None = None, limit: int = NAME_MATCHES
) -> list[NameMatchRecord]:
    query = fuzzy_name_query(name)
    if query is None:
        return []
    records, _, _ = await db.read(
        STANDARD_QUERY,
        {"query": query, "types": list(types) if types else None, "candidates": NAME_CANDIDATES},
    )
    kept: list[tuple[StandardCandidate, str, float]] = []
    for record in records:
        candidate = StandardCandidate.model_validate(record["candidate"])
        body_names = [n for body in candidate.bodies for n in (body.name, *(body.aliases or []))]
        matched, similarity = best_match(name, [candidate.name, *candidate.aliases], body_names)
        if similarity >= MIN_SIMILARITY:
            kept.append((candidate, matched, similarity))
    kept.sort(key=lambda match: (-match[2], match[0].type, match[0].name, match[0].id))
    kept = kept[:limit]
    full = {entity.id: entity for entity in await entities_by_ids(db, [c.id for c, _, _ in kept])}
    return [
        NameMatchRecord(
            entity=full[candidate.id],
            matched_name=matched,
            similarity=round(similarity, 3),
            bodies=list(candidate.bodies),
        )
        for candidate, matched, similarity in kept
        if candidate.id in full
    ]

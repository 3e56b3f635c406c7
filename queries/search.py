"""Full-text search over names, aliases, document titles, passages and evidence quotes."""

from __future__ import annotations

from collections.abc import Sequence

from graph.db import Database
from queries.cypher import named_query
from queries.records import SearchHitRecord
from queries.text import lucene_query

CANDIDATES_PER_HIT = 10


async def search(
    db: Database, text: str, types: Sequence[str] | None = None, first: int = 20
) -> list[SearchHitRecord]:
    records, _, _ = await db.read(
        named_query("search"),
        {
            "query": lucene_query(text),
            "types": list(types) if types else None,
            "first": first,
            "candidates": max(first * CANDIDATES_PER_HIT, 100),
        },
    )
    return [SearchHitRecord.model_validate(record["hit"]) for record in records]

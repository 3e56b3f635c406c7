"""Full-text search over names, aliases, document titles, passages and evidence quotes."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from graph.db import Database
from queries.abbreviations import abbreviations
from queries.cypher import named_query
from queries.records import SearchHitRecord
from queries.text import lucene_query

# Index hits looked at per hit returned: quotes of one paragraph become one hit, and a type
# filter drops some.
CANDIDATES_PER_HIT = 10
MIN_CANDIDATES = 200
# An entity or a document whose name matches outranks the passages and quotes using the same words.
NAME_BOOST = 2.0
# Words typed that say nothing of what is sought; the rest count, by their first letters (so that
# "library" and "libraries" are one word), towards how much of the query a hit holds.
COMMON_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "is",
        "it",
        "of",
        "on",
        "or",
        "the",
        "to",
        "was",
        "who",
        "what",
        "which",
        "with",
        "whom",
        "whose",
    ]
)
STEM_LETTERS = 5


def query_words(text: str) -> list[str]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return list(dict.fromkeys(w[:STEM_LETTERS] for w in words if w not in COMMON_WORDS))


async def search_parameters(
    db: Database,
    text: str,
    types: Sequence[str] | None = None,
    first: int = 20,
    with_entities: bool = True,
) -> dict[str, Any] | None:
    """The parameters of `queries/search.cypher` for what was typed; None when it holds no word
    or number. Abbreviations the knowledge base knows count for the names they stand for, and
    back."""
    known = await abbreviations(db, text)
    query = lucene_query(text, known.names, known.abbreviations)
    if query is None:
        return None
    return {
        "query": query,
        "types": list(types) if types else None,
        "first": first,
        "candidates": max(first * CANDIDATES_PER_HIT, MIN_CANDIDATES),
        "nameBoost": NAME_BOOST,
        "words": query_words(text),
        "withEntities": with_entities,
    }


async def search(
    db: Database,
    text: str,
    types: Sequence[str] | None = None,
    first: int = 20,
    with_entities: bool = True,
) -> list[SearchHitRecord]:
    """Hits for what was typed, best first; none when it holds no word or number. Without
    `with_entities` every hit's `supports` is empty, and finding them is not paid for."""
    parameters = await search_parameters(db, text, types, first, with_entities)
    if parameters is None:
        return []
    records, _, _ = await db.read(named_query("search"), parameters)
    return [SearchHitRecord.model_validate(record["hit"]) for record in records]

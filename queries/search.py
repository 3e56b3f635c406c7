"""Full-text search over names, aliases, document titles, passages and evidence quotes."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, LiteralString

from graph.db import Database
from queries.abbreviations import CANDIDATES as ABBREVIATION_CANDIDATES
from queries.abbreviations import abbreviations, expansions_of, lookup_query, may_expand
from queries.cypher import named_query
from queries.records import Row, SearchHitRecord
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


def compacted(query: LiteralString) -> LiteralString:
    """The query without its indentation and empty lines (`named_query` has already left its
    comment lines out). What is sent costs by its length (the driver packs it, Neo4j reads it and
    finds its plan by it). No string literal of the search spans lines."""
    lines = (line.strip() for line in query.splitlines())
    return "\n".join(line for line in lines if line)


def without_relations(query: LiteralString) -> LiteralString:
    """The search without its lookup of the page's quotes' relations, which only the entities
    they support (`supports`) read: a third of the text, and most of the plan."""
    start, end = query.index("CALL (page) {\n"), query.index("UNWIND page AS hit\n")
    return query[:start] + "WITH page, [] AS relations\n" + query[end:]


# `queries/search.cypher` as it is sent, and as it is sent when no hit's entities are asked for.
SEARCH_QUERY = compacted(named_query("search"))
SEARCH_QUERY_WITHOUT_ENTITIES = without_relations(SEARCH_QUERY)


def query_words(text: str) -> list[str]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return list(dict.fromkeys(w[:STEM_LETTERS] for w in words if w not in COMMON_WORDS))


@dataclass(frozen=True)
class Details:
    """What each hit carries beside its id, type, name, score and fact count; what is left out is
    not computed (an entity's first evidence, a body's identifiers, the entities a passage or a
    quote supports are lookups), and the hit holds an empty value in its place."""

    entities: bool = True  # `supports`; [] when left out
    first_evidence: bool = True  # an entity's `documentId` and `paragraph`; null when left out
    identifiers: bool = True  # a body's `identifiers`; null when left out
    text: bool = True  # `text`, the snippet's source; null when left out


EVERY_DETAIL = Details()


def parameters_for(
    text: str,
    query: str,
    types: Sequence[str] | None = None,
    first: int = 20,
    details: Details = EVERY_DETAIL,
) -> dict[str, Any]:
    """The parameters of `queries/search.cypher` (the keys of its $search) for what was typed
    and its Lucene query. The abbreviations are looked up only when they could change the
    search (`queries.abbreviations.may_expand`)."""
    return {
        "query": query,
        "types": list(types) if types else None,
        "first": first,
        "candidates": max(first * CANDIDATES_PER_HIT, MIN_CANDIDATES),
        "nameBoost": NAME_BOOST,
        "words": query_words(text),
        "withEntities": details.entities,
        "withFirstEvidence": details.first_evidence,
        "withIdentifiers": details.identifiers,
        "withText": details.text,
        "abbreviationQuery": lookup_query(text) if may_expand(text) else None,
        "abbreviationCandidates": ABBREVIATION_CANDIDATES,
    }


async def search_parameters(
    db: Database,
    text: str,
    types: Sequence[str] | None = None,
    first: int = 20,
    details: Details = EVERY_DETAIL,
) -> dict[str, Any] | None:
    """The parameters of `queries/search.cypher` (the keys of its $search) for what was typed,
    its abbreviations looked up first, in a round trip of their own, whatever was typed; None
    when it holds no word or number. Abbreviations the knowledge base knows count for the names
    they stand for, and back. (`search_rows` learns them from the search's own answer instead.)"""
    known = await abbreviations(db, text)
    query = lucene_query(text, known.names, known.abbreviations)
    if query is None:
        return None
    return parameters_for(text, query, types, first, details)


# The Lucene query each recent search turned out to need (what the knowledge base's abbreviations
# add to it), by what was typed: the next search for the same text expects the same, and one for
# a new text expects no abbreviations. The answer says whether the expectation held (see
# `queries/search.cypher`); when it did not, the search is asked again, with the right query. A
# stale or missing entry costs a second round trip, never a different answer, so the memory can be
# shared by every database of the process. Bounded: emptied when full.
EXPECTED_QUERIES: dict[str, str] = {}
MAX_EXPECTED_QUERIES = 4096


async def search_rows(
    db: Database,
    text: str,
    types: Sequence[str] | None = None,
    first: int = 20,
    details: Details = EVERY_DETAIL,
) -> list[Row]:
    """Hits for what was typed, best first, as the query's maps (keys: id, type, score, name,
    text, documentId, paragraph, factCount, identifiers, supports); none when it holds no word
    or number. The details left out (`Details`) hold empty values, and are not paid for. One
    round trip, unless the knowledge base's abbreviations for the text changed."""
    expandable = may_expand(text)
    expected = (EXPECTED_QUERIES.get(text) if expandable else None) or lucene_query(text)
    if expected is None:
        return []
    parameters = parameters_for(text, expected, types, first, details)
    hits, abbreviated = await _hits_and_abbreviations(db, parameters)
    if not expandable:  # no abbreviation can change the search: nothing to learn or check
        return hits
    known = expansions_of(text, abbreviated)
    query = lucene_query(text, known.names, known.abbreviations) or expected
    if len(EXPECTED_QUERIES) >= MAX_EXPECTED_QUERIES:
        EXPECTED_QUERIES.clear()
    EXPECTED_QUERIES[text] = query
    if query != expected:
        hits, _ = await _hits_and_abbreviations(db, {**parameters, "query": query})
    return hits


async def _hits_and_abbreviations(
    db: Database, parameters: dict[str, Any]
) -> tuple[list[Row], list[Row]]:
    query = SEARCH_QUERY if parameters["withEntities"] else SEARCH_QUERY_WITHOUT_ENTITIES
    records, _, _ = await db.read(query, {"search": parameters})
    return records[0]["hits"], records[0]["abbreviated"]


async def search(
    db: Database,
    text: str,
    types: Sequence[str] | None = None,
    first: int = 20,
    details: Details = EVERY_DETAIL,
) -> list[SearchHitRecord]:
    """`search_rows`, each hit read into a record."""
    rows = await search_rows(db, text, types, first, details)
    return [SearchHitRecord.model_validate(row) for row in rows]

"""The fast search query (`queries/search.cypher`) gives the very answers of the standard one
(`tests/fixtures/search/search_standard.cypher`, the query before it was made fast): the same hits
in the same order, with the same scores, names, snippets' text, documents, paragraphs, fact counts,
identifiers and entities (in the same order), over a broad corpus of what is typed: every query of
the search-quality set, the searches of the tests and benchmarks, and names, titles and passage
openings taken from the knowledge base itself, each with several page sizes and type filters, on
the knowledge base the quality set is measured on (the seed files and the sample fixtures). A
search asked for fewer details (`Details`, what the GraphQL selection asks for) gives the same hits
with only the details left out emptied; one whose text no abbreviation can change leaves the
abbreviations' lookup out and still gives the standard hits."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Mapping, Sequence
from itertools import product
from pathlib import Path
from typing import Any

import pytest

from bench.evaluate_search import read_quality_set
from graph.db import Database
from graph.model import RelationType
from graph.settings import PROJECT_ROOT, Settings
from loaders.load import load
from queries.abbreviations import expansions_of, lookup_query, may_expand
from queries.cypher import named_query
from queries.search import (
    EVERY_DETAIL,
    EXPECTED_QUERIES,
    SEARCH_QUERY,
    Details,
    search,
    search_parameters,
    search_rows,
)
from tests.conftest import ask_api_once, clear_graph

STANDARD = (Path(__file__).parent / "fixtures" / "search" / "search_standard.cypher").read_text(
    encoding="utf-8"
)
# Searches typed elsewhere in the project: the load benchmark's, the tests' and the README's.
TYPED_ELSEWHERE = [
    "public health commissioning",
    "library",
    "Library",
    "CR 40",
    "cr-40",
    "S.151",
    "S151 officer",
    "sec 151",
    "fire AND rescue",
    "Skills (Enterprise OR Learning)",
    "public health NOT libraries",
    "who is responsible for public health",
    "lyme green zebra",
    "DPH",
    "human resources",
    "libraries",
    "Director of Public Health",
    "section 151 public health libraries " * 20,
]
Page = tuple[int, list[str] | None]  # (first, types)
# The default page, a short one, and type filters that keep only quotes (the grouped hits whose
# entities are gathered from relations), a mix, or one entity type (as `make bench-compare` asks
# for services); the longest page for the searches typed elsewhere (the standard query takes a
# second or so for one).
DEFAULT: Page = (20, None)
PAGES: list[Page] = [
    DEFAULT,
    (5, None),
    (10, ["Evidence"]),
    (10, ["Passage", "Body", "Document"]),
    (20, ["Service"]),
]
OTHER_HITS = {"Document", "Passage", "Evidence"}
LONGEST: Page = (100, None)
# Every choice of details but all of them (the standard query's), taken in turn over the corpus.
FEWER_DETAILS = [
    Details(*flags) for flags in product([True, False], repeat=4) if Details(*flags) != EVERY_DETAIL
]


@pytest.fixture(scope="module")
async def kb(session_db: Database) -> AsyncIterator[Database]:
    await clear_graph(session_db)
    await load(session_db, [PROJECT_ROOT / path for path in read_quality_set().load])
    yield session_db
    await clear_graph(session_db)


async def corpus(db: Database) -> dict[str, list[Page]]:
    """What is typed, and the pages asked for: several pages for the quality set and the searches
    typed elsewhere; the default page for every document's title, every eighth entity's name and
    every tenth passage's first words."""
    pages = {query.query: PAGES for query in read_quality_set().queries}
    pages.update({text: [*PAGES, LONGEST] for text in TYPED_ELSEWHERE})
    typed = list(pages)
    records, _, _ = await db.read(
        "MATCH (d:Document) RETURN coalesce(d.title, d.name) AS text ORDER BY d.id"
    )
    typed += [record["text"] for record in records]
    records, _, _ = await db.read(
        "MATCH (e:Entity) WITH e ORDER BY e.id "
        "WITH collect(e.name) AS names "
        "UNWIND range(0, size(names) - 1, 8) AS i RETURN names[i] AS text"
    )
    typed += [record["text"] for record in records]
    records, _, _ = await db.read(
        "MATCH (p:Passage) WITH p ORDER BY p.id "
        "WITH collect(p.text) AS texts "
        "UNWIND range(0, size(texts) - 1, 10) AS i RETURN texts[i] AS text"
    )
    typed += [" ".join(str(record["text"]).split()[:4]) for record in records]
    return {text: pages.get(text, [DEFAULT]) for text in typed if text and text.strip()}


async def standard_hits(db: Database, parameters: dict[str, Any]) -> list[dict[str, Any]]:
    records, _, _ = await db.read(STANDARD, parameters)
    return [record["hit"] for record in records]


async def fast_answer(db: Database, parameters: dict[str, Any]) -> dict[str, Any]:
    records, _, _ = await db.read(SEARCH_QUERY, {"search": parameters})
    assert len(records) == 1
    return dict(records[0])


async def abbreviated(db: Database, text: str, candidates: int) -> list[dict[str, Any]]:
    """What `queries/abbreviations.cypher`, run on its own, answers for the words typed."""
    query = lookup_query(text)
    if query is None:
        return []
    records, _, _ = await db.read(
        named_query("abbreviations"), {"query": query, "candidates": candidates}
    )
    return [record["entity"] for record in records]


def with_details(hit: dict[str, Any], details: Details) -> dict[str, Any]:
    """A hit of the standard query with the details left out emptied, as the fast query leaves
    them: an entity's first evidence (its documentId and paragraph), a body's identifiers, the
    entities supported, the text."""
    kept = dict(hit)
    if not details.entities:
        kept["supports"] = []
    if not details.first_evidence and hit["type"] not in OTHER_HITS:
        kept["documentId"] = kept["paragraph"] = None
    if not details.identifiers:
        kept["identifiers"] = None
    if not details.text:
        kept["text"] = None
    return kept


def first_difference(
    standard: Sequence[Mapping[str, Any]], fast: Sequence[Mapping[str, Any]]
) -> str:
    for rank, (expected, got) in enumerate(zip(standard, fast, strict=False), 1):
        if expected != got:
            return f"hit {rank}: standard {expected} / fast {got}"
    return f"{len(standard)} hits / {len(fast)} hits"


async def test_the_fast_query_answers_as_the_standard_one_over_a_broad_corpus(
    kb: Database,
) -> None:
    """The fast query's hits are the standard query's; the abbreviations it reads beside them are
    what the abbreviations query answers on its own, and it reads none only for a text to which
    they add nothing; `search_rows`, which learns the abbreviations from the search's own answer
    (one round trip), gives the very same hits; and asked for fewer details, the same hits with
    only those details emptied."""
    texts = await corpus(kb)
    assert len(texts) > 250, len(texts)
    compared = evidence_hits = supported = with_abbreviations = typed_entities = unexpanded = 0
    differences = []
    EXPECTED_QUERIES.clear()
    for text, pages in texts.items():
        for first, types in pages:
            parameters = await search_parameters(kb, text, types, first)
            if parameters is None:
                assert await search_rows(kb, text, types, first) == []
                continue
            standard = await standard_hits(kb, parameters)
            fast = await fast_answer(kb, parameters)
            fewer = FEWER_DETAILS[compared % len(FEWER_DETAILS)]
            compared += 1
            evidence_hits += sum(hit["type"] == "Evidence" for hit in fast["hits"])
            supported += sum(len(hit["supports"]) for hit in fast["hits"])
            with_abbreviations += bool(fast["abbreviated"])
            typed_entities += bool(types) and any(hit["type"] not in OTHER_HITS for hit in standard)
            if standard != fast["hits"]:
                difference = first_difference(standard, fast["hits"])
                differences.append(f"{text!r} {first} {types}: {difference}")
            separately = await abbreviated(kb, text, parameters["abbreviationCandidates"])
            if may_expand(text):
                if fast["abbreviated"] != separately:
                    differences.append(f"{text!r}: abbreviations {fast['abbreviated']}")
            else:  # the lookup left out: it would have added nothing
                unexpanded += 1
                found = expansions_of(text, separately)
                if fast["abbreviated"] or found.names or found.abbreviations:
                    differences.append(f"{text!r}: lookup left out, but {found}")
            for _ in range(2):  # learning the text's abbreviations, then knowing them
                rows = await search_rows(kb, text, types, first)
                if rows != standard:
                    differences.append(f"{text!r} {first} {types}: search_rows differ")
            rows = await search_rows(kb, text, types, first, fewer)
            if rows != [with_details(hit, fewer) for hit in standard]:
                difference = first_difference(standard, rows)
                differences.append(f"{text!r} {first} {types} {fewer}: {difference}")
    assert not differences, "\n".join(differences[:10])
    # The corpus exercises what the fast query does differently: grouped quotes and their facts,
    # abbreviations read and left out, type filters that keep entities, and every choice of
    # details many times over.
    assert compared > 500 and evidence_hits > 2000 and supported > 10000, (
        compared,
        evidence_hits,
        supported,
    )
    assert with_abbreviations > 20 and typed_entities > 50, (with_abbreviations, typed_entities)
    assert unexpanded > 40, unexpanded


async def test_each_detail_left_out_is_emptied_and_nothing_else(kb: Database) -> None:
    """Over the quality set, each detail alone left out: it is empty on every hit, where the
    full search has it on some; the rest of every hit is the full search's."""
    emptied: dict[str, dict[str, Any]] = {
        "entities": {"supports": []},
        "first_evidence": {"document_id": None, "paragraph": None},
        "identifiers": {"identifiers": None},
        "text": {"text": None},
    }
    held = dict.fromkeys(emptied, 0)
    for query in read_quality_set().queries:
        full = await search(kb, query.query, first=20)
        for left_out, empty in emptied.items():
            details = Details(**{name: name != left_out for name in emptied})
            fewer = await search(kb, query.query, first=20, details=details)
            for hit, bare in zip(full, fewer, strict=True):
                entity_hit = hit.type not in OTHER_HITS
                cleared = empty if left_out != "first_evidence" or entity_hit else {}
                assert hit.model_copy(update=cleared) == bare, (query.query, left_out)
                held[left_out] += hit.model_copy(update=cleared) != hit
    assert all(count > 10 for count in held.values()), held


GRAPHQL_SEARCHES = [
    ("public health commissioning", "null"),  # quotes, passages, entities with their evidence
    ("Cheshire East", "[Body]"),  # bodies with their identifiers
]
# The fields of a hit, each on its own, then all of them: what is asked for is what the full
# search gives.
HIT_FIELDS = [
    "snippet",
    "documentId",
    "paragraph",
    "identifiers { registerCode gssCode formerGssCodes jurisdiction shortName }",
    "entities { id name }",
]


async def test_graphql_search_computes_what_is_selected_and_gives_the_full_answer(
    kb: Database, neo4j_uri: str, test_settings: Settings
) -> None:
    """Each field of a hit selected on its own (with the hit's id, type, name, score and fact
    count) is what a selection of every field gives, and so is the bare selection."""
    bare = "id type name score factCount"
    aliases = []
    for number, (text, types) in enumerate(GRAPHQL_SEARCHES):
        arguments = f'query: "{text}", types: {types}, first: 20'
        aliases.append(f"bare{number}: search({arguments}) {{ {bare} }}")
        aliases.append(f"full{number}: search({arguments}) {{ {bare} {' '.join(HIT_FIELDS)} }}")
        aliases += [
            f"one{number}x{index}: search({arguments}) {{ {bare} {field} }}"
            for index, field in enumerate(HIT_FIELDS)
        ]
    body = await ask_api_once(test_settings, neo4j_uri, "{ " + "\n".join(aliases) + " }")
    assert "errors" not in body, body
    data = body["data"]
    for number, _ in enumerate(GRAPHQL_SEARCHES):
        full = data[f"full{number}"]
        assert data[f"bare{number}"] == [{k: hit[k] for k in bare.split()} for hit in full]
        for index, field in enumerate(HIT_FIELDS):
            name = field.split()[0]
            expected = [{k: hit[k] for k in [*bare.split(), name]} for hit in full]
            assert data[f"one{number}x{index}"] == expected, field
    # Each field holds something somewhere, so that leaving it out is seen.
    everything = data["full0"] + data["full1"]
    assert any(hit["type"] == "Evidence" for hit in data["full0"])
    for field in HIT_FIELDS:
        assert any(hit[field.split()[0]] for hit in everything), field
    assert any(hit["documentId"] for hit in everything if hit["type"] not in OTHER_HITS)
    records = await search(kb, "public health commissioning", first=20)
    assert [{"id": e.id, "name": e.name} for e in records[2].supports] == (
        data["full0"][2]["entities"]
    )


def test_every_relation_type_is_looked_up_once() -> None:
    """A quote's relation is found by its type's index: a type missing from the query would
    leave the quotes of its relations without their entities."""
    branches = re.findall(
        r"MATCH \(a:Entity\)-\[r:(\w+)\]->\(b:Entity\) USING INDEX SEEK r:(\w+)\(id\)\s+"
        r"WHERE r\.id IN \[fact IN facts WHERE fact\.type = '(\w+)' \| fact\.id\]",
        named_query("search"),
    )
    assert all(matched == indexed == kept for matched, indexed, kept in branches), branches
    assert sorted(matched for matched, _, _ in branches) == sorted(RelationType)

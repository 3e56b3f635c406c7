"""The fast search query (`queries/search.cypher`) gives the very answers of the standard one
(`tests/fixtures/search/search_standard.cypher`, the query before it was made fast): the same hits
in the same order, with the same scores, names, snippets' text, documents, paragraphs, fact counts,
identifiers and entities (in the same order), over a broad corpus of what is typed: every query of
the search-quality set, the searches of the tests and benchmarks, and names, titles and passage
openings taken from the knowledge base itself, each with several page sizes and type filters, on
the knowledge base the quality set is measured on (the seed files and the sample fixtures)."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any

import httpx
import pytest
from asgi_lifespan import LifespanManager

from api.app import create_app
from bench.evaluate_search import read_quality_set
from graph.db import Database
from graph.model import RelationType
from graph.settings import PROJECT_ROOT, Settings
from loaders.load import load
from queries.cypher import named_query
from queries.search import EXPECTED_QUERIES, search, search_parameters, search_rows
from tests.conftest import clear_graph

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
    records, _, _ = await db.read(named_query("search"), {"search": parameters})
    assert len(records) == 1
    return dict(records[0])


async def abbreviated(db: Database, parameters: dict[str, Any]) -> list[dict[str, Any]]:
    """What `queries/abbreviations.cypher`, run on its own, answers for the same words."""
    records, _, _ = await db.read(
        named_query("abbreviations"),
        {
            "query": parameters["abbreviationQuery"],
            "candidates": parameters["abbreviationCandidates"],
        },
    )
    return [record["entity"] for record in records]


def first_difference(standard: Sequence[dict[str, Any]], fast: Sequence[dict[str, Any]]) -> str:
    for rank, (expected, got) in enumerate(zip(standard, fast, strict=False), 1):
        if expected != got:
            return f"hit {rank}: standard {expected} / fast {got}"
    return f"{len(standard)} hits / {len(fast)} hits"


async def test_the_fast_query_answers_as_the_standard_one_over_a_broad_corpus(
    kb: Database,
) -> None:
    """The fast query's hits are the standard query's; the abbreviations it reads beside them are
    what the abbreviations query answers on its own; and `search_rows`, which learns the
    abbreviations from the search's own answer (one round trip), gives the very same hits."""
    texts = await corpus(kb)
    assert len(texts) > 250, len(texts)
    compared = evidence_hits = supported = with_abbreviations = typed_entities = 0
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
            compared += 1
            evidence_hits += sum(hit["type"] == "Evidence" for hit in fast["hits"])
            supported += sum(len(hit["supports"]) for hit in fast["hits"])
            with_abbreviations += bool(fast["abbreviated"])
            typed_entities += bool(types) and any(hit["type"] not in OTHER_HITS for hit in standard)
            if standard != fast["hits"]:
                difference = first_difference(standard, fast["hits"])
                differences.append(f"{text!r} {first} {types}: {difference}")
            if fast["abbreviated"] != await abbreviated(kb, parameters):
                differences.append(f"{text!r}: abbreviations {fast['abbreviated']}")
            for _ in range(2):  # learning the text's abbreviations, then knowing them
                rows = await search_rows(kb, text, types, first)
                if rows != standard:
                    differences.append(f"{text!r} {first} {types}: search_rows differ")
    assert not differences, "\n".join(differences[:10])
    # The corpus exercises what the fast query does differently: grouped quotes and their facts,
    # abbreviations, and type filters that keep entities.
    assert compared > 500 and evidence_hits > 2000 and supported > 10000, (
        compared,
        evidence_hits,
        supported,
    )
    assert with_abbreviations > 20 and typed_entities > 50, (with_abbreviations, typed_entities)


async def test_without_entities_only_the_entities_are_left_out(kb: Database) -> None:
    for query in read_quality_set().queries:
        full = await search(kb, query.query, first=20)
        bare = await search(kb, query.query, first=20, with_entities=False)
        assert [hit.model_copy(update={"supports": []}) for hit in full] == bare, query.query
        assert all(not hit.supports for hit in bare)


async def test_graphql_search_gathers_entities_only_when_they_are_selected(
    kb: Database, neo4j_uri: str, test_settings: Settings
) -> None:
    fields = "id type name score snippet documentId paragraph factCount"
    query = f"""{{
      bare: search(query: "public health commissioning", first: 20) {{ {fields} }}
      full: search(query: "public health commissioning", first: 20) {{
        {fields} entities {{ id name }} }}
    }}"""
    app = create_app(test_settings, neo4j_uri=neo4j_uri)
    async with LifespanManager(app, startup_timeout=60):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            body = (await http.post("/graphql", json={"query": query})).json()
    assert "errors" not in body, body
    bare, full = body["data"]["bare"], body["data"]["full"]
    assert any(hit["type"] == "Evidence" for hit in full)
    assert all(hit["entities"] for hit in full if hit["type"] != "Document")
    assert bare == [{k: v for k, v in hit.items() if k != "entities"} for hit in full]
    records = await search(kb, "public health commissioning", first=20)
    assert [{"id": e.id, "name": e.name} for e in records[2].supports] == full[2]["entities"]


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

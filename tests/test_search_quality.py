"""Search and name lookup on the seed knowledge base, loaded for real: English stemming, codes
written together or apart, operator words as plain text, any word ranked by how much matches,
quotes of one paragraph as one hit, names without their body suffix and with small typos.
(`bench/evaluate_search.py` measures the whole search-quality set; these are its behaviours.)"""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from asgi_lifespan import LifespanManager

from api.app import create_app
from graph.db import Database
from graph.schema import FULLTEXT_INDEX, apply_schema
from graph.settings import PROJECT_ROOT, Settings
from loaders.load import load
from queries.entities import entities_by_name, name_matches
from queries.records import SearchHitRecord
from queries.search import search
from queries.text import query_terms
from tests.conftest import clear_graph

SEED_000 = "document:seed-000-revision-of-cabinet-portfolios"
SEED_002 = "document:seed-002-improving-partnership-structures"
COO = "post:cheshire-east-council:chief-operating-officer"
S151 = "post:cheshire-east-council:section-151-officer"
BRIDGE = (SEED_000, "3.3 bullet 3")  # "Libraries (Community Engagement or Learning)"


@pytest.fixture(scope="module")
async def kb(session_db: Database) -> AsyncIterator[Database]:
    await clear_graph(session_db)
    await load(session_db, [PROJECT_ROOT / "data"])
    yield session_db
    await clear_graph(session_db)


def paragraphs(hits: list[SearchHitRecord]) -> list[tuple[str | None, str | None]]:
    return [(hit.document_id, hit.paragraph) for hit in hits if hit.type == "Passage"]


def ids(hits: list[SearchHitRecord]) -> list[str]:
    return [hit.id for hit in hits]


async def test_library_finds_the_passage_and_service_that_libraries_finds(kb: Database) -> None:
    for typed in ("library", "libraries", "Library"):
        hits = await search(kb, typed, first=10)
        assert (SEED_000, "3.3 bullet 3") in paragraphs(hits), (typed, ids(hits))
        assert "service:libraries" in ids(hits)[:3], (typed, ids(hits))


async def test_codes_match_written_together_or_apart(kb: Database) -> None:
    for typed in ("CR40", "CR 40", "cr-40"):
        hits = await search(kb, typed, first=5)
        assert (SEED_002, "table: CR 40") in paragraphs(hits), (typed, ids(hits))
    for typed in ("s151", "S.151", "section 151", "S151 officer", "sec 151"):
        hits = await search(kb, typed, first=5)
        assert S151 in ids(hits), (typed, ids(hits))
    # A stop word before a number is not the letters of a code.
    assert query_terms("in 2013") == [["in"], ["2013"]]


async def test_operator_words_and_punctuation_are_plain_text(kb: Database) -> None:
    fire = ids(await search(kb, "fire AND rescue", first=5))
    assert "service:fire-and-rescue" in fire, fire
    skills = await search(kb, "Skills (Enterprise OR Learning)", first=5)
    assert (SEED_000, "3.3 bullet 1") in paragraphs(skills), ids(skills)
    public_health = ids(await search(kb, "public health NOT libraries", first=5))
    assert "service:public-health" in public_health, public_health
    for typed in ("AND", "OR NOT", '"', "+-()[]{}^~*?:\\/", "&& ||", "!"):
        assert await search(kb, typed) == [], typed  # no word typed: no hit, and no error
    # A pasted page is looked for by its first words, not refused for having too many clauses.
    assert await search(kb, " ".join(["section 151 public health libraries"] * 200), first=5)
    assert await name_matches(kb, " ".join(["Chief Executive"] * 100)) == []


async def test_any_word_matches_and_more_matching_words_rank_higher(kb: Database) -> None:
    # Every word required found nothing here: "who", "responsible" are in no public health name.
    hits = ids(await search(kb, "who is responsible for public health", first=5))
    assert hits[0] == "service:public-health", hits
    # A passage with both rare words outranks those with one of them.
    hits = ids(await search(kb, "lyme green zebra", first=5))
    assert hits[0] == "passage:seed-001-strategic-council-management-review:12", hits


async def test_abbreviations_find_the_names_they_stand_for_and_back(kb: Database) -> None:
    # Paragraph 4.2 says "Directors of Public Health", never "DPH"; the knowledge base knows the
    # post's alias DPH.
    dph = await search(kb, "DPH", first=10)
    assert ("document:seed-001-strategic-council-management-review", "4.2") in paragraphs(dph)
    hr = await search(kb, "human resources", first=10)
    assert ("document:seed-001-strategic-council-management-review", "HR Considerations") in (
        paragraphs(hr)
    )


async def test_quotes_of_one_paragraph_are_one_hit_listing_their_facts(kb: Database) -> None:
    hits = await search(kb, "libraries", types=["Evidence"], first=50)
    keys = Counter((hit.document_id, hit.paragraph) for hit in hits)
    assert keys and max(keys.values()) == 1, keys
    bridge = next(hit for hit in hits if (hit.document_id, hit.paragraph) == BRIDGE)
    records, _, _ = await kb.read(
        "MATCH (ev:Evidence {document: $document, paragraph: $paragraph}) "
        "WHERE toLower(ev.quote) CONTAINS 'libraries' RETURN count(ev) AS n",
        {"document": BRIDGE[0], "paragraph": BRIDGE[1]},
    )
    assert bridge.fact_count == records[0]["n"] > 1
    supported = {entity.id for entity in bridge.supports}
    assert {
        "service:libraries",
        "portfolio:council-of-document-000:learning",
        "portfolio:council-of-document-000:community-engagement",
    } <= supported, supported


async def test_names_match_without_their_body_and_with_small_typos(kb: Database) -> None:
    for typed in ("Chief Operating Officer", "chief operating officer", "Chief Operating Oficer"):
        matches = await name_matches(kb, typed)
        assert [match.entity.id for match in matches] == [COO], (typed, matches)
        assert [body.id for body in matches[0].bodies] == ["body:cheshire-east-council"]
        assert matches[0].matched_name == "Chief Operating Officer, Cheshire East Council"
    exact, typo = [(await name_matches(kb, t))[0] for t in ("COO", "Chief Operating Oficer")]
    assert exact.similarity == 1.0 > typo.similarity
    dph = await entities_by_name(kb, "Director of Pubic Health")
    assert [e.id for e in dph] == ["post:cheshire-east-council:director-of-public-health"]
    executives = {e.id for e in await entities_by_name(kb, "Chief Executive", ["Post"])}
    assert {
        "post:cheshire-east-council:chief-executive",
        "post:birmingham-city-council:chief-executive",
        "post:cheltenham-borough-council:chief-executive",
    } <= executives
    assert await entities_by_name(kb, "Chief Zebra Keeper") == []
    assert await entities_by_name(kb, "Chief Executive", ["Service"]) == []


async def test_graphql_search_and_name_matches(
    kb: Database, neo4j_uri: str, test_settings: Settings
) -> None:
    query = """{
      search(query: "libraries", types: [Evidence], first: 5) { id paragraph factCount }
      nameMatches(name: "Director of Public Health") {
        entity { id } matchedName similarity bodies { id name } }
      entitiesByName(name: "chief operating oficer") { id }
    }"""
    app = create_app(test_settings, neo4j_uri=neo4j_uri)
    async with LifespanManager(app, startup_timeout=60):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            response = await http.post("/graphql", json={"query": query})
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body
    data = body["data"]
    assert all(hit["factCount"] >= 1 for hit in data["search"])
    assert data["nameMatches"] == [
        {
            "entity": {"id": "post:cheshire-east-council:director-of-public-health"},
            "matchedName": "Director of Public Health (Cheshire East Council)",
            "similarity": 1.0,
            "bodies": [{"id": "body:cheshire-east-council", "name": "Cheshire East Council"}],
        }
    ]
    assert data["entitiesByName"] == [{"id": COO}]


async def test_apply_schema_recreates_a_fulltext_index_whose_analyzer_differs(
    kb: Database,
) -> None:
    await kb.write(f"DROP INDEX `{FULLTEXT_INDEX}`")
    await kb.write(
        f"CREATE FULLTEXT INDEX `{FULLTEXT_INDEX}` FOR (n:Entity) ON EACH [n.name] "
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words'}}"
    )
    await apply_schema(kb)
    await apply_schema(kb)  # and leaves it alone the second time
    records, _, _ = await kb.read(
        "SHOW FULLTEXT INDEXES YIELD name, labelsOrTypes, options WHERE name = $name "
        "RETURN labelsOrTypes, options.indexConfig['fulltext.analyzer'] AS analyzer, "
        "options.indexConfig['fulltext.eventually_consistent'] AS eventually_consistent",
        {"name": FULLTEXT_INDEX},
    )
    assert records[0]["analyzer"] == "english"
    assert records[0]["eventually_consistent"] is True
    assert "Passage" in records[0]["labelsOrTypes"]
    hits = await search(kb, "library", first=10)
    assert (SEED_000, "3.3 bullet 3") in paragraphs(hits)

"""The lists of gaps, whole or page by page, and their counts, asked through HTTP of a real Neo4j:
paging covers every gap exactly once in the whole list's order, cursors are checked, the counts
are the lists' lengths, everywhere and in one body, at a date or not."""

from __future__ import annotations

import base64
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from asgi_lifespan import LifespanManager

from api.app import create_app
from graph.db import Database
from graph.settings import Settings
from loaders.load import load
from queries import gaps

API_FIXTURES = Path(__file__).parent / "fixtures" / "api"
LISTS = (
    "servicesWithoutAccountability",
    "postsWithoutHolder",
    "postsWithoutReportingLine",
    "servicesClaimedByTwoPortfolios",
)
# What each list's items are asked for, and the item's identity in its list.
ITEMS = {
    "servicesWithoutAccountability": "cursor service { id name } links { type other { id } }",
    "postsWithoutHolder": "cursor post { id name } bodies { id } evidence { quote }",
    "postsWithoutReportingLine": "cursor post { id name } bodies { id }",
    "servicesClaimedByTwoPortfolios": "cursor service { id name } body { id name } "
    "claims { other { id } evidence { quote } }",
}
BODIES = (None, "body:northshire", "body:eastshire", "body:westshire")
DATES = (None, "2013-06-01", "2021-06-01")


def evidence(quote: str) -> list[dict[str, str]]:
    return [{"paragraph": "1", "quote": quote}]


def shire(key: str, name: str) -> dict[str, Any]:
    """A council whose posts share names (with one another and with the other council's): one
    held since 2015, one reporting to the chief executive, one ended in 2020; two portfolios
    both covering two services."""
    body, person = f"body:{key}", f"person:{key}-holder"
    posts: list[tuple[str, str, dict[str, str]]] = [
        *((f"post:{key}-officer-{n}", "Officer", {}) for n in range(3)),
        (f"post:{key}-officer-3", "Officer", {"valid_to": "2020-12-31"}),
        (f"post:{key}-adviser", "Adviser", {}),
        (f"post:{key}-chief", "Chief Executive", {}),
    ]
    entities: list[dict[str, Any]] = [
        {"id": body, "type": "Body", "name": name, "evidence": evidence(name)},
        {"id": person, "type": "Person", "name": f"Pat {name}", "evidence": evidence("Pat")},
    ]
    relations: list[dict[str, Any]] = [
        {"type": "HOLDS", "from": person, "to": f"post:{key}-officer-0",
         "valid_from": "2015-01-01", "evidence": evidence("Pat holds it")},
        {"type": "REPORTS_TO", "from": f"post:{key}-officer-1", "to": f"post:{key}-chief",
         "evidence": evidence("reports to the chief")},
    ]  # fmt: skip
    for post, post_name, dates in posts:
        quote = f"{post_name} of {name}"
        entities.append(
            {"id": post, "type": "Post", "name": post_name, **dates, "evidence": evidence(quote)}
        )
        relations.append(
            {"type": "BELONGS_TO", "from": post, "to": body, "evidence": evidence(quote)}
        )
    for n in range(2):
        portfolio = f"portfolio:{key}-{n}"
        entities.append({"id": portfolio, "type": "Portfolio", "name": f"Portfolio {n}",
                         "evidence": evidence(f"Portfolio {n}")})  # fmt: skip
        relations.append({"type": "BELONGS_TO", "from": portfolio, "to": body,
                          "evidence": evidence(f"Portfolio {n} of {name}")})  # fmt: skip
        for service in ("service:libraries", "service:public-health"):
            relations.append({"type": "COVERS", "from": portfolio, "to": service,
                              "evidence": evidence(f"Portfolio {n} covers {service}")})  # fmt: skip
    document = {"id": f"document:{key}-structure", "title": f"{name} structure", "body": body}
    return {
        "document": {**document, "date": "2021-01-01"},
        "entities": entities,
        "relations": relations,
    }


@pytest.fixture
async def gaps_client(
    neo4j_uri: str, test_settings: Settings, db: Database, tmp_path: Path
) -> AsyncIterator[httpx.AsyncClient]:
    """The API over the API fixtures and two councils whose gaps tie on names."""
    for key, name in (("eastshire", "Eastshire Council"), ("westshire", "Westshire Council")):
        (tmp_path / f"30_{key}.yaml").write_text(json.dumps(shire(key, name)))
    await load(db, [API_FIXTURES, tmp_path])
    app = create_app(test_settings, neo4j_uri=neo4j_uri)
    async with LifespanManager(app, startup_timeout=60):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            yield http


async def ask(http: httpx.AsyncClient, query: str, **variables: Any) -> dict[str, Any]:
    response = await http.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200
    answer: dict[str, Any] = response.json()
    return answer


async def gap_list(
    http: httpx.AsyncClient,
    name: str,
    body: str | None,
    as_of: str | None,
    first: int | None = None,
    after: str | None = None,
) -> list[dict[str, Any]]:
    query = f"""query ($body: ID, $asOf: Date, $first: Int, $after: String) {{
      gaps(body: $body, asOf: $asOf) {{ {name}(first: $first, after: $after) {{ {ITEMS[name]} }} }}
    }}"""
    answer = await ask(http, query, body=body, asOf=as_of, first=first, after=after)
    assert "errors" not in answer, answer
    items: list[dict[str, Any]] = answer["data"]["gaps"][name]
    return items


def sort_key(name: str, item: dict[str, Any]) -> tuple[str, ...]:
    service_or_post = item.get("service") or item["post"]
    if name == "servicesClaimedByTwoPortfolios":
        body = item["body"]
        return (body["name"], body["id"], service_or_post["name"], service_or_post["id"])
    return (service_or_post["name"], service_or_post["id"])


async def test_pages_cover_every_gap_once_in_the_whole_lists_order(
    gaps_client: httpx.AsyncClient,
) -> None:
    seen_ties = False
    for body in BODIES:
        for as_of in DATES:
            for name in LISTS:
                whole = await gap_list(gaps_client, name, body, as_of)
                keys = [sort_key(name, item) for item in whole]
                assert keys == sorted(keys), (name, body, as_of)  # by name, ids breaking ties
                assert len(set(keys)) == len(keys)
                names = [key[0] for key in keys]
                seen_ties |= len(set(names)) < len(names)
                assert await gap_list(gaps_client, name, body, as_of) == whole  # stable
                for size in (1, 2, 3):
                    paged: list[dict[str, Any]] = []
                    after = None
                    while True:
                        page = await gap_list(gaps_client, name, body, as_of, size, after)
                        assert len(page) <= size
                        paged += page
                        if len(page) < size:
                            break
                        after = page[-1]["cursor"]
                    assert paged == whole, (name, body, as_of, size)
    assert seen_ties  # the test graph does tie on names


async def test_the_lists_answer_what_the_graph_holds(gaps_client: httpx.AsyncClient) -> None:
    unheld = await gap_list(gaps_client, "postsWithoutHolder", "body:eastshire", None)
    assert [item["post"]["id"] for item in unheld] == [
        "post:eastshire-adviser",
        "post:eastshire-chief",
        "post:eastshire-officer-1",
        "post:eastshire-officer-2",
        "post:eastshire-officer-3",
    ]
    assert unheld[0]["evidence"] == [{"quote": "Adviser of Eastshire Council"}]
    in_2013 = await gap_list(gaps_client, "postsWithoutHolder", "body:eastshire", "2013-06-01")
    assert "post:eastshire-officer-0" in {item["post"]["id"] for item in in_2013}  # not yet held
    in_2021 = await gap_list(gaps_client, "postsWithoutHolder", "body:eastshire", "2021-06-01")
    assert "post:eastshire-officer-3" not in {item["post"]["id"] for item in in_2021}  # ended
    unlined = await gap_list(gaps_client, "postsWithoutReportingLine", None, None)
    unlined_ids = {item["post"]["id"] for item in unlined}
    assert "post:eastshire-officer-2" in unlined_ids
    assert not unlined_ids & {"post:eastshire-officer-1", "post:eastshire-chief"}
    claimed = await gap_list(gaps_client, "servicesClaimedByTwoPortfolios", None, None)
    assert [(item["body"]["id"], item["service"]["id"]) for item in claimed] == [
        ("body:eastshire", "service:libraries"),
        ("body:eastshire", "service:public-health"),
        ("body:northshire", "service:public-health"),
        ("body:westshire", "service:libraries"),
        ("body:westshire", "service:public-health"),
    ]
    assert [claim["other"]["id"] for claim in claimed[0]["claims"]] == [
        "portfolio:eastshire-0",
        "portfolio:eastshire-1",
    ]


async def test_counts_are_the_lists_lengths(gaps_client: httpx.AsyncClient) -> None:
    query = """query ($body: ID, $asOf: Date) { gaps(body: $body, asOf: $asOf) {
      counts { servicesWithoutAccountability postsWithoutHolder postsWithoutReportingLine
               servicesClaimedByTwoPortfolios } } }"""
    for body in BODIES:
        for as_of in DATES:
            answer = await ask(gaps_client, query, body=body, asOf=as_of)
            counts = answer["data"]["gaps"]["counts"]
            for name in LISTS:
                whole = await gap_list(gaps_client, name, body, as_of)
                assert counts[name] == len(whole), (name, body, as_of)
    one = await ask(gaps_client, "{ gaps { counts { postsWithoutHolder } } }")
    assert one["data"]["gaps"]["counts"] == {"postsWithoutHolder": 5 + 5 + 5}


async def test_cursors_and_page_sizes_are_checked(gaps_client: httpx.AsyncClient) -> None:
    [first] = await gap_list(gaps_client, "postsWithoutHolder", None, None, first=1)
    holder_cursor = first["cursor"]
    made_up = base64.b64encode(json.dumps(["postsWithoutHolder", "x"]).encode()).decode()
    refused = {
        "not base64!": "not a cursor this API gave out",
        base64.b64encode(b"offset:3").decode(): "not a cursor this API gave out",
        made_up: "not a cursor this API gave out",
    }
    for cursor, reason in refused.items():
        answer = await ask(
            gaps_client,
            "query ($after: String) { gaps { postsWithoutHolder(first: 2, after: $after) "
            "{ post { id } } } }",
            after=cursor,
        )
        [error] = answer["errors"]
        assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": "after"}
        assert reason in error["message"]
    answer = await ask(
        gaps_client,
        "query ($after: String) { gaps { postsWithoutReportingLine(after: $after) "
        "{ post { id } } } }",
        after=holder_cursor,
    )
    [error] = answer["errors"]
    assert error["extensions"]["argument"] == "after"
    assert "a cursor of postsWithoutHolder, not of postsWithoutReportingLine" in error["message"]
    for first_value in (0, 201):
        answer = await ask(
            gaps_client, f"{{ gaps {{ postsWithoutHolder(first: {first_value}) {{ cursor }} }} }}"
        )
        [error] = answer["errors"]
        assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": "first"}
        assert "between 1 and 200" in error["message"]


async def test_a_whole_list_read_page_by_page_is_the_list(
    gaps_client: httpx.AsyncClient, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    readers = (
        gaps.services_without_accountability,
        gaps.posts_without_holder,
        gaps.posts_without_reporting_line,
        gaps.services_claimed_twice,
    )
    for body in BODIES:
        for read in readers:
            in_one = await read(db, body, None)
            monkeypatch.setattr(gaps, "WHOLE_LIST_PAGE", 2)
            assert await read(db, body, None) == in_one, (read.__name__, body)
            monkeypatch.setattr(gaps, "WHOLE_LIST_PAGE", 5_000)

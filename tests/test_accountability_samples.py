"""The cross-body question on real council data: the knowledge base plus six councils' ModernGov
answers, asked through GraphQL who holds libraries, housing and culture. Each council is named by
its register (official) name, and each has a holder for each service its executive names."""

from __future__ import annotations

import os
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from asgi_lifespan import LifespanManager

from api.app import create_app
from graph.db import Database
from graph.settings import PROJECT_ROOT, Settings
from loaders.body_resolution import register_bodies
from loaders.load import load

_SHARED = [
    PROJECT_ROOT.parent / "shared" / "samples",
    PROJECT_ROOT.parent.parent / "shared" / "samples",
]
SAMPLES = (
    Path(
        os.environ.get("CIVICGRAPH_SAMPLES") or next((p for p in _SHARED if p.is_dir()), _SHARED[0])
    )
    / "moderngov"
)
COUNCILS = {
    "body:argyll-and-bute-council",
    "body:city-of-cardiff-council",
    "body:liverpool-city-council",
    "body:royal-borough-of-kingston-upon-thames",
    "body:st-helens-council",
    "body:worcestershire-county-council",
}
SERVICES = ("service:libraries", "service:housing", "service:cultural-services")
ACCOUNTABILITY = """query ($service: ID!) { accountability(service: $service) {
  bodies { body { id name } lines { kind service { id } accountable { id name type }
    holders { post { name } person { name } } } } } }"""


@pytest.fixture
async def samples_api(
    neo4j_uri: str, test_settings: Settings, db: Database
) -> AsyncIterator[httpx.AsyncClient]:
    await load(db, [PROJECT_ROOT / "data", *sorted(SAMPLES.glob("*.xml"))])
    # the whole knowledge base and the register: more than the default limit on a busy machine
    settings = test_settings.model_copy(update={"query_timeout_s": 120.0})
    app = create_app(settings, neo4j_uri=neo4j_uri)
    async with LifespanManager(app, startup_timeout=60):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            yield http


async def holders_by_council(
    http: httpx.AsyncClient, service: str
) -> dict[str, tuple[str, list[str]]]:
    """Council id -> (its name as answered, 'person (post)' of each political holder)."""
    response = await http.post(
        "/graphql", json={"query": ACCOUNTABILITY, "variables": {"service": service}}
    )
    body: dict[str, Any] = response.json()
    assert response.status_code == 200 and "errors" not in body, body.get("errors")
    found: dict[str, tuple[str, list[str]]] = {}
    for entry in body["data"]["accountability"]["bodies"]:
        if entry["body"] is None or entry["body"]["id"] not in COUNCILS:
            continue
        holders = sorted(
            {
                f"{holder['person']['name']} ({holder['post']['name']})"
                for line in entry["lines"]
                if line["kind"] == "political"
                for holder in line["holders"]
                if holder["person"] is not None
            }
        )
        found[entry["body"]["id"]] = (entry["body"]["name"], holders)
    return found


# Words by which an executive post's own title names each service (or one narrower than it).
NAMED_BY = {
    "service:libraries": re.compile(r"librar", re.IGNORECASE),
    "service:housing": re.compile(r"\bhousin", re.IGNORECASE),
    "service:cultural-services": re.compile(
        r"cultur|librar|museum|heritage|\barts\b|leisure|\bsport|tourism|\bparks\b", re.IGNORECASE
    ),
}


async def executive_posts(db: Database) -> dict[str, list[tuple[str, str]]]:
    """Council id -> (post, holder) of each executive post with a holder."""
    records, _, _ = await db.read(
        "MATCH (person:Person)-[:HOLDS]->(p:Post {post_kind: 'executive'})-[:BELONGS_TO]->(b:Body) "
        "WHERE b.id IN $councils RETURN b.id AS body, p.name AS post, person.name AS person",
        {"councils": sorted(COUNCILS)},
    )
    found: dict[str, list[tuple[str, str]]] = {}
    for record in records:
        found.setdefault(record["body"], []).append((record["post"], record["person"]))
    return found


@pytest.mark.skipif(not SAMPLES.is_dir(), reason=f"the ModernGov samples are not at {SAMPLES}")
async def test_who_holds_libraries_housing_and_culture_in_each_sample_council(
    samples_api: httpx.AsyncClient, db: Database
) -> None:
    register = register_bodies().entities
    answers = {service: await holders_by_council(samples_api, service) for service in SERVICES}
    for service, councils in answers.items():
        print(f"\n{service}")
        for body_id in sorted(COUNCILS):
            name, holders = councils.get(body_id, (register[body_id].name, []))
            print(f"  {name}: {'; '.join(holders) or '-'}")
    executives = await executive_posts(db)
    assert set(executives) == COUNCILS  # every sample council's executive is in the graph
    for service, councils in answers.items():
        for body_id, (name, holders) in councils.items():
            assert name == register[body_id].name, (service, body_id)
            assert holders, (service, body_id)
        # every executive whose own title names the service is found, in its council
        for body_id, posts in executives.items():
            naming = {
                f"{person} ({post})" for post, person in posts if NAMED_BY[service].search(post)
            }
            answered = set(councils.get(body_id, ("", []))[1])
            assert naming <= answered, (service, body_id, naming - answered)
    assert {service: len(councils) for service, councils in answers.items()} == {
        service: sum(
            any(NAMED_BY[service].search(post) for post, _ in posts)
            for posts in executives.values()
        )
        for service in SERVICES
    }

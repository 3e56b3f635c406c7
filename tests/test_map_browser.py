"""The relationship map at /map, driven in Debian's Chromium against the real API and Neo4j.

The graph is the service vocabulary plus a small made-up council (tests/fixtures/map/), loaded
through the real loader. What the map should draw is asked of the GraphQL API in the same test.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import httpx
import pytest

from graph.db import Database
from loaders.load import load
from tests.browser_support import ApiServer, MapPage, artifact, wait_until_ready

ROOT = Path(__file__).resolve().parent.parent
MAP_FIXTURES = [ROOT / "data" / "vocabulary" / "services.yaml", ROOT / "tests" / "fixtures" / "map"]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

NEIGHBOURHOOD = """
query ($id: ID!, $depth: Int, $asOf: Date) {
  neighbourhood(id: $id, depth: $depth, asOf: $asOf) { nodes { id } edges { id } }
}"""


@pytest.fixture
async def map_graph(db: Database) -> Database:
    await load(db, MAP_FIXTURES)
    return db


def api_view(
    api_base: str, focus: str, depth: int, as_of: str | None = None
) -> dict[str, set[str]]:
    variables = {"id": focus, "depth": depth, "asOf": as_of}
    response = httpx.post(
        f"{api_base}/graphql", json={"query": NEIGHBOURHOOD, "variables": variables}, timeout=30
    )
    payload = response.json()
    assert "errors" not in payload, payload
    view = payload["data"]["neighbourhood"]
    return {
        "nodes": {node["id"] for node in view["nodes"]},
        "edges": {edge["id"] for edge in view["edges"]},
    }


async def map_ids(map_page: MapPage, selector: str) -> set[str]:
    ids: list[str] = await map_page.page.evaluate(
        "(selector) => window.civicgraphMap.cy.elements(selector)"
        ".filter((e) => e.visible()).map((e) => e.id())",
        selector,
    )
    return set(ids)


async def click_node(map_page: MapPage, node_id: str) -> None:
    """A real mouse click where the node is drawn on the canvas."""
    page = map_page.page
    point: dict[str, float] = await page.evaluate(
        """(id) => {
             const node = window.civicgraphMap.cy.getElementById(id);
             const box = document.getElementById('cy').getBoundingClientRect();
             const at = node.renderedPosition();
             return {x: box.left + at.x, y: box.top + at.y};
           }""",
        node_id,
    )
    await page.mouse.click(point["x"], point["y"])


async def click_edge(map_page: MapPage, source: str, edge_type: str, target: str) -> str:
    """A real mouse click on the middle of the edge's line; returns the edge's id."""
    found: dict[str, Any] = await map_page.page.evaluate(
        """([source, type, target]) => {
             const edge = window.civicgraphMap.cy.edges().filter((e) =>
               e.source().id() === source && e.target().id() === target
               && e.data('type') === type)[0];
             const box = document.getElementById('cy').getBoundingClientRect();
             const at = edge.renderedMidpoint();
             return {id: edge.id(), x: box.left + at.x, y: box.top + at.y};
           }""",
        [source, edge_type, target],
    )
    await map_page.page.mouse.click(found["x"], found["y"])
    edge_id: str = found["id"]
    return edge_id


async def has_class(map_page: MapPage, node_id: str, name: str) -> bool:
    result: bool = await map_page.page.evaluate(
        "([id, name]) => window.civicgraphMap.cy.getElementById(id).hasClass(name)",
        [node_id, name],
    )
    return result


def only_local_requests(map_page: MapPage) -> list[str]:
    return [
        url
        for url in map_page.log.requests
        if not url.startswith((map_page.base_url, "blob:", "data:", "about:"))
    ]


def test_the_committed_build_matches_its_sources() -> None:
    """web/dist is committed: whoever changes web/src commits the build too (`make web`)."""
    web = ROOT / "web"
    sources = [
        *sorted((web / "src").iterdir()),
        web / "build.mjs",
        web / "package.json",
        web / "package-lock.json",
    ]
    digest = hashlib.sha256(b"".join(path.read_bytes() for path in sources)).hexdigest()
    assert (web / "dist" / "SOURCES.sha256").read_text().strip() == digest[:16]


def test_page_and_assets_are_served_locally_and_framable_by_the_same_origin_only(
    map_api: ApiServer,
) -> None:
    with httpx.Client(base_url=map_api.base_url) as client:
        page = client.get("/map")
        script = client.get("/map/assets/map.js")
        style = client.get("/map/assets/map.css")
        unknown = client.get("/map/assets/..%2F..%2Fpyproject.toml")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert page.headers["x-frame-options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in page.headers["content-security-policy"]
    assert re.findall(r'(?:src|href)="(https?:)?//', page.text) == []
    assert script.status_code == 200
    assert script.headers["content-type"].startswith("text/javascript")
    assert "cytoscape" in script.text
    assert style.status_code == 200
    assert unknown.status_code == 404


async def test_search_expand_filter_details_and_export(
    map_page: MapPage, map_graph: Database
) -> None:
    page = map_page.page
    await page.goto(f"{map_page.base_url}/map")
    await wait_until_ready(page)

    # Search with the keyboard only: type, Enter, arrow down to the hit, Enter.
    await page.get_by_label("Search entities and passages").fill("libraries")
    await page.keyboard.press("Enter")
    await page.wait_for_selector('#search-results button.result[data-id="service:libraries"]')
    await wait_until_ready(page)
    await page.keyboard.press("ArrowDown")
    for _ in range(20):
        active = await page.evaluate("document.activeElement.dataset.id")
        if active == "service:libraries":
            break
        await page.keyboard.press("ArrowDown")
    assert active == "service:libraries"
    await page.keyboard.press("Enter")
    await page.wait_for_function(
        "() => window.civicgraphMap.cy.getElementById('service:libraries').hasClass('focus')"
    )
    await wait_until_ready(page)
    expected = api_view(map_page.base_url, "service:libraries", 1)
    assert await map_ids(map_page, "node") == expected["nodes"]
    assert await map_ids(map_page, "edge") == expected["edges"]
    assert {"post:northbrook-head-of-culture", "portfolio:northbrook-culture"} <= expected["nodes"]
    assert "person:northbrook-tom-reed" not in expected["nodes"]

    # Click a node: its neighbourhood is merged in and the side panel shows its evidence.
    await click_node(map_page, "post:northbrook-head-of-culture")
    await page.wait_for_function(
        "() => window.civicgraphMap.cy.getElementById('person:northbrook-tom-reed').nonempty()"
    )
    await wait_until_ready(page)
    merged = (
        expected["nodes"]
        | api_view(map_page.base_url, "post:northbrook-head-of-culture", 1)["nodes"]
    )
    assert await map_ids(map_page, "node") == merged
    assert await has_class(map_page, "post:northbrook-head-of-culture", "expanded")
    details = page.locator("#details")
    await details.get_by_role("heading", name="Head of Culture and Libraries").wait_for()
    evidence = details.locator(".evidence").first
    assert "reports to the Chief Executive" in await evidence.locator("blockquote").inner_text()
    source = await evidence.locator(".source").inner_text()
    assert "Northbrook Borough Council, Cabinet portfolios and responsibilities" in source
    assert "2015-05-20" in source
    assert "paragraph 4.3" in source

    # Filter by type: people disappear and come back.
    await page.get_by_label("Person", exact=True).uncheck()
    people = await map_ids(map_page, "node[type = 'Person']")
    assert people == set()
    assert "post:northbrook-head-of-culture" in await map_ids(map_page, "node")
    await page.get_by_label("Person", exact=True).check()
    await page.wait_for_function(
        "() => window.civicgraphMap.cy.getElementById('person:northbrook-tom-reed').visible()"
    )
    assert "person:northbrook-tom-reed" in await map_ids(map_page, "node")

    # Filter by date: before 20 May 2015 the old portfolio shows, the new one does not.
    await page.get_by_label("As of").fill("2015-01-01")
    await page.wait_for_function(
        "() => window.civicgraphMap.cy.getElementById('portfolio:northbrook-culture').empty()"
    )
    await wait_until_ready(page)
    before = await map_ids(map_page, "node")
    assert "portfolio:northbrook-communities" in before
    assert "asOf=2015-01-01" in page.url
    await page.get_by_label("As of").fill("2016-01-01")
    await page.wait_for_function(
        "() => window.civicgraphMap.cy.getElementById('portfolio:northbrook-culture').nonempty()"
    )
    await wait_until_ready(page)
    after = await map_ids(map_page, "node")
    assert "portfolio:northbrook-communities" not in after
    as_of_view = api_view(map_page.base_url, "service:libraries", 1, "2016-01-01")["nodes"]
    assert as_of_view <= after

    # Exports: a PNG and the nodes and edges in view as JSON.
    async with page.expect_download() as png_download:
        await page.get_by_role("button", name="Export PNG").click()
    png_path = artifact("map-export.png")
    await (await png_download.value).save_as(png_path)
    png = png_path.read_bytes()
    assert png.startswith(PNG_SIGNATURE)
    assert len(png) > 10_000
    async with page.expect_download() as json_download:
        await page.get_by_role("button", name="Export JSON").click()
    json_path = artifact("map-export.json")
    await (await json_download.value).save_as(json_path)
    exported: dict[str, Any] = json.loads(json_path.read_text())
    assert {node["data"]["id"] for node in exported["nodes"]} == after
    assert len(exported["edges"]) == len(await map_ids(map_page, "edge"))

    await page.screenshot(path=artifact("map.png"))
    assert map_page.log.errors == []
    assert only_local_requests(map_page) == []


async def test_a_node_and_an_edge_show_their_facts_and_evidence(
    map_page: MapPage, map_graph: Database
) -> None:
    page = map_page.page
    await page.goto(f"{map_page.base_url}/map?focus=post:northbrook-head-of-culture")
    await wait_until_ready(page)
    details = page.locator("#details")
    await details.get_by_role("heading", name="Head of Culture and Libraries").wait_for()

    # The entity's relations, each with the evidence for it, in the panel.
    relations = details.locator(".relation")
    relation_texts = await relations.all_inner_texts()
    panel_text = await details.inner_text()
    assert any("accountable for (managerial) → Libraries" in text for text in relation_texts), (
        panel_text
    )
    reports_to = relations.filter(has=page.locator("summary", has_text="reports to →"))
    await reports_to.locator("summary").click()
    quote = await reports_to.locator(".evidence blockquote").first.inner_text()
    assert "reports to the Chief Executive" in quote

    # An edge clicked on the map: that relation and its evidence.
    edge_id = await click_edge(
        map_page, "post:northbrook-head-of-culture", "REPORTS_TO", "post:northbrook-chief-executive"
    )
    await wait_until_ready(page)
    await page.locator(f'#details[data-entity="{edge_id}"] .evidence').first.wait_for()
    assert "reports to the Chief Executive" in await details.locator("blockquote").inner_text()
    facts = await details.locator(".facts").inner_text()
    assert "Head of Culture and Libraries" in facts
    assert "Chief Executive" in facts
    assert map_page.log.errors == []


async def test_a_link_opens_straight_on_its_view(map_page: MapPage, map_graph: Database) -> None:
    page = map_page.page
    await page.goto(f"{map_page.base_url}/map?focus=body:northbrook&depth=2")
    await wait_until_ready(page)
    expected = api_view(map_page.base_url, "body:northbrook", 2)
    assert await map_ids(map_page, "node") == expected["nodes"]
    assert await map_ids(map_page, "edge") == expected["edges"]
    assert "service:libraries" in expected["nodes"]  # two steps away, through a portfolio
    assert await has_class(map_page, "body:northbrook", "focus")
    assert await page.get_by_label("Depth").input_value() == "2"
    await (
        page.locator("#details")
        .get_by_role("heading", name="Northbrook Borough Council")
        .wait_for()
    )
    await page.screenshot(path=artifact("map-link-depth-2.png"))
    assert map_page.log.errors == []


async def test_the_map_embeds_in_a_frame_of_the_same_origin(
    map_page: MapPage, map_graph: Database
) -> None:
    page = map_page.page
    host = f"{map_page.base_url}/dashboard-test-host"
    frame_src = "/map?focus=portfolio:northbrook-culture&depth=2&asOf=2016-01-01&embed=1"
    await page.route(
        host,
        lambda route: route.fulfill(
            content_type="text/html",
            body=f'<h1>Dashboard</h1><iframe id="map" src="{frame_src}" '
            'width="900" height="600" title="Relationship map"></iframe>',
        ),
    )
    await page.goto(host)
    frame = page.frame_locator("#map")
    await frame.locator("body[data-state='ready']").wait_for(timeout=20_000)
    embedded = page.frames[1]
    ids: list[str] = await embedded.evaluate(
        "() => window.civicgraphMap.cy.nodes().filter((n) => n.visible()).map((n) => n.id())"
    )
    expected = api_view(map_page.base_url, "portfolio:northbrook-culture", 2, "2016-01-01")
    assert set(ids) == expected["nodes"]
    assert not await frame.locator(".toolbar").is_visible()
    assert not await frame.locator("#details").is_visible()
    await page.screenshot(path=artifact("map-embedded.png"))
    assert map_page.log.errors == []


async def test_a_frame_of_another_origin_is_refused(map_page: MapPage) -> None:
    # localhost and 127.0.0.1 are different origins to the browser.
    other_origin = map_page.base_url.replace("127.0.0.1", "localhost")
    host = f"{other_origin}/elsewhere"
    frame_src = f"{map_page.base_url}/map"
    page = map_page.page
    await page.route(
        host,
        lambda route: route.fulfill(
            content_type="text/html",
            body=f'<iframe id="map" src="{frame_src}" title="Relationship map"></iframe>',
        ),
    )
    await page.goto(host)  # waits for the frame's load too
    framed = page.frames[1]
    assert framed.url == "chrome-error://chromewebdata/"  # the browser refused to frame it
    assert await page.evaluate("typeof window.civicgraphMap") == "undefined"


async def test_the_cytoscape_export_of_the_api_draws_in_the_map(
    map_page: MapPage, map_graph: Database
) -> None:
    page = map_page.page
    await page.goto(f"{map_page.base_url}/map")
    await wait_until_ready(page)
    response = httpx.get(
        f"{map_page.base_url}/export/cytoscape",
        params={"focus": "body:northbrook", "depth": 1},
        timeout=30,
    )
    assert response.status_code == 200
    elements: dict[str, Any] = response.json()
    drawn: dict[str, Any] = await page.evaluate(
        """(elements) => {
             const cy = window.civicgraphMap.cy;
             cy.add(elements);
             const body = cy.getElementById('body:northbrook');
             return {nodes: cy.nodes().length, edges: cy.edges().length,
                     bodyShape: body.style('shape')};
           }""",
        elements,
    )
    assert drawn["nodes"] == len(elements["nodes"]) > 1
    assert drawn["edges"] == len(elements["edges"]) > 0
    assert drawn["bodyShape"] == "round-rectangle"  # the map's style for a Body applies
    assert map_page.log.errors == []

"""Exports of the whole graph, a body and a neighbourhood: Popolo (and its round trip), GraphML
opened by networkx, Cytoscape.js JSON loaded by cytoscape.js in Node, CSV, and over HTTP."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import networkx as nx
import pytest
from asgi_lifespan import LifespanManager

from api.app import create_app
from graph.db import Database
from graph.settings import Settings
from queries.exports import FORMATS, body_graph, neighbourhood_graph, whole_graph
from queries.exports.popolo_out import popolo_document
from tests.conftest import clear_graph
from tests.test_formats_load import FORMATS as FIXTURES
from tests.test_formats_load import VOCABULARY, load
from tests.test_query_cli import civicgraph, cli_env

__all__ = ["cli_env"]  # the fixture, shared with the query CLI tests

NODE_CHECK = Path(__file__).parent / "node"
CEO = "post:audit-commission-54084"
POPOLO_PARTS = ("persons", "organizations", "posts", "memberships")


async def load_everything(db: Database) -> None:
    await load(db, VOCABULARY)
    await load(
        db,
        FIXTURES / "popolo",
        FIXTURES / "organogram",
        FIXTURES / "moderngov",
        FIXTURES / "transparency",
    )


def comparable(document: dict[str, Any]) -> dict[str, list[str]]:
    return {
        part: sorted(json.dumps(item, sort_keys=True) for item in document[part])
        for part in POPOLO_PARTS
    }


async def test_popolo_round_trip_keeps_people_organisations_posts_and_memberships(
    db: Database, tmp_path: Path
) -> None:
    await load_everything(db)
    first = popolo_document(await whole_graph(db))
    exported = tmp_path / "exported-popolo.json"
    exported.write_text(json.dumps(first))

    await clear_graph(db)
    await load(db, VOCABULARY)
    await load(db, exported)
    second = popolo_document(await whole_graph(db))

    assert comparable(second) == comparable(first)
    assert len(first["persons"]) > 90 and len(first["memberships"]) > 130
    holders = [m for m in first["memberships"] if "post_id" in m]
    assert {m["role"] for m in holders} >= {"Leader", "Acting Deputy Leader", "Chief Executive"}
    partial = {m["start_date"] for m in first["memberships"] if "start_date" in m}
    assert {"2016", "2016-05"} <= partial


async def test_graphml_cytoscape_and_csv_of_the_whole_graph(db: Database, tmp_path: Path) -> None:
    await load(db, VOCABULARY)
    await load(db, FIXTURES / "organogram", FIXTURES / "moderngov")
    graph = await whole_graph(db)

    graphml = tmp_path / "graph.graphml"
    graphml.write_bytes(FORMATS["graphml"].render(graph))
    opened = nx.read_graphml(graphml, force_multigraph=True)
    assert opened.number_of_nodes() == len(graph.nodes)
    assert opened.number_of_edges() == len(graph.edges)
    assert opened.nodes[CEO]["label"] == "Chief Executive"
    assert opened.nodes[CEO]["type"] == "Post"

    nodes = list(csv.DictReader(io.StringIO(FORMATS["csv-nodes"].render(graph).decode())))
    edges = list(csv.DictReader(io.StringIO(FORMATS["csv-edges"].render(graph).decode())))
    assert len(nodes) == len(graph.nodes) and len(edges) == len(graph.edges)
    assert {row["Id"] for row in nodes} >= {row["Source"] for row in edges}
    assert {row["Type"] for row in edges} == {"Directed"}

    cytoscape = tmp_path / "graph.cytoscape.json"
    cytoscape.write_bytes(FORMATS["cytoscape"].render(graph))
    report = run_cytoscape_check(cytoscape)
    assert report["nodes"] == len(graph.nodes) and report["edges"] == len(graph.edges)
    assert report["dangling"] == 0
    assert report["types"]["Post"] == sum(1 for n in graph.nodes if n.type == "Post")


def run_cytoscape_check(path: Path) -> dict[str, Any]:
    if shutil.which("node") is None:
        pytest.skip("Node.js is not installed")
    if not (NODE_CHECK / "node_modules" / "cytoscape").is_dir():
        pytest.fail("cytoscape.js is not installed: run `npm ci` in tests/node (make test does)")
    result = subprocess.run(
        ["node", str(NODE_CHECK / "check_cytoscape.mjs"), str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report: dict[str, Any] = json.loads(result.stdout)
    return report


async def test_a_body_and_a_neighbourhood(db: Database) -> None:
    await load(db, VOCABULARY)
    await load(db, FIXTURES / "organogram", FIXTURES / "transparency")

    body = await body_graph(db, "body:audit-commission")
    ids = {node.id for node in body.nodes}
    assert CEO in ids and "person:audit-commission-eugene-sullivan" in ids
    assert not any(i.startswith("post:exampleshire") for i in ids)
    assert all(edge.source in ids and edge.target in ids for edge in body.edges)

    near = await neighbourhood_graph(db, CEO, 1)
    reports_to_ceo = [e for e in body.edges if e.type == "REPORTS_TO" and e.target == CEO]
    near_ids = {node.id for node in near.nodes}
    assert {e.source for e in reports_to_ceo} <= near_ids
    assert (
        "body:audit-commission" in near_ids
        and "person:audit-commission-eugene-sullivan" in near_ids
    )
    assert not any(i.startswith("post:audit-commission-24126") for i in near_ids)  # two steps away
    further = await neighbourhood_graph(db, CEO, 2)
    assert near_ids < {node.id for node in further.nodes}


@pytest.fixture
async def client(
    neo4j_uri: str, test_settings: Settings, db: Database
) -> AsyncIterator[httpx.AsyncClient]:
    await load(db, VOCABULARY)
    await load(db, FIXTURES / "organogram")
    app = create_app(test_settings, neo4j_uri=neo4j_uri)
    async with LifespanManager(app, startup_timeout=60):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            yield http


async def test_exports_over_http(client: httpx.AsyncClient) -> None:
    response = await client.get("/export/cytoscape", params={"focus": CEO, "depth": 1})
    assert response.status_code == 200
    elements = response.json()
    assert CEO in {node["data"]["id"] for node in elements["nodes"]}
    assert all({"id", "source", "target"} <= set(e["data"]) for e in elements["edges"])

    response = await client.get("/export/popolo", params={"body": "body:audit-commission"})
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    assert any(p["id"] == CEO for p in response.json()["posts"])

    assert (await client.get("/export/graphml")).text.startswith("<?xml")
    assert (await client.get("/export/svg")).status_code == 404
    assert (await client.get("/export/popolo", params={"body": "body:nowhere"})).status_code == 404
    assert (
        await client.get("/export/popolo", params={"focus": CEO, "depth": 9})
    ).status_code == 422


async def test_load_and_export_from_the_command_line(
    cli_env: dict[str, str], db: Database, tmp_path: Path
) -> None:
    senior = FIXTURES / "organogram" / "audit_commission-2012-03-31-senior.csv"
    loaded = await civicgraph(cli_env, "load", str(VOCABULARY), "--format", "curated")
    assert loaded.exit_code == 0, loaded.output
    loaded = await civicgraph(cli_env, "load", "--format", "organogram", str(senior))
    assert loaded.exit_code == 0, loaded.output

    out = tmp_path / "ceo.json"
    exported = await civicgraph(
        cli_env, "export", "cytoscape", "--focus", CEO, "--depth", "1", "-o", str(out)
    )
    assert exported.exit_code == 0, exported.output
    elements = json.loads(out.read_text())
    assert CEO in {node["data"]["id"] for node in elements["nodes"]}
    assert f"focus:{CEO} depth 1" in exported.stderr

    to_stdout = await civicgraph(cli_env, "export", "csv-nodes", "--body", "body:audit-commission")
    assert to_stdout.exit_code == 0, to_stdout.output
    assert to_stdout.stdout.startswith("Id,Label,type")
    folder = tmp_path / "csv"
    both = await civicgraph(cli_env, "export", "csv", "--focus", CEO, "-o", str(folder))
    assert both.exit_code == 0, both.output
    edges = list(csv.DictReader((folder / "edges.csv").open()))
    assert {row["Source"] for row in edges} | {row["Target"] for row in edges} <= {
        row["Id"] for row in csv.DictReader((folder / "nodes.csv").open())
    }
    refused = await civicgraph(cli_env, "export", "svg")
    assert refused.exit_code == 1 and "unknown format" in refused.stderr

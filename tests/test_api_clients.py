"""Real GraphQL clients against the API: Apollo Client (tests/node/check_apollo_client.mjs) asks a
live server over the graph of `tests/fixtures/api` with fragments and variables, and the Relay
compiler validates Relay-style fragments (tests/node/relay) against the committed schema.graphql.

Node.js and the packages of tests/node (`npm ci` there; `make test` does it) are needed: without
Node these tests skip and say why, and under CI (`CI=true`) they fail instead.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from graph.db import Database
from graph.settings import Settings
from loaders.load import load
from tests.browser_support import ApiServer, start_api_server, stop_api_server

NODE_CHECKS = Path(__file__).parent / "node"
FIXTURES = Path(__file__).parent / "fixtures" / "api"
POST = "post:northshire-head-of-libraries"
BODY = "body:northshire"


def require_node(package: str) -> str:
    """The node executable, once the package is installed in tests/node."""
    node = shutil.which("node")
    if node is None:
        reason = "Node.js is not installed: the GraphQL client checks cannot run"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + ". Under CI they must run.")
        pytest.skip(reason)
    if not (NODE_CHECKS / "node_modules" / package).is_dir():
        pytest.fail(f"{package} is not installed: run `npm ci` in tests/node (make test does)")
    return node


NEIGHBOURHOOD = """query ($id: ID!, $types: [EntityType!]) {
  neighbourhood(id: $id, depth: 1, types: $types) { nodes { id } edges { id } } }"""


def plain_request(api: ApiServer, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    """The same question without a client library, to compare with what the client got."""
    response = httpx.post(
        f"{api.base_url}/graphql", json={"query": query, "variables": variables}, timeout=30
    )
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body
    data: dict[str, Any] = body["data"]
    return data


def run(command: list[str], cwd: Path = NODE_CHECKS) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.fixture
async def live_api(db: Database, test_settings: Settings, neo4j_uri: str) -> Iterator[ApiServer]:
    await load(db, [FIXTURES])
    api = start_api_server(test_settings, neo4j_uri)
    yield api
    stop_api_server(api)


def test_apollo_client_reads_fragments_variables_pages_and_nodes(live_api: ApiServer) -> None:
    node = require_node("@apollo/client")
    script = str(NODE_CHECKS / "check_apollo_client.mjs")
    result = run([node, script, f"{live_api.base_url}/graphql", POST, BODY])
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", result.stderr  # Apollo's warnings: missing fields, lost data
    report: dict[str, Any] = json.loads(result.stdout)

    post = report["post"]
    assert (post["typename"], post["id"], post["name"]) == ("Post", POST, "Head of Libraries")
    assert post["evidence"][0]["quote"] == "the Head of Libraries"
    assert post["evidence"][0]["documentTitle"] == "Northshire cabinet portfolios"
    assert post["holders"] == [
        {
            "capacity": "interim",
            "validFrom": "2013-01-01",
            "person": {"id": "person:sam-reader", "type": "Person", "name": "Sam Reader"},
        }
    ]
    assert [p["id"] for p in post["reportsTo"]] == ["post:northshire-director-of-place"]
    assert report["cachedPost"] == {
        "id": POST,
        "type": "Post",
        "name": "Head of Libraries",
        "holders": ["Sam Reader"],
    }
    assert report["related"] == [
        {"id": "service:libraries", "type": "Service", "name": "Libraries"}
    ]
    assert [page["totalCount"] for page in report["pages"]] == [6, 6]
    names = [name for page in report["pages"] for name in page["names"]]
    assert len(names) == 6 and names == sorted(names) and "Head of Libraries" in names
    view = plain_request(live_api, NEIGHBOURHOOD, {"id": BODY, "types": ["Body", "Post"]})
    assert report["neighbourhood"] == {
        "types": ["Body", "Post"],
        "nodes": len(view["neighbourhood"]["nodes"]),
        "edges": len(view["neighbourhood"]["edges"]),
    }
    assert report["neighbourhood"]["nodes"] == 7  # the body and its six posts
    assert report["nodes"] == [
        {"typename": "Post", "id": POST, "name": "Head of Libraries"},
        None,
        {"typename": "Body", "id": BODY, "name": "Northshire Council"},
    ]
    assert report["missing"] == {"node": None, "codes": ["NOT_FOUND"]}


def test_relay_runtime_refetches_through_node_and_reads_its_fragments(
    live_api: ApiServer,
) -> None:
    node = require_node("relay-runtime")
    script = str(NODE_CHECKS / "check_relay_runtime.mjs")
    result = run([node, script, f"{live_api.base_url}/graphql", POST, BODY])
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", result.stderr  # e.g. Relay's warnings of inconsistent records
    report: dict[str, Any] = json.loads(result.stdout)

    page = report["page"]
    assert page["typename"] == "Post"
    assert page["card"] == {
        "id": POST,
        "name": "Head of Libraries",
        "holders": [
            {
                "capacity": "interim",
                "validFrom": "2013-01-01",
                "person": {"id": "person:sam-reader", "name": "Sam Reader"},
            }
        ],
        "evidence": ["the Head of Libraries"],
    }
    assert page["related"] == [{"id": "service:libraries", "type": "Service", "name": "Libraries"}]
    assert page["reportsTo"] == ["post:northshire-director-of-place"]
    assert page["neighbourhoodTypes"] == ["Post"]
    assert report["refetched"] == {
        "id": POST,
        "reportsTo": ["post:northshire-director-of-place"],
        "directReports": [],
    }
    posts = report["bodyPosts"]
    assert (posts["totalCount"], posts["hasNextPage"], len(posts["names"])) == (6, True, 4)


def relay_compiler(config: Path) -> subprocess.CompletedProcess[str]:
    require_node("relay-compiler")
    compiler = NODE_CHECKS / "node_modules" / ".bin" / "relay-compiler"
    return run([str(compiler), "--validate", str(config)], cwd=config.parent)


def test_relay_fragments_compile_against_the_committed_schema() -> None:
    """Relay accepts the schema (its Node interface and `node(id:)` are what `@refetchable` needs),
    the fragments and queries are valid against it, and the generated files are current."""
    result = relay_compiler(NODE_CHECKS / "relay" / "relay.config.json")
    assert result.returncode == 0, result.stdout + result.stderr


def test_relay_compiler_refuses_a_type_given_as_text(tmp_path: Path) -> None:
    project = tmp_path / "relay"
    shutil.copytree(NODE_CHECKS / "relay", project)
    config = json.loads((project / "relay.config.json").read_text())
    config["schema"] = str(Path(__file__).resolve().parent.parent / "schema.graphql")
    (project / "relay.config.json").write_text(json.dumps(config))
    (project / "src" / "Broken.js").write_text(
        'import { graphql } from "relay-runtime";\n'
        "export const broken = graphql`\n"
        '  query BrokenQuery { entities(type: "Post") { totalCount } }\n`;\n'
    )
    result = relay_compiler(project / "relay.config.json")
    assert result.returncode != 0
    assert "EntityType" in result.stdout + result.stderr

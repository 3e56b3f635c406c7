"""The curated reader and the load command: every problem reported with file, record and reason,
and nothing written when anything is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app
from graph.db import Database
from graph.settings import get_settings
from loaders.issues import LoadRejected
from loaders.load import load
from tests.test_writer import FIXTURES, graph_counts

VALID = FIXTURES / "valid"
INVALID = FIXTURES / "invalid"


@pytest.mark.parametrize(
    ("name", "record", "reason"),
    [
        ("wrong_type.yaml", "entities[0] id=body:nowhere-council", "type: Input should be 'Body'"),
        ("wrong_type.yaml", "relations[0] LEADS", "type: Input should be 'BELONGS_TO'"),
        ("dangling.yaml", "relations[0] REPORTS_TO", "'post:chief-executive-of-nowhere' is a "
         "dangling reference: it is neither in the files loaded nor in the graph"),
        ("unknown_service.yaml", "relations[0] COVERS", "unknown service "
         "'service:underwater-basket-weaving'"),
        ("duplicate_id.yaml", "entities[1] id=person:pat-twice", "duplicate id (also entities[0]"),
        ("wrong_endpoints.yaml", "relations[0] HOLDS", "from 'post:endpoint-director' is a Post, "
         "but a HOLDS runs from Person"),
        ("wrong_endpoints.yaml", "relations[1] BELONGS_TO", "to 'service:libraries' is a Service, "
         "but a BELONGS_TO runs to Body"),
        ("bad_yaml.yaml", None, "is not valid YAML"),
        ("empty.yaml", None, "is empty"),
    ],
)  # fmt: skip
async def test_an_invalid_file_is_reported_and_nothing_is_written(
    db: Database, name: str, record: str | None, reason: str
) -> None:
    await load(db, [VALID])
    before = await graph_counts(db)

    with pytest.raises(LoadRejected) as rejected:
        await load(db, [INVALID / name, VALID])

    matching = [
        issue for issue in rejected.value.issues
        if issue.file.endswith(f"invalid/{name}") and reason in issue.reason
        and (record is None or (issue.record or "").startswith(record))
    ]  # fmt: skip
    assert matching, [str(issue) for issue in rejected.value.issues]
    assert await graph_counts(db) == before


async def test_every_problem_of_every_file_is_listed_at_once(db: Database) -> None:
    with pytest.raises(LoadRejected) as rejected:
        await load(db, [VALID, INVALID])

    files = {Path(issue.file).name for issue in rejected.value.issues}
    assert files == {p.name for p in INVALID.iterdir()}
    assert "tests/fixtures/curated/invalid/dangling.yaml: relations[0] REPORTS_TO" in (
        rejected.value.detail
    )
    assert await graph_counts(db) == (0, 0)


async def test_references_to_what_the_graph_already_holds_are_accepted(db: Database) -> None:
    await load(db, [VALID / "00_vocabulary.yaml"])
    summary = (await load(db, [VALID / "10_testshire.yaml"])).summary

    assert summary is not None and summary.relationship("COVERS").created == 1
    records, _, _ = await db.read(
        "MATCH (:Portfolio)-[r:COVERS]->(s:Service) RETURN s.id AS service, r.wording AS wording"
    )
    assert [r.data() for r in records] == [
        {"service": "service:libraries", "wording": "Library Services"}
    ]


async def test_check_validates_and_writes_nothing(db: Database) -> None:
    report = await load(db, [VALID], check=True)
    assert report.summary is None and report.sources == 2
    assert await graph_counts(db) == (0, 0)


def test_the_command_exits_1_listing_every_problem(
    neo4j_uri: str, neo4j_password: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEO4J_URI", neo4j_uri)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_password)
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, ["load", "--check", str(VALID), str(INVALID)])
    finally:
        get_settings.cache_clear()

    assert result.exit_code == 1
    assert "nothing was written" in result.output
    assert "unknown service 'service:underwater-basket-weaving'" in result.output
    assert "empty.yaml: is empty" in result.output


def test_the_command_prints_the_rows_a_reader_left_out_and_its_notes(
    neo4j_uri: str, neo4j_password: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    popolo = FIXTURES.parent / "formats" / "popolo" / "executive.json"
    vocabulary = FIXTURES.parent.parent.parent / "data" / "vocabulary"
    monkeypatch.setenv("NEO4J_URI", neo4j_uri)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_password)
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, ["load", "--check", str(vocabulary), str(popolo)])
    finally:
        get_settings.cache_clear()

    assert result.exit_code == 0, result.output
    assert "row(s) left out" in result.output
    assert "persons[3] id=p-nameless, column 'name': missing" in result.output
    assert "(note)" in result.output
    assert "valid: 2 source(s), nothing written" in result.output

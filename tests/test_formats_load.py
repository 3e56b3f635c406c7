"""Each open-format sample loads through `civicgraph load`'s readers and the one writer, a second
load changes nothing, and what the graph holds matches what the files say."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pytest

from graph.db import Database
from graph.settings import get_settings
from loaders.load import load as load_files
from loaders.readers import read_context, read_paths, reader_for
from loaders.writer import LoadSummary

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ROOT / "tests" / "fixtures" / "formats"
VOCABULARY = ROOT / "data" / "vocabulary"
SAMPLES = {
    "popolo": [FORMATS / "popolo" / "welsh-assembly-ep-popolo-v1.0.json"],
    "organogram": [FORMATS / "organogram"],
    "moderngov": [FORMATS / "moderngov"],
    "transparency": [FORMATS / "transparency"],
}


async def load(db: Database, *paths: Path) -> LoadSummary:
    summary = (await load_files(db, list(paths))).summary
    assert summary is not None
    return summary


async def counts(db: Database) -> dict[str, int]:
    """Nodes per label and relationships per type, and evidence per origin."""
    records, _, _ = await db.read(
        "MATCH (n) WHERE NOT n:SchemaVersion UNWIND labels(n) AS label "
        "RETURN label AS key, count(*) AS n "
        "UNION ALL MATCH ()-[r]->() RETURN type(r) AS key, count(*) AS n "
        "UNION ALL MATCH (e:Evidence) RETURN 'evidence:' + e.origin AS key, count(*) AS n"
    )
    return {record["key"]: record["n"] for record in records}


@pytest.mark.parametrize("fmt", sorted(SAMPLES))
async def test_each_sample_loads_and_a_second_load_changes_nothing(db: Database, fmt: str) -> None:
    await load(db, VOCABULARY)
    first = await load(db, *SAMPLES[fmt])
    after_first = await counts(db)
    second = await load(db, *SAMPLES[fmt])

    assert first.changed
    assert not second.changed
    assert await counts(db) == after_first
    assert after_first.get("evidence:imported", 0) > 0


async def test_every_format_together_twice_changes_nothing_the_second_time(db: Database) -> None:
    every = [FORMATS / name for name in ("popolo", "organogram", "moderngov", "transparency")]
    await load(db, VOCABULARY)
    await load(db, *every)
    after_first = await counts(db)
    second = await load(db, *every)

    assert not second.changed, {k: v for k, v in second.nodes.items() if v.updated or v.created}
    assert await counts(db) == after_first


def test_each_format_is_recognised_from_its_content() -> None:
    expected = {
        FORMATS / "popolo" / "welsh-assembly-ep-popolo-v1.0.json": "popolo",
        FORMATS / "popolo" / "executive.json": "popolo",
        FORMATS / "organogram" / "audit_commission-2012-03-31-senior.csv": "organogram",
        FORMATS / "organogram" / "audit_commission-2012-03-31-junior.csv": "organogram",
        FORMATS / "moderngov" / "committees.xml": "moderngov",
        FORMATS / "moderngov" / "councillors_by_ward.xml": "moderngov",
        FORMATS / "transparency" / "westby-district-council-structure-2017.csv": "transparency",
        VOCABULARY / "services.yaml": "curated",
    }
    found = {path: getattr(reader_for(path), "name", None) for path in expected}
    assert found == expected


async def test_popolo_persons_and_memberships_match_the_file(db: Database) -> None:
    path = SAMPLES["popolo"][0]
    data = json.loads(path.read_text())
    await load(db, VOCABULARY, path)

    records, _, _ = await db.read(
        "MATCH (p:Person) WHERE p.id STARTS WITH 'person:' "
        "OPTIONAL MATCH (p)-[m:MEMBER_OF]->(b:Body) "
        "WHERE coalesce(b.kind, '') <> 'political party' "
        "RETURN count(DISTINCT p) AS persons, count(m) AS memberships, "
        "count(DISTINCT m.on_behalf_of) AS parties, "
        "COUNT { (:Person)-[:MEMBER_OF]->(:Body {kind: 'political party'}) } > 0 AS in_parties"
    )
    distinct = {
        (m["person_id"], m.get("start_date") or m["legislative_period_id"])
        for m in data["memberships"]
    }
    assert records[0]["persons"] == len(data["persons"])
    # one membership is refused: a party change with no dates (see the reader's report)
    assert records[0]["memberships"] == len(distinct) == len(data["memberships"]) - 1
    # every party but "Independent" is a party body, which its members are members of
    parties = {m["on_behalf_of_id"] for m in data["memberships"]} - {"party/independent"}
    assert (records[0]["parties"], records[0]["in_parties"]) == (len(parties), True)

    emails, _, _ = await db.read(
        "MATCH (n) WHERE any(k IN keys(n) "
        "WHERE coalesce(toStringOrNull(n[k]), '') CONTAINS '@assembly.wales') "
        "RETURN count(n) AS n"
    )
    assert emails[0]["n"] == 0


async def test_organogram_posts_tree_and_junior_grades(db: Database) -> None:
    folder = FORMATS / "organogram"
    senior = list(csv.DictReader((folder / "audit_commission-2012-03-31-senior.csv").open()))
    junior = list(csv.DictReader((folder / "audit_commission-2012-03-31-junior.csv").open()))
    await load(db, VOCABULARY, folder)

    records, _, _ = await db.read(
        "MATCH (p:Post) WITH p, p.post_kind AS kind "
        "OPTIONAL MATCH (p)-[r:REPORTS_TO]->(:Post) "
        "RETURN kind, count(DISTINCT p) AS posts, count(r) AS lines"
    )
    by_kind = {r["kind"]: (r["posts"], r["lines"]) for r in records}
    groups = {
        (row["Reporting Senior Post"], row["Grade"], row["Generic Job Title"]) for row in junior
    }
    top = [row for row in senior if row["Reports to Senior Post"] == "XX"]
    assert by_kind["senior"] == (len(senior), len(senior) - len(top))
    assert by_kind["junior"] == (len(groups), len(groups))

    fte = Counter[str]()
    for row in junior:
        fte[row["Reporting Senior Post"]] += float(row["Number of Posts in FTE"])
    records, _, _ = await db.read(
        "MATCH (p:Post {post_kind: 'senior'}) WHERE p.junior_fte IS NOT NULL "
        "RETURN p.post_ref AS ref, p.junior_fte AS fte"
    )
    assert {r["ref"]: r["fte"] for r in records} == {k: round(v, 2) for k, v in fte.items()}

    eliminated = {row["Post Unique Reference"] for row in senior if "Eliminated" in row["Name"]}
    records, _, _ = await db.read(
        "MATCH (p:Post {status: 'ended'}) RETURN collect(p.post_ref) AS refs"
    )
    assert set(records[0]["refs"]) == eliminated
    top_post, _, _ = await db.read(
        "MATCH (p:Post {top_post: true})<-[:HOLDS]-(person) RETURN p.name AS post, "
        "person.name AS holder"
    )
    assert [(r["post"], r["holder"]) for r in top_post] == [(top[0]["Job Title"], top[0]["Name"])]


async def test_imported_facts_never_overwrite_curated_ones(db: Database) -> None:
    await load(db, VOCABULARY, FORMATS / "curated" / "audit_commission.yaml")
    await load(db, FORMATS / "organogram")

    records, _, _ = await db.read(
        "MATCH (b:Body {id: 'body:audit-commission'}) "
        "OPTIONAL MATCH (e:Evidence {factId: b.id}) "
        "RETURN b.name AS name, b.kind AS kind, b.origin AS origin, collect(e.origin) AS origins"
    )
    body = records[0]
    assert (body["name"], body["kind"], body["origin"]) == (
        "The Audit Commission (curated)",
        "public corporation",
        "curated",
    )
    assert sorted(body["origins"]) == ["curated", "imported"]


@pytest.mark.parametrize(
    ("path", "fmt", "reason"),
    [
        (FORMATS / "malformed" / "truncated-popolo.json", None, "not JSON"),
        (FORMATS / "malformed" / "entity-expansion-committees.xml", None, "unsafe XML"),
        (FORMATS / "malformed" / "no-title-column-organisation-chart.csv", "transparency",
         "no job title column"),
        (FORMATS / "transparency" / "westby-district-council-structure-2017.csv", "popolo",
         "not JSON"),
        (FORMATS / "organogram" / "audit_commission-2012-03-31-senior.csv", "moderngov",
         "not well-formed"),
    ],
)  # fmt: skip
def test_a_file_a_reader_cannot_read_is_rejected_whole(
    path: Path, fmt: str | None, reason: str
) -> None:
    result, issues = read_paths([path], read_context(get_settings()), fmt)
    sources = result.sources
    assert sources == []
    assert len(issues) == 1 and reason in issues[0].reason
    assert issues[0].file.endswith(path.name)

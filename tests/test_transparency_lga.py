"""Transparency Code files as councils publish them to the LGA schemas (organisation structure and
senior salaries), loaded into the real Neo4j: councils resolved through the register, the level
tree, units, shared and vacant posts, a chart and a salary file merging into the same posts, what
`Responsibilities` says read as extracted accountability, contact details never stored, and a
malformed file refused whole with its row and column named."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from graph.db import Database
from graph.settings import PROJECT_ROOT
from loaders.formats.csv_table import match_headers
from loaders.formats.transparency import COLUMN_SYNONYMS, read_transparency
from loaders.formats.transparency_duties import designations
from loaders.issues import LoadRejected, Severity
from loaders.load import load

FOLDER = Path(__file__).parent / "fixtures" / "transparency"
FIXTURES = sorted(FOLDER.glob("*.csv"))
VOCABULARY = PROJECT_ROOT / "data" / "vocabulary"
TRAFFORD = "body:trafford-metropolitan-borough-council"
ADUR = "body:adur-district-council"
KINGSTON = "body:royal-borough-of-kingston-upon-thames"
_SHARED = [
    PROJECT_ROOT.parent / "shared" / "samples",
    PROJECT_ROOT.parent.parent / "shared" / "samples",
]
LGA_COLUMNS = (
    Path(
        os.environ.get("CIVICGRAPH_SAMPLES") or next((p for p in _SHARED if p.is_dir()), _SHARED[0])
    )
    / "transparency"
)


def post(body: str, title: str) -> str:
    return f"post:{body.removeprefix('body:')}-{title}"


async def rows(db: Database, query: str, **parameters: Any) -> list[dict[str, Any]]:
    records, _, _ = await db.read(query, parameters)
    return [dict(record) for record in records]


@pytest.fixture
async def loaded(db: Database) -> Database:
    await load(db, [VOCABULARY, *FIXTURES])
    return db


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (["OrganisationLabel", "OrganisationURI", "JobTitle", "SharedPost", "ReportsTo"], None),
        (
            ["Organisation Label", "Organisation URI", "Job Title", "Shared Post", "Reports To"],
            None,
        ),
        (
            ["organisation_label", "organisation_uri", "job_title", "shared_post", "reports_to"],
            None,
        ),
        (
            ["ORGANISATION LABEL", "Organisation-URI", "Job title", "Shared post", "Reports to"],
            None,
        ),
    ],
)
def test_lga_headers_are_matched_whatever_their_case_and_spacing(
    headers: list[str], expected: None
) -> None:
    fields, unknown = match_headers(headers, COLUMN_SYNONYMS)
    assert unknown == []
    assert list(fields) == [
        "organisation",
        "organisation_uri",
        "title",
        "shared_post",
        "reports_to",
    ]


@pytest.mark.skipif(not LGA_COLUMNS.is_dir(), reason=f"no LGA column descriptions at {LGA_COLUMNS}")
def test_every_published_lga_column_has_a_meaning() -> None:
    for name in ("organisation-structure", "senior-salaries"):
        path = LGA_COLUMNS / f"{name}.csv-metadata.json"
        text = path.read_text("utf-8").replace('""', '"')  # one description is mis-quoted
        columns = [c["titles"] for c in json.loads(text)["tableSchema"]["columns"]]
        fields, unknown = match_headers(columns, COLUMN_SYNONYMS)
        assert unknown == [], name
        assert {"organisation", "organisation_uri", "title", "name", "directorate"} <= set(fields)


def test_councils_resolve_by_uri_first_then_label() -> None:
    trafford, adur = (
        read_transparency(FOLDER / name).sources[0]
        for name in (
            "trafford-council-organisation-structure-2023.csv",
            "adur-district-council-organisation-chart-2022.csv",
        )
    )
    assert TRAFFORD in {e.id for e in trafford.entities}  # opendatacommunities URI
    assert ADUR in {e.id for e in adur.entities}  # GSS code in a statistics URI
    named_by_label_only = read_transparency(FOLDER / "kingston-senior-salaries-2024.csv")
    assert KINGSTON in {e.id for e in named_by_label_only.sources[0].entities}
    # a URI and a label that disagree: the URI wins
    data = (
        b"OrganisationLabel,OrganisationURI,JobTitle,SalaryBand\n"
        b"Trafford Council,E07000223,Chief Executive,150000\n"
    )
    source = read_transparency(FOLDER / "x-senior-salaries.csv", data=data).sources[0]
    assert {e.id for e in source.entities if e.type.value == "Body"} == {ADUR}


def test_designations_need_the_role_itself_not_a_deputy() -> None:
    found = {role.slug for role, _ in designations(
        "Monitoring Officer; Deputy Section 151 Officer; Assistant Director of Public Health; "
        "Chief Finance Officer (s151) for the joint committee"
    )}  # fmt: skip
    assert found == {"monitoring-officer", "section-151-officer"}
    assert designations("Deputy Returning Officer") == []
    titles = {role.slug for role, _ in designations("Assistant Director Children's Services",
                                                    title=True)}  # fmt: skip
    assert titles == set()


async def test_chart_and_salary_file_merge_into_the_councils_posts(loaded: Database) -> None:
    bodies = await rows(
        loaded,
        "MATCH (b:Body) WHERE b.id IN $ids RETURN b.id AS id, b.name AS name ORDER BY id",
        ids=[TRAFFORD, KINGSTON, ADUR],
    )
    assert [b["name"] for b in bodies] == [
        "Adur District Council",
        "Royal Borough of Kingston upon Thames",
        "Trafford Metropolitan Borough Council",
    ]
    officers = await rows(
        loaded,
        "MATCH (p:Post {post_kind: 'officer'})-[:BELONGS_TO]->(:Body {id: $body}) "
        "RETURN p.id AS id, COLLECT { MATCH (ev:Evidence {factId: p.id})-[:FROM_DOCUMENT]->(d) "
        "  RETURN DISTINCT d.id } AS documents",
        body=TRAFFORD,
    )
    assert len(officers) == 14  # the chart's rows; the salary file's posts are among them
    both = {o["id"] for o in officers if len(o["documents"]) == 2}
    assert both == {
        post(TRAFFORD, title)
        for title in (
            "chief-executive", "corporate-director-of-children-s-services",
            "corporate-director-of-adults-and-wellbeing", "corporate-director-of-place",
            "corporate-director-of-finance-and-systems", "director-of-legal-and-governance",
            "director-of-public-health",
        )
    }  # fmt: skip
    # "Interim Executive Director of Place and Communities" is the chart's "... Place & Communities"
    kingston = await rows(
        loaded,
        "MATCH (p:Post {post_kind: 'officer'})-[:BELONGS_TO]->(:Body {id: $body}) "
        "RETURN p.id AS id ORDER BY id",
        body=KINGSTON,
    )
    assert len(kingston) == 5
    holders = await rows(
        loaded,
        "MATCH (person:Person)-[h:HOLDS]->(p:Post)-[:BELONGS_TO]->(:Body {id: $body}) "
        "RETURN person.name AS name, p.id AS post",
        body=TRAFFORD,
    )
    assert sorted(h["name"] for h in holders) == ["Owen Pryce", "Ruth Calder"]


async def test_levels_make_the_tree_and_units_hold_the_posts(loaded: Database) -> None:
    lines = await rows(
        loaded,
        "MATCH (a:Post)-[r:REPORTS_TO]->(b:Post)-[:BELONGS_TO]->(:Body {id: $body}) "
        "RETURN a.id AS source, b.id AS target, r.inferred_from AS how",
        body=TRAFFORD,
    )
    tree = {line["source"]: (line["target"], line["how"]) for line in lines}
    assert len(tree) == 13  # every post but the Chief Executive
    assert tree[post(TRAFFORD, "head-of-libraries")] == (
        post(TRAFFORD, "director-of-leisure-and-culture"),
        "tier and service",
    )
    assert tree[post(TRAFFORD, "director-of-public-health")] == (
        post(TRAFFORD, "corporate-director-of-adults-and-wellbeing"),
        "tier and directorate",
    )
    assert tree[post(TRAFFORD, "corporate-director-of-place")] == (
        post(TRAFFORD, "chief-executive"),
        "tier",
    )
    units = await rows(
        loaded,
        "MATCH (:Post {id: $post})-[:MEMBER_OF {role: 'unit'}]->(s:Body)"
        "-[:SUB_ORGANIZATION_OF]->(d:Body)-[:SUB_ORGANIZATION_OF]->(c:Body) "
        "RETURN s.name AS service, s.kind AS kind, d.name AS directorate, c.id AS council",
        post=post(TRAFFORD, "head-of-libraries"),
    )
    assert units == [
        {"service": "Culture and Libraries", "kind": "service", "directorate": "Place",
         "council": TRAFFORD}
    ]  # fmt: skip


async def test_vacant_posts_have_no_holder_and_shared_posts_belong_to_both_bodies(
    loaded: Database,
) -> None:
    vacant = await rows(
        loaded,
        "MATCH (p:Post {vacant: true}) RETURN p.id AS id, EXISTS { ()-[:HOLDS]->(p) } AS held "
        "ORDER BY id",
    )
    assert vacant == [
        {"id": post(ADUR, "head-of-wellbeing"), "held": False},
        {"id": post(KINGSTON, "assistant-director-housing"), "held": False},
        {"id": post(TRAFFORD, "director-of-adult-services"), "held": False},
    ]
    shared = await rows(
        loaded,
        "MATCH (p:Post)-[:BELONGS_TO {shared: true}]->(b:Body) RETURN p.id AS post, "
        "b.id AS body, b.name AS name ORDER BY post",
    )
    assert {s["body"] for s in shared} == {"body:worthing-borough-council"}
    assert {s["post"] for s in shared} == {
        post(ADUR, title)
        for title in (
            "chief-executive", "director-for-communities", "head-of-housing", "head-of-culture",
            "director-for-digital-sustainability-and-resources", "chief-financial-officer",
        )
    }  # fmt: skip
    flagged = await rows(
        loaded, "MATCH (p:Post {shared: true}) RETURN p.id AS id, p.shared_with AS text"
    )
    texts = {f["id"]: f["text"] for f in flagged}
    assert texts[post(ADUR, "head-of-legal-services")] == "Shared with the Sussex Legal Partnership"
    assert texts[post(ADUR, "director-for-the-economy")] == "Shared"


async def test_responsibilities_give_designations_and_extracted_accountability(
    loaded: Database,
) -> None:
    designated = await rows(
        loaded,
        "MATCH (p:Post)-[r:DESIGNATED_AS]->(role:Post {post_kind: 'statutory role'}) "
        "MATCH (ev:Evidence {factId: r.id}) "
        "RETURN p.id AS post, role.id AS role, ev.origin AS origin, ev.confidence AS confidence",
    )
    pairs = {(d["post"], d["role"]) for d in designated}
    expected = [
        (TRAFFORD, "chief-executive", "head-of-paid-service"),
        (TRAFFORD, "chief-executive", "electoral-registration-officer"),
        (TRAFFORD, "corporate-director-of-children-s-services", "director-of-childrens-services"),
        (TRAFFORD, "corporate-director-of-adults-and-wellbeing", "director-of-adult-social-care"),
        (TRAFFORD, "corporate-director-of-finance-and-systems", "section-151-officer"),
        (TRAFFORD, "director-of-legal-and-governance", "monitoring-officer"),
        (ADUR, "chief-financial-officer", "section-151-officer"),
        (KINGSTON, "chief-executive", "head-of-paid-service"),
        (KINGSTON, "executive-director-of-corporate-resources", "section-151-officer"),
    ]
    assert {(post(body, title), post(body, role)) for body, title, role in expected} <= pairs
    # "Deputy Returning Officer", "deputy Director of Adult Social Services": no designation
    assert not any(p == post(TRAFFORD, "director-of-legal-and-governance")
                   and r.endswith("electoral-registration-officer") for p, r in pairs)  # fmt: skip
    assert not any(p == post(TRAFFORD, "director-of-public-health") and "adult" in r
                   for p, r in pairs)  # fmt: skip
    assert {d["origin"] for d in designated} == {"extracted"}
    managed = await rows(
        loaded,
        "MATCH (p:Post {id: $post})-[r:ACCOUNTABLE_FOR {kind: 'managerial'}]->(s:Service) "
        "MATCH (ev:Evidence {factId: r.id}) "
        "RETURN s.id AS service, r.wording AS wording, ev.origin AS origin, "
        "ev.confidence AS confidence",
        post=post(TRAFFORD, "corporate-director-of-place"),
    )
    assert {m["service"] for m in managed} >= {
        "service:housing", "service:planning", "service:libraries", "service:leisure-and-sport",
        "service:parks-and-open-spaces", "service:waste",
    }  # fmt: skip
    assert {(m["origin"], m["confidence"]) for m in managed} == {("extracted", 0.7)}
    statutory = await rows(
        loaded,
        "MATCH (role:Post {id: $role})-[:ACCOUNTABLE_FOR {kind: 'statutory'}]->(s:Service) "
        "RETURN s.id AS service",
        role=post(TRAFFORD, "section-151-officer"),
    )
    assert statutory == [{"service": "service:finance"}]
    own = await rows(
        loaded,
        "MATCH (p:Post {id: $post})-[:ACCOUNTABLE_FOR {kind: 'statutory'}]->(s:Service) "
        "RETURN s.id AS service, EXISTS { (p)-[:DESIGNATED_AS]->() } AS designated",
        post=post(TRAFFORD, "director-of-public-health"),
    )
    assert own == [{"service": "service:public-health", "designated": False}]


async def test_contact_details_are_nowhere_in_the_graph(loaded: Database) -> None:
    published = ("@", "trafford.example", "adur-worthing.example", "kingston.example",
                 "0161 000 0001", "0208 000 0000", "020 8000 0000")  # fmt: skip
    holds_text = (
        "any(k IN keys(n) WHERE any(t IN $texts WHERE "
        "(n[k] IS :: STRING AND n[k] CONTAINS t) OR "
        "(n[k] IS :: LIST<STRING NOT NULL> AND any(x IN n[k] WHERE x CONTAINS t))))"
    )
    found = await rows(
        loaded,
        f"MATCH (n) WHERE {holds_text} RETURN labels(n) AS labels, n.id AS id "
        f"UNION MATCH ()-[n]->() WHERE {holds_text} RETURN [type(n)] AS labels, n.id AS id",
        texts=list(published),
    )
    assert found == []
    posts = await rows(loaded, "MATCH (p:Post) RETURN count(p) AS n")
    assert posts[0]["n"] > 20  # the files were loaded


async def test_a_malformed_file_is_refused_whole_naming_its_row_and_column(db: Database) -> None:
    bad = FOLDER / "malformed" / "lga-unquoted-salary-band-organisation-structure.csv"
    with pytest.raises(LoadRejected) as raised:
        await load(db, [VOCABULARY, FOLDER / "trafford-council-senior-salaries-2023.csv", bad])
    [issue] = [i for i in raised.value.issues if i.severity is Severity.REJECTED]
    assert issue.file.endswith(bad.name)
    assert issue.record == "row 3"
    assert issue.column == "after 'Comments'"
    assert "18 cells under 16 headers" in issue.reason
    left = await rows(db, "MATCH (n) WHERE NOT n:SchemaVersion RETURN count(n) AS n")
    assert left == [{"n": 0}]


def test_a_bad_level_leaves_its_row_out_naming_the_column() -> None:
    result = read_transparency(FOLDER / "malformed" / "lga-bad-level-senior-salaries.csv")
    assert [(i.record, i.column, i.reason) for i in result.rejected] == [
        ("row 2", "Level", "'one' is not a level number")
    ]
    assert not [e for e in result.sources[0].entities if e.type.value == "Post"]


async def test_a_second_load_changes_nothing(db: Database) -> None:
    files = [VOCABULARY, *(FOLDER / name for name in (
        "trafford-council-organisation-structure-2023.csv",
        "trafford-council-senior-salaries-2023.csv",
        "adur-district-council-organisation-chart-2022.csv",
        "kingston-organisation-chart-2024.csv",
        "kingston-senior-salaries-2024.csv",
    ))]  # fmt: skip
    first = (await load(db, files)).summary
    second = (await load(db, files)).summary
    assert first is not None and first.changed
    assert second is not None and not second.changed
    assert second.node("Post").updated == 0 and second.node("Post").unchanged > 14


async def test_a_post_both_files_state_holds_what_each_states(loaded: Database) -> None:
    found = await rows(
        loaded,
        "MATCH (p:Post {id: $id}) RETURN p.grade AS grade, p.tier AS tier, "
        "p.salary_band AS band, p.salary AS salary, p.responsibilities AS responsibilities, "
        "p.statedBy AS statedBy",
        id=post(TRAFFORD, "chief-executive"),
    )
    [chief] = found
    assert (chief["grade"], chief["tier"], chief["band"]) == ("CEX", 1, "£185,000 - £189,999")
    assert chief["salary"] == 187500
    assert chief["responsibilities"].startswith("Head of Paid Service.")
    assert sorted(entry.split("|")[1].rpartition("=")[0].rsplit("/", 1)[-1]
                  for entry in chief["statedBy"]) == [
        "trafford-council-organisation-structure-2023.csv",
        "trafford-council-senior-salaries-2023.csv",
    ]  # fmt: skip
    kingston = await rows(
        loaded,
        "MATCH (p:Post {id: $id}) RETURN p.grade AS grade, p.salary_band AS band, "
        "p.salary AS salary, size(p.statedBy) AS sources",
        id=post(KINGSTON, "chief-executive"),
    )
    assert kingston == [
        {"grade": "CE", "band": "£190,000 - £194,999", "salary": 192000, "sources": 2}
    ]

"""An organogram's organisation resolves through the register: a council's pair is the register's
body (one node, official name and codes, posts and people scoped by it); a department's pair
stays its own body, marked not in the register, with no note; a council-like name that does not
resolve is noted and settled by `--body`."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from graph.db import Database
from graph.model import EntityType, RelationType
from graph.settings import get_settings
from loaders.formats.organogram import read_organogram_file
from loaders.issues import Severity
from loaders.load import load
from loaders.readers import read_context

FIXTURES = Path(__file__).parent / "fixtures"
COUNCIL = FIXTURES / "organogram-council"
COUNCIL_SENIOR = COUNCIL / "cheshire-east-council-2024-03-31-senior.csv"
DEPARTMENT_SENIOR = FIXTURES / "formats" / "organogram" / "audit_commission-2012-03-31-senior.csv"
CHESHIRE_EAST = "body:cheshire-east-council"
VOCABULARY = Path(__file__).resolve().parent.parent / "data" / "vocabulary"


def rewritten(source: Path, folder: Path, name: str, **columns: str) -> Path:
    """The pair `source` belongs to, copied into `folder` as `name`, with `columns` set in every
    senior and junior row that has them."""
    written = folder / name
    for path, target in (
        (source, written),
        (
            source.with_name(source.name.replace("senior", "junior")),
            written.with_name(name.replace("senior", "junior")),
        ),
    ):
        rows = list(csv.DictReader(path.open(encoding="utf-8")))
        headers = list(rows[0])
        headers += [c for c in columns if c not in headers and path == source]
        out = io.StringIO()
        writer = csv.DictWriter(out, headers, quoting=csv.QUOTE_ALL)
        writer.writeheader()
        for row in rows:
            keep_na = row.get("Post Unique Reference") == "0"
            changes = {
                k: v
                for k, v in columns.items()
                if k in headers and not (keep_na and k == "Organisation")
            }
            writer.writerow({**row, **changes})
        target.write_text(out.getvalue(), encoding="utf-8")
    return written


def test_a_council_pair_is_the_register_body_with_scoped_posts_and_people() -> None:
    result = read_organogram_file(COUNCIL_SENIOR)
    assert result.rejected == []
    assert [i for i in result.issues if "not resolved" in i.reason] == []
    source = result.sources[0]
    bodies = [e for e in source.entities if e.type is EntityType.BODY]
    assert [(b.id, b.name) for b in bodies] == [(CHESHIRE_EAST, "Cheshire East Council")]
    assert bodies[0].properties["gss_code"] == "E06000049"
    assert "resolution" not in bodies[0].properties
    assert bodies[0].evidence[0].paragraph == "senior row 2"
    belongs = {r.source for r in source.relations if r.type is RelationType.BELONGS_TO}
    assert "post:cheshire-east-council-cec001" in belongs
    assert all(r.target == CHESHIRE_EAST for r in source.relations
               if r.type in (RelationType.BELONGS_TO, RelationType.MEMBER_OF))  # fmt: skip
    people = {e.id for e in source.entities if e.type is EntityType.PERSON}
    assert "person:cheshire-east-council-jordan-ashby" in people
    assert "person:cheshire-east-council-dana-forsyth" in people  # reference 0, organisation N/A
    # the parent department is the council itself: no link
    assert not [r for r in source.relations if r.type is RelationType.SUB_ORGANIZATION_OF]


def test_a_council_named_by_its_gss_code_resolves_whatever_its_label(tmp_path: Path) -> None:
    senior = rewritten(
        COUNCIL_SENIOR, tmp_path, "cec-2024-03-31-senior.csv",
        Organisation="CEC", **{"Parent Department": "CEC", "Organisation URI": "E06000049"},
    )  # fmt: skip
    source = read_organogram_file(senior).sources[0]
    bodies = [e for e in source.entities if e.type is EntityType.BODY]
    assert [(b.id, b.name) for b in bodies] == [(CHESHIRE_EAST, "Cheshire East Council")]
    posts = {e.id for e in source.entities if e.type is EntityType.POST}
    assert "post:cheshire-east-council-cec001" in posts


def test_a_department_pair_is_its_own_body_not_in_the_register_and_not_noted() -> None:
    result = read_organogram_file(DEPARTMENT_SENIOR)
    source = result.sources[0]
    bodies = {e.id: e for e in source.entities if e.type is EntityType.BODY}
    department = "body:department-for-communities-and-local-government"
    assert set(bodies) == {"body:audit-commission", department}
    assert bodies["body:audit-commission"].properties == {"resolution": "not-in-register"}
    assert bodies[department].properties == {
        "kind": "government department",
        "resolution": "not-in-register",
    }
    parent = [
        (r.source, r.target) for r in source.relations if r.type is RelationType.SUB_ORGANIZATION_OF
    ]
    assert parent == [("body:audit-commission", department)]
    assert [i for i in result.issues if "resolv" in i.reason] == []


def test_a_council_under_a_department_is_not_linked_to_it_and_the_load_says_so(
    tmp_path: Path,
) -> None:
    senior = rewritten(
        COUNCIL_SENIOR, tmp_path, "cheshire-east-2024-03-31-senior.csv",
        **{"Parent Department": "Ministry of Housing, Communities and Local Government"},
    )  # fmt: skip
    result = read_organogram_file(senior)
    source = result.sources[0]
    assert [e.id for e in source.entities if e.type is EntityType.BODY] == [CHESHIRE_EAST]
    assert not [r for r in source.relations if r.type is RelationType.SUB_ORGANIZATION_OF]
    notes = [i for i in result.issues if i.severity is Severity.NOTE and "not linked" in i.reason]
    assert len(notes) == 1 and notes[0].column == "Parent Department"


def test_a_council_like_name_the_register_lacks_is_unresolved_and_noted(tmp_path: Path) -> None:
    senior = rewritten(
        COUNCIL_SENIOR, tmp_path, "nowhereshire-2024-03-31-senior.csv",
        Organisation="Nowhereshire Council", **{"Parent Department": "Nowhereshire Council"},
    )  # fmt: skip
    result = read_organogram_file(senior)
    body = next(e for e in result.sources[0].entities if e.type is EntityType.BODY)
    assert (body.id, body.properties["resolution"]) == ("body:nowhereshire-council", "unresolved")
    assert any("civicgraph load --body ID" in i.reason for i in result.issues)


async def body_of_posts(db: Database) -> dict[str, Any]:
    records, _, _ = await db.read(
        "MATCH (p:Post)-[:BELONGS_TO]->(b:Body) "
        "RETURN b.id AS body, b.name AS name, b.gss_code AS gss, b.resolution AS resolution, "
        "count(p) AS posts"
    )
    return {r["body"]: (r["name"], r["gss"], r["resolution"], r["posts"]) for r in records}


async def test_a_council_pair_loads_onto_the_register_body_once(db: Database) -> None:
    await load(db, [VOCABULARY])
    await load(db, [COUNCIL])
    found = await body_of_posts(db)
    assert list(found) == [CHESHIRE_EAST]
    name, gss, resolution, posts = found[CHESHIRE_EAST]
    assert (name, gss, resolution) == ("Cheshire East Council", "E06000049", None)
    junior = len({(r["Reporting Senior Post"], r["Grade"], r["Generic Job Title"])
                  for r in csv.DictReader(COUNCIL_SENIOR.with_name(
                      COUNCIL_SENIOR.name.replace("senior", "junior")).open())})  # fmt: skip
    assert posts == 7 + junior  # seven senior posts (a job share is one), the junior groups
    records, _, _ = await db.read(
        "MATCH (p:Person)-[:HOLDS]->(:Post {post_ref: 'CEC032'}) RETURN collect(p.id) AS ids"
    )
    assert sorted(records[0]["ids"]) == [
        "person:cheshire-east-council-ruth-ellery",
        "person:cheshire-east-council-tom-baskerville",
    ]
    records, _, _ = await db.read("MATCH (b:Body) RETURN collect(b.id) AS ids")  # one node
    assert records[0]["ids"] == [CHESHIRE_EAST]
    again = (await load(db, [COUNCIL])).summary
    assert again is not None and not again.changed


async def test_load_body_settles_an_organogram_whose_council_did_not_resolve(
    db: Database, tmp_path: Path
) -> None:
    rewritten(
        COUNCIL_SENIOR, tmp_path, "nowhereshire-2024-03-31-senior.csv",
        Organisation="Nowhereshire Council", **{"Parent Department": "Nowhereshire Council"},
    )  # fmt: skip
    await load(db, [VOCABULARY])
    first = await load(db, [tmp_path])
    assert any("not resolved" in issue.reason for issue in first.issues)
    unresolved = await body_of_posts(db)
    assert list(unresolved) == ["body:nowhereshire-council"]
    assert unresolved["body:nowhereshire-council"][2] == "unresolved"

    context = read_context(get_settings()).with_body(CHESHIRE_EAST)
    settled = await load(db, [tmp_path], context=context)
    assert not any("not resolved" in issue.reason for issue in settled.issues)
    found = await body_of_posts(db)
    assert list(found) == [CHESHIRE_EAST]
    assert found[CHESHIRE_EAST][:3] == ("Cheshire East Council", "E06000049", None)
    records, _, _ = await db.read(
        "MATCH (p:Person)-[:MEMBER_OF {role: 'not in post'}]->(b:Body) RETURN p.id AS id, b.id AS b"
    )
    assert [(r["id"], r["b"]) for r in records] == [
        ("person:cheshire-east-council-dana-forsyth", CHESHIRE_EAST)
    ]
    gone, _, _ = await db.read("MATCH (b:Body {id: 'body:nowhereshire-council'}) RETURN b")
    assert gone == []

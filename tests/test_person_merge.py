"""One person per real person across sources: a councillor a ModernGov file and a Popolo file both
name is one Person (same name, same body, overlapping dates), with the evidence and the relations
of both, says by which rule and from which id it was merged, and stays one on every later load;
another term, another council or a party shared is no merge; the override file undoes one.
Loaded for real (`tests/fixtures/people/SOURCES.md` says what each file shows)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from graph.db import Database
from graph.settings import Settings
from loaders.documents.overrides import OVERRIDES_FILE
from loaders.issues import Severity
from loaders.load import load
from loaders.person_merge import RULE, PersonMerge
from loaders.person_names import name_probes, person_key
from loaders.readers import read_context
from tests.graph_snapshot import graph_snapshot

ROOT = Path(__file__).resolve().parent.parent
VOCABULARY = ROOT / "data" / "vocabulary"
PEOPLE = ROOT / "tests" / "fixtures" / "people"
COUNCILLORS = PEOPLE / "manchester-councillors.xml"
POPOLO = PEOPLE / "manchester-popolo.json"
TRAFFORD = PEOPLE / "trafford-popolo.json"
TWO_COUNCILS = PEOPLE / "two-councils-popolo.json"
SALARIES = (
    ROOT / "tests" / "fixtures" / "transparency" / "trafford-council-senior-salaries-2023.csv"
)
JANE_MG = "person:manchester-city-council-mg-501"
JANE_POPOLO = "person:p-jane"
MG_DOCUMENT = "document:moderngov-manchester-councillors-xml"
POPOLO_DOCUMENT = "document:popolo-manchester-popolo-json"
JANE = "jane ashworth smith"


def test_names_agree_without_titles_post_nominals_case_accents_and_punctuation() -> None:
    same = [
        "Councillor Jane Ashworth-Smith",
        "Cllr JANE  ASHWORTH SMITH",
        "Dr Jane Ashworth Smith MBE",
        "Mrs Jane Ashworth-Smith, OBE JP",
        "jane ashworth-smith",
    ]
    assert {person_key(name) for name in same} == {JANE}
    assert person_key("Professor Seán O\u2019Brien") == person_key("Sean O'Brien") == "sean obrien"
    assert person_key("Robert (Bob) Smith") == "robert smith"
    # Another word is another name: a middle initial, or an initial for the first name.
    assert person_key("John A. Smith") != person_key("John Smith")
    assert person_key("J. Smith") != person_key("John Smith")
    assert person_key("Cllr Smith") is None  # a surname alone merges nothing
    assert person_key("Li Ma MBE") == "li ma"  # post-nominals go only where two words stay
    assert "brien" in name_probes("Seán O'Brien")
    assert "ashworth" in name_probes("Councillor Jane Ashworth-Smith")


async def test_a_councillor_two_sources_name_is_one_person_with_both_sources(db: Database) -> None:
    paths = [VOCABULARY, COUNCILLORS, POPOLO, TRAFFORD, SALARIES]
    report = await load(db, paths)
    assert report.person_merges == [PersonMerge(JANE_POPOLO, JANE_MG, RULE)]

    jane = await persons(db, JANE)
    assert list(jane) == [JANE_MG]
    assert jane[JANE_MG]["merge_rule"] == RULE == "same name, same body, overlapping dates"
    assert jane[JANE_MG]["merged_from"] == JANE_POPOLO
    assert "Dr Jane Ashworth Smith MBE" in jane[JANE_MG]["aliases"]
    assert (jane[JANE_MG]["moderngov_id"], jane[JANE_MG]["popolo_id"]) == ("501", "p-jane")
    assert await evidence_documents(db, JANE_MG) == {MG_DOCUMENT, POPOLO_DOCUMENT}
    # Each source's post, held by the one person, with that source's evidence.
    assert await held_posts(db, JANE_MG) == {
        "post:manchester-city-council-leader-of-the-council": {MG_DOCUMENT},
        "post:manchester-city-council-leader": {POPOLO_DOCUMENT},
    }
    assert await councillor_since(db, JANE_MG) == {"2016-05-05", "2022-05-05"}

    assert len(await persons(db, "omar haddad")) == 2  # Popolo's term ended before ModernGov's
    assert len(await persons(db, "priya shah")) == 2  # one party, two councils
    assert len(await persons(db, "ruth calder")) == 2  # a councillor here, a chief executive there

    before = await graph_snapshot(db, {})
    again = await load(db, paths)
    assert again.person_merges == report.person_merges
    assert again.summary is not None and not again.summary.changed
    assert await graph_snapshot(db, {}) == before


async def test_a_file_loaded_later_joins_the_person_the_graph_holds(db: Database) -> None:
    await load(db, [VOCABULARY, COUNCILLORS])
    later = await load(db, [POPOLO])
    assert later.person_merges == [PersonMerge(JANE_POPOLO, JANE_MG)]
    await assert_one_jane(db, JANE_MG, JANE_POPOLO)

    # Either file again, alone: the merge the other file's load made stands.
    for path in (COUNCILLORS, POPOLO, COUNCILLORS):
        await load(db, [path])
        await assert_one_jane(db, JANE_MG, JANE_POPOLO)


async def test_a_merge_leaves_when_its_source_no_longer_names_the_person(
    db: Database, tmp_path: Path
) -> None:
    councillors, popolo = (shutil.copy(path, tmp_path) for path in (COUNCILLORS, POPOLO))
    await load(db, [VOCABULARY, Path(councillors), Path(popolo)])
    data = json.loads(POPOLO.read_text(encoding="utf-8"))
    data["persons"] = [p for p in data["persons"] if p["id"] != "p-jane"]
    data["memberships"] = [m for m in data["memberships"] if m["person_id"] != "p-jane"]
    Path(popolo).write_text(json.dumps(data), encoding="utf-8")
    await load(db, [Path(popolo)])  # the Popolo file's evidence leaves the person
    await load(db, [Path(councillors)])  # and the next load of the person drops its merge
    jane = await persons(db, JANE)
    assert list(jane) == [JANE_MG]
    assert "merged_from" not in jane[JANE_MG] and "merge_rule" not in jane[JANE_MG]
    assert len(await evidence_documents(db, JANE_MG)) == 1


async def test_the_id_the_graph_holds_survives(db: Database) -> None:
    await load(db, [VOCABULARY, POPOLO])
    later = await load(db, [COUNCILLORS])
    assert later.person_merges == [PersonMerge(JANE_MG, JANE_POPOLO)]
    await assert_one_jane(db, JANE_POPOLO, JANE_MG)


async def test_the_override_file_undoes_a_merge(db: Database, tmp_path: Path) -> None:
    await load(db, [VOCABULARY, COUNCILLORS, POPOLO])
    assert list(await persons(db, JANE)) == [JANE_MG]

    data = tmp_path / "data"
    shutil.copytree(VOCABULARY, data / "vocabulary")
    (data / OVERRIDES_FILE).write_text(
        "extracted_id,known_id,reason\n"
        f"{JANE_MG},{JANE_POPOLO},a test: the two are different people\n",
        encoding="utf-8",
    )
    context = read_context(Settings(CIVICGRAPH_DATA_DIR=data))
    apart = await load(db, [COUNCILLORS, POPOLO], context=context)
    assert apart.person_merges == []
    jane = await persons(db, JANE)
    assert sorted(jane) == [JANE_MG, JANE_POPOLO]
    assert all("merge_rule" not in props and "merged_from" not in props for props in jane.values())
    assert await evidence_documents(db, JANE_MG) == {MG_DOCUMENT}
    assert await evidence_documents(db, JANE_POPOLO) == {POPOLO_DOCUMENT}
    assert set(await held_posts(db, JANE_POPOLO)) == {"post:manchester-city-council-leader"}


async def test_a_name_matching_two_people_who_do_not_match_each_other_merges_none(
    db: Database,
) -> None:
    report = await load(db, [VOCABULARY, POPOLO, TRAFFORD, TWO_COUNCILS])
    assert report.person_merges == []
    assert sorted(await persons(db, "priya shah")) == [
        "person:gm-priya",
        "person:p-priya",
        "person:t-priya",
    ]
    notes = [issue for issue in report.issues if "were not merged" in issue.reason]
    assert len(notes) == 1 and notes[0].severity is Severity.NOTE
    assert "person:p-priya and person:t-priya" in notes[0].reason


async def persons(db: Database, key: str) -> dict[str, dict[str, Any]]:
    """The Person nodes whose name compares as `key`, by id, with their properties."""
    records, _, _ = await db.read("MATCH (p:Person) RETURN p.id AS id, properties(p) AS props")
    return {
        record["id"]: record["props"]
        for record in records
        if person_key(record["props"]["name"]) == key
    }


async def evidence_documents(db: Database, fact_id: str) -> set[str]:
    records, _, _ = await db.read(
        "MATCH (ev:Evidence {factId: $id}) RETURN collect(DISTINCT ev.document) AS documents",
        {"id": fact_id},
    )
    return set(records[0]["documents"])


async def held_posts(db: Database, person_id: str) -> dict[str, set[str]]:
    records, _, _ = await db.read(
        "MATCH (:Person {id: $id})-[r:HOLDS]->(post:Post) "
        "MATCH (ev:Evidence {factId: r.id}) "
        "RETURN post.id AS post, collect(DISTINCT ev.document) AS documents",
        {"id": person_id},
    )
    return {record["post"]: set(record["documents"]) for record in records}


async def councillor_since(db: Database, person_id: str) -> set[str]:
    records, _, _ = await db.read(
        "MATCH (:Person {id: $id})-[r:MEMBER_OF {role: 'councillor'}]->"
        "(:Body {id: 'body:manchester-city-council'}) RETURN toString(r.validFrom) AS since",
        {"id": person_id},
    )
    return {record["since"] for record in records}


async def assert_one_jane(db: Database, survivor: str, merged: str) -> None:
    jane = await persons(db, JANE)
    assert list(jane) == [survivor]
    assert jane[survivor]["merged_from"] == merged
    assert await evidence_documents(db, survivor) == {MG_DOCUMENT, POPOLO_DOCUMENT}
    assert set(await held_posts(db, survivor)) == {
        "post:manchester-city-council-leader-of-the-council",
        "post:manchester-city-council-leader",
    }

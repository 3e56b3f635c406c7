"""Popolo bodies and parties: parties are party bodies of the file's jurisdiction (one per name,
none for "unknown"), other bodies resolve to the register within that jurisdiction, and a body of
another country never meets a UK one. Read, then loaded through the real writer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from graph.db import Database
from graph.model import EntityType, RelationType
from graph.settings import PROJECT_ROOT
from loaders.body_resolution import register_bodies
from loaders.formats.popolo import read_popolo
from loaders.formats.popolo_bodies import file_jurisdiction
from loaders.issues import LoadRejected, Severity
from loaders.load import load
from loaders.parties import affiliation

FIXTURES = Path(__file__).parent / "fixtures"
WELSH = FIXTURES / "formats" / "popolo" / "welsh-assembly-ep-popolo-v1.0.json"
EXECUTIVE = FIXTURES / "formats" / "popolo" / "executive.json"
TASMANIA = FIXTURES / "resolution" / "tasmania-dorset-council.json"
REGISTER = PROJECT_ROOT / "data" / "register"

PARTY_BODIES = (
    "MATCH (b:Body) WHERE b.kind = 'political party' "
    "RETURN b.id AS id, b.name AS name, b.jurisdiction AS jurisdiction ORDER BY id"
)


async def rows(db: Database, query: Any, **parameters: Any) -> list[dict[str, Any]]:
    records, _, _ = await db.read(query, parameters)
    return [record.data() for record in records]


def test_a_file_says_its_jurisdiction_by_its_areas_or_gss_codes() -> None:
    assert file_jurisdiction(json.loads(WELSH.read_text())) == "GB-WLS"
    assert file_jurisdiction(json.loads(TASMANIA.read_text())) == "AU-TAS"
    assert file_jurisdiction(json.loads(EXECUTIVE.read_text())) == "GB-ENG"  # E06... GSS code
    assert file_jurisdiction({"organizations": [{"id": "x", "name": "Dorset Council"}]}) is None


def test_a_file_that_does_not_say_its_country_never_resolves_a_name(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.json"
    path.write_text(json.dumps({"organizations": [{"id": "dc", "name": "Dorset Council"}]}))
    result = read_popolo(path)
    (body,) = [e for e in result.sources[0].entities if e.type is EntityType.BODY]
    assert body.id == "body:zz:dorset-council"
    assert body.properties["resolution"] == "unresolved"
    notes = [issue.reason for issue in result.issues if issue.severity is Severity.NOTE]
    assert any("does not say its country" in note for note in notes)


def test_a_register_body_named_in_its_jurisdiction_resolves(tmp_path: Path) -> None:
    doc = {
        "areas": [{"id": "ocd-division/country:gb-eng/county:cheshire", "name": "Cheshire"}],
        "organizations": [{"id": "ce", "name": "Cheshire East", "classification": "council"}],
        "persons": [{"id": "p1", "name": "Ann Example"}],
        "memberships": [{"person_id": "p1", "organization_id": "ce", "role": "Leader"}],
    }
    path = tmp_path / "cheshire.json"
    path.write_text(json.dumps(doc))
    result = read_popolo(path)
    source = result.sources[0]
    bodies = {e.id: e for e in source.entities if e.type is EntityType.BODY}
    assert list(bodies) == ["body:cheshire-east-council"]
    assert bodies["body:cheshire-east-council"].properties["gss_code"] == "E06000049"
    assert "post:cheshire-east-council-leader" in {e.id for e in source.entities}
    assert not [issue for issue in result.issues if issue.severity is Severity.NOTE]


def test_the_body_given_for_the_file_is_its_own_body() -> None:
    bodies = register_bodies().settled("body:cheshire-east-council")
    result = read_popolo(EXECUTIVE, bodies=bodies)
    source = result.sources[0]
    ids = {e.id for e in source.entities}
    assert "body:cheshire-east-council" in ids
    assert not any(i.startswith("body:gb-eng:") for i in ids)
    assert "post:cheshire-east-council-leader" in ids
    assert ("committee:o-cabinet", "body:cheshire-east-council") in {
        (r.source, r.target) for r in source.relations if r.type is RelationType.BELONGS_TO
    }
    assert not any("not resolved" in issue.reason for issue in result.issues)


def test_a_given_body_is_refused_for_a_file_of_several_bodies(tmp_path: Path) -> None:
    doc = {"organizations": [{"id": "a", "name": "A Council"}, {"id": "b", "name": "B Council"}]}
    path = tmp_path / "two.json"
    path.write_text(json.dumps(doc))
    with pytest.raises(LoadRejected, match="--body body:cheshire-east-council names the file"):
        read_popolo(path, bodies=register_bodies().settled("body:cheshire-east-council"))


async def test_the_welsh_sample_loads_its_parties_as_party_bodies(db: Database) -> None:
    report = await load(db, [WELSH])
    doc = json.loads(WELSH.read_text())
    named = [o["name"] for o in doc["organizations"] if o.get("classification") == "party"]
    expected = {
        party.id for name in named if (party := affiliation(name, "GB-WLS").party) is not None
    }
    parties = await rows(db, PARTY_BODIES)
    assert {row["id"] for row in parties} == expected
    assert len(parties) == len({row["name"] for row in parties}) == len(named) - 1  # Independent
    assert {row["jurisdiction"] for row in parties} == {"GB"}
    assert not await rows(
        db,
        "MATCH (b:Body) WHERE toLower(b.name) IN ['unknown', 'independent'] "
        "OR b.id STARTS WITH 'body:party/' RETURN b.id AS id",
    )
    labour = await rows(
        db,
        "MATCH (p:Person)-[m:MEMBER_OF]->(:Body {id: 'body:party:gb:labour-party'}) "
        "RETURN count(DISTINCT p) AS members",
    )
    labour_seats = [
        m for m in doc["memberships"] if m.get("on_behalf_of_id") == "party/welsh_labour"
    ]
    assert labour[0]["members"] == len({m["person_id"] for m in labour_seats})
    independents = await rows(
        db,
        "MATCH (:Person)-[m:MEMBER_OF {independent: true}]->(b:Body) "
        "RETURN b.id AS body, m.party AS party, m.on_behalf_of AS party_id",
    )
    assert independents == [
        {
            "body": "body:gb-wls:national-assembly-for-wales",
            "party": "Independent",
            "party_id": None,
        }
    ]
    assembly = await rows(
        db,
        "MATCH (b:Body {id: 'body:gb-wls:national-assembly-for-wales'}) "
        "RETURN b.jurisdiction AS jurisdiction, b.country AS country, b.resolution AS resolution, "
        "b.wikidata_id AS wikidata",
    )
    assert assembly == [
        {
            "jurisdiction": "GB-WLS",
            "country": "GB",
            "resolution": "unresolved",
            "wikidata": "Q493517",
        }
    ]
    notes = [str(issue) for issue in report.issues if issue.severity is Severity.NOTE]
    assert any(
        "organizations[1]" in note and "National Assembly for Wales" in note and "--body" in note
        for note in notes
    )


async def test_a_tasmanian_dorset_council_never_meets_the_registers(db: Database) -> None:
    await load(db, [REGISTER])
    english = await rows(
        db,
        "MATCH (b:Body {id: 'body:dorset-council'}) RETURN properties(b) AS props",
    )
    await load(db, [TASMANIA])
    assert (
        await rows(db, "MATCH (b:Body {id: 'body:dorset-council'}) RETURN properties(b) AS props")
        == english
    )
    dorsets = await rows(
        db,
        "MATCH (b:Body) WHERE b.name = 'Dorset Council' "
        "OPTIONAL MATCH (p:Person)-[:MEMBER_OF]->(b) "
        "RETURN b.id AS id, b.jurisdiction AS jurisdiction, count(p) AS members ORDER BY id",
    )
    assert dorsets == [
        {"id": "body:au-tas:dorset-council", "jurisdiction": "AU-TAS", "members": 4},
        {"id": "body:dorset-council", "jurisdiction": "GB-ENG", "members": 0},
    ]
    parties = await rows(db, PARTY_BODIES)
    assert parties == [
        {"id": "body:party:au:green", "name": "Greens", "jurisdiction": "AU"},
        {"id": "body:party:au:liberal-australia", "name": "Liberal Party of Australia",
         "jurisdiction": "AU"},
    ]  # fmt: skip
    greens = await rows(
        db,
        "MATCH (p:Person)-[:MEMBER_OF]->(:Body {id: 'body:party:au:green'}) "
        "RETURN p.name AS name ORDER BY name",
    )
    assert [row["name"] for row in greens] == ["Mary Scott", "Tom Bridport"]

"""The Popolo reader: executive roles become posts and portfolios, partial dates keep their
precision, unknown keys are ignored, contact details never stored, bad items reported whole."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from graph.model import Capacity, EntityType, RelationType, SourceRecords
from loaders.formats.popolo import read_popolo
from loaders.formats.services import ServiceMatcher
from loaders.issues import LoadRejected, Severity

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
EXECUTIVE = FIXTURES / "popolo" / "executive.json"
VOCABULARY = Path(__file__).parent.parent / "data" / "vocabulary"
# The invented council resolves to no register body: its own id says its jurisdiction (its GSS
# code is English), and the ids of its posts and portfolios are scoped by it.
SCOPE = "gb-eng-exampleton-city-council"


def read(path: Path = EXECUTIVE) -> tuple[SourceRecords, list[tuple[str, str | None, str]]]:
    result = read_popolo(path, services=ServiceMatcher.from_vocabulary(VOCABULARY))
    rejected = [(p.record, p.column, p.reason) for p in result.rejected]
    return result.sources[0], rejected


def test_executive_roles_become_posts_with_portfolios_and_services() -> None:
    source, _ = read()
    relations = source.relations
    holds = {(r.source, r.target): r for r in relations if r.type is RelationType.HOLDS}
    assert holds[("person:p-ada", f"post:{SCOPE}-leader")].capacity is Capacity.SUBSTANTIVE
    assert holds[("person:p-cy", f"post:{SCOPE}-deputy-leader")].capacity is Capacity.ACTING
    cabinet_post = f"post:{SCOPE}-cabinet-member-for-housing-and-libraries"
    assert ("person:p-ben", cabinet_post) in holds
    portfolio = f"portfolio:{SCOPE}-housing-and-libraries"
    assert any(
        r.type is RelationType.HOLDS_PORTFOLIO and (r.source, r.target) == (cabinet_post, portfolio)
        for r in relations
    )
    covers = {(r.target, r.wording) for r in relations if r.type is RelationType.COVERS}
    assert covers == {("service:housing", "Housing"), ("service:libraries", "Libraries")}
    member = [r for r in relations if r.type is RelationType.MEMBER_OF]
    assert {(r.source, r.target, r.role) for r in member} == {
        ("person:p-cy", "committee:o-scrutiny", "chair"),
        ("person:p-ada", "committee:o-cabinet", "member"),
    }


def test_partial_dates_keep_their_precision() -> None:
    source, _ = read()
    leader = next(
        r
        for r in source.relations
        if r.target == f"post:{SCOPE}-leader" and r.type is RelationType.HOLDS
    )
    assert leader.valid_from == dt.date(2016, 5, 1)
    assert leader.properties["valid_from_precision"] == "month"
    cabinet = next(
        r for r in source.relations
        if r.type is RelationType.HOLDS and "cabinet-member" in r.target
    )  # fmt: skip
    assert (cabinet.valid_from, cabinet.valid_to) == (dt.date(2016, 1, 1), dt.date(2018, 5, 3))
    assert cabinet.properties["valid_from_precision"] == "year"


def test_bad_items_are_reported_with_where_column_and_reason_and_left_out() -> None:
    source, rejected = read()
    assert ("persons[3] id=p-nameless", "name", "missing") in rejected
    assert any(w.startswith("posts[1]") and c == "organization_id" for w, c, _ in rejected)
    assert any(
        w == "memberships[6]" and c == "person_id" and "p-ghost" in r for w, c, r in rejected
    )
    assert any(w == "memberships[7]" and c == "start_date" for w, c, _ in rejected)
    assert any(w == "memberships[8]" and c == "end_date" for w, c, _ in rejected)
    ids = {e.id for e in source.entities}
    assert "person:p-nameless" not in ids and "post:post-orphan" not in ids
    assert len(rejected) == 5


def test_contact_details_and_unknown_keys_are_not_stored() -> None:
    source, _ = read()
    stored = json.dumps([e.model_dump(mode="json") for e in source.entities])
    for private in ("ada@example.invalid", "07000 000001", "1970-01-01", "green"):
        assert private not in stored
    result = read_popolo(EXECUTIVE)
    notes = [p.reason for p in result.issues if p.severity is Severity.NOTE]
    assert any("not stored" in note for note in notes)
    ada = next(e for e in source.entities if e.id == "person:p-ada")
    assert ada.type is EntityType.PERSON and ada.properties == {"popolo_id": "p-ada"}


def test_the_welsh_sample_keeps_both_parties_of_an_undated_party_change() -> None:
    path = FIXTURES / "popolo" / "welsh-assembly-ep-popolo-v1.0.json"
    source, rejected = read(path)
    assert rejected == []
    # memberships[39] is as an independent, [40] for UKIP, in the same term, with no dates
    notes = [i for i in read_popolo(path).issues if i.severity is Severity.NOTE]
    [change] = [n for n in notes if (n.record or "").startswith("memberships[40]")]
    assert change.column == "independent, on_behalf_of, party"
    assert "memberships[39]" in change.reason and "kept" in change.reason
    data = json.loads(path.read_text())
    member = "person:" + data["memberships"][40]["person_id"]
    of_member = [r for r in source.relations if r.source == member]
    memberships = [r for r in of_member if r.type is RelationType.MEMBER_OF]
    assembly = [r for r in memberships if not r.target.startswith("body:party:")]
    assert len(assembly) == 1 and assembly[0].properties.get("independent") is True
    parties = {r.target for r in memberships if r.target.startswith("body:party:")}
    assert any("ukip" in party or "independence" in party for party in parties), parties
    persons = [e for e in source.entities if e.type is EntityType.PERSON]
    assert len(persons) == len(data["persons"])
    relations = [r for r in source.relations if r.type is RelationType.MEMBER_OF]
    members = [r for r in relations if not r.target.startswith("body:party:")]
    assert len(members) == len(data["memberships"]) - 1
    # a membership of a legislative period without dates takes the period's
    term5 = [r for r in members if r.properties.get("legislative_period") == "change_event:term/5"]
    assert term5 and all(r.valid_from is not None for r in term5)


@pytest.mark.parametrize("name", ["truncated-popolo.json"])
def test_a_file_that_is_not_popolo_is_rejected_whole(name: str) -> None:
    with pytest.raises(LoadRejected, match="not JSON"):
        read_popolo(FIXTURES / "malformed" / name)


def test_json_without_popolo_collections_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text('{"people": []}')
    with pytest.raises(LoadRejected, match="no Popolo"):
        read_popolo(path)

"""The ModernGov reader: keyposts parsed into posts, portfolios and committee roles; committees;
meeting attendees as members; private addresses never stored; unsafe XML refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.model import Capacity, EntityType, RelationType, Status
from loaders.formats.moderngov import read_moderngov
from loaders.formats.services import ServiceMatcher
from loaders.issues import LoadRejected

FOLDER = Path(__file__).parent / "fixtures" / "formats" / "moderngov"
MALFORMED = Path(__file__).parent / "fixtures" / "formats" / "malformed"
VOCABULARY = Path(__file__).parent.parent / "data" / "vocabulary"


def test_keyposts_become_posts_portfolios_and_committee_roles() -> None:
    services = ServiceMatcher.from_vocabulary(VOCABULARY)
    result = read_moderngov(FOLDER / "councillors_by_ward.xml", services=services)
    source = result.sources[0]
    facts = {(r.type, r.source, r.target): r for r in source.relations}
    tom, asha, basil = (
        "person:manchester-mg-233",
        "person:manchester-mg-201",
        "person:manchester-mg-192",
    )
    housing = "post:manchester-executive-member-for-housing-and-regeneration"
    assert facts[(RelationType.HOLDS, tom, housing)].capacity is Capacity.ACTING
    assert (RelationType.HOLDS, tom, "post:manchester-deputy-leader") in facts
    assert (RelationType.HOLDS, asha, "post:manchester-leader-of-the-council") in facts
    libraries = "portfolio:manchester-libraries-culture-and-leisure"
    covered = {
        r.target for (t, s, _), r in facts.items() if t is RelationType.COVERS and s == libraries
    }
    assert covered == {"service:libraries", "service:arts-and-culture", "service:leisure-and-sport"}
    assert (
        facts[(RelationType.MEMBER_OF, basil, "committee:manchester-audit-committee")].role
        == "chair"
    )
    councillor = facts[(RelationType.MEMBER_OF, basil, "body:manchester")]
    assert councillor.role == "councillor"
    assert councillor.properties["ward"] == "area:manchester-ward-charlestown"
    assert str(councillor.valid_from) == "2024-05-03"
    rejected = {(p.record, p.column) for p in result.rejected}
    assert rejected == {
        ("councillor[councillorid=240]", "fullusername"),
        ("councillor[councillorid=241]", "termsofoffice/startdate"),
    }
    kept_as_text = [p for p in result.issues if p.column == "keyposts"]
    assert [p.reason.split("'")[1] for p in kept_as_text] == ["Champion for Older People"]


def test_addresses_emails_and_phones_are_never_stored() -> None:
    source = read_moderngov(FOLDER / "councillors_by_ward.xml").sources[0]
    stored = json.dumps([x.model_dump(mode="json") for x in [*source.entities, *source.relations]])
    for private in ("Private Home Street", "M9 9ZZ", "07000 000000", "example.invalid", "0161"):
        assert private not in stored


def test_committees_and_meeting_attendees() -> None:
    committees = read_moderngov(FOLDER / "committees.xml").sources[0]
    status = {e.name: e.status for e in committees.entities if e.type is EntityType.COMMITTEE}
    assert status["Art Galleries Committee"] is Status.CURRENT
    assert status["Appointment Sub Committee for Director of Adult Social Services"] is Status.ENDED
    meeting = read_moderngov(FOLDER / "meeting_with_minutes.xml").sources[0]
    member = [r for r in meeting.relations if r.type is RelationType.MEMBER_OF]
    assert [(r.source, r.target, r.role) for r in member] == [
        ("person:manchester-mg-192", "committee:manchester-audit-committee", "member")
    ]
    assert member[0].properties["seen_at_meeting"] == "2026-02-10"
    person = next(e for e in meeting.entities if e.type is EntityType.PERSON)
    assert person.name == "Basil Curley" and person.aliases == ["Councillor Basil Curley"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("entity-expansion-committees.xml", "unsafe"),
        ("truncated-committees.xml", "not well-formed"),
    ],
)
def test_unsafe_or_broken_xml_is_rejected_whole(name: str, message: str) -> None:
    with pytest.raises(LoadRejected, match=message):
        read_moderngov(MALFORMED / name)

"""The ModernGov reader: keyposts parsed into posts, portfolios and committee roles; committees;
meeting attendees as members; private addresses never stored; unsafe XML refused."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml

from bench.evaluate_keyposts import LABELS, norm
from graph.db import Database
from graph.model import Capacity, EntityType, RelationType, Status
from loaders.body_resolution import register_bodies
from loaders.formats.moderngov import read_moderngov
from loaders.formats.portfolio_names import PortfolioNames, is_deputy, portfolio_key
from loaders.formats.services import ServiceMatcher
from loaders.issues import LoadRejected
from loaders.load import load as load_files

FOLDER = Path(__file__).parent / "fixtures" / "formats" / "moderngov"
MALFORMED = Path(__file__).parent / "fixtures" / "formats" / "malformed"
ROOT = Path(__file__).resolve().parent.parent
VOCABULARY = ROOT / "data" / "vocabulary"
REGISTER = ROOT / "data" / "register"
_SHARED = [ROOT.parent / "shared" / "samples", ROOT.parent.parent / "shared" / "samples"]
SAMPLES = (
    Path(
        os.environ.get("CIVICGRAPH_SAMPLES") or next((p for p in _SHARED if p.is_dir()), _SHARED[0])
    )
    / "moderngov"
)
# The six sample files name their site only in their file names; the key posts' labels
# (bench/keypost_labels.yaml) name each council as here.
SAMPLE_COUNCILS = {
    "argyll-bute": "body:argyll-and-bute-council",
    "cardiff": "body:city-of-cardiff-council",
    "liverpool": "body:liverpool-city-council",
    "kingston": "body:royal-borough-of-kingston-upon-thames",
    "sthelens": "body:st-helens-council",
    "worcestershire": "body:worcestershire-county-council",
}


def test_keyposts_become_posts_portfolios_and_committee_roles() -> None:
    services = ServiceMatcher.from_vocabulary(VOCABULARY)
    result = read_moderngov(FOLDER / "councillors_by_ward.xml", services=services)
    source = result.sources[0]
    facts = {(r.type, r.source, r.target): r for r in source.relations}
    tom, asha, basil = (
        "person:manchester-city-council-mg-233",
        "person:manchester-city-council-mg-201",
        "person:manchester-city-council-mg-192",
    )
    housing = "post:manchester-city-council-executive-member-for-housing-and-regeneration"
    assert facts[(RelationType.HOLDS, tom, housing)].capacity is Capacity.ACTING
    assert (RelationType.HOLDS, tom, "post:manchester-city-council-deputy-leader") in facts
    assert (RelationType.HOLDS, asha, "post:manchester-city-council-leader-of-the-council") in facts
    libraries = "portfolio:manchester-city-council-libraries-culture-and-leisure"
    covered = {
        r.target for (t, s, _), r in facts.items() if t is RelationType.COVERS and s == libraries
    }
    assert covered == {"service:libraries", "service:arts-and-culture", "service:leisure-and-sport"}
    assert (
        facts[
            (RelationType.MEMBER_OF, basil, "committee:manchester-city-council-audit-committee")
        ].role
        == "chair"
    )
    councillor = facts[(RelationType.MEMBER_OF, basil, "body:manchester-city-council")]
    assert councillor.role == "councillor"
    assert councillor.properties["ward"] == "area:manchester-city-council-ward-charlestown"
    assert str(councillor.valid_from) == "2024-05-03"
    rejected = {(p.record, p.column) for p in result.rejected}
    assert rejected == {
        ("councillor[councillorid=240]", "fullusername"),
        ("councillor[councillorid=241]", "termsofoffice/startdate"),
    }
    assert [p for p in result.issues if p.column == "keyposts"] == []  # nothing kept as text
    champion = "post:manchester-city-council-champion-for-older-people"
    assert (RelationType.BELONGS_TO, champion, "body:manchester-city-council") in facts
    assert (RelationType.COVERS, champion, "service:adult-social-care") in facts
    post = next(e for e in source.entities if e.id == champion)
    assert post.properties == {"post_kind": "champion"}
    assert any(t is RelationType.HOLDS and target == champion for t, _, target in facts)


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
        (
            "person:manchester-city-council-mg-192",
            "committee:manchester-city-council-audit-committee",
            "member",
        )
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


def test_a_file_that_names_no_site_keeps_its_folder_council_unresolved() -> None:
    result = read_moderngov(FOLDER / "committees.xml")
    bodies = [e for e in result.sources[0].entities if e.type is EntityType.BODY]
    assert [(b.id, b.properties.get("resolution")) for b in bodies] == [
        ("body:moderngov", "unresolved")
    ]
    assert any("body:moderngov" in issue.reason and "not resolved" in issue.reason
               for issue in result.issues)  # fmt: skip


@pytest.mark.skipif(not SAMPLES.is_dir(), reason=f"the ModernGov samples are not at {SAMPLES}")
async def test_each_sample_council_is_one_register_body(db: Database) -> None:
    await load_files(db, [REGISTER, VOCABULARY, SAMPLES])
    records, _, _ = await db.read(
        "MATCH (:Person)-[m:MEMBER_OF {role: 'councillor'}]->(b:Body) "
        "RETURN b.id AS id, b.name AS name, count(m) AS councillors"
    )
    councils = {r["id"]: (r["name"], r["councillors"]) for r in records}
    register = register_bodies().entities
    assert set(councils) == set(SAMPLE_COUNCILS.values())
    for body_id, (name, councillors) in councils.items():
        assert name == register[body_id].name
        assert councillors > 10
    others, _, _ = await db.read(
        "MATCH (b:Body) WHERE b.resolution = 'unresolved' OR b.moderngov_site IS NOT NULL "
        "RETURN b.id AS id"
    )
    assert others == []


@pytest.mark.skipif(not SAMPLES.is_dir(), reason=f"the ModernGov samples are not at {SAMPLES}")
async def test_sample_key_posts_become_the_labelled_posts_portfolios_and_committees(
    db: Database,
) -> None:
    await load_files(db, [REGISTER, VOCABULARY, SAMPLES])
    labels = yaml.safe_load(LABELS.read_text("utf-8"))["councils"]
    for council, body_id in SAMPLE_COUNCILS.items():
        roles = [role for entry in labels[council] for role in entry["roles"]]
        # a portfolio the file spells two ways is one, under one of its spellings
        executive_roles = [r for r in roles if r["kind"] == "executive" and r["portfolio"]]
        names = PortfolioNames(
            (r["portfolio"] for r in executive_roles),
            principal=(r["portfolio"] for r in executive_roles if not is_deputy(r["office"])),
        )
        executive = {
            (
                norm(
                    f"{r['office']} for {names.name_of(r['portfolio'])}"
                    if r["portfolio"]
                    else r["office"]
                ),
                norm(names.name_of(r["portfolio"]) if r["portfolio"] else None),
            )
            for r in roles
            if r["kind"] == "executive"
        }
        committees = {norm(r["committee"]) for r in roles if r["kind"] == "committee"}
        records, _, _ = await db.read(
            "MATCH (p:Post {post_kind: 'executive'})-[:BELONGS_TO]->(:Body {id: $body}) "
            "OPTIONAL MATCH (p)-[:HOLDS_PORTFOLIO]->(f:Portfolio) "
            "RETURN p.name AS post, f.name AS portfolio",
            {"body": body_id},
        )
        assert {(norm(r["post"]), norm(r["portfolio"])) for r in records} == executive, council
        records, _, _ = await db.read(
            "MATCH (f:Portfolio)-[:BELONGS_TO]->(:Body {id: $body}) RETURN f.name AS name",
            {"body": body_id},
        )
        assert not {norm(r["name"]) for r in records} & committees, council
        records, _, _ = await db.read(
            "MATCH (c:Committee)-[:BELONGS_TO]->(:Body {id: $body}) RETURN c.name AS name",
            {"body": body_id},
        )
        assert committees <= {norm(r["name"]) for r in records}, council
        champions = {norm(r["topic"]) for r in roles if r["kind"] == "champion"}
        records, _, _ = await db.read(
            "MATCH (:Person)-[:HOLDS]->(p:Post {post_kind: 'champion'})-[:BELONGS_TO]->"
            "(:Body {id: $body}) RETURN p.name AS name",
            {"body": body_id},
        )
        assert len(records) == len(champions), council
        outside = {(norm(r["body"]), r["role"]) for r in roles if r["kind"] == "outside"}
        records, _, _ = await db.read(
            "MATCH (:Person)-[:MEMBER_OF {role: 'councillor'}]->(:Body {id: $body}) "
            "WITH count(*) AS n "
            "MATCH (p:Person)-[m:MEMBER_OF]->(b:Body) "
            "WHERE p.id STARTS WITH 'person:' + substring($body, 5) + '-' "
            "AND m.role <> 'councillor' AND b.kind <> 'political party' "
            "RETURN b.name AS body, m.role AS role, b.resolution AS resolution",
            {"body": body_id},
        )
        assert {(norm(r["body"]), r["role"]) for r in records} == outside, council
        assert {r["resolution"] for r in records} <= {"not-in-register"}, council
        assert not {body for body, _ in outside} & {
            norm(r["name"]) for r in await _committees_of(db, body_id)
        }, council


async def _committees_of(db: Database, body_id: str) -> list[dict[str, str]]:
    records, _, _ = await db.read(
        "MATCH (c:Committee)-[:BELONGS_TO]->(:Body {id: $body}) RETURN c.name AS name",
        {"body": body_id},
    )
    return [dict(r) for r in records]


async def test_an_outside_body_of_the_register_is_the_register_body(
    db: Database, tmp_path: Path
) -> None:
    """A councillor's seat on the combined authority is a membership of the register's body;
    a fire authority named by no place is the council's own view of it, scoped by the council."""
    text = (FOLDER / "councillors_by_ward.xml").read_text("utf-8")
    seats = (
        "Member of the Greater Manchester Combined Authority; "
        "Fire Authority Representative; Armed Forces Champion"
    )
    changed = text.replace("Champion for Older People", seats, 1)
    assert changed != text
    path = tmp_path / "manchester.gov.uk-councillors-by-ward.xml"
    path.write_text(changed, "utf-8")
    await load_files(db, [REGISTER, VOCABULARY])
    await load_files(db, [path])
    records, _, _ = await db.read(
        "MATCH (p:Person)-[m:MEMBER_OF]->(b:Body) WHERE m.role <> 'councillor' "
        "RETURN b.id AS body, b.name AS name, b.kind AS kind, m.role AS role, "
        "b.resolution AS resolution ORDER BY body"
    )
    assert [tuple(r.values()) for r in records] == [
        ("body:greater-manchester-combined-authority", "Greater Manchester Combined Authority",
         "combined authority", "member", None),
        ("body:manchester-city-council-fire-authority", "Fire Authority", "fire authority",
         "representative", "not-in-register"),
    ]  # fmt: skip
    records, _, _ = await db.read(
        "MATCH (b:Body {id: 'body:greater-manchester-combined-authority'}) RETURN count(b) AS n"
    )
    assert records[0]["n"] == 1


@pytest.mark.skipif(not SAMPLES.is_dir(), reason=f"the ModernGov samples are not at {SAMPLES}")
async def test_a_portfolio_a_sample_spells_two_ways_is_one_and_no_holder_has_it_twice(
    db: Database,
) -> None:
    await load_files(db, [REGISTER, VOCABULARY, SAMPLES])
    # Argyll and Bute writes its housing portfolio "Strategic Housing, ..." for its Policy Lead
    # and "Strategic Housinig, ..." for a Depute: one portfolio, under the spelling it usually
    # writes; the Depute's own words stay in the evidence. "Community and Culture and Strategic
    # Housing" lists other items (no Gaelic): another Depute's remit, another portfolio.
    records, _, _ = await db.read(
        "MATCH (f:Portfolio)-[:BELONGS_TO]->(:Body {id: 'body:argyll-and-bute-council'}) "
        "WHERE f.name CONTAINS 'Strategic Housin' "
        "MATCH (h:Person)-[:HOLDS]->(p:Post)-[r:HOLDS_PORTFOLIO]->(f) "
        "MATCH (e:Evidence {factId: r.id}) "
        "RETURN f.name AS portfolio, f.aliases AS aliases, h.name AS holder, p.name AS post, "
        "e.quote AS quote ORDER BY holder"
    )
    assert [tuple(r.values()) for r in records] == [
        ("Community and Culture and Strategic Housing", [], "Iain MacDonald",
         "Depute Policy Lead for Community and Culture and Strategic Housing",
         "keyposts=Depute Policy Lead for Community and Culture and Strategic Housing"),
        ("Strategic Housing, Gaelic, Community & Culture",
         ["Strategic Housinig, Gaelic, Community & Culture"], "Robin Currie",
         "Policy Lead for Strategic Housing, Gaelic, Community & Culture",
         "keyposts=Policy Lead for Strategic Housing, Gaelic, Community & Culture"),
        ("Strategic Housing, Gaelic, Community & Culture",
         ["Strategic Housinig, Gaelic, Community & Culture"], "Roderick McCuish",
         "Depute Policy Lead for Strategic Housing, Gaelic, Community & Culture",
         "keyposts=Depute Policy Lead for Strategic Housinig, Gaelic, Community & Culture"),
    ]  # fmt: skip
    # Liverpool's Wendy Simon is Assistant Mayor and Cabinet Member, that portfolio once
    records, _, _ = await db.read(
        "MATCH (:Person {id: 'person:liverpool-city-council-mg-1982'})-[:HOLDS]->(p:Post) "
        "OPTIONAL MATCH (p)-[:HOLDS_PORTFOLIO]->(f:Portfolio) "
        "RETURN p.name AS post, f.name AS portfolio ORDER BY post"
    )
    assert [tuple(r.values()) for r in records] == [
        ("Assistant Mayor of Liverpool", None),
        ("Cabinet Member for Culture, Tourism & Events", "Culture, Tourism & Events"),
    ]
    # In every sample: no council has two portfolios listing the same items, and no person
    # reaches one portfolio twice through posts of one office.
    records, _, _ = await db.read(
        "MATCH (f:Portfolio)-[:BELONGS_TO]->(b:Body) RETURN b.id AS body, f.name AS name"
    )
    keys = [(r["body"], portfolio_key(r["name"])) for r in records]
    assert len(keys) == len(set(keys)) > 60
    records, _, _ = await db.read(
        "MATCH (h:Person)-[:HOLDS]->(:Post)-[:HOLDS_PORTFOLIO]->(f:Portfolio) "
        "WITH h, f, count(*) AS times WHERE times > 1 "
        "MATCH (h)-[:HOLDS]->(p:Post)-[:HOLDS_PORTFOLIO]->(f) "
        "RETURN h.name AS holder, collect(p.name) AS posts"
    )
    assert [dict(r) for r in records] == []


async def test_one_portfolio_however_the_file_types_it(db: Database, tmp_path: Path) -> None:
    """A file that types one portfolio several ways ("&"/"and", order, a slip of the keys), or
    names one role twice in a councillor's key posts, gives one portfolio and one post for it."""
    text = (FOLDER / "councillors_by_ward.xml").read_text("utf-8")
    changes = {
        "<keyposts>Chair of Audit Committee</keyposts>": (
            "<keyposts>Chair of Audit Committee; "
            "Deputy Executive Member for Leisure and Culture, Libraries</keyposts>"
        ),
        "Executive Member for Libraries, Culture and Leisure</keyposts>": (
            "Executive Member - Libraries, Culture &amp; Leisure<br/>"
            "Executive Member for Libraries, Culture and Leisure</keyposts>"
        ),
        "<fullusername>Councillor Jo Blake</fullusername>": (
            "<fullusername>Councillor Jo Blake</fullusername>"
            "<keyposts>Deputy Executive Member for Housing &amp; Regeneratoin</keyposts>"
        ),
        "<startdate>31/02/2023</startdate>": "<startdate>28/02/2023</startdate>",
    }
    for old, new in changes.items():
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "manchester.gov.uk-councillors-by-ward.xml"
    path.write_text(text, "utf-8")
    await load_files(db, [REGISTER, VOCABULARY])
    await load_files(db, [path])
    records, _, _ = await db.read(
        "MATCH (f:Portfolio) OPTIONAL MATCH (h:Person)-[:HOLDS]->(p:Post)-[:HOLDS_PORTFOLIO]->(f) "
        "RETURN f.id AS id, f.name AS name, f.aliases AS aliases, h.name AS holder, "
        "p.name AS post ORDER BY id, holder"
    )
    assert [tuple(r.values()) for r in records] == [
        ("portfolio:manchester-city-council-housing-and-regeneration", "Housing and Regeneration",
         ["Housing & Regeneratoin"], "Jo Blake",
         "Deputy Executive Member for Housing and Regeneration"),
        ("portfolio:manchester-city-council-housing-and-regeneration", "Housing and Regeneration",
         ["Housing & Regeneratoin"], "Tom Rees", "Executive Member for Housing and Regeneration"),
        ("portfolio:manchester-city-council-libraries-culture-and-leisure",
         "Libraries, Culture & Leisure", ["Leisure and Culture, Libraries"], "Asha Patel",
         "Executive Member for Libraries, Culture & Leisure"),
        ("portfolio:manchester-city-council-libraries-culture-and-leisure",
         "Libraries, Culture & Leisure", ["Leisure and Culture, Libraries"], "Basil Curley",
         "Deputy Executive Member for Libraries, Culture & Leisure"),
    ]  # fmt: skip
    records, _, _ = await db.read(
        "MATCH (:Person {name: 'Asha Patel'})-[h:HOLDS]->(p:Post) RETURN count(h) AS holds"
    )
    assert records[0]["holds"] == 2  # Leader of the Council, and the portfolio's post once


def test_a_post_is_one_whether_a_file_types_and_or_ampersand(tmp_path: Path) -> None:
    """Two files of one council, one typing "&" and the other "and" in a key post, name the same
    post: its id reads "&" as "and", as portfolio and committee ids do."""
    text = (FOLDER / "councillors_by_ward.xml").read_text("utf-8")
    typed = "Executive Member for Libraries, Culture and Leisure</keyposts>"
    assert typed in text
    post_ids = []
    for name, spelling in (("and", typed), ("ampersand", typed.replace(" and ", " &amp; "))):
        folder = tmp_path / name
        folder.mkdir()
        path = folder / "manchester.gov.uk-councillors-by-ward.xml"
        path.write_text(text.replace(typed, spelling), "utf-8")
        source = read_moderngov(path).sources[0]
        post_ids.append(
            {e.id for e in source.entities if e.type is EntityType.POST and "libraries" in e.id}
        )
    assert (
        post_ids[0]
        == post_ids[1]
        == {"post:manchester-city-council-executive-member-for-libraries-culture-and-leisure"}
    )

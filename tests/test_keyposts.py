"""Key posts read into roles: executive posts with their portfolios, committee roles (never
portfolios), party roles, civic posts, champions, seats on bodies outside the council, the rest
kept as text; several roles in one element."""

from __future__ import annotations

import pytest

from graph.model import Capacity
from loaders.formats.keyposts import (
    ChampionRole,
    CivicPost,
    CommitteeRole,
    ExecutivePost,
    KeyPostRole,
    OtherRole,
    OutsideBodyRole,
    PartyRole,
    parse_keyposts,
)


def _executive(roles: list[KeyPostRole]) -> list[tuple[str, str | None]]:
    return [(r.office, r.portfolio) for r in roles if isinstance(r, ExecutivePost)]


@pytest.mark.parametrize(
    ("text", "office", "portfolio"),
    [
        ("Cabinet Member Environment", "Cabinet Member", "Environment"),
        ("Cabinet Member - Housing", "Cabinet Member", "Housing"),
        ("Highways Portfolio Holder", "Portfolio Holder", "Highways"),
        ("Communities Deputy Portfolio Holder", "Deputy Portfolio Holder", "Communities"),
        ("(Cabinet Member for Culture)", "Cabinet Member", "Culture"),
        ("Lead Member: Resident Services", "Lead Member", "Resident Services"),
        ("Cabinet Member with Responsiblity for Highways", "Cabinet Member", "Highways"),
        ("Executive Member for Children, Young People and Families", "Executive Member",
         "Children, Young People and Families"),
        ("Cabinet Member (Finance and Resources)", "Cabinet Member", "Finance and Resources"),
        ("Mayoral Lead for Parks & Open Spaces", "Mayoral Lead", "Parks & Open Spaces"),
        ("Depute Policy Lead for Adult Care", "Depute Policy Lead", "Adult Care"),
        ("Leader - Economic Development & Partnerships", "Leader",
         "Economic Development & Partnerships"),
        ("Assistant Cabinet Member for Active Travel & Wellbeing including Libraries",
         "Assistant Cabinet Member", "Active Travel & Wellbeing including Libraries"),
        ("Mayor of Liverpool", "Mayor of Liverpool", None),
        ("Aelod Cabinet dros Addysg", "Aelod Cabinet", "Addysg"),
    ],
)  # fmt: skip
def test_one_executive_role(text: str, office: str, portfolio: str | None) -> None:
    assert _executive(parse_keyposts(text)) == [(office, portfolio)]


def test_several_roles_in_one_element_and_titles_with_and_kept_whole() -> None:
    roles = parse_keyposts(
        "Assistant Mayor of Liverpool & Cabinet Member - Education, Employment & Skills"
    )
    assert _executive(roles) == [
        ("Assistant Mayor of Liverpool", None),
        ("Cabinet Member", "Education, Employment & Skills"),
    ]
    roles = parse_keyposts("(Deputy Mayor and Cabinet Member for Community Safety)")
    assert _executive(roles) == [("Deputy Mayor", None), ("Cabinet Member", "Community Safety")]
    roles = parse_keyposts(
        "Leader of the Council<br/>Cabinet Member for Culture, Leisure and Libraries; "
        "Vice-Chair of the Planning Committee"
    )
    assert _executive(roles) == [
        ("Leader of the Council", None),
        ("Cabinet Member", "Culture, Leisure and Libraries"),
    ]
    assert roles[-1] == CommitteeRole(
        "Vice-Chair of the Planning Committee", "Planning Committee", "vice-chair"
    )
    escaped = parse_keyposts("Leader&lt;br&gt;Cabinet Member for Finance &amp; Resources")
    assert _executive(escaped) == [("Leader", None), ("Cabinet Member", "Finance & Resources")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Assistant Mayor of Liverpool & Cabinet Member - Culture, Tourism & Events",
         [("Assistant Mayor of Liverpool", None), ("Cabinet Member", "Culture, Tourism & Events")]),
        ("Assistant Mayor of Liverpool & Cabinet Member - Culture, Tourism & Events<br />"
         "Cabinet Member for Culture, Tourism & Events",
         [("Assistant Mayor of Liverpool", None), ("Cabinet Member", "Culture, Tourism & Events")]),
        ("Cabinet Member - Culture, Tourism & Events; Cabinet Member for Culture, Tourism and "
         "Events", [("Cabinet Member", "Culture, Tourism & Events")]),
        ("Cabinet Member for Housing | Cabinet Member - HOUSING.",
         [("Cabinet Member", "Housing")]),
        ("Deputy Leader, Deputy Leader of the Council", [("Deputy Leader", None),
         ("Deputy Leader of the Council", None)]),
        # two offices over one portfolio are two roles
        ("Portfolio Holder for Children & Families and Cabinet Member for Children and Families",
         [("Portfolio Holder", "Children & Families"),
          ("Cabinet Member", "Children and Families")]),
    ],
)  # fmt: skip
def test_a_role_named_twice_in_one_text_is_read_once(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _executive(parse_keyposts(text)) == expected


def test_a_committee_role_named_twice_is_read_once() -> None:
    roles = parse_keyposts(
        "Chair of Audit & Governance Committee; Chair, Audit and Governance Committee; "
        "Vice Chair of Audit and Governance Committee"
    )
    assert [(r.committee, r.role) for r in roles if isinstance(r, CommitteeRole)] == [
        ("Audit & Governance Committee", "chair"),
        ("Audit and Governance Committee", "vice-chair"),
    ]


def test_the_post_name_is_the_same_however_the_council_words_it() -> None:
    (dash,) = parse_keyposts("Cabinet Member - Housing")
    (words,) = parse_keyposts("Cabinet Member with responsibility for Housing")
    assert isinstance(dash, ExecutivePost) and isinstance(words, ExecutivePost)
    assert dash.post_name == words.post_name == "Cabinet Member for Housing"
    assert dash.wording == "Cabinet Member - Housing"


@pytest.mark.parametrize(
    "text",
    [
        "Living & Working Select Committee",
        "Public Accounts & Audit Select Committee",
        "Chair Regeneration, Housing and Sustainability Select Committee",
        "Vice-Chairman of the Adult Care and Well Being Overview and Scrutiny Panel",
        "Combined Authourity Scrutiny Panel",
        "Cabinet Member - Scrutiny Panel",
    ],
)
def test_committees_never_become_portfolios(text: str) -> None:
    roles = parse_keyposts(text)
    assert roles and all(isinstance(r, CommitteeRole | OutsideBodyRole) for r in roles)


def test_committee_roles_split_where_a_new_role_starts() -> None:
    roles = parse_keyposts(
        "Vice-Chairman of the  Resources Overview and Scrutiny Panel  "
        "Vice-Chairman of the Standards and Ethics Committee"
    )
    assert [(r.committee, r.role) for r in roles if isinstance(r, CommitteeRole)] == [
        ("Resources Overview and Scrutiny Panel", "vice-chair"),
        ("Standards and Ethics Committee", "vice-chair"),
    ]
    two = parse_keyposts("Chair of Licensing Committee and Licensing & Gambling Committee")
    assert [(r.committee, r.role) for r in two if isinstance(r, CommitteeRole)] == [
        ("Licensing Committee", "chair"),
        ("Licensing & Gambling Committee", "chair"),
    ]
    (convener,) = parse_keyposts("Depute Convener of the Planning Committee")
    assert convener == CommitteeRole(
        "Depute Convener of the Planning Committee", "Planning Committee", "vice-chair"
    )


@pytest.mark.parametrize(
    ("text", "role", "party"),
    [
        ("Leader of the Labour Group", "leader", "Labour"),
        ("Leader - Liberal Democrat Party Group", "leader", "Liberal Democrat"),
        ("Conservative Group Leader", "leader", "Conservative"),
        ("Deputy Leader of the Green Group", "deputy-leader", "Green"),
        ("Chief Whip", "chief-whip", None),
        ("Leader of the Opposition", "opposition-leader", None),
        ("Opposition Spokesperson: Treasury", "spokesperson", None),
    ],
)
def test_group_roles_are_party_roles(text: str, role: str, party: str | None) -> None:
    assert parse_keyposts(text) == [PartyRole(text, role, party)]


@pytest.mark.parametrize(
    "text",
    ["Lord Mayor", "Mayor", "Deputy Mayor", "Speaker", "Chair of the Council",
     "Vice-Chairman of the Council", "Provost", "Presiding Member", "Mayoress"],
)  # fmt: skip
def test_civic_posts(text: str) -> None:
    assert parse_keyposts(text) == [CivicPost(text, text)]


def test_capacity_and_what_is_kept_as_text() -> None:
    (acting,) = parse_keyposts("Acting Executive Member for Housing and Regeneration")
    assert isinstance(acting, ExecutivePost) and acting.capacity is Capacity.ACTING
    assert acting.post_name == "Executive Member for Housing and Regeneration"
    (shared,) = parse_keyposts("Cabinet Member for Housing (Job Share)")
    assert isinstance(shared, ExecutivePost)
    assert (shared.portfolio, shared.capacity) == ("Housing", Capacity.SHARED)
    for text in ("Councillor", "Honorary Alderman"):
        assert all(isinstance(r, OtherRole) for r in parse_keyposts(text))
    assert parse_keyposts("  ") == []


@pytest.mark.parametrize(
    ("text", "title", "topic"),
    [
        ("Armed Forces Champion", "Armed Forces Champion", "Armed Forces"),
        ("Member Champion for Older People", "Member Champion for Older People", "Older People"),
        ("Children's Champion", "Children's Champion", "Children"),
        ("Mental Health Member Champion", "Mental Health Member Champion", "Mental Health"),
        ("Champion for Climate Change", "Champion for Climate Change", "Climate Change"),
    ],
)  # fmt: skip
def test_champions_are_posts_with_their_cause(text: str, title: str, topic: str) -> None:
    assert parse_keyposts(text) == [ChampionRole(text, title, topic)]


def test_a_champion_beside_an_executive_role_is_its_own_role() -> None:
    roles = parse_keyposts("Depute Policy Lead for Children and Families and Children's Champion")
    assert _executive(roles) == [("Depute Policy Lead", "Children and Families")]
    assert roles[-1] == ChampionRole("Children's Champion", "Children's Champion", "Children")


@pytest.mark.parametrize(
    ("text", "body", "role", "kind"),
    [
        ("Combined Authority Merseytravel", "Combined Authority Merseytravel", "member",
         "combined authority"),
        ("Combined Authority Merseytravel Committee", "Combined Authority Merseytravel Committee",
         "member", "combined authority committee"),
        ("Substitute Member of the Liverpool City Region Combined Authority",
         "Liverpool City Region Combined Authority", "substitute", "combined authority"),
        ("Member of Fire and Civil Defense Authority", "Fire and Civil Defense Authority",
         "member", "fire authority"),
        ("Representative on Merseyside Fire and Rescue Authority",
         "Merseyside Fire and Rescue Authority", "representative", "fire authority"),
        ("Fire Authority Representative", "Fire Authority", "representative", "fire authority"),
        ("Chair of the Police and Crime Panel", "Police and Crime Panel", "chair",
         "police and crime panel"),
        ("Vice-Chair of the West Mercia Police and Crime Panel",
         "West Mercia Police and Crime Panel", "vice-chair", "police and crime panel"),
        ("Member of Merseyside Waste and Recycling Authority",
         "Merseyside Waste and Recycling Authority", "member", "waste authority"),
    ],
)  # fmt: skip
def test_seats_on_bodies_outside_the_council(text: str, body: str, role: str, kind: str) -> None:
    assert parse_keyposts(text) == [OutsideBodyRole(text, body, role, kind)]


def test_a_member_of_parliament_sits_in_the_house_of_commons_for_a_seat() -> None:
    for text, seat in (
        ("MP for St Helens South and Whiston", "St Helens South and Whiston"),
        ("Member of Parliament for Sefton Central", "Sefton Central"),
    ):
        assert parse_keyposts(text) == [
            OutsideBodyRole(text, "House of Commons", "member", "legislature", seat)
        ]


def test_a_portfolio_naming_an_outside_service_stays_a_portfolio() -> None:
    assert _executive(parse_keyposts("Cabinet Member for Fire and Rescue")) == [
        ("Cabinet Member", "Fire and Rescue")
    ]


def test_executive_role_reads_the_forms_its_patterns_miss_and_never_a_committee() -> None:
    from loaders.formats.roles import executive_role

    housing = executive_role("Cabinet Member - Housing")
    assert housing is not None
    assert (housing.post_name, housing.portfolio) == ("Cabinet Member for Housing", "Housing")
    highways = executive_role("Highways Portfolio Holder")
    assert highways is not None and highways.portfolio == "Highways"
    for committee in ("Living & Working Select Committee", "Cabinet Member for Scrutiny Panel"):
        assert executive_role(committee) is None


def test_terms_and_notes_are_no_part_of_the_post() -> None:
    assert parse_keyposts("Mayor (2024/25)") == [CivicPost("Mayor (2024/25)", "Mayor")]
    roles = parse_keyposts("Executive Member for Adult Social Care & Health (Deputy Leader)")
    assert _executive(roles) == [
        ("Executive Member", "Adult Social Care & Health"),
        ("Deputy Leader", None),
    ]
    (lead,) = parse_keyposts("Lead Member for Children's Services (statutory)")
    assert isinstance(lead, ExecutivePost) and lead.portfolio == "Children's Services"
    assert parse_keyposts("Group Leader - Labour") == [
        PartyRole("Group Leader - Labour", "leader", "Labour")
    ]

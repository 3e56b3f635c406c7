"""One portfolio however a council types its title: a labelled set of titles councils publish,
each pair the same portfolio or not."""

from __future__ import annotations

import pytest

from loaders.formats.portfolio_names import PortfolioNames, is_deputy, portfolio_key
from loaders.formats.roles import portfolio_id

# Pairs of titles one council's file gives, labelled by reading them.
SAME = [
    ("Culture, Tourism & Events", "Culture, Tourism and Events"),
    ("Children and Families", "Families & Children"),
    ("Health and Well-being", "Health & Wellbeing"),
    ("Health and Well Being", "health and wellbeing"),
    ("Adult Social Care & Health", "ADULT SOCIAL CARE AND HEALTH"),
    ("Economy, Skills and Infrastructure", "Economy, Skills & Infrastructure"),
    ("Environment and Transport", "Environment, Transport"),
    ("Co-operatives and Social Enterprise", "Cooperatives & Social Enterprise"),
    ("Children's Services", "Childrens Services"),
    ("Children\u2019s Services", "Children's  Services"),
    ("Housing Portfolio", "Housing"),
    ("the Environment", "Environment"),
    ("Parks + Open Spaces", "Parks & Open Spaces"),
    ("Strategy, Governance & External Affairs", "Strategy, Governance and External Affairs."),
    ("Strategic Finance (IT Services, HR)", "Strategic Finance, IT Services and HR"),
    # a slip of the keys inside a longer item
    ("Strategic Housing, Gaelic, Community & Culture",
     "Strategic Housinig, Gaelic, Community & Culture"),
    ("Transport, Housing & Communtiy Safety", "Transport, Housing and Community Safety"),
    ("Housing and Regeneration", "Housing & Regeneratoin"),
]  # fmt: skip

OTHER = [
    # a deputy's narrower remit is another list of items
    ("Strategic Housing, Gaelic, Community & Culture",
     "Community and Culture and Strategic Housing"),
    ("Regeneration, Transport & Climate Change", "Transport & Climate Change"),
    ("Adult Social Care and Health", "Adult & Children's Social Care & Health"),
    ("Education, Employment & Skills", "Employment, Enterprise and Skills"),
    ("Children and Families", "Children, Families and Young People"),
    ("Public Health", "Public Health and Wellbeing"),
    ("Housing", "Housing and Homelessness"),
    # short words a letter apart are other words, not slips
    ("Carers", "Careers"),
    ("Planning", "Planting"),
    ("Young Carers", "Young Careers"),
    ("Licensing and Planning", "Licensing and Planting"),
    ("Adult Care", "Adult Core Services"),
]  # fmt: skip


@pytest.mark.parametrize(("first", "second"), SAME)
def test_titles_typed_differently_are_one_portfolio(first: str, second: str) -> None:
    names = PortfolioNames([first, second])
    assert names.name_of(first) == names.name_of(second) == first
    assert names.spellings_of(second) == [first, second]


@pytest.mark.parametrize(("first", "second"), OTHER)
def test_titles_listing_other_items_are_other_portfolios(first: str, second: str) -> None:
    names = PortfolioNames([first, second])
    assert names.name_of(first) == first
    assert names.name_of(second) == second
    assert portfolio_key(first) != portfolio_key(second)


def test_a_portfolio_is_named_as_most_holders_write_it_else_in_the_file_s_usual_words() -> None:
    slip = "Strategic Housinig, Gaelic, Community & Culture"
    right = "Strategic Housing, Gaelic, Community & Culture"
    # one holder each: the words the file uses elsewhere ("Housing") win over the slip
    names = PortfolioNames([slip, right, "Strategic Housing and Culture"])
    assert names.name_of(slip) == names.name_of(right) == right
    assert names.spellings_of(right) == [slip, right]
    # more holders write "and": that is the name
    names = PortfolioNames(["Culture & Events", "Culture and Events", "Culture and Events"])
    assert names.name_of("Culture & Events") == "Culture and Events"
    # between equals, the principal holder's spelling (a Deputy's "&" is not the name)
    names = PortfolioNames(
        ["Culture & Events", "Culture and Events"], principal=["Culture and Events"]
    )
    assert names.name_of("Culture & Events") == "Culture and Events"
    # a title the file did not give names itself
    assert names.name_of("Housing") == "Housing"
    assert names.spellings_of("Housing") == ["Housing"]


def test_the_id_is_the_same_for_and_or_ampersand() -> None:
    assert portfolio_id("liverpool-city-council", "Culture, Tourism & Events") == (
        portfolio_id("liverpool-city-council", "Culture, Tourism and Events")
    )
    assert portfolio_id("liverpool-city-council", "Culture, Tourism & Events") == (
        "portfolio:liverpool-city-council-culture-tourism-and-events"
    )


@pytest.mark.parametrize(
    ("office", "deputy"),
    [("Depute Policy Lead", True), ("Assistant Cabinet Member", True),
     ("Deputy Executive Member", True), ("Vice-Chair", True), ("Cabinet Member", False),
     ("Policy Lead", False), ("Mayoral Lead", False), ("Portfolio Holder", False)],
)  # fmt: skip
def test_a_deputy_s_office(office: str, deputy: bool) -> None:
    assert is_deputy(office) is deputy

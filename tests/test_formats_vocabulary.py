"""What the open-format readers share: executive roles read from words, and services found in
job titles and portfolio names through the canonical vocabulary, in the source's own words."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.model import Capacity
from loaders.formats.common import local_id, parse_partial_date
from loaders.formats.roles import executive_role
from loaders.formats.services import ServiceMatcher

VOCABULARY = Path(__file__).parent.parent / "data" / "vocabulary"


@pytest.mark.parametrize(
    ("phrase", "post", "portfolio", "capacity"),
    [
        ("Leader of the Council", "Leader of the Council", None, Capacity.SUBSTANTIVE),
        ("Acting Deputy Leader", "Deputy Leader", None, Capacity.ACTING),
        ("Cabinet Member for Adult Social Care", "Cabinet Member for Adult Social Care",
         "Adult Social Care", Capacity.SUBSTANTIVE),
        ("Portfolio Holder for Finance.", "Portfolio Holder for Finance", "Finance",
         Capacity.SUBSTANTIVE),
        ("Leader and Cabinet Member for Economic Growth",
         "Leader and Cabinet Member for Economic Growth", "Economic Growth", Capacity.SUBSTANTIVE),
        ("Interim Executive Member with responsibility for Schools",
         "Executive Member with responsibility for Schools", "Schools", Capacity.INTERIM),
        ("Lord Mayor", "Lord Mayor", None, Capacity.SUBSTANTIVE),
    ],
)  # fmt: skip
def test_executive_roles(phrase: str, post: str, portfolio: str | None, capacity: Capacity) -> None:
    role = executive_role(phrase)
    assert role is not None
    assert (role.post_name, role.portfolio, role.capacity) == (post, portfolio, capacity)


@pytest.mark.parametrize(
    "phrase", ["member", "Chair", "Committee Member", "Champion for Older People"]
)
def test_membership_roles_are_not_posts(phrase: str) -> None:
    assert executive_role(phrase) is None


def test_services_in_titles_keep_the_source_wording() -> None:
    services = ServiceMatcher.from_vocabulary(VOCABULARY)
    found = services.find("Cabinet Member for Libraries, Culture & Leisure")
    assert [(m.service_id, m.wording) for m in found] == [
        ("service:libraries", "Libraries"),
        ("service:arts-and-culture", "Culture"),
        ("service:leisure-and-sport", "Leisure"),
    ]
    assert services.find("Managing Director") == []
    unit_lists_several = services.find_in_post(
        "Director of Analysis", "Health, Policy and Research"
    )
    assert unit_lists_several == []
    assert [m.service_id for m in services.find_in_post("Director", "Human Resources")] == [
        "service:human-resources"
    ]


def test_foreign_ids_become_valid_ids_and_ours_stay() -> None:
    assert local_id("area", "ocd-division/country:gb-wls/constituency:ynys_môn") == (
        "area:ocd-division/country:gb-wls/constituency:ynys_mon"
    )
    assert local_id("person", "person:e5da3a6e") == "person:e5da3a6e"
    assert local_id("person", "e5da3a6e") == "person:e5da3a6e"
    assert local_id("body", "%%%").startswith("body:")


def test_partial_dates() -> None:
    year = parse_partial_date("2016")
    assert (year.start.isoformat(), year.end.isoformat(), year.text) == (
        "2016-01-01",
        "2016-12-31",
        "2016",
    )
    month = parse_partial_date("2016-02")
    assert (month.end.isoformat(), month.text) == ("2016-02-29", "2016-02")
    with pytest.raises(ValueError):
        parse_partial_date("May 2016")

"""Portfolio and role titles to services: lists read as parts, umbrella names kept whole only
when their parts are not each a service, role words dropped, portfolio words, near spellings,
and always the title's own words."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.formats.services import TITLE_WORDS, ServiceMatcher

VOCABULARY = Path(__file__).parent.parent / "data" / "vocabulary"


@pytest.fixture(scope="module")
def services() -> ServiceMatcher:
    return ServiceMatcher.from_vocabulary(VOCABULARY)


def _ids(services: ServiceMatcher, title: str) -> list[str]:
    return [m.service_id.removeprefix("service:") for m in services.find(title)]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Culture, Leisure and Libraries", ["arts-and-culture", "leisure-and-sport", "libraries"]),
        ("Adults, Health and Leisure",
         ["adult-social-care", "health-and-wellbeing", "leisure-and-sport"]),
        ("Health and Social Care", ["health-and-social-care-integration"]),
        ("Children and Young People", ["childrens-services"]),
        ("Health and Well Being", ["health-and-wellbeing"]),
        ("Active Travel & Wellbeing including Libraries",
         ["transport-planning", "health-and-wellbeing", "libraries"]),
        ("Sustainable Economic Growth (Economic Development, European Affairs, Renewables and "
         "Strategic Tourism)", ["economic-development", "climate-change", "tourism"]),
        ("Legal and Democratic Services", ["legal-services", "democratic-services"]),
        ("Transport, Housing & Communtiy Safety",
         ["highways-and-transport", "housing", "community-safety"]),
        ("Cabinet Member - Housing", ["housing"]),
        ("Highways Portfolio Holder", ["highways"]),
        ("Island Affairs", []),
        ("People", []),
    ],
)  # fmt: skip
def test_titles_name_their_services(
    services: ServiceMatcher, title: str, expected: list[str]
) -> None:
    assert _ids(services, title) == expected


def test_the_titles_own_words_are_kept(services: ServiceMatcher) -> None:
    found = services.find("Cabinet Member for Strategic Housinig, Gaelic, Community & Culture")
    assert [(m.service_id, m.wording) for m in found] == [
        ("service:housing", "Strategic Housinig"),
        ("service:communities", "Community"),
        ("service:arts-and-culture", "Culture"),
    ]


def test_portfolio_words_only_for_services_the_matcher_knows() -> None:
    only_housing = ServiceMatcher([("service:housing", "Housing")])
    assert [m.service_id for m in only_housing.find("Homes and Health")] == ["service:housing"]
    assert only_housing.find("Health") == []


def test_every_portfolio_word_names_a_vocabulary_service(services: ServiceMatcher) -> None:
    assert set(TITLE_WORDS.values()) <= services.service_ids


def test_job_titles_are_read_without_portfolio_words(services: ServiceMatcher) -> None:
    assert _ids(services, "Cabinet Member for Policy & Regulation") == [
        "policy-and-strategy",
        "regulation-and-enforcement",
    ]
    assert services.find_in_post("Director Audit Policy & Regulation") == []
    assert services.find_in_post("Head of Communtiy Safety") == []
    found = services.find_in_post("Head of Libraries and Archives")
    assert [m.service_id for m in found] == ["service:libraries", "service:museums-and-heritage"]

"""Party names: one party per name per jurisdiction; unknown or empty is no party."""

from __future__ import annotations

import pytest

from graph.model import Entity, EntityType, Evidence
from loaders.parties import PartyBook, affiliation, party_key


@pytest.mark.parametrize("name", ["Green Party", "Greens", "Green", "The Green Party", "GREENS"])
def test_the_green_party_under_every_name(name: str) -> None:
    found = affiliation(name, "GB-ENG")
    assert found.party is not None
    assert found.party.id == "body:party:gb:green-party"
    assert found.wording == name


def test_greens_are_the_party_of_the_sources_nation() -> None:
    ids = {
        region: (party.id if (party := affiliation("Greens", region).party) else None)
        for region in ("GB-ENG", "GB-WLS", "GB-SCT", "GB-NIR", "GB")
    }
    assert ids == {
        "GB-ENG": "body:party:gb:green-party",
        "GB-WLS": "body:party:gb:green-party",
        "GB-SCT": "body:party:gb:scottish-green-party",
        "GB-NIR": "body:party:gb:green-party-in-northern-ireland",
        "GB": "body:party:gb:green-party",
    }
    scottish = affiliation("Scottish Greens", "GB").party
    assert scottish is not None and scottish.id == "body:party:gb:scottish-green-party"


@pytest.mark.parametrize("text", ["", "  ", None, "unknown", "Unknown", "n/a", "-", "None"])
def test_unknown_or_empty_is_no_party(text: str | None) -> None:
    found = affiliation(text)
    assert (found.party, found.independent) == (None, False)


@pytest.mark.parametrize("text", ["Independent", "Ind.", "Non-aligned", "independent"])
def test_an_independent_has_no_party(text: str) -> None:
    found = affiliation(text)
    assert (found.party, found.independent) == (None, True)


def test_national_branches_are_their_party_and_keep_their_wording() -> None:
    welsh = affiliation("Welsh Labour", "GB-WLS")
    assert welsh.party is not None and welsh.party.id == "body:party:gb:labour-party"
    assert welsh.wording == "Welsh Labour"
    ukip = affiliation("United Kingdom Independence Party (UKIP)", "GB-WLS").party
    assert ukip is not None and ukip.id == "body:party:gb:uk-independence-party"


def test_other_countries_have_parties_of_their_own() -> None:
    australian = {affiliation(n, "AU-TAS").party for n in ("The Greens", "Greens", "Green Party")}
    assert {party.id for party in australian if party} == {"body:party:au:green"}
    uk = affiliation("Greens", "GB").party
    assert uk is not None and uk.id != "body:party:au:green"


def test_a_book_keeps_one_name_per_party_and_collects_the_others() -> None:
    book = PartyBook()
    first = book.affiliation("The Greens", "AU")
    second = book.affiliation("Green Party", "AU")
    assert first.party is not None and second.party is not None
    assert second.party.name == "The Greens"
    assert second.party.aliases == ("Green Party",)
    assert [party.id for party in book.parties] == ["body:party:au:green"]


def test_a_party_is_a_valid_body_id() -> None:
    party = affiliation("Plaid Cymru", "GB-WLS").party
    assert party is not None
    body = Entity(
        id=party.id,
        type=EntityType.BODY,
        name=party.name,
        properties={"kind": "political party", "jurisdiction": party.jurisdiction},
        evidence=[Evidence(paragraph="party", quote="Plaid Cymru")],
    )
    assert body.id == "body:party:gb:plaid-cymru"


def test_keys() -> None:
    assert party_key("The Liberal Democrats") == party_key("Liberal Democrat")
    assert party_key("Scottish National Party") == "scottish national"

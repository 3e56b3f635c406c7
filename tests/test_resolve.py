"""The body resolver over the committed register: identifiers, web domains, names, jurisdictions,
dates; and no guess where the evidence is weak. No database."""

from __future__ import annotations

import datetime as dt

import pytest

from bench.evaluate_resolution import read_labels, score
from loaders.register.table import default_register
from loaders.resolve import (
    KnownBody,
    Resolver,
    compact_key,
    council_labels,
    default_resolver,
    name_key,
)


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return default_resolver()


@pytest.mark.parametrize(
    ("identifier", "body_id", "rule"),
    [
        ("E06000049", "body:cheshire-east-council", "identifier"),
        ("CHE", "body:cheshire-east-council", "identifier"),
        ("local-authority-eng:WMCA", "body:west-midlands-combined-authority", "identifier"),
        ("S12000046", "body:glasgow-city-council", "former identifier"),
    ],
)
def test_identifiers_come_first(
    resolver: Resolver, identifier: str, body_id: str, rule: str
) -> None:
    result = resolver.resolve(name="Somewhere else entirely", identifier=identifier)
    assert (result.body_id, result.rule) == (body_id, rule)
    assert result.confidence >= 0.95


ODC = "http://opendatacommunities.org/id/"


@pytest.mark.parametrize(
    ("uri", "body_id"),
    [
        (ODC + "district-council/trafford", "body:trafford-metropolitan-borough-council"),
        (ODC + "unitary-authority/cheshire-east", "body:cheshire-east-council"),
        (
            "http://statistics.data.gov.uk/id/statistical-geography/E08000025",
            "body:birmingham-city-council",
        ),
        ("https://democracy.cheshireeast.gov.uk/mgWebService.asmx", "body:cheshire-east-council"),
    ],
)
def test_uris(resolver: Resolver, uri: str, body_id: str) -> None:
    assert resolver.resolve(uri=uri).body_id == body_id


@pytest.mark.parametrize(
    ("domain", "body_id"),
    [
        ("ww5.swindon.gov.uk", "body:swindon-borough-council"),
        ("applications.huntsdc.gov.uk", "body:huntingdonshire-district-council"),
        ("councillors.liverpool.gov.uk", "body:liverpool-city-council"),
        ("lbbd.gov.uk", "body:london-borough-of-barking-and-dagenham"),
        ("modgov.towerhamlets.gov.uk", "body:london-borough-of-tower-hamlets"),
        ("cardiff.moderngov.co.uk", "body:city-of-cardiff-council"),
        ("sthelens.gov.uk", "body:st-helens-council"),
    ],
)
def test_web_domains_are_not_names(resolver: Resolver, domain: str, body_id: str) -> None:
    result = resolver.resolve(domain=domain)
    assert result.body_id == body_id
    assert result.rule.startswith("domain")


def test_a_name_the_moderngov_reader_made_of_a_host_resolves(resolver: Resolver) -> None:
    assert resolver.resolve(name="Cheshireeast").body_id == "body:cheshire-east-council"
    assert resolver.resolve(name="Ww5.Swindon").body_id == "body:swindon-borough-council"


def test_names_normalised(resolver: Resolver) -> None:
    for name in ("London Borough of Barking & Dagenham", "Barking and Dagenham Council"):
        assert resolver.resolve(name=name).body_id == "body:london-borough-of-barking-and-dagenham"
    exact = resolver.resolve(name="Cheshire East Council")
    assert (exact.rule, exact.confidence) == ("name", 1.0)


def test_another_country_never_gets_a_uk_body(resolver: Resolver) -> None:
    assert resolver.resolve(name="Dorset Council").body_id == "body:dorset-council"
    australian = resolver.resolve(name="Dorset Council", jurisdiction="AU")
    assert australian.body_id is None
    assert australian.candidates == ()


def test_a_body_of_another_country_resolves_in_its_own() -> None:
    tasmania = KnownBody("body:au-tas-dorset-council", "Dorset Council", "AU-TAS")
    resolver = Resolver.from_register(default_register(), extra=[tasmania])
    assert resolver.resolve(name="Dorset Council", jurisdiction="AU").body_id == tasmania.body_id
    assert resolver.resolve(name="Dorset Council").body_id == "body:dorset-council"


@pytest.mark.parametrize(
    "name", ["Greens", "unknown", "", "Cheshire Constabulary", "Kingston", "GCC", "Welsh Labour"]
)
def test_no_guess_below_the_threshold(resolver: Resolver, name: str) -> None:
    result = resolver.resolve(name=name)
    assert result.body_id is None
    assert result.confidence < resolver.threshold


def test_close_names_are_candidates_not_answers(resolver: Resolver) -> None:
    result = resolver.resolve(name="Chesire East Council")
    assert result.body_id is None
    assert [c.body_id for c in result.candidates][:1] == ["body:cheshire-east-council"]
    assert "Chesire East" in result.why


def test_the_current_authority_unless_a_date_says_otherwise(resolver: Resolver) -> None:
    now = resolver.resolve(name="North Yorkshire")
    assert now.body_id == "body:north-yorkshire-council"
    assert {c.body_id for c in now.candidates} == {
        "body:north-yorkshire-council",
        "body:north-yorkshire-county-council",
    }
    then = resolver.resolve(name="North Yorkshire", on=dt.date(2020, 6, 1))
    assert then.body_id == "body:north-yorkshire-county-council"
    exact = resolver.resolve(name="North Yorkshire County Council")
    assert exact.body_id == "body:north-yorkshire-county-council"


def test_keys() -> None:
    assert name_key("London Borough of Hammersmith & Fulham") == "hammersmith fulham"
    assert name_key("City of London") == "city of london"  # nothing but generic words: kept
    assert compact_key("St. Helens Council") == "sthelens"
    assert council_labels("https://democracy.towerhamlets.gov.uk/x") == (["towerhamlets"], None)
    assert council_labels("www.cardiff.gov.wales") == (["cardiff"], "GB-WLS")


def test_precision_on_the_labelled_set() -> None:
    register = default_register()
    scores, misses = score(Resolver.from_register(register), register, read_labels().items)
    assert scores.answered >= 100
    assert scores.precision >= 0.98, "\n".join(misses)
    assert scores.refused == scores.nulls, "\n".join(misses)

"""The Transparency Code reader: headers mapped by meaning across councils, unknown columns
reported, reporting lines stated or inferred (and marked so) only where the data supports them."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.model import EntityType, RelationType, SourceRecords
from loaders.formats.csv_table import match_headers
from loaders.formats.transparency import COLUMN_SYNONYMS, read_transparency
from loaders.issues import LoadRejected, Severity

FOLDER = Path(__file__).parent / "fixtures" / "formats" / "transparency"
EXAMPLESHIRE = FOLDER / "exampleshire-county-council-organisation-chart-2016.csv"
NORTHTOWN = FOLDER / "northtown-borough-council-senior-salaries-2016.csv"
WESTBY = FOLDER / "westby-district-council-structure-2017.csv"


def reporting(source: SourceRecords) -> dict[tuple[str, str], tuple[object, float]]:
    return {
        (r.source.split("-council-")[1], r.target.split("-council-")[1]): (
            r.properties.get("inferred_from"),
            r.evidence[0].confidence,
        )
        for r in source.relations
        if r.type is RelationType.REPORTS_TO
    }


def test_stated_reporting_lines_by_post_id() -> None:
    result = read_transparency(EXAMPLESHIRE)
    source = result.sources[0]
    assert reporting(source) == {
        ("ex010", "ex001"): (None, 1.0),
        ("ex011", "ex001"): (None, 1.0),
        ("ex021", "ex001"): (None, 1.0),
    }
    assert [(p.record, p.column) for p in result.rejected] == [("row 7", "Salary Band")]
    notes = {
        (p.column, p.reason.split(";")[0]) for p in result.issues if p.severity is Severity.NOTE
    }
    assert ("Twitter Handle", "columns with no known meaning") in notes
    assert ("Email", "contact details are never stored") in notes
    assert any(c == "Reports To" and "EX999" in r for c, r in notes)


def test_lines_inferred_from_tiers_and_directorates_are_marked() -> None:
    source = read_transparency(NORTHTOWN).sources[0]
    lines = reporting(source)
    assert lines[("strategic-director-of-place", "chief-executive")] == ("tier", 0.6)
    assert lines[("assistant-director-housing", "strategic-director-of-place")] == (
        "tier and directorate",
        0.6,
    )
    assert lines[("assistant-director-education", "strategic-director-of-people")][0] == (
        "tier and directorate"
    )
    # tier 3 with no directorate and two tier-2 posts: nothing supports a line
    assert not any(src == "assistant-director-public-health" for src, _ in lines)
    assert all(
        r.properties.get("inferred") is True
        for r in source.relations
        if r.type is RelationType.REPORTS_TO
    )


def test_lines_matched_by_job_title_and_names_only_where_published() -> None:
    source = read_transparency(WESTBY).sources[0]
    lines = reporting(source)
    assert lines[("head-of-planning", "managing-director")] == ("job title", 0.8)
    assert not any(src == "licensing-officer" for src, _ in lines)  # 'Head of Licensing' unknown
    assert not [e for e in source.entities if e.type is EntityType.PERSON]
    northtown = read_transparency(NORTHTOWN).sources[0]
    people = [e.name for e in northtown.entities if e.type is EntityType.PERSON]
    assert people == ["Dana Fry"]
    band = next(e for e in northtown.entities if e.name == "Chief Executive").properties
    assert (band["pay_floor"], band["pay_ceiling"]) == (150000, 154999)


def test_services_are_linked_in_the_vocabulary_with_the_councils_words() -> None:
    from loaders.formats.services import ServiceMatcher

    vocabulary = ServiceMatcher.from_vocabulary(
        Path(__file__).parent.parent / "data" / "vocabulary"
    )
    source = read_transparency(EXAMPLESHIRE, services=vocabulary).sources[0]
    covers = {
        (r.source.rsplit("-", 1)[1], r.target, r.wording)
        for r in source.relations
        if r.type is RelationType.COVERS
    }
    assert ("ex020", "service:libraries", "Libraries") in covers
    assert ("ex010", "service:childrens-services", "Children's Services") in covers


def test_a_file_without_a_job_title_column_is_rejected_whole() -> None:
    with pytest.raises(LoadRejected, match="no job title column"):
        read_transparency(
            Path(__file__).parent
            / "fixtures"
            / "formats"
            / "malformed"
            / "no-title-column-organisation-chart.csv"
        )


def test_headers_are_matched_by_meaning_then_by_their_first_words() -> None:
    headers = [
        "Job title of post",
        "Name if salary over 150k",
        "Directorate",
        "Salary",
        "Shoe size",
    ]
    fields, unknown = match_headers(headers, COLUMN_SYNONYMS)
    assert fields == {
        "title": "Job title of post",
        "name": "Name if salary over 150k",
        "directorate": "Directorate",
        "salary_band": "Salary",
    }
    assert unknown == ["Shoe size"]

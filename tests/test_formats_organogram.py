"""The organogram reader: posts and the reports-to tree, XX, 0, N/D, Vacant, Eliminated, job
shares, pay bands, junior grades counted against their senior post; bad rows reported."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from graph.model import Capacity, EntityType, RelationType, SourceRecords, Status
from loaders.formats.organogram import read_organogram, read_organogram_file
from loaders.issues import LoadRejected

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
SENIOR = FIXTURES / "organogram" / "audit_commission-2012-03-31-senior.csv"
JUNIOR = FIXTURES / "organogram" / "audit_commission-2012-03-31-junior.csv"
MALFORMED = FIXTURES / "malformed"


def posts(source: SourceRecords) -> dict[str, dict[str, object]]:
    return {
        e.id: {**e.properties, "name": e.name, "status": e.status}
        for e in source.entities
        if e.type is EntityType.POST
    }


def lines(source: SourceRecords) -> set[tuple[str, str]]:
    return {(r.source, r.target) for r in source.relations if r.type is RelationType.REPORTS_TO}


def test_the_sample_pair_gives_the_senior_tree_and_the_junior_grades() -> None:
    result = read_organogram(SENIOR, JUNIOR)
    assert result.rejected == []
    source = result.sources[0]
    senior = list(csv.DictReader(SENIOR.open()))
    found = posts(source)
    for row in senior:
        post = found[f"post:audit-commission-{row['Post Unique Reference']}"]
        assert post["name"] == row["Job Title"]
        assert post["pay_floor"] == int(row["Actual Pay Floor (£)"])
        target = row["Reports to Senior Post"]
        if target == "XX":
            assert post["top_post"] is True
        else:
            edge = (f"post:audit-commission-{row['Post Unique Reference']}",
                    f"post:audit-commission-{target}")  # fmt: skip
            assert edge in lines(source)
    assert found["post:audit-commission-24126"]["salary_band"] == "£105,000 - £109,999"
    assert found["post:audit-commission-24126"]["holder_disclosed"] is False
    assert found["post:audit-commission-87808"]["status"] is Status.ENDED  # 'Eliminated'
    junior = [p for p in found.values() if p["post_kind"] == "junior"]
    assert sum(float(str(p["fte"])) for p in junior) == pytest.approx(
        sum(float(r["Number of Posts in FTE"]) for r in csv.DictReader(JUNIOR.open()))
    )


def test_the_document_is_the_pair_and_evidence_cites_rows_and_cells() -> None:
    source = read_organogram(SENIOR, JUNIOR).sources[0]
    assert source.document.kind == "dataset" and "junior" in source.document.title
    ceo = next(e for e in source.entities if e.id == "post:audit-commission-54084")
    assert ceo.evidence[0].paragraph == "senior row 3"
    assert "Job Title=Chief Executive" in ceo.evidence[0].quote
    junior_line = next(
        r for r in source.relations if r.evidence[0].paragraph.startswith("junior row")
    )
    assert "Reporting Senior Post=" in junior_line.evidence[0].quote


def test_contact_columns_are_never_stored() -> None:
    source = read_organogram(SENIOR, JUNIOR).sources[0]
    stored = json.dumps([e.model_dump(mode="json") for e in source.entities])
    assert "0844 798 3131" not in stored and "public-enquiries" not in stored


def test_job_shares_markers_and_bad_rows_in_a_malformed_pair() -> None:
    result = read_organogram_file(MALFORMED / "cycle-senior.csv")
    source = result.sources[0]
    rejected = {(p.record, p.column) for p in result.rejected}
    assert rejected == {
        ("senior row 8", "FTE"),  # 'one'
        ("senior row 5", "Reports to Senior Post"),  # C1 -> C2 -> C1
        ("junior row 4", "Reporting Senior Post"),  # Z9 is no senior post
        ("junior row 5", "Number of Posts in FTE"),  # 'lots'
    }
    shared = [
        r
        for r in source.relations
        if r.type is RelationType.HOLDS and r.target == "post:test-agency-b1"
    ]
    assert {r.capacity for r in shared} == {Capacity.SHARED} and len(shared) == 2
    found = posts(source)
    assert found["post:test-agency-c2"]["vacant"] is True
    assert found["post:test-agency-d1"]["status"] is Status.ENDED
    assert "post:test-agency-e1" not in found  # its row was rejected whole
    assert found["post:test-agency-b1"]["junior_fte"] == 3.5
    secondee = [r for r in source.relations if r.type is RelationType.MEMBER_OF]
    assert [(r.source, r.role) for r in secondee] == [
        ("person:test-agency-lee-secondee", "not in post")
    ]
    assert ("post:test-agency-c1", "post:test-agency-c2") not in lines(source)


def test_a_junior_file_is_read_with_its_senior_file_only(tmp_path: Path) -> None:
    assert read_organogram_file(JUNIOR).sources == []
    alone = tmp_path / "lonely-junior.csv"
    alone.write_bytes(JUNIOR.read_bytes())
    with pytest.raises(LoadRejected, match="needs its senior file"):
        read_organogram_file(alone)


def test_a_senior_file_without_required_columns_is_rejected_whole(tmp_path: Path) -> None:
    path = tmp_path / "broken-senior.csv"
    path.write_text("Post Unique Reference,Name\n1,Someone\n")
    with pytest.raises(LoadRejected, match="missing column"):
        read_organogram(path)

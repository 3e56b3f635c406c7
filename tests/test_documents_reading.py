"""Reading council documents into records: passages in the document's numbering, metadata, facts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fpdf import FPDF

from graph.model import EntityType, PassageKind, RelationType, SourceRecords
from loaders.documents.gazetteer import gazetteer_for, vocabulary_gazetteer
from loaders.documents.reader import read_document_file
from loaders.issues import LoadRejected

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "documents"
DATA = Path(__file__).resolve().parent.parent / "data"
SEEDS = DATA / "documents" / "seeds"
GAZETTEER = gazetteer_for(DATA)
CONTACT_DETAIL = re.compile(r"@|\b0\d{3,4} ?\d{3}")


def names(records: SourceRecords, entity_type: EntityType) -> set[str]:
    return {e.name for e in records.entities if e.type is entity_type}


def test_passages_follow_the_documents_numbering() -> None:
    records = read_document_file(SEEDS / "000_1891b9db85895cdc.txt", GAZETTEER)
    numbers = [p.number for p in records.passages]
    assert numbers.index("1.1") < numbers.index("2.1") < numbers.index("3.3")
    bridges = [p for p in records.passages if p.number and p.number.startswith("3.3 bullet")]
    parent = next(p for p in records.passages if p.number == "3.3")
    assert [p.text for p in bridges][:2] == [
        "Skills (Enterprise or Learning)", "Culture (Enterprise or Learning)"
    ]  # fmt: skip
    assert all(p.kind is PassageKind.BULLET and p.parent == parent.id for p in bridges)
    assert [p.order for p in records.passages] == sorted(p.order for p in records.passages)


def test_times_and_list_items_are_not_paragraph_numbers() -> None:
    records = read_document_file(SEEDS / "004_a0cd31ceb7ece70c.txt", GAZETTEER)
    numbers = {p.number for p in records.passages}
    assert not numbers & {"9.00", "10.00", "11.15", "12.45"}


def test_moderngov_cover_table_and_contact_officer() -> None:
    records = read_document_file(FIXTURES / "moderngov_cabinet_report.txt", GAZETTEER)
    document = records.document
    assert document.title == "Future of the Library and Heritage Service"
    assert str(document.date) == "2019-03-12"
    assert document.meeting == "Cabinet" and document.report_of == "Director of Place"
    rows = [p for p in records.passages if p.kind is PassageKind.TABLE_ROW]
    assert "table: Accountable member" in {p.number for p in rows}
    assert {"Sarah Milton", "Tom Ashworth", "Helen Brooks"} <= names(records, EntityType.PERSON)
    assert "Cabinet Member for Culture and Leisure" in names(records, EntityType.POST)
    assert "Culture and Leisure" in names(records, EntityType.PORTFOLIO)
    assert any(r.type is RelationType.HOLDS_PORTFOLIO for r in records.relations)
    assert "Communities Overview and Scrutiny Committee" in names(records, EntityType.COMMITTEE)
    holds = {(r.source, r.target) for r in records.relations if r.type is RelationType.HOLDS}
    assert any(s == "person:helen-brooks" and t.endswith(":director-of-place") for s, t in holds)
    assert "service:libraries" in {m.entity for m in records.mentions}


def test_senior_posts_with_salaries() -> None:
    records = read_document_file(FIXTURES / "senior_posts_report.txt", GAZETTEER)
    posts = {e.name: e.properties.get("salary_band") for e in records.entities
             if e.type is EntityType.POST}  # fmt: skip
    assert posts["Director of Adult Social Services"] == "£105K"
    assert posts["Director of Resources"] == "£95-105K"
    assert records.document.body == "body:northshire-county-council"
    assert records.document.author == "Priya Shah, Head of Human Resources"


@pytest.mark.parametrize(
    "path", sorted(SEEDS.glob("*.txt")) + sorted(FIXTURES.glob("*_report.txt"))
)
def test_no_phone_number_or_email_address_is_kept(path: Path) -> None:
    records = read_document_file(path, GAZETTEER)
    texts = [p.text for p in records.passages] + [p.original_text or "" for p in records.passages]
    texts += [ev.quote for e in records.entities for ev in e.evidence]
    texts += [ev.quote for r in records.relations for ev in r.evidence]
    texts += [str(v) for e in records.entities for v in e.properties.values()]
    texts += [e.name for e in records.entities]
    document = records.document
    texts += [document.title, document.author or "", document.report_of or ""]
    assert not [t for t in texts if CONTACT_DETAIL.search(t)]


@pytest.mark.parametrize(
    "path", sorted(SEEDS.glob("*.txt")) + sorted(FIXTURES.glob("*_report.txt"))
)
def test_every_extracted_fact_cites_a_passage_that_states_it(path: Path) -> None:
    records = read_document_file(path, GAZETTEER)
    by_number: dict[str, list[str]] = {}
    for passage in records.passages:
        by_number.setdefault(passage.number or "", []).append(passage.text)
    facts = [*records.entities, *records.relations]
    assert facts or path.name.startswith("004")
    for fact in facts:
        for evidence in fact.evidence:
            assert evidence.document == records.document.id
            quote = evidence.quote.rstrip("…")
            assert any(quote in text for text in by_number.get(evidence.paragraph, [])), (
                fact, evidence
            )  # fmt: skip


def test_a_pdf_reads_like_its_text(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    lines = (FIXTURES / "senior_posts_report.txt").read_text(encoding="utf-8").splitlines()
    for line in lines[:16]:
        pdf.multi_cell(0, 6, line.replace("\t", "    ").replace("£", "GBP "), new_x="LMARGIN")
    path = tmp_path / "northshire.pdf"
    pdf.output(str(path))
    records = read_document_file(path, GAZETTEER)
    assert records.document.title == "Senior Management Arrangements"
    assert "2.1" in {p.number for p in records.passages}
    assert records.document.checksum is not None and len(records.document.checksum) == 64


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "is empty"),
        ("binary_image.txt", "is a binary file"),
        ("wrong_encoding.txt", "is not UTF-8"),
        ("scanned_no_text.pdf", "no text layer"),
    ],
)
def test_bad_input_is_refused_with_the_file_and_reason(name: str, reason: str) -> None:
    with pytest.raises(LoadRejected) as raised:
        read_document_file(FIXTURES / name, GAZETTEER)
    assert name in raised.value.detail and reason in raised.value.detail


def test_an_explicitly_wrong_encoding_names_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "cp1252.txt"
    path.write_bytes("1.1 The Councillor’s report costs £5,000.".encode("cp1252"))
    read = read_document_file(path, GAZETTEER)
    assert "Councillor’s" in read.passages[0].text  # recognised as cp1252
    from loaders.documents.text import read_text_file

    with pytest.raises(LoadRejected, match=r"cp1252.txt: is not valid utf-8: byte 0x92"):
        read_text_file(path, encoding="utf-8")


def test_lists_introduced_by_a_paragraph() -> None:
    portfolios = read_document_file(SEEDS / "000_1891b9db85895cdc.txt", GAZETTEER)
    related = {
        frozenset((r.source.rsplit(":", 1)[1], r.target.rsplit(":", 1)[1]))
        for r in portfolios.relations
        if r.type is RelationType.CLOSELY_RELATED
    }
    assert frozenset({"enterprise", "learning"}) in related
    assert all(len(pair) == 2 for pair in related)
    review = read_document_file(SEEDS / "001_c3642da9f9f00161.txt", GAZETTEER)
    heads = {e.name: e.properties.get("salary_band") for e in review.entities
             if e.type is EntityType.POST and e.name.startswith("Head of Service")}  # fmt: skip
    assert heads["Head of Service, Independent Living"] == "£70-90K"
    assert len(heads) == 6


def test_a_possessive_pair_names_the_service_of_their_shared_noun() -> None:
    gazetteer = vocabulary_gazetteer(DATA)
    statutory = "the statutory postholders for Children’s and Adults' social care"
    found = {known.entity_id: wording for known, wording in gazetteer.find(statutory, None)}
    assert found["service:childrens-social-care"] == "Children’s and Adults' social care"
    assert "service:childrens-services" not in found
    plans = "Keeping the Children’s and Education Improvement Plans on track."
    found = {known.entity_id: wording for known, wording in gazetteer.find(plans, None)}
    assert found["service:childrens-services"] == "Children"


@pytest.mark.parametrize(
    "text",
    [
        "forms of investment such as social enterprise and social impact bonds",
        "the vibrancy of our civil society",
        "growing confidence in council leadership of the education system",
    ],
)
def test_general_phrases_are_no_service_mentions(text: str) -> None:
    assert vocabulary_gazetteer(DATA).find(text, None) == []

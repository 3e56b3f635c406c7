"""Text repair: the font-encoding garble of seed 003, and text that must be left as it is."""

from __future__ import annotations

from pathlib import Path

from loaders.documents.repair import (
    has_font_garble,
    join_lines,
    redact_contact_details,
    repair_font_garble,
)

SEED_003 = Path(__file__).resolve().parent.parent / "data/documents/seeds/003_9090ef0f264cf246.txt"


def test_repairs_the_seed_garble() -> None:
    garbled = "KeepiŶg the ChildƌeŶ͛s aŶd EduĐatioŶ IŵpƌoǀeŵeŶt PlaŶs oŶ tƌaĐk"
    assert has_font_garble(garbled)
    assert repair_font_garble(garbled) == (
        "Keeping the Children's and Education Improvement Plans on track"
    )
    assert repair_font_garble("Update July ϮϬϭ6") == "Update July 2016"
    assert repair_font_garble("ideas suĐh as ͞Bƌuŵŵie BoŶds͟") == 'ideas such as "Brummie Bonds"'


def test_a_garbled_capital_s_before_a_garbled_word() -> None:
    assert repair_font_garble("The peƌfoƌŵaŶĐe of the “eƌǀiĐe") == "The performance of the Service"
    assert repair_font_garble("a “place shaping” role") == "a “place shaping” role"


def test_the_whole_seed_is_recognised_and_repaired() -> None:
    text = SEED_003.read_text(encoding="utf-8")
    assert has_font_garble(text)
    repaired = repair_font_garble(text)
    assert "Keeping the Children's and Education Improvement Plans" in repaired
    assert not set("ŶƌĐŵ͛ǁďǇǀ") & set(repaired)


def test_correct_text_is_left_alone() -> None:
    welsh = "Mae Cyngor Sir Ynys Môn yn cynnal y gwasanaeth dŵr a thŷ i'r gymuned."
    assert not has_font_garble(welsh)
    croatian_name = "Report by Đurđa Horvat, Head of Finance, on “strategic” commissioning."
    assert not has_font_garble(croatian_name)
    english = "Cheltenham Borough Council Cabinet – 18th October 2011"
    assert repair_font_garble(english) == english


def test_hyphenated_line_ends_are_rejoined_only_for_known_words() -> None:
    vocabulary = frozenset({"organisation"})
    assert join_lines(["across the organi-", "sation as a whole"], vocabulary) == (
        "across the organisation as a whole"
    )
    assert join_lines(["media/1223/wmca-agm-", "docpackpublic1.pdf"], vocabulary) == (
        "media/1223/wmca-agm-docpackpublic1.pdf"
    )
    assert join_lines(["  spread   over ", "", "two lines "]) == "spread over two lines"


def test_contact_details_are_removed() -> None:
    text = "Telephone: 0121 303 4821 E-Mail: Kevin.hubery @birmingham.gov.uk mailto:a.b@x.gov.uk"
    redacted = redact_contact_details(text)
    assert "0121" not in redacted and "@" not in redacted
    assert (
        redact_contact_details("a salary of £110-120K by 2015") == "a salary of £110-120K by 2015"
    )

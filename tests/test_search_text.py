"""What typed text becomes before it reaches the full-text indexes, and how typed names are
compared with stored ones (no database needed)."""

from __future__ import annotations

import pytest

from queries.abbreviations import expansions_for, may_expand
from queries.names import MIN_SIMILARITY, best_match, normalise, without_body
from queries.records import AbbreviatedEntity
from queries.text import fuzzy_name_query, lucene_query, query_terms


@pytest.mark.parametrize("typed", ["CR40", "CR 40", "cr-40", "Cr.40"])
def test_a_code_is_one_term_written_together_or_apart(typed: str) -> None:
    assert query_terms(typed) == [["cr40", '"cr 40"']]


@pytest.mark.parametrize("typed", ["s151", "S.151", "s 151", "sec 151", "Section 151"])
def test_section_numbers_are_one_term_however_written(typed: str) -> None:
    assert query_terms(typed) == [["s151", '"s 151"', '"section 151"']]


def test_operators_and_syntax_never_reach_lucene_as_syntax() -> None:
    query = lucene_query('fire AND "rescue" OR (NOT x) title:y -z +w a~ b* c^ \\')
    assert query is not None
    assert not any(word in query.split() for word in ("AND", "OR", "NOT"))
    assert ":" not in query and "\\" not in query
    assert lucene_query("NOT") == "not"  # a word, which the English analyzer drops
    assert lucene_query("+-()") is None


def test_every_word_is_optional_and_all_of_them_count_again() -> None:
    assert lucene_query("lyme green") == ('lyme green (+lyme +green)^2 "lyme green"~1^4 green*^0.3')
    assert query_terms("Children\u2019s") == [["childrens"]]


def test_name_query_allows_an_edit_per_word_and_two_in_long_words() -> None:
    assert fuzzy_name_query("Chief Operating Oficer") == (
        'chief~1 operating~2 oficer~1 "chief operating oficer"^4'
    )
    assert fuzzy_name_query("COO") == 'coo "coo"^4'


def test_stored_names_lose_their_body_suffix() -> None:
    bodies = ["Cheshire East Council", "Birmingham City Council"]
    assert "chief executive" in without_body("Chief Executive, Cheshire East Council", bodies)
    assert "director of public health" in without_body(
        "Director of Public Health (Cheshire East Council)", bodies
    )
    assert "leader" in without_body("Leader of Birmingham City Council", bodies)
    assert normalise("Regulation & Enforcement") == "regulation and enforcement"


@pytest.mark.parametrize(
    ("typed", "stored", "close"),
    [
        ("Kim Riley", "Kim Ryley", True),
        ("Director of Pubic Health", "Director of Public Health (Cheshire East Council)", True),
        ("Director of Childrens Services", "Director of Children's Services", True),
        ("Mayor", "Major", False),
        ("Chief Executive", "Chief Finance Officer", False),
    ],
)
def test_small_typos_match_and_other_names_do_not(typed: str, stored: str, close: bool) -> None:
    _, similarity = best_match(typed, [stored], ["Cheshire East Council"])
    assert (similarity >= MIN_SIMILARITY) is close, similarity


def test_abbreviations_typed_in_capitals_add_their_names_and_names_add_theirs() -> None:
    coo = AbbreviatedEntity(
        name="Chief Operating Officer, Cheshire East Council",
        aliases=["COO"],
        bodies=["Cheshire East Council"],
    )
    skills = AbbreviatedEntity(name="Skills", aliases=["NEET", "apprenticeships"])
    typed = expansions_for("COO salary", [coo, skills])
    assert typed.names == {"coo": ["chief operating officer"]} and typed.abbreviations == []
    assert expansions_for("coo salary", [coo]).names == {}  # not in capitals: a word
    spelled = expansions_for("salary of the chief operating officer", [coo, skills])
    assert spelled.names == {} and spelled.abbreviations == ["coo"]
    assert expansions_for("skills", [skills]).abbreviations == []  # one-word names add nothing


# Entities whose names and aliases are as close as can be to one-word texts: the name itself, the
# word in capitals, the word inside a longer name, a name joined by "&" or punctuation.
CLOSE_TO_ONE_WORD = [
    AbbreviatedEntity(name="Libraries", aliases=["LIB", "Libraries Service"]),
    AbbreviatedEntity(name="Research and Development", aliases=["RD", "R&D"]),
    AbbreviatedEntity(name="Cr-40 Committee", aliases=["CR40"], bodies=["Committee"]),
    AbbreviatedEntity(name="Section 151 Officer", aliases=["S151"]),
    AbbreviatedEntity(name="Dph (Cheshire East Council)", aliases=["DPH"]),
]


@pytest.mark.parametrize(
    ("typed", "expandable"),
    [
        ("libraries", False),
        ("Libraries", False),
        ("dph", False),  # an abbreviation counts only in capitals
        ("s151", False),
        ("cr-40", True),  # two words once punctuation is a space: "cr 40"
        ("R&D", True),  # in capitals, and "r and d"
        ("DPH", True),
        ("Director of Public Health", True),
        ("  ", False),
    ],
)
def test_only_an_abbreviation_in_capitals_or_two_words_may_expand(
    typed: str, expandable: bool
) -> None:
    assert may_expand(typed) is expandable


@pytest.mark.parametrize(
    "typed", ["libraries", "Libraries", "lib", "dph", "Dph", "s151", "rd", "research", "cr40", "x"]
)
def test_a_text_that_may_not_expand_gets_nothing_from_any_abbreviation(typed: str) -> None:
    """`may_expand` is what lets a search leave the abbreviations' lookup out: for a text it
    rejects, `expansions_for` finds nothing, whichever entities the lookup would return."""
    assert not may_expand(typed)
    found = expansions_for(typed, CLOSE_TO_ONE_WORD)
    assert found.names == {} and found.abbreviations == []

"""Turning what people type into Lucene queries for the full-text indexes, and cutting snippets."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

_LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')
_WORD = re.compile(r"\w+")
_TOKEN = re.compile(r"[^\W_]+")  # runs of letters and digits: what the analyzers keep as words
_APOSTROPHE = re.compile(r"(?<=\w)['\u2019](?=\w)")
_LETTERS = re.compile(r"[a-z]{1,4}")
_NUMBER = re.compile(r"\d{1,4}")
_CODE = re.compile(r"([a-z]{1,4})(\d{1,4})")
# Lucene's English stop words: "in 2013" is a word and a year, not a code.
STOP_WORDS = frozenset(
    {
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is",
        "it", "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there",
        "these", "they", "this", "to", "was", "will", "with",
    }
)  # fmt: skip
SECTION = frozenset({"s", "sec", "section"})  # s151, S.151, sec 151, Section 151
ALL_WORDS_BOOST = 2
PHRASE_BOOST = 4
PREFIX_BOOST = 0.3
FUZZY_MIN_LENGTH = 4
# Lucene refuses a query of more than 1024 clauses, and each term is a clause per field (four in
# `entity_text`), twice over: what is typed beyond these many words is not looked for.
MAX_TERMS = 32
MAX_NAME_WORDS = 12


def escape(text: str) -> str:
    return _LUCENE_SPECIAL.sub(r"\\\1", text)


def lucene_phrase(text: str) -> str:
    return '"' + escape(text.strip()) + '"'


def words_of(text: str) -> list[str]:
    """The words and numbers of a text, lower case; an apostrophe inside a word is dropped
    ("Children's" is "childrens", which the English analyzer stems as it stems "children")."""
    return [token.lower() for token in _TOKEN.findall(_APOSTROPHE.sub("", text))]


def code_forms(letters: str, number: str) -> list[str]:
    """A code as people write it, together or apart: `CR40` is `CR 40`, `s151` is `Section 151`."""
    if letters in SECTION:
        return [f"s{number}", f'"s {number}"', f'"section {number}"']
    return [f"{letters}{number}", f'"{letters} {number}"']


def query_terms(text: str) -> list[list[str]]:
    """What was typed as terms, each the Lucene clauses any of which matches it. Operators,
    quotes and brackets are not syntax here: only the words and numbers between them count."""
    tokens = words_of(text)
    terms: list[list[str]] = []
    position = 0
    while position < len(tokens):
        token = tokens[position]
        following = tokens[position + 1] if position + 1 < len(tokens) else ""
        code = _CODE.fullmatch(token)
        is_code_word = token in SECTION or (
            _LETTERS.fullmatch(token) is not None and token not in STOP_WORDS
        )
        if is_code_word and _NUMBER.fullmatch(following):
            terms.append(code_forms(token, following))
            position += 2
            continue
        if code and code.group(1) not in STOP_WORDS:
            terms.append(code_forms(code.group(1), code.group(2)))
        else:
            terms.append([escape(token)])
        position += 1
    return terms


def _clause(alternatives: list[str]) -> str:
    return alternatives[0] if len(alternatives) == 1 else "(" + " OR ".join(alternatives) + ")"


def lucene_query(
    text: str,
    names: Mapping[str, Sequence[str]] | None = None,
    abbreviations: Sequence[str] = (),
) -> str | None:
    """Any word may match, and the more of them match the higher the score: each term is an
    optional clause, all of them together count again, and the words as a phrase count most.
    The last word also matches as a prefix (people type it unfinished). `names` adds to a typed
    word the names it abbreviates ("dph": "director of public health"); `abbreviations` adds
    optional words (the abbreviations of names typed in full). None when nothing typed is a word."""
    terms = query_terms(text)[:MAX_TERMS]
    if not terms:
        return None
    expanded = [
        [*alternatives, *(f'"{escape(name)}"' for name in (names or {}).get(alternatives[0], []))]
        for alternatives in terms
    ]
    clauses = [_clause(alternatives) for alternatives in expanded]
    parts = list(clauses)
    if len(clauses) > 1:
        parts.append("(" + " ".join(f"+{clause}" for clause in clauses) + f")^{ALL_WORDS_BOOST}")
        phrase = " ".join(words_of(text)[: MAX_TERMS * 2])
        parts.append(f'"{phrase}"~1^{PHRASE_BOOST}')
    parts += [escape(abbreviation) for abbreviation in abbreviations[:MAX_TERMS]]
    last = terms[-1]
    if len(last) == 1 and len(last[0]) >= FUZZY_MIN_LENGTH and last[0].isalpha():
        parts.append(f"{last[0]}*^{PREFIX_BOOST}")
    return " ".join(parts)


def fuzzy_name_query(name: str) -> str | None:
    """Candidates for a typed name: each word as typed or within an edit or two (longer words
    allow two), any of them; the name as a phrase scores highest."""
    words = words_of(name)[:MAX_NAME_WORDS]
    if not words:
        return None
    parts = []
    for word in words:
        if len(word) < FUZZY_MIN_LENGTH or not word.isalpha():
            parts.append(escape(word))
        else:
            parts.append(f"{word}~{1 if len(word) < 8 else 2}")
    parts.append(f'"{" ".join(words)}"^{PHRASE_BOOST}')
    return " ".join(parts)


def snippet(text: str | None, query: str, width: int = 200) -> str | None:
    """The part of the text around the first word of the query it contains."""
    if text is None or len(text) <= width:
        return text
    lowered = text.lower()
    positions = [lowered.find(word.lower()) for word in _WORD.findall(query)]
    found = [position for position in positions if position >= 0]
    start = max(0, min(found) - width // 4) if found else 0
    end = min(len(text), start + width)
    return ("…" if start > 0 else "") + text[start:end].strip() + ("…" if end < len(text) else "")

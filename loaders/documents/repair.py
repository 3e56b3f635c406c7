"""Repairs of extracted text: characters, page furniture, joined lines, and font-encoding garbles.

The garble: PDFs set in some fonts (Calibri most often) carry no usable ToUnicode map for part of
their glyphs, and text extraction then yields the glyph's index in the font as if it were a code
point. In Calibri the lower-case letters sit at glyph indices 0x102 ('a' -> U+0102 'Ă') to 0x1CC
('z' -> 'ǌ'), the digits at 0x3EC-0x3F5 ('0' -> 'Ϭ') and the typographic quotes at 0x35A-0x35F.
Only the glyphs that lack a mapping are affected, so a garbled word mixes both ("KeepiŶg" is
"Keeping"). Some of these code points are real letters elsewhere (Welsh 'ŵ', Croatian 'Đ'), so the
table is applied only to a text that carries the garble's signature, and only inside words.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

# Calibri glyph index (read as a code point) -> the character it draws.
GLYPH_INDEX_LETTERS = dict(
    zip("ĂďĐĚĞĨŐŚŝũŬůŵŶŽƉƋƌƐƚƵǀǁǆǇǌ", "abcdefghijklmnopqrstuvwxyz", strict=True)
)
GLYPH_INDEX_DIGITS = dict(zip("ϬϭϮϯϰϱϲϳϴϵ", "0123456789", strict=True))
# Apostrophes become ASCII so that "Children's" finds what the document meant.
GLYPH_INDEX_QUOTES = {"͚": "'", "͛": "'", "͞": '"', "͟": '"'}
GLYPH_INDEX_TABLE = {**GLYPH_INDEX_LETTERS, **GLYPH_INDEX_DIGITS, **GLYPH_INDEX_QUOTES}

# Code points that no English or Welsh text uses: their presence is the garble's signature.
_SIGNATURE = frozenset("ƌǁǀǇǆǌƋƉƐƚƵ͚͛͟͞ϬϭϮϯϰϱϲϳϴϵ")
_SIGNATURE_MIN_COUNT = 3
_SIGNATURE_MIN_DISTINCT = 2
_GARBLE_CHARS = "".join(GLYPH_INDEX_TABLE)
_WORD_WITH_GARBLE = re.compile(rf"[\w{_GARBLE_CHARS}]*[{_GARBLE_CHARS}][\w{_GARBLE_CHARS}]*")
# In the same fonts an upper-case 'S' without a mapping comes out as U+201C: “Đheŵe is Scheme.
_GARBLED_CAPITAL_S = re.compile(rf"“(?=[\w{_GARBLE_CHARS}]*[{_GARBLE_CHARS}])(?![^\n]*”)")

_CHARACTER_FIXES = {
    "\r\n": "\n",
    "\r": "\n",
    "\u00a0": " ",
    "\u00ad": "",  # soft hyphen
    "\u200b": "",  # zero-width space
    "\ufeff": "",
    "\uf0b7": "•",  # Symbol-font bullets that PDF extraction leaves in the private-use area
    "\uf0a7": "•",
    "\uf076": "•",
    "\uf0d8": "•",
}
_FURNITURE_MIN_REPEATS = 3
_FURNITURE_MIN_LENGTH = 15


def has_font_garble(text: str) -> bool:
    """True when the text carries the glyph-index garble's signature."""
    counts = Counter(char for char in text if char in _SIGNATURE)
    return sum(counts.values()) >= _SIGNATURE_MIN_COUNT and len(counts) >= _SIGNATURE_MIN_DISTINCT


def repair_font_garble(text: str) -> str:
    """Maps glyph indices back to characters inside garbled words; other text is left alone."""
    text = _GARBLED_CAPITAL_S.sub("S", text)
    return _WORD_WITH_GARBLE.sub(lambda match: _translate(match.group(0)), text)


def _translate(word: str) -> str:
    return "".join(GLYPH_INDEX_TABLE.get(char, char) for char in word)


def normalise_characters(text: str) -> str:
    """Line endings, invisible characters and private-use bullets, nothing else."""
    for bad, good in _CHARACTER_FIXES.items():
        text = text.replace(bad, good)
    return text


def drop_page_furniture(lines: Sequence[str]) -> list[str]:
    """Removes running headers and footers: the same longer line repeated on several pages."""
    counts = Counter(line.strip() for line in lines if "\t" not in line)
    furniture = {
        line
        for line, count in counts.items()
        if count >= _FURNITURE_MIN_REPEATS and len(line) >= _FURNITURE_MIN_LENGTH
    }
    return [line for line in lines if line.strip() not in furniture]


def known_words(text: str) -> frozenset[str]:
    return frozenset(word.lower() for word in re.findall(r"[A-Za-z]{3,}", text))


def join_lines(lines: Iterable[str], vocabulary: frozenset[str] = frozenset()) -> str:
    """One passage's lines as one line: collapsed whitespace, hyphenated words rejoined.

    A word broken at a line end ("organi-" / "sation") loses its hyphen when the whole word occurs
    elsewhere in the document; otherwise the hyphen is kept ("wmca-agm-" / "docpack").
    """
    joined = ""
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            continue
        if not joined:
            joined = line
            continue
        hyphenated = re.search(r"([A-Za-z]+)-$", joined)
        if hyphenated and line[0].islower():
            head = hyphenated.group(1)
            tail = re.match(r"[a-z]+", line)
            whole = head + (tail.group(0) if tail else "")
            joined = joined[:-1] + line if whole.lower() in vocabulary else joined + line
        else:
            joined = f"{joined} {line}"
    return joined


# Bounded as the addresses themselves are (64 characters before the @, 63 a label): a long run
# of word characters without an @ is then passed over in linear time, not rescanned from each
# of its characters.
EMAIL = re.compile(
    r"(?:mailto:)?(?<![\w.+-])[\w.+-]{1,64} ?@ ?[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}", re.IGNORECASE
)
UK_PHONE = re.compile(r"(?<![\d£])(?:\+44\s?|0)\d{2,4}[\s-]{0,2}\d{3,4}[\s-]{0,2}\d{3,4}(?!\d)")
REDACTED_EMAIL = "[email address]"
REDACTED_PHONE = "[telephone number]"


def redact_contact_details(text: str) -> str:
    """Personal e-mail addresses and telephone numbers are never stored."""
    return UK_PHONE.sub(REDACTED_PHONE, EMAIL.sub(REDACTED_EMAIL, text))

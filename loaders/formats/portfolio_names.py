"""One portfolio however a council types its title.

A council's own file often spells one portfolio several ways: "Culture, Tourism & Events" and
"Culture, Tourism and Events", "Children and Families" and "Families & Children", "Health and
Well-being Portfolio", or with a slip of the keys ("Strategic Housinig, Gaelic, Community &
Culture"). Titles are one portfolio when they list the same items, read without case,
punctuation, spacing, "&"/"and"/"+", order or a trailing "Portfolio"; or when they list the same
items but one, and that one differs by a slip: a letter added, dropped or swapped in one word of
7 letters or more (shorter words a letter apart are other words: "Carers", "Careers").

A title that lists other items ("Community and Culture and Strategic Housing" beside "Strategic
Housing, Gaelic, Community & Culture") is another portfolio: a deputy's narrower remit is not the
whole portfolio. Pure: no graph.

`is_deputy` tells a deputy's office ("Depute Policy Lead", "Assistant Cabinet Member") from the
principal holder's, whose spelling names the portfolio when holders are even.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

_I = re.IGNORECASE
# Where one item of a portfolio's list ends: commas, brackets, slashes, "and", "&", "+".
_ITEM_BREAK = re.compile(r"\s*(?:[,;/()+&]|\band\b)\s*", _I)
_SUFFIX = re.compile(r"\s+portfolio\s*$", _I)
_PREFIX = re.compile(r"^\s*the\s+", _I)
# Shorter words a letter apart are other words ("Carers", "Careers"); in a longer word a letter
# added, dropped or swapped is a slip ("Housinig", "Communtiy").
_SLIP_MIN_LETTERS = 7
_DEPUTY = re.compile(r"^(?:deputy|depute|assistant|associate|vice)\b", _I)


def is_deputy(office: str) -> bool:
    """Whether an office deputises for a portfolio's principal holder."""
    return bool(_DEPUTY.match(office.strip()))


def _items(title: str) -> dict[str, tuple[str, ...]]:
    """Each item a title lists, as its letters and digits only, with its words."""
    text = title.replace("\u2019", "'").replace("'", "")
    text = _PREFIX.sub("", _SUFFIX.sub("", text))
    items: dict[str, tuple[str, ...]] = {}
    for part in _ITEM_BREAK.split(text):
        words = tuple(re.findall(r"[a-z0-9]+", part.lower()))
        if words:
            items.setdefault("".join(words), words)
    return items


def portfolio_items(title: str) -> frozenset[str]:
    """The items a title lists, each as its letters and digits only, lowercase:
    'Culture, Tourism & Events' -> {'culture', 'tourism', 'events'}."""
    return frozenset(_items(title))


def portfolio_key(title: str) -> str:
    """The same key for titles that list the same items, whatever their typing or order."""
    return "|".join(sorted(portfolio_items(title)))


def near_spellings(first: str, second: str) -> bool:
    """Whether two titles list the same items but one, whose words are the same but one, which
    is a slip of the other's: a letter added, dropped or swapped in a word of 7 letters or more
    ("Strategic Housinig" for "Strategic Housing"; never "Planting" for "Planning")."""
    one, other = _items(first), _items(second)
    only_one = [words for item, words in one.items() if item not in other]
    only_other = [words for item, words in other.items() if item not in one]
    if len(only_one) != 1 or len(only_other) != 1 or len(one) != len(other):
        return False
    (words,), (other_words,) = only_one, only_other
    if len(words) != len(other_words):
        return False
    differing = [(a, b) for a, b in zip(words, other_words, strict=True) if a != b]
    return len(differing) == 1 and _slip(*differing[0])


def _slip(word: str, other: str) -> bool:
    shorter, longer = sorted((word, other), key=len)
    if len(shorter) < _SLIP_MIN_LETTERS:
        return False
    if len(longer) == len(shorter) + 1:  # a letter added or dropped
        return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))
    if len(word) == len(other):  # two neighbouring letters swapped
        at = [i for i, (a, b) in enumerate(zip(word, other, strict=True)) if a != b]
        if len(at) != 2 or at[1] != at[0] + 1:
            return False
        first, second = at
        return word[first] == other[second] and word[second] == other[first]
    return False


class PortfolioNames:
    """The portfolios a file names, each under one spelling.

    `titles` are every portfolio title the file gives, in its order, once per holder;
    `principal` those of them its principal holder writes (a Cabinet Member, not a Deputy or
    Assistant). The spelling a portfolio is named by is the one most holders use; between
    equals, the principal holder's; then the one with fewer items no other title lists (a slip
    is rarer than the word); then the first."""

    def __init__(self, titles: Iterable[str], principal: Iterable[str] = ()) -> None:
        spellings = list(titles)
        held = Counter(spellings)
        principals = set(principal)
        distinct = list(dict.fromkeys(spellings))
        titles_with = Counter(item for title in distinct for item in portfolio_items(title))
        groups: list[list[str]] = []
        group_of: dict[str, int] = {}
        for title in distinct:
            index = self._group_for(title, groups)
            if index is None:
                index = len(groups)
                groups.append([])
            groups[index].append(title)
            group_of[title] = index

        def rank(title: str) -> tuple[int, bool, int]:
            # a slip is an item no other title of the file lists
            alone = sum(1 for item in portfolio_items(title) if titles_with[item] == 1)
            return held[title], title in principals, -alone

        self._name = {
            title: max(groups[index], key=rank)  # max keeps the first of equals
            for title, index in group_of.items()
        }
        self._group_of = group_of
        self._groups = groups

    @staticmethod
    def _group_for(title: str, groups: list[list[str]]) -> int | None:
        items = portfolio_items(title)
        for index, group in enumerate(groups):
            if any(items == portfolio_items(other) for other in group):
                return index
        for index, group in enumerate(groups):
            if any(near_spellings(title, other) for other in group):
                return index
        return None

    def name_of(self, title: str) -> str:
        """The spelling `title`'s portfolio is named by (a title the file did not give names
        itself)."""
        return self._name.get(title, title)

    def spellings_of(self, title: str) -> list[str]:
        """Every spelling the file gives `title`'s portfolio, in the file's order."""
        index = self._group_of.get(title)
        return [title] if index is None else list(self._groups[index])

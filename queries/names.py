"""How close a typed name is to a stored one: stored names often carry their body ("Chief
Executive, Cheshire East Council", "Director of Public Health (Cheshire East Council)") and people
make small typos. Pure functions, and `TypedName`, which `queries.entities.name_matches` runs on
the candidates the `entity_names` index finds, most of them without their bodies."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import chain

# Below this similarity a name is another name, not a typo of it: "Kim Riley" is Kim Ryley
# (0.89), "Mayor" is not "Major" (0.8).
MIN_SIMILARITY = 0.85

_APOSTROPHE = re.compile(r"['\u2019]")
_NOT_WORD = re.compile(r"[^\w]+")
_TRAILING_BRACKETS = re.compile(r"\s*\([^()]*\)\s*$")
_CONNECTORS = ("of the", "of", "for", "at")


def normalise(name: str) -> str:
    """Lower case, apostrophes dropped, "&" as "and", punctuation as space, single spaces."""
    text = _APOSTROPHE.sub("", name.lower()).replace("&", " and ")
    return " ".join(_NOT_WORD.sub(" ", text).split())


def without_body(name: str, bodies: Iterable[str]) -> set[str]:
    """The forms of a stored name without its qualifier: a trailing bracket ("(Cheshire East
    Council)", "(functional group, Cheshire East Council)") and a trailing body name (", Cheshire
    East Council", " of Birmingham City Council"), normalised."""
    forms = {normalise(name)}
    bracketless = _TRAILING_BRACKETS.sub("", name)
    if bracketless.strip():
        forms.add(normalise(bracketless))
    for form in list(forms):
        for body in bodies:
            body_form = normalise(body)
            if body_form and form.endswith(" " + body_form):
                stripped = form[: -len(body_form)].strip()
                for connector in _CONNECTORS:
                    if stripped.endswith(" " + connector):
                        stripped = stripped[: -len(connector)].strip()
                        break
                if stripped:
                    forms.add(stripped)
    return forms


def similarity(typed: str, form: str) -> float:
    return 1.0 if typed == form else SequenceMatcher(None, typed, form).ratio()


def best_match(typed: str, names: Iterable[str], bodies: Iterable[str]) -> tuple[str, float]:
    """The stored name (or alias) closest to what was typed, and how close (1.0: the same once
    normalised and without its body)."""
    wanted = normalise(typed)
    body_names = list(bodies)
    best = ("", 0.0)
    for name in names:
        for form in without_body(name, body_names):
            score = similarity(wanted, form)
            if score > best[1]:
                best = (name, score)
    return best


# Matching many stored names against one typed name, as `best_match` does, without their bodies
# where they cannot change the answer: a body only ever takes a trailing run of whole words off a
# stored name (and a connector before them), so every form it could leave is known beforehand;
# whether it does leave one is whether that run is the normalised name of one of its bodies.


@dataclass(frozen=True)
class NameForms:
    """A stored name's forms: those it has whatever its bodies (`plain`), and each form a body
    could leave, with the trailing run of words that must be a body's name for it to count."""

    name: str
    plain: frozenset[str]
    without_suffix: tuple[tuple[str, str], ...]


def forms_of(name: str) -> NameForms:
    plain = {normalise(name)}  # `without_body(name, ())`, normalising once without brackets
    bracketless = _TRAILING_BRACKETS.sub("", name)
    if bracketless != name and bracketless.strip():
        plain.add(normalise(bracketless))
    without_suffix: dict[tuple[str, str], None] = {}  # in order, once each
    for form in plain:
        words = form.split(" ")
        for cut in range(1, len(words)):
            kept = " ".join(words[:cut])
            for connector in _CONNECTORS:
                if kept.endswith(" " + connector):
                    kept = kept[: -len(connector)].strip()
                    break
            without_suffix[kept, " ".join(words[cut:])] = None
    return NameForms(name, frozenset(plain), tuple(without_suffix))


@dataclass(frozen=True)
class Closest:
    """The stored name closest to what was typed, and how close: at least MIN_SIMILARITY."""

    name: str
    similarity: float


class TypedName:
    """A typed name compared with many stored ones: what `best_match` finds when close enough,
    with `SequenceMatcher`'s ratio skipped for a form whose length or letters alone keep it
    below what could count (bounds never below the ratio, so nothing that counts is skipped)."""

    def __init__(self, typed: str) -> None:
        self.form = normalise(typed)
        self._letters = Counter(self.form)
        # Per form, as many stored names share them ("senior officer 3" of every council's
        # "Senior Officer 3, ..."): the bound by letters, and the similarity.
        self._bounds: dict[str, float] = {}
        self._similarities: dict[str, float] = {}

    def _may_reach(self, form: str, floor: float) -> bool:
        total = len(self.form) + len(form)
        if total == 0:
            return True
        if 2.0 * min(len(self.form), len(form)) / total < floor:
            return False
        bound = self._bounds.get(form)
        if bound is None:
            bound = 2.0 * (Counter(form) & self._letters).total() / total
            self._bounds[form] = bound
        return bound >= floor

    def _similarity(self, form: str) -> float:
        score = self._similarities.get(form)
        if score is None:
            score = self._similarities[form] = similarity(self.form, form)
        return score

    def _closest(
        self, names: Sequence[NameForms], body_forms: AbstractSet[str]
    ) -> tuple[int, Closest] | None:
        """The position of the first name whose forms (given its bodies' normalised names) come
        closest, and how close, when close enough."""
        found: tuple[int, Closest] | None = None
        for position, forms in enumerate(names):
            valid: Iterable[str] = forms.plain
            if body_forms:
                left = (kept for kept, run in forms.without_suffix if run in body_forms)
                valid = chain(valid, left)
            for form in valid:
                floor = found[1].similarity if found else MIN_SIMILARITY
                if self._may_reach(form, floor):
                    score = self._similarity(form)
                    if score >= MIN_SIMILARITY and (found is None or score > floor):
                        found = (position, Closest(forms.name, score))
        return found

    def closest(self, names: Sequence[NameForms], body_forms: AbstractSet[str]) -> Closest | None:
        """`best_match` of these names given their bodies' normalised names, when close enough."""
        found = self._closest(names, body_forms)
        return found[1] if found else None

    def closest_whatever_bodies(self, names: Sequence[NameForms]) -> tuple[bool, Closest | None]:
        """Whether the bodies cannot change what `closest` gives, and if so what it gives. They
        can when a form only a body would leave comes as close as the answer without bodies (or
        close enough, where there is none); at the same similarity, only an earlier name's."""
        found = self._closest(names, frozenset())
        for position, forms in enumerate(names):
            floor = found[1].similarity if found else MIN_SIMILARITY
            earlier = found is not None and position < found[0]
            for kept, _ in forms.without_suffix:
                if self._may_reach(kept, floor):
                    score = self._similarity(kept)
                    if score > floor or (score == floor and (found is None or earlier)):
                        return False, None
        return True, found[1] if found else None

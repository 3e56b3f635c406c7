"""How close a typed name is to a stored one: stored names often carry their body ("Chief
Executive, Cheshire East Council", "Director of Public Health (Cheshire East Council)") and people
make small typos. Pure functions; `queries.entities.name_matches` runs them on the candidates the
`entity_names` index finds."""

from __future__ import annotations

import re
from collections.abc import Iterable
from difflib import SequenceMatcher

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

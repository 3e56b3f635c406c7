"""Abbreviations the knowledge base knows (an entity's alias in capitals: DPH, WMCA, COO), so that
a search for the abbreviation also finds the passages that spell the name out, and the reverse."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.db import Database
from queries.cypher import named_query
from queries.names import normalise, without_body
from queries.records import AbbreviatedEntity
from queries.text import MAX_TERMS, escape, words_of

ABBREVIATION = re.compile(r"[A-Z][A-Z0-9]{1,5}")
_TYPED_ABBREVIATION = re.compile(r"\b[A-Z][A-Z0-9]{1,5}\b")
CANDIDATES = 100


@dataclass
class Expansions:
    """What a search adds: for a typed abbreviation (lower case), the names it stands for; and
    the abbreviations of names typed in full."""

    names: dict[str, list[str]] = field(default_factory=dict)
    abbreviations: list[str] = field(default_factory=list)


def expansions_for(text: str, entities: Sequence[AbbreviatedEntity]) -> Expansions:
    """Only abbreviations typed in capitals count ("SEND", not "send"), and only names of two
    words or more, without their body suffix ("Chief Operating Officer" for COO)."""
    typed = {match.lower() for match in _TYPED_ABBREVIATION.findall(text)}
    spelled = f" {normalise(text)} "
    found = Expansions()
    for entity in entities:
        short = [alias for alias in entity.aliases if ABBREVIATION.fullmatch(alias)]
        long = [entity.name, *(alias for alias in entity.aliases if alias not in short)]
        forms = sorted(
            {form for name in long for form in without_body(name, entity.bodies) if " " in form},
            key=lambda form: (len(form), form),
        )
        for abbreviation in short:
            key = abbreviation.lower()
            if key in typed and forms:
                names = found.names.setdefault(key, [])
                if forms[0] not in names:
                    names.append(forms[0])
            elif key not in found.abbreviations and any(f" {f} " in spelled for f in forms):
                found.abbreviations.append(key)
    return found


def may_expand(text: str) -> bool:
    """Whether the knowledge base's abbreviations could add anything to a search for `text`,
    whatever it holds (`expansions_for` could find something): only when an abbreviation is typed
    in capitals, or when the text is two words or more, as every name that counts is. Decided from
    the text alone, so a load never makes it wrong."""
    return _TYPED_ABBREVIATION.search(text) is not None or " " in normalise(text)


def lookup_query(text: str) -> str | None:
    """The Lucene query of `queries/abbreviations.cypher` for what was typed (any of its words);
    None when it holds no word."""
    words = words_of(text)[:MAX_TERMS]
    return " ".join(escape(word) for word in words) if words else None


def expansions_of(text: str, entities: Sequence[Mapping[str, Any]]) -> Expansions:
    """The expansions for what was typed, from the lookup's entity maps."""
    return expansions_for(text, [AbbreviatedEntity.model_validate(entity) for entity in entities])


async def abbreviations(db: Database, text: str) -> Expansions:
    query = lookup_query(text)
    if query is None:
        return Expansions()
    records, _, _ = await db.read(
        named_query("abbreviations"), {"query": query, "candidates": CANDIDATES}
    )
    return expansions_of(text, [record["entity"] for record in records])

"""Turning what people type into Lucene queries for the full-text index, and cutting snippets."""

from __future__ import annotations

import re

_LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')
_WORD = re.compile(r"\w+")


def escape(text: str) -> str:
    return _LUCENE_SPECIAL.sub(r"\\\1", text)


def lucene_phrase(text: str) -> str:
    return '"' + escape(text.strip()) + '"'


def lucene_query(text: str) -> str:
    """Every word must match (a prefix for the last one, as people type); an exact phrase scores
    higher. Lucene operators in the input are taken as plain text."""
    words = _WORD.findall(text)
    if not words:
        return lucene_phrase(text)
    terms = [f"+{escape(word)}" for word in words[:-1]]
    last = escape(words[-1])
    terms.append(f"+({last} OR {last}*)")
    query = " ".join(terms)
    if len(words) > 1:
        query += f" {lucene_phrase(' '.join(words))}^2"
    return query


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

"""People and posts as council reports write them: "Kevin Hubery – Head of Strategic Leadership",
"Richard Gibson, Policy and Partnerships Manager", "Chief Executive Andrew North",
"Andrew Sherbourne Principal Accounting Technician", "Leader Designate – Nick Clarke".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.model import Capacity

_POST_WORDS_TEXT = (
    "principal senior head director manager officer chief executive leader assistant deputy "
    "acting interim strategic technician accountant solicitor lawyer adviser advisor "
    "coordinator co-ordinator lead member councillor cllr clerk secretary treasurer analyst "
    "consultant policy corporate designate mayor chair chairman chairwoman commissioner "
    "cabinet council service services team group board committee portfolio holder"
)
POST_WORDS = frozenset(_POST_WORDS_TEXT.split())
CAPACITY_WORDS = {
    "acting": Capacity.ACTING,
    "interim": Capacity.INTERIM,
    "designate": Capacity.DESIGNATE,
}
SEPARATORS = re.compile(r"\s+[–—-]\s+|,\s*")
NAME_WORD = re.compile(r"^[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?$")
REDACTED = re.compile(r"\[(?:email address|telephone number)\]")
CONTACT_TAIL = re.compile(r"\b(?:tel(?:ephone)?(?: no)?|e-?mail|phone|mob(?:ile)?)\b.*$", re.I)
TITLES = ("Councillor ", "Cllr ", "Cllr. ", "Mr ", "Mrs ", "Ms ", "Dr ", "Miss ")


@dataclass(frozen=True)
class PersonPost:
    person: str | None
    post: str | None
    capacity: Capacity | None = None


def split_person_post(text: str) -> PersonPost:
    """Who and which post a short phrase names; either may be missing."""
    text = CONTACT_TAIL.sub("", REDACTED.sub("", text)).strip(" ,.;:–-")
    parts = [part.strip() for part in SEPARATORS.split(text) if part.strip()]
    parts = [part for part in parts if not part.lower().startswith(("tel", "e-mail", "email"))]
    person: str | None = None
    post_parts: list[str] = []
    for part in parts:
        if person is None and is_person_name(part):
            person = _without_title(part)
        elif person is None and (split := _name_inside(part)) is not None:
            person, rest = split
            post_parts.append(rest)
        else:
            post_parts.append(part)
    post_text = post_parts[0] if post_parts and looks_like_post(post_parts[0]) else None
    post, capacity = _capacity(post_text) if post_text else (None, None)
    return PersonPost(person, post, capacity)


def is_person_name(text: str) -> bool:
    words = _without_title(text).split()
    return 2 <= len(words) <= 3 and all(
        NAME_WORD.match(word) and word.lower() not in POST_WORDS for word in words
    )


def looks_like_post(text: str) -> bool:
    words = text.lower().split()
    return 1 <= len(words) <= 10 and any(word in POST_WORDS for word in words)


def _name_inside(part: str) -> tuple[str, str] | None:
    """A name run at the start or the end of a phrase that is otherwise a post."""
    words = part.split()
    for size in (3, 2):
        if len(words) > size:
            head, tail = " ".join(words[:size]), " ".join(words[size:])
            if is_person_name(head) and looks_like_post(tail):
                return head, tail
            head, tail = " ".join(words[:-size]), " ".join(words[-size:])
            if is_person_name(tail) and looks_like_post(head) and not _dangles(head):
                return tail, head
    return None


def _dangles(post: str) -> bool:
    """ "Director of" is not a post: the name run took the post's last word."""
    return post.split()[-1].lower() in ("of", "for", "and", "the", "to", "&")


def _without_title(text: str) -> str:
    for title in TITLES:
        if text.startswith(title):
            return text[len(title) :]
    return text


def _capacity(post: str) -> tuple[str, Capacity | None]:
    words = post.split()
    capacity: Capacity | None = None
    kept = []
    for word in words:
        found = CAPACITY_WORDS.get(word.lower())
        if found is not None and capacity is None:
            capacity = found
        else:
            kept.append(word)
    return " ".join(kept), capacity

"""How a person's name is compared across sources: `person_key` is the name without what only
says how it is addressed.

"Cllr Jane Ashworth-Smith", "Councillor JANE ASHWORTH SMITH" and "Dr Jane Ashworth-Smith MBE"
are one key (`jane ashworth smith`): honorifics in front (Councillor, Cllr, Dr, Mr, Mrs, Ms,
Miss, Mx, Sir, Dame, Professor), post-nominals behind (MBE, OBE, JP...), words in brackets ("Robert
(Bob) Smith"), case, accents, apostrophes ("O'Brien" is "OBrien"), hyphens, dots and extra spaces
aside. Every other word counts: "John A. Smith" and "John Smith" are two keys, and so are
"J. Smith" and "John Smith" (an initial may stand for another name; precision first). A name of
one word has no key: a surname alone names too many people to merge on.
"""

from __future__ import annotations

import re
import unicodedata

HONORIFICS = frozenset(
    {
        "councillor",
        "cllr",
        "dr",
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "sir",
        "dame",
        "professor",
        "prof",
    }
)
POST_NOMINALS = frozenset(
    {"mbe", "obe", "cbe", "kbe", "dbe", "bem", "jp", "dl", "qc", "kc", "mp", "msp", "mla", "frsa",
     "phd", "fcca", "cpfa", "acca", "fca", "aca", "frics", "mrics", "mrtpi", "mba", "msc", "bsc",
     "llb"}
)  # fmt: skip
_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_APOSTROPHES = re.compile("['`\u2018\u2019\u02bc]")  # straight, curly and modifier
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_RUN = re.compile(r"[a-z0-9]+")
SHORTEST_PROBE = 3


def person_words(name: str) -> list[str]:
    """The words of a name that identify the person, folded (see the module's docstring)."""
    text = unicodedata.normalize("NFKD", _BRACKETED.sub(" ", name))
    text = "".join(char for char in text if not unicodedata.combining(char)).casefold()
    words = _NOT_WORD.sub(" ", _APOSTROPHES.sub("", text)).split()
    while words and words[0] in HONORIFICS:
        words = words[1:]
    while len(words) > 2 and words[-1] in POST_NOMINALS:
        words = words[:-1]
    return words


def person_key(name: str) -> str | None:
    """The name as persons are compared by; None for a name of fewer than two words."""
    words = person_words(name)
    return " ".join(words) if len(words) >= 2 else None


def name_probes(name: str) -> set[str]:
    """What a stored name written any of those ways contains (its lower-cased form, `nameLower`):
    the longest run of plain letters and digits of its words, folded and as written ("brien" of
    "Seán O'Brien"), or the whole key where that run is too short to be selective."""
    words = person_words(name)
    written = [
        run
        for run in _RUN.findall(_BRACKETED.sub(" ", name).casefold())
        if run not in HONORIFICS and run not in POST_NOMINALS
    ]
    probes: set[str] = set()
    for runs in ([run for word in words for run in _RUN.findall(word)], written):
        longest = max(runs, key=len, default="")
        if len(longest) >= SHORTEST_PROBE:
            probes.add(longest)
    if not probes and len(words) >= 2:
        probes.add(" ".join(words))
    return probes

"""ModernGov XML, parsed: which responses this reads, the council a file is from, and the text
of elements (a councillor's `keyposts` split into phrases, a committee role in plain words).
`moderngov_records` maps the elements to records; `moderngov` reads a file with both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import Element

from loaders.formats.common import slug_id

ROOTS = {"councillorsbyward", "committees", "getmeetings", "meeting"}
PRIVATE_ELEMENTS = ("homeaddress", "workaddress", "email", "phone", "mobile", "fax")
_HOST_RE = re.compile(rb"https?://([A-Za-z0-9.-]+)")
_SITE_PREFIXES = ("democracy.", "moderngov.", "committees.", "www.", "democratic.", "meetings.")
_SITE_SUFFIXES = (".gov.uk", ".org.uk", ".gov.wales", ".llyw.cymru", ".gov.scot")
_KEYPOST_SPLIT = re.compile(r"\s*(?:<br\s*/?>|\n|;|\|)\s*", re.IGNORECASE)
COMMITTEE_ROLE = re.compile(
    r"^(?P<role>(?:vice[-\s]|deputy\s)?(?:chair|chairman|chairperson|chair person)|member)"
    r"\s*(?:of|,|-|:|\u2013)\s*(?:the\s+)?(?P<committee>.+)$",
    re.IGNORECASE,
)


def looks_like_moderngov(data: bytes) -> bool:
    head = data[:2048].lower()
    return any(f"<{root}>".encode() in head for root in ROOTS)


@dataclass(frozen=True)
class Council:
    id: str
    name: str
    host: str | None


def council_for(path: Path, data: bytes) -> Council:
    """The council a ModernGov file is from: the site address the file itself gives, else the
    folder it sits in. (The load's body register is to name it when the file does not.)"""
    for match in _HOST_RE.finditer(data):
        host = match.group(1).decode().lower()
        core = host
        for prefix in _SITE_PREFIXES:
            core = core.removeprefix(prefix)
        if core.endswith(_SITE_SUFFIXES):
            for suffix in _SITE_SUFFIXES:
                core = core.removesuffix(suffix)
            return Council(slug_id("body", core), core.replace("-", " ").title(), host)
    return Council(slug_id("body", path.parent.name), path.parent.name, None)


def text_of(element: Element, tag: str) -> str:
    found = element.find(tag)
    return " ".join((found.text or "").split()) if found is not None else ""


def keyposts_of(element: Element) -> list[str]:
    found = element.find("keyposts")
    if found is None:
        return []
    text = "\n".join(found.itertext())
    return [p.strip(" .,") for p in _KEYPOST_SPLIT.split(text) if p.strip(" .,")]


def committee_role_of(text: str) -> str:
    lowered = " ".join(text.lower().replace("-", " ").split())
    for role in ("vice chair", "deputy chair", "chair"):
        if role in lowered or lowered.startswith(role.replace("chair", "chairman")):
            return role.replace(" ", "-") if role != "chair" else "chair"
    if "substitute" in lowered:
        return "substitute"
    return "member"

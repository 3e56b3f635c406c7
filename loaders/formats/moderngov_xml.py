"""ModernGov XML, parsed: which responses this reads, the council a file is from, and the text
of elements (a councillor's `keyposts` as written, a committee role in plain words).
`moderngov_records` maps the elements to records; `moderngov` reads a file with both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import Element

from graph.model import Entity, EntityType
from loaders.formats.common import evidence, slug_id

ROOTS = {"councillorsbyward", "committees", "getmeetings", "meeting"}
PRIVATE_ELEMENTS = ("homeaddress", "workaddress", "email", "phone", "mobile", "fax")
_HOST_RE = re.compile(rb"https?://([A-Za-z0-9.-]+)")
_SITE_PREFIXES = ("democracy.", "moderngov.", "committees.", "www.", "democratic.", "meetings.")
_SITE_SUFFIXES = (".gov.uk", ".org.uk", ".gov.wales", ".llyw.cymru", ".gov.scot")
# A file named after its site, as a harvest or a download names it.
_NAMED_HOST_RE = re.compile(r"^((?:[a-z0-9-]+\.)+(?:uk|wales|cymru|scot))(?=[-_.])")


def looks_like_moderngov(data: bytes) -> bool:
    head = data[:2048].lower()
    return any(f"<{root}>".encode() in head for root in ROOTS)


@dataclass(frozen=True)
class Council:
    """The council a file is from: the id its relations point at, the Body to write with the
    file (None: the register's records define it), the prefix of the ids of what the file holds
    (people, posts, committees of that council), and the site it was found from."""

    id: str
    entity: Entity | None
    scope: str
    host: str | None


def site_of(path: Path, data: bytes) -> str | None:
    """The ModernGov site a file is from: the first council address the file itself gives, else
    one its name starts with (`kingston.gov.uk-councillors-by-ward.xml`); None when neither."""
    for match in _HOST_RE.finditer(data):
        host = match.group(1).decode().lower()
        if host.endswith(_SITE_SUFFIXES):
            return host
    named = _NAMED_HOST_RE.match(path.name.lower())
    return named.group(1) if named else None


def own_council(path: Path, host: str | None) -> Entity:
    """The Body a file names by itself (before the register is asked): from its site's address,
    else the folder it sits in."""
    if host is None:
        ident, name, quote, properties = path.parent.name, path.parent.name, f"file={path.name}", {}
    else:
        core = host
        for prefix in _SITE_PREFIXES:
            core = core.removeprefix(prefix)
        for suffix in (*_SITE_SUFFIXES, ".co.uk", ".uk"):
            core = core.removesuffix(suffix)
        ident, name, quote = core, core.replace("-", " ").title(), f"site={host}"
        properties = {"moderngov_site": host}
    return Entity(
        id=slug_id("body", ident),
        type=EntityType.BODY,
        name=name,
        properties=properties,
        evidence=evidence("ModernGov site", quote),
    )


def text_of(element: Element, tag: str) -> str:
    found = element.find(tag)
    return " ".join((found.text or "").split()) if found is not None else ""


def keyposts_text(element: Element) -> str:
    """A councillor's `keyposts` as written, one line per line of the element, spaces collapsed
    (the roles in it are read by `keyposts.parse_keyposts`)."""
    found = element.find("keyposts")
    if found is None:
        return ""
    lines = (" ".join(line.split()) for line in "\n".join(found.itertext()).splitlines())
    return "\n".join(line for line in lines if line)


def committee_role_of(text: str) -> str:
    lowered = " ".join(text.lower().replace("-", " ").split())
    for role in ("vice chair", "deputy chair", "chair"):
        if role in lowered or lowered.startswith(role.replace("chair", "chairman")):
            return role.replace(" ", "-") if role != "chair" else "chair"
    if "substitute" in lowered:
        return "substitute"
    return "member"

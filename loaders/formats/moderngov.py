"""ModernGov web-service XML in (`mgWebService.asmx`): councillors, committees, meeting attendees.

- GetCouncillorsByWard: each councillor is a person, a councillor of the council (MEMBER_OF, with
  ward and party), and the holder of the posts named in the free text of `keyposts` ("Executive
  Member for Housing" -> a post with its portfolio; "Chair of Audit Committee" -> chair of it).
- GetCommittees / GetMeetings: each committee is a committee of the council (ended when expired).
- GetMeeting: each attendee is a member of the meeting's committee in their role, as seen then.

The XML names no council. Its site is found in the file itself, else in the file's name
(`kingston.gov.uk-councillors-by-ward.xml`), and the register says which council that is
(`KnownBodies.choose`); a file that gives neither names the folder it sits in, unresolved.
A file kept by `civicgraph harvest` is read with its sidecar (`loaders.harvest.documents`): the
site it was fetched from, and the URL and retrieval time its Document keeps.
Home addresses, emails and phone numbers are never stored.
Parsed with defusedxml: no entity expansion, no external references.
"""

from __future__ import annotations

from pathlib import Path

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from loaders.body_resolution import BodyClues, KnownBodies, register_bodies
from loaders.formats.common import SourceBuilder, file_document
from loaders.formats.moderngov_records import ModernGovRecords
from loaders.formats.moderngov_xml import ROOTS, Council, looks_like_moderngov, own_council, site_of
from loaders.formats.services import ServiceMatcher
from loaders.harvest.documents import harvest_site, is_sidecar, read_sidecar, with_retrieval
from loaders.issues import LoadIssue, Severity, display_path, rejected_file
from loaders.reading import ReadResult

__all__ = ["Council", "looks_like_moderngov", "read_moderngov", "site_of"]


def read_moderngov(
    path: Path,
    *,
    services: ServiceMatcher | None = None,
    bodies: KnownBodies | None = None,
    site: str | None = None,
    data: bytes | None = None,
) -> ReadResult:
    """One ModernGov file read. `bodies` resolves its council (by default the committed
    register); `site` is the host it was fetched from, when known better than the file says.
    A harvested file (with a sidecar beside it) is from the site the sidecar's URL names, and its
    Document keeps that URL and the retrieval time; the sidecar itself is read with it."""
    if is_sidecar(path):
        return ReadResult()
    sidecar = read_sidecar(path)
    if sidecar is not None:
        site = site or harvest_site(sidecar)
    raw = data if data is not None else path.read_bytes()
    try:
        root = ElementTree.fromstring(raw)
    except (ElementTree.ParseError, DefusedXmlException) as error:
        raise rejected_file(path, f"not well-formed or unsafe XML ({error})") from error
    if root.tag not in ROOTS:
        raise rejected_file(path, f"<{root.tag}> is not a ModernGov response this reads")
    known = bodies or register_bodies()
    council, issues = _council(path, site or site_of(path, raw), known)
    title = f"ModernGov {root.tag}: {path.name}" + (f" ({council.host})" if council.host else "")
    out = SourceBuilder(display_path(path), file_document(path, "moderngov", title, data=raw))
    reader = ModernGovRecords(path.name, out, council, services or ServiceMatcher(), known)
    reader.add_council()
    if root.tag == "councillorsbyward":
        reader.councillors(root)
    elif root.tag in {"committees", "getmeetings"}:
        reader.committees(root)
    else:
        reader.meeting(root)
    source = out.build()
    if sidecar is not None:
        source = with_retrieval(source, sidecar)
    return ReadResult([source], issues + reader.issues)


def _council(path: Path, host: str | None, bodies: KnownBodies) -> tuple[Council, list[LoadIssue]]:
    own = own_council(path, host)
    name = None if host is not None else own.name
    choice = bodies.choose(BodyClues(domain=host, name=name), own)
    issues = []
    if choice.note:
        issues.append(
            LoadIssue.in_row(display_path(path), "council", "site", choice.note, Severity.NOTE)
        )
    # What the file holds (people, posts, committees) is the resolved council's: its ids say so.
    scope = choice.body_id.split(":", 1)[1]
    return Council(choice.body_id, choice.entity, scope, host), issues

"""ModernGov web-service XML in (`mgWebService.asmx`): councillors, committees, meeting attendees.

- GetCouncillorsByWard: each councillor is a person, a councillor of the council (MEMBER_OF, with
  ward and party), and the holder of the posts named in the free text of `keyposts` ("Executive
  Member for Housing" -> a post with its portfolio; "Chair of Audit Committee" -> chair of it).
- GetCommittees / GetMeetings: each committee is a committee of the council (ended when expired).
- GetMeeting: each attendee is a member of the meeting's committee in their role, as seen then.

The XML names no council: the council is found from the site's address in the file itself, else
the folder it sits in (never from other files). Home addresses, emails and phone numbers are never
stored.
Parsed with defusedxml: no entity expansion, no external references.
"""

from __future__ import annotations

from pathlib import Path

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from loaders.formats.common import SourceBuilder, file_document
from loaders.formats.moderngov_records import ModernGovRecords
from loaders.formats.moderngov_xml import ROOTS, Council, council_for, looks_like_moderngov
from loaders.formats.services import ServiceMatcher
from loaders.issues import display_path, rejected_file
from loaders.reading import ReadResult

__all__ = ["Council", "council_for", "looks_like_moderngov", "read_moderngov"]


def read_moderngov(
    path: Path,
    *,
    services: ServiceMatcher | None = None,
    council: Council | None = None,
    data: bytes | None = None,
) -> ReadResult:
    raw = data if data is not None else path.read_bytes()
    try:
        root = ElementTree.fromstring(raw)
    except (ElementTree.ParseError, DefusedXmlException) as error:
        raise rejected_file(path, f"not well-formed or unsafe XML ({error})") from error
    if root.tag not in ROOTS:
        raise rejected_file(path, f"<{root.tag}> is not a ModernGov response this reads")
    council = council or council_for(path, raw)
    title = f"ModernGov {root.tag}: {path.name}" + (f" ({council.host})" if council.host else "")
    out = SourceBuilder(display_path(path), file_document(path, "moderngov", title, data=raw))
    reader = ModernGovRecords(path.name, out, council, services or ServiceMatcher())
    reader.add_council()
    if root.tag == "councillorsbyward":
        reader.councillors(root)
    elif root.tag in {"committees", "getmeetings"}:
        reader.committees(root)
    else:
        reader.meeting(root)
    return ReadResult([out.build()], reader.issues)

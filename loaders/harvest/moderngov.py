"""Which calls of a council's ModernGov web service (`mgWebService.asmx`) to make, and their checks.

GetCouncillorsByWard and GetCommittees always; with a start date, GetMeetings for each current
committee and GetMeeting for each meeting found (at most `max_meetings`). Each answer must be XML
whose root is the one the call returns; anything else (an HTML redirect or login page, broken XML)
is an error naming the council, the URL and what came back. A failed call does not stop the
council's other calls.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit
from xml.etree.ElementTree import Element

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from loaders.harvest.client import Answer, HarvestError, PoliteClient, SiteUnreachable
from loaders.harvest.store import Written, answer_file, store_answer

SERVICE = "mgWebService.asmx"
ROOT_OF_CALL = {
    "GetCouncillorsByWard": "councillorsbyward",
    "GetCommittees": "committees",
    "GetMeetings": "getmeetings",
    "GetMeeting": "meeting",
}
DEFAULT_MAX_MEETINGS = 100


@dataclass(frozen=True)
class CallOutcome:
    call: str
    url: str
    file: Path | None = None
    written: Written | None = None
    error: str | None = None


@dataclass
class CouncilHarvest:
    base_url: str
    host: str
    outcomes: list[CallOutcome] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def files(self) -> list[Path]:
        return [o.file for o in self.outcomes if o.file is not None]

    @property
    def errors(self) -> list[str]:
        return [o.error for o in self.outcomes if o.error is not None]

    def count(self, written: Written) -> int:
        return sum(1 for o in self.outcomes if o.written is written)


def service_url(base_url: str) -> str:
    """`https://site` or `https://site/mgWebService.asmx` -> the service's address."""
    base = base_url.strip().rstrip("/")
    if not urlsplit(base).scheme:
        base = f"https://{base}"
    return base if base.lower().endswith(SERVICE.lower()) else f"{base}/{SERVICE}"


def host_of(base_url: str) -> str:
    """The site's host (with its port, when one is given): the council's folder and name."""
    parts = urlsplit(service_url(base_url))
    host = parts.hostname or "unknown-host"
    return f"{host}:{parts.port}" if parts.port else host


def looks_like_html(answer: Answer) -> bool:
    head = answer.body[:512].lstrip().lower()
    return "html" in answer.content_type.lower() or head.startswith((b"<!doctype html", b"<html"))


def check_answer(host: str, call: str, answer: Answer) -> Element:
    """The answer's XML root, or a HarvestError saying what came back instead."""
    where = f"{host}: {call} at {answer.url}"
    if looks_like_html(answer):
        raise HarvestError(f"{where} answered with an HTML page, not XML ({answer.describe()})")
    try:
        root: Element = ElementTree.fromstring(answer.body)
    except (ElementTree.ParseError, DefusedXmlException) as error:
        detail = f"{where}: not well-formed XML ({error}; {answer.describe()})"
        raise HarvestError(detail) from error
    expected = ROOT_OF_CALL[call]
    if root.tag != expected:
        raise HarvestError(f"{where}: answered <{root.tag}>, expected <{expected}>")
    return root


class CouncilHarvester:
    """Makes one council's calls through `client`, keeping each good answer under `out`."""

    def __init__(
        self,
        client: PoliteClient,
        base_url: str,
        out: Path,
        on_call: Callable[[str], None] | None = None,
    ) -> None:
        self.client = client
        self.service = service_url(base_url)
        self.out = out
        self.on_call = on_call
        self.result = CouncilHarvest(base_url, host_of(base_url))
        self.unreachable = False

    async def call(
        self, call: str, params: dict[str, str] | None = None, ident: str | None = None
    ) -> Element | None:
        url = f"{self.service}/{call}" + (f"?{urlencode(params)}" if params else "")
        if self.unreachable:
            return None
        if self.on_call is not None:
            self.on_call(call)
        try:
            answer = await self.client.get(url)
            root = check_answer(self.result.host, call, answer)
        except HarvestError as error:
            if isinstance(error, SiteUnreachable):
                # A site that does not answer one call will not answer the next ones either.
                self.unreachable = True
                self.result.notes.append("the site did not answer; its other calls were skipped")
            detail = (
                error.detail
                if error.detail.startswith(self.result.host)
                else (f"{self.result.host}: {call}: {error.detail}")
            )
            self.result.outcomes.append(CallOutcome(call, url, error=detail))
            return None
        file = answer_file(self.out, self.result.host, call, ident)
        try:
            written = store_answer(file, call, answer)
        except OSError as error:
            detail = f"{self.result.host}: {call}: could not keep the answer in {file} ({error})"
            self.result.outcomes.append(CallOutcome(call, url, error=detail))
            return None
        self.result.outcomes.append(CallOutcome(call, url, file, written))
        return root

    async def harvest(
        self, meetings_since: dt.date | None = None, max_meetings: int = DEFAULT_MAX_MEETINGS
    ) -> CouncilHarvest:
        await self.call("GetCouncillorsByWard")
        committees = await self.call("GetCommittees")
        if meetings_since is None or committees is None:
            return self.result
        window = {
            "sStartDate": meetings_since.strftime("%d/%m/%Y"),
            "sEndDate": dt.date.today().strftime("%d/%m/%Y"),
        }
        meeting_ids: list[str] = []
        for committee_id in current_committees(committees):
            params = {"lCommitteeId": committee_id, **window}
            meetings = await self.call("GetMeetings", params, committee_id)
            if meetings is not None:
                meeting_ids += [m for m in meetings_in(meetings) if m not in meeting_ids]
        if len(meeting_ids) > max_meetings:
            self.result.notes.append(
                f"{len(meeting_ids)} meetings since {meetings_since}; only the first "
                f"{max_meetings} were asked for"
            )
        for meeting_id in meeting_ids[:max_meetings]:
            await self.call("GetMeeting", {"lMeetingId": meeting_id}, meeting_id)
        return self.result


def _text(element: Element, tag: str) -> str:
    found = element.find(tag)
    return (found.text or "").strip() if found is not None else ""


def current_committees(root: Element) -> list[str]:
    """Ids of the committees neither deleted nor expired, as GetCommittees lists them."""
    return [
        _text(c, "committeeid")
        for c in root.iter("committee")
        if _text(c, "committeeid")
        and _text(c, "committeedeleted").lower() != "true"
        and _text(c, "committeeexpired").lower() != "true"
    ]


def meetings_in(root: Element) -> list[str]:
    return [_text(m, "meetingid") for m in root.iter("meeting") if _text(m, "meetingid")]

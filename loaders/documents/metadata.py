"""Report metadata from a council report's header: council, meeting, date, report of, subject.

Three header styles are read: a cover table ("Report of:<tab>Interim Chief Executive"), labels on
lines of their own ("Date:" then "17 April 2011"), and a running line naming council, meeting and
date ("Cheltenham Borough Council Cabinet – 18th October 2011").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from graph.model import Passage, PassageKind, slug

MONTHS = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
         ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
         ("september", "sept", "sep"), ("october", "oct"), ("november", "nov"),
         ("december", "dec")],
        start=1,
    )
    for name in names
}  # fmt: skip
DATE = re.compile(
    r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>[A-Za-z]{3,9})\.?,?\s+(?P<year>(?:19|20)\d\d)\b"
)
COUNCIL = re.compile(
    r"\b(?P<name>(?:[A-Z][a-z]+|[A-Z]{2,})(?:[ -](?:[A-Z][a-z]+|[A-Z]{2,}|upon|on|and|of))*"
    r"\s(?:Metropolitan Borough|Borough|County|City|District|Town|Parish|Unitary)?\s?"
    r"Council)\b"
)
UPPER_COUNCIL = re.compile(r"^(?P<name>[A-Z][A-Z -]+ COUNCIL)$")
MEETINGS = (
    "Full Council", "Council", "Cabinet", "Executive", "Overview and Scrutiny Committee",
    "Scrutiny Committee", "Audit Committee", "Health and Wellbeing Board", "Cabinet Committee",
)  # fmt: skip
TITLE_LABELS = ("subject/title", "subject", "title", "report title", "report")
DATE_LABELS = ("dates of meeting", "date of meeting", "meeting date", "date")
REPORT_OF_LABELS = ("report of", "from", "report by", "lead officer")
AUTHOR_LABELS = ("report author", "author")
MEETING_LABELS = ("meeting", "committee", "decision maker")
_SMALL_WORDS = frozenset({"of", "and", "the", "for", "to", "in", "on", "a", "an", "with"})


@dataclass(frozen=True)
class Metadata:
    title: str | None = None
    council: str | None = None
    meeting: str | None = None
    date: dt.date | None = None
    report_of: str | None = None
    author: str | None = None
    title_passage: Passage | None = None
    council_passage: Passage | None = None

    @property
    def body_id(self) -> str | None:
        return f"body:{slug(self.council)}" if self.council else None


def read_metadata(passages: list[Passage]) -> Metadata:
    header = [p for p in passages if p.number == "header" or _is_cover_row(p)]
    fields = _labelled_fields(header)
    council, council_passage = _council(header)
    running = next(
        (p for p in header if council and council in p.text and DATE.search(p.text)), None
    )
    title_passage = _title_passage(header, fields, running)
    title = _title(title_passage, fields)
    date = parse_date(fields.get("date", "")) or (parse_date(running.text) if running else None)
    if date is None and title_passage is not None:
        date = parse_date(title_passage.text)
    return Metadata(
        title=title,
        council=council,
        meeting=fields.get("meeting") or _meeting(header, council),
        date=date,
        report_of=fields.get("report_of"),
        author=_without_contact(fields.get("author")),
        title_passage=title_passage,
        council_passage=council_passage,
    )


def parse_date(text: str) -> dt.date | None:
    for match in DATE.finditer(text):
        month = MONTHS.get(match.group("month").lower())
        if month is None:
            continue
        try:
            return dt.date(int(match.group("year")), month, int(match.group("day")))
        except ValueError:
            continue
    return None


def council_name(text: str) -> str | None:
    upper = UPPER_COUNCIL.match(text.strip())
    if upper:
        return title_case(upper.group("name"))
    match = COUNCIL.search(text)
    if match is None:
        return None
    name = match.group("name")
    words = name.split()
    while words and words[0] in ("The", "To", "From", "Dear"):
        words = words[1:]
    return " ".join(words) if len(words) >= 2 else None


def title_case(text: str) -> str:
    words = text.lower().split()
    return " ".join(
        word if i and word in _SMALL_WORDS else word[:1].upper() + word[1:]
        for i, word in enumerate(words)
    )


def _is_cover_row(passage: Passage) -> bool:
    return passage.kind is PassageKind.TABLE_ROW and passage.number is not None


def _labelled_fields(header: list[Passage]) -> dict[str, str]:
    """Label/value pairs: table rows, and "Label:" passages followed by their value."""
    fields: dict[str, str] = {}
    for index, passage in enumerate(header):
        if passage.kind is PassageKind.TABLE_ROW:
            label, _, value = passage.text.partition(" | ")
        else:
            label, colon, value = passage.text.partition(":")
            if not colon or len(label.split()) > 4:
                continue
            if not value.strip() and index + 1 < len(header):
                value = header[index + 1].text
        key = _field_key(label.strip().rstrip(":").lower())
        if key and value.strip() and key not in fields:
            fields[key] = value.strip()
    return fields


def _field_key(label: str) -> str | None:
    for key, labels in (
        ("title", TITLE_LABELS), ("date", DATE_LABELS), ("report_of", REPORT_OF_LABELS),
        ("author", AUTHOR_LABELS), ("meeting", MEETING_LABELS),
    ):  # fmt: skip
        if label in labels:
            return key
    return None


def _council(header: list[Passage]) -> tuple[str | None, Passage | None]:
    for passage in header[:6]:
        if passage.kind is PassageKind.TABLE_ROW:
            continue
        name = council_name(passage.text)
        if name is not None:
            return name, passage
    return None, None


def _meeting(header: list[Passage], council: str | None) -> str | None:
    for passage in header[:6]:
        text = passage.text
        if council:
            text = text.replace(council, "").replace(council.upper(), "")
        text = DATE.sub("", text).strip(" –-,")
        for meeting in MEETINGS:
            if text.lower() == meeting.lower() or text.lower().startswith(meeting.lower() + " "):
                return meeting
    return None


def _title_passage(
    header: list[Passage], fields: dict[str, str], running: Passage | None
) -> Passage | None:
    if "title" in fields:
        return next((p for p in header if fields["title"] in p.text), None)
    for passage in header:
        text = passage.text
        if passage is running or passage.kind is PassageKind.TABLE_ROW or text.endswith(":"):
            continue
        if _is_council_line(text) or text.lower() in (m.lower() for m in MEETINGS):
            continue
        return passage
    return None


def _without_contact(text: str | None) -> str | None:
    if text is None:
        return None
    cleaned = re.sub(r",?\s*\[(?:email address|telephone number)\]", "", text).strip(" ,")
    return cleaned or None


def _is_council_line(text: str) -> bool:
    return UPPER_COUNCIL.match(text) is not None or COUNCIL.fullmatch(text.strip()) is not None


def _title(passage: Passage | None, fields: dict[str, str]) -> str | None:
    text = fields.get("title") or (passage.text if passage else None)
    if not text:
        return None
    return title_case(text) if text.isupper() else text

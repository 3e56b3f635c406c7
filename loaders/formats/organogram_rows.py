"""Organogram CSVs, parsed: the headers mapped to the schema's fields, each senior row checked
and gathered into its post (job shares as one post), the reports-to tree checked, and junior rows
grouped under their senior post. What a row cannot give is an issue naming its column.
`organogram_records` maps the result to records; `organogram` reads a pair with both.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from loaders.formats.common import RowRejected, parse_money, parse_number
from loaders.formats.csv_table import Table
from loaders.issues import LoadIssue, Severity

SENIOR_FIELDS: dict[str, tuple[str, ...]] = {
    "ref": ("post unique reference",),
    "name": ("name",),
    "grade": ("grade", "grade or equivalent"),
    "title": ("job title",),
    "function": ("job team function",),
    "department": ("parent department",),
    "organisation": ("organisation", "organization"),
    "organisation_uri": (
        "organisation uri",
        "organization uri",
        "organisation identifier",
        "organisation code",
        "organisation gss code",
        "gss code",
    ),
    "unit": ("unit",),
    "phone": ("contact phone",),
    "email": ("contact e mail", "contact email"),
    "reports_to": ("reports to senior post",),
    "cost_of_reports": ("salary cost of reports",),
    "fte": ("fte",),
    "pay_floor": ("actual pay floor",),
    "pay_ceiling": ("actual pay ceiling",),
    "profession": ("professional occupational group",),
    "notes": ("notes",),
    "valid": ("valid",),
}
JUNIOR_FIELDS: dict[str, tuple[str, ...]] = {
    "department": ("parent department",),
    "organisation": ("organisation", "organization"),
    "unit": ("unit",),
    "reports_to": ("reporting senior post",),
    "grade": ("grade",),
    "pay_min": ("payscale minimum",),
    "pay_max": ("payscale maximum",),
    "title": ("generic job title",),
    "fte": ("number of posts in fte",),
    "profession": ("professional occupational group",),
}
SENIOR_REQUIRED = ("ref", "name", "grade", "title", "organisation", "reports_to")
JUNIOR_REQUIRED = ("reports_to", "grade", "title", "fte")
NO_ORGANISATION = {"", "N/A", "N/D"}
NOT_DISCLOSED = {"n/d", "nd", "not disclosed", "n/a"}
POST_REF = re.compile(r"^[A-Za-z0-9_-]+$")
QUOTED = ("ref", "name", "grade", "title", "reports_to", "fte", "pay_floor", "pay_ceiling")


@dataclass
class SeniorPost:
    line: int
    cells: dict[str, str]
    holders: list[tuple[int, str]] = field(default_factory=list)  # (line, name)
    junior_fte: float = 0.0
    junior_rows: int = 0


JuniorGroups = dict[tuple[str, str, str, str], list[tuple[int, dict[str, str], float]]]


class OrganogramRows:
    """The checked rows of a senior file (and its junior file); `issues` lists what was left out."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.issues: list[LoadIssue] = []
        self.labels: dict[str, str] = {}  # field -> the senior file's header
        self.junior_labels: dict[str, str] = {}
        self.main_organisation = ""  # the organisation most rows name
        self.not_in_post: list[tuple[int, dict[str, str]]] = []  # rows of reference 0

    def reject(self, where: str, column: str | None, reason: str, file: str | None = None) -> None:
        self.issues.append(LoadIssue.in_row(file or self.file, where, column, reason))

    def note_columns(self, table: Table, which: str) -> None:
        ignored = [h for h in table.unknown]
        for key in ("phone", "email"):
            if key in table.fields:
                ignored.append(table.fields[key])
        if ignored:
            self.issues.append(
                LoadIssue.in_row(
                    table.name,
                    f"{which} header",
                    ", ".join(ignored),
                    "columns not stored (contact details, or not part of the organogram schema)",
                    Severity.NOTE,
                )
            )

    def senior_posts(self, table: Table) -> dict[tuple[str, str], SeniorPost]:
        posts: dict[tuple[str, str], SeniorPost] = {}
        for line, cells in table.rows:
            where = f"senior row {line}"
            try:
                _check_senior(cells)
            except RowRejected as error:
                self.reject(where, table.fields.get(error.column or "", error.column), error.reason)
                continue
            if cells["ref"] == "0":
                self.not_in_post.append((line, cells))
                continue
            key = (cells["organisation"], cells["ref"])
            post = posts.get(key)
            if post is None:
                posts[key] = SeniorPost(line, cells, [(line, cells["name"])])
            elif (post.cells["title"], post.cells["reports_to"]) == (
                cells["title"],
                cells["reports_to"],
            ):
                post.holders.append((line, cells["name"]))  # a job share
            else:
                self.reject(
                    where,
                    "Post Unique Reference",
                    f"{cells['ref']} is already senior row {post.line}, a different post",
                )
        return posts

    def check_tree(self, posts: dict[tuple[str, str], SeniorPost]) -> None:
        """Every `Reports to` names a post of the file, and no chain of them loops."""
        for (org, ref), post in sorted(posts.items(), key=lambda item: item[1].line):
            target = post.cells["reports_to"]
            if target.upper() == "XX":
                continue
            if (org, target) not in posts:
                self._drop_line(post, f"{target} is not a senior post of {org} in this file")
                continue
            seen = {ref}
            while target.upper() != "XX" and (org, target) in posts:
                if target in seen:
                    self._drop_line(post, f"the reporting chain from {ref} loops back on itself")
                    break
                seen.add(target)
                target = posts[(org, target)].cells["reports_to"]

    def _drop_line(self, post: SeniorPost, reason: str) -> None:
        self.reject(f"senior row {post.line}", "Reports to Senior Post", reason)
        post.cells = {**post.cells, "reports_to": ""}

    def junior_posts(self, table: Table, posts: dict[tuple[str, str], SeniorPost]) -> JuniorGroups:
        groups: JuniorGroups = defaultdict(list)
        refs = {ref: org for (org, ref) in posts}
        for line, cells in table.rows:
            where = f"junior row {line}"
            try:
                fte = _parsed(cells, "fte", parse_number)
                for key in ("pay_min", "pay_max"):
                    _parsed(cells, key, parse_money)
            except RowRejected as error:
                column = table.fields.get(error.column or "", error.column)
                self.reject(where, column, error.reason, table.name)
                continue
            org = cells.get("organisation") or refs.get(cells["reports_to"], "")
            if (org, cells["reports_to"]) not in posts:
                self.reject(
                    where,
                    table.fields["reports_to"],
                    f"{cells['reports_to']!r} is not a senior post in the senior file",
                    table.name,
                )
                continue
            if not cells["grade"] or not cells["title"]:
                self.reject(
                    where,
                    table.fields["grade" if not cells["grade"] else "title"],
                    "missing",
                    table.name,
                )
                continue
            senior = posts[(org, cells["reports_to"])]
            senior.junior_fte += fte or 0.0
            senior.junior_rows += 1
            groups[(org, cells["reports_to"], cells["grade"], cells["title"])].append(
                (line, cells, fte or 0.0)
            )
        return groups


def _check_senior(cells: dict[str, str]) -> None:
    ref = cells["ref"]
    if not ref:
        raise RowRejected("ref", "missing")
    if not POST_REF.match(ref):
        raise RowRejected("ref", f"{ref!r} has characters a post reference cannot have")
    for key in ("title", "organisation", "grade"):
        if not cells.get(key) and ref != "0":
            raise RowRejected(key, "missing")
    if not cells["reports_to"] and ref != "0":
        raise RowRejected("reports_to", "missing (the top post says XX)")
    if not cells["name"]:
        raise RowRejected("name", "missing (N/D, Vacant or Eliminated when there is no name)")
    _parsed(cells, "fte", parse_number)
    for key in ("pay_floor", "pay_ceiling", "cost_of_reports"):
        _parsed(cells, key, parse_money)


def _parsed(
    cells: dict[str, str], key: str, parse: Callable[[str], float | int | None]
) -> float | int | None:
    try:
        return parse(cells.get(key, ""))
    except ValueError as error:
        raise RowRejected(key, str(error)) from error

"""UK government organogram CSV pairs in (datagovuk/schemas `organogram`): senior and junior.

Each senior row is a post (`Post Unique Reference`) of the organisation, with its grade, pay band
and the post it reports to (`XX` for the top post). `Name` is a person, or `N/D` (not disclosed),
`Vacant`, or `Eliminated` (the post has ended). Reference `0` is a person not in a post. A job share
is the same post on two rows: one post, two holders in the `shared` capacity. Junior rows are
grades counted against the senior post they report to: each (grade, job title) becomes a junior
post reporting to it, and the senior post carries the junior FTE total. Contact phones and emails
are never stored. The pair is one Document; evidence cites `senior row N` / `junior row N`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.model import Capacity, Entity, EntityType, Relation, RelationType, Status
from loaders.formats.common import (
    RowRejected,
    SourceBuilder,
    evidence,
    file_document,
    parse_money,
    parse_number,
    quote_cells,
    salary_band,
    slug_id,
)
from loaders.formats.csv_table import Table, header_line, iter_missing, read_table
from loaders.formats.services import ServiceMatcher
from loaders.issues import LoadIssue, Severity, display_path, rejected_file
from loaders.reading import ReadResult

SENIOR_FIELDS: dict[str, tuple[str, ...]] = {
    "ref": ("post unique reference",),
    "name": ("name",),
    "grade": ("grade", "grade or equivalent"),
    "title": ("job title",),
    "function": ("job team function",),
    "department": ("parent department",),
    "organisation": ("organisation", "organization"),
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


def looks_like_organogram(data: bytes) -> bool:
    headers = header_line(data)
    return "post unique reference" in headers or "reporting senior post" in headers


def junior_file_for(senior: Path) -> Path | None:
    candidate = senior.with_name(re.sub(r"senior", "junior", senior.name, flags=re.IGNORECASE))
    return candidate if candidate != senior and candidate.exists() else None


def senior_file_for(junior: Path) -> Path | None:
    candidate = junior.with_name(re.sub(r"junior", "senior", junior.name, flags=re.IGNORECASE))
    return candidate if candidate != junior and candidate.exists() else None


def read_organogram_file(path: Path, *, services: ServiceMatcher | None = None) -> ReadResult:
    """Reads the pair a file belongs to; a junior file is read with its senior file."""
    if "reporting senior post" in header_line(path.read_bytes()):
        senior = senior_file_for(path)
        if senior is None:
            raise rejected_file(path, "a junior organogram needs its senior file beside it")
        return ReadResult()  # read with its senior file
    return read_organogram(path, junior_file_for(path), services=services)


@dataclass
class _SeniorPost:
    line: int
    cells: dict[str, str]
    holders: list[tuple[int, str]] = field(default_factory=list)  # (line, name)
    junior_fte: float = 0.0
    junior_rows: int = 0


def read_organogram(
    senior: Path, junior: Path | None = None, *, services: ServiceMatcher | None = None
) -> ReadResult:
    senior_table = read_table(senior, SENIOR_FIELDS)
    _require(senior_table, SENIOR_REQUIRED)
    junior_table = read_table(junior, JUNIOR_FIELDS) if junior else None
    if junior_table is not None:
        _require(junior_table, JUNIOR_REQUIRED)
    data = senior.read_bytes() + (junior.read_bytes() if junior else b"")
    title = f"Organogram: {senior.name}" + (f" and {junior.name}" if junior else "")
    out = SourceBuilder(display_path(senior), file_document(senior, "organogram", title, data=data))
    reader = _Organogram(out, services or ServiceMatcher())
    reader.labels = senior_table.fields
    reader.junior_labels = junior_table.fields if junior_table else {}
    reader.note_columns(senior_table, "senior")
    if junior_table is not None:
        reader.note_columns(junior_table, "junior")
    named = Counter(
        cells["organisation"]
        for _, cells in senior_table.rows
        if cells["organisation"].upper() not in NO_ORGANISATION
    )
    reader.main_organisation = named.most_common(1)[0][0] if named else ""
    posts = reader.senior_posts(senior_table)
    reader.check_tree(posts)
    junior_groups = reader.junior_posts(junior_table, posts) if junior_table else {}
    reader.build(posts, junior_groups)
    return ReadResult([out.build()], reader.issues)


def _require(table: Table, required: tuple[str, ...]) -> None:
    missing = list(iter_missing(table, required))
    if missing:
        raise rejected_file(table.name, f"missing column(s) {', '.join(missing)}")


class _Organogram:
    def __init__(self, out: SourceBuilder, services: ServiceMatcher) -> None:
        self.out = out
        self.services = services
        self.file = Path(out.source_file).name
        self.issues: list[LoadIssue] = []
        self.labels: dict[str, str] = {}  # field -> the senior file's header
        self.junior_labels: dict[str, str] = {}
        self.main_organisation = ""  # the organisation most rows name

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

    def senior_posts(self, table: Table) -> dict[tuple[str, str], _SeniorPost]:
        posts: dict[tuple[str, str], _SeniorPost] = {}
        for line, cells in table.rows:
            where = f"senior row {line}"
            try:
                _check_senior(cells)
            except RowRejected as error:
                self.reject(where, table.fields.get(error.column or "", error.column), error.reason)
                continue
            if cells["ref"] == "0":
                self._not_in_post(line, cells)
                continue
            key = (cells["organisation"], cells["ref"])
            post = posts.get(key)
            if post is None:
                posts[key] = _SeniorPost(line, cells, [(line, cells["name"])])
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

    def check_tree(self, posts: dict[tuple[str, str], _SeniorPost]) -> None:
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

    def _drop_line(self, post: _SeniorPost, reason: str) -> None:
        self.reject(f"senior row {post.line}", "Reports to Senior Post", reason)
        post.cells = {**post.cells, "reports_to": ""}

    def junior_posts(
        self, table: Table, posts: dict[tuple[str, str], _SeniorPost]
    ) -> dict[tuple[str, str, str, str], list[tuple[int, dict[str, str], float]]]:
        groups: dict[tuple[str, str, str, str], list[tuple[int, dict[str, str], float]]]
        groups = defaultdict(list)
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

    def _not_in_post(self, line: int, cells: dict[str, str]) -> None:
        name = _holder_name(cells["name"])
        if name is None:
            return
        if cells["organisation"].upper() in NO_ORGANISATION:  # allowed for reference 0
            cells = {**cells, "organisation": self.main_organisation}
        if not cells["organisation"]:
            self.reject(f"senior row {line}", "Organisation", "no organisation in the file")
            return
        body_id = self._body(line, cells)
        person_id = slug_id("person", body_id.split(":", 1)[1], name)
        where = f"senior row {line}"
        quote = quote_cells(cells, QUOTED, self.labels)
        person = Entity(
            id=person_id, type=EntityType.PERSON, name=name, evidence=evidence(where, quote)
        )
        member = Relation(
            type=RelationType.MEMBER_OF,
            source=person_id,
            target=body_id,
            role="not in post",
            evidence=evidence(where, quote),
        )
        self.out.add_row([person], [member])

    def _body(self, line: int, cells: dict[str, str]) -> str:
        name = cells["organisation"]
        body_id = slug_id("body", name)
        where = f"senior row {line}"
        quote = quote_cells(cells, ["organisation", "department"], self.labels)
        entities = [
            Entity(id=body_id, type=EntityType.BODY, name=name, evidence=evidence(where, quote))
        ]
        relations: list[Relation] = []
        department = cells.get("department", "")
        if department and department.lower() != name.lower():
            parent_id = slug_id("body", department)
            entities.append(
                Entity(
                    id=parent_id,
                    type=EntityType.BODY,
                    name=department,
                    properties={"kind": "government department"},
                    evidence=evidence(where, quote),
                )
            )
            relations.append(
                Relation(
                    type=RelationType.SUB_ORGANIZATION_OF,
                    source=body_id,
                    target=parent_id,
                    evidence=evidence(where, quote),
                )
            )
        if not self.out.has(body_id):
            self.out.add_row(entities, relations)
        return body_id

    def build(
        self,
        posts: dict[tuple[str, str], _SeniorPost],
        junior: dict[tuple[str, str, str, str], list[tuple[int, dict[str, str], float]]],
    ) -> None:
        ids = {key: self._senior_post(post) for key, post in posts.items()}
        for (org, ref), post in posts.items():
            target = post.cells["reports_to"]
            if target and target.upper() != "XX":
                where = f"senior row {post.line}"
                quote = quote_cells(post.cells, ["ref", "title", "reports_to"], self.labels)
                self.out.add_row(
                    relations=[
                        Relation(
                            type=RelationType.REPORTS_TO,
                            source=ids[(org, ref)],
                            target=ids[(org, target)],
                            evidence=evidence(where, quote),
                        )
                    ]
                )
        for (org, ref, grade, title), rows in junior.items():
            self._junior_post(ids[(org, ref)], ref, grade, title, rows)

    def _senior_post(self, post: _SeniorPost) -> str:
        cells = post.cells
        body_id = self._body(post.line, cells)
        post_id = slug_id("post", body_id.split(":", 1)[1], cells["ref"])
        where = f"senior row {post.line}"
        quote = quote_cells(cells, QUOTED, self.labels)
        floor, ceiling = (
            parse_money(cells.get("pay_floor", "")),
            parse_money(cells.get("pay_ceiling", "")),
        )
        marker = cells["name"].strip("'\" ").lower()
        properties: dict[str, Any] = {
            "post_kind": "senior",
            "post_ref": cells["ref"],
            "grade": cells["grade"],
            "job_function": cells.get("function") or None,
            "unit": cells.get("unit") or None,
            "profession": cells.get("profession") or None,
            "fte": parse_number(cells.get("fte", "")),
            "pay_floor": floor,
            "pay_ceiling": ceiling,
            "salary_band": salary_band(floor, ceiling),
            "salary_cost_of_reports": parse_money(cells.get("cost_of_reports", "")),
            "top_post": True if cells["reports_to"].upper() == "XX" else None,
            "vacant": True if marker == "vacant" else None,
            "holder_disclosed": False if marker in NOT_DISCLOSED else None,
            "junior_fte": round(post.junior_fte, 2) if post.junior_rows else None,
            "junior_rows": post.junior_rows or None,
        }
        entity = Entity(
            id=post_id,
            type=EntityType.POST,
            name=cells["title"],
            status=Status.ENDED if marker == "eliminated" else Status.CURRENT,
            properties={k: v for k, v in properties.items() if v is not None},
            evidence=evidence(where, quote),
        )
        relations = [
            Relation(
                type=RelationType.BELONGS_TO,
                source=post_id,
                target=body_id,
                evidence=evidence(where, quote),
            )
        ]
        entities = [entity]
        shared = len(post.holders) > 1
        for line, raw_name in post.holders:
            name = _holder_name(raw_name)
            if name is None:
                continue
            holder_where = f"senior row {line}"
            person_id = slug_id("person", body_id.split(":", 1)[1], name)
            entities.append(
                Entity(
                    id=person_id,
                    type=EntityType.PERSON,
                    name=name,
                    evidence=evidence(holder_where, f"Name={raw_name}"),
                )
            )
            relations.append(
                Relation(
                    type=RelationType.HOLDS,
                    source=person_id,
                    target=post_id,
                    capacity=Capacity.SHARED if shared else None,
                    evidence=evidence(
                        holder_where,
                        quote_cells(cells, ["ref", "title"], self.labels) + f"; Name={raw_name}",
                    ),
                )
            )
        units = (cells.get("unit", ""), cells.get("function", ""))
        relations += [
            Relation(
                type=RelationType.COVERS,
                source=post_id,
                target=match.service_id,
                wording=match.wording,
                evidence=evidence(where, quote),
            )
            for match in self.services.find_in_post(cells["title"], *units)
        ]
        self.out.add_row(entities, relations)
        return post_id

    def _junior_post(
        self,
        senior_id: str,
        ref: str,
        grade: str,
        title: str,
        rows: list[tuple[int, dict[str, str], float]],
    ) -> None:
        post_id = slug_id("post", senior_id.split(":", 1)[1], "junior", grade, title)
        first_line, cells, _ = rows[0]
        lines = ", ".join(str(line) for line, _, _ in rows)
        where = f"junior row {lines}" if len(rows) > 1 else f"junior row {first_line}"
        quote = quote_cells(
            cells, ["reports_to", "grade", "title", "fte", "pay_min", "pay_max"], self.junior_labels
        )
        low, high = parse_money(cells.get("pay_min", "")), parse_money(cells.get("pay_max", ""))
        properties: dict[str, Any] = {
            "post_kind": "junior",
            "grade": grade,
            "fte": round(sum(f for _, _, f in rows), 2),
            "pay_floor": low,
            "pay_ceiling": high,
            "salary_band": salary_band(low, high),
            "unit": cells.get("unit") or None,
            "profession": cells.get("profession") or None,
        }
        entity = Entity(
            id=post_id,
            type=EntityType.POST,
            name=title,
            properties={k: v for k, v in properties.items() if v is not None},
            evidence=evidence(where, quote),
        )
        body_id = self.out.relations_of(senior_id, RelationType.BELONGS_TO)
        relations = [
            Relation(
                type=RelationType.REPORTS_TO,
                source=post_id,
                target=senior_id,
                evidence=evidence(where, quote),
            )
        ]
        relations += [
            Relation(
                type=RelationType.BELONGS_TO,
                source=post_id,
                target=b,
                evidence=evidence(where, quote),
            )
            for b in body_id
        ]
        self.out.add_row([entity], relations)


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


def _holder_name(raw: str) -> str | None:
    """The holder's name, or None for N/D, Vacant, Eliminated and the like."""
    name = raw.strip().strip("'\"").strip()
    if not name or name.lower() in NOT_DISCLOSED | {"vacant", "eliminated", "0"}:
        return None
    return name

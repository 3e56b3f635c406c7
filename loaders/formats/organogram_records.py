"""Organogram rows mapped to records: the organisation (and its department), each senior post with
its holders, grade and pay, the reports-to lines, the junior posts counted under their senior post,
and people not in post.
"""

from __future__ import annotations

from typing import Any

from graph.model import Capacity, Entity, EntityType, Relation, RelationType, Status
from loaders.formats.common import (
    SourceBuilder,
    evidence,
    parse_money,
    parse_number,
    quote_cells,
    salary_band,
    slug_id,
)
from loaders.formats.organogram_bodies import OrganogramBodies
from loaders.formats.organogram_rows import (
    NO_ORGANISATION,
    NOT_DISCLOSED,
    QUOTED,
    JuniorGroups,
    OrganogramRows,
    SeniorPost,
)
from loaders.formats.services import ServiceMatcher


class OrganogramRecords:
    def __init__(
        self,
        out: SourceBuilder,
        services: ServiceMatcher,
        rows: OrganogramRows,
        organisations: OrganogramBodies,
    ) -> None:
        self.out = out
        self.services = services
        self.organisations = organisations
        self._written: set[tuple[str, str, str]] = set()
        self.labels = rows.labels
        self.junior_labels = rows.junior_labels
        self.main_organisation = rows.main_organisation
        self.reject = rows.reject
        self.not_in_post_rows = rows.not_in_post

    def build(
        self,
        posts: dict[tuple[str, str], SeniorPost],
        junior: JuniorGroups,
    ) -> None:
        # Posts first: a body's evidence is the first post row naming it, not a row of a
        # person not in post (whose organisation may be left blank).
        ids = {key: self._senior_post(post) for key, post in posts.items()}
        for line, cells in self.not_in_post_rows:
            self._not_in_post(line, cells)
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

    def _not_in_post(self, line: int, cells: dict[str, str]) -> None:
        name = _holder_name(cells["name"])
        if name is None:
            return
        if cells["organisation"].upper() in NO_ORGANISATION:  # allowed for reference 0
            cells = {**cells, "organisation": self.main_organisation}
        if not cells["organisation"]:
            self.reject(f"senior row {line}", "Organisation", "no organisation in the file")
            return
        body_id, scope = self._body(line, cells)
        person_id = slug_id("person", scope, name)
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

    def _body(self, line: int, cells: dict[str, str]) -> tuple[str, str]:
        """The id of the row's organisation and the scope of its posts' and people's ids; the
        body's records are added with the first row that names it."""
        organisation = self.organisations.organisation(line, cells)
        if organisation.key not in self._written:
            self._written.add(organisation.key)
            self.out.add_row(organisation.entities, organisation.relations)
        return organisation.id, organisation.scope

    def _senior_post(self, post: SeniorPost) -> str:
        cells = post.cells
        body_id, scope = self._body(post.line, cells)
        post_id = slug_id("post", scope, cells["ref"])
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
            person_id = slug_id("person", scope, name)
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


def _holder_name(raw: str) -> str | None:
    """The holder's name, or None for N/D, Vacant, Eliminated and the like."""
    name = raw.strip().strip("'\"").strip()
    if not name or name.lower() in NOT_DISCLOSED | {"vacant", "eliminated", "0"}:
        return None
    return name

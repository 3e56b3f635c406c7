"""A page by name sorted by name (`entity_page_by_name_in_order`) gives the same answer whichever
way it reads: in the order of the range index on `nameLower`, or through the text index and a sort;
and both are the answer of a plain scan sorted on the spot. Names with odd characters, other
scripts, equal names (ties go by id), dates and both directions."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any, LiteralString

from graph.db import Database
from queries.entity_page import ORDERED_SHARE, entity_page, page_query

# Entities stored as the writer stores them: `nameLower` is the name lower-cased by Python
# (loaders/writer/plan.py).
WRITE_POSTS: LiteralString = """
UNWIND $posts AS post
CREATE (n:Entity:Post {id: post.id, type: 'Post', name: post.name, nameLower: post.nameLower,
                       status: 'current', validFrom: post.validFrom, validTo: post.validTo})"""

# The reference: every post scanned, filtered and sorted on the spot, no index.
PLAIN: LiteralString = """
MATCH (n:Entity) WHERE n.type = 'Post' AND n.nameLower CONTAINS $nameContains
  AND ($asOf IS NULL OR ((n.validFrom IS NULL OR n.validFrom <= $asOf)
                         AND (n.validTo IS NULL OR n.validTo >= $asOf)))
WITH n, n.nameLower AS key
ORDER BY CASE WHEN $descending THEN null ELSE key END ASC,
         CASE WHEN $descending THEN key END DESC, n.id
RETURN collect(n.id) AS ids"""

NAMES = [
    "Officer 1",
    "officer 1",
    "OFFICER 10",
    "Officer 1",  # the same name again: ties go by id
    "Head of 100% Services",
    "Head of 100_ Services",
    "Back\\slash officer",
    "O'Brien's officer",
    'The "quoted" officer',
    "Officer (acting) [1]*?",
    "École Directrice",
    "ÉCOLE directeur",
    "Straße Officer",
    "İstanbul liaison",
    "Ωmega Officer",
    "\uff26\uff35\uff2c\uff2c width officer",  # in fullwidth capitals
    "\U0001f600 emoji officer",
    "\ufb01nance officer",
    "Chief Officer",
    "chief officer",
    "Zeta",
]
TEXTS = [
    "officer 1", "officer", "100%", "100_", "\\", "'", '"', "(acting) [1]*?", "école", "é",
    "straße", "İstanbul".lower(), "ω", "\uff46\uff55\uff4c\uff4c", "\U0001f600", "\ufb01",
    "chief", "zzz", " ",
]  # fmt: skip


def posts() -> list[dict[str, Any]]:
    written = []
    for number, (name, dated) in enumerate(itertools.product(NAMES, (False, True, False))):
        written.append(
            {
                "id": f"post:p{number:03d}",
                "name": name,
                "nameLower": name.lower(),
                "validFrom": dt.date(2020, 1, 1) if dated else None,
                "validTo": dt.date(2021, 12, 31) if dated else None,
            }
        )
    return written


async def page_ids(db: Database, share: int, descending: bool, **parameters: Any) -> Any:
    query = page_query("entity_page_by_name_in_order", "Post", "name", descending)
    records, _, _ = await db.read(
        query,
        {
            **parameters,
            "orderedShare": share,
            "withTotal": True,
            "withDetails": False,
            "withEvidence": False,
        },
    )
    return records[0]["total"], [row["id"] for row in records[0]["page"]]


async def test_both_ways_give_the_plain_scans_page(db: Database) -> None:
    await db.write(WRITE_POSTS, {"posts": posts()})
    compared = 0
    for text, as_of, descending in itertools.product(
        TEXTS, (None, dt.date(2019, 6, 1), dt.date(2020, 6, 1)), (False, True)
    ):
        records, _, _ = await db.read(
            PLAIN, {"nameContains": text, "asOf": as_of, "descending": descending}
        )
        expected: list[str] = records[0]["ids"]
        for offset, limit in ((0, 500), (0, 3), (2, 4), (len(expected), 5)):
            arguments = {"nameContains": text, "asOf": as_of, "offset": offset, "limit": limit}
            in_order = await page_ids(db, 10**9, descending, **arguments)  # the range index
            sorted_ = await page_ids(db, 0, descending, **arguments)  # the text index and a sort
            wanted = (len(expected), expected[offset : offset + limit])
            assert in_order == wanted, (text, as_of, descending, offset, limit)
            assert sorted_ == wanted, (text, as_of, descending, offset, limit)
            compared += bool(expected)
    assert compared > 100


async def test_the_api_lower_cases_the_text_and_counts_when_asked(db: Database) -> None:
    await db.write(WRITE_POSTS, {"posts": posts()})
    arguments: dict[str, Any] = dict(
        entity_type="Post", body=None, as_of=None, sort_by="name", descending=False, offset=0,
        limit=50, with_details=False, with_evidence=False,
    )  # fmt: skip
    upper = await entity_page(db, name_contains="ÉCOLE", **arguments)
    lower = await entity_page(db, name_contains="école", **arguments)
    assert upper == lower and upper.total == 6
    uncounted = await entity_page(db, name_contains="école", with_total=False, **arguments)
    assert uncounted.total is None and uncounted.page == lower.page


SORTS = ("Top", "Sort", "PartialTop", "PartialSort")


def operators(plan: Any) -> list[tuple[str, int, int]]:
    found = [(plan["operatorType"].split("@")[0], plan.get("rows", 0), plan.get("dbHits", 0))]
    for child in plan.get("children", []):
        found += operators(child)
    return found


async def test_common_matches_are_read_in_the_index_order_and_rare_ones_sorted(
    db: Database,
) -> None:
    common = [
        {"id": f"post:o{number:04d}", "name": f"Officer {number}", "validFrom": None,
         "validTo": None, "nameLower": f"officer {number}"}
        for number in range(400)
    ]  # fmt: skip
    await db.write(WRITE_POSTS, {"posts": common})
    query = page_query("entity_page_by_name_in_order", "Post", "name", False)
    parameters = {"asOf": None, "offset": 0, "limit": 21, "orderedShare": ORDERED_SHARE,
                  "withTotal": True, "withDetails": False, "withEvidence": False}  # fmt: skip

    async def run(text: str) -> list[tuple[str, int, int]]:
        result = await db.read("PROFILE " + query, {**parameters, "nameContains": text})
        assert result.summary.profile is not None
        return operators(result.summary.profile)

    # "officer 1": 111 of the 400, read in the index's order until the page is full
    common_plan = await run("officer 1")
    # (the count goes through whichever index the planner prefers on so small a graph)
    (read,) = [
        position
        for position, (name, rows, _) in enumerate(common_plan)
        if name == "NodeIndexScan" and 21 < rows < 400  # stopped at the page's end
    ]
    assert common_plan[read - 1][0] == "Filter" and common_plan[read - 1][2] == 0  # index values
    # the sorting way, planned beside it, sorted nothing (how it would find its matches is the
    # planner's choice on so small a graph)
    assert not any(name in ("Top", "Sort") and rows for name, rows, _ in common_plan)
    # "officer 39": 11 of the 400, found (through the index the planner picks) and sorted
    rare_plan = await run("officer 39")
    sorted_rows = [rows for name, rows, _ in rare_plan if name in SORTS and rows]
    assert sorted_rows == [11]

"""The accountability query (`queries/accountability.cypher`, each line's work one walk of the
accountable entity's relationships, services and bodies sent once) gives the very answers of the
query before it (`tests/fixtures/accountability/accountability_standard.cypher`): the same lines in
the same order, with the same services, bodies, holders (in the same order), evidence and questions,
for every service, with and without each part, today and at dates that end or start tenures; on the
seed knowledge base with the API fixtures (alternatives, open questions, groups and committees,
lines owned by no body) and on generated graphs (`bench/generate.py`, and a few authorities shaped
as `bench/generate_country.py` shapes the whole country)."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from graph.db import Database
from graph.settings import PROJECT_ROOT
from loaders.load import load
from queries.accountability import EVERY_PART, LineParts, accountability_rows
from tests.conftest import clear_graph, load_seed_and_generated

FIXTURES = Path(__file__).parent / "fixtures"
STANDARD = (FIXTURES / "accountability" / "accountability_standard.cypher").read_text(
    encoding="utf-8"
)
IDENTIFIER_KEYS = ("register_code", "gss_code", "former_gss_codes", "jurisdiction", "short_name")
# Every combination of the parts a request may leave out (holders' evidence only with holders).
PARTS = [
    LineParts(*flags)
    for flags in itertools.product((True, False), repeat=4)
    if flags[0] or not flags[1]
]
DATES = [None, dt.date(2013, 1, 1), dt.date(2016, 1, 1), dt.date(2023, 6, 1)]


async def standard_lines(
    db: Database, service: str, as_of: dt.date | None, parts: LineParts
) -> list[dict[str, Any]]:
    parameters = {"service": service, "asOf": as_of, **parts.parameters()}
    records, _, _ = await db.read(STANDARD, parameters)
    lines: list[dict[str, Any]] = records[0]["lines"]
    if parts.identifiers:
        return lines
    return [
        {**line, "bodies": [without_identifiers(body) for body in line["bodies"]]} for line in lines
    ]


def without_identifiers(body: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in body.items() if key not in IDENTIFIER_KEYS}


def first_difference(standard: list[dict[str, Any]], new: list[Any]) -> str:
    for index, (expected, got) in enumerate(zip(standard, new, strict=False)):
        if expected != got:
            keys = [key for key in expected if expected[key] != got.get(key)]
            shown = {key: (expected[key], got.get(key)) for key in keys}
            return f"line {index}: {json.dumps(shown, default=str)[:600]}"
    return f"{len(standard)} lines / {len(new)} lines"


async def services_with_lines(db: Database) -> list[str]:
    records, _, _ = await db.read(
        "MATCH (s:Service) RETURN s.id AS id, "
        "COUNT { (s)-[:COVERS|ACCOUNTABLE_FOR|COULD_SIT_IN|SCRUTINISED_BY|CONCERNS]-() } AS links "
        "ORDER BY id"
    )
    return [record["id"] for record in records if record["links"]]


async def compare_everywhere(db: Database, every: int = 1) -> dict[str, int]:
    """Every service with lines (or every `every`th), every combination of parts, every date: no
    difference expected; returns what the answers held, to show the comparison covers each case."""
    differences: list[str] = []
    seen = dict.fromkeys(
        ("answers", "lines", "portfolio holders", "post holders", "members", "unheld posts",
         "holder evidence", "alternatives", "questions", "documents' bodies",
         "several bodies"),
        0,
    )  # fmt: skip
    asked = [(None, parts) for parts in PARTS] + [(as_of, EVERY_PART) for as_of in DATES[1:]]
    for service in (await services_with_lines(db))[::every]:
        for as_of, parts in asked:
            standard = await standard_lines(db, service, as_of, parts)
            new = await accountability_rows(db, service, as_of, parts)
            if standard != new:
                where = f"{service} asOf={as_of} {parts}"
                differences.append(f"{where}: {first_difference(standard, list(new))}")
            if parts == EVERY_PART:
                count(seen, standard)
    assert not differences, "\n".join(differences[:10])
    return seen


def count(seen: dict[str, int], lines: list[dict[str, Any]]) -> None:
    seen["answers"] += 1
    seen["lines"] += len(lines)
    for line in lines:
        kind = line["accountable"]["type"]
        holders = line["holders"]
        seen["portfolio holders"] += kind == "Portfolio" and any(h["person"] for h in holders)
        seen["post holders"] += kind == "Post" and bool(holders)
        seen["members"] += kind not in ("Portfolio", "Post") and bool(holders)
        seen["unheld posts"] += any(h["post"] and not h["person"] for h in holders)
        seen["holder evidence"] += any(h["evidence"] for h in holders)
        seen["alternatives"] += line["status"] == "alternative"
        seen["questions"] += line["question"] is not None
        seen["documents' bodies"] += line["accountable"]["type"] == "PartnershipGroup" and any(
            body["id"] == "body:westshire" for body in line["bodies"]
        )
        seen["several bodies"] += len(line["bodies"]) > 1


@pytest.fixture
async def graph(db: Database) -> AsyncIterator[Database]:
    yield db
    await clear_graph(db)


async def test_the_seed_knowledge_base_answers_as_before(graph: Database) -> None:
    await load(graph, [PROJECT_ROOT / "data", FIXTURES / "api", FIXTURES / "accountability"])
    seen = await compare_everywhere(graph)
    for case in ("portfolio holders", "post holders", "members", "alternatives", "questions",
                 "documents' bodies", "holder evidence", "several bodies"):  # fmt: skip
        assert seen[case], (case, seen)
    assert seen["answers"] > 40, seen


async def test_generated_graphs_answer_as_before(graph: Database, tmp_path: Path) -> None:
    await load_seed_and_generated(graph, tmp_path, bodies=6, authorities=4)
    seen = await compare_everywhere(graph, every=5)
    for case in ("portfolio holders", "post holders", "unheld posts"):
        assert seen[case], (case, seen)
    assert seen["lines"] > 500, seen

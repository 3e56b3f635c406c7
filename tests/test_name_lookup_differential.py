"""The name lookup (`queries.entities.name_matches`: the index's candidates without their bodies,
bodies looked up only where they could change a candidate's closeness or are asked for) gives the
very answers of the lookup before it (`bench/name_lookup_standard.py`, with its query beside it:
every candidate with its bodies, `best_match` on each): the same matches
in the same order, with the same entities, matched names, closeness and bodies; asked without
bodies or details, the same matches with only those left out. Over names taken from the graph
itself (names, aliases, names without their body, with a letter dropped or two swapped, in lower
case) and titles typed without a number or a body, with type filters and page sizes, on the seed
knowledge base with the API fixtures and on generated graphs (`bench/generate.py`, and a few
authorities shaped as `bench/generate_country.py` shapes the whole country). The GraphQL fields
computing only what they select answer what a selection of every field answers."""

from __future__ import annotations

import random
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, LiteralString, cast

import pytest

from bench.name_lookup_standard import standard_name_matches
from graph.db import Database
from graph.settings import PROJECT_ROOT, Settings
from loaders.load import load
from queries.cypher import named_query
from queries.entities import NAME_MATCHES, name_matches
from queries.names import MIN_SIMILARITY, TypedName, best_match, forms_of, normalise
from queries.records import NameMatchRecord
from tests.conftest import ask_api_once, clear_graph, load_seed_and_generated

FIXTURES = Path(__file__).parent / "fixtures"
TYPED = [
    "Senior Officer",
    "Senior Oficer 3",
    "Chief Executive",
    "Chief Operating Oficer",
    "COO",
    "Director of Pubic Health",
    "Leader of the Council",
    "Cabinet Member",
    "Councillor",
    "Kim Riley",
    "Mayor",
    "Chief Zebra Keeper",
]
# (types, limit): the default of `entitiesByName`, `nameMatches`' default and a short page, a type.
PAGES: list[tuple[list[str] | None, int]] = [
    (None, NAME_MATCHES),
    (None, 20),
    (None, 3),
    (["Post"], 20),
    (["Person", "Body"], NAME_MATCHES),
]
SUMMARY_KEYS = ("id", "type", "name", "aliases", "status", "valid_from", "valid_to")


def typed_from(name: str, rng: random.Random) -> list[str]:
    """What people type for a stored name: itself, and one of: without its body, a letter
    dropped, two letters swapped, lower case."""
    letters = [i for i, c in enumerate(name) if c.isalpha()]
    other = [re.split(r"[,(]", name)[0].strip(), name.lower()]
    if len(letters) > 4:
        drop, swap = rng.choice(letters), rng.choice(letters[:-1])
        other.append(name[:drop] + name[drop + 1 :])
        other.append(name[:swap] + name[swap + 1] + name[swap] + name[swap + 2 :])
    return [text for text in (name, rng.choice(other)) if text.strip()]


async def corpus(db: Database, entities: int, seed: int) -> list[str]:
    """The titles typed above, and what is typed for about `entities` of the graph's entities
    (every so many in id order) and half their aliases."""
    records, _, _ = await db.read(
        "MATCH (e:Entity) RETURN e.name AS name, e.aliases AS aliases ORDER BY e.id"
    )
    rng = random.Random(seed)
    typed = list(TYPED)
    for record in records[:: max(1, len(records) // entities)]:
        typed += typed_from(record["name"], rng)
        typed += [alias for alias in record["aliases"] or [] if rng.random() < 0.5]
    return list(dict.fromkeys(typed))


class CountingReads:
    """A database whose reads of one named query are counted (the lookup is given it as is)."""

    def __init__(self, db: Database, query: str) -> None:
        self.db, self.query, self.count = db, named_query(query), 0

    async def read(self, query: LiteralString, parameters: dict[str, Any] | None = None) -> Any:
        self.count += query == self.query
        return await self.db.read(query, parameters)


@dataclass
class Seen:
    lookups: int = 0
    matches: int = 0
    typos: int = 0
    aliases: int = 0
    with_bodies: int = 0
    full_pages: int = 0
    bodies_looked_up: int = 0
    bodies_not_needed: int = 0
    differences: list[str] = field(default_factory=list)


def summary(record: NameMatchRecord) -> dict[str, Any]:
    return {key: getattr(record.entity, key) for key in SUMMARY_KEYS}


def compare(seen: Seen, where: str, standard: list[NameMatchRecord], new: Any) -> None:
    if standard != new:
        for rank, (expected, got) in enumerate(zip(standard, new, strict=False)):
            if expected != got:
                seen.differences.append(f"{where} match {rank}: {expected} / {got}")
                return
        seen.differences.append(f"{where}: {len(standard)} matches / {len(new)}")


async def compare_everywhere(db: Database, typed: list[str]) -> Seen:
    """Each text with the default page, every fourth with every page; each lookup compared in
    full, and in turn without bodies, without details, or without either."""
    seen = Seen()
    for number, text in enumerate(typed):
        for types, limit in PAGES if number % 4 == 0 else PAGES[:1]:
            where = f"{text!r} {types} {limit}"
            standard = await standard_name_matches(db, text, types, limit)
            compare(seen, where, standard, await name_matches(db, text, types, limit))
            with_bodies, with_details = [(False, True), (True, False), (False, False)][
                seen.lookups % 3
            ]
            counted = CountingReads(db, "entity_bodies")
            fewer = await name_matches(
                cast(Database, counted),
                text,
                types,
                limit,
                with_bodies=with_bodies,
                with_details=with_details,
            )
            if with_details:
                expected = [match.model_copy(update={"bodies": []}) for match in standard]
                compare(seen, f"{where} without bodies", expected, fewer)
            else:
                summaries = [(summary(m), m.matched_name, m.similarity) for m in fewer]
                bodies = [m.bodies if with_bodies else [] for m in standard]
                if summaries != [(summary(m), m.matched_name, m.similarity) for m in standard] or (
                    [m.bodies for m in fewer] != bodies
                    or any(m.entity.description or m.entity.properties for m in fewer)
                    or any(m.entity.evidence for m in fewer)
                ):
                    seen.differences.append(f"{where} without details (bodies: {with_bodies})")
            seen.lookups += 1
            seen.matches += len(standard)
            seen.typos += sum(match.similarity < 1 for match in standard)
            seen.aliases += sum(match.matched_name != match.entity.name for match in standard)
            seen.with_bodies += sum(bool(match.bodies) for match in standard)
            seen.full_pages += len(standard) == limit
            if not with_bodies:  # bodies looked up only to decide candidates
                seen.bodies_looked_up += counted.count
                seen.bodies_not_needed += bool(standard) and not counted.count
    assert not seen.differences, "\n".join(seen.differences[:10])
    return seen


@pytest.fixture
async def graph(db: Database) -> AsyncIterator[Database]:
    yield db
    await clear_graph(db)


async def test_the_seed_knowledge_base_answers_as_before(graph: Database) -> None:
    await load(graph, [PROJECT_ROOT / "data", FIXTURES / "api"])
    seen = await compare_everywhere(graph, await corpus(graph, entities=50, seed=3))
    assert seen.lookups > 200 and seen.matches > 300 and seen.with_bodies > 100, seen
    assert seen.typos > 100 and seen.aliases > 30 and seen.full_pages > 3, seen
    # Some lookups needed bodies to decide a candidate, and many found matches without any.
    assert seen.bodies_looked_up > 10 and seen.bodies_not_needed > 50, seen


async def test_generated_graphs_answer_as_before(graph: Database, tmp_path: Path) -> None:
    await load_seed_and_generated(graph, tmp_path, bodies=4, authorities=3)
    seen = await compare_everywhere(graph, await corpus(graph, entities=50, seed=5))
    assert seen.lookups > 150 and seen.matches > 300 and seen.full_pages > 10, seen
    assert seen.bodies_looked_up > 10 and seen.bodies_not_needed > 30, seen


def test_closeness_decided_without_bodies_is_what_any_bodies_give() -> None:
    """`TypedName.closest` is `best_match` kept when close enough, for any bodies; where
    `closest_whatever_bodies` decides without bodies, its answer is theirs whatever they are."""
    rng = random.Random(11)
    words = ["chief", "executive", "officer", "of", "the", "for", "at", "kent", "county",
             "council", "senior", "3", "public", "health", "east", "(", ")", ",", "&", "and",
             "officr", "councillor", "7", "17", "O'Neil"]  # fmt: skip

    def phrase(length: int) -> str:
        return " ".join(rng.choice(words) for _ in range(length))

    checked = decided = undecided = close = 0
    for _ in range(6000):
        bodies = [phrase(rng.randint(1, 3)) for _ in range(rng.randint(0, 3))]
        joints = ["", ", ", " of ", " (", " for the "]
        names = [
            phrase(rng.randint(1, 4))
            + rng.choice(joints)
            + (rng.choice(bodies) if bodies and rng.random() < 0.7 else phrase(2))
            + rng.choice(["", ")"])
            for _ in range(rng.randint(1, 3))
        ]
        typed = re.split(r",| of ", rng.choice(names))[0] if rng.random() < 0.6 else phrase(3)
        if rng.random() < 0.5 and len(typed) > 3:
            drop = rng.randrange(len(typed))
            typed = typed[:drop] + typed[drop + 1 :]
        if not normalise(typed):
            continue
        name = TypedName(typed)
        forms = [forms_of(stored) for stored in names]
        sure, whatever = name.closest_whatever_bodies(forms)
        decided += sure
        undecided += not sure
        for count in range(len(bodies) + 1):
            matched, similarity = best_match(typed, names, bodies[:count])
            expected = (matched, similarity) if similarity >= MIN_SIMILARITY else None
            found = name.closest(forms, {normalise(body) for body in bodies[:count]} - {""})
            assert (found and (found.name, found.similarity)) == expected, (typed, names)
            if sure:
                assert (whatever and (whatever.name, whatever.similarity)) == expected
            checked += 1
            close += expected is not None
    assert checked > 10000 and close > 3000 and decided > 1000 and undecided > 300, (
        checked,
        close,
        decided,
        undecided,
    )


ENTITY_FIELDS = "id type name aliases status validFrom validTo"
WHOLE = f"{ENTITY_FIELDS} description properties evidence {{ documentId paragraph quote }}"
MATCH_FIELDS = "matchedName similarity"
BODIES = "bodies { id type name status }"


async def test_graphql_lookups_compute_what_is_selected_and_answer_as_in_full(
    graph: Database, neo4j_uri: str, test_settings: Settings
) -> None:
    """`entitiesByName` selecting only an entity's summary, and `nameMatches` without bodies or
    without the entity's details, answer what the selection of every field answers."""
    await load(graph, [PROJECT_ROOT / "data", FIXTURES / "api"])
    names = ["Chief Executive", "Director of Pubic Health", "Chief Operating Oficer", "Leader"]
    aliases = []
    for number, name in enumerate(names):
        by_name = f'entitiesByName(name: "{name}")'
        matches = f'nameMatches(name: "{name}", first: 20)'
        aliases += [
            f"whole{number}: {by_name} {{ {WHOLE} }}",
            f"summary{number}: {by_name} {{ {ENTITY_FIELDS} }}",
            f"full{number}: {matches} {{ {MATCH_FIELDS} {BODIES} entity {{ {WHOLE} }} }}",
            f"bare{number}: {matches} {{ {MATCH_FIELDS} entity {{ id name }} }}",
            f"fragment{number}: {matches} {{ ... on NameMatch {{ {BODIES} }} "
            f"entity {{ ... on Post {{ {ENTITY_FIELDS} }} }} }}",
        ]
    body = await ask_api_once(test_settings, neo4j_uri, "{ " + "\n".join(aliases) + " }")
    assert "errors" not in body, body
    data = body["data"]
    keys = ENTITY_FIELDS.split()
    for number in range(len(names)):
        whole, full = data[f"whole{number}"], data[f"full{number}"]
        assert whole and any(entity["evidence"] for entity in whole)
        assert data[f"summary{number}"] == [{k: e[k] for k in keys} for e in whole]
        assert [match["entity"] for match in full][: len(whole)] == whole[:20]
        assert data[f"bare{number}"] == [
            {"matchedName": m["matchedName"], "similarity": m["similarity"],
             "entity": {"id": m["entity"]["id"], "name": m["entity"]["name"]}}
            for m in full
        ]  # fmt: skip
        assert data[f"fragment{number}"] == [
            {"bodies": m["bodies"],
             "entity": {k: m["entity"][k] for k in keys} if m["entity"]["type"] == "Post" else {}}
            for m in full
        ]  # fmt: skip
    assert any(match["bodies"] for number in range(len(names)) for match in data[f"full{number}"])

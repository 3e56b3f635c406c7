"""Hostile and broken files through the real load pipeline into a real Neo4j: every one is either
loaded or refused with problems that name it, nothing is half-written, nothing crashes, and each
takes a bounded time.

The cases are made from the project's own fixtures by a seeded fuzzer (truncation, flipped bytes,
wrong types, entity expansion and external entities in XML, CSV rows that do not fit their
header, other encodings) plus hand-made bombs (nesting, long numbers, long words). `make test`
runs `FUZZ_CASES` (default 60); `make fuzz-loaders` runs 1,200.
"""

from __future__ import annotations

import json
import os
import random
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from graph.db import Database
from graph.settings import Settings
from loaders.issues import LoadRejected
from loaders.load import load

FIXTURES = Path(__file__).parent / "fixtures"
TRANSPARENCY = FIXTURES / "formats" / "transparency"
SEEDS = [
    FIXTURES / "formats" / "curated" / "audit_commission.yaml",
    FIXTURES / "formats" / "moderngov" / "committees.xml",
    FIXTURES / "formats" / "moderngov" / "councillors_by_ward.xml",
    FIXTURES / "formats" / "moderngov" / "meeting_with_minutes.xml",
    FIXTURES / "formats" / "popolo" / "executive.json",
    TRANSPARENCY / "exampleshire-county-council-organisation-chart-2016.csv",
    TRANSPARENCY / "northtown-borough-council-senior-salaries-2016.csv",
]
CASES = int(os.environ.get("FUZZ_CASES", "60"))
SECONDS_PER_FILE = 60.0  # generous for a busy 2-core machine; a quadratic reader took minutes


@dataclass(frozen=True)
class Case:
    name: str
    suffix: str
    content: bytes


def _truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, max(2, len(data)))]


def _flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randrange(1, 12)):
        position = rng.randrange(len(out))
        out[position] = rng.randrange(256)
    return bytes(out)


def _encode_other(data: bytes, rng: random.Random) -> bytes:
    text = data.decode("utf-8", errors="replace")
    encoding = rng.choice(["utf-16", "utf-32", "koi8-r", "cp500"])
    return text.encode(encoding, errors="replace")


def _csv_misfit(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    index = rng.randrange(1, max(2, len(lines)))
    if index < len(lines):
        lines[index] = lines[index] + b"," * rng.randrange(1, 9) + b"extra"
    return b"\n".join(lines)


def _wrong_types(data: bytes, rng: random.Random) -> bytes:
    try:
        value = json.loads(data)
    except ValueError:
        return _flip(data, rng)
    replacement = rng.choice([[], {}, 12, "text", None, True, [None], {"persons": 5}])
    if isinstance(value, dict) and value:
        key = rng.choice(sorted(value))
        value[key] = replacement
    return json.dumps(value).encode()


MUTATIONS = [_truncate, _flip, _encode_other, _csv_misfit, _wrong_types]

BOMBS = [
    Case("yaml-flow-nested", ".yaml", b"document: " + b"[" * 200_000 + b"]" * 200_000),
    Case("yaml-block-nested", ".yaml", b"document:\n  x: " + b"- " * 100_000 + b"1\n"),
    Case("json-nested", ".json", b'{"persons": ' + b"[" * 1000 + b"]" * 1000 + b"}"),
    Case("json-long-number", ".json", b'{"persons": [{"id": "p", "name": ' + b"9" * 5000 + b"}]}"),
    Case("text-long-word", ".txt", b"Report of the Director\n\n1.1 " + b"a" * 100_000 + b"\n"),
    Case("csv-binary", ".csv", bytes(range(256)) * 64),
    Case(
        "xml-billion-laughs",
        ".xml",
        b'<?xml version="1.0"?><!DOCTYPE committees [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
        b"<committees><committee><committeetitle>&c;</committeetitle></committee></committees>",
    ),
    Case(
        "xml-external-entity",
        ".xml",
        b'<?xml version="1.0"?><!DOCTYPE committees [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<committees><committee><committeetitle>&x;</committeetitle></committee></committees>",
    ),
]


def fuzz_cases(count: int, seed: int = 20261202) -> Iterator[Case]:
    rng = random.Random(seed)
    yield from BOMBS
    for index in range(count):
        source = rng.choice(SEEDS)
        mutation = rng.choice(MUTATIONS)
        content = mutation(source.read_bytes(), rng)
        name = f"{index:04d}-{mutation.__name__.strip('_')}-{source.stem}"
        yield Case(name, source.suffix, content)


async def graph_counts(db: Database) -> tuple[int, int]:
    records, _, _ = await db.read(
        "CALL { MATCH (n) RETURN count(n) AS nodes } "
        "CALL { MATCH ()-[r]->() RETURN count(r) AS rels } RETURN nodes, rels"
    )
    return int(records[0]["nodes"]), int(records[0]["rels"])


async def test_hostile_files_are_loaded_or_refused_by_name_and_never_half_written(
    db: Database, tmp_path: Path
) -> None:
    await load(db, [Path(__file__).parent.parent / "data" / "vocabulary"])
    outcomes: dict[str, int] = {"loaded": 0, "refused": 0, "failed": 0}
    failures: list[str] = []  # every case that went wrong, not only the first: one run tells all
    slowest = (0.0, "")
    began_all = time.monotonic()
    for case in fuzz_cases(CASES):
        path = tmp_path / f"{case.name}{case.suffix}"
        path.write_bytes(case.content)
        before = await graph_counts(db)
        began = time.monotonic()
        problem = None
        try:
            await load(db, [path])
        except LoadRejected as rejected:
            outcomes["refused"] += 1
            problem = _badly_refused(path, rejected)
            if problem is None and await graph_counts(db) != before:
                problem = "half-written"
        except Exception as error:  # a crash: what the fuzzer is for
            problem = f"crashed: {type(error).__name__}: {error} ({_where(error)})"
        else:
            outcomes["loaded"] += 1
        elapsed = time.monotonic() - began
        slowest = max(slowest, (elapsed, case.name))
        if elapsed >= SECONDS_PER_FILE:
            problem = problem or f"took {elapsed:.1f} s"
        if problem is not None:
            outcomes["failed"] += 1
            failures.append(f"{case.name}: {problem}"[:400])
        path.unlink()
    print(
        f"{sum(outcomes.values()) - outcomes['failed']} of {CASES + len(BOMBS)} files: {outcomes} "
        f"in {time.monotonic() - began_all:.0f} s; slowest {slowest[0]:.2f} s ({slowest[1]})"
    )
    assert not failures, f"{len(failures)} cases went wrong:\n" + "\n".join(failures)
    assert outcomes["refused"] >= len(BOMBS) - 1, outcomes  # the bombs are refused (a text loads)


def _badly_refused(path: Path, rejected: LoadRejected) -> str | None:
    """What is wrong with a refusal: no problems, or none naming the file."""
    if not rejected.issues:
        return "refused without a reason"
    unnamed = [str(issue) for issue in rejected.issues if path.name not in issue.file]
    if any(issue.record is None for issue in rejected.issues if path.name not in issue.file):
        return f"refused without naming the file: {unnamed[:3]}"
    if len(unnamed) == len(rejected.issues):
        return f"refused without naming the file: {unnamed[:3]}"
    return None


def _where(error: BaseException) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    return f"{frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno}" if frames else "?"


@pytest.mark.parametrize("case", BOMBS, ids=[case.name for case in BOMBS])
async def test_each_bomb_gets_a_reason(db: Database, tmp_path: Path, case: Case) -> None:
    path = tmp_path / f"{case.name}{case.suffix}"
    path.write_bytes(case.content)
    began = time.monotonic()
    try:
        await load(db, [path])
    except LoadRejected as rejected:
        reasons = " ".join(issue.reason for issue in rejected.issues)
        assert reasons.strip(), case.name
    assert time.monotonic() - began < SECONDS_PER_FILE


async def test_a_load_cut_off_part_way_says_which_sources_landed(
    db: Database, test_settings: Settings
) -> None:
    from neo4j.exceptions import ServiceUnavailable

    from loaders.readers import read_context, read_paths
    from loaders.writer import LoadInterrupted, write_sources

    result, issues = read_paths([FIXTURES / "api"], read_context(test_settings))
    assert not issues and len(result.sources) == 3

    def connection_lost_after_the_first(items: int) -> None:
        # What the driver raises when Neo4j goes away between two sources' transactions.
        raise ServiceUnavailable("Failed to read from defunct connection to 127.0.0.1:7687")

    with pytest.raises(LoadInterrupted) as stopped:
        await write_sources(db, result.sources, connection_lost_after_the_first, writers=1)
    interrupted = stopped.value
    assert len(interrupted.landed) == 1
    assert sorted([*interrupted.landed, *interrupted.not_landed]) == sorted(
        source.source_file for source in result.sources
    )
    assert "the load stopped: 1 of 3 sources landed" in interrupted.detail
    assert "defunct connection" in interrupted.detail and "\n" not in interrupted.detail
    ledger, _, _ = await db.read("MATCH (s:Source) RETURN s.file AS file")
    assert [record["file"] for record in ledger] == interrupted.landed

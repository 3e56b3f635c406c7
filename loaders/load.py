"""The load pipeline, once: read every file, merge the persons several sources name
(`person_merge`), validate the whole load, then write it.

    report = await load(db, [Path("data")])

Nothing is written when anything is wrong: `LoadRejected` lists every problem of every file.
The command line, `make run`, the tests and the benchmarks all load through here.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from graph.db import Database
from graph.settings import get_settings
from loaders.issues import LoadIssue, LoadRejected
from loaders.person_merge import PersonMerge, merge_people
from loaders.readers import read_context, read_paths
from loaders.reading import ReadContext
from loaders.validation import check_sources
from loaders.writer import WRITERS, LoadSummary, item_count, write_sources

LoadProgress = Callable[[int, int], None]  # (items written so far, items in the whole load)


@dataclass
class LoadReport:
    """What a load read and wrote (`summary` is None for a check that writes nothing), and the
    rows or elements readers left out or kept with something ignored (`issues`), and the persons
    merged across sources (`person_merges`)."""

    sources: int
    issues: list[LoadIssue] = field(default_factory=list)
    summary: LoadSummary | None = None
    read_seconds: float = 0.0
    check_seconds: float = 0.0
    person_merges: list[PersonMerge] = field(default_factory=list)


async def load(
    db: Database,
    paths: Sequence[Path],
    *,
    format_name: str | None = None,
    check: bool = False,
    progress: LoadProgress | None = None,
    context: ReadContext | None = None,
    writers: int = WRITERS,
) -> LoadReport:
    """Reads, validates once and (unless `check`) writes; raises `LoadRejected` listing every
    problem (with the rows readers left out) when a file cannot be read or the load is invalid.
    `context` is what readers share; by default built from the settings' `data_dir`; `writers`
    is how many source transactions are in flight at once."""
    began = time.monotonic()
    ctx = context if context is not None else read_context(get_settings())
    result, rejected = read_paths(paths, ctx, format_name)
    people = await merge_people(db, result.sources, ctx.gazetteer.overrides)
    sources, issues = people.sources, [*result.issues, *people.notes]
    read_seconds = time.monotonic() - began
    began = time.monotonic()
    rejected += await check_sources(db, sources)
    check_seconds = time.monotonic() - began
    if rejected:
        raise LoadRejected([*rejected, *issues])
    report = LoadReport(len(sources), issues, None, read_seconds, check_seconds, people.merges)
    if check:
        return report
    if progress is None:
        report.summary = await write_sources(db, sources, writers=writers)
        return report
    total = sum(map(item_count, sources))
    done = 0

    def advance(items: int) -> None:
        nonlocal done
        done += items
        progress(done, total)

    progress(0, total)
    report.summary = await write_sources(db, sources, advance, writers)
    return report

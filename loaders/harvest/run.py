"""A harvest run: each council's answers fetched in turn, kept, then loaded through the pipeline.

    harvests = await harvest_councils(["https://democracy.example.gov.uk"], HarvestOptions(out))
    reports = await load_harvests(db, harvests)

A council's failures (calls that failed, a load that was rejected) are in its report; the others
go on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from graph.db import Database
from graph.settings import Settings
from loaders.harvest.client import PoliteClient, Politeness
from loaders.harvest.moderngov import DEFAULT_MAX_MEETINGS, CouncilHarvest, CouncilHarvester
from loaders.issues import LoadIssue, LoadRejected
from loaders.load import load
from loaders.writer import LoadSummary

DEFAULT_POLITENESS = Politeness()
MODERNGOV = "moderngov"  # the reader of the kept answers (it reads their sidecars)
CallObserver = Callable[[str, str], None]  # (base URL, call) as each call is made


@dataclass(frozen=True)
class HarvestOptions:
    out: Path
    politeness: Politeness = DEFAULT_POLITENESS
    meetings_since: dt.date | None = None
    max_meetings: int = DEFAULT_MAX_MEETINGS


@dataclass
class CouncilReport:
    """One council's harvest and what loading it did (`loaded` is None when nothing was loaded)."""

    harvest: CouncilHarvest
    loaded: LoadSummary | None = None
    load_error: str | None = None
    load_issues: list[LoadIssue] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.harvest.errors or self.load_error)


def default_out(settings: Settings) -> Path:
    """Outside `data/`, so that `civicgraph run` does not load whatever was last harvested."""
    return settings.state_dir / "harvest"


async def harvest_councils(
    base_urls: Sequence[str],
    options: HarvestOptions,
    transport: httpx.AsyncBaseTransport | None = None,
    on_call: CallObserver | None = None,
) -> list[CouncilHarvest]:
    """Each council in turn, each through its own polite client; failures are in the results."""
    results = []
    for base_url in base_urls:

        def report_call(call: str, base_url: str = base_url) -> None:
            if on_call is not None:
                on_call(base_url, call)

        async with PoliteClient(options.politeness, transport) as client:
            harvester = CouncilHarvester(client, base_url, options.out, report_call)
            results.append(await harvester.harvest(options.meetings_since, options.max_meetings))
    return results


async def load_harvest(db: Database, harvest: CouncilHarvest) -> CouncilReport:
    """Loads the council's kept answers through the load pipeline (validate all, then write),
    read by the ModernGov reader with their sidecars."""
    report = CouncilReport(harvest)
    if not harvest.files:
        return report
    try:
        loaded = await load(db, harvest.files, format_name=MODERNGOV)
    except LoadRejected as rejected:
        report.load_error = "; ".join(str(issue) for issue in rejected.issues)
        return report
    report.loaded, report.load_issues = loaded.summary, loaded.issues
    return report


async def load_harvests(db: Database, harvests: Sequence[CouncilHarvest]) -> list[CouncilReport]:
    """Each council's answers loaded in turn, each load whole or not at all."""
    return [await load_harvest(db, harvest) for harvest in harvests]

"""A harvested file's Document carries the URL it came from and when it was retrieved.

The ModernGov reader makes a file's Document from the file alone; this adapter completes it from
the file's sidecar (see `store`): `url`, `date` (the retrieval day, UTC) and the retrieval time in
the title. It also names the council from the URL's host, since the councillors' XML names none.

`read_harvested` is registered as the reader `moderngov-harvest`; the harvest loads its files with
that format forced. A reader contract that passes a context can instead, for a `.xml` file with
a sidecar (`read_sidecar(path)` is not None), read it with `council=harvest_council(path, sidecar)`
and return `with_retrieval(source, sidecar)` for each source.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

from graph.model import SourceRecords
from loaders.curated import display_path
from loaders.formats.common import FormatError
from loaders.formats.moderngov import Council, council_for, read_moderngov
from loaders.formats.registry import vocabulary_services
from loaders.harvest.store import SIDECAR_SUFFIX, Sidecar, read_sidecar
from loaders.issues import LoadIssue, LoadRejected
from loaders.readers import register_reader

FORMAT_NAME = "moderngov-harvest"
log = logging.getLogger("civicgraph.load")


def with_retrieval(source: SourceRecords, sidecar: Sidecar) -> SourceRecords:
    """The source with its Document's URL, retrieval date and time taken from the sidecar."""
    retrieved = sidecar.retrieved
    title = f"{source.document.title}, retrieved {retrieved.strftime('%Y-%m-%dT%H:%M:%SZ')}"
    document = source.document.model_copy(
        update={"url": sidecar.url, "date": retrieved.date(), "title": title}
    )
    return source.model_copy(update={"document": document})


def harvest_council(path: Path, sidecar: Sidecar) -> Council:
    """The council of the site the file was fetched from (else as the reader finds it)."""
    return council_for(path, sidecar.url.encode())


def read_harvested(path: Path) -> Iterator[SourceRecords]:
    """A harvested ModernGov answer, read by the ModernGov reader and completed from its sidecar."""
    if is_sidecar(path):
        return  # read with its answer (a folder loaded with this format forced names both)
    sidecar = read_sidecar(path)
    if sidecar is None:
        reason = f"no harvest sidecar ({path.name}.json) beside it"
        raise LoadRejected([LoadIssue(display_path(path), None, reason)])
    try:
        result = read_moderngov(
            path, services=vocabulary_services(), council=harvest_council(path, sidecar)
        )
    except FormatError as error:
        raise LoadRejected([LoadIssue(display_path(path), None, error.detail)]) from error
    for problem in result.problems:
        log.warning("%s", problem)
    for source in result.sources:
        yield with_retrieval(source, sidecar)


def is_sidecar(path: Path) -> bool:
    answer = path.with_name(path.name.removesuffix(SIDECAR_SUFFIX))
    return path.name.endswith(f".xml{SIDECAR_SUFFIX}") and answer.is_file()


def claims_harvested(path: Path) -> bool:
    return path.suffix.lower() == ".xml" and read_sidecar(path) is not None


register_reader(
    FORMAT_NAME,
    read_harvested,
    claims_harvested,
    "ModernGov XML fetched by `civicgraph harvest`, with its URL and retrieval time (sidecar)",
)

"""A harvested file's Document carries the URL it came from and when it was retrieved.

The ModernGov reader makes a file's Document from the file alone; for a file with a harvest
sidecar (see `store`) it completes it with `with_retrieval`: `url`, `date` (the retrieval day,
UTC) and the retrieval time in the title. The sidecar's URL also names the site the file is from
(`harvest_site`), which the register resolves to the council.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from graph.model import SourceRecords
from loaders.harvest.store import SIDECAR_SUFFIX, Sidecar, read_sidecar

__all__ = ["harvest_site", "is_sidecar", "read_sidecar", "with_retrieval"]


def with_retrieval(source: SourceRecords, sidecar: Sidecar) -> SourceRecords:
    """The source with its Document's URL, retrieval date and time taken from the sidecar."""
    retrieved = sidecar.retrieved
    title = f"{source.document.title}, retrieved {retrieved.strftime('%Y-%m-%dT%H:%M:%SZ')}"
    document = source.document.model_copy(
        update={"url": sidecar.url, "date": retrieved.date(), "title": title}
    )
    return source.model_copy(update={"document": document})


def harvest_site(sidecar: Sidecar) -> str | None:
    """The host of the site the file was fetched from."""
    host = urlsplit(sidecar.url).hostname
    return host.lower() if host else None


def is_sidecar(path: Path) -> bool:
    """A harvest sidecar beside its answer (read with the answer, never by itself)."""
    answer = path.with_name(path.name.removesuffix(SIDECAR_SUFFIX))
    return path.name.endswith(f".xml{SIDECAR_SUFFIX}") and answer.is_file()

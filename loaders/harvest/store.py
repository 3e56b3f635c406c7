"""Each raw answer kept as a file beside a JSON sidecar; an identical answer rewrites nothing.

`<out>/<host>/<host>-<call>[-<id>].xml` and `<same>.xml.json` holding the URL, the retrieval
time (UTC), the HTTP status, the content type and the SHA-256 of the bytes. The host is in the
file name because a file's Document is named after the file alone.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import json
import os
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from loaders.harvest.client import Answer

SIDECAR_SUFFIX = ".json"
_UNSAFE = re.compile(r"[^A-Za-z0-9.-]+")


class Written(enum.Enum):
    NEW = "new"
    CHANGED = "changed"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class Sidecar:
    url: str
    retrieved_at: str  # ISO 8601, UTC
    status: int
    content_type: str
    sha256: str
    call: str

    @property
    def retrieved(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.retrieved_at)

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, sort_keys=True) + "\n"


def sidecar_path(answer_file: Path) -> Path:
    return answer_file.with_name(answer_file.name + SIDECAR_SUFFIX)


def read_sidecar(answer_file: Path) -> Sidecar | None:
    """The sidecar beside a harvested file; None when there is none or it is not ours."""
    path = sidecar_path(answer_file)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Sidecar(**{key: data[key] for key in Sidecar.__dataclass_fields__})
    except (OSError, ValueError, KeyError, TypeError):
        return None


def answer_file(out: Path, host: str, call: str, ident: str | None = None) -> Path:
    safe_host = _UNSAFE.sub("-", host)
    name = "-".join(part for part in (safe_host, call, ident and _UNSAFE.sub("-", ident)) if part)
    return out / safe_host / f"{name}.xml"


def store_answer(path: Path, call: str, answer: Answer) -> Written:
    """Writes the answer and its sidecar, unless the same bytes are already there."""
    digest = hashlib.sha256(answer.body).hexdigest()
    existing = read_sidecar(path)
    if (
        existing is not None
        and existing.sha256 == digest
        and path.is_file()
        and hashlib.sha256(path.read_bytes()).hexdigest() == digest
    ):
        return Written.UNCHANGED
    outcome = Written.CHANGED if path.exists() else Written.NEW
    sidecar = Sidecar(
        url=answer.url,
        retrieved_at=answer.retrieved_at.isoformat(),
        status=answer.status,
        content_type=answer.content_type,
        sha256=digest,
        call=call,
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    _replace(path, answer.body)
    _replace(sidecar_path(path), sidecar.to_json().encode())
    return outcome


def _replace(path: Path, data: bytes) -> None:
    """Write beside, then rename over: a reader never sees half a file."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)

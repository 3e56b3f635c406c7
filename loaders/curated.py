"""The project's own curated format: one YAML or JSON file per document (`graph.model.CuratedFile`).

A reader only parses and validates; it reports every problem of a file at once (`LoadRejected`)
and gives the file's records as one `SourceRecords` of origin curated.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from graph.model import CuratedFile, Origin, SourceRecords
from loaders.issues import LoadIssue, LoadRejected, display_path
from loaders.nesting import TooDeep, load_json, load_yaml
from loaders.reading import ReadResult

EXTENSIONS = frozenset({".yaml", ".yml", ".json"})
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def looks_curated(path: Path) -> bool:
    """Any YAML file; a JSON file whose top level names a `document` (Popolo's does not)."""
    suffix = path.suffix.lower()
    if suffix not in EXTENSIONS:
        return False
    if suffix != ".json":
        return True
    try:
        with path.open(encoding="utf-8") as handle:
            head = handle.read(4096)
    except (OSError, UnicodeDecodeError):
        return True  # the reader reports it
    return not head.strip() or '"document"' in head


def read_curated(path: Path) -> ReadResult:
    file = display_path(path)
    data = _parse(path, file)
    try:
        curated = CuratedFile.model_validate(data)
    except ValidationError as error:
        raise LoadRejected(list(_issues(file, data, error))) from error
    source = SourceRecords(
        origin=Origin.CURATED,
        source_file=file,
        document=curated.document,
        entities=curated.entities,
        relations=curated.relations,
    )
    return ReadResult([source])


def _parse(path: Path, file: str) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise LoadRejected([LoadIssue(file, None, f"cannot be read: {error}")]) from error
    if not text.strip():
        raise LoadRejected([LoadIssue(file, None, "is empty")])
    try:
        data = load_json(text) if path.suffix.lower() == ".json" else load_yaml(text)
    except TooDeep as error:
        raise LoadRejected([LoadIssue(file, None, f"cannot be read: it {error}")]) from error
    except json.JSONDecodeError as error:
        reason = f"is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        raise LoadRejected([LoadIssue(file, None, reason)]) from error
    except yaml.YAMLError as error:
        text = " ".join(str(error).replace('in "<unicode string>", ', "").split())
        reason = f"is not valid YAML: {text}"
        raise LoadRejected([LoadIssue(file, None, reason)]) from error
    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}"
        reason = f"must be a mapping with document, entities and relations, but is {kind}"
        raise LoadRejected([LoadIssue(file, None, reason)])
    return data


def _issues(file: str, data: dict[str, Any], error: ValidationError) -> Iterator[LoadIssue]:
    for detail in error.errors():
        loc = detail["loc"]
        record, rest = _record_name(data, loc)
        where = ".".join(str(part) for part in rest)
        reason = detail["msg"]
        if detail["type"] == "missing":
            reason = "field required"
        yield LoadIssue(file, record, f"{where}: {reason}" if where else reason)


def _record_name(data: dict[str, Any], loc: tuple[int | str, ...]) -> tuple[str, tuple[Any, ...]]:
    """`entities[3] id=body:x` for a location inside a record list, else the top-level key."""
    if len(loc) >= 2 and loc[0] in ("entities", "relations") and isinstance(loc[1], int):
        section, index = str(loc[0]), loc[1]
        raw = data.get(section)
        item = raw[index] if isinstance(raw, list) and index < len(raw) else None
        name = f"{section}[{index}]"
        if isinstance(item, dict):
            if section == "entities" and "id" in item:
                name += f" id={item['id']}"
            elif section == "relations":
                name += f" {item.get('type', '?')} {item.get('from', '?')} -> {item.get('to', '?')}"
        return name, loc[2:]
    if loc:
        return str(loc[0]), loc[1:]
    return "file", ()

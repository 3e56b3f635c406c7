"""Writes a `GraphImage` as the CSV files Neo4j's bulk importer reads.

Nodes and relationships are grouped by labels (or type) and by their properties with their types,
one file per group with its own header (`name:date`, `aliases:string[]`, ...), so that every row
of a file holds every column and the stored types are the writer's: dates as dates, timestamps as
datetimes, lists as string arrays, numbers as long or double. Every field is quoted, so an empty
string is stored as one. The importer stores no empty list (an empty array field is no property),
so an empty list is left out of the files and noted in `ImportFiles.empty_lists`, for
`empty_lists.restore` to set once the server runs on the new store.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from graph.errors import InvalidInput
from loaders.bulk.fold import GraphImage, Node, NodeKey, Props, Relationship

# Unit separator between the items of a list: no text a reader keeps contains it.
ARRAY_DELIMITER = "\x1f"
ARRAY_DELIMITER_OPTION = "U+001F"
ID_PROPERTY = {"Source": "key"}  # the property each id space is keyed by; `id` for the others

Column = tuple[str, str]  # (property, importer type)
GroupKey = tuple[tuple[str, ...], tuple[Column, ...]]


@dataclass
class ImportFiles:
    """The files of one import: `(labels or type, path)` pairs, and which hold line breaks."""

    nodes: list[tuple[str, Path]] = field(default_factory=list)
    relationships: list[tuple[str, Path]] = field(default_factory=list)
    multiline: list[Path] = field(default_factory=list)
    # (id space, property) -> the ids of the nodes whose property is an empty list
    empty_lists: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    # (id space, property) pairs that every node of the space holds (empty or not)
    held_by_all: set[tuple[str, str]] = field(default_factory=set)


def importer_type(value: Any, where: str) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, str):
        return "string"
    if isinstance(value, datetime):
        return "datetime"
    if isinstance(value, date):
        return "date"
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return "string[]"
    raise InvalidInput(f"{where}: a value of type {type(value).__name__} cannot be bulk loaded")


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, date):  # datetime too
        return value.isoformat()
    if isinstance(value, list):
        for item in value:
            if ARRAY_DELIMITER in item:
                raise InvalidInput(f"a list item contains the control character U+001F: {item!r}")
        return ARRAY_DELIMITER.join(value)
    return str(value)


def _columns(props: Props, skip: str, where: str) -> tuple[Column, ...]:
    return tuple(
        (name, importer_type(value, f"{where} property {name}"))
        for name, value in sorted(props.items())
        if name != skip and value != []
    )


def write_import_files(image: GraphImage, folder: Path) -> ImportFiles:
    folder.mkdir(parents=True, exist_ok=True)
    files = ImportFiles()
    node_groups: dict[GroupKey, list[tuple[NodeKey, Node]]] = defaultdict(list)
    holders: dict[tuple[str, str], int] = defaultdict(int)
    space_sizes: dict[str, int] = defaultdict(int)
    for key, node in image.nodes.items():
        id_name = ID_PROPERTY.get(key[0], "id")
        space_sizes[key[0]] += 1
        for name, value in node.props.items():
            if isinstance(value, list):
                holders[(key[0], name)] += 1
                if not value:
                    files.empty_lists[(key[0], name)].append(key[1])
        labels = (key[0], *(label for label in node.labels if label != key[0]))
        node_groups[(labels, _columns(node.props, id_name, key[1]))].append((key, node))
    for number, ((labels, columns), members) in enumerate(node_groups.items()):
        space = labels[0]
        id_name = ID_PROPERTY.get(space, "id")
        header = [f"{id_name}:ID({space})", *(f"{name}:{kind}" for name, kind in columns)]
        path = folder / f"nodes-{number:04d}-{'-'.join(labels)}.csv"
        rows = ([key[1], *(node.props[name] for name, _ in columns)] for key, node in members)
        if _write(path, header, rows):
            files.multiline.append(path)
        files.nodes.append((":".join(labels), path))
    files.held_by_all = {pair for pair, count in holders.items() if count == space_sizes[pair[0]]}
    rel_groups: dict[GroupKey, list[Relationship]] = defaultdict(list)
    for rel in image.relationships.values():
        if any(value == [] for value in rel.props.values()):
            raise InvalidInput(f"{rel.type} {rel.props.get('id')}: an empty list on a relationship")
        where = f"{rel.type} {rel.props.get('id', rel.start[1])}"
        group = ((rel.type, rel.start[0], rel.end[0]), _columns(rel.props, "", where))
        rel_groups[group].append(rel)
    for number, ((names, columns), rels) in enumerate(rel_groups.items()):
        rel_type, start_space, end_space = names
        header = [f":START_ID({start_space})", f":END_ID({end_space})"]
        header += [f"{name}:{kind}" for name, kind in columns]
        path = folder / f"relationships-{number:04d}-{rel_type}.csv"
        rel_rows = ([r.start[1], r.end[1], *(r.props[name] for name, _ in columns)] for r in rels)
        if _write(path, header, rel_rows):
            files.multiline.append(path)
        files.relationships.append((rel_type, path))
    return files


def _write(path: Path, header: Sequence[str], rows: Iterable[list[Any]]) -> bool:
    """Writes the file; returns whether any field holds a line break."""
    multiline = False
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            fields = [_text(value) for value in row]
            if not multiline:
                multiline = any("\n" in text or "\r" in text for text in fields)
            writer.writerow(fields)
    return multiline

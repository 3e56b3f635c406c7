"""Writes a `GraphImage` as the CSV files Neo4j's bulk importer reads.

Nodes and relationships are grouped by labels (or type) and by their properties with their types,
one file per group with its own header (`name:date`, `aliases:string[]`, ...), so that every row
of a file holds every column and the stored types are the writer's: dates as dates, timestamps as
datetimes, lists as string arrays, numbers as long or double. Every field is quoted, so an empty
string is stored as one. The importer stores no empty list (an empty array field is no property),
so an empty list is left out of the files and noted in `ImportFiles.empty_lists`, for
`empty_lists.restore` to set once the server runs on the new store.

Elements are first sorted by their shape (property names and Python types, which the producers
of a graph keep the same from one element to the next), so that columns, types and converters
are chosen once per shape, not once per value; a file is written column by column.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from operator import methodcaller
from pathlib import Path
from typing import Any

from graph.errors import InvalidInput
from loaders.bulk.fold import GraphImage, Props

# Unit separator between the items of a list: no text a reader keeps contains it.
ARRAY_DELIMITER = "\x1f"
ARRAY_DELIMITER_OPTION = "U+001F"
ID_PROPERTY = {"Source": "key"}  # the property each id space is keyed by; `id` for the others

Column = tuple[str, str]  # (property, importer type)
GroupKey = tuple[tuple[str, ...], tuple[Column, ...]]
Member = tuple[Any, ...]  # a node's (id, props) or a relationship's (start id, end id, props)

# The importer type of each Python type a property may hold (exact types: bool is no long).
IMPORTER_TYPES: dict[type, str] = {
    bool: "boolean", int: "long", float: "double", str: "string",
    datetime: "datetime", date: "date", list: "string[]",
}  # fmt: skip
TEXT_TYPES = ("string", "string[]")  # the columns whose fields may hold line breaks


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


def _boolean(value: bool) -> str:
    return "true" if value else "false"


def _array(items: list[str]) -> str:
    try:
        text = ARRAY_DELIMITER.join(items)
    except TypeError as error:
        raise InvalidInput(f"a list of other than text cannot be bulk loaded: {items!r}") from error
    if text.count(ARRAY_DELIMITER) != len(items) - 1:
        raise InvalidInput(f"a list item contains the control character U+001F: {items!r}")
    return text


# How a column's values become fields; None where the csv module writes the value as it is (a
# string, or an int or float, which it writes as `str`/`repr` does).
CONVERTERS: dict[str, Callable[[Any], str] | None] = {
    "string": None, "long": None, "double": None, "boolean": _boolean,
    "date": methodcaller("isoformat"), "datetime": methodcaller("isoformat"),
    "string[]": _array,
}  # fmt: skip


def _shape_columns(
    names: tuple[str, ...], types: tuple[type, ...], sample: Props, skip: str, where: str
) -> tuple[Column, ...]:
    columns = []
    for name, kind in zip(names, types, strict=True):
        if name == skip:
            continue
        found = IMPORTER_TYPES.get(kind) or importer_type(sample[name], f"{where} property {name}")
        columns.append((name, found))
    return tuple(sorted(columns))


def write_import_files(image: GraphImage, folder: Path) -> ImportFiles:
    folder.mkdir(parents=True, exist_ok=True)
    files = ImportFiles()
    _write_nodes(image, folder, files)
    _write_relationships(image, folder, files)
    return files


def _write_nodes(image: GraphImage, folder: Path, files: ImportFiles) -> None:
    shapes: dict[tuple[Any, ...], list[Member]] = defaultdict(list)
    space_sizes: dict[str, int] = defaultdict(int)
    for (space, node_id), node in image.nodes.items():
        props = node.props
        shape = (space, tuple(node.labels), tuple(props), tuple(map(type, props.values())))
        shapes[shape].append((node_id, props))
    groups: dict[GroupKey, list[Member]] = defaultdict(list)
    holders: dict[tuple[str, str], int] = defaultdict(int)
    for (space, node_labels, names, types), members in shapes.items():
        space_sizes[space] += len(members)
        labels = (space, *(label for label in node_labels if label != space))
        id_name = ID_PROPERTY.get(space, "id")
        lists = [name for name, kind in zip(names, types, strict=True) if kind is list]
        for name in lists:
            holders[(space, name)] += len(members)
        by_empties: dict[tuple[bool, ...], list[Member]] = defaultdict(list)
        for member in members:
            by_empties[tuple(not member[1][name] for name in lists)].append(member)
        for empties, same in by_empties.items():
            empty = {name for name, is_empty in zip(lists, empties, strict=True) if is_empty}
            for name in empty:
                files.empty_lists[(space, name)].extend(member[0] for member in same)
            kept = [(n, t) for n, t in zip(names, types, strict=True) if n not in empty]
            columns = _shape_columns(
                tuple(n for n, _ in kept), tuple(t for _, t in kept), same[0][1], id_name,
                same[0][0],
            )  # fmt: skip
            groups[(labels, columns)].extend(same)
    for number, ((labels, columns), members) in enumerate(groups.items()):
        space = labels[0]
        id_name = ID_PROPERTY.get(space, "id")
        header = [f"{id_name}:ID({space})", *(f"{name}:{kind}" for name, kind in columns)]
        path = folder / f"nodes-{number:04d}-{'-'.join(labels)}.csv"
        ids = [member[0] for member in members]
        if _write(path, header, [ids], columns, [member[1] for member in members]):
            files.multiline.append(path)
        files.nodes.append((":".join(labels), path))
    files.held_by_all = {pair for pair, count in holders.items() if count == space_sizes[pair[0]]}


def _write_relationships(image: GraphImage, folder: Path, files: ImportFiles) -> None:
    shapes: dict[tuple[Any, ...], list[Member]] = defaultdict(list)
    for rel in image.relationships.values():
        props = rel.props
        shape = (rel.type, rel.start[0], rel.end[0], tuple(props), tuple(map(type, props.values())))
        shapes[shape].append((rel.start[1], rel.end[1], props))
    groups: dict[GroupKey, list[Member]] = defaultdict(list)
    for (rel_type, start_space, end_space, names, types), members in shapes.items():
        for name, kind in zip(names, types, strict=True):
            if kind is list and any(not member[2][name] for member in members):
                raise InvalidInput(f"{rel_type} {name}: an empty list on a relationship")
        where = f"{rel_type} {members[0][2].get('id', members[0][0])}"
        columns = _shape_columns(names, types, members[0][2], "", where)
        groups[((rel_type, start_space, end_space), columns)].extend(members)
    for number, ((names, columns), members) in enumerate(groups.items()):
        rel_type, start_space, end_space = names
        header = [f":START_ID({start_space})", f":END_ID({end_space})"]
        header += [f"{name}:{kind}" for name, kind in columns]
        path = folder / f"relationships-{number:04d}-{rel_type}.csv"
        ends = [[member[0] for member in members], [member[1] for member in members]]
        if _write(path, header, ends, columns, [member[2] for member in members]):
            files.multiline.append(path)
        files.relationships.append((rel_type, path))


def _write(
    path: Path,
    header: Sequence[str],
    leading: list[list[str]],
    columns: Sequence[Column],
    props: list[Props],
) -> bool:
    """Writes the file, column by column (`leading` are its id columns); returns whether any
    field holds a line break."""
    fields: list[list[Any]] = list(leading)
    multiline = any(_breaks(column) for column in leading)
    for name, kind in columns:
        values = [element[name] for element in props]
        convert = CONVERTERS[kind]
        if convert is not None:
            values = list(map(convert, values))
        if kind in TEXT_TYPES and not multiline:
            multiline = _breaks(values)
        fields.append(values)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(zip(*fields, strict=True))
    return multiline


def _breaks(texts: list[str]) -> bool:
    joined = "".join(texts)
    return "\n" in joined or "\r" in joined

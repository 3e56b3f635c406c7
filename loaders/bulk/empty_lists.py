"""Sets the empty lists the importer cannot store (`csv_files.ImportFiles.empty_lists`).

An entity without aliases holds `aliases: []` and a source that states no passage
`passageIds: []`, as the writer stores them. Where every node of the id space holds the property,
one scan sets it on those that lack it; otherwise the nodes are found by id.
"""

from __future__ import annotations

from graph.db import Database
from loaders.bulk.csv_files import ID_PROPERTY, ImportFiles
from loaders.validation import PROPERTY_KEY

BATCH = 10_000


async def restore(db: Database, files: ImportFiles) -> int:
    """Returns how many nodes were given an empty list."""
    restored = 0
    for (space, name), ids in files.empty_lists.items():
        if not PROPERTY_KEY.match(name) or not PROPERTY_KEY.match(space):
            raise ValueError(f"not a property key or label: {space}.{name}")
        if (space, name) in files.held_by_all:
            await db.autocommit(
                f"MATCH (n:`{space}`) WHERE n.`{name}` IS NULL "
                f"CALL (n) {{ SET n.`{name}` = [] }} IN TRANSACTIONS OF {BATCH} ROWS"
            )
        else:
            id_name = ID_PROPERTY.get(space, "id")
            for start in range(0, len(ids), BATCH):
                await db.write(
                    f"UNWIND $ids AS id MATCH (n:`{space}` {{`{id_name}`: id}}) "
                    f"SET n.`{name}` = []",
                    {"ids": ids[start : start + BATCH]},
                )
        restored += len(ids)
    return restored

"""Rows sent to the server in batches of at most `BATCH_SIZE`, one statement run per batch."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from loaders.writer.plan import Row

BATCH_SIZE = 5000


async def run_batched(
    tx: AsyncManagedTransaction, query: LiteralString, rows: list[Row], **params: Any
) -> None:
    for batch in batches(rows):
        await (await tx.run(query, {"rows": batch, **params})).consume()


def batches(rows: list[Row]) -> Iterator[list[Row]]:
    for start in range(0, len(rows), BATCH_SIZE):
        yield rows[start : start + BATCH_SIZE]

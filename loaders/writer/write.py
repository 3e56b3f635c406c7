"""The writer: every reader's records reach the graph through `write_sources`.

It writes what `loaders.validation.check_sources` passed (`loaders.load` checks the whole load
first, so that nothing is written when anything is wrong). Each source lands whole in one explicit
write transaction of batched `UNWIND $rows AS row ...` statements: its document, entities,
relations, evidence, passages and mentions (what the graph already holds of them is read first, in
one statement, so that what did not change is neither written nor locked; an entity or relation
several sources state holds the union of what they state, `statements.py`); then what the source
stated last time but no longer states is retracted (`retract.py`, FollowTheMoney-style: evidence
leaves, a fact left with no evidence at all leaves with it, and one that other sources still
state keeps only what they state). Loading the same input twice changes nothing.

Several source transactions are in flight at once (`WRITERS`); a source waits for the earlier
sources it shares anything with (`order.Schedule`), so the graph ends as a one-by-one load in
write order would leave it. Relations into entities other sources wrote (a body's portfolios
covering the vocabulary's services) come last in a transaction, in a stable order, so the locks
they take on those shared nodes are held only until the commit that follows.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.db import WRITE_RETRY_S, Database
from graph.errors import CivicGraphError
from graph.model import EntityType, RelationType, SourceRecords
from graph.schema import await_fulltext
from loaders.writer import cypher as q
from loaders.writer.batches import batches, run_batched
from loaders.writer.known import (
    Known,
    Split,
    add_statements,
    evidence_groups,
    fact_rows,
    known_from,
    needs_statements,
    relation_probes,
    split_evidence,
    split_facts,
)
from loaders.writer.order import Schedule, lend, own_entity_ids, write_order
from loaders.writer.plan import Row, SourcePlan, plan_source
from loaders.writer.retract import retract
from loaders.writer.summary import Counts, LoadSummary

WRITERS = 2  # source transactions in flight at once
ProgressCallback = Callable[[int], None]  # called with the items a source just wrote
NAMED_IN_A_LINE = 8  # sources a one-line account names before it counts the rest


class LoadInterrupted(CivicGraphError):
    """The load stopped part way (Neo4j went away, a write failed): says in one line which
    sources landed (each whole, in its own transaction) and which did not."""

    status = 503

    def __init__(self, landed: Sequence[str], not_landed: Sequence[str], cause: BaseException):
        self.landed = list(landed)
        self.not_landed = list(not_landed)
        self.cause = cause
        total = len(self.landed) + len(self.not_landed)
        super().__init__(
            f"the load stopped: {len(self.landed)} of {total} sources landed "
            f"({_named(self.landed)}); not landed: {_named(self.not_landed)} "
            f"(because: {' '.join(str(cause).split())[:300]})"
        )


def _named(files: Sequence[str]) -> str:
    if not files:
        return "none"
    shown = ", ".join(files[:NAMED_IN_A_LINE])
    more = len(files) - NAMED_IN_A_LINE
    return f"{shown} and {more} more" if more > 0 else shown


async def write_sources(
    db: Database,
    sources: Sequence[SourceRecords],
    progress: ProgressCallback | None = None,
    writers: int = WRITERS,
) -> LoadSummary:
    """Writes each source in its own transaction; the sources must have passed `check_sources`."""
    began = time.monotonic()
    # What a source points at is written before it (curated first among equals).
    ordered = iter(write_order(sources))  # shared: each writer takes the next source in order
    schedule = Schedule()
    landed: list[asyncio.Event] = []
    landed_files: list[str] = []
    summary = LoadSummary()

    async def write_in_turn() -> None:
        # A deadlock or a lost leader is retried for longer than a read waits (graph/db.py).
        async with db.driver.session(
            database=db.name, max_transaction_retry_time=WRITE_RETRY_S
        ) as session:
            for source, borrowed in ordered:
                # Planned as it is taken (no await until admitted), so positions follow the
                # order and one writer plans while the server runs the other's transaction.
                plan = plan_source(source)
                lend(plan, borrowed)
                position, after = schedule.admit(plan)
                landed.append(asyncio.Event())
                for earlier in sorted(after):
                    await landed[earlier].wait()
                written = await session.execute_write(_write_source, plan, datetime.now(UTC))
                summary.merge(written)
                landed_files.append(plan.source_file)
                landed[position].set()
                if progress is not None:
                    progress(plan.item_count)

    try:
        async with asyncio.TaskGroup() as group:
            for _ in range(max(1, writers)):
                group.create_task(write_in_turn())
    except ExceptionGroup as failed:
        # The first writer's failure stops the others; callers see it as it was raised, and
        # which sources landed before it.
        cause = failed.exceptions[0]
        if isinstance(cause, CivicGraphError):
            raise cause from None
        done = set(landed_files)
        rest = [s.source_file for s in sources if s.source_file not in done]
        raise LoadInterrupted(landed_files, rest, cause) from cause
    # The full-text indexes are updated after each commit (graph/schema.py): once the load
    # returns, search finds what it wrote.
    await await_fulltext(db)
    summary.seconds = time.monotonic() - began
    return summary


async def _write_source(
    tx: AsyncManagedTransaction, plan: SourcePlan, now: datetime
) -> LoadSummary:
    summary = LoadSummary(sources=1)
    found = await (await tx.run(q.READ_LEDGER, {"key": plan.key})).single(strict=True)
    ledger: dict[str, Any] = found["ledger"] or {}
    if plan.borrowed_documents:
        summary.node("Document").add(await _run_counted(tx, q.DOCUMENT, plan.borrowed_documents))
    known = known_from(
        await (
            await tx.run(
                q.READ_KNOWN,
                {
                    "entities": sorted(own_entity_ids(plan)),
                    "relations": relation_probes(plan),
                    "evidence": plan.evidence_ids,
                },
            )
        ).single(strict=True)
    )
    await _read_statements(tx, plan, known)
    for entity_type, rows in plan.borrowed_entities.items():
        await _write_entities(tx, entity_type, rows, known, summary)
    document = await _run_counted(tx, q.DOCUMENT, [plan.document])
    summary.node("Document").add(document)
    if document.created and plan.document["props"].get("checksum"):
        await (await tx.run(q.LINK_DOCUMENT_VERSION, {"id": plan.document_id})).consume()
    if document.updated:
        await (await tx.run(q.DOCUMENT_ON_EVIDENCE, {"id": plan.document_id})).consume()
    for entity_type, rows in plan.entities.items():
        await _write_entities(tx, entity_type, rows, known, summary)
    own = own_entity_ids(plan)
    shared: dict[RelationType, list[Row]] = {}
    for relation_type, rows in plan.relations.items():
        inside = [row for row in rows if row["source"] in own and row["target"] in own]
        if len(inside) < len(rows):
            shared[relation_type] = sorted(
                (row for row in rows if row["source"] not in own or row["target"] not in own),
                key=lambda row: (row["target"], row["source"], row["id"]),
            )
        await _write_relations(tx, relation_type, inside, known, summary)
    evidence = await _write_evidence(tx, plan, known, now)
    summary.node("Evidence").add(evidence)
    summary.relationship("FROM_DOCUMENT").add(
        Counts(created=evidence.created, unchanged=evidence.updated + evidence.unchanged)
    )
    if plan.passages:
        passages = await _run_counted(tx, q.PASSAGES, plan.passages)
        summary.node("Passage").add(passages)
        summary.relationship("IN_DOCUMENT").add(
            Counts(created=passages.created, unchanged=passages.updated + passages.unchanged)
        )
        for batch in batches(plan.passages):
            await (await tx.run(q.PASSAGE_PARENTS, {"rows": batch})).consume()
    for relation_type in sorted(shared):
        await _write_relations(tx, relation_type, shared[relation_type], known, summary)
    if plan.mentions:
        summary.relationship("MENTIONS").add(await _run_counted(tx, q.MENTIONS, plan.mentions))
    await retract(tx, plan, ledger, summary)
    await (
        await tx.run(
            q.WRITE_LEDGER,
            {
                "key": plan.key,
                "origin": plan.origin.value,
                "file": plan.source_file,
                "document": plan.document_id,
                "evidenceIds": plan.evidence_ids,
                "passageIds": plan.passage_ids,
                "mentionKeys": plan.mention_keys,
                "now": now,
            },
        )
    ).consume()
    return summary


async def _read_statements(tx: AsyncManagedTransaction, plan: SourcePlan, known: Known) -> None:
    """What other sources state of the elements this source states otherwise than last time."""
    rows = fact_rows(plan)
    entities = needs_statements(rows, known.entities)
    relations = needs_statements(rows, known.relations)
    if not entities and not relations:
        return
    probes = [probe for probe in relation_probes(plan) if probe["id"] in relations]
    record = await (
        await tx.run(q.STATEMENTS_OF, {"entities": sorted(entities), "relations": probes})
    ).single(strict=True)
    add_statements(known.entities, record["entities"])
    add_statements(known.relations, record["relations"])


async def _write_entities(
    tx: AsyncManagedTransaction,
    entity_type: EntityType,
    rows: list[Row],
    known: Known,
    summary: LoadSummary,
) -> None:
    split = split_facts(rows, known.entities)
    await run_batched(tx, q.entity_create_query(entity_type), split.create)
    await run_batched(tx, q.entity_rewrite_query(entity_type), split.rewrite)
    summary.node(entity_type.value).add(_counts(split))


async def _write_relations(
    tx: AsyncManagedTransaction,
    relation_type: RelationType,
    rows: list[Row],
    known: Known,
    summary: LoadSummary,
) -> None:
    split = split_facts(rows, known.relations)
    await run_batched(tx, q.relation_create_query(relation_type), split.create)
    await run_batched(tx, q.relation_rewrite_query(relation_type), split.rewrite)
    summary.relationship(relation_type.value).add(_counts(split))


async def _write_evidence(
    tx: AsyncManagedTransaction, plan: SourcePlan, known: Known, now: datetime
) -> Counts:
    split = split_evidence(plan.evidence, known.evidence, plan.key)
    for batch in batches(split.create):
        await (
            await tx.run(q.EVIDENCE_CREATE, {"groups": evidence_groups(batch), "now": now})
        ).consume()
    await run_batched(tx, q.EVIDENCE_UPDATE, split.rewrite, now=now)
    return _counts(split)


def _counts(split: Split) -> Counts:
    return Counts(created=len(split.create), updated=split.updated, unchanged=split.unchanged)


async def _run_counted(
    tx: AsyncManagedTransaction, query: LiteralString, rows: list[Row], **params: Any
) -> Counts:
    counts = Counts()
    for batch in batches(rows):
        record = await (await tx.run(query, {"rows": batch, **params})).single(strict=True)
        counts.created += record["created"]
        counts.updated += record["updated"]
        counts.unchanged += record["seen"] - record["created"] - record["updated"]
    return counts

"""What a source stated last time and no longer states leaves the graph, in its transaction.

Evidence it no longer states leaves `sources` (and goes when nobody states it); a fact left with no
evidence goes with its relationships; one that other sources still state keeps what they state
and loses what only this source stated (`known.unstate`). Passages and mentions it no longer
states go.
"""

from __future__ import annotations

from typing import Any

from neo4j import AsyncManagedTransaction

from graph.model import EntityType, RelationType
from loaders.writer import cypher as q
from loaders.writer.batches import run_batched
from loaders.writer.known import fact_rows, unstate
from loaders.writer.plan import Row, SourcePlan
from loaders.writer.summary import LoadSummary


async def retract(
    tx: AsyncManagedTransaction, plan: SourcePlan, ledger: dict[str, Any], summary: LoadSummary
) -> None:
    """Removes what this source stated last time and no longer states."""
    gone_evidence = sorted(set(ledger.get("evidenceIds") or []) - set(plan.evidence_ids))
    if gone_evidence:
        await _retract_evidence(tx, plan, gone_evidence, summary)
    gone_passages = sorted(set(ledger.get("passageIds") or []) - set(plan.passage_ids))
    if gone_passages:
        record = await (
            await tx.run(q.RETRACT_PASSAGES, {"ids": gone_passages, "key": plan.key})
        ).single(strict=True)
        summary.node("Passage").deleted += record["n"]
    gone_mentions = sorted(set(ledger.get("mentionKeys") or []) - set(plan.mention_keys))
    if gone_mentions:
        pairs = [key.split("|", 1) for key in gone_mentions]
        record = await (await tx.run(q.RETRACT_MENTIONS, {"pairs": pairs})).single(strict=True)
        summary.relationship("MENTIONS").deleted += record["n"]


async def _retract_evidence(
    tx: AsyncManagedTransaction, plan: SourcePlan, ids: list[str], summary: LoadSummary
) -> None:
    """The source's evidence it no longer states leaves; the facts it cited go when nothing else
    evidences them, and otherwise lose what this source stated of them (unless it still states
    them, its rows already written)."""
    result = await tx.run(q.RETRACT_EVIDENCE, {"ids": ids, "key": plan.key})
    entity_ids: list[str] = []
    relation_ids: dict[RelationType, list[str]] = {}
    async for record in result:
        if record["orphan"]:
            summary.node("Evidence").deleted += 1
        fact_type = record["factType"]
        if fact_type in EntityType.__members__.values():
            entity_ids.append(record["factId"])
        elif fact_type in RelationType.__members__.values():
            relation_ids.setdefault(RelationType(fact_type), []).append(record["factId"])
    for relation_type, rel_ids in relation_ids.items():
        record = await (
            await tx.run(q.prune_relations_query(relation_type), {"ids": sorted(set(rel_ids))})
        ).single(strict=True)
        summary.relationship(relation_type.value).deleted += record["n"]
    if entity_ids:
        await _prune_entities(tx, sorted(set(entity_ids)), summary)
    stated = {row["id"] for row in fact_rows(plan) if row["by"] == plan.key}
    await _unstate_entities(tx, plan.key, sorted(set(entity_ids) - stated), summary)
    for relation_type, rel_ids in sorted(relation_ids.items()):
        left = sorted(set(rel_ids) - stated)
        await _unstate_relations(tx, plan.key, relation_type, left, summary)


async def _unstate_entities(
    tx: AsyncManagedTransaction, key: str, ids: list[str], summary: LoadSummary
) -> None:
    if not ids:
        return
    result = await tx.run(q.UNSTATED_ENTITIES, {"ids": ids, "prefix": f"{key}="})
    rewrites: dict[EntityType, list[Row]] = {}
    async for record in result:
        kept = unstate(key, record["props"])
        if kept is None:
            continue
        props, changed = kept
        entity_type = EntityType(props["type"])
        rewrites.setdefault(entity_type, []).append({"id": record["id"], "props": props})
        summary.node(entity_type.value).updated += int(changed)
    for entity_type, rows in sorted(rewrites.items()):
        await run_batched(tx, q.entity_rewrite_query(entity_type), rows)


async def _unstate_relations(
    tx: AsyncManagedTransaction,
    key: str,
    relation_type: RelationType,
    ids: list[str],
    summary: LoadSummary,
) -> None:
    if not ids:
        return
    query = q.unstated_relations_query(relation_type)
    result = await tx.run(query, {"ids": ids, "prefix": f"{key}="})
    rows: list[Row] = []
    async for record in result:
        kept = unstate(key, record["props"])
        if kept is None:
            continue
        props, changed = kept
        rows.append(
            {"id": record["id"], "source": record["source"], "target": record["target"],
             "props": props}
        )  # fmt: skip
        summary.relationship(relation_type.value).updated += int(changed)
    await run_batched(tx, q.relation_rewrite_query(relation_type), rows)


async def _prune_entities(
    tx: AsyncManagedTransaction, ids: list[str], summary: LoadSummary
) -> None:
    result = await tx.run(q.PRUNE_ENTITIES, {"ids": ids})
    dropped_relations: list[str] = []
    async for record in result:
        summary.node(record["type"]).deleted += 1
        for rel in record["rels"]:
            summary.relationship(rel["type"]).deleted += 1
            dropped_relations.append(rel["id"])
    if dropped_relations:
        record = await (await tx.run(q.DELETE_EVIDENCE_OF, {"ids": dropped_relations})).single(
            strict=True
        )
        summary.node("Evidence").deleted += record["n"]

"""What the graph already holds of a source's elements, read once at the start of its transaction,
and what the writer must therefore do with each row: create it, rewrite it, or leave it.

Deciding here rather than in the writing Cypher keeps the writing statements free of reads of what
they write: each is a plain `MERGE ... ON CREATE SET` (or `MATCH ... SET` for the few rewrites),
and elements that did not change are not written (nor locked) at all. The rules are the writer's:
an element is rewritten when its content hash differs, except that a non-curated row never rewrites
a curated element; evidence is shared by every source that states it (`sources`), and only a
curated source rewrites what curated evidence says.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from loaders.writer.plan import Row, SourcePlan

CURATED = "curated"
CURATED_KEY_PREFIX = "curated|"


@dataclass(frozen=True)
class Stored:
    """An element as the graph holds it: its content hash and origin (evidence: who states it,
    and whether it already keeps its document's title)."""

    hash: str | None
    origin: str | None
    sources: tuple[str, ...] = ()
    titled: bool = True


@dataclass
class Known:
    entities: dict[str, Stored] = field(default_factory=dict)
    relations: dict[str, Stored] = field(default_factory=dict)
    evidence: dict[str, Stored] = field(default_factory=dict)


@dataclass
class Split:
    """A statement's rows by what must happen to them."""

    create: list[Row] = field(default_factory=list)
    rewrite: list[Row] = field(default_factory=list)
    updated: int = 0
    unchanged: int = 0


def relation_probes(plan: SourcePlan) -> list[Row]:
    """Each relation as the reading statement looks it up: between its endpoints, by type and id."""
    return [
        {"id": row["id"], "source": row["source"], "target": row["target"], "type": rel_type.value}
        for rel_type, rows in plan.relations.items()
        for row in rows
    ]


def known_from(record: Any) -> Known:
    """The reading statement's one record (`READ_KNOWN`) as `Known`."""
    known = Known()
    for element_id, hash_, origin in record["entities"]:
        known.entities[element_id] = Stored(hash_, origin)
    for element_id, hash_, origin in record["relations"]:
        known.relations[element_id] = Stored(hash_, origin)
    for element_id, hash_, origin, sources, titled in record["evidence"]:
        known.evidence[element_id] = Stored(hash_, origin, tuple(sources or ()), titled)
    return known


def split_facts(rows: list[Row], stored: dict[str, Stored]) -> Split:
    """Entity or relation rows: new ones are created; a changed one is rewritten unless it is
    curated and the row is not. `stored` is kept up to date with what the rows write."""
    split = Split()
    for row in rows:
        found = stored.get(row["id"])
        if found is None:
            split.create.append(row)
        elif found.hash != row["hash"] and (row["curated"] or found.origin != CURATED):
            split.rewrite.append(row)
            split.updated += 1
        else:
            split.unchanged += 1
            continue
        # What the transaction writes, later rows of it see (an entity a source borrows and
        # states itself is written twice, the second time over the first).
        stored[row["id"]] = Stored(row["hash"], row["props"].get("origin"))
    return split


def split_evidence(rows: list[Row], stored: dict[str, Stored], key: str) -> Split:
    """Evidence rows as the Cypher takes them: a new one with its whole property map, the source
    its only `sources`; a known one with the source added to `sources`, its origin (curated when
    any curated source states it), and what it says when that changed and may be rewritten.
    Counted as updated when what it says changed."""
    split = Split()
    for row in rows:
        found = stored.get(row["id"])
        if found is None:
            props = {**row["props"], "sources": [key], "origin": row["origin"]}
            split.create.append({"id": row["id"], "document": row["document"], "props": props})
            stored[row["id"]] = Stored(row["hash"], row["origin"], (key,))
            continue
        known = list(found.sources)
        sources = known if key in known else [*known, key]
        curated_before = any(k.startswith(CURATED_KEY_PREFIX) for k in known)
        changed = found.hash != row["hash"] and (row["origin"] == CURATED or not curated_before)
        curated_now = any(k.startswith(CURATED_KEY_PREFIX) for k in sources)
        props = {**row["props"]} if changed else {}
        props["sources"] = sources
        props["origin"] = CURATED if curated_now else row["origin"]
        split.rewrite.append(
            {
                "id": row["id"],
                "document": row["document"],
                "props": props,
                "retitle": changed or not found.titled,
            }
        )
        if changed:
            split.updated += 1
        else:
            split.unchanged += 1
        hash_ = row["hash"] if changed else found.hash
        stored[row["id"]] = Stored(hash_, props["origin"], tuple(sources))
    return split


def evidence_groups(rows: list[Row]) -> list[dict[str, Any]]:
    """New evidence rows grouped by the document they cite, so that each document is looked up
    once per statement rather than once per row (a source's evidence mostly cites one)."""
    groups: dict[str, list[Row]] = {}
    for row in rows:
        groups.setdefault(row["document"], []).append(row)
    return [{"document": document, "rows": members} for document, members in groups.items()]

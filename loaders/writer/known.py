"""What the graph already holds of a source's elements, read once at the start of its transaction,
and what the writer must therefore do with each row: create it, rewrite it, or leave it.

Deciding here rather than in the writing Cypher keeps the writing statements free of reads of what
they write: each is a plain `CREATE ... SET` of what is new (or `MATCH ... SET` for the few
rewrites), and elements that did not change are not written (nor locked) at all. The rules are
the writer's: an entity or relation keeps who states it (`statedBy`) and holds the union of what
its sources state (`statements.py`); a row is written only when what its source states changed.
What the other sources of such an element state is read only for those elements
(`STATEMENTS_OF`).
Evidence is shared by every source that states it (`sources`), and only a curated source rewrites
what curated evidence says.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from loaders.writer.plan import Row, SourcePlan
from loaders.writer.statements import (
    Statement,
    element_props,
    parse_stated_by,
    statement_of,
    statements_in_graph,
)

CURATED = "curated"
CURATED_KEY_PREFIX = "curated|"


@dataclass(frozen=True)
class Stored:
    """Evidence as the graph holds it: its content hash, origin, who states it, and whether it
    already keeps its document's title."""

    hash: str | None
    origin: str | None
    sources: tuple[str, ...] = ()
    titled: bool = True


@dataclass
class StoredFact:
    """An entity or relation as the graph holds it: its content hash, who states it (source key
    -> hash of its statement) and, once read, what each of them states."""

    hash: str | None
    stated_by: dict[str, str]
    statements: dict[str, Statement] | None = None


@dataclass
class Known:
    entities: dict[str, StoredFact] = field(default_factory=dict)
    relations: dict[str, StoredFact] = field(default_factory=dict)
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
    for element_id, hash_, stated_by in record["entities"]:
        known.entities[element_id] = StoredFact(hash_, parse_stated_by(stated_by))
    for element_id, hash_, stated_by in record["relations"]:
        known.relations[element_id] = StoredFact(hash_, parse_stated_by(stated_by))
    for element_id, hash_, origin, sources, titled in record["evidence"]:
        known.evidence[element_id] = Stored(hash_, origin, tuple(sources or ()), titled)
    return known


def fact_rows(plan: SourcePlan) -> list[Row]:
    """Every entity and relation row of the plan, borrowed ones included."""
    rows = [row for rows in plan.borrowed_entities.values() for row in rows]
    rows += [row for rows in plan.entities.values() for row in rows]
    return rows + [row for rows in plan.relations.values() for row in rows]


def needs_statements(rows: list[Row], stored: dict[str, StoredFact]) -> set[str]:
    """The elements whose other sources' statements a row must be merged with: held by the graph,
    stated by another source, and stated otherwise by the row's source than last time."""
    ids: set[str] = set()
    for row in rows:
        found = stored.get(row["id"])
        if (
            found is not None
            and found.stated_by.get(row["by"]) != row["hash"]
            and any(key != row["by"] for key in found.stated_by)
        ):
            ids.add(row["id"])
    return ids


def add_statements(stored: dict[str, StoredFact], records: list[Any]) -> None:
    """The `STATEMENTS_OF` statement's `[id, properties]` pairs, as what each source states."""
    for element_id, props in records:
        stored[element_id].statements = statements_in_graph(props)


def split_facts(rows: list[Row], stored: dict[str, StoredFact]) -> Split:
    """Entity or relation rows (each stated by the source `row["by"]`): new ones are created; one
    whose source states it otherwise than the graph records is rewritten with the union of what
    its sources now state (counted as updated when that union changed). `stored` is kept up to
    date with what the rows write."""
    split = Split()
    for row in rows:
        key = row["by"]
        found = stored.get(row["id"])
        if found is None:
            statements = {key: statement_of(row)}
            props = element_props(statements)
            split.create.append(_write_row(row, props))
            stored[row["id"]] = StoredFact(props["hash"], {key: row["hash"]}, statements)
            continue
        if found.stated_by.get(key) == row["hash"]:
            split.unchanged += 1
            continue
        others = {k: h for k, h in found.stated_by.items() if k != key}
        known = found.statements or {}
        if others and found.statements is None:
            raise RuntimeError(f"{row['id']}: its other sources' statements were not read")
        statements = {k: known[k] for k in others if k in known}
        statements[key] = statement_of(row)
        props = element_props(statements)
        split.rewrite.append(_write_row(row, props))
        if props["hash"] != found.hash:
            split.updated += 1
        else:
            split.unchanged += 1
        # What the transaction writes, later rows of it see (an entity a source borrows and
        # states itself is written twice, the second time over the first).
        stated_by = {k: s.hash for k, s in statements.items()}
        stored[row["id"]] = StoredFact(props["hash"], stated_by, statements)
    return split


def unstate(key: str, props: dict[str, Any]) -> tuple[dict[str, Any], bool] | None:
    """An element its source `key` no longer states, as the graph holds it (`props`): the
    properties it keeps from the other sources, and whether they changed; None when no other
    source states it (it goes with its last evidence) or `key` never stated it."""
    statements = statements_in_graph(props)
    if key not in statements:
        return None
    del statements[key]
    if not statements:
        return None
    kept = element_props(statements)
    return kept, kept["hash"] != props.get("hash")


def _write_row(row: Row, props: dict[str, Any]) -> Row:
    written = {"id": row["id"], "props": props}
    if "source" in row:
        written["source"] = row["source"]
        written["target"] = row["target"]
    return written


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

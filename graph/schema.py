"""Constraints and indexes, created idempotently, and the schema version recorded in the graph."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import LiteralString

from graph.db import Database
from graph.model import EntityType, RelationType

SCHEMA_VERSION = 3


class NodeLabel(StrEnum):
    """Labels beyond the entity types. Cypher that varies by label takes it only from here."""

    ENTITY = "Entity"
    DOCUMENT = "Document"
    PASSAGE = "Passage"
    EVIDENCE = "Evidence"


ID_LABELS: tuple[str, ...] = (*NodeLabel, *EntityType)
# Pages of entities (queries/entity_page.py) filter by label, find names by `nameLower` (the name
# lower-cased, written beside it) through a text index and sort by it through a range index.
NAME_LOWER = "nameLower"
PAGED_LABELS: tuple[str, ...] = (NodeLabel.ENTITY, *EntityType)


@dataclass(frozen=True)
class FulltextIndex:
    """A full-text index; `apply_schema` recreates it when the one in the graph differs.

    Eventually consistent: a commit queues its updates to the index and returns, and a background
    thread applies them (Lucene's analysis and writes are a large share of a load's server time,
    and no longer hold up the transaction that wrote). A load waits for the index to catch up
    before it returns (`await_fulltext`), so that what it wrote is found by search once it is done.
    """

    name: str
    labels: tuple[str, ...]
    properties: tuple[str, ...]
    analyzer: str
    eventually_consistent: bool = True

    def create_statement(self) -> str:
        labels = "|".join(f"`{label}`" for label in self.labels)
        properties = ", ".join(f"n.`{prop}`" for prop in self.properties)
        consistency = str(self.eventually_consistent).lower()
        return (
            f"CREATE FULLTEXT INDEX `{self.name}` IF NOT EXISTS "
            f"FOR (n:{labels}) ON EACH [{properties}] "
            f"OPTIONS {{indexConfig: {{`fulltext.analyzer`: '{self.analyzer}', "
            f"`fulltext.eventually_consistent`: {consistency}}}}}"
        )


# Search: English stemming, so that "library" finds "Libraries".
FULLTEXT_INDEX = "entity_text"
FULLTEXT_LABELS: tuple[str, ...] = (
    NodeLabel.ENTITY,
    NodeLabel.DOCUMENT,
    NodeLabel.PASSAGE,
    NodeLabel.EVIDENCE,
)
FULLTEXT_PROPERTIES: tuple[str, ...] = ("name", "aliasText", "text", "quote")
# Names: words as written (accents folded, no stemming), for fuzzy matching of typed names.
NAME_INDEX = "entity_names"
FULLTEXT_INDEXES: tuple[FulltextIndex, ...] = (
    FulltextIndex(FULLTEXT_INDEX, FULLTEXT_LABELS, FULLTEXT_PROPERTIES, "english"),
    FulltextIndex(NAME_INDEX, (NodeLabel.ENTITY,), ("name", "aliasText"), "standard-folding"),
)


def schema_statements() -> list[str]:
    """The DDL, every statement `IF NOT EXISTS`, built only from this module's constants."""
    statements: list[str] = []
    for label in ID_LABELS:
        statements.append(
            f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS "
            f"FOR (n:`{label}`) REQUIRE n.id IS UNIQUE"
        )
    statements += [
        "CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name)",
        "CREATE INDEX entity_type IF NOT EXISTS FOR (n:Entity) ON (n.type)",
        "CREATE INDEX evidence_fact IF NOT EXISTS FOR (n:Evidence) ON (n.factId)",
        "CREATE INDEX evidence_document IF NOT EXISTS FOR (n:Evidence) ON (n.document)",
    ]
    for label in PAGED_LABELS:
        statements += [
            f"CREATE TEXT INDEX {label.lower()}_name_lower_text IF NOT EXISTS "
            f"FOR (n:`{label}`) ON (n.`{NAME_LOWER}`)",
            f"CREATE INDEX {label.lower()}_name_lower IF NOT EXISTS "
            f"FOR (n:`{label}`) ON (n.`{NAME_LOWER}`)",
        ]
    # Relations are found by their stable id (retraction, lookups by id), one index per type.
    for rel_type in RelationType:
        statements.append(
            f"CREATE INDEX rel_{rel_type.lower()}_id IF NOT EXISTS "
            f"FOR ()-[r:`{rel_type}`]-() ON (r.id)"
        )
    # The writer's ledger: what each source stated last time.
    statements.append(
        "CREATE CONSTRAINT source_key IF NOT EXISTS FOR (n:Source) REQUIRE n.key IS UNIQUE"
    )
    statements += [index.create_statement() for index in FULLTEXT_INDEXES]
    statements.append(
        "CREATE CONSTRAINT schema_version_key IF NOT EXISTS "
        "FOR (n:SchemaVersion) REQUIRE n.key IS UNIQUE"
    )
    return statements


async def apply_schema(db: Database) -> int:
    """Creates what is missing, waits for indexes to come online, records the version."""
    await drop_changed_fulltext_indexes(db)
    for statement in schema_statements():
        await db.write(statement)
    recorded = await recorded_schema_version(db)
    if recorded is not None and recorded < NAME_LOWER_SINCE:
        await fill_name_lower(db)
    await db.write("CALL db.awaitIndexes(300)")
    await db.write(
        "MERGE (v:SchemaVersion {key: 'civicgraph'}) "
        "SET v.version = $version, v.appliedAt = datetime()",
        {"version": SCHEMA_VERSION},
    )
    return SCHEMA_VERSION


NAME_LOWER_SINCE = 3  # graphs written before hold no `nameLower`


async def fill_name_lower(db: Database) -> None:
    """Writes `nameLower` where a graph of an earlier schema lacks it (the writer writes it)."""
    await db.autocommit(
        "MATCH (n:Entity) WHERE n.nameLower IS NULL "
        "CALL (n) { SET n.nameLower = toLower(n.name) } IN TRANSACTIONS OF 10000 ROWS"
    )


async def drop_changed_fulltext_indexes(db: Database) -> list[str]:
    """Drops each full-text index whose labels, properties, analyzer or consistency differ from
    ours, so that the schema statements create it anew (the graph's data re-fills it). Returns
    their names."""
    records, _, _ = await db.read(
        "SHOW FULLTEXT INDEXES YIELD name, labelsOrTypes, properties, options "
        "WHERE name IN $names "
        "RETURN name, labelsOrTypes, properties, "
        "options.indexConfig['fulltext.analyzer'] AS analyzer, "
        "options.indexConfig['fulltext.eventually_consistent'] AS eventually_consistent",
        {"names": [index.name for index in FULLTEXT_INDEXES]},
    )
    wanted = {index.name: index for index in FULLTEXT_INDEXES}
    dropped: list[str] = []
    for record in records:
        index = wanted[record["name"]]
        same = (
            sorted(record["labelsOrTypes"]) == sorted(index.labels)
            and sorted(record["properties"]) == sorted(index.properties)
            and record["analyzer"] == index.analyzer
            and bool(record["eventually_consistent"]) == index.eventually_consistent
        )
        if not same:
            await db.write(f"DROP INDEX `{index.name}` IF EXISTS")
            dropped.append(index.name)
    return dropped


AWAIT_FULLTEXT: LiteralString = "CALL db.index.fulltext.awaitEventuallyConsistentIndexRefresh()"


async def await_fulltext(db: Database) -> None:
    """Waits until the eventually consistent full-text indexes hold every committed write."""
    await db.autocommit(AWAIT_FULLTEXT)


async def recorded_schema_version(db: Database) -> int | None:
    records, _, _ = await db.read(
        "MATCH (v:SchemaVersion {key: 'civicgraph'}) RETURN v.version AS version"
    )
    return int(records[0]["version"]) if records else None

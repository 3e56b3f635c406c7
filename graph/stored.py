"""The shape of a stored fact, declared once: the property keys the graph holds per kind.

The writer's planner builds its rows from these keys (`loaders/writer/plan.py`), the validation
refuses type-specific properties that would clash with them (`loaders/validation.py`), and the
read records tell the model's own keys from type-specific facts (`queries/records.py`).

`nameLower` is the name lower-cased, for pages of entities filtered and sorted by name through an
index (`queries/entity_page.py`).

Evidence carries its document's title and date beside the document's id, so that a cited fact is
read without a hop to its Document. Dates (`validFrom`, `validTo`, a document's `date`,
`documentDate`) are stored as Neo4j dates.
"""

from __future__ import annotations

# Every stored element's content hash, for the writer's created / updated / unchanged.
HASH = "hash"
# An entity's or relation's sources: `<source key>=<hash of what it states>`, one per source.
STATED_BY = "statedBy"
# What each source states of an entity or relation, as JSON text keyed by source key; held only
# while more than one source states it (one source's statement is the element's own properties).
STATED_PROPS = "statedProps"
# The writer's bookkeeping on entities and relations, never shown as a fact.
FACT_BOOKKEEPING: tuple[str, ...] = (HASH, STATED_BY, STATED_PROPS)

ENTITY_KEYS: tuple[str, ...] = (
    "id", "type", "name", "nameLower", "aliases", "aliasText", "description", "status",
    "validFrom", "validTo", "origin",
)  # fmt: skip
RELATION_KEYS: tuple[str, ...] = (
    "id", "status", "validFrom", "validTo", "kind", "capacity", "role", "wording",
    "alternativeOf", "origin",
)  # fmt: skip
DOCUMENT_KEYS: tuple[str, ...] = (
    "id", "name", "title", "body", "date", "author", "kind", "sourceFile", "url", "meeting",
    "reportOf", "checksum", "origin",
)  # fmt: skip
EVIDENCE_KEYS: tuple[str, ...] = (
    "id", "factId", "factType", "document", "documentTitle", "documentDate", "paragraph",
    "quote", "confidence",
)  # fmt: skip
# Set by the writer beside the hashed properties: who states a piece of evidence, and when.
EVIDENCE_BOOKKEEPING: tuple[str, ...] = ("sources", "origin", "firstSeen", "lastSeen")

# What a read record holds in named fields rather than among an entity's type-specific facts.
ENTITY_NAMED_KEYS = frozenset({*ENTITY_KEYS, *EVIDENCE_BOOKKEEPING, "checksum", *FACT_BOOKKEEPING})

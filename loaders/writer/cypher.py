"""The writer's Cypher. Labels and relationship types come only from the model's enums, backticked;
every value is a parameter.

A document's, passage's or mention's row `props` is the whole property map the element should
hold and `hash` its content hash: an element whose stored hash equals the row's is left alone, and
a non-curated document never rewrites a curated one. Entities, relations and evidence are decided
before they are written (`READ_KNOWN`, `known.py`: an entity or relation holds the union of what
its sources state, `statements.py`), so their statements only create or rewrite; documents,
passages and mentions decide per row in their statement and return how many rows they created,
changed and saw.
"""

from __future__ import annotations

from typing import LiteralString

from graph.model import EntityType, RelationType

# The writer's statements are index seeks whatever the graph's size. A large load grows the graph
# from nothing, which by default makes the server re-plan every statement each time its counts
# have moved far enough: `replan=skip` keeps the cached plan and spares that work.
KEEP_PLAN: LiteralString = "CYPHER replan=skip "

# Decides, per row, whether the element was just created or must be rewritten.
_DECIDE = (
    "WITH x, row, x.hash AS before, coalesce(x.origin, '') AS was "
    "WITH x, row, before IS NULL AS created, "
    "     before IS NOT NULL AND before <> row.hash "
    "       AND (row.curated OR was <> 'curated') AS changed "
    "FOREACH (_ IN CASE WHEN created OR changed THEN [1] ELSE [] END | SET x = row.props) "
)
_COUNT = (
    "RETURN count(CASE WHEN created THEN 1 END) AS created, "
    "count(CASE WHEN changed THEN 1 END) AS updated, count(*) AS seen"
)

DOCUMENT: LiteralString = (
    KEEP_PLAN + "UNWIND $rows AS row MERGE (x:Document {id: row.id}) " + _DECIDE + _COUNT
)


# A document read from a file whose content changed is a new Document (its id carries the content's
# checksum): it is linked to the version it replaces, the latest one from the same file.
LINK_DOCUMENT_VERSION: LiteralString = (
    "MATCH (new:Document {id: $id}) "
    "MATCH (old:Document {sourceFile: new.sourceFile}) "
    "WHERE old.id <> new.id AND old.checksum IS NOT NULL AND old.checksum <> new.checksum "
    "  AND NOT EXISTS { (:Document)-[:NEW_VERSION_OF]->(old) } "
    "MERGE (new)-[:NEW_VERSION_OF]->(old)"
)


# What the graph holds of a source's entities, relations and evidence, read once before its
# transaction writes anything (`known.py` decides from it what to create, rewrite or leave): of an
# entity or relation its hash and who states it. A relation is looked up as MERGE finds it:
# between its endpoints, by type and id.
READ_KNOWN: LiteralString = KEEP_PLAN + (
    "CALL () { UNWIND $entities AS id MATCH (x:Entity {id: id}) "
    "  RETURN collect([id, x.hash, x.statedBy]) AS entities } "
    "CALL () { UNWIND $relations AS row "
    "  MATCH (a:Entity {id: row.source})-[x]->(b:Entity {id: row.target}) "
    "  WHERE x.id = row.id AND type(x) = row.type "
    "  RETURN collect([row.id, x.hash, x.statedBy]) AS relations } "
    "CALL () { UNWIND $evidence AS id MATCH (ev:Evidence {id: id}) "
    "  RETURN collect([id, ev.hash, ev.origin, ev.sources, ev.documentTitle IS NOT NULL]) "
    "  AS evidence } "
    "RETURN entities, relations, evidence"
)
# The whole property maps of the few entities and relations a row must merge with what other
# sources state of them (`known.needs_statements`).
STATEMENTS_OF: LiteralString = KEEP_PLAN + (
    "CALL () { UNWIND $entities AS id MATCH (x:Entity {id: id}) "
    "  RETURN collect([id, properties(x)]) AS entities } "
    "CALL () { UNWIND $relations AS row "
    "  MATCH (a:Entity {id: row.source})-[x]->(b:Entity {id: row.target}) "
    "  WHERE x.id = row.id AND type(x) = row.type "
    "  RETURN collect([row.id, properties(x)]) AS relations } "
    "RETURN entities, relations"
)


# What is created is known to be new: `READ_KNOWN` found nothing of it in this transaction, and no
# other transaction in flight writes it (`order.Schedule`). So it is CREATEd, not MERGEd: no
# locking seek of what is not there, no Eager; the unique constraints still refuse a duplicate.
def entity_create_query(entity_type: EntityType) -> LiteralString:
    label = EntityType(entity_type).value
    return KEEP_PLAN + f"UNWIND $rows AS row CREATE (x:Entity:`{label}`) SET x = row.props"


def entity_rewrite_query(entity_type: EntityType) -> LiteralString:
    label = EntityType(entity_type).value
    return KEEP_PLAN + (
        f"UNWIND $rows AS row MATCH (x:Entity {{id: row.id}}) SET x = row.props, x:`{label}`"
    )


def relation_create_query(relation_type: RelationType) -> LiteralString:
    rel_type = RelationType(relation_type).value
    return KEEP_PLAN + (
        "UNWIND $rows AS row "
        "MATCH (a:Entity {id: row.source}) "
        "MATCH (b:Entity {id: row.target}) "
        f"CREATE (a)-[x:`{rel_type}`]->(b) SET x = row.props"
    )


def relation_rewrite_query(relation_type: RelationType) -> LiteralString:
    rel_type = RelationType(relation_type).value
    return KEEP_PLAN + (
        "UNWIND $rows AS row "
        f"MATCH (:Entity {{id: row.source}})-[x:`{rel_type}` {{id: row.id}}]->"
        "(:Entity {id: row.target}) "
        "SET x = row.props"
    )


# Evidence is shared by every source that states it (`sources`, `<origin>|<file>` keys); it is
# curated when any curated source states it, and then only a curated source rewrites what it says
# (a document's extraction citing the same passage as a curated fact adds itself to `sources`).
# New evidence comes grouped by the document it cites (one lookup per document): FROM_DOCUMENT is
# created with the node, which keeps its document's title and date (graph/stored.py).
EVIDENCE_CREATE: LiteralString = KEEP_PLAN + (
    "UNWIND $groups AS g "
    "OPTIONAL MATCH (d:Document {id: g.document}) "
    "UNWIND g.rows AS row "
    "CREATE (ev:Evidence) "
    "SET ev = row.props, ev.firstSeen = $now, ev.lastSeen = $now, "
    "  ev.documentTitle = d.title, ev.documentDate = d.date "
    "FOREACH (_ IN CASE WHEN d IS NULL THEN [] ELSE [1] END | "
    "  CREATE (ev)-[:FROM_DOCUMENT]->(d))"
)
# Evidence the graph holds: who states it and its origin, what it says when that changed; its
# document's title and date when it changed or was written before evidence kept them.
EVIDENCE_UPDATE: LiteralString = KEEP_PLAN + (
    "UNWIND $rows AS row "
    "MATCH (ev:Evidence {id: row.id}) "
    "SET ev += row.props, ev.firstSeen = coalesce(ev.firstSeen, $now), ev.lastSeen = $now "
    "WITH ev, row WHERE row.retitle "
    "MATCH (d:Document {id: row.document}) "
    "SET ev.documentTitle = d.title, ev.documentDate = d.date"
)

PASSAGES: LiteralString = KEEP_PLAN + (
    "UNWIND $rows AS row "
    "MERGE (p:Passage {id: row.id}) "
    "WITH p, row, p.hash AS before "
    "FOREACH (_ IN CASE WHEN before IS NULL OR before <> row.props.hash THEN [1] ELSE [] END | "
    "  SET p = row.props) "
    "WITH p, row, before "
    "OPTIONAL MATCH (d:Document {id: row.document}) "
    "FOREACH (_ IN CASE WHEN before IS NULL AND d IS NOT NULL THEN [1] ELSE [] END | "
    "  CREATE (p)-[:IN_DOCUMENT]->(d)) "
    "RETURN count(CASE WHEN before IS NULL THEN 1 END) AS created, "
    "count(CASE WHEN before IS NOT NULL AND before <> row.props.hash THEN 1 END) AS updated, "
    "count(*) AS seen"
)

PASSAGE_PARENTS: LiteralString = KEEP_PLAN + (
    "UNWIND $rows AS row "
    "MATCH (p:Passage {id: row.id}) "
    "OPTIONAL MATCH (p)-[old:PART_OF_PASSAGE]->(x) "
    "WHERE row.parent IS NULL OR x.id <> row.parent "
    "DELETE old "
    "WITH DISTINCT p, row WHERE row.parent IS NOT NULL "
    "MATCH (q:Passage {id: row.parent}) "
    "MERGE (p)-[:PART_OF_PASSAGE]->(q)"
)

MENTIONS: LiteralString = KEEP_PLAN + (
    "UNWIND $rows AS row "
    "MATCH (p:Passage {id: row.passage}) "
    "MATCH (e:Entity {id: row.entity}) "
    "MERGE (p)-[m:MENTIONS]->(e) "
    "WITH m, row, m.hash AS before "
    "FOREACH (_ IN CASE WHEN before IS NULL OR before <> row.props.hash THEN [1] ELSE [] END | "
    "  SET m = row.props) "
    "RETURN count(CASE WHEN before IS NULL THEN 1 END) AS created, "
    "count(CASE WHEN before IS NOT NULL AND before <> row.props.hash THEN 1 END) AS updated, "
    "count(*) AS seen"
)

# A document whose title or date changed (a curated file's, whose id stays): what cites it says so.
DOCUMENT_ON_EVIDENCE: LiteralString = (
    "MATCH (d:Document {id: $id}) MATCH (ev:Evidence {document: d.id}) "
    "SET ev.documentTitle = d.title, ev.documentDate = d.date"
)

# The ledger: what each source stated last time, so that a reload can retract what it dropped.
READ_LEDGER: LiteralString = (
    KEEP_PLAN + "OPTIONAL MATCH (s:Source {key: $key}) RETURN properties(s) AS ledger"
)
WRITE_LEDGER: LiteralString = KEEP_PLAN + (
    "MERGE (s:Source {key: $key}) "
    "SET s.origin = $origin, s.file = $file, s.document = $document, "
    "    s.evidenceIds = $evidenceIds, s.passageIds = $passageIds, "
    "    s.mentionKeys = $mentionKeys, s.loadedAt = $now"
)

# The source no longer states this evidence: it leaves `sources`; evidence nobody states goes.
RETRACT_EVIDENCE: LiteralString = (
    "UNWIND $ids AS id "
    "MATCH (ev:Evidence {id: id}) "
    "WITH ev, [k IN ev.sources WHERE k <> $key] AS rest "
    "SET ev.sources = rest, "
    "    ev.origin = CASE WHEN any(k IN rest WHERE k STARTS WITH 'curated|') THEN 'curated' "
    "                WHEN size(rest) > 0 THEN split(rest[0], '|')[0] ELSE ev.origin END "
    "WITH ev, ev.factId AS factId, ev.factType AS factType, size(rest) = 0 AS orphan "
    "FOREACH (_ IN CASE WHEN orphan THEN [1] ELSE [] END | DETACH DELETE ev) "
    "RETURN factId, factType, orphan"
)

# A fact left with no evidence is no fact: it goes, with its relationships and their evidence.
# (One that keeps evidence keeps the properties its other sources state: `unstated_*`.)
PRUNE_ENTITIES: LiteralString = (
    "UNWIND $ids AS id "
    "MATCH (e:Entity {id: id}) "
    "WHERE NOT EXISTS { MATCH (:Evidence {factId: id}) } "
    "OPTIONAL MATCH (e)-[r]-(:Entity) "
    "WITH e, e.type AS type, collect(DISTINCT {id: r.id, type: type(r)}) AS rels "
    "DETACH DELETE e "
    "RETURN type, [rel IN rels WHERE rel.id IS NOT NULL] AS rels"
)
DELETE_EVIDENCE_OF: LiteralString = (
    "UNWIND $ids AS id MATCH (ev:Evidence {factId: id}) DETACH DELETE ev RETURN count(*) AS n"
)


def prune_relations_query(relation_type: RelationType) -> LiteralString:
    rel_type = RelationType(relation_type).value
    return (
        "UNWIND $ids AS id "
        f"MATCH ()-[r:`{rel_type}` {{id: id}}]->() "
        "WHERE NOT EXISTS { MATCH (:Evidence {factId: id}) } "
        "DELETE r "
        "RETURN count(*) AS n"
    )


# Entities and relations a source stated and states no more, that other sources still state: their
# whole property maps, for the properties the others state to be written back (`known.unstate`).
UNSTATED_ENTITIES: LiteralString = (
    "UNWIND $ids AS id MATCH (x:Entity {id: id}) "
    "WHERE any(entry IN x.statedBy WHERE entry STARTS WITH $prefix) "
    "RETURN id, properties(x) AS props"
)


def unstated_relations_query(relation_type: RelationType) -> LiteralString:
    rel_type = RelationType(relation_type).value
    return (
        "UNWIND $ids AS id "
        f"MATCH (a:Entity)-[x:`{rel_type}` {{id: id}}]->(b:Entity) "
        "WHERE any(entry IN x.statedBy WHERE entry STARTS WITH $prefix) "
        "RETURN id, a.id AS source, b.id AS target, properties(x) AS props"
    )


RETRACT_PASSAGES: LiteralString = (
    "UNWIND $ids AS id MATCH (p:Passage {id: id}) WHERE p.source = $key "
    "DETACH DELETE p RETURN count(*) AS n"
)
RETRACT_MENTIONS: LiteralString = (
    "UNWIND $pairs AS pair "
    "MATCH (:Passage {id: pair[0]})-[m:MENTIONS]->(:Entity {id: pair[1]}) "
    "DELETE m RETURN count(*) AS n"
)

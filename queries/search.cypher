// Full-text search over entity names and aliases, document titles, passages and evidence quotes,
// ranked by Lucene score (English stemming: "library" finds "Libraries"). A hit on a passage or a
// quote points at its document and paragraph, and at the entities it supports or mentions. Evidence
// quotes of the same paragraph of the same document are one hit, listing every fact they support
// (`factCount` of them), so that one paragraph cited for nine facts does not fill the first page.
// A body's hit carries its identifiers (register code, GSS codes, jurisdiction, short name).
// Parameters: the keys of one map, $search (Neo4j plans a query anew for each new length class
// of a text or list parameter, and this one takes a second or more to plan; a map's values are not
// classed): query — a Lucene query (words, "phrases", prefix*, fuzzy~); types — hit types to keep
//   (entity types, 'Document', 'Passage', 'Evidence') or null; first — how many hits;
//   candidates — how many index hits to consider before the type filter and the grouping;
//   nameBoost — what the score of an entity or a document is multiplied by when it holds at
//   least half of the words typed (a name or a title outranks the passages and quotes that use its
//   words); words — the words typed (their first five letters, common words left out): a hit
//   holding more of them ranks higher, so one word in a short name does not outrank a passage
//   holding all of them; withEntities — whether to list the entities each hit supports or
//   mentions (false: every hit's list is empty, and that work is not done); withFirstEvidence —
//   whether an entity's hit carries the document and paragraph of its first evidence (false:
//   null); withIdentifiers — whether a body's hit carries its identifiers (false: null);
//   withText — whether a hit carries its text, the snippet's source (false: null);
//   abbreviationQuery, abbreviationCandidates — the parameters of `queries/abbreviations.cypher`
//   (query, candidates) for the same words, the query null when no abbreviation the knowledge
//   base could know would change the search (`queries/search.py` says when), which leaves the
//   second full-text call out.
// Returns one row: `hits`, best first, and `abbreviated`, what `queries/abbreviations.cypher`
//   answers for the same words ([] when its query is null). `queries/search.py` builds the
//   Lucene query from the abbreviations it expects the knowledge base to know; when
//   `abbreviated` says otherwise, it asks again with them: one round trip whenever the
//   expectation holds (nearly always).
// Example: :param search => {query: 'library libraries', types: null, first: 20,
//   candidates: 200, nameBoost: 2.0, words: ['libra'], withEntities: true,
//   withFirstEvidence: true, withIdentifiers: true, withText: true,
//   abbreviationQuery: null, abbreviationCandidates: 100}
// The type filter comes first, and ranking reads only the kept candidates' own text; everything
// else is fetched for the page alone, and only what is asked for: each detail is a subquery in a
// CASE (run only for the hits that need it, and only when its flag is set), and the quotes'
// relations are looked up only when the page holds quotes whose entities are asked for.
CALL db.index.fulltext.queryNodes('entity_text', $search.query, {limit: $search.candidates})
  YIELD node, score AS textScore
WITH node, textScore,
     CASE
       WHEN node:Entity THEN node.type
       WHEN node:Passage THEN 'Passage'
       WHEN node:Evidence THEN 'Evidence'
       ELSE 'Document'
     END AS type
WHERE $search.types IS NULL OR type IN $search.types
WITH node, textScore, type,
     toLower(coalesce(node.name, '') + ' ' + coalesce(node.aliasText, '') + ' ' +
             coalesce(node.title, '') + ' ' + coalesce(node.text, '') + ' ' +
             coalesce(node.quote, '')) AS said
WITH node, textScore, type,
     CASE WHEN size($search.words) = 0 THEN 1.0
          ELSE toFloat(size([w IN $search.words WHERE said CONTAINS w])) / size($search.words) END AS coverage
WITH node, type,
     textScore * (0.5 + 0.5 * coverage) *
     CASE WHEN (node:Entity OR node:Document) AND coverage >= 0.5 THEN $search.nameBoost ELSE 1.0 END
       AS score
WITH node, score, type, node.id AS id
WITH node, score, type, id,
     CASE type
       WHEN 'Evidence' THEN [node.document, coalesce(node.paragraph, id)]
       ELSE [id]
     END AS key
ORDER BY score DESC, id
WITH key, type, collect(node) AS nodes, collect(id)[0] AS id, max(score) AS score
WITH nodes[0] AS node, nodes, score, type, id
ORDER BY score DESC, id
LIMIT $search.first
WITH collect({node: node, nodes: nodes, score: score, type: type}) AS page
// The relations the page's quotes are evidence of, found together, each through the index on its
// type's ids: a quote's `factType` as a dynamic type would be served by no index (a scan of every
// relationship for each quote), and naming every type at once would make a seek per type and id.
// The seek is asked for (USING INDEX SEEK): on a small graph the planner would rather scan the
// index, working the list out again for every relationship. Without withEntities,
// `queries/search.py` sends the query without this CALL (relations: []), a third of its text.
CALL (page) {
  WITH [hit IN page WHERE hit.type = 'Evidence' AND $search.withEntities
        | [ev IN hit.nodes | {id: ev.factId, type: coalesce(ev.factType, 'BELONGS_TO')}]] AS facts
  WITH reduce(all = [], some IN facts | all + some) AS facts
  WHERE size(facts) > 0
  CALL (facts) {
    MATCH (a:Entity)-[r:BELONGS_TO]->(b:Entity) USING INDEX SEEK r:BELONGS_TO(id)
    WHERE r.id IN [fact IN facts WHERE fact.type = 'BELONGS_TO' | fact.id] RETURN r, a, b
    UNION ALL
    MATCH (a:Entity)-[r:SUB_ORGANIZATION_OF]->(b:Entity) USING INDEX SEEK r:SUB_ORGANIZATION_OF(id)
    WHERE r.id IN [fact IN facts WHERE fact.type = 'SUB_ORGANIZATION_OF' | fact.id] RETURN r, a, b
    UNION ALL
    MATCH (a:Entity)-[r:SUB_GROUP_OF]->(b:Entity) USING INDEX SEEK r:SUB_GROUP_OF(id)
    WHERE r.id IN [fact IN facts WHERE fact.type = 'SUB_GROUP_OF' | fact.id] RETURN r, a, b
    UNION ALL
    MATCH (a:Entity)-[r:HOLDS]->(b:Entity) USING INDEX SEEK r:HOLDS(id)
    WHERE r.id IN [fact IN facts WHERE fact.type = 'HOLDS' | fact.id] RETURN r, a, b
    UNION ALL
    MATCH (a:Entity)-[r:REPORTS_TO]->(b:Entity) USING INDEX SEEK r:REPORTS_TO(id)
    WHERE r.id IN [fact IN facts WHERE fact.type = 'REPORTS_TO' | fact.id] RETURN r, a, b
    UNION ALL
    MATCH (a:Entity)-[r:HOLDS_PORTFOLIO]->(b:Entity) USING INDEX SEEK r:HOLDS_PORTFOLIO(id)
    WHERE r.id IN [fact IN facts WHERE fact.type = 'HOLDS_PORTFOLIO' | fact.id] RETURN r, a, b
    UNION ALL
    MATCH (a:Entity)-[r:COVERS]->(b:Entity) USING INDEX SEEK r:COVERS(id)
    WHERE r.id IN [fact IN facts WHERE fact.type = 'COVERS' | fact.id] RETURN r, a, b
    UNION ALL
    MATCH (a:Entity)-[r:COULD_SIT_IN]->(b:Entity) USING INDEX SEEK r:COULD_SIT_IN(id)
    WHERE r.id IN [fact IN facts WHERE fact.type = 'COULD_SIT_IN' | fact.id] RETURN r, a, b
    UNION ALL
    MATCH (a:Entity)-[r:CLOSELY_RELATED]->(b:Entity) USING INDEX SEEK r:CLOSELY_RELATED(id)
    WHERE r.id IN [fact IN facts WHERE fact.type = 'CLOSELY_RELATED' | fact.id] RETURN r, a, b
    UNION ALL
    MATCH (a:Entity)-[r:ACCOUNTABLE_FOR]->(b:Entity) USING INDEX SEEK r:ACCOUNTABLE_FOR(id)
    WHERE r.id IN [fact IN facts WHERE fact.type = 'ACCOUNTABLE_FOR' | fact.id] RETURN r, a, b
    UNION ALL
    MATCH (a:Entity)-[r:MEMBER_OF]->(b:Entity) USING INDEX SEEK r:MEMBER_OF(id)
    WHERE r.id IN [fact IN facts WHERE fact.type = 'MEMBER_OF' | fact.id] RETURN r, a, b
    UNION ALL
    MATCH (a:Entity)-[r:SCRUTINISED_BY]->(b:Entity) USING INDEX SEEK r:SCRUTINISED_BY(id)
    WHERE r.id IN [fact IN facts WHERE fact.type = 'SCRUTINISED_BY' | fact.id] RETURN r, a, b
    UNION ALL
    MATCH (a:Entity)-[r:ALIGNED_TO]->(b:Entity) USING INDEX SEEK r:ALIGNED_TO(id)
    WHERE r.id IN [fact IN facts WHERE fact.type = 'ALIGNED_TO' | fact.id] RETURN r, a, b
    UNION ALL
    MATCH (a:Entity)-[r:CONTRIBUTES_TO]->(b:Entity) USING INDEX SEEK r:CONTRIBUTES_TO(id)
    WHERE r.id IN [fact IN facts WHERE fact.type = 'CONTRIBUTES_TO' | fact.id] RETURN r, a, b
    UNION ALL
    MATCH (a:Entity)-[r:REPLACED_BY]->(b:Entity) USING INDEX SEEK r:REPLACED_BY(id)
    WHERE r.id IN [fact IN facts WHERE fact.type = 'REPLACED_BY' | fact.id] RETURN r, a, b
    UNION ALL
    MATCH (a:Entity)-[r:ORIGINAL]->(b:Entity) USING INDEX SEEK r:ORIGINAL(id)
    WHERE r.id IN [fact IN facts WHERE fact.type = 'ORIGINAL' | fact.id] RETURN r, a, b
    UNION ALL
    MATCH (a:Entity)-[r:RESULTED_IN]->(b:Entity) USING INDEX SEEK r:RESULTED_IN(id)
    WHERE r.id IN [fact IN facts WHERE fact.type = 'RESULTED_IN' | fact.id] RETURN r, a, b
    UNION ALL
    MATCH (a:Entity)-[r:DESIGNATED_AS]->(b:Entity) USING INDEX SEEK r:DESIGNATED_AS(id)
    WHERE r.id IN [fact IN facts WHERE fact.type = 'DESIGNATED_AS' | fact.id] RETURN r, a, b
    UNION ALL
    MATCH (a:Entity)-[r:SHARES_MANAGEMENT_WITH]->(b:Entity) USING INDEX SEEK r:SHARES_MANAGEMENT_WITH(id)
    WHERE r.id IN [fact IN facts WHERE fact.type = 'SHARES_MANAGEMENT_WITH' | fact.id] RETURN r, a, b
    UNION ALL
    MATCH (a:Entity)-[r:BROADER]->(b:Entity) USING INDEX SEEK r:BROADER(id)
    WHERE r.id IN [fact IN facts WHERE fact.type = 'BROADER' | fact.id] RETURN r, a, b
    UNION ALL
    MATCH (a:Entity)-[r:CONCERNS]->(b:Entity) USING INDEX SEEK r:CONCERNS(id)
    WHERE r.id IN [fact IN facts WHERE fact.type = 'CONCERNS' | fact.id] RETURN r, a, b
    UNION ALL
    MATCH (a:Entity)-[r:COVERS_AREA]->(b:Entity) USING INDEX SEEK r:COVERS_AREA(id)
    WHERE r.id IN [fact IN facts WHERE fact.type = 'COVERS_AREA' | fact.id] RETURN r, a, b
    UNION ALL
    MATCH (a:Entity)-[r:ADDRESSES]->(b:Entity) USING INDEX SEEK r:ADDRESSES(id)
    WHERE r.id IN [fact IN facts WHERE fact.type = 'ADDRESSES' | fact.id] RETURN r, a, b
    UNION ALL
    MATCH (a:Entity)-[r:PROVIDES]->(b:Entity) USING INDEX SEEK r:PROVIDES(id)
    WHERE r.id IN [fact IN facts WHERE fact.type = 'PROVIDES' | fact.id] RETURN r, a, b
  }
  RETURN collect({id: r.id, type: type(r),
                  ends: [a {.id, .type, .name, .status}, b {.id, .type, .name, .status}]})
           AS relations
}
UNWIND page AS hit
WITH hit.node AS node, hit.nodes AS nodes, hit.score AS score, hit.type AS type, relations
WITH node, nodes, score, type, relations,
     CASE WHEN type IN ['Passage', 'Evidence']
       THEN COLLECT { MATCH (document:Document {id: node.document})
                      RETURN document {.title, .name} }[0]
     END AS document,
     CASE WHEN type = 'Evidence' AND size(nodes) = 1
       THEN COLLECT { MATCH (fact:Entity {id: node.factId}) RETURN fact.name }[0]
     END AS factName,
     CASE WHEN $search.withFirstEvidence AND node:Entity
       THEN COLLECT { MATCH (ev:Evidence {factId: node.id})
                      RETURN ev {.document, .paragraph} ORDER BY ev.document, ev.paragraph
                      LIMIT 1 }[0]
     END AS firstEvidence
WITH {
  id: node.id,
  type: type,
  score: score,
  name: CASE type
          WHEN 'Passage' THEN coalesce(document.title, document.name, node.document)
          WHEN 'Evidence' THEN CASE size(nodes)
            WHEN 1 THEN coalesce(factName, document.title, document.name, node.document)
            ELSE coalesce(document.title, document.name, node.document)
          END
          WHEN 'Document' THEN coalesce(node.title, node.name)
          ELSE node.name
        END,
  text: CASE
          WHEN NOT $search.withText THEN null
          WHEN type = 'Passage' THEN node.text
          WHEN type = 'Evidence' THEN node.quote
          WHEN type = 'Document' THEN coalesce(node.title, node.name)
          ELSE coalesce(node.name + ' (' + node.aliasText + ')', node.name)
        END,
  documentId: CASE type
                WHEN 'Document' THEN node.id
                WHEN 'Passage' THEN node.document
                WHEN 'Evidence' THEN node.document
                ELSE firstEvidence.document
              END,
  paragraph: CASE type
               WHEN 'Passage' THEN node.number
               WHEN 'Evidence' THEN node.paragraph
               WHEN 'Document' THEN null
               ELSE firstEvidence.paragraph
             END,
  factCount: CASE type WHEN 'Evidence' THEN size(nodes) ELSE 0 END,
  identifiers: CASE WHEN $search.withIdentifiers AND node:Body
                 THEN node {.register_code, .gss_code, .former_gss_codes, .jurisdiction,
                            .short_name} END,
  supports: CASE
              WHEN NOT $search.withEntities OR type = 'Document' THEN []
              WHEN type = 'Passage' THEN COLLECT {
                MATCH (node)-[:MENTIONS]->(e:Entity) RETURN DISTINCT e {.id, .type, .name, .status}
              }
              WHEN type = 'Evidence' THEN COLLECT {
                UNWIND nodes AS ev
                WITH ev.factId AS factId, coalesce(ev.factType, 'BELONGS_TO') AS factType
                CALL (factId, factType, relations) {
                  MATCH (e:Entity {id: factId})
                  RETURN e {.id, .type, .name, .status} AS e
                  UNION
                  UNWIND [relation IN relations
                          WHERE relation.id = factId AND relation.type = factType] AS relation
                  UNWIND relation.ends AS e
                  RETURN e
                }
                RETURN DISTINCT e
              }
              ELSE [node {.id, .type, .name, .status}]
            END
} AS hit
ORDER BY hit.score DESC, hit.id
WITH collect(hit) AS hits
// What `queries/abbreviations.cypher` answers for the same words, read in the same transaction.
CALL () {
  WITH $search.abbreviationQuery AS query
  WHERE query IS NOT NULL
  CALL db.index.fulltext.queryNodes('entity_names', query, {limit: $search.abbreviationCandidates})
    YIELD node AS n
  WITH n
  WHERE n:Entity AND any(alias IN coalesce(n.aliases, []) WHERE alias =~ '[A-Z][A-Z0-9]{1,5}')
  RETURN collect(n {
    .name, .aliases,
    bodies: COLLECT { MATCH (n)-[:BELONGS_TO|SUB_ORGANIZATION_OF]->(b:Body) RETURN b.name }
  }) AS abbreviated
}
RETURN hits, abbreviated

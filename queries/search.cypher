// Full-text search over entity names and aliases, document titles, passages and evidence quotes,
// ranked by Lucene score (English stemming: "library" finds "Libraries"). A hit on a passage or a
// quote points at its document and paragraph, and at the entities it supports or mentions. Evidence
// quotes of the same paragraph of the same document are one hit, listing every fact they support
// (`factCount` of them), so that one paragraph cited for nine facts does not fill the first page.
// A body's hit carries its identifiers (register code, GSS codes, jurisdiction, short name).
// Parameters: $query — a Lucene query (words, "phrases", prefix*, fuzzy~); $types — hit types to keep
//   (entity types, 'Document', 'Passage', 'Evidence') or null; $first — how many hits;
//   $candidates — how many index hits to consider before the type filter and the grouping;
//   $nameBoost — what the score of an entity or a document is multiplied by when it holds at
//   least half of the words typed (a name or a title outranks the passages and quotes that use its
//   words); $words — the words typed (their first five letters, common words left out): a hit
//   holding more of them ranks higher, so one word in a short name does not outrank a passage
//   holding all of them.
// Example: :param query => 'library libraries'; :param types => null; :param first => 20;
//   :param candidates => 200; :param nameBoost => 2.0;
//   :param words => ['libra']
CALL db.index.fulltext.queryNodes('entity_text', $query, {limit: $candidates})
  YIELD node, score AS textScore
WITH node, textScore,
     toLower(coalesce(node.name, '') + ' ' + coalesce(node.aliasText, '') + ' ' +
             coalesce(node.title, '') + ' ' + coalesce(node.text, '') + ' ' +
             coalesce(node.quote, '')) AS said
WITH node, textScore,
     CASE WHEN size($words) = 0 THEN 1.0
          ELSE toFloat(size([w IN $words WHERE said CONTAINS w])) / size($words) END AS coverage
WITH node,
     textScore * (0.5 + 0.5 * coverage) *
     CASE WHEN (node:Entity OR node:Document) AND coverage >= 0.5 THEN $nameBoost ELSE 1.0 END
       AS score,
     CASE
       WHEN node:Entity THEN node.type
       WHEN node:Passage THEN 'Passage'
       WHEN node:Evidence THEN 'Evidence'
       ELSE 'Document'
     END AS type
WHERE $types IS NULL OR type IN $types
WITH node, score, type,
     CASE type
       WHEN 'Evidence' THEN [node.document, coalesce(node.paragraph, node.id)]
       ELSE [node.id]
     END AS key
ORDER BY score DESC, node.id
WITH key, type, collect(node) AS nodes, max(score) AS score
WITH nodes[0] AS node, nodes, score, type
ORDER BY score DESC, node.id
LIMIT $first
OPTIONAL MATCH (document:Document {id: coalesce(node.document, '')})
OPTIONAL MATCH (fact:Entity {id: coalesce(node.factId, '')})
RETURN {
  id: node.id,
  type: type,
  score: score,
  name: CASE type
          WHEN 'Passage' THEN coalesce(document.title, document.name, node.document)
          WHEN 'Evidence' THEN CASE size(nodes)
            WHEN 1 THEN coalesce(fact.name, document.title, document.name, node.document)
            ELSE coalesce(document.title, document.name, node.document)
          END
          WHEN 'Document' THEN coalesce(node.title, node.name)
          ELSE node.name
        END,
  text: CASE type
          WHEN 'Passage' THEN node.text
          WHEN 'Evidence' THEN node.quote
          WHEN 'Document' THEN coalesce(node.title, node.name)
          ELSE coalesce(node.name + ' (' + node.aliasText + ')', node.name)
        END,
  documentId: CASE type
                WHEN 'Document' THEN node.id
                WHEN 'Passage' THEN node.document
                WHEN 'Evidence' THEN node.document
                ELSE COLLECT { MATCH (ev:Evidence {factId: node.id}) RETURN ev.document
                               ORDER BY ev.document, ev.paragraph LIMIT 1 }[0]
              END,
  paragraph: CASE type
               WHEN 'Passage' THEN node.number
               WHEN 'Evidence' THEN node.paragraph
               WHEN 'Document' THEN null
               ELSE COLLECT { MATCH (ev:Evidence {factId: node.id}) RETURN ev.paragraph
                              ORDER BY ev.document, ev.paragraph LIMIT 1 }[0]
             END,
  factCount: CASE type WHEN 'Evidence' THEN size(nodes) ELSE 0 END,
  identifiers: CASE WHEN node:Body
                 THEN node {.register_code, .gss_code, .former_gss_codes, .jurisdiction,
                            .short_name} END,
  supports: CASE type
              WHEN 'Passage' THEN COLLECT {
                MATCH (node)-[:MENTIONS]->(e:Entity) RETURN DISTINCT e {.id, .type, .name, .status}
              }
              WHEN 'Evidence' THEN COLLECT {
                UNWIND nodes AS ev
                CALL (ev) {
                  MATCH (e:Entity {id: ev.factId})
                  RETURN e
                  UNION
                  MATCH (a:Entity)-[:$(coalesce(ev.factType, 'BELONGS_TO')) {id: ev.factId}]->(b:Entity)
                  UNWIND [a, b] AS e
                  RETURN e
                }
                RETURN DISTINCT e {.id, .type, .name, .status}
              }
              WHEN 'Document' THEN []
              ELSE [node {.id, .type, .name, .status}]
            END
} AS hit
ORDER BY hit.score DESC, hit.id

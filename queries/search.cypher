// Full-text search over entity names and aliases, document titles, passages and evidence quotes,
// ranked by Lucene score. A hit on a passage or a quote points at its document and paragraph, and
// at the entities it supports or mentions.
// Parameters: $query — a Lucene query (words, "phrases", prefix*, fuzzy~); $types — hit types to keep
//   (entity types, 'Document', 'Passage', 'Evidence') or null; $first — how many hits;
//   $candidates — how many index hits to consider before the type filter.
// Example: :param query => 'libraries'; :param types => null; :param first => 20;
//   :param candidates => 200
CALL db.index.fulltext.queryNodes('entity_text', $query, {limit: $candidates})
  YIELD node, score
WITH node, score,
     CASE
       WHEN node:Entity THEN node.type
       WHEN node:Passage THEN 'Passage'
       WHEN node:Evidence THEN 'Evidence'
       ELSE 'Document'
     END AS type
WHERE $types IS NULL OR type IN $types
WITH node, score, type
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
          WHEN 'Evidence' THEN coalesce(fact.name, document.title, document.name, node.document)
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
  supports: CASE type
              WHEN 'Passage' THEN COLLECT {
                MATCH (node)-[:MENTIONS]->(e:Entity) RETURN DISTINCT e {.id, .type, .name, .status}
              }
              WHEN 'Evidence' THEN CASE
                WHEN fact IS NOT NULL THEN [fact {.id, .type, .name, .status}]
                ELSE COLLECT {
                  MATCH (a:Entity)-[r:$(coalesce(node.factType, 'BELONGS_TO')) {id: node.factId}]->(b:Entity)
                  UNWIND [a, b] AS e
                  RETURN e {.id, .type, .name, .status}
                }
              END
              WHEN 'Document' THEN []
              ELSE [node {.id, .type, .name, .status}]
            END
} AS hit
ORDER BY hit.score DESC, hit.id

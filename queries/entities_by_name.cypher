// Candidates for a typed name: entities whose name or alias shares a word with it, as typed or within
// an edit or two (the `entity_names` index, no stemming), best first, each with the bodies it belongs
// to (a post's or a unit's body, or the bodies of a person's posts). `queries/names.py` keeps those
// close enough once a body suffix is set aside; `entities_by_ids` then gives them in full.
// Parameters: $query — a Lucene query built by `fuzzy_name_query` (words with ~, the name as a
//   phrase); $types — entity types to keep, or null for all; $candidates — how many to consider.
// Example: :param query => 'chief operating~2 oficer~1 "chief operating oficer"^4';
//   :param types => null; :param candidates => 300
CALL db.index.fulltext.queryNodes('entity_names', $query, {limit: $candidates})
  YIELD node AS n, score
WITH n, score
WHERE n:Entity AND ($types IS NULL OR n.type IN $types)
RETURN n {
  .id, .type, .name, .aliases,
  bodies: COLLECT {
    MATCH (n)-[:BELONGS_TO|SUB_ORGANIZATION_OF]->(b:Body)
    RETURN b {.id, .type, .name, .status, .aliases} AS body
    UNION
    MATCH (n)-[:HOLDS]->(:Post)-[:BELONGS_TO]->(b:Body)
    RETURN b {.id, .type, .name, .status, .aliases} AS body
  },
  score: score
} AS candidate
ORDER BY score DESC, n.id

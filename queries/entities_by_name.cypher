// Candidates for a typed name: entities whose name or alias shares a word with it, as typed or within
// an edit or two (the `entity_names` index, no stemming), best first, as one list (one record: the
// driver reads a record at a time, and a few hundred of them cost more than the lookup). Each comes
// with what an entity's summary holds. `queries/names.py` keeps those close enough once a body suffix
// is set aside: the bodies of the few it cannot decide without them come from `entity_bodies`.
// Parameters: $query — a Lucene query built by `fuzzy_name_query` (words with ~, the name as a
//   phrase); $types — entity types to keep, or null for all; $candidates — how many to consider.
// Example: :param query => 'chief operating~2 oficer~1 "chief operating oficer"^4';
//   :param types => null; :param candidates => 300
CALL db.index.fulltext.queryNodes('entity_names', $query, {limit: $candidates})
  YIELD node AS n, score
WITH n, score
WHERE n:Entity AND ($types IS NULL OR n.type IN $types)
WITH n, score ORDER BY score DESC, n.id
RETURN collect(n {.id, .type, .name, .aliases, .status, .validFrom, .validTo, score: score})
  AS candidates

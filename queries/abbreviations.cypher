// Abbreviations the knowledge base knows, for the words of a search: entities that the
// `entity_names` index finds by any of those words and that have an alias in capitals (DPH, WMCA,
// COO), with their names, aliases and the names of their bodies. `queries/search.py` adds the name
// to the search when its abbreviation was typed, and the abbreviation when the name was.
// Parameters: $query — the typed words, any of them (a Lucene query); $candidates — how many
//   index hits to consider.
// Example: :param query => 'salary chief operating officer'; :param candidates => 100
CALL db.index.fulltext.queryNodes('entity_names', $query, {limit: $candidates})
  YIELD node AS n
WITH n
WHERE n:Entity AND any(alias IN coalesce(n.aliases, []) WHERE alias =~ '[A-Z][A-Z0-9]{1,5}')
RETURN n {
  .name, .aliases,
  bodies: COLLECT { MATCH (n)-[:BELONGS_TO|SUB_ORGANIZATION_OF]->(b:Body) RETURN b.name }
} AS entity

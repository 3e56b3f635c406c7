// One page of entities, filtered and sorted, with the total count of matches.
// Parameters: $type — an entity type or null; $body — a body id or null (its portfolios, posts,
//   committees... and the services they cover); $asOf — a date or null (entities valid then);
//   $nameContains — text or null (case does not matter); $sortBy — 'name', 'validFrom', 'type'
//   or 'id'; $descending — true or false; $offset, $limit — the page.
// Example: :param type => 'Post'; :param body => null; :param asOf => null;
//   :param nameContains => 'director'; :param sortBy => 'name'; :param descending => false;
//   :param offset => 0; :param limit => 20
CALL () {
  MATCH (n:Entity)
  WHERE ($type IS NULL OR n.type = $type)
    AND ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
    AND ($asOf IS NULL OR ((n.validFrom IS NULL OR n.validFrom <= $asOf)
                           AND (n.validTo IS NULL OR n.validTo >= $asOf)))
    AND ($body IS NULL
         OR EXISTS { (n)-[:BELONGS_TO]->(:Entity {id: $body}) }
         OR EXISTS { (n)<-[:COVERS]-()-[:BELONGS_TO]->(:Entity {id: $body}) })
  RETURN count(n) AS total
}
CALL () {
  MATCH (n:Entity)
  WHERE ($type IS NULL OR n.type = $type)
    AND ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
    AND ($asOf IS NULL OR ((n.validFrom IS NULL OR n.validFrom <= $asOf)
                           AND (n.validTo IS NULL OR n.validTo >= $asOf)))
    AND ($body IS NULL
         OR EXISTS { (n)-[:BELONGS_TO]->(:Entity {id: $body}) }
         OR EXISTS { (n)<-[:COVERS]-()-[:BELONGS_TO]->(:Entity {id: $body}) })
  WITH n, CASE $sortBy
            WHEN 'validFrom' THEN toString(n.validFrom)
            WHEN 'type' THEN n.type
            WHEN 'id' THEN n.id
            ELSE toLower(n.name)
          END AS key
  ORDER BY CASE WHEN $descending THEN null ELSE key END ASC,
           CASE WHEN $descending THEN key END DESC,
           n.id
  SKIP $offset LIMIT $limit
  RETURN collect(n {
    .id, .type, .name, .aliases, .description, .status, .validFrom, .validTo,
    properties: properties(n),
    evidence: COLLECT {
      MATCH (ev:Evidence {factId: n.id})
      RETURN ev {documentId: ev.document, .documentTitle, .documentDate,
                 .paragraph, .quote, .origin, .confidence} AS evidence
      ORDER BY ev.documentDate, ev.paragraph
    }
  }) AS page
}
RETURN total, page

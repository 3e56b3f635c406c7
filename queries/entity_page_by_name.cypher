// One page of entities of a type whose name holds a text (any case), sorted, with the number of
// them when asked: the type's label and its text index on `nameLower` find the matches, counted
// in one pass and paged in another that keeps only the top of the order (cheaper than sorting
// every match). The API runs it with the type's label in place of the entities' label on `n` and
// its sort key in the ORDER BY (see queries/entity_page.py); as written it pages every entity
// whose name holds the text.
// Parameters: $nameContains — the text, lower-cased; $asOf — a date or null (entities valid
//   then); $offset, $limit — the page (the API asks one more than it shows, to know whether a
//   next page follows); $withTotal — count every match (or give null); $withDetails — each
//   entity's aliases, description and properties (or nulls); $withEvidence — each entity's
//   evidence (or an empty list).
// Example: :param nameContains => 'officer 1'; :param asOf => null; :param offset => 0;
//   :param limit => 21; :param withTotal => true; :param withDetails => false;
//   :param withEvidence => false
CALL () {
  UNWIND CASE WHEN $withTotal THEN [true] ELSE [] END AS wanted
  MATCH (n:Entity)
  WHERE n.nameLower CONTAINS $nameContains
    AND ($asOf IS NULL OR ((n.validFrom IS NULL OR n.validFrom <= $asOf)
                           AND (n.validTo IS NULL OR n.validTo >= $asOf)))
  RETURN count(n) AS total
}
CALL () {
  MATCH (n:Entity)
  WHERE n.nameLower CONTAINS $nameContains
    AND ($asOf IS NULL OR ((n.validFrom IS NULL OR n.validFrom <= $asOf)
                           AND (n.validTo IS NULL OR n.validTo >= $asOf)))
  WITH n ORDER BY n.nameLower, n.id
  SKIP $offset LIMIT $limit
  RETURN collect(n {
    .id, .type, .name, .status, .validFrom, .validTo,
    aliases: CASE WHEN $withDetails THEN n.aliases END,
    description: CASE WHEN $withDetails THEN n.description END,
    properties: CASE WHEN $withDetails THEN properties(n) END,
    evidence: COLLECT {
      UNWIND CASE WHEN $withEvidence THEN [n.id] ELSE [] END AS fact
      MATCH (ev:Evidence {factId: fact})
      RETURN ev {documentId: ev.document, .documentTitle, .documentDate,
                 .paragraph, .quote, .origin, .confidence} AS evidence
      ORDER BY ev.documentDate, ev.paragraph
    }
  }) AS page
}
RETURN CASE WHEN $withTotal THEN total END AS total, page

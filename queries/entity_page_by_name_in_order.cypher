// One page of entities of a type whose name holds a text (any case), sorted by name, with the
// number of them when asked. The matches are counted through the type's text index on
// `nameLower` (no property read), asked or not: the count chooses how the page is read. When
// they are a large enough share of the type (`$orderedShare`: at least one in that many), the
// page is read in the order of the type's range index on `nameLower`, the text tested on the
// index's values, until the page is full: no sort, and no property read but the page's own.
// Otherwise the text index finds the matches and only the top of the order is kept. The API runs
// it with the type's label in place of the entities' label on `n` and the direction in the ORDER
// BY (see queries/entity_page.py); as written it pages every entity whose name holds the text,
// by name.
// Parameters: $nameContains — the text, lower-cased; $asOf — a date or null (entities valid
//   then); $offset, $limit — the page (the API asks one more than it shows, to know whether a
//   next page follows); $orderedShare — read in the index's order when the matches are at least
//   one in that many of the type's entities; $withTotal — give the number of matches (or null);
//   $withDetails — each entity's aliases, description and properties (or nulls); $withEvidence —
//   each entity's evidence (or an empty list).
// Example: :param nameContains => 'officer 1'; :param asOf => null; :param offset => 0;
//   :param limit => 21; :param orderedShare => 8; :param withTotal => true;
//   :param withDetails => false; :param withEvidence => false
CALL () {
  MATCH (n:Entity)
  WHERE n.nameLower CONTAINS $nameContains
    AND ($asOf IS NULL OR ((n.validFrom IS NULL OR n.validFrom <= $asOf)
                           AND (n.validTo IS NULL OR n.validTo >= $asOf)))
  RETURN count(n) AS total
}
CALL () {
  MATCH (n:Entity)
  RETURN count(n) AS typed
}
// Each branch runs only when its condition holds: the page's subquery imports nothing, so that
// the range index's order reaches its ORDER BY.
CALL (total, typed) {
  WITH total, typed WHERE total * $orderedShare >= typed
  CALL () {
    MATCH (n:Entity) USING RANGE INDEX n:Entity(nameLower)
    WHERE n.nameLower CONTAINS $nameContains
      AND ($asOf IS NULL OR ((n.validFrom IS NULL OR n.validFrom <= $asOf)
                             AND (n.validTo IS NULL OR n.validTo >= $asOf)))
    WITH n ORDER BY n.nameLower, n.id
    SKIP $offset LIMIT $limit
    RETURN collect(n) AS found
  }
  RETURN found
  UNION ALL
  WITH total, typed WHERE total * $orderedShare < typed
  CALL () {
    MATCH (n:Entity)
    WHERE n.nameLower CONTAINS $nameContains
      AND ($asOf IS NULL OR ((n.validFrom IS NULL OR n.validFrom <= $asOf)
                             AND (n.validTo IS NULL OR n.validTo >= $asOf)))
    WITH n ORDER BY n.nameLower, n.id
    SKIP $offset LIMIT $limit
    RETURN collect(n) AS found
  }
  RETURN found
}
// The evidence's COLLECT reads `n` itself under a CASE: a COLLECT over an UNWIND of `n.id` keeps
// Neo4j from taking the names from the range index (it then reads the name of every entity the
// scan passes).
RETURN CASE WHEN $withTotal THEN total END AS total,
       [n IN found | n {
         .id, .type, .name, .status, .validFrom, .validTo,
         aliases: CASE WHEN $withDetails THEN n.aliases END,
         description: CASE WHEN $withDetails THEN n.description END,
         properties: CASE WHEN $withDetails THEN properties(n) END,
         evidence: CASE WHEN $withEvidence THEN COLLECT {
           MATCH (ev:Evidence {factId: n.id})
           RETURN ev {documentId: ev.document, .documentTitle, .documentDate,
                      .paragraph, .quote, .origin, .confidence} AS evidence
           ORDER BY ev.documentDate, ev.paragraph
         } ELSE [] END
       }] AS page

// One page of a body's entities (its portfolios, posts, committees... and the services they
// cover) of a type, sorted, with the number of them when asked: found from the body, not among
// every entity. The API runs it with the type's label in place of the entities' label on `n`
// and its sort key in the ORDER BY (see queries/entity_page.py); as written it pages all of them
// by name.
// Parameters: $body — the body's id; $nameContains — text the name holds, lower-cased, or null;
//   $asOf — a date or null (entities valid then); $offset, $limit — the page (the API asks one
//   more than it shows, to know whether a next page follows); $withTotal — count every match (or
//   give null); $withDetails — each entity's aliases, description and properties (or nulls);
//   $withEvidence — each entity's evidence (or an empty list).
// Example: :param body => 'body:cheshire-east-council'; :param nameContains => null;
//   :param asOf => null; :param offset => 0; :param limit => 21; :param withTotal => true;
//   :param withDetails => false; :param withEvidence => false
MATCH (body:Entity {id: $body})
CALL (body) {
  MATCH (n:Entity)-[:BELONGS_TO]->(body)
  RETURN n
  UNION
  MATCH (n:Entity)<-[:COVERS]-()-[:BELONGS_TO]->(body)
  RETURN n
}
WITH n
WHERE ($nameContains IS NULL OR n.nameLower CONTAINS $nameContains)
  AND ($asOf IS NULL OR ((n.validFrom IS NULL OR n.validFrom <= $asOf)
                         AND (n.validTo IS NULL OR n.validTo >= $asOf)))
WITH n ORDER BY n.nameLower, n.id
WITH collect(n) AS matches
RETURN CASE WHEN $withTotal THEN size(matches) END AS total,
       [n IN matches[$offset..($offset + $limit)] | n {
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
       }] AS page

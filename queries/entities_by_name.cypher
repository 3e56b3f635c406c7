// Entities whose name or one of whose aliases is exactly this name (case does not matter).
// Parameters: $phrase — the name as a quoted Lucene phrase (finds the candidates in `entity_text`);
//             $name — the name itself; $types — entity types to keep, or null for all.
// Example: :param phrase => '"Chief Executive"'; :param name => 'Chief Executive'; :param types => null
CALL db.index.fulltext.queryNodes('entity_text', $phrase) YIELD node AS n
WITH n
WHERE n:Entity
  AND ($types IS NULL OR n.type IN $types)
  AND (toLower(n.name) = toLower($name)
       OR any(alias IN coalesce(n.aliases, []) WHERE toLower(alias) = toLower($name)))
RETURN n {
  .id, .type, .name, .aliases, .description, .status, .validFrom, .validTo,
  properties: properties(n),
  evidence: COLLECT {
    MATCH (ev:Evidence {factId: n.id})-[:FROM_DOCUMENT]->(d:Document)
    RETURN {documentId: d.id, documentTitle: coalesce(d.title, d.name), documentDate: d.date,
            paragraph: ev.paragraph, quote: ev.quote, origin: ev.origin,
            confidence: ev.confidence} AS evidence
    ORDER BY d.date, ev.paragraph
  }
} AS entity
ORDER BY n.type, n.name, n.id

// Entities by id, each with its type-specific facts and the evidence behind it.
// Parameters: $ids — a list of entity ids.
// Example: :param ids => ['body:example-council', 'post:example-council:chief-executive']
UNWIND $ids AS id
MATCH (n:Entity {id: id})
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

// Entities by id, each with its type-specific facts and the evidence behind it.
// Parameters: $ids — a list of entity ids.
// Example: :param ids => ['body:example-council', 'post:example-council:chief-executive']
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n {
  .id, .type, .name, .aliases, .description, .status, .validFrom, .validTo,
  properties: properties(n),
  evidence: COLLECT {
    MATCH (ev:Evidence {factId: n.id})
    RETURN ev {documentId: ev.document, .documentTitle, .documentDate,
               .paragraph, .quote, .origin, .confidence} AS evidence
    ORDER BY ev.documentDate, ev.paragraph
  }
} AS entity

// What is related to a service without being accountability for it: the priorities and outcomes
// that address it (ADDRESSES) and the bodies that provide or commission it (PROVIDES), for the
// service and its narrower services of the vocabulary, with their evidence. A line belongs to the
// providing body, or to the bodies its priority belongs to (for one that belongs to none, the
// bodies of its documents). The accountability answer adds these only when asked to.
// Parameters: $service — a service id; $asOf — a date (only facts valid then) or null.
// Example: :param service => 'service:probation'; :param asOf => null
MATCH (asked:Service {id: $service})
MATCH (service:Service)-[:BROADER*0..4]->(asked)
WITH DISTINCT service
MATCH (entity:Entity)-[r:ADDRESSES|PROVIDES]->(service)
WHERE $asOf IS NULL
   OR ((r.validFrom IS NULL OR r.validFrom <= $asOf)
       AND (r.validTo IS NULL OR r.validTo >= $asOf))
WITH service, entity, r,
     CASE WHEN entity:Body THEN [entity {.id, .type, .name, .status, .validFrom, .validTo}]
     ELSE COLLECT {
       MATCH (entity)-[:BELONGS_TO]->(body:Body)
       RETURN body {.id, .type, .name, .status, .validFrom, .validTo}
     } END AS owners
WITH service, entity, r,
     CASE WHEN size(owners) > 0 THEN owners ELSE COLLECT {
       MATCH (ev:Evidence)-[:FROM_DOCUMENT]->(d:Document)
       WHERE ev.factId IN [r.id, entity.id]
       MATCH (body:Body {id: d.body})
       RETURN DISTINCT body {.id, .type, .name, .status, .validFrom, .validTo}
     } END AS bodies
RETURN {
  service: service {.id, .type, .name, .status, .validFrom, .validTo},
  relationId: r.id, relationType: type(r), wording: r.wording, role: r.role, status: r.status,
  validFrom: r.validFrom, validTo: r.validTo,
  entity: entity {.id, .type, .name, .status, .validFrom, .validTo},
  bodies: bodies,
  evidence: COLLECT {
    MATCH (ev:Evidence {factId: r.id})
    RETURN ev {documentId: ev.document, .documentTitle, .documentDate,
               .paragraph, .quote, .origin, .confidence} AS evidence
    ORDER BY ev.documentDate, ev.paragraph
  }
} AS line
ORDER BY line.relationType, line.entity.name, line.service.name

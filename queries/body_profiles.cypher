// What each of some bodies has, for setting them side by side: its priorities (its own and those
// its portfolios, groups and posts are aligned to), portfolios, posts, and the services its
// portfolios, posts, committees and groups cover (alternatives left out). Each item carries the
// evidence of the facts that make it the body's (its BELONGS_TO, ALIGNED_TO or COVERS relations),
// each passage once.
// Parameters: $bodies — body ids; $asOf — a date (only facts valid then) or null.
// Example: :param bodies => ['body:council-a', 'body:council-b']; :param asOf => null
UNWIND $bodies AS bodyId
MATCH (body:Body {id: bodyId})
CALL (body) {
  MATCH (member:Entity)-[belongs:BELONGS_TO]->(body)
  WHERE coalesce(member.status, '') <> 'alternative'
    AND ($asOf IS NULL OR ((member.validFrom IS NULL OR member.validFrom <= $asOf)
                           AND (member.validTo IS NULL OR member.validTo >= $asOf)
                           AND (belongs.validFrom IS NULL OR belongs.validFrom <= $asOf)
                           AND (belongs.validTo IS NULL OR belongs.validTo >= $asOf)))
  RETURN collect({item: member, via: belongs.id}) AS members
}
CALL (members) {
  UNWIND members AS found
  WITH found.item AS member
  MATCH (member)-[r:ALIGNED_TO|COVERS]->(target:Entity)
  WHERE coalesce(r.status, '') <> 'alternative'
    AND ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf)
                           AND (r.validTo IS NULL OR r.validTo >= $asOf)))
  RETURN collect({item: target, via: r.id}) AS reached
}
UNWIND members + reached AS found
WITH body, found.item AS item, found.via AS via
WHERE item.type IN ['Priority', 'Outcome', 'Portfolio', 'Post', 'Service']
WITH body, item, collect(DISTINCT via) AS vias
ORDER BY item.name
WITH body, collect(item {
  .id, .type, .name, .aliases, .status, .validFrom, .validTo,
  evidence: COLLECT {
    MATCH (ev:Evidence)
    WHERE ev.factId IN vias
    RETURN DISTINCT ev {documentId: ev.document, .documentTitle, .documentDate,
                        .paragraph, .quote, .origin, .confidence} AS evidence
    ORDER BY evidence.documentDate, evidence.paragraph
  }
}) AS items
RETURN {
  body: body {.id, .type, .name, .status, .validFrom, .validTo},
  priorities: [x IN items WHERE x.type IN ['Priority', 'Outcome']],
  portfolios: [x IN items WHERE x.type = 'Portfolio'],
  posts: [x IN items WHERE x.type = 'Post'],
  services: [x IN items WHERE x.type = 'Service'],
  sharesManagement: COLLECT {
    MATCH (body)-[r:SHARES_MANAGEMENT_WITH]-(other:Body) WHERE other.id IN $bodies
    RETURN r.id
  }
} AS profile

// What each of some bodies has, for setting them side by side: its priorities (its own and those
// its portfolios, groups and posts are aligned to), portfolios, posts, and the services its
// portfolios, posts, committees and groups cover (alternatives left out).
// Parameters: $bodies — body ids; $asOf — a date (only facts valid then) or null.
// Example: :param bodies => ['body:council-a', 'body:council-b']; :param asOf => null
UNWIND $bodies AS bodyId
MATCH (body:Body {id: bodyId})
CALL (body) {
  MATCH (member:Entity)-[belongs:BELONGS_TO]->(body)
  WHERE coalesce(member.status, '') <> 'alternative'
    AND ($asOf IS NULL OR ((member.validFrom IS NULL OR date(member.validFrom) <= $asOf)
                           AND (member.validTo IS NULL OR date(member.validTo) >= $asOf)
                           AND (belongs.validFrom IS NULL OR date(belongs.validFrom) <= $asOf)
                           AND (belongs.validTo IS NULL OR date(belongs.validTo) >= $asOf)))
  RETURN collect(member) AS members
}
CALL (members) {
  UNWIND members AS member
  MATCH (member)-[r:ALIGNED_TO|COVERS]->(target:Entity)
  WHERE coalesce(r.status, '') <> 'alternative'
    AND ($asOf IS NULL OR ((r.validFrom IS NULL OR date(r.validFrom) <= $asOf)
                           AND (r.validTo IS NULL OR date(r.validTo) >= $asOf)))
  RETURN collect(DISTINCT target) AS reached
}
WITH body, members + reached AS items
UNWIND items AS item
WITH body, item
WHERE item.type IN ['Priority', 'Outcome', 'Portfolio', 'Post', 'Service']
WITH body, item ORDER BY item.name
WITH body, collect(DISTINCT item {.id, .type, .name, .aliases, .status, .validFrom, .validTo}) AS items
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

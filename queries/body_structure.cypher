// A body's structure as of a date: its portfolios (with the posts and people holding them and the
// services they cover), its posts (with their holders and whom they report to), and its
// committees, partnership groups, priorities and outcomes. Alternatives are left out.
// Parameters: $body — a body id; $asOf — a date, or null for everything ever recorded.
// Example: :param body => 'body:example-council'; :param asOf => date('2012-06-01')
MATCH (body:Body {id: $body})
CALL (body) {
  MATCH (member:Entity)-[belongs:BELONGS_TO]->(body)
  WHERE coalesce(member.status, '') <> 'alternative'
    AND ($asOf IS NULL OR ((member.validFrom IS NULL OR date(member.validFrom) <= $asOf)
                           AND (member.validTo IS NULL OR date(member.validTo) >= $asOf)
                           AND (belongs.validFrom IS NULL OR date(belongs.validFrom) <= $asOf)
                           AND (belongs.validTo IS NULL OR date(belongs.validTo) >= $asOf)))
  WITH member ORDER BY member.type, member.name
  RETURN collect(member {
    .id, .type, .name, .status, .validFrom, .validTo,
    links: COLLECT {
      MATCH (member)-[r]-(other:Entity)
      WHERE type(r) IN ['HOLDS', 'HOLDS_PORTFOLIO', 'COVERS', 'REPORTS_TO', 'DESIGNATED_AS',
                        'MEMBER_OF', 'ACCOUNTABLE_FOR', 'ALIGNED_TO', 'SUB_GROUP_OF']
        AND coalesce(r.status, '') <> 'alternative'
        AND ($asOf IS NULL OR ((r.validFrom IS NULL OR date(r.validFrom) <= $asOf)
                               AND (r.validTo IS NULL OR date(r.validTo) >= $asOf)))
      RETURN {id: r.id, type: type(r), outgoing: startNode(r) = member, kind: r.kind,
              capacity: r.capacity, role: r.role, wording: r.wording, status: r.status,
              validFrom: r.validFrom, validTo: r.validTo,
              other: other {.id, .type, .name, .status, .validFrom, .validTo},
              evidence: COLLECT {
                MATCH (ev:Evidence {factId: r.id})-[:FROM_DOCUMENT]->(d:Document)
                RETURN {documentId: d.id, documentTitle: coalesce(d.title, d.name),
                        documentDate: d.date, paragraph: ev.paragraph, quote: ev.quote,
                        origin: ev.origin, confidence: ev.confidence} AS evidence
                ORDER BY d.date, ev.paragraph
              }} AS link
      ORDER BY link.type, link.other.name
    }
  }) AS members
}
RETURN {
  body: body {.id, .type, .name, .status, .validFrom, .validTo},
  members: members
} AS structure

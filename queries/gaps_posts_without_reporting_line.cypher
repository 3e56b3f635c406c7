// Posts outside every reporting line: they report to no post and no post reports to them (a
// statutory role carried by another post through DESIGNATED_AS sits in that post's line).
// Parameters: $body — a body id or null; $asOf — a date or null.
// Example: :param body => 'body:example-council'; :param asOf => null
// With a body, its posts are reached from it rather than filtered out of every post.
CALL () {
  UNWIND CASE WHEN $body IS NULL THEN [true] ELSE [] END AS everywhere
  MATCH (post:Post)
  RETURN post
  UNION
  MATCH (:Body {id: $body})<-[:BELONGS_TO]-(post:Post)
  RETURN post
}
WITH post
WHERE coalesce(post.status, '') <> 'alternative'
  AND ($asOf IS NULL OR ((post.validFrom IS NULL OR post.validFrom <= $asOf)
                         AND (post.validTo IS NULL OR post.validTo >= $asOf)))
  AND NOT EXISTS {
        MATCH (post)-[r:REPORTS_TO]-(:Post)
        WHERE $asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf)
                                AND (r.validTo IS NULL OR r.validTo >= $asOf))
      }
  AND NOT EXISTS { (post)-[:DESIGNATED_AS]-(:Post) }
RETURN {
  post: post {.id, .type, .name, .status, .validFrom, .validTo},
  bodies: COLLECT { MATCH (post)-[:BELONGS_TO]->(b:Body) RETURN b {.id, .type, .name, .status} },
  evidence: COLLECT {
    MATCH (ev:Evidence {factId: post.id})
    RETURN ev {documentId: ev.document, .documentTitle, .documentDate,
               .paragraph, .quote, .origin, .confidence} AS evidence
    ORDER BY ev.documentDate, ev.paragraph
  }
} AS gap
ORDER BY gap.post.name

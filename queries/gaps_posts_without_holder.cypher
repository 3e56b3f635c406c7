// Posts with nobody holding them at the date (a statutory role carried by another post through
// DESIGNATED_AS is held through that post and is not a gap).
// Parameters: $body — a body id or null; $asOf — a date or null (then: no holder ever recorded).
// Example: :param body => 'body:example-council'; :param asOf => date('2012-06-01')
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
        MATCH (:Person)-[h:HOLDS]->(post)
        WHERE $asOf IS NULL OR ((h.validFrom IS NULL OR h.validFrom <= $asOf)
                                AND (h.validTo IS NULL OR h.validTo >= $asOf))
      }
  AND NOT EXISTS { (:Post)-[:DESIGNATED_AS]->(post) }
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

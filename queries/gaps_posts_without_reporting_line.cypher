// Posts outside every reporting line: they report to no post and no post reports to them (a
// statutory role carried by another post through DESIGNATED_AS sits in that post's line), in the
// order of their names (then ids), a page of them or all.
// Parameters: $body — a body id or null; $asOf — a date or null; $after — the [name, id] of the
//   post the page starts after, or null to start at the first; $first — how many at most, or
//   null for all; $withEvidence — false to leave each post's evidence out (null or true: with it).
// Example: :param body => 'body:example-council'; :param asOf => null; :param after => null;
//   :param first => 50; :param withEvidence => true
// With a body, its posts are reached from it rather than filtered out of every post (the API asks
// everywhere through gaps_posts_without_reporting_line_everywhere, in the order of the name
// index). The posts are sorted alone and their bodies and evidence read only for those returned,
// so that all of them stream rather than being held in one transaction's memory.
CALL () {
  UNWIND CASE WHEN $body IS NULL THEN [true] ELSE [] END AS everywhere
  MATCH (post:Post)
  RETURN post
  UNION
  MATCH (:Body {id: $body})<-[:BELONGS_TO]-(post:Post)
  RETURN post
}
WITH post
WHERE ($after IS NULL OR [post.name, post.id] > $after)
  AND coalesce(post.status, '') <> 'alternative'
  AND ($asOf IS NULL OR ((post.validFrom IS NULL OR post.validFrom <= $asOf)
                         AND (post.validTo IS NULL OR post.validTo >= $asOf)))
  AND NOT EXISTS {
        MATCH (post)-[r:REPORTS_TO]-(:Post)
        WHERE $asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf)
                                AND (r.validTo IS NULL OR r.validTo >= $asOf))
      }
  AND NOT EXISTS { (post)-[:DESIGNATED_AS]-(:Post) }
WITH post ORDER BY post.name, post.id
LIMIT coalesce($first, 9223372036854775807)
RETURN {
  post: post {.id, .type, .name, .status, .validFrom, .validTo},
  bodies: COLLECT { MATCH (post)-[:BELONGS_TO]->(b:Body) RETURN b {.id, .type, .name, .status} },
  evidence: COLLECT {
    UNWIND CASE WHEN coalesce($withEvidence, true) THEN [post.id] ELSE [] END AS fact
    MATCH (ev:Evidence {factId: fact})
    RETURN ev {documentId: ev.document, .documentTitle, .documentDate,
               .paragraph, .quote, .origin, .confidence} AS evidence
    ORDER BY ev.documentDate, ev.paragraph
  }
} AS gap

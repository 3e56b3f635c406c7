// Posts with nobody holding them at the date, in every body (as gaps_posts_without_holder with
// no body): walked in the order of the name index from the page's start, so that a page reads
// only as many posts as it takes to fill it.
// Parameters: $asOf — a date or null (then: no holder ever recorded); $after — the [name, id] of
//   the post the page starts after, or null to start at the first; $first — how many at most, or
//   null for all; $withEvidence — false to leave each post's evidence out (null or true: with it).
// Example: :param asOf => null; :param after => null; :param first => 50;
//   :param withEvidence => false
MATCH (post:Entity:Post)
WHERE post.name >= coalesce($after[0], '')
// Sorted before the conditions: the index gives the names' order (ids break ties within a name),
// and the conditions are then tested only on posts, until the page is full.
WITH post ORDER BY post.name, post.id
WHERE ($after IS NULL OR [post.name, post.id] > $after)
  AND coalesce(post.status, '') <> 'alternative'
  AND ($asOf IS NULL OR ((post.validFrom IS NULL OR post.validFrom <= $asOf)
                         AND (post.validTo IS NULL OR post.validTo >= $asOf)))
  AND NOT EXISTS {
        MATCH (:Person)-[h:HOLDS]->(post)
        WHERE $asOf IS NULL OR ((h.validFrom IS NULL OR h.validFrom <= $asOf)
                                AND (h.validTo IS NULL OR h.validTo >= $asOf))
      }
  AND NOT EXISTS { (:Post)-[:DESIGNATED_AS]->(post) }
WITH post LIMIT coalesce($first, 9223372036854775807)
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

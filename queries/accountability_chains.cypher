// The chain of accountability from an entity up to the head of its body: from a post up its
// reporting lines; from a statutory role through the post that carries it; from a portfolio through
// the post that holds it; from a service through the posts that cover it or hold a portfolio that
// covers it; from a person through the posts they hold. One chain per starting post and line to a
// head: where a document leaves a reporting line open, each option is a chain of its own, and its
// alternative steps say so in their status.
// Parameters: $ids — the entities to start from; $asOf — a date (only facts valid then) or null.
// Example: :param ids => ['post:example-council:head-of-libraries']; :param asOf => null
UNWIND $ids AS id
MATCH (start:Entity {id: id})
CALL (start) {
  WITH start WHERE start:Post
  RETURN start AS post, [] AS lead
  UNION
  MATCH (start)<-[r:DESIGNATED_AS]-(post:Post)
  RETURN post, [r] AS lead
  UNION
  MATCH (start)<-[r:HOLDS_PORTFOLIO]-(post:Post)
  RETURN post, [r] AS lead
  UNION
  MATCH (start)-[r:HOLDS]->(post:Post)
  RETURN post, [r] AS lead
  UNION
  MATCH (start:Service)<-[r:COVERS|ACCOUNTABLE_FOR]-(post:Post)
  RETURN post, [r] AS lead
  UNION
  MATCH (start:Service)<-[r:COVERS]-(:Portfolio)<-[held:HOLDS_PORTFOLIO]-(post:Post)
  RETURN post, [r, held] AS lead
}
WITH start, post, lead
WHERE all(r IN lead WHERE $asOf IS NULL
          OR ((r.validFrom IS NULL OR r.validFrom <= $asOf)
              AND (r.validTo IS NULL OR r.validTo >= $asOf)))
CALL (post) {
  MATCH path = (post)-[:REPORTS_TO*0..12]->(head:Post)
  WHERE all(r IN relationships(path) WHERE $asOf IS NULL
            OR ((r.validFrom IS NULL OR r.validFrom <= $asOf)
                AND (r.validTo IS NULL OR r.validTo >= $asOf)))
  WITH path, NOT EXISTS {
    MATCH (head)-[up:REPORTS_TO]->()
    WHERE $asOf IS NULL OR ((up.validFrom IS NULL OR up.validFrom <= $asOf)
                            AND (up.validTo IS NULL OR up.validTo >= $asOf))
  } AS reachesHead
  ORDER BY reachesHead DESC, length(path) DESC
  // every line that reaches a head (alternative lines included), else the longest one
  WITH collect({path: path, reachesHead: reachesHead}) AS found
  UNWIND CASE WHEN found[0].reachesHead THEN [f IN found WHERE f.reachesHead][..5]
              ELSE found[..1] END AS chosen
  RETURN chosen.path AS path, chosen.reachesHead AS reachesHead
}
WITH start, post, lead + relationships(path) AS steps, last(nodes(path)) AS head, reachesHead
RETURN {
  start: start {.id, .type, .name, .status, .validFrom, .validTo},
  post: post {.id, .type, .name, .status, .validFrom, .validTo},
  head: head {.id, .type, .name, .status, .validFrom, .validTo},
  reachesHead: reachesHead,
  body: COLLECT { MATCH (head)-[:BELONGS_TO]->(b:Body) RETURN b {.id, .type, .name, .status} }[0],
  steps: [r IN steps | {
    id: r.id, type: type(r),
    from: [a IN [startNode(r)] | a {.id, .type, .name, .status, .validFrom, .validTo}][0],
    to: [b IN [endNode(r)] | b {.id, .type, .name, .status, .validFrom, .validTo}][0],
    status: r.status, validFrom: r.validFrom, validTo: r.validTo, capacity: r.capacity,
    evidence: COLLECT {
      MATCH (ev:Evidence {factId: r.id})
      RETURN ev {documentId: ev.document, .documentTitle, .documentDate,
                 .paragraph, .quote, .origin, .confidence} AS evidence
      ORDER BY ev.documentDate, ev.paragraph
    }
  }]
} AS chain
ORDER BY start.id, chain.post.name

// Services nobody is accountable for: services that some entity points at (a portfolio they could
// sit in, a group, a committee, an open question...) but that no portfolio or post covers or is
// accountable for, directly or through a broader service (alternatives do not count), in the
// order of their names (then ids), a page of them or all.
// Parameters: $body — a body id to look only within it (its entities, its accountability), or
//   null; $asOf — a date or null; $after — the [name, id] of the service the page starts after,
//   or null to start at the first; $first — how many at most, or null for all; $withEvidence —
//   false to leave the links' evidence out (null or true: with it).
// Example: :param body => null; :param asOf => null; :param after => null; :param first => 50;
//   :param withEvidence => true
//
// In one body, the services its portfolios and posts answer for, gathered once.
OPTIONAL MATCH (target:Body {id: $body})
CALL (target) {
  OPTIONAL MATCH (target)<-[:BELONGS_TO]-(a:Portfolio|Post)
                 -[r:COVERS|ACCOUNTABLE_FOR]->(covered:Service)
  WHERE coalesce(r.status, '') <> 'alternative'
    AND ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf)
                           AND (r.validTo IS NULL OR r.validTo >= $asOf)))
  RETURN collect(DISTINCT covered) AS coveredInBody
}
// The services some entity points at: everywhere, every service with a link to something that is
// not a service; in one body, those reached from the body and its members (rather than every
// link of every service tested for the body).
CALL () {
  UNWIND CASE WHEN $body IS NULL THEN [true] ELSE [] END AS everywhere
  MATCH (service:Service)
  WHERE EXISTS { MATCH (service)--(x:Entity) WHERE NOT x:Service }
  RETURN service
  UNION
  MATCH (:Body {id: $body})<-[:BELONGS_TO]-(x:Entity)--(service:Service)
  WHERE NOT x:Service
  RETURN service
  UNION
  MATCH (:Body {id: $body})--(service:Service)
  RETURN service
}
WITH service, coveredInBody
WHERE ($after IS NULL OR [service.name, service.id] > $after)
  AND CASE
  WHEN $body IS NULL THEN NOT EXISTS {
    MATCH (service)-[:BROADER*0..4]->(:Service)<-[r:COVERS|ACCOUNTABLE_FOR]-(a:Entity)
    WHERE (a:Portfolio OR a:Post)
      AND coalesce(r.status, '') <> 'alternative'
      AND ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf)
                             AND (r.validTo IS NULL OR r.validTo >= $asOf)))
  }
  ELSE NOT EXISTS {
    MATCH (service)-[:BROADER*0..4]->(broader:Service)
    WHERE broader IN coveredInBody
  }
END
// The services sorted alone, their links read only for those returned.
WITH service ORDER BY service.name, service.id
LIMIT coalesce($first, 9223372036854775807)
RETURN {
  service: service {.id, .type, .name, .status, .validFrom, .validTo},
  links: COLLECT {
    MATCH (service)-[r]-(x:Entity)
    WHERE NOT x:Service
      AND ($body IS NULL OR x.id = $body OR EXISTS { (x)-[:BELONGS_TO]->(:Body {id: $body}) })
    RETURN {id: r.id, type: type(r), status: r.status, wording: r.wording,
            alternativeOf: r.alternativeOf,
            other: x {.id, .type, .name, .status, .validFrom, .validTo},
            evidence: COLLECT {
              UNWIND CASE WHEN coalesce($withEvidence, true) THEN [r.id] ELSE [] END AS fact
              MATCH (ev:Evidence {factId: fact})
              RETURN ev {documentId: ev.document, .documentTitle, .documentDate,
                         .paragraph, .quote, .origin, .confidence} AS evidence
              ORDER BY ev.documentDate, ev.paragraph
            }} AS link
    ORDER BY link.type, link.other.name
  }
} AS gap

// Services nobody is accountable for: services that some entity points at (a portfolio they could
// sit in, a group, a committee, an open question...) but that no portfolio or post covers or is
// accountable for, directly or through a broader service (alternatives do not count).
// Parameters: $body — a body id to look only within it (its entities, its accountability), or
//   null; $asOf — a date or null.
// Example: :param body => null; :param asOf => null
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
WHERE CASE
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
              MATCH (ev:Evidence {factId: r.id})
              RETURN ev {documentId: ev.document, .documentTitle, .documentDate,
                         .paragraph, .quote, .origin, .confidence} AS evidence
              ORDER BY ev.documentDate, ev.paragraph
            }} AS link
    ORDER BY link.type, link.other.name
  }
} AS gap
ORDER BY gap.service.name

// Services claimed by two or more portfolios of the same body at once (alternatives do not count:
// a service that could sit in either of two portfolios is an open question, not a clash), in the
// order of the bodies' names, then the services' (ids breaking ties), a page of them or all.
// Parameters: $body — a body id or null; $asOf — a date or null; $after — the [body name, body
//   id, service name, service id] of the claim the page starts after, or null to start at the
//   first; $first — how many at most, or null for all; $withEvidence — false to leave the claims'
//   evidence out (null or true: with it).
// Example: :param body => null; :param asOf => date('2012-06-01'); :param after => null;
//   :param first => 50; :param withEvidence => true
// The bodies are walked in the order of the name index from the page's start; the (service,
// body) pairs are found and sorted alone, their claims read only for those returned.
MATCH (body:Entity:Body)
WHERE ($body IS NULL OR body.id = $body) AND body.name >= coalesce($after[0], '')
MATCH (service:Service)<-[r:COVERS]-(portfolio:Portfolio)-[:BELONGS_TO]->(body)
WHERE ($after IS NULL OR [body.name, body.id, service.name, service.id] > $after)
  AND coalesce(r.status, '') <> 'alternative'
  AND coalesce(portfolio.status, '') <> 'alternative'
  AND ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf)
                         AND (r.validTo IS NULL OR r.validTo >= $asOf)
                         AND (portfolio.validFrom IS NULL OR portfolio.validFrom <= $asOf)
                         AND (portfolio.validTo IS NULL OR portfolio.validTo >= $asOf)))
WITH service, body, collect(r) AS covers
WHERE size(covers) >= 2
WITH service, body, covers ORDER BY body.name, body.id, service.name, service.id
LIMIT coalesce($first, 9223372036854775807)
RETURN {
  service: service {.id, .type, .name, .status, .validFrom, .validTo},
  body: body {.id, .type, .name, .status},
  claims: COLLECT {
    UNWIND covers AS r
    WITH r, startNode(r) AS portfolio ORDER BY portfolio.name
    RETURN {
      id: r.id, type: type(r), status: r.status, wording: r.wording,
      alternativeOf: r.alternativeOf,
      other: portfolio {.id, .type, .name, .status, .validFrom, .validTo},
      evidence: COLLECT {
        UNWIND CASE WHEN coalesce($withEvidence, true) THEN [r.id] ELSE [] END AS fact
        MATCH (ev:Evidence {factId: fact})
        RETURN ev {documentId: ev.document, .documentTitle, .documentDate,
                   .paragraph, .quote, .origin, .confidence} AS evidence
        ORDER BY ev.documentDate, ev.paragraph
      }
    } AS claim
  }
} AS gap

// Services claimed by two or more portfolios of the same body at once (alternatives do not count:
// a service that could sit in either of two portfolios is an open question, not a clash).
// Parameters: $body — a body id or null; $asOf — a date or null.
// Example: :param body => null; :param asOf => date('2012-06-01')
MATCH (service:Service)<-[r:COVERS]-(portfolio:Portfolio)-[:BELONGS_TO]->(body:Body)
WHERE ($body IS NULL OR body.id = $body)
  AND coalesce(r.status, '') <> 'alternative'
  AND coalesce(portfolio.status, '') <> 'alternative'
  AND ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf)
                         AND (r.validTo IS NULL OR r.validTo >= $asOf)
                         AND (portfolio.validFrom IS NULL OR portfolio.validFrom <= $asOf)
                         AND (portfolio.validTo IS NULL OR portfolio.validTo >= $asOf)))
WITH service, body, portfolio, r ORDER BY portfolio.name
WITH service, body, collect({
  id: r.id, type: type(r), status: r.status, wording: r.wording, alternativeOf: r.alternativeOf,
  other: portfolio {.id, .type, .name, .status, .validFrom, .validTo},
  evidence: COLLECT {
    MATCH (ev:Evidence {factId: r.id})
    RETURN ev {documentId: ev.document, .documentTitle, .documentDate,
               .paragraph, .quote, .origin, .confidence} AS evidence
    ORDER BY ev.documentDate, ev.paragraph
  }
}) AS claims
WHERE size(claims) >= 2
RETURN {
  service: service {.id, .type, .name, .status, .validFrom, .validTo},
  body: body {.id, .type, .name, .status},
  claims: claims
} AS gap
ORDER BY gap.body.name, gap.service.name

// The change events (restructures, closures) that touch a body, dated between two dates (or
// undated): those of the body, of what belongs to it, of the groups it is a member of, and those
// its posts or portfolios answer for; what each ended or replaced and what it created, with evidence.
// Parameters: $body — a body id; $from, $to — the two dates.
// Example: :param body => 'body:example-council'; :param from => date('2011-01-01');
//   :param to => date('2013-01-01')
MATCH (body:Body {id: $body})
MATCH (event:ChangeEvent)
WHERE (EXISTS { (event)-[:BELONGS_TO]->(body) }
       OR EXISTS { (event)-[:ORIGINAL|RESULTED_IN]->(:Entity)-[:BELONGS_TO]->(body) }
       OR EXISTS { (event)-[:ORIGINAL|RESULTED_IN]->(body) }
       OR EXISTS { (event)-[:ORIGINAL|RESULTED_IN]->(:Entity)<-[:MEMBER_OF]-(body) }
       OR EXISTS { (event)<-[:ACCOUNTABLE_FOR]-(:Entity)-[:BELONGS_TO]->(body) })
  AND (event.validFrom IS NULL
       OR (event.validFrom >= $from AND event.validFrom <= $to))
RETURN {
  event: event {.id, .type, .name, .status, .validFrom, .validTo, .description},
  ended: COLLECT { MATCH (event)-[:ORIGINAL]->(x:Entity)
                   RETURN x {.id, .type, .name, .status, .validFrom, .validTo} },
  created: COLLECT { MATCH (event)-[:RESULTED_IN]->(x:Entity)
                     RETURN x {.id, .type, .name, .status, .validFrom, .validTo} },
  evidence: COLLECT {
    MATCH (ev:Evidence {factId: event.id})
    RETURN ev {documentId: ev.document, .documentTitle, .documentDate,
               .paragraph, .quote, .origin, .confidence} AS evidence
    ORDER BY ev.documentDate, ev.paragraph
  }
} AS event
ORDER BY event.event.validFrom, event.event.name

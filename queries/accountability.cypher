// Who is accountable for a service, in every body: each line says how (political: a portfolio and
// the post and person holding it; managerial: a post and its holder; statutory; partnership: a group
// and its members; scrutiny: a committee), for which service of the vocabulary (the one asked for
// or a narrower one), in the document's own words, with its evidence. Options a document leaves
// open come back as lines with status 'alternative' and the open question they belong to; an open
// question about the service is a line of kind 'open question'. A line belongs to the bodies its
// accountable entity belongs to (or, for one that belongs to none, the bodies of its documents),
// each named by its official name, with its register code, GSS codes and jurisdiction.
// One row comes back: `lines`, the lines in order (kind, accountable, service). Dates are ISO text.
// What is not asked for is not computed: each list a flag leaves out is empty.
// Parameters: $service — a service id; $asOf — a date (only facts valid then) or null;
//   $withHolders — the holders of each line; $withHolderEvidence — each holder's evidence;
//   $withEvidence — each line's evidence.
// Example: :param service => 'service:libraries'; :param asOf => date('2012-06-01');
//   :param withHolders => true; :param withHolderEvidence => true; :param withEvidence => true
MATCH (asked:Service {id: $service})
MATCH (service:Service)-[:BROADER*0..4]->(asked)
WITH DISTINCT service
CALL (service) {
  MATCH (accountable:Entity)-[r:COVERS|ACCOUNTABLE_FOR]->(service)
  RETURN accountable, r,
         CASE
           WHEN type(r) = 'ACCOUNTABLE_FOR' THEN r.kind
           WHEN accountable:Portfolio THEN 'political'
           WHEN accountable:Post THEN 'managerial'
           WHEN accountable:PartnershipGroup THEN 'partnership'
           WHEN accountable:Committee THEN 'scrutiny'
           ELSE 'political'
         END AS kind
  UNION
  MATCH (service)-[r:COULD_SIT_IN]->(accountable:Entity)
  RETURN accountable, r, 'political' AS kind
  UNION
  MATCH (service)-[r:SCRUTINISED_BY]->(accountable:Entity)
  RETURN accountable, r, 'scrutiny' AS kind
  UNION
  MATCH (accountable:OpenQuestion)-[r:CONCERNS]->(service)
  RETURN accountable, r, 'open question' AS kind
}
WITH service, accountable, r, kind
WHERE $asOf IS NULL
   OR ((r.validFrom IS NULL OR r.validFrom <= $asOf)
       AND (r.validTo IS NULL OR r.validTo >= $asOf))
OPTIONAL MATCH (question:OpenQuestion)
WHERE question.id = coalesce(r.alternativeOf, CASE WHEN accountable:OpenQuestion THEN accountable.id END)
WITH service, accountable, r, kind, question,
     COLLECT {
       MATCH (accountable)-[:BELONGS_TO]->(body:Body)
       RETURN body {.id, .type, .name, .status, .register_code, .gss_code, .former_gss_codes,
                    .jurisdiction, .short_name}
       UNION
       MATCH (accountable:Portfolio)<-[:HOLDS_PORTFOLIO]-(:Post)-[:BELONGS_TO]->(body:Body)
       RETURN body {.id, .type, .name, .status, .register_code, .gss_code, .former_gss_codes,
                    .jurisdiction, .short_name}
     } AS owners
WITH service, accountable, r, kind, question,
     CASE WHEN size(owners) > 0 THEN owners ELSE COLLECT {
       MATCH (ev:Evidence)-[:FROM_DOCUMENT]->(d:Document)
       WHERE ev.factId IN [r.id, accountable.id]
       MATCH (body:Body {id: d.body})
       RETURN DISTINCT body {.id, .type, .name, .status, .register_code, .gss_code,
                             .former_gss_codes, .jurisdiction, .short_name}
     } END AS bodies
WITH {
  service: service {.id, .type, .name, .status,
                    validFrom: toString(service.validFrom), validTo: toString(service.validTo)},
  kind: kind,
  relationId: r.id,
  relationType: type(r),
  wording: r.wording,
  status: r.status,
  validFrom: toString(r.validFrom),
  validTo: toString(r.validTo),
  alternativeOf: r.alternativeOf,
  question: question {.id, .type, .name, .status, .description,
                      validFrom: toString(question.validFrom), validTo: toString(question.validTo)},
  accountable: accountable {.id, .type, .name, .status,
                            validFrom: toString(accountable.validFrom),
                            validTo: toString(accountable.validTo)},
  bodies: bodies,
  // who answers in the accountable entity's place: for a portfolio, the post holding it and
  // the person in that post; for a post, its holders; for a group or committee, its members.
  // Each list starts from an UNWIND of the flag, so that nothing is read when it is false.
  holders: CASE
    WHEN accountable:Portfolio THEN COLLECT {
      UNWIND CASE WHEN $withHolders THEN [accountable] ELSE [] END AS portfolio
      MATCH (post:Post)-[held:HOLDS_PORTFOLIO]->(portfolio:Portfolio)
      WHERE $asOf IS NULL OR ((held.validFrom IS NULL OR held.validFrom <= $asOf)
                              AND (held.validTo IS NULL OR held.validTo >= $asOf))
      OPTIONAL MATCH (person:Person)-[tenure:HOLDS]->(post)
      WHERE $asOf IS NULL OR ((tenure.validFrom IS NULL OR tenure.validFrom <= $asOf)
                              AND (tenure.validTo IS NULL OR tenure.validTo >= $asOf))
      RETURN {post: post {.id, .type, .name, .status,
                          validFrom: toString(post.validFrom), validTo: toString(post.validTo)},
              person: person {.id, .type, .name, .status,
                              validFrom: toString(person.validFrom),
                              validTo: toString(person.validTo)},
              relationId: coalesce(tenure.id, held.id), capacity: tenure.capacity, role: null,
              validFrom: toString(tenure.validFrom), validTo: toString(tenure.validTo),
              evidence: COLLECT {
                UNWIND CASE WHEN $withHolderEvidence THEN [tenure.id, held.id] ELSE [] END AS fact
                MATCH (ev:Evidence {factId: fact})
                RETURN ev {documentId: ev.document, .documentTitle, documentDate: toString(ev.documentDate),
                           .paragraph, .quote, .origin, .confidence} AS evidence
                ORDER BY ev.documentDate, ev.paragraph
              }} AS holder
    }
    WHEN accountable:Post THEN COLLECT {
      UNWIND CASE WHEN $withHolders THEN [accountable] ELSE [] END AS asked
      MATCH (person:Person)-[tenure:HOLDS]->(asked:Post)
      WHERE $asOf IS NULL OR ((tenure.validFrom IS NULL OR tenure.validFrom <= $asOf)
                              AND (tenure.validTo IS NULL OR tenure.validTo >= $asOf))
      RETURN {post: asked {.id, .type, .name, .status,
                           validFrom: toString(asked.validFrom), validTo: toString(asked.validTo)},
              person: person {.id, .type, .name, .status,
                              validFrom: toString(person.validFrom),
                              validTo: toString(person.validTo)},
              relationId: tenure.id, capacity: tenure.capacity, role: null,
              validFrom: toString(tenure.validFrom), validTo: toString(tenure.validTo),
              evidence: COLLECT {
                UNWIND CASE WHEN $withHolderEvidence THEN [tenure.id] ELSE [] END AS fact
                MATCH (ev:Evidence {factId: fact})
                RETURN ev {documentId: ev.document, .documentTitle, documentDate: toString(ev.documentDate),
                           .paragraph, .quote, .origin, .confidence} AS evidence
                ORDER BY ev.documentDate, ev.paragraph
              }} AS holder
    }
    ELSE COLLECT {
      UNWIND CASE WHEN $withHolders THEN [accountable] ELSE [] END AS joined
      MATCH (member:Entity)-[membership:MEMBER_OF]->(joined)
      WHERE (member:Person OR member:Post)
        AND ($asOf IS NULL
             OR ((membership.validFrom IS NULL OR membership.validFrom <= $asOf)
                 AND (membership.validTo IS NULL OR membership.validTo >= $asOf)))
      RETURN {post: CASE WHEN member:Post
                      THEN member {.id, .type, .name, .status,
                                   validFrom: toString(member.validFrom),
                                   validTo: toString(member.validTo)} END,
              person: CASE WHEN member:Person
                        THEN member {.id, .type, .name, .status,
                                     validFrom: toString(member.validFrom),
                                     validTo: toString(member.validTo)} END,
              relationId: membership.id, capacity: null, role: membership.role,
              validFrom: toString(membership.validFrom), validTo: toString(membership.validTo),
              evidence: COLLECT {
                UNWIND CASE WHEN $withHolderEvidence THEN [membership.id] ELSE [] END AS fact
                MATCH (ev:Evidence {factId: fact})
                RETURN ev {documentId: ev.document, .documentTitle, documentDate: toString(ev.documentDate),
                           .paragraph, .quote, .origin, .confidence} AS evidence
                ORDER BY ev.documentDate, ev.paragraph
              }} AS holder
    }
  END,
  evidence: COLLECT {
    UNWIND CASE WHEN $withEvidence THEN [r.id] ELSE [] END AS fact
    MATCH (ev:Evidence {factId: fact})
    RETURN ev {documentId: ev.document, .documentTitle, documentDate: toString(ev.documentDate),
               .paragraph, .quote, .origin, .confidence} AS evidence
    ORDER BY ev.documentDate, ev.paragraph
  }
} AS line
ORDER BY line.kind, line.accountable.name, line.service.name
// one record for the whole answer: the driver pays for each record it receives
RETURN collect(line) AS lines

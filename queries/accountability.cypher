// Who is accountable for a service, in every body: each line says how (political: a portfolio and
// the post and person holding it; managerial: a post and its holder; statutory; partnership: a group
// and its members; scrutiny: a committee), for which service of the vocabulary (the one asked for
// or a narrower one), in the document's own words, with its evidence. Options a document leaves
// open come back as lines with status 'alternative' and the open question they belong to; an open
// question about the service is a line of kind 'open question'. A line belongs to the bodies its
// accountable entity belongs to (or, for one that belongs to none, the bodies of its documents),
// each named by its official name, with its register code, GSS codes and jurisdiction.
// One row comes back: `lines`, the lines in order (kind, accountable, service), each naming its
// service and its bodies by id; `services` and `bodies`, each of them once (a national answer has
// hundreds of lines in a few services and hundreds of bodies). Dates are ISO text.
// What is not asked for is not computed: each list a flag leaves out is empty, and bodies come
// without their identifiers unless asked for.
// Per line, the work is one walk of the accountable entity's relationships (its bodies, holders
// and members), one more for each post holding a portfolio, and an index seek for its evidence.
// Parameters: $service — a service id; $asOf — a date (only facts valid then) or null;
//   $withHolders — the holders of each line; $withHolderEvidence — each holder's evidence;
//   $withEvidence — each line's evidence; $withIdentifiers — the bodies' register code, GSS codes,
//   jurisdiction and short name.
// Example: :param service => 'service:libraries'; :param asOf => date('2012-06-01');
//   :param withHolders => true; :param withHolderEvidence => true; :param withEvidence => true;
//   :param withIdentifiers => true
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
// The accountable entity's bodies, holders and members, in one walk of its relationships: each
// link with the entity at its other end, and that entity's map where it may answer as a holder.
WITH service, accountable, r, kind,
     [(accountable)-[link:BELONGS_TO|HOLDS_PORTFOLIO|HOLDS|MEMBER_OF]-(other)
      | {link: link, node: other,
         entity: CASE WHEN endNode(link) = accountable AND type(link) <> 'BELONGS_TO'
                      THEN other {.id, .type, .name, .status, validFrom: toString(other.validFrom),
                                  validTo: toString(other.validTo)} END}] AS links
// A portfolio's posts: each one's bodies, and its holders (one walk each).
WITH service, accountable, r, kind, links,
     COLLECT {
       UNWIND links AS holding
       WITH holding WHERE accountable:Portfolio AND type(holding.link) = 'HOLDS_PORTFOLIO'
                      AND endNode(holding.link) = accountable AND holding.node:Post
       WITH holding.node AS post, holding.link AS held, holding.entity AS postMap
       WITH post, held, postMap,
            [(post)-[link:BELONGS_TO|HOLDS]-(other)
             | {link: link, node: other,
                entity: CASE WHEN type(link) = 'HOLDS' AND endNode(link) = post
                             THEN other {.id, .type, .name, .status,
                                         validFrom: toString(other.validFrom),
                                         validTo: toString(other.validTo)} END}] AS postLinks
       WITH post, held, postMap, postLinks,
            [tenure IN postLinks WHERE type(tenure.link) = 'HOLDS' AND endNode(tenure.link) = post
               AND tenure.node:Person
               AND ($asOf IS NULL OR ((tenure.link.validFrom IS NULL OR tenure.link.validFrom <= $asOf)
                                      AND (tenure.link.validTo IS NULL OR tenure.link.validTo >= $asOf)))
            ] AS tenures
       RETURN {
         bodies: [link IN postLinks WHERE type(link.link) = 'BELONGS_TO' AND startNode(link.link) = post
                    AND link.node:Body | link.node],
         holders: CASE WHEN $withHolders
                        AND ($asOf IS NULL OR ((held.validFrom IS NULL OR held.validFrom <= $asOf)
                                               AND (held.validTo IS NULL OR held.validTo >= $asOf)))
           THEN [tenure IN CASE WHEN size(tenures) = 0 THEN [null] ELSE tenures END
                 | {post: postMap, person: tenure.entity,
                    relationId: coalesce(tenure.link.id, held.id), capacity: tenure.link.capacity,
                    role: null, validFrom: toString(tenure.link.validFrom),
                    validTo: toString(tenure.link.validTo),
                    evidence: CASE WHEN $withHolderEvidence THEN COLLECT {
                      UNWIND [tenure.link.id, held.id] AS fact
                      MATCH (ev:Evidence {factId: fact})
                      RETURN ev {documentId: ev.document, .documentTitle,
                                 documentDate: toString(ev.documentDate),
                                 .paragraph, .quote, .origin, .confidence} AS evidence
                      ORDER BY ev.documentDate, ev.paragraph
                    } ELSE [] END}]
           ELSE [] END
       } AS post
     } AS posts
WITH service, accountable, r, kind, links, posts,
     reduce(owned = [], body IN
              [link IN links WHERE type(link.link) = 'BELONGS_TO'
                                   AND startNode(link.link) = accountable AND link.node:Body
               | link.node]
              + reduce(found = [], post IN posts | found + post.bodies)
            | CASE WHEN body IN owned THEN owned ELSE owned + body END) AS owners
WITH service, accountable, r, kind, links, posts,
     CASE WHEN size(owners) > 0 THEN owners ELSE COLLECT {
       MATCH (ev:Evidence)-[:FROM_DOCUMENT]->(d:Document)
       WHERE ev.factId IN [r.id, accountable.id]
       MATCH (body:Body {id: d.body})
       RETURN DISTINCT body
     } END AS bodies,
     // the question an alternative belongs to (or the open question itself): only for those
     CASE WHEN r.alternativeOf IS NOT NULL OR accountable:OpenQuestion THEN COLLECT {
       MATCH (question:OpenQuestion)
       WHERE question.id = coalesce(r.alternativeOf, accountable.id)
       RETURN question {.id, .type, .name, .status, .description,
                        validFrom: toString(question.validFrom), validTo: toString(question.validTo)}
     }[0] END AS question
WITH service, accountable, r, kind, question, bodies,
  CASE
    WHEN NOT $withHolders THEN []
    WHEN accountable:Portfolio THEN reduce(found = [], post IN posts | found + post.holders)
    WHEN accountable:Post THEN [tenure IN links
      WHERE type(tenure.link) = 'HOLDS' AND endNode(tenure.link) = accountable
        AND tenure.node:Person
        AND ($asOf IS NULL OR ((tenure.link.validFrom IS NULL OR tenure.link.validFrom <= $asOf)
                               AND (tenure.link.validTo IS NULL OR tenure.link.validTo >= $asOf)))
      | {post: accountable {.id, .type, .name, .status, validFrom: toString(accountable.validFrom),
                            validTo: toString(accountable.validTo)},
         person: tenure.entity,
         relationId: tenure.link.id, capacity: tenure.link.capacity, role: null,
         validFrom: toString(tenure.link.validFrom), validTo: toString(tenure.link.validTo),
         evidence: CASE WHEN $withHolderEvidence THEN COLLECT {
           MATCH (ev:Evidence {factId: tenure.link.id})
           RETURN ev {documentId: ev.document, .documentTitle, documentDate: toString(ev.documentDate),
                      .paragraph, .quote, .origin, .confidence} AS evidence
           ORDER BY ev.documentDate, ev.paragraph
         } ELSE [] END}]
    ELSE [membership IN links
      WHERE type(membership.link) = 'MEMBER_OF' AND endNode(membership.link) = accountable
        AND membership.node:Entity AND (membership.node:Person OR membership.node:Post)
        AND ($asOf IS NULL
             OR ((membership.link.validFrom IS NULL OR membership.link.validFrom <= $asOf)
                 AND (membership.link.validTo IS NULL OR membership.link.validTo >= $asOf)))
      | {post: CASE WHEN membership.node:Post THEN membership.entity END,
         person: CASE WHEN membership.node:Person THEN membership.entity END,
         relationId: membership.link.id, capacity: null, role: membership.link.role,
         validFrom: toString(membership.link.validFrom), validTo: toString(membership.link.validTo),
         evidence: CASE WHEN $withHolderEvidence THEN COLLECT {
           MATCH (ev:Evidence {factId: membership.link.id})
           RETURN ev {documentId: ev.document, .documentTitle, documentDate: toString(ev.documentDate),
                      .paragraph, .quote, .origin, .confidence} AS evidence
           ORDER BY ev.documentDate, ev.paragraph
         } ELSE [] END}]
  END AS holders
WITH service, accountable, r, kind, question, bodies, holders,
  COLLECT {
    UNWIND CASE WHEN $withEvidence THEN [r.id] ELSE [] END AS fact
    MATCH (ev:Evidence {factId: fact})
    RETURN ev {documentId: ev.document, .documentTitle, documentDate: toString(ev.documentDate),
               .paragraph, .quote, .origin, .confidence} AS evidence
    ORDER BY ev.documentDate, ev.paragraph
  } AS evidence
ORDER BY kind, accountable.name, service.name
WITH collect({
  service: service.id,
  kind: kind,
  relationId: r.id,
  relationType: type(r),
  wording: r.wording,
  status: r.status,
  validFrom: toString(r.validFrom),
  validTo: toString(r.validTo),
  alternativeOf: r.alternativeOf,
  question: question,
  accountable: accountable {.id, .type, .name, .status,
                            validFrom: toString(accountable.validFrom),
                            validTo: toString(accountable.validTo)},
  bodies: [body IN bodies | body.id],
  holders: holders,
  evidence: evidence
}) AS lines, collect(bodies) AS ownerLists, collect(DISTINCT service) AS services
RETURN lines,
  [service IN services | service {.id, .type, .name, .status,
                    validFrom: toString(service.validFrom), validTo: toString(service.validTo)}] AS services,
  COLLECT {
    UNWIND ownerLists AS owners
    UNWIND owners AS body
    WITH DISTINCT body
    RETURN CASE WHEN $withIdentifiers
                THEN body {.id, .type, .name, .status, .register_code, .gss_code, .former_gss_codes,
                           .jurisdiction, .short_name}
                ELSE body {.id, .type, .name, .status} END AS body
  } AS bodies

// A body's structure as of a date: its portfolios (with the posts and people holding them and the
// services they cover), its posts (with their holders and whom they report to), and its
// committees, partnership groups, priorities and outcomes; alternatives are left out of these
// links. Beside them: the dotted lines between its portfolios (CLOSELY_RELATED), the bridges (a
// service that could sit in one of its portfolios: COULD_SIT_IN, an option of an open question),
// and the body's open questions (those about the body or what belongs to it, and those of its own
// documents about nothing that belongs to a body), each with what it concerns, its options and
// evidence.
// Parameters: $body — a body id; $asOf — a date, or null for everything ever recorded.
// Example: :param body => 'body:example-council'; :param asOf => date('2012-06-01')
MATCH (body:Body {id: $body})
CALL (body) {
  MATCH (member:Entity)-[belongs:BELONGS_TO]->(body)
  WHERE coalesce(member.status, '') <> 'alternative'
    AND ($asOf IS NULL OR ((member.validFrom IS NULL OR member.validFrom <= $asOf)
                           AND (member.validTo IS NULL OR member.validTo >= $asOf)
                           AND (belongs.validFrom IS NULL OR belongs.validFrom <= $asOf)
                           AND (belongs.validTo IS NULL OR belongs.validTo >= $asOf)))
  WITH DISTINCT member ORDER BY member.type, member.name
  RETURN collect(member) AS nodes
}
CALL (nodes) {
  UNWIND nodes AS member
  RETURN collect(member {
    .id, .type, .name, .status, .validFrom, .validTo,
    links: COLLECT {
      MATCH (member)-[r]-(other:Entity)
      WHERE type(r) IN ['HOLDS', 'HOLDS_PORTFOLIO', 'COVERS', 'REPORTS_TO', 'DESIGNATED_AS',
                        'MEMBER_OF', 'ACCOUNTABLE_FOR', 'ALIGNED_TO', 'SUB_GROUP_OF']
        AND coalesce(r.status, '') <> 'alternative'
        AND ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf)
                               AND (r.validTo IS NULL OR r.validTo >= $asOf)))
      RETURN {id: r.id, type: type(r), outgoing: startNode(r) = member, kind: r.kind,
              capacity: r.capacity, role: r.role, wording: r.wording, status: r.status,
              validFrom: r.validFrom, validTo: r.validTo,
              other: other {.id, .type, .name, .status, .validFrom, .validTo},
              evidence: COLLECT {
                MATCH (ev:Evidence {factId: r.id})
                RETURN ev {documentId: ev.document, .documentTitle, .documentDate,
                           .paragraph, .quote, .origin, .confidence} AS evidence
                ORDER BY ev.documentDate, ev.paragraph
              }} AS link
      ORDER BY link.type, link.other.name
    }
  }) AS members
}
CALL (nodes) {
  UNWIND nodes AS member
  MATCH (member)-[r:CLOSELY_RELATED]-(:Entity)
  WHERE $asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf)
                          AND (r.validTo IS NULL OR r.validTo >= $asOf))
  WITH DISTINCT r, startNode(r) AS left, endNode(r) AS right
  ORDER BY left.name, right.name
  RETURN collect({
    id: r.id, status: r.status, validFrom: r.validFrom, validTo: r.validTo,
    sharedInterest: r.shared_interest,
    left: left {.id, .type, .name, .status, .validFrom, .validTo},
    right: right {.id, .type, .name, .status, .validFrom, .validTo},
    evidence: COLLECT {
      MATCH (ev:Evidence {factId: r.id})
      RETURN ev {documentId: ev.document, .documentTitle, .documentDate,
                 .paragraph, .quote, .origin, .confidence} AS evidence
      ORDER BY ev.documentDate, ev.paragraph
    }
  }) AS dottedLines
}
CALL (nodes) {
  UNWIND nodes AS portfolio
  MATCH (service:Service)-[r:COULD_SIT_IN]->(portfolio)
  WHERE $asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf)
                          AND (r.validTo IS NULL OR r.validTo >= $asOf))
  OPTIONAL MATCH (question:OpenQuestion {id: r.alternativeOf})
  WITH r, service, portfolio, question ORDER BY service.name, portfolio.name
  RETURN collect({
    id: r.id, status: r.status, validFrom: r.validFrom, validTo: r.validTo, wording: r.wording,
    service: service {.id, .type, .name, .status, .validFrom, .validTo},
    portfolio: portfolio {.id, .type, .name, .status, .validFrom, .validTo},
    question: question {.id, .type, .name, .status, .validFrom, .validTo},
    evidence: COLLECT {
      MATCH (ev:Evidence {factId: r.id})
      RETURN ev {documentId: ev.document, .documentTitle, .documentDate,
                 .paragraph, .quote, .origin, .confidence} AS evidence
      ORDER BY ev.documentDate, ev.paragraph
    }
  }) AS bridges
}
OPTIONAL CALL (body, nodes) {
  UNWIND nodes + [body] AS concerned
  MATCH (question:OpenQuestion)-[:CONCERNS]->(concerned)
  RETURN question
  UNION
  MATCH (question:OpenQuestion)
  WHERE EXISTS {
          MATCH (:Evidence {factId: question.id})-[:FROM_DOCUMENT]->(:Document {body: body.id})
        }
    AND NOT EXISTS {
          MATCH (question)-[:CONCERNS]->(concerned:Entity)
          WHERE concerned:Body OR EXISTS { (concerned)-[:BELONGS_TO]->(:Body) }
        }
  RETURN question
}
WITH body, nodes, members, dottedLines, bridges, question
WHERE question IS NULL
   OR $asOf IS NULL
   OR ((question.validFrom IS NULL OR question.validFrom <= $asOf)
       AND (question.validTo IS NULL OR question.validTo >= $asOf))
WITH body, members, dottedLines, bridges, question ORDER BY question.name
WITH body, members, dottedLines, bridges, collect(question {
  .id, .type, .name, .status, .validFrom, .validTo, .description,
  concerns: COLLECT {
    MATCH (question)-[:CONCERNS]->(concerned:Entity)
    RETURN concerned {.id, .type, .name, .status, .validFrom, .validTo} AS concerned
    ORDER BY concerned.name
  },
  options: COLLECT {
    MATCH (question)-[:CONCERNS]->(:Entity)-[r]-(:Entity)
    WHERE r.alternativeOf = question.id
    WITH DISTINCT r, startNode(r) AS source, endNode(r) AS target
    RETURN {id: r.id, type: type(r), status: r.status, wording: r.wording,
            validFrom: r.validFrom, validTo: r.validTo,
            source: source {.id, .type, .name, .status, .validFrom, .validTo},
            target: target {.id, .type, .name, .status, .validFrom, .validTo},
            evidence: COLLECT {
              MATCH (ev:Evidence {factId: r.id})
              RETURN ev {documentId: ev.document, .documentTitle, .documentDate,
                         .paragraph, .quote, .origin, .confidence} AS evidence
              ORDER BY ev.documentDate, ev.paragraph
            }} AS option
    ORDER BY option.source.name, option.target.name
  },
  evidence: COLLECT {
    MATCH (ev:Evidence {factId: question.id})
    RETURN ev {documentId: ev.document, .documentTitle, .documentDate,
               .paragraph, .quote, .origin, .confidence} AS evidence
    ORDER BY ev.documentDate, ev.paragraph
  }
}) AS questions
RETURN {
  body: body {.id, .type, .name, .status, .validFrom, .validTo},
  members: members,
  dottedLines: dottedLines,
  bridges: bridges,
  openQuestions: questions
} AS structure

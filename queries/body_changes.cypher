// What changed in a body's structure between two dates: the facts (the body's portfolios, posts,
// committees... and every relationship that touches them; the groups the body is a member of, such
// as a partnership that closes) in force at one date and not at the other. A fact is in force at a
// date when its validity covers it and it is not an alternative.
// Parameters: $body — a body id; $from, $to — the two dates.
// Example: :param body => 'body:example-council'; :param from => date('2011-01-01');
//   :param to => date('2013-01-01')
MATCH (body:Body {id: $body})
CALL (body) {
  MATCH (member:Entity)-[:BELONGS_TO]->(body)
  RETURN collect(DISTINCT member) AS belonging
}
CALL (body) {
  MATCH (body)-[:MEMBER_OF]->(group:Entity)
  RETURN collect(DISTINCT group) AS groups
}
WITH belonging + [body] AS members, groups
CALL (members, groups) {
  UNWIND members + groups AS member
  WITH member, 'entity' AS factKind, member.id AS id, member.type AS type, member.name AS label,
       null AS source, null AS target, member AS fact
  RETURN factKind, id, type, label, source, target, fact
  UNION
  UNWIND members AS member
  MATCH (member)-[r]-(other:Entity)
  WITH DISTINCT r
  RETURN 'relation' AS factKind, r.id AS id, type(r) AS type,
         startNode(r).name + ' ' + type(r) + ' ' + endNode(r).name AS label,
         startNode(r).id AS source, endNode(r).id AS target, r AS fact
}
WITH factKind, id, type, label, source, target, fact,
     coalesce(fact.status, '') <> 'alternative'
       AND (fact.validFrom IS NULL OR fact.validFrom <= $from)
       AND (fact.validTo IS NULL OR fact.validTo >= $from) AS before,
     coalesce(fact.status, '') <> 'alternative'
       AND (fact.validFrom IS NULL OR fact.validFrom <= $to)
       AND (fact.validTo IS NULL OR fact.validTo >= $to) AS after
WHERE before <> after
RETURN {
  change: CASE WHEN after THEN 'added' ELSE 'removed' END,
  factKind: factKind, id: id, type: type, label: label, source: source, target: target,
  status: fact.status, validFrom: fact.validFrom, validTo: fact.validTo,
  evidence: COLLECT {
    MATCH (ev:Evidence {factId: id})
    RETURN ev {documentId: ev.document, .documentTitle, .documentDate,
               .paragraph, .quote, .origin, .confidence} AS evidence
    ORDER BY ev.documentDate, ev.paragraph
  }
} AS change
ORDER BY change.change, change.factKind, change.type, change.label

// The relationships of some entities, seen from each of them, with the evidence behind each.
// Parameters: $ids — entity ids; $types — relationship types to keep, or null for all;
//             $direction — 'out', 'in' or 'both'; $asOf — a date (only facts valid then), or null.
// Example: :param ids => ['portfolio:example-council:culture']; :param types => ['COVERS'];
//          :param direction => 'out'; :param asOf => date('2012-06-01')
UNWIND $ids AS id
MATCH (n:Entity {id: id})
CALL (n) {
  MATCH (n)-[r]->(m:Entity)
  WHERE $direction <> 'in' AND ($types IS NULL OR type(r) IN $types)
  RETURN r, m, 'out' AS direction
  UNION
  MATCH (n)<-[r]-(m:Entity)
  WHERE $direction <> 'out' AND ($types IS NULL OR type(r) IN $types)
  RETURN r, m, 'in' AS direction
}
WITH n, r, m, direction
WHERE $asOf IS NULL
   OR ((r.validFrom IS NULL OR r.validFrom <= $asOf)
       AND (r.validTo IS NULL OR r.validTo >= $asOf))
RETURN {
  entity: n.id, direction: direction,
  id: r.id, type: type(r), source: startNode(r).id, target: endNode(r).id,
  status: r.status, validFrom: r.validFrom, validTo: r.validTo, kind: r.kind,
  capacity: r.capacity, role: r.role, wording: r.wording, alternativeOf: r.alternativeOf,
  properties: properties(r),
  other: m {.id, .type, .name, .status, .validFrom, .validTo},
  evidence: COLLECT {
    MATCH (ev:Evidence {factId: r.id})
    RETURN ev {documentId: ev.document, .documentTitle, .documentDate,
               .paragraph, .quote, .origin, .confidence} AS evidence
    ORDER BY ev.documentDate, ev.paragraph
  }
} AS relation
ORDER BY n.id, type(r), m.name

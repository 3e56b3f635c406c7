// The neighbourhood of an entity to a depth of 1 to 3, as nodes and edges that graph-drawing
// libraries take directly. Traversal goes only through entities of the kept types, and only over
// facts (entities and relationships) valid at the date, when one is given. A node's `label` is
// its name; an edge's is its type in words with its kind, capacity or role ("holds (interim)"); an
// edge without an id of its own is named by its source, type and target. Dates are ISO text.
// Parameters: $id — the entity at the centre; $depth — 1, 2 or 3; $types — entity types to keep,
//   or null for all; $asOf — a date or null; $limit — the most nodes to return (the centre counts).
// Example: :param id => 'body:example-council'; :param depth => 2; :param types => null;
//   :param asOf => null; :param limit => 300
MATCH (c:Entity {id: $id})
CALL (c) {
  MATCH (c)-[r]-(n:Entity)
  WHERE n <> c
    AND ($types IS NULL OR n.type IN $types)
    AND ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf)
                           AND (r.validTo IS NULL OR r.validTo >= $asOf)
                           AND (n.validFrom IS NULL OR n.validFrom <= $asOf)
                           AND (n.validTo IS NULL OR n.validTo >= $asOf)))
  WITH DISTINCT n LIMIT $limit
  RETURN collect(n)[..($limit - 1)] AS level1
}
CALL (c, level1) {
  UNWIND CASE WHEN $depth >= 2 THEN level1 ELSE [] END AS x
  MATCH (x)-[r]-(n:Entity)
  WHERE n <> c AND NOT n IN level1
    AND ($types IS NULL OR n.type IN $types)
    AND ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf)
                           AND (r.validTo IS NULL OR r.validTo >= $asOf)
                           AND (n.validFrom IS NULL OR n.validFrom <= $asOf)
                           AND (n.validTo IS NULL OR n.validTo >= $asOf)))
  WITH DISTINCT n LIMIT $limit
  RETURN collect(n) AS found
}
WITH c, level1, found[..($limit - 1 - size(level1))] AS level2
CALL (c, level1, level2) {
  UNWIND CASE WHEN $depth >= 3 THEN level2 ELSE [] END AS x
  MATCH (x)-[r]-(n:Entity)
  WHERE n <> c AND NOT n IN level1 AND NOT n IN level2
    AND ($types IS NULL OR n.type IN $types)
    AND ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf)
                           AND (r.validTo IS NULL OR r.validTo >= $asOf)
                           AND (n.validFrom IS NULL OR n.validFrom <= $asOf)
                           AND (n.validTo IS NULL OR n.validTo >= $asOf)))
  WITH DISTINCT n LIMIT $limit
  RETURN collect(n) AS found
}
WITH c, level1, level2, found[..($limit - 1 - size(level1) - size(level2))] AS level3
WITH [c] + level1 + level2 + level3 AS nodes
CALL (nodes) {
  UNWIND nodes AS a
  MATCH (a)-[r]->(b:Entity)
  WHERE b IN nodes
    AND ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf)
                           AND (r.validTo IS NULL OR r.validTo >= $asOf)))
  RETURN collect({
    id: coalesce(r.id, a.id + '|' + type(r) + '|' + b.id), source: a.id, target: b.id,
    type: type(r),
    label: toLower(replace(type(r), '_', ' '))
           + coalesce(' (' + coalesce(r.kind, r.capacity, r.role) + ')', ''),
    status: r.status, validFrom: toString(r.validFrom), validTo: toString(r.validTo),
    kind: r.kind, wording: r.wording, role: r.role, capacity: r.capacity,
    evidenceCount: COUNT { (:Evidence {factId: r.id}) }
  }) AS edges
}
RETURN [n IN nodes | n {.id, .type, .name, label: n.name, .status,
                        validFrom: toString(n.validFrom), validTo: toString(n.validTo)}] AS nodes,
       edges

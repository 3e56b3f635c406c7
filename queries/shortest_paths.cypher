// The shortest connections between two entities (every shortest path, up to $limit of them),
// through entities only, each path as nodes and edges.
// Parameters: $from, $to — entity ids; $limit — the most paths to return.
// Example: :param from => 'person:jane-doe'; :param to => 'service:libraries'; :param limit => 10
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH path = allShortestPaths((a)-[*..8]-(b))
WHERE all(x IN nodes(path) WHERE x:Entity)
WITH path LIMIT $limit
RETURN {
  length: length(path),
  nodes: [x IN nodes(path) | x {.id, .type, .name, .status, .validFrom, .validTo}],
  edges: [r IN relationships(path) | {
    id: r.id, source: startNode(r).id, target: endNode(r).id, type: type(r), status: r.status,
    validFrom: r.validFrom, validTo: r.validTo, kind: r.kind, wording: r.wording, role: r.role,
    capacity: r.capacity, evidenceCount: COUNT { (:Evidence {factId: r.id}) }
  }]
} AS path

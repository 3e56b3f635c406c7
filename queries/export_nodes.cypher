// Export: entities with every stored property and the documents that evidence each one.
// Answers: what are the nodes of the whole graph (ids null) or of a chosen set of entities?
// Parameters: $ids — a list of entity ids, or null for every entity.
// Example: :param ids => ['body:audit-commission', 'post:audit-commission-54084']
MATCH (n:Entity)
WHERE $ids IS NULL OR n.id IN $ids
RETURN n.id AS id, n.type AS type, properties(n) AS props,
       COLLECT {
         MATCH (:Evidence {factId: n.id})-[:FROM_DOCUMENT]->(d:Document)
         RETURN DISTINCT d.id ORDER BY d.id
       } AS documents
ORDER BY id

// Export: relationships between entities, with every stored property and their documents.
// Answers: what are the edges of the whole graph (ids null) or among a chosen set of entities
// (both ends in the set)?
// Parameters: $ids — a list of entity ids, or null for every relationship between entities.
// Example: :param ids => ['body:audit-commission', 'post:audit-commission-54084']
MATCH (a:Entity)-[r]->(b:Entity)
WHERE $ids IS NULL OR (a.id IN $ids AND b.id IN $ids)
RETURN r.id AS id, type(r) AS type, a.id AS source, b.id AS target, properties(r) AS props,
       COLLECT {
         MATCH (:Evidence {factId: r.id})-[:FROM_DOCUMENT]->(d:Document)
         RETURN DISTINCT d.id ORDER BY d.id
       } AS documents
ORDER BY type, source, target, id

// Export: one step of a neighbourhood — the entities one relationship away (either direction)
// from a set of entities. Repeated N times from a focus, it gives the neighbourhood of depth N.
// Parameters: $ids — the entity ids reached so far.
// Example: :param ids => ['post:audit-commission-54084']
MATCH (a:Entity)-[]-(b:Entity)
WHERE a.id IN $ids
RETURN collect(DISTINCT b.id) AS ids

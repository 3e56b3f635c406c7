// The bodies each entity belongs to: a post's or a unit's body (or the body a body is part of), or
// the bodies of a person's posts (only people hold posts: the other entities are not looked at for
// them); as one list of the entities found, each with its bodies.
// Parameters: $ids — a list of entity ids.
// Example: :param ids => ['post:example-council:chief-executive']
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN collect(n {
  .id,
  bodies: COLLECT {
    MATCH (n)-[:BELONGS_TO|SUB_ORGANIZATION_OF]->(b:Body)
    RETURN b {.id, .type, .name, .status, .aliases} AS body
    UNION
    MATCH (n:Person)-[:HOLDS]->(:Post)-[:BELONGS_TO]->(b:Body)
    RETURN b {.id, .type, .name, .status, .aliases} AS body
  }
}) AS entities

// Export: the entities that make up a body's structure — the body, its sub-organisations (to three
// levels), everything that BELONGS_TO them (posts, portfolios, committees, priorities...), and
// every entity one relationship away from those (holders, members, services, areas, reporting
// lines to posts elsewhere).
// Parameters: $body — the body's id.
// Example: :param body => 'body:audit-commission'
MATCH (root:Body {id: $body})
OPTIONAL MATCH (root)<-[:SUB_ORGANIZATION_OF*0..3]-(unit:Body)
WITH root, collect(DISTINCT unit) + [root] AS units
UNWIND units AS unit
OPTIONAL MATCH (unit)<-[:BELONGS_TO]-(part:Entity)
WITH units, collect(DISTINCT part) AS parts
WITH units + parts AS core
UNWIND core AS member
OPTIONAL MATCH (member)-[]-(near:Entity)
WITH core, collect(DISTINCT near) AS nearby
UNWIND core + nearby AS n
RETURN collect(DISTINCT n.id) AS ids

// The map's only data source: the public GraphQL API.

const ENDPOINT = "/graphql";

export class GraphQLError extends Error {}

export async function graphql(query, variables) {
  let response;
  try {
    response = await fetch(ENDPOINT, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    throw new GraphQLError(`The API did not answer (${error.message}).`);
  }
  let payload;
  try {
    payload = await response.json();
  } catch {
    throw new GraphQLError(`The API answered ${response.status} without JSON.`);
  }
  if (payload.errors && payload.errors.length > 0) {
    throw new GraphQLError(payload.errors.map((error) => error.message).join("; "));
  }
  if (!response.ok) {
    throw new GraphQLError(`The API answered ${response.status}.`);
  }
  return payload.data;
}

const SEARCH = `
query MapSearch($query: String!, $first: Int) {
  search(query: $query, first: $first) {
    id type name score snippet documentId paragraph
    entities { id type name }
  }
}`;

const NEIGHBOURHOOD = `
query MapNeighbourhood($id: ID!, $depth: Int, $asOf: Date, $limit: Int) {
  neighbourhood(id: $id, depth: $depth, asOf: $asOf, limit: $limit) {
    nodes { id type label status validFrom validTo }
    edges { id source target type label status validFrom validTo evidenceCount }
  }
}`;

const EVIDENCE = "evidence { documentId documentTitle documentDate paragraph quote origin confidence }";

const RELATION = `id type direction status validFrom validTo kind capacity role wording
  sourceId targetId otherRef { id type name } ${EVIDENCE}`;

const ENTITY = `
query MapEntity($id: ID!) {
  entity(id: $id) {
    id type name aliases description status validFrom validTo properties
    ${EVIDENCE}
  }
}`;

const RELATIONS = `
query MapEntityRelations($id: ID!, $asOf: Date) {
  entity(id: $id) { relations(asOf: $asOf) { ${RELATION} } }
}`;

const RELATIONS_OUT = `
query MapRelations($id: ID!) {
  entity(id: $id) { relations(direction: OUT) { ${RELATION} } }
}`;

export async function searchEntities(query, first = 20) {
  const data = await graphql(SEARCH, { query, first });
  return data.search;
}

export async function fetchNeighbourhood(id, depth, asOf, limit = 300) {
  const data = await graphql(NEIGHBOURHOOD, { id, depth, asOf: asOf || null, limit });
  return data.neighbourhood;
}

export async function fetchEntity(id) {
  const data = await graphql(ENTITY, { id });
  return data.entity;
}

export async function fetchRelations(id, asOf) {
  const data = await graphql(RELATIONS, { id, asOf: asOf || null });
  return data.entity ? data.entity.relations : [];
}

// A relation with its evidence, found among the outgoing relations of its source.
export async function fetchRelation(sourceId, relationId) {
  const data = await graphql(RELATIONS_OUT, { id: sourceId });
  return data.entity?.relations.find((relation) => relation.id === relationId) ?? null;
}

// Asks a live civicgraph API the questions a client application would, through Apollo Client (its
// core: no React) with named and nested fragments, variables, enum arguments, cursor paging and the
// normalised cache, and prints what it got as JSON; exits non-zero when a request fails.
// Usage: node check_apollo_client.mjs http://127.0.0.1:8000/graphql POST_ID BODY_ID
import { ApolloClient, HttpLink, InMemoryCache, gql } from "@apollo/client";

const [endpoint, postId, bodyId] = process.argv.slice(2);
if (!endpoint || !postId || !bodyId) {
  console.error("usage: node check_apollo_client.mjs GRAPHQL_URL POST_ID BODY_ID");
  process.exit(2);
}

// Fragments on the Node and Entity interfaces need the schema's possible types: asked of the API
// itself, as Apollo's documentation says to do.
async function possibleTypes() {
  const response = await fetch(endpoint, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      query: "{ __schema { types { kind name possibleTypes { name } } } }",
    }),
  });
  const { data } = await response.json();
  const found = {};
  for (const type of data.__schema.types) {
    if (type.possibleTypes) found[type.name] = type.possibleTypes.map((t) => t.name);
  }
  return found;
}

const EVIDENCE = gql`
  fragment EvidenceFields on Evidence {
    documentTitle
    paragraph
    quote
  }
`;

const ENTITY_SUMMARY = gql`
  fragment EntitySummary on Entity {
    id
    type
    name
    evidence {
      ...EvidenceFields
    }
  }
  ${EVIDENCE}
`;

const POST_DETAIL = gql`
  fragment PostDetail on Post {
    ...EntitySummary
    holders(asOf: $asOf) {
      capacity
      validFrom
      person {
        ...EntitySummary
      }
    }
    reportsTo {
      ...EntitySummary
    }
  }
  ${ENTITY_SUMMARY}
`;

const POST_BY_NODE = gql`
  query PostByNode($id: ID!, $asOf: Date) {
    node(id: $id) {
      __typename
      id
      ...PostDetail
    }
  }
  ${POST_DETAIL}
`;

const RELATED = gql`
  query Related($id: ID!, $relations: [RelationType!], $kinds: [EntityType!]) {
    entity(id: $id) {
      id
      related(types: $relations, direction: OUT, entityTypes: $kinds) {
        ...EntitySummary
      }
    }
  }
  ${ENTITY_SUMMARY}
`;

const POSTS_OF_BODY = gql`
  query PostsOfBody($body: ID!, $first: Int!, $after: String) {
    entities(type: Post, body: $body, first: $first, after: $after, sort: { field: NAME }) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...EntitySummary
        }
      }
    }
  }
  ${ENTITY_SUMMARY}
`;

const NEIGHBOURHOOD = gql`
  query Neighbourhood($id: ID!, $types: [EntityType!]) {
    neighbourhood(id: $id, depth: 1, types: $types) {
      nodes {
        id
        type
        label
      }
      edges {
        id
        source
        target
        type
      }
    }
  }
`;

const NODES = gql`
  query Nodes($ids: [ID!]!) {
    nodes(ids: $ids) {
      __typename
      id
      ... on Entity {
        name
      }
    }
  }
`;

const client = new ApolloClient({
  link: new HttpLink({ uri: endpoint }),
  cache: new InMemoryCache({ possibleTypes: await possibleTypes() }),
});

async function ask(query, variables, errorPolicy = "none") {
  const result = await client.query({ query, variables, errorPolicy, fetchPolicy: "network-only" });
  return result;
}

function summary(entity) {
  return entity && { id: entity.id, type: entity.type, name: entity.name };
}

const post = (await ask(POST_BY_NODE, { id: postId, asOf: null })).data.node;

// The cache normalised the answer by __typename and id: the fragment reads back without a request.
const cached = client.readFragment({
  id: client.cache.identify({ __typename: "Post", id: postId }),
  fragment: POST_DETAIL,
  fragmentName: "PostDetail",
  variables: { asOf: null },
});

const related = (await ask(RELATED, { id: postId, relations: ["REPORTS_TO", "COVERS"], kinds: ["Service"] }))
  .data.entity.related;

const pages = [];
let after = null;
do {
  const { entities } = (await ask(POSTS_OF_BODY, { body: bodyId, first: 4, after })).data;
  pages.push({
    totalCount: entities.totalCount,
    names: entities.edges.map((edge) => edge.node.name),
  });
  after = entities.pageInfo.hasNextPage ? entities.pageInfo.endCursor : null;
} while (after !== null && pages.length < 10);

const neighbourhood = (await ask(NEIGHBOURHOOD, { id: bodyId, types: ["Body", "Post"] })).data
  .neighbourhood;

const nodes = (await ask(NODES, { ids: [postId, "post:no-such-post", bodyId] })).data.nodes;

const missing = await ask(POST_BY_NODE, { id: "post:no-such-post", asOf: null }, "all");

console.log(
  JSON.stringify({
    post: {
      typename: post.__typename,
      ...summary(post),
      evidence: post.evidence,
      holders: post.holders.map((h) => ({ capacity: h.capacity, validFrom: h.validFrom, person: summary(h.person) })),
      reportsTo: post.reportsTo.map(summary),
    },
    cachedPost: cached && { ...summary(cached), holders: cached.holders.map((h) => h.person.name) },
    related: related.map(summary),
    pages,
    neighbourhood: {
      types: [...new Set(neighbourhood.nodes.map((node) => node.type))].sort(),
      nodes: neighbourhood.nodes.length,
      edges: neighbourhood.edges.length,
    },
    nodes: nodes.map((node) => node && { typename: node.__typename, id: node.id, name: node.name }),
    missing: {
      node: missing.data ? missing.data.node : null,
      codes: (missing.error?.errors ?? []).map((error) => error.extensions?.code),
    },
  }),
);

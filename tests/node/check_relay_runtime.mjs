// Runs the operations the Relay compiler made from relay/src (relay/src/__generated__, kept current by
// `relay-compiler --validate`) through relay-runtime against a live civicgraph API: the page's
// query, the refetch through `node(id:)` and a page of the connection. Reads each fragment back from
// Relay's normalised store and prints what it got as JSON; exits non-zero when a request fails.
// Usage: node check_relay_runtime.mjs http://127.0.0.1:8000/graphql POST_ID BODY_ID
import {
  Environment,
  Network,
  RecordSource,
  Store,
  createOperationDescriptor,
  fetchQuery,
  getRequest,
  getSelector,
} from "relay-runtime";
import BodyPostsPaginationQuery from "./relay/src/__generated__/BodyPostsPaginationQuery.graphql.js";
import BodyPosts from "./relay/src/__generated__/BodyPosts_query.graphql.js";
import EntityPageQuery from "./relay/src/__generated__/EntityPageQuery.graphql.js";
import PersonName from "./relay/src/__generated__/PersonName_person.graphql.js";
import PostCard from "./relay/src/__generated__/PostCard_post.graphql.js";
import PostReportingLineRefetchQuery from "./relay/src/__generated__/PostReportingLineRefetchQuery.graphql.js";
import PostReportingLine from "./relay/src/__generated__/PostReportingLine_post.graphql.js";

const [endpoint, postId, bodyId] = process.argv.slice(2);
if (!endpoint || !postId || !bodyId) {
  console.error("usage: node check_relay_runtime.mjs GRAPHQL_URL POST_ID BODY_ID");
  process.exit(2);
}

const network = Network.create(async (params, variables) => {
  const response = await fetch(endpoint, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ query: params.text, variables }),
  });
  const payload = await response.json();
  if (payload.errors) throw new Error(JSON.stringify(payload.errors));
  return payload;
});
// Only Node objects' ids are global: a short view of an entity (EntityRef, GraphNode, SearchHit)
// carries the entity's id, and a GraphEdge its relation's. So records are keyed by type and id, as
// Apollo's cache does; with Relay's default (the id alone) the store mixes a post and its GraphNode.
function getDataID(fieldValue, typeName) {
  return fieldValue.id == null ? fieldValue.id : `${typeName}:${fieldValue.id}`;
}

const environment = new Environment({
  network,
  store: new Store(new RecordSource()),
  getDataID,
});

async function fetchRetained(query, variables) {
  environment.retain(createOperationDescriptor(getRequest(query), variables));
  return fetchQuery(environment, query, variables).toPromise();
}

function read(fragment, ref) {
  return environment.lookup(getSelector(fragment, ref)).data;
}

function card(ref) {
  const post = read(PostCard, ref);
  return {
    id: post.id,
    name: post.name,
    holders: post.holders.map((holder) => ({
      capacity: holder.capacity,
      validFrom: holder.validFrom,
      person: holder.person?.personName ? read(PersonName, holder.person.personName) : null,
    })),
    evidence: post.evidence.map((evidence) => evidence.quote),
  };
}

const pageVariables = { id: postId, types: ["Post"], relations: ["COVERS"], asOf: null };
const page = await fetchRetained(EntityPageQuery, pageVariables);
const reportingLine = read(PostReportingLine, page.node.reportingLine);

const refetched = await fetchRetained(PostReportingLineRefetchQuery, { id: postId, asOf: null });
const refetchedLine = read(PostReportingLine, refetched.node);

const posts = await fetchRetained(BodyPostsPaginationQuery, { body: bodyId, first: 4, after: null });
const connection = read(BodyPosts, posts).entities;

console.log(
  JSON.stringify({
    page: {
      typename: page.node.__typename,
      card: card(page.node.card),
      related: page.node.related,
      reportsTo: reportingLine.reportsTo.map((post) => post.id),
      neighbourhoodTypes: [...new Set(page.neighbourhood.nodes.map((node) => node.type))].sort(),
    },
    refetched: {
      id: refetchedLine.id,
      reportsTo: refetchedLine.reportsTo.map((post) => post.id),
      directReports: refetchedLine.directReports.map((post) => post.id),
    },
    bodyPosts: {
      totalCount: connection.totalCount,
      hasNextPage: connection.pageInfo.hasNextPage,
      names: connection.edges.map((edge) => read(PostCard, edge.node.card).name),
    },
  }),
);

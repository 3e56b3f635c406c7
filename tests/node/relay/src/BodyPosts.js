// A body's posts, paged as a Relay connection, filtered by an entity type given as an enum.
import { graphql } from "relay-runtime";

export const bodyPosts = graphql`
  fragment BodyPosts_query on Query
  @refetchable(queryName: "BodyPostsPaginationQuery")
  @argumentDefinitions(
    body: { type: "ID!" }
    first: { type: "Int", defaultValue: 10 }
    after: { type: "String" }
  ) {
    entities(type: Post, body: $body, first: $first, after: $after)
    @connection(key: "BodyPosts_entities") {
      totalCount
      edges {
        node {
          id
          ...PostCard_post @alias(as: "card")
        }
      }
    }
  }
`;

// The page's query: an entity by its global id, its neighbourhood filtered by enum variables.
import { graphql } from "relay-runtime";

export const entityPageQuery = graphql`
  query EntityPageQuery($id: ID!, $types: [EntityType!], $relations: [RelationType!], $asOf: Date) {
    node(id: $id) {
      __typename
      ... on Post {
        ...PostCard_post @alias(as: "card")
        ...PostReportingLine_post @arguments(asOf: $asOf) @alias(as: "reportingLine")
      }
      ... on Entity {
        related(types: $relations, direction: OUT) {
          id
          type
          name
        }
      }
    }
    neighbourhood(id: $id, types: $types) {
      nodes {
        id
        type
        label
      }
    }
  }
`;

// A post with its holders (a nested fragment) and its evidence.
import { graphql } from "relay-runtime";

export const postCard = graphql`
  fragment PostCard_post on Post {
    id
    name
    status
    holders(asOf: $asOf) {
      capacity
      validFrom
      person {
        ...PersonName_person @alias(as: "personName")
      }
    }
    evidence {
      documentTitle
      paragraph
      quote
    }
  }
`;

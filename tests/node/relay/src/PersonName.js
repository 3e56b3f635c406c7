// A person as a list shows them.
import { graphql } from "relay-runtime";

export const personName = graphql`
  fragment PersonName_person on Person {
    id
    name
  }
`;

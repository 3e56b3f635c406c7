// Refetchable by its id alone: the compiler writes a query through `node(id:)`, which it accepts
// only from a schema with Relay's Node interface.
import { graphql } from "relay-runtime";

export const postReportingLine = graphql`
  fragment PostReportingLine_post on Post
  @refetchable(queryName: "PostReportingLineRefetchQuery")
  @argumentDefinitions(asOf: { type: "Date" }) {
    id
    reportsTo(asOf: $asOf) {
      id
      name
    }
    directReports(asOf: $asOf) {
      id
      name
    }
  }
`;

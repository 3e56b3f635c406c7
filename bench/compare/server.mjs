// @neo4j/graphql on Apollo Server over civicgraph's graph, for `make bench-compare`: the type
// definitions in typeDefs.graphql (written from graph/model.py), the same Neo4j as civicgraph's
// API (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD), served on 127.0.0.1:PORT at /graphql.
import { readFileSync } from "node:fs";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";

const { NEO4J_URI, NEO4J_USER = "neo4j", NEO4J_PASSWORD, PORT } = process.env;
if (!NEO4J_URI || !NEO4J_PASSWORD || !PORT) {
  console.error("server.mjs needs NEO4J_URI, NEO4J_PASSWORD and PORT");
  process.exit(2);
}

const typeDefs = readFileSync(new URL("./typeDefs.graphql", import.meta.url), "utf8");
const driver = neo4j.driver(NEO4J_URI, neo4j.auth.basic(NEO4J_USER, NEO4J_PASSWORD));
// Case-insensitive string filters, as civicgraph's `nameContains` is.
const features = { filters: { String: { CASE_INSENSITIVE: true } } };
const schema = await new Neo4jGraphQL({ typeDefs, driver, features }).getSchema();
const server = new ApolloServer({ schema, introspection: false });
const { url } = await startStandaloneServer(server, {
  listen: { host: "127.0.0.1", port: Number(PORT) },
});
console.log(`@neo4j/graphql ready at ${url}`);

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    await server.stop();
    await driver.close();
    process.exit(0);
  });
}

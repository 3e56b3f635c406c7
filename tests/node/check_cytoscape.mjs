// Loads a civicgraph Cytoscape.js export (a file of {nodes, edges}) into a headless cytoscape
// instance and prints what cytoscape made of it as JSON; exits non-zero if cytoscape refuses it.
// Usage: node check_cytoscape.mjs export.json
import { readFileSync } from "node:fs";
import cytoscape from "cytoscape";

const file = process.argv[2];
if (!file) {
  console.error("usage: node check_cytoscape.mjs EXPORT.json");
  process.exit(2);
}
const elements = JSON.parse(readFileSync(file, "utf8"));
const cy = cytoscape({ headless: true, elements });
const dangling = cy.edges().filter((edge) => edge.source().empty() || edge.target().empty());
const types = {};
cy.nodes().forEach((node) => {
  const type = node.data("type");
  types[type] = (types[type] || 0) + 1;
});
const reach = cy.elements().bfs({ roots: cy.nodes()[0], directed: false });
console.log(JSON.stringify({
  nodes: cy.nodes().length,
  edges: cy.edges().length,
  dangling: dangling.length,
  types,
  reachableFromFirst: reach.path.nodes().length,
  labelOfFirst: cy.nodes()[0] ? cy.nodes()[0].data("label") : null,
}));

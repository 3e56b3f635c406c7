// Exports of what the map shows: a PNG picture and the nodes and edges as JSON.
import { visibleElements } from "./graph.js";

function download(blob, filename) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function baseName(state) {
  const focus = state.focus ? state.focus.replace(/[^A-Za-z0-9_-]+/g, "-") : "map";
  return `civicgraph-${focus}${state.asOf ? `-${state.asOf}` : ""}`;
}

export function exportPng(cy, state) {
  const blob = cy.png({ output: "blob", bg: "#ffffff", full: true, scale: 2 });
  download(blob, `${baseName(state)}.png`);
}

// Cytoscape's elements shape ({nodes: [{data, position}], edges: [{data}]}), which
// cytoscape({elements}) takes back as it is.
export function mapAsJson(cy) {
  const elements = visibleElements(cy);
  const nodes = elements.nodes().map((node) => ({
    data: { ...node.data() },
    position: { ...node.position() },
  }));
  const edges = elements.edges().map((edge) => ({ data: { ...edge.data() } }));
  return { nodes, edges };
}

export function exportJson(cy, state) {
  const text = JSON.stringify(mapAsJson(cy), null, 2);
  download(new Blob([text], { type: "application/json" }), `${baseName(state)}.json`);
}

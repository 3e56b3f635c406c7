// The cytoscape instance: its style, merging GraphViews from the API, filtering and layout.
import cytoscape from "cytoscape";
import fcose from "cytoscape-fcose";

import { ENTITY_TYPES } from "./types.js";

cytoscape.use(fcose);

function stylesheet() {
  const byType = ENTITY_TYPES.map(({ type, color, shape }) => ({
    selector: `node[type = "${type}"]`,
    style: { "background-color": color, shape },
  }));
  return [
    {
      selector: "node",
      style: {
        label: "data(label)",
        "background-color": "#95a5a6",
        width: 30,
        height: 30,
        "font-size": 10,
        "font-family": "system-ui, sans-serif",
        color: "#1b1b1b",
        "text-valign": "bottom",
        "text-margin-y": 4,
        "text-wrap": "wrap",
        "text-max-width": 120,
        "text-background-color": "#ffffff",
        "text-background-opacity": 0.8,
        "text-background-padding": 1,
        "border-width": 1,
        "border-color": "#ffffff",
      },
    },
    ...byType,
    { selector: "node.expanded", style: { "border-width": 3, "border-color": "#34495e" } },
    { selector: "node.focus", style: { width: 44, height: 44, "border-width": 4, "border-color": "#111111", "font-weight": "bold" } },
    { selector: "node:selected", style: { "overlay-color": "#f39c12", "overlay-opacity": 0.25, "overlay-padding": 6 } },
    {
      selector: "edge",
      style: {
        width: 1.5,
        "curve-style": "bezier",
        "line-color": "#7f8c8d",
        "target-arrow-color": "#7f8c8d",
        "target-arrow-shape": "triangle",
        "arrow-scale": 0.8,
        label: "data(display)",
        "font-size": 8,
        "font-family": "system-ui, sans-serif",
        color: "#34495e",
        "text-rotation": "autorotate",
        "text-background-color": "#ffffff",
        "text-background-opacity": 0.85,
        "text-background-padding": 1,
      },
    },
    { selector: "edge:selected", style: { "line-color": "#f39c12", "target-arrow-color": "#f39c12", width: 3 } },
    { selector: '[status = "alternative"], [status = "proposed"]', style: { "line-style": "dashed", "border-style": "dashed" } },
    { selector: '[status = "ended"]', style: { opacity: 0.45 } },
    { selector: ".filtered", style: { display: "none" } },
  ];
}

export function createGraph(container) {
  return cytoscape({
    container,
    style: stylesheet(),
    minZoom: 0.1,
    maxZoom: 4,
    boxSelectionEnabled: false,
  });
}

function edgeDisplay(edge) {
  return (edge.label || edge.type).replaceAll("_", " ").toLowerCase();
}

// Adds what the view holds that the map lacks; new nodes start beside `anchorId` so that an
// incremental layout moves them out from there. Returns the new nodes and edges.
export function mergeView(cy, view, anchorId) {
  const anchor = anchorId ? cy.getElementById(anchorId) : null;
  const origin = anchor && anchor.nonempty() ? anchor.position() : { x: 0, y: 0 };
  const added = [];
  view.nodes.forEach((node, index) => {
    if (cy.getElementById(node.id).nonempty()) return;
    const angle = (2 * Math.PI * index) / Math.max(view.nodes.length, 1);
    added.push({
      group: "nodes",
      data: { ...node },
      position: { x: origin.x + 60 * Math.cos(angle), y: origin.y + 60 * Math.sin(angle) },
    });
  });
  cy.add(added);
  const edges = view.edges
    .filter((edge) => cy.getElementById(edge.id).empty())
    .filter((edge) => cy.getElementById(edge.source).nonempty() && cy.getElementById(edge.target).nonempty())
    .map((edge) => ({ group: "edges", data: { ...edge, display: edgeDisplay(edge) } }));
  cy.add(edges);
  return { nodes: added.length, edges: edges.length };
}

export function applyTypeFilter(cy, hiddenTypes) {
  cy.batch(() => {
    cy.nodes().forEach((node) => {
      node.toggleClass("filtered", hiddenTypes.has(node.data("type")));
    });
  });
}

export function visibleElements(cy) {
  return cy.elements().filter((element) => element.visible());
}

export function runLayout(cy, { randomize }) {
  const elements = visibleElements(cy);
  if (elements.nodes().empty()) return Promise.resolve();
  const layout = elements.layout({
    name: "fcose",
    quality: "default",
    randomize,
    animate: false,
    fit: true,
    padding: 40,
    nodeRepulsion: 20000,
    idealEdgeLength: 130,
    nodeSeparation: 90,
    nodeDimensionsIncludeLabels: true,
  });
  const done = layout.promiseOn("layoutstop");
  layout.run();
  return done;
}

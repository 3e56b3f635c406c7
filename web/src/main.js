// The /map page: search, focus, expand, filter, details, export, and a linkable address.
import { renderEntity, renderMessage, renderRelation } from "./details.js";
import { el } from "./dom.js";
import { exportJson, exportPng, mapAsJson } from "./exporting.js";
import { applyTypeFilter, createGraph, mergeView, runLayout, visibleElements } from "./graph.js";
import {
  fetchEntity,
  fetchNeighbourhood,
  fetchRelation,
  fetchRelations,
  searchEntities,
} from "./graphql.js";
import { ENTITY_TYPES, typeLabel, typeStyle } from "./types.js";
import { readState, stateQuery } from "./url_state.js";

const $ = (id) => document.getElementById(id);

const state = { ...readState(window.location.search), expanded: new Set() };
const cy = createGraph($("cy"));

// The canvas changes size when the details panel opens or closes: keep the drawing in view.
new ResizeObserver(() => {
  cy.resize();
  const elements = visibleElements(cy);
  if (elements.nonempty()) cy.fit(elements, 40);
}).observe($("cy"));

function setBusy(message) {
  document.body.dataset.state = "loading";
  $("status").textContent = message;
}

function setReady(message) {
  document.body.dataset.state = "ready";
  const elements = visibleElements(cy);
  const counts = `${elements.nodes().length} nodes, ${elements.edges().length} edges in view`;
  $("status").textContent = message ? `${message} — ${counts}` : counts;
}

function setFailed(error) {
  document.body.dataset.state = "error";
  $("status").textContent = error.message || String(error);
}

function syncAddress() {
  const query = stateQuery(state);
  const embed = state.embed ? `${query ? "&" : "?"}embed=1` : "";
  window.history.replaceState(null, "", `${window.location.pathname}${query}${embed}`);
  $("permalink").href = `${window.location.pathname}${query}`;
}

async function withStatus(message, work) {
  setBusy(message);
  try {
    const result = await work();
    setReady(result);
  } catch (error) {
    setFailed(error);
  }
}

// Draws the focus at the chosen depth and every node expanded since, as of the chosen date.
async function redraw({ keepPositions }) {
  const positions = new Map(cy.nodes().map((node) => [node.id(), { ...node.position() }]));
  const requests = [fetchNeighbourhood(state.focus, state.depth, state.asOf)];
  const others = [...state.expanded].filter((id) => id !== state.focus);
  for (const id of others) requests.push(fetchNeighbourhood(id, 1, state.asOf));
  const views = await Promise.all(requests);
  cy.elements().remove();
  if (!views[0] || views[0].nodes.length === 0) {
    throw new Error(`Nothing to draw for ${state.focus}${state.asOf ? ` as of ${state.asOf}` : ""}.`);
  }
  views.forEach((view, index) => view && mergeView(cy, view, index === 0 ? null : others[index - 1]));
  let placed = 0;
  cy.nodes().forEach((node) => {
    const position = positions.get(node.id());
    if (keepPositions && position) {
      node.position(position);
      placed += 1;
    }
  });
  cy.getElementById(state.focus).addClass("focus");
  state.expanded = new Set([state.focus, ...others.filter((id) => cy.getElementById(id).nonempty())]);
  for (const id of state.expanded) cy.getElementById(id).addClass("expanded");
  applyTypeFilter(cy, state.hiddenTypes);
  await runLayout(cy, { randomize: placed === 0 });
}

async function focusOn(id) {
  state.focus = id;
  state.expanded = new Set();
  // In a frame the map keeps the whole space until a node is clicked.
  if (!state.embed) $("details").hidden = false;
  syncAddress();
  await withStatus(`Loading ${id}…`, async () => {
    await redraw({ keepPositions: false });
    if (!state.embed) await showNode(id);
    return `Focused on ${cy.getElementById(id).data("label") || id}`;
  });
}

async function expand(id) {
  if (state.expanded.has(id)) return;
  const view = await fetchNeighbourhood(id, 1, state.asOf);
  state.expanded.add(id);
  cy.getElementById(id).addClass("expanded");
  const added = view ? mergeView(cy, view, id) : { nodes: 0, edges: 0 };
  applyTypeFilter(cy, state.hiddenTypes);
  if (added.nodes > 0) await runLayout(cy, { randomize: false });
  return `Expanded ${cy.getElementById(id).data("label") || id}: ${added.nodes} new nodes`;
}

async function showNode(id) {
  const panel = $("details");
  panel.hidden = false;
  panel.dataset.entity = id;
  renderMessage($("details-body"), "Loading…");
  // The entity's own facts show even when its relations cannot be had, and the other way round.
  const [entity, relations] = await Promise.allSettled([
    fetchEntity(id),
    fetchRelations(id, state.asOf),
  ]);
  if (panel.dataset.entity !== id) return; // another node was chosen meanwhile
  if (entity.status === "rejected") throw entity.reason;
  const related = relations.status === "fulfilled" ? relations.value : relations.reason;
  renderEntity($("details-body"), entity.value, related, showOnMap);
}

// From the panel: a node already drawn is expanded; any other entity becomes the new focus.
function showOnMap(id) {
  if (cy.getElementById(id).empty()) {
    focusOn(id);
    return;
  }
  withStatus(`Expanding ${id}…`, async () => {
    const message = await expand(id);
    await showNode(id);
    cy.elements().unselect();
    cy.getElementById(id).select();
    return message;
  });
}

async function showEdge(edge) {
  const panel = $("details");
  panel.hidden = false;
  panel.dataset.entity = edge.id();
  renderMessage($("details-body"), "Loading…");
  const relation = await fetchRelation(edge.source().id(), edge.id());
  if (panel.dataset.entity !== edge.id()) return;
  renderRelation($("details-body"), edge, relation);
}

cy.on("tap", "node", (event) => {
  const id = event.target.id();
  withStatus(`Expanding ${id}…`, async () => {
    const message = await expand(id);
    await showNode(id);
    return message;
  });
});
cy.on("tap", "edge", (event) => {
  withStatus("Loading the relation…", async () => {
    await showEdge(event.target);
    return `Relation ${event.target.data("display")}`;
  });
});

// An entity hit focuses on that entity; a passage, quote or document focuses on what it names.
function hitTarget(hit) {
  if (ENTITY_TYPES.some((entry) => entry.type === hit.type)) return hit.id;
  return hit.entities && hit.entities.length > 0 ? hit.entities[0].id : null;
}

function hitPlace(hit) {
  if (ENTITY_TYPES.some((entry) => entry.type === hit.type)) return typeLabel(hit.type);
  return hit.paragraph ? `${hit.type}, paragraph ${hit.paragraph}` : hit.type;
}

function renderResults(hits) {
  const list = $("search-results");
  if (hits.length === 0) {
    list.replaceChildren(el("li", { class: "empty", text: "No matches." }));
    return;
  }
  list.replaceChildren(
    ...hits.map((hit) => {
      const target = hitTarget(hit);
      return el("li", {}, [
        el(
          "button",
          {
            type: "button",
            class: "result",
            "data-id": hit.id,
            "data-target": target,
            disabled: target === null,
            title: target === null ? "Names no entity" : `Show ${target} on the map`,
            onclick: () => focusOn(target),
            onkeydown: (event) => moveWithin(event),
          },
          [
            el("span", { class: "swatch", style: { background: typeStyle(hit.type).color }, "aria-hidden": "true" }),
            el("span", { class: "result-name", text: hit.name || hit.id }),
            el("span", { class: "result-type", text: hitPlace(hit) }),
          ],
        ),
        hit.snippet ? el("p", { class: "snippet", text: hit.snippet }) : null,
      ]);
    }),
  );
}

function moveWithin(event) {
  const buttons = [...$("search-results").querySelectorAll("button.result:not([disabled])")];
  const index = buttons.indexOf(event.currentTarget);
  if (event.key === "ArrowDown" && index < buttons.length - 1) buttons[index + 1].focus();
  else if (event.key === "ArrowUp") (index > 0 ? buttons[index - 1] : $("search-input")).focus();
  else return;
  event.preventDefault();
}

$("search-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const query = $("search-input").value.trim();
  if (!query) return;
  withStatus(`Searching for “${query}”…`, async () => {
    const hits = await searchEntities(query);
    renderResults(hits);
    return `${hits.length} results for “${query}”`;
  });
});

$("search-input").addEventListener("keydown", (event) => {
  if (event.key !== "ArrowDown") return;
  const first = $("search-results").querySelector("button.result:not([disabled])");
  if (first) {
    event.preventDefault();
    first.focus();
  }
});

function buildTypeFilters() {
  const fieldset = $("type-filters");
  for (const { type, label, color } of ENTITY_TYPES) {
    const id = `type-${type}`;
    const checkbox = el("input", {
      type: "checkbox",
      id,
      name: "types",
      value: type,
      checked: !state.hiddenTypes.has(type),
      onchange: (event) => {
        if (event.target.checked) state.hiddenTypes.delete(type);
        else state.hiddenTypes.add(type);
        applyTypeFilter(cy, state.hiddenTypes);
        syncAddress();
        setReady(`${label} ${event.target.checked ? "shown" : "hidden"}`);
      },
    });
    fieldset.append(
      el("div", { class: "type-filter" }, [
        checkbox,
        el("label", { for: id }, [
          el("span", { class: `swatch shape-${typeStyle(type).shape}`, style: { background: color }, "aria-hidden": "true" }),
          label,
        ]),
      ]),
    );
  }
}

function redrawFromControls() {
  syncAddress();
  if (!state.focus) return;
  withStatus("Redrawing…", async () => {
    await redraw({ keepPositions: true });
    return state.asOf ? `As of ${state.asOf}` : "Current and past facts";
  });
}

$("depth-input").value = String(state.depth);
$("depth-input").addEventListener("change", (event) => {
  state.depth = Number.parseInt(event.target.value, 10);
  redrawFromControls();
});
$("as-of-input").value = state.asOf;
$("as-of-input").addEventListener("change", (event) => {
  state.asOf = event.target.value;
  redrawFromControls();
});
$("export-png").addEventListener("click", () => exportPng(cy, state));
$("export-json").addEventListener("click", () => exportJson(cy, state));
$("details-close").addEventListener("click", () => {
  $("details").hidden = true;
});
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape" && !$("details").hidden) $("details").hidden = true;
});

// For dashboards and tests that drive the page: the cytoscape instance and the view as JSON.
window.civicgraphMap = { cy, state, toJson: () => mapAsJson(cy), focusOn };

buildTypeFilters();
document.body.classList.toggle("embed", state.embed);
syncAddress();
if (state.focus) focusOn(state.focus);
else document.body.dataset.state = "ready";

// The side panel: an entity's facts and the evidence for them, or a relation's.
import { el } from "./dom.js";
import { typeLabel } from "./types.js";

function validity(from, to) {
  if (!from && !to) return null;
  return `${from || "…"} to ${to || "now"}`;
}

function factList(facts) {
  const items = facts.filter(([, value]) => value !== null && value !== undefined && value !== "");
  return el(
    "dl",
    { class: "facts" },
    items.flatMap(([name, value]) => [el("dt", { text: name }), el("dd", { text: value })]),
  );
}

function evidenceItem(evidence) {
  const source = [evidence.documentTitle || evidence.documentId, evidence.documentDate]
    .filter(Boolean)
    .join(", ");
  return el("li", { class: "evidence" }, [
    el("blockquote", { text: evidence.quote }),
    el("p", { class: "source" }, [
      el("cite", { text: source }),
      evidence.paragraph ? ` — paragraph ${evidence.paragraph}` : null,
    ]),
    el("p", { class: "origin", text: `${evidence.origin}${evidence.confidence < 1 ? `, confidence ${evidence.confidence}` : ""}` }),
  ]);
}

function sourceCount(count) {
  if (!count) return null;
  return ` (${count} ${count === 1 ? "source" : "sources"})`;
}

function relationItem(edge, node, onFocus) {
  const other = edge.source().id() === node.id() ? edge.target() : edge.source();
  const direction = edge.source().id() === node.id() ? "→" : "←";
  return el("li", {}, [
    `${edge.data("display")} ${direction} `,
    el("button", {
      type: "button",
      class: "link",
      text: other.data("label"),
      onclick: () => onFocus(other.id()),
    }),
    sourceCount(edge.data("evidenceCount")),
  ]);
}

export function renderEntity(container, entity, node, onFocus) {
  const evidence = entity.evidence || [];
  const relations = node ? node.connectedEdges().filter((edge) => edge.visible()) : [];
  container.replaceChildren(
    el("h3", { class: "entity-name", text: entity.name }),
    el("p", { class: "entity-type", text: typeLabel(entity.type) }),
    factList([
      ["Id", entity.id],
      ["Status", entity.status],
      ["Valid", validity(entity.validFrom, entity.validTo)],
      ["Also called", (entity.aliases || []).join("; ")],
      ["Description", entity.description],
    ]),
    el("h4", { text: `Evidence (${evidence.length})` }),
    evidence.length > 0
      ? el("ul", { class: "evidence-list" }, evidence.map(evidenceItem))
      : el("p", { text: "No evidence returned for this entity." }),
    el("h4", { text: `Relations in view (${relations.length})` }),
    el("ul", { class: "relations" }, relations.map((edge) => relationItem(edge, node, onFocus))),
  );
}

export function renderRelation(container, edge) {
  container.replaceChildren(
    el("h3", { class: "entity-name", text: edge.data("display") }),
    el("p", { class: "entity-type", text: "Relation" }),
    factList([
      ["From", edge.source().data("label")],
      ["To", edge.target().data("label")],
      ["Type", edge.data("type")],
      ["Status", edge.data("status")],
      ["Valid", validity(edge.data("validFrom"), edge.data("validTo"))],
      ["Sources", edge.data("evidenceCount")],
      ["Id", edge.id()],
    ]),
  );
}

export function renderMessage(container, message) {
  container.replaceChildren(el("p", { text: message }));
}

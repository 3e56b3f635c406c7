// The side panel: an entity's facts and the evidence for each, or one relation's.
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

function propertyFacts(properties) {
  if (!properties || typeof properties !== "object") return [];
  return Object.entries(properties).map(([name, value]) => [name.replaceAll("_", " "), String(value)]);
}

function evidenceItem(evidence) {
  const source = [evidence.documentTitle || evidence.documentId, evidence.documentDate]
    .filter(Boolean)
    .join(", ");
  const origin = [evidence.origin, evidence.confidence < 1 ? `confidence ${evidence.confidence}` : null]
    .filter(Boolean)
    .join(", ");
  return el("li", { class: "evidence" }, [
    el("blockquote", { text: evidence.quote }),
    el("p", { class: "source" }, [
      el("cite", { text: source }),
      evidence.paragraph ? ` — paragraph ${evidence.paragraph}` : null,
    ]),
    origin ? el("p", { class: "origin", text: origin }) : null,
  ]);
}

function evidenceList(evidence) {
  if (!evidence || evidence.length === 0) return el("p", { class: "hint", text: "No evidence returned." });
  return el("ul", { class: "evidence-list" }, evidence.map(evidenceItem));
}

function relationName(relation) {
  const name = relation.type.replaceAll("_", " ").toLowerCase();
  const detail = relation.kind || relation.capacity || relation.role;
  return detail ? `${name} (${detail})` : name;
}

function relationFacts(relation) {
  return factList([
    ["Status", relation.status],
    ["Valid", validity(relation.validFrom, relation.validTo)],
    ["Their words", relation.wording],
  ]);
}

function relationItem(relation, onFocus) {
  const arrow = relation.direction === "IN" ? "←" : "→";
  const other = relation.otherRef;
  return el("li", { class: "relation" }, [
    el("details", {}, [
      el("summary", {}, [
        `${relationName(relation)} ${arrow} `,
        el("span", { class: "other", text: other.name }),
        ` (${relation.evidence.length} ${relation.evidence.length === 1 ? "source" : "sources"})`,
      ]),
      relationFacts(relation),
      evidenceList(relation.evidence),
      el("button", {
        type: "button",
        class: "link",
        text: `Show ${other.name} on the map`,
        onclick: () => onFocus(other.id),
      }),
    ]),
  ]);
}

function relationSection(relations, onFocus) {
  if (relations instanceof Error) {
    return [
      el("h4", { text: "Relations" }),
      el("p", { class: "error", role: "alert", text: `The relations could not be loaded: ${relations.message}` }),
    ];
  }
  return [
    el("h4", { text: `Relations (${relations.length})` }),
    el("ul", { class: "relations" }, relations.map((relation) => relationItem(relation, onFocus))),
  ];
}

// `relations` is the entity's relations with their evidence, or the Error that kept them away.
export function renderEntity(container, entity, relations, onFocus) {
  container.replaceChildren(
    el("h3", { class: "entity-name", text: entity.name }),
    el("p", { class: "entity-type", text: typeLabel(entity.type) }),
    factList([
      ["Id", entity.id],
      ["Status", entity.status],
      ["Valid", validity(entity.validFrom, entity.validTo)],
      ["Also called", (entity.aliases || []).join("; ")],
      ["Description", entity.description],
      ...propertyFacts(entity.properties),
    ]),
    el("h4", { text: `Evidence (${(entity.evidence || []).length})` }),
    evidenceList(entity.evidence),
    ...relationSection(relations, onFocus),
  );
}

export function renderRelation(container, edge, relation) {
  container.replaceChildren(
    el("h3", { class: "entity-name", text: edge.data("display") }),
    el("p", { class: "entity-type", text: "Relation" }),
    factList([
      ["From", edge.source().data("label")],
      ["To", edge.target().data("label")],
      ["Status", edge.data("status")],
      ["Valid", validity(edge.data("validFrom"), edge.data("validTo"))],
      ["Their words", relation?.wording],
      ["Id", edge.id()],
    ]),
    el("h4", { text: `Evidence (${relation ? relation.evidence.length : 0})` }),
    evidenceList(relation?.evidence),
  );
}

export function renderMessage(container, message) {
  container.replaceChildren(el("p", { text: message }));
}

// How each entity type is drawn: colour and shape, shared by the map and its legend.
// The list follows graph/model.py's EntityType; a type the API adds later is drawn in grey.

export const ENTITY_TYPES = [
  { type: "Body", label: "Body", color: "#1f4e79", shape: "round-rectangle" },
  { type: "Portfolio", label: "Portfolio", color: "#c0392b", shape: "hexagon" },
  { type: "Service", label: "Service", color: "#27ae60", shape: "ellipse" },
  { type: "Priority", label: "Priority", color: "#8e44ad", shape: "star" },
  { type: "Outcome", label: "Outcome", color: "#af7ac5", shape: "pentagon" },
  { type: "Committee", label: "Committee", color: "#d35400", shape: "octagon" },
  { type: "PartnershipGroup", label: "Partnership group", color: "#e67e22", shape: "barrel" },
  { type: "Post", label: "Post", color: "#2e86c1", shape: "rectangle" },
  { type: "Person", label: "Person", color: "#f1c40f", shape: "ellipse" },
  { type: "ChangeEvent", label: "Change event", color: "#7f8c8d", shape: "diamond" },
  { type: "OpenQuestion", label: "Open question", color: "#e74c3c", shape: "tag" },
  { type: "Area", label: "Area", color: "#16a085", shape: "round-triangle" },
];

const UNKNOWN = { color: "#95a5a6", shape: "ellipse" };

export function typeStyle(type) {
  return ENTITY_TYPES.find((entry) => entry.type === type) ?? { type, label: type, ...UNKNOWN };
}

export function typeLabel(type) {
  return typeStyle(type).label;
}

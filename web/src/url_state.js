// What the address says the map shows: /map?focus=ID&depth=2&asOf=DATE (&embed=1 in frames).

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function readState(search) {
  const params = new URLSearchParams(search);
  const depth = Number.parseInt(params.get("depth") || "1", 10);
  const asOf = params.get("asOf") || "";
  return {
    focus: params.get("focus") || "",
    depth: Number.isInteger(depth) && depth >= 1 && depth <= 3 ? depth : 1,
    asOf: DATE.test(asOf) ? asOf : "",
    embed: params.get("embed") === "1",
    hiddenTypes: new Set((params.get("hide") || "").split(",").filter(Boolean)),
  };
}

export function stateQuery(state) {
  const params = new URLSearchParams();
  if (state.focus) params.set("focus", state.focus);
  if (state.depth !== 1) params.set("depth", String(state.depth));
  if (state.asOf) params.set("asOf", state.asOf);
  if (state.hiddenTypes.size > 0) params.set("hide", [...state.hiddenTypes].sort().join(","));
  const query = params.toString();
  return query ? `?${query}` : "";
}

"""Cytoscape.js elements JSON: `{nodes: [{data: {...}}], edges: [{data: {id, source, target}}]}`.

The object is what `cytoscape({elements: ...})` and `cy.add(...)` take directly.
"""

from __future__ import annotations

import json
from typing import Any

from queries.exports.subgraph import ExportGraph

RESERVED = frozenset({"id", "source", "target", "parent"})  # keys cytoscape.js gives a meaning


def cytoscape_elements(graph: ExportGraph) -> dict[str, Any]:
    nodes = [
        {
            "data": {
                **{k: v for k, v in node.properties.items() if k not in RESERVED},
                "id": node.id,
                "label": node.name,
                "type": node.type,
                "documents": node.documents,
            }
        }
        for node in graph.nodes
    ]
    edges = [
        {
            "data": {
                **{k: v for k, v in edge.properties.items() if k not in RESERVED},
                "id": edge.id,
                "source": edge.source,
                "target": edge.target,
                "label": edge.type,
                "type": edge.type,
                "documents": edge.documents,
            }
        }
        for edge in graph.edges
    ]
    return {"nodes": nodes, "edges": edges}


def render_cytoscape(graph: ExportGraph) -> bytes:
    return json.dumps(cytoscape_elements(graph), ensure_ascii=False, indent=1).encode()

"""GraphML for Gephi and yEd, written by networkx: a directed multigraph of entities.

Every attribute is written as text (lists joined with ' | '), so that each attribute key has one
type across the file, as Gephi's importer needs; `label` is the entity's name or the edge's type.
"""

from __future__ import annotations

import io
from typing import Any

import networkx as nx

from queries.exports.subgraph import ExportGraph

LIST_SEPARATOR = " | "


def _text(value: Any) -> str:
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(item) for item in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _attributes(values: dict[str, Any]) -> dict[str, str]:
    return {key: _text(value) for key, value in values.items() if value is not None}


def to_networkx(graph: ExportGraph) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph(name=graph.scope)
    for node in graph.nodes:
        g.add_node(
            node.id,
            **_attributes(
                {
                    **node.properties,
                    "label": node.name,
                    "type": node.type,
                    "documents": node.documents,
                }
            ),
        )
    for edge in graph.edges:
        g.add_edge(
            edge.source,
            edge.target,
            key=edge.id,
            **_attributes(
                {
                    **edge.properties,
                    "label": edge.type,
                    "type": edge.type,
                    "documents": edge.documents,
                }
            ),
        )
    return g


def render_graphml(graph: ExportGraph) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(to_networkx(graph), buffer, encoding="utf-8", named_key_ids=True)
    return buffer.getvalue()

"""CSV of nodes and of edges, with the column names Gephi's spreadsheet import recognises
(nodes: Id, Label; edges: Source, Target, Type, Id, Label). Other properties go in one JSON
column so that every row has the same columns whatever its type."""

from __future__ import annotations

import csv
import io
import json

from queries.exports.subgraph import ExportGraph

NODE_COLUMNS = (
    "Id",
    "Label",
    "type",
    "aliases",
    "status",
    "validFrom",
    "validTo",
    "origin",
    "properties",
    "documents",
)
EDGE_COLUMNS = (
    "Source",
    "Target",
    "Type",
    "Id",
    "Label",
    "status",
    "validFrom",
    "validTo",
    "role",
    "capacity",
    "kind",
    "wording",
    "origin",
    "properties",
    "documents",
)
_NODE_FIELDS = {"aliases", "status", "validFrom", "validTo", "origin"}
_EDGE_FIELDS = {"status", "validFrom", "validTo", "role", "capacity", "kind", "wording", "origin"}


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return " | ".join(str(item) for item in value)
    return str(value)


def nodes_csv(graph: ExportGraph) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(NODE_COLUMNS)
    for node in graph.nodes:
        rest = {k: v for k, v in node.properties.items() if k not in _NODE_FIELDS}
        writer.writerow(
            [
                node.id,
                node.name,
                node.type,
                *(
                    _cell(node.properties.get(k))
                    for k in ("aliases", "status", "validFrom", "validTo", "origin")
                ),
                json.dumps(rest, ensure_ascii=False, sort_keys=True) if rest else "",
                _cell(node.documents),
            ]
        )
    return out.getvalue().encode()


def edges_csv(graph: ExportGraph) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EDGE_COLUMNS)
    for edge in graph.edges:
        rest = {k: v for k, v in edge.properties.items() if k not in _EDGE_FIELDS}
        writer.writerow(
            [
                edge.source,
                edge.target,
                "Directed",
                edge.id,
                edge.type,
                *(
                    _cell(edge.properties.get(k))
                    for k in (
                        "status",
                        "validFrom",
                        "validTo",
                        "role",
                        "capacity",
                        "kind",
                        "wording",
                        "origin",
                    )
                ),
                json.dumps(rest, ensure_ascii=False, sort_keys=True) if rest else "",
                _cell(edge.documents),
            ]
        )
    return out.getvalue().encode()

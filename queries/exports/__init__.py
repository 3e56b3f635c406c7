"""Exports of the graph (whole, a body, or a neighbourhood) in formats other tools read."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from queries.exports.csv_tables import edges_csv, nodes_csv
from queries.exports.cytoscape import render_cytoscape
from queries.exports.graphml import render_graphml
from queries.exports.popolo_out import render_popolo
from queries.exports.subgraph import (
    ExportGraph,
    body_graph,
    neighbourhood_graph,
    whole_graph,
)


@dataclass(frozen=True)
class ExportFormat:
    name: str
    render: Callable[[ExportGraph], bytes]
    media_type: str
    extension: str


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("popolo", render_popolo, "application/json", "json"),
        ExportFormat("graphml", render_graphml, "application/graphml+xml", "graphml"),
        ExportFormat("cytoscape", render_cytoscape, "application/json", "json"),
        ExportFormat("csv-nodes", nodes_csv, "text/csv; charset=utf-8", "csv"),
        ExportFormat("csv-edges", edges_csv, "text/csv; charset=utf-8", "csv"),
    )
}

__all__ = [
    "FORMATS",
    "ExportFormat",
    "ExportGraph",
    "body_graph",
    "neighbourhood_graph",
    "whole_graph",
]

"""The one writer: plans each source into rows (`plan`), orders and schedules the sources
(`order`), reads what the graph already holds of each source and decides what to create, rewrite or
leave (`known`; an entity or relation holds the union of what its sources state, `statements`),
runs the batched Cypher (`cypher`, `batches`) in transactions (`write`), retracts what a source no
longer states (`retract`), and counts what changed (`summary`)."""

from loaders.writer.plan import item_count
from loaders.writer.summary import Counts, LoadSummary
from loaders.writer.write import WRITERS, LoadInterrupted, ProgressCallback, write_sources

__all__ = [
    "WRITERS",
    "Counts",
    "LoadInterrupted",
    "LoadSummary",
    "ProgressCallback",
    "item_count",
    "write_sources",
]

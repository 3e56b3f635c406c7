"""The bulk first load: an empty local Neo4j filled through Neo4j's own importer with the graph
the writer would write (`fold` computes it, `csv_files` writes it, `importer` imports it, `run`
does the whole, ledger included)."""

from loaders.bulk.run import BulkLoadRefused, BulkReport, bulk_load

__all__ = ["BulkLoadRefused", "BulkReport", "bulk_load"]

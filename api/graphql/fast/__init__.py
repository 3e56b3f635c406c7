"""The speed machinery of the GraphQL API, behind one switch.

With `ENABLED`, the schema executes through `LeafFastPathExecutionContext` (plain selections built
by compiled plans, see `executor.py` and `plans.py`) and keeps validation results by the parsed
document's identity (`validation_cache.py`). Without it, the same schema, with the same resolvers,
runs on graphql-core's reference execution. Both must give the same answers: the conformance test
runs a corpus of documents through both.
"""

from __future__ import annotations

from typing import Any

from graphql.execution import Executor

from api.graphql.fast.executor import LeafFastPathExecutionContext

ENABLED = True


def execution_context_class() -> type[Executor[Any]] | None:
    """The fast path's execution context, or None for Strawberry's own."""
    return LeafFastPathExecutionContext if ENABLED else None

"""Asks the GraphiQL example questions once when the API starts, in the background.

Neo4j plans a query the first time it sees it (with parameters of the same kinds), and keeps the
plan: the search plans in a second or more. Asked at start-up, the examples (the questions a new
user asks first, and the queries most others share) are planned before anybody waits for them.
The gaps example is left out: its work grows with the whole graph, not with one question.
"""

from __future__ import annotations

import logging
import time

from graphql import OperationDefinitionNode, parse

from api.context import Context
from api.graphql.examples import EXAMPLE_QUERIES
from api.graphql.schema import schema
from graph.db import Database
from graph.settings import Settings

log = logging.getLogger("civicgraph.api")

LEFT_OUT = frozenset({"Gaps"})


def warm_up_operations() -> list[str]:
    """The names of the example operations asked at start-up, in the examples' order."""
    return [
        definition.name.value
        for definition in parse(EXAMPLE_QUERIES).definitions
        if isinstance(definition, OperationDefinitionNode)
        and definition.name is not None
        and definition.name.value not in LEFT_OUT
    ]


async def warm_up(db: Database, settings: Settings) -> dict[str, list[str]]:
    """Asks each warm-up operation; what went wrong, by operation (empty lists: answered)."""
    began = time.perf_counter()
    failures: dict[str, list[str]] = {}
    for operation in warm_up_operations():
        result = await schema.execute(
            EXAMPLE_QUERIES, operation_name=operation, context_value=Context(db, settings)
        )
        failures[operation] = [error.message for error in result.errors or []]
    log.info("example questions asked in %.1f s", time.perf_counter() - began)
    return failures

"""The GraphQL schema: the root types assembled from one module per type family, with the limits
and the error masking every request goes through."""

from __future__ import annotations

import re

import orjson
import strawberry
from graphql import GraphQLError
from starlette.requests import Request
from starlette.responses import HTMLResponse
from strawberry.extensions import (
    AddValidationRules,
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)
from strawberry.fastapi import GraphQLRouter
from strawberry.tools import merge_types

from api.context import Context
from api.deps import get_context
from api.graphql.accountability import AccountabilityQueries
from api.graphql.common import UserFacingError
from api.graphql.entities import ENTITY_TYPES_FOR_SCHEMA, EntityQueries
from api.graphql.examples import EXAMPLE_QUERIES
from api.graphql.execution import LeafFastPathExecutionContext
from api.graphql.gaps import GapQueries
from api.graphql.graph_views import GraphQueries
from api.graphql.lists import ListQueries
from api.graphql.search import SearchQueries
from api.graphql.structure import StructureQueries
from graph.schema import recorded_schema_version

MAX_DEPTH = 12
MAX_TOKENS = 3000
MAX_ALIASES = 30
CACHED_DOCUMENTS = 512


@strawberry.type
class MetaQueries:
    @strawberry.field(description="The graph schema version recorded in Neo4j.")
    async def schema_version(self, info: strawberry.Info[Context, None]) -> int | None:
        return await recorded_schema_version(info.context.db)


Query = merge_types(
    "Query",
    (
        MetaQueries,
        EntityQueries,
        ListQueries,
        SearchQueries,
        GraphQueries,
        AccountabilityQueries,
        StructureQueries,
        GapQueries,
    ),
)


def should_mask(error: GraphQLError) -> bool:
    """Mask what we did not expect; keep our own outcomes and GraphQL's validation errors."""
    original = error.original_error
    if original is None or isinstance(error, UserFacingError):
        return False
    return not isinstance(original, UserFacingError)


# The depth and alias limits are validation rules. Each limiter makes a new rule class when it is
# built, and validated documents are cached by their rules too: made once, so the cache hits.
LIMIT_RULES = [
    *QueryDepthLimiter(max_depth=MAX_DEPTH).validation_rules,
    *MaxAliasesLimiter(max_alias_count=MAX_ALIASES).validation_rules,
]

schema = strawberry.Schema(
    query=Query,
    types=ENTITY_TYPES_FOR_SCHEMA,
    execution_context_class=LeafFastPathExecutionContext,
    extensions=[
        # Dashboards send the same few documents again and again: parse and validate them once.
        lambda: ParserCache(maxsize=CACHED_DOCUMENTS),
        lambda: ValidationCache(maxsize=CACHED_DOCUMENTS),
        lambda: AddValidationRules(LIMIT_RULES),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: MaskErrors(should_mask_error=should_mask),
    ],
)


class CivicGraphRouter(GraphQLRouter[Context, None]):
    """GraphiQL opens on our example queries; responses are encoded by orjson (large views of
    nodes and edges cost several milliseconds in the standard library's encoder)."""

    def encode_json(self, data: object) -> bytes:
        return orjson.dumps(data)

    async def render_graphql_ide(self, request: Request) -> HTMLResponse:
        example = EXAMPLE_QUERIES.replace("\\", "\\\\").replace("`", "\\`").replace("${", "\\${")
        html = re.sub(
            r"const EXAMPLE_QUERY = `.*?`;",
            lambda _: f"const EXAMPLE_QUERY = `{example}`;",
            self.graphql_ide_html,
            count=1,
            flags=re.DOTALL,
        )
        return HTMLResponse(html)


def graphql_router() -> CivicGraphRouter:
    return CivicGraphRouter(schema, context_getter=get_context, graphql_ide="graphiql")

"""The GraphQL schema: the root types assembled from one module per type family, with the limits
and the error masking every request goes through."""

from __future__ import annotations

import re

import orjson
import strawberry
from cross_web import HTTPException
from graphql import GraphQLError
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
)
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext

from api.context import Context
from api.graphql.accountability import AccountabilityQueries
from api.graphql.cost import QueryCostLimit
from api.graphql.entities import ENTITY_TYPES_FOR_SCHEMA, EntityQueries
from api.graphql.errors import ClientErrors, log_errors
from api.graphql.examples import EXAMPLE_QUERIES
from api.graphql.fast import execution_context_class
from api.graphql.fast.validation_cache import DocumentValidationCache
from api.graphql.gaps import GapQueries
from api.graphql.graph_views import GraphQueries
from api.graphql.lists import ListQueries
from api.graphql.rows import SCHEMA_CONFIG
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


# The depth and alias limits are validation rules. Each limiter makes a new rule class when it is
# built, and validated documents are cached by their rules too: made once, so the cache hits.
LIMIT_RULES = [
    *QueryDepthLimiter(max_depth=MAX_DEPTH).validation_rules,
    *MaxAliasesLimiter(max_alias_count=MAX_ALIASES).validation_rules,
    QueryCostLimit,
]


class Schema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        log_errors(errors)


schema = Schema(
    query=Query,
    types=ENTITY_TYPES_FOR_SCHEMA,
    execution_context_class=execution_context_class(),
    config=SCHEMA_CONFIG,
    extensions=[
        # Dashboards send the same few documents again and again: parse and validate them once.
        lambda: ParserCache(maxsize=CACHED_DOCUMENTS),
        DocumentValidationCache,
        lambda: AddValidationRules(LIMIT_RULES),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        ClientErrors,
    ],
)


class GraphQLApp(GraphQL[Context, None]):
    """Strawberry's ASGI app, routed by the FastAPI app at /graphql (a plain route: FastAPI's own
    dependency solving is not needed to hand each request its context). GraphiQL opens on our
    example queries; requests and responses go through orjson (large views of nodes and edges cost
    several milliseconds in the standard library's encoder)."""

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        state = request.app.state
        return Context(db=state.db, settings=state.settings)

    def decode_json(self, data: str | bytes) -> object:
        decoded = orjson.loads(data)  # its errors are json.JSONDecodeError: still a 400
        if not isinstance(decoded, dict | list):  # a list is a batch: Strawberry answers it
            raise HTTPException(400, "The request body must be a JSON object with a `query`.")
        return decoded

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


def graphql_app() -> GraphQLApp:
    return GraphQLApp(schema, graphql_ide="graphiql")

"""The GraphQL schema: the root types assembled from one module per type family."""

from __future__ import annotations

import strawberry

from api.context import Context
from graph.schema import recorded_schema_version


@strawberry.type
class Query:
    @strawberry.field(description="The graph schema version recorded in Neo4j.")
    async def schema_version(self, info: strawberry.Info[Context, None]) -> int | None:
        return await recorded_schema_version(info.context.db)


schema = strawberry.Schema(query=Query)

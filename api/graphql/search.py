"""Full-text search, ranked, over names, aliases, titles, passages and evidence quotes."""

from __future__ import annotations

import strawberry

from api.context import Context
from api.graphql.common import BadArgumentError, EntityRef, check_range, refs
from graph.model import EntityType
from queries.search import search
from queries.text import snippet

Info = strawberry.Info[Context, None]
HIT_TYPES = frozenset({*(t.value for t in EntityType), "Document", "Passage", "Evidence"})


@strawberry.type(
    description="A ranked search hit. A hit on a passage or an evidence quote points at its "
    "document and paragraph, and at the entities it supports or mentions. The evidence quotes of "
    "one paragraph are one hit, listing every fact they support."
)
class SearchHit:
    id: strawberry.ID
    type: str
    name: str | None
    score: float
    snippet: str | None
    document_id: strawberry.ID | None
    paragraph: str | None
    entities: list[EntityRef]
    fact_count: int = strawberry.field(
        description="Evidence hits: how many quotes of the paragraph (facts) the hit stands for."
    )


@strawberry.type
class SearchQueries:
    @strawberry.field(
        description="Full-text search, ranked: any word may match (English stemming, codes "
        "such as CR40 or s151 written together or apart), the more the better; operator words "
        "and punctuation are plain text. `types` keeps some hit types."
    )
    async def search(
        self, info: Info, query: str, types: list[str] | None = None, first: int | None = 20
    ) -> list[SearchHit]:
        if not query.strip():
            raise BadArgumentError("query", "must not be empty.")
        first = check_range("first", 20 if first is None else first, 1, 100)
        unknown = sorted(set(types or []) - HIT_TYPES)
        if unknown:
            raise BadArgumentError("types", f"unknown hit type(s) {unknown}.")
        hits = await search(info.context.db, query, types, first)
        return [
            SearchHit(
                id=strawberry.ID(hit.id),
                type=hit.type,
                name=hit.name,
                score=hit.score,
                snippet=snippet(hit.text, query),
                document_id=strawberry.ID(hit.document_id) if hit.document_id else None,
                paragraph=hit.paragraph,
                entities=refs(hit.supports),
                fact_count=hit.fact_count,
            )
            for hit in hits
        ]

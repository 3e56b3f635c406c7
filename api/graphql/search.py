"""Full-text search, ranked, over names, aliases, titles, passages and evidence quotes."""

from __future__ import annotations

import strawberry

from api.context import Context
from api.graphql.common import (
    BadArgumentError,
    EntityRef,
    SearchHitType,
    check_length,
    check_range,
    entity_type_names,
    refs,
)
from api.graphql.entities import SUMMARY_FIELDS, Entity, entity_from_record
from api.graphql.identifiers import BodyIdentifiers, identifiers_of
from api.graphql.selection import names_below, selected_below
from graph.model import EntityType
from queries.entities import name_matches
from queries.search import Details, search_rows
from queries.text import snippet

Info = strawberry.Info[Context, None]


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
        description="Evidence hits: how many matching quotes of the paragraph (each the "
        "evidence of one fact) the hit stands for; 0 for other hits."
    )
    identifiers: BodyIdentifiers | None = strawberry.field(
        description="A body's hit: its register code, GSS codes and jurisdiction."
    )


@strawberry.type(
    description="An entity whose name or an alias is close to a typed name, and its bodies."
)
class NameMatch:
    entity: Entity
    matched_name: str = strawberry.field(description="The stored name or alias that matched.")
    similarity: float = strawberry.field(
        description="1.0: the same name once case, punctuation and the body suffix are set "
        "aside; less: a small typo away (never below 0.85)."
    )
    bodies: list[EntityRef] = strawberry.field(
        description="The bodies the entity belongs to (a post's or a unit's body, the bodies of "
        "a person's posts)."
    )


def selected_details(info: Info) -> Details:
    """The details of the hits the request selects: the others are not computed."""
    selected = info.selected_fields
    return Details(
        entities=selected_below(selected, "entities"),
        first_evidence=selected_below(selected, "documentId")
        or selected_below(selected, "paragraph"),
        identifiers=selected_below(selected, "identifiers"),
        text=selected_below(selected, "snippet"),
    )


@strawberry.type
class SearchQueries:
    @strawberry.field(
        description="Full-text search, ranked: any word may match (English stemming, codes "
        "such as CR40 or s151 written together or apart), the more the better; operator words "
        "and punctuation are plain text. `types` keeps some hit types."
    )
    async def search(
        self,
        info: Info,
        query: str,
        types: list[SearchHitType] | None = None,
        first: int | None = 20,
    ) -> list[SearchHit]:
        if not query.strip():
            raise BadArgumentError("query", "must not be empty.")
        check_length("query", query)
        first = check_range("first", 20 if first is None else first, 1, 100)
        kept = [hit_type.value for hit_type in types] if types else None
        hits = await search_rows(info.context.db, query, kept, first, selected_details(info))
        # The query's maps, read directly (the query is ours: no validation); an entity's map
        # stands for its EntityRef (see rows.py).
        return [
            SearchHit(
                id=hit["id"],
                type=hit["type"],
                name=hit["name"],
                score=hit["score"],
                snippet=snippet(hit["text"], query),
                document_id=hit["documentId"] or None,
                paragraph=hit["paragraph"],
                entities=hit["supports"],
                fact_count=hit["factCount"],
                identifiers=identifiers_of(hit["identifiers"]),
            )
            for hit in hits
        ]

    @strawberry.field(
        description="Entities by name, as `entitiesByName` finds them (any case, with or "
        "without the body in the name, small typos forgiven), the closest first, each saying "
        "which name matched, how closely, and which bodies it belongs to."
    )
    async def name_matches(
        self,
        info: Info,
        name: str,
        types: list[EntityType] | None = None,
        first: int | None = 20,
    ) -> list[NameMatch]:
        if not name.strip():
            raise BadArgumentError("name", "must not be empty.")
        check_length("name", name)
        kept = entity_type_names(types)
        first = check_range("first", 20 if first is None else first, 1, 100)
        whole = not names_below(info.selected_fields, "entity") <= SUMMARY_FIELDS
        matches = await name_matches(
            info.context.db,
            name,
            kept,
            first,
            with_bodies=selected_below(info.selected_fields, "bodies"),
            with_details=whole,
        )
        if whole:  # a summary must not answer a load
            for match in matches:
                info.context.entities.prime(match.entity.id, match.entity)
        return [
            NameMatch(
                entity=entity_from_record(match.entity),
                matched_name=match.matched_name,
                similarity=match.similarity,
                bodies=refs(match.bodies),
            )
            for match in matches
        ]

"""Lists of entities: filtered, sorted, paged as Relay connections; the paging done in Cypher."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from collections.abc import Iterable
from enum import Enum
from functools import lru_cache

import strawberry
from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection

from api.context import Context
from api.graphql.common import BadArgumentError, check_id, check_range
from api.graphql.entities import Entity, entity_from_record, entity_from_row
from api.graphql.selection import selected_below
from graph.model import EntityType
from queries.entity_page import PageArguments, SortField, entity_page, entity_page_rows

Info = strawberry.Info[Context, None]
MAX_PAGE = 200
CURSOR_PREFIX = "offset:"
# The fields of a page's entities that need none of their details (aliases, description,
# properties): a page selecting only these is read without them.
WITHOUT_DETAILS = frozenset(
    {"__typename", "id", "type", "name", "status", "validFrom", "validTo", "evidence"}
)


@strawberry.enum
class EntitySortField(Enum):
    NAME = "name"
    VALID_FROM = "validFrom"
    TYPE = "type"
    ID = "id"


@strawberry.enum
class SortDirection(Enum):
    ASC = "asc"
    DESC = "desc"


@strawberry.input
class EntitySort:
    field: EntitySortField = EntitySortField.NAME
    direction: SortDirection = SortDirection.ASC


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class EntityEdge:
    cursor: str
    node: Entity


@strawberry.type
class EntityConnection:
    edges: list[EntityEdge]
    page_info: PageInfo
    total_count: int


@lru_cache(maxsize=4096)  # the same few offsets on most pages
def encode_cursor(offset: int) -> str:
    return base64.b64encode(f"{CURSOR_PREFIX}{offset}".encode()).decode()


def decode_cursor(argument: str, cursor: str | None) -> int:
    """The offset just after the cursor's item; 0 without a cursor."""
    if cursor is None:
        return 0
    try:
        text = base64.b64decode(cursor.encode(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError) as error:
        raise BadArgumentError(argument, "not a cursor this API gave out.") from error
    if not text.startswith(CURSOR_PREFIX) or not text[len(CURSOR_PREFIX) :].isdigit():
        raise BadArgumentError(argument, "not a cursor this API gave out.")
    return int(text[len(CURSOR_PREFIX) :]) + 1


def _fields_below(selections: Iterable[Selection], *path: str) -> Iterable[SelectedField]:
    """The fields selected at `path` below `selections`, through fragments of any type."""
    for selection in selections:
        if isinstance(selection, FragmentSpread | InlineFragment):
            yield from _fields_below(selection.selections, *path)
        elif not path:
            yield selection
        elif selection.name == path[0]:
            yield from _fields_below(selection.selections, *path[1:])


def needs_details(info_fields: Iterable[Selection]) -> bool:
    """Whether the page's entities are asked for a field that reads their details."""
    below = (field.selections for field in _fields_below(info_fields))
    return any(
        field.name not in WITHOUT_DETAILS
        for selections in below
        for field in _fields_below(selections, "edges", "node")
    )


def sort_field(field: EntitySortField) -> SortField:
    if field is EntitySortField.VALID_FROM:
        return "validFrom"
    if field is EntitySortField.TYPE:
        return "type"
    return "id" if field is EntitySortField.ID else "name"


@strawberry.type
class ListQueries:
    @strawberry.field(
        description="Entities filtered by type, body (its members and the services they cover), "
        "date and name, sorted, as a Relay connection with totalCount."
    )
    async def entities(
        self,
        info: Info,
        type: EntityType | None = None,
        body: strawberry.ID | None = None,
        as_of: dt.date | None = None,
        name_contains: str | None = None,
        sort: EntitySort | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> EntityConnection:
        check_range("first", first, 1, MAX_PAGE)
        offset = decode_cursor("after", after)
        order = sort or EntitySort()
        selected = info.selected_fields
        with_evidence = selected_below(selected, "edges", "node", "evidence")
        with_details = needs_details(selected)
        arguments: PageArguments = {
            "entity_type": type.value if type else None,
            "body": check_id("body", str(body)) if body else None,
            "as_of": as_of,
            "name_contains": name_contains or None,
            "sort_by": sort_field(order.field),
            "descending": order.direction is SortDirection.DESC,
            "offset": offset,
            "limit": first + 1,  # one more: whether a next page follows
            "with_total": selected_below(selected, "totalCount"),
            "with_details": with_details,
            "with_evidence": with_evidence,
        }
        if with_details or with_evidence:
            page = await entity_page(info.context.db, **arguments)
            total, found = page.total, len(page.page)
            entities = [entity_from_record(record) for record in page.page[:first]]
            if with_details and with_evidence:  # a record lacking either must not answer a load
                for record in page.page[:first]:
                    info.context.entities.prime(record.id, record)
        else:  # a summary of each entity: read from the query's maps, without validating them
            total, rows = await entity_page_rows(info.context.db, **arguments)
            found, entities = len(rows), [entity_from_row(row) for row in rows[:first]]
        edges = [
            EntityEdge(cursor=encode_cursor(position), node=node)
            for position, node in enumerate(entities, start=offset)
        ]
        return EntityConnection(
            edges=edges,
            page_info=PageInfo(
                has_next_page=found > first,
                has_previous_page=offset > 0,
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=edges[-1].cursor if edges else None,
            ),
            total_count=total or 0,  # counted whenever it is selected
        )

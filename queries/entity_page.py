"""Pages of entities, filtered and sorted, through labels and indexes.

Four named queries serve a page, by what narrows it most: a body (`entity_page_of_body`: from the
body, not among every entity), a name (`entity_page_by_name_in_order` when sorted by name: counted
through the text index on `nameLower`, read in the order of the range index on it when the matches
are common enough; `entity_page_by_name` for the other sorts: the text index), or neither
(`entity_page`: the label, in the order of the `nameLower` index). Labels and sort keys cannot be
parameters that an index serves, so each query is run with the type's label and the sort key
written in, both taken only from the model's entity types and the sort fields below. The count,
the entities' details (aliases, description, properties) and their evidence are sent only when
asked for (`$withTotal`, `$withDetails`, `$withEvidence`), and computed only then, but for the
count of a page by name in order, which chooses how the page is read.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Literal, LiteralString, NamedTuple, NotRequired, TypedDict, Unpack

from graph.db import Database
from graph.model import EntityType
from graph.schema import NodeLabel
from queries.cypher import named_query
from queries.records import EntityPage, Row

SortField = Literal["name", "validFrom", "type", "id"]

# The sort key of each field, as the queries write it; ties go by id.
SORT_KEYS: dict[SortField, LiteralString] = {
    "name": "n.nameLower",
    "validFrom": "n.validFrom",
    "type": "n.type",
    "id": "n.id",
}
LABEL_SLOT: LiteralString = f"(n:{NodeLabel.ENTITY.value})"
HINT_SLOT: LiteralString = f"n:{NodeLabel.ENTITY.value}(nameLower)"
ORDER_SLOT: LiteralString = "ORDER BY n.nameLower, n.id"
ENTITY_LABELS = frozenset(entity_type.value for entity_type in EntityType)
# A page by name is read in the order of the `nameLower` range index when at least one entity of
# the type in this many matches. Reading an entry of that index (its value, no property) costs
# about an eighth of finding a match through the text index, reading its name and id and keeping
# it in the top of the order (measured on the 510-body graph: 0.25-0.35 µs against 1.8-3 µs), so
# even a scan of the whole index then costs no more than sorting the matches; most pages stop
# long before the end of it.
ORDERED_SHARE = 8


class PageArguments(TypedDict):
    """The arguments of `entity_page_rows` and `entity_page`."""

    entity_type: str | None
    body: str | None
    as_of: dt.date | None
    name_contains: str | None
    sort_by: SortField
    descending: bool
    offset: int
    limit: int
    with_total: NotRequired[bool]
    with_details: NotRequired[bool]
    with_evidence: NotRequired[bool]


class UnknownEntityType(ValueError):
    pass


@cache
def page_query(name: str, label: str | None, sort_by: SortField, descending: bool) -> LiteralString:
    """The named query with the label of `label` (an entity type, or None for every entity) and
    the sort key written in."""
    text = named_query(name)
    if label is not None:
        if label not in ENTITY_LABELS:
            raise UnknownEntityType(f"not an entity type: {label!r}")
        # a label of the model's own, checked above: never text from a request
        text = text.replace(LABEL_SLOT, f"(n:`{label}`)").replace(
            HINT_SLOT, f"n:`{label}`(nameLower)"
        )
    direction: LiteralString = " DESC" if descending else ""
    return text.replace(ORDER_SLOT, f"ORDER BY {SORT_KEYS[sort_by]}{direction}, n.id")


class PageRows(NamedTuple):
    total: int | None  # only when counted
    rows: list[Row]  # the query's maps, one more than the page when a next page follows


async def entity_page_rows(
    db: Database,
    *,
    entity_type: str | None,
    body: str | None,
    as_of: dt.date | None,
    name_contains: str | None,
    sort_by: SortField,
    descending: bool,
    offset: int,
    limit: int,
    with_total: bool = True,
    with_details: bool = True,
    with_evidence: bool = True,
) -> PageRows:
    """Entities `offset` to `offset + limit` as the query's maps, with their number when
    `with_total` (else None), their aliases, description and properties when `with_details` (else
    nulls) and their evidence when `with_evidence` (else an empty list)."""
    if body is not None:
        name = "entity_page_of_body"
    elif name_contains and sort_by == "name":
        name = "entity_page_by_name_in_order"
    elif name_contains:
        name = "entity_page_by_name"
    else:
        name = "entity_page"
    records, _, _ = await db.read(
        page_query(name, entity_type, sort_by, descending),
        {
            "body": body,
            "asOf": as_of,
            "nameContains": name_contains.lower() if name_contains else None,
            "offset": offset,
            "limit": limit,
            "orderedShare": ORDERED_SHARE,
            "withTotal": with_total,
            "withDetails": with_details,
            "withEvidence": with_evidence,
        },
    )
    return PageRows(records[0]["total"], records[0]["page"])


async def entity_page(db: Database, **arguments: Unpack[PageArguments]) -> EntityPage:
    """`entity_page_rows`, validated into records (empty details and evidence where not asked)."""
    total, rows = await entity_page_rows(db, **arguments)
    return EntityPage.model_validate({"total": total, "page": rows})

"""Cursors of the lists of gaps: an item's position in its list's order (its sort keys), opaque to
clients, naming the list it belongs to so that a cursor of one list is refused by another."""

from __future__ import annotations

import base64
import binascii
import json

from api.graphql.common import BadArgumentError
from queries.gaps import GAP_LISTS, SORT_KEY_COUNT, GapList, SortKeys

NOT_A_CURSOR = "not a cursor this API gave out (pass the `cursor` of an item of this list)."


def encode_cursor(gap_list: GapList, keys: SortKeys) -> str:
    text = json.dumps([gap_list, *keys], ensure_ascii=False, separators=(",", ":"))
    return base64.b64encode(text.encode()).decode()


def decode_cursor(argument: str, gap_list: GapList, cursor: str | None) -> SortKeys | None:
    """The position a page starts after; None without a cursor."""
    if cursor is None:
        return None
    try:
        value = json.loads(base64.b64decode(cursor.encode(), validate=True).decode())
    except (binascii.Error, UnicodeDecodeError, ValueError) as error:
        raise BadArgumentError(argument, NOT_A_CURSOR) from error
    if not isinstance(value, list) or not value or value[0] not in GAP_LISTS:
        raise BadArgumentError(argument, NOT_A_CURSOR)
    if value[0] != gap_list:
        raise BadArgumentError(
            argument, f"a cursor of {value[0]}, not of {gap_list}: pass a cursor of this list."
        )
    keys = value[1:]
    if len(keys) != SORT_KEY_COUNT[gap_list] or not all(isinstance(key, str) for key in keys):
        raise BadArgumentError(argument, NOT_A_CURSOR)
    return tuple(keys)

"""What a request selects below a field, so that a query computes only what is asked for.

A field counts as selected wherever it appears: in any fragment, whatever its type condition, and
under `@include` or `@skip` whatever their values. Computing a field that is then skipped costs
time, never a wrong answer.
"""

from __future__ import annotations

from collections.abc import Iterable

from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection


def _fields(selections: Iterable[Selection]) -> Iterable[SelectedField]:
    for selection in selections:
        if isinstance(selection, SelectedField):
            yield selection
        elif isinstance(selection, FragmentSpread | InlineFragment):
            yield from _fields(selection.selections)


def selects(selections: Iterable[Selection], *path: str) -> bool:
    """Whether `path` (GraphQL field names, each below the last) is selected."""
    if not path:
        return True
    return any(
        field.name == path[0] and selects(field.selections, *path[1:])
        for field in _fields(selections)
    )


def selected_below(info_fields: Iterable[Selection], *path: str) -> bool:
    """Whether `path` is selected below the field being resolved (`info.selected_fields`)."""
    return any(selects(field.selections, *path) for field in _fields(info_fields))


def names_below(info_fields: Iterable[Selection], *path: str) -> set[str]:
    """The names of the fields selected at `path` below the field being resolved
    (`info.selected_fields`; without a path, its own fields), through fragments."""
    fields = [below for field in _fields(info_fields) for below in _fields(field.selections)]
    for name in path:
        fields = [
            below for field in fields if field.name == name for below in _fields(field.selections)
        ]
    return {field.name for field in fields}

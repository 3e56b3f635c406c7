"""Splits a council report into passages that follow its own numbering, in reading order.

A numbered paragraph (1.1, 3.2, 6.7, 3.2.6) starts a passage; bullets and list items sit under the
paragraph that introduces them; tab-separated lines are table rows, kept as rows; other paragraphs
sit under the nearest numbered one. Numbers are accepted only when they continue the document's
outline, so times (9.00, 11.15), years and list items (1., 2. inside paragraph 5.4) are not mistaken
for paragraph numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.model import PassageKind

NUMBER_LINE = re.compile(
    r"^\s*(?:[-–•·*]\s+)?(?:\*\*)?(?P<number>\d{1,2}(?:\.\d{1,2}){0,3})\.?(?:\*\*)?"
    r"(?:\s+(?P<rest>\S.*))?$"
)
BULLET_LINE = re.compile(r"^\s*(?:[•·*o\-–]|\(?[a-h]\)|\(?[ivx]{1,4}\))\s+(?P<rest>\S.*)$")
LIST_INTRODUCTION = re.compile(r"[:;](?:\s+(?:and|or))?$")
FIELD_LINE = re.compile(r"^[A-Z][A-Za-z/()' -]{1,30}:\s+\S")
TABLE_CELL_SEPARATOR = " | "
_TERMINAL = (".", ":", ";", "!", "?")
# A line shorter than this that ends a block, followed by a blank line, ends the passage: in
# hard-wrapped text (PDF extraction) the lines of one paragraph run to the full measure.
_SHORT_LINE = 60
_LIST_ITEM_MAX = 120
_HEADING_MAX_WORDS = 12
_HEADING_TEXT = re.compile(r"^[A-Z][A-Za-z’'&,()/ –-]*$")

Outline = tuple[int, ...]


@dataclass
class Block:
    """A passage being built: its kind, number, parent block and raw lines."""

    kind: PassageKind
    number: str | None
    lines: list[str] = field(default_factory=list)
    parent: int | None = None  # index of the block it sits under
    cells: list[str] = field(default_factory=list)  # table rows only


@dataclass
class _State:
    blocks: list[Block] = field(default_factory=list)
    outline: Outline | None = None
    context: int | None = None  # the block that bullets and plain paragraphs sit under
    pending_number: str | None = None
    blank_before: bool = True
    short_line: int = _SHORT_LINE


def split_blocks(lines: list[str]) -> list[Block]:
    state = _State(short_line=_short_line(lines))
    for line in lines:
        if not line.strip():
            state.blank_before = True
            continue
        _take_line(state, line)
        state.blank_before = False
    return state.blocks


def _take_line(state: _State, line: str) -> None:
    if "\t" in line.strip("\n") and _table_line(state, line):
        return
    number_match = NUMBER_LINE.match(line)
    if number_match and _continues_outline(state.outline, number_match.group("number")):
        number = number_match.group("number")
        state.outline = _outline(number)
        rest = number_match.group("rest")
        if rest is None:
            state.pending_number = number
            return
        _start_numbered(state, number, rest)
        return
    if state.pending_number is not None:
        number, state.pending_number = state.pending_number, None
        _start_numbered(state, number, line.strip())
        return
    bullet = BULLET_LINE.match(line)
    if bullet or number_match or _is_list_item(state, line):
        text = bullet.group("rest") if bullet else line.strip()
        _add(state, Block(PassageKind.BULLET, None, [text], parent=state.context))
        return
    if _continues_current(state, line):
        state.blocks[-1].lines.append(line)
        return
    if _is_plain_heading(state, line):
        _add(state, Block(PassageKind.HEADING, None, [line]))
        state.context = len(state.blocks) - 1
        return
    _add(state, Block(PassageKind.PARAGRAPH, None, [line], parent=state.context))


def _start_numbered(state: _State, number: str, rest: str) -> None:
    outline = _outline(number)
    is_heading = (len(outline) == 1 or outline[-1] == 0) and _looks_like_heading(rest)
    kind = PassageKind.HEADING if is_heading else PassageKind.PARAGRAPH
    _add(state, Block(kind, number, [rest]))
    state.context = len(state.blocks) - 1


def _add(state: _State, block: Block) -> None:
    state.blocks.append(block)


def _table_line(state: _State, line: str) -> bool:
    cells = [" ".join(cell.split()) for cell in line.split("\t")]
    filled = [cell for cell in cells if cell]
    if not filled:
        return True
    previous = state.blocks[-1] if state.blocks else None
    if not cells[0] and previous is not None and previous.kind is PassageKind.TABLE_ROW:
        previous.cells.extend(filled)  # a continuation line of the row above
        return True
    if len(filled) < 2:
        return False
    _add(
        state,
        Block(PassageKind.TABLE_ROW, None, [line], parent=state.context, cells=filled),
    )
    return True


def _continues_outline(previous: Outline | None, number: str) -> bool:
    new = _outline(number)
    if previous is None:
        return new[0] <= 2
    if len(new) == 2 and new[1] == 0:  # "2.0" section headings only need a top level not behind
        return previous[0] <= new[0] <= previous[0] + 2
    if new <= previous:
        return False
    if new[0] == previous[0]:
        common = _common_prefix(previous, new)
        if len(new) > common + 1:
            return False
        step = new[common] - (previous[common] if common < len(previous) else 0)
        return 0 < step <= 3
    return previous[0] < new[0] <= previous[0] + 2 and all(part <= 1 for part in new[1:])


def _common_prefix(a: Outline, b: Outline) -> int:
    size = 0
    for left, right in zip(a, b, strict=False):
        if left != right:
            break
        size += 1
    return size


def _outline(number: str) -> Outline:
    return tuple(int(part) for part in number.split("."))


def _looks_like_heading(text: str) -> bool:
    stripped = text.strip().strip("*").strip()
    return len(stripped.split()) <= _HEADING_MAX_WORDS and not stripped.endswith(".")


def _is_list_item(state: _State, line: str) -> bool:
    """A short line straight after one ending in ':' or ';' is an item of an unmarked list."""
    previous = _previous_line(state)
    if not LIST_INTRODUCTION.search(previous) or len(line.strip()) > _LIST_ITEM_MAX:
        return False
    return not state.blank_before or len(previous.split()) >= 4


def _continues_current(state: _State, line: str) -> bool:
    if not state.blocks:
        return False
    current = state.blocks[-1]
    if current.kind in (PassageKind.TABLE_ROW, PassageKind.HEADING):
        return False
    stripped = line.strip()
    if FIELD_LINE.match(stripped):
        return False  # "Report of: ...", "Contact officer: ..." start a passage of their own
    if not state.blank_before:
        return True
    if stripped[0].islower():
        return True
    previous = _previous_line(state)
    return not previous.endswith(_TERMINAL) and len(previous) >= state.short_line


def _short_line(lines: list[str]) -> int:
    """70% of the document's measure (the 90th percentile of line lengths), at least 60."""
    lengths = sorted(len(line.strip()) for line in lines if line.strip())
    if not lengths:
        return _SHORT_LINE
    measure = lengths[min(len(lengths) - 1, int(len(lengths) * 0.9))]
    return max(_SHORT_LINE, int(measure * 0.7))


def _is_plain_heading(state: _State, line: str) -> bool:
    stripped = line.strip()
    return (
        state.blank_before
        and _HEADING_TEXT.match(stripped) is not None
        and len(stripped.split()) <= 8
        and stripped[0].isupper()
        and not stripped.endswith(_TERMINAL)
        and state.pending_number is None
    )


def _previous_line(state: _State) -> str:
    if not state.blocks:
        return ""
    block = state.blocks[-1]
    return block.lines[-1].strip() if block.lines else ""


@dataclass(frozen=True)
class PreparedText:
    """A document's lines after character fixes, and whether the font garble is to be repaired."""

    lines: list[str]
    garbled: bool
    vocabulary: frozenset[str]


def block_text(block: Block) -> str:
    if block.kind is PassageKind.TABLE_ROW:
        return TABLE_CELL_SEPARATOR.join(block.cells)
    return " ".join(" ".join(line.split()) for line in block.lines)


def citation_number(blocks: list[Block], index: int) -> str | None:
    """The number a block is cited by: its own, a table row's label, or its paragraph's."""
    block = blocks[index]
    if block.kind is PassageKind.TABLE_ROW:
        return f"table: {block.cells[0]}"
    seen: set[int] = set()
    current: int | None = index
    while current is not None and current not in seen:
        seen.add(current)
        if blocks[current].number is not None:
            return blocks[current].number
        current = blocks[current].parent
    return None

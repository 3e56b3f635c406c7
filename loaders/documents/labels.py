"""The label each passage is cited by, in the knowledge base's own citation style.

Numbered paragraphs keep their number ("3.2.6"); bullets and list items are "3.3 bullet 2";
unnumbered paragraphs under a numbered one "2.1 para 1"; table rows "table: Accountable member";
what precedes the first number is "header", contact and signature lines after the text "footer";
in a document without numbering, passages are cited under their heading ("Purpose para 1").
"""

from __future__ import annotations

import re
from collections import Counter

from graph.model import PassageKind
from loaders.documents.passages import Block

FOOTER_LINE = re.compile(
    r"^(contact officer|report author|author|telephone|tel|e-?mail)\b", re.IGNORECASE
)


def passage_labels(blocks: list[Block]) -> list[str]:
    labels: list[str] = []
    children: Counter[tuple[int | None, PassageKind]] = Counter()
    numbered = [i for i, b in enumerate(blocks) if b.number is not None]
    first_number = numbered[0] if numbered else len(blocks)
    last_number = numbered[-1] if numbered else len(blocks)
    for index in range(len(blocks)):
        labels.append(_label(blocks, labels, index, (first_number, last_number), children))
    return labels


def _label(
    blocks: list[Block],
    labels: list[str],
    index: int,
    numbered: tuple[int, int],
    children: Counter[tuple[int | None, PassageKind]],
) -> str:
    block = blocks[index]
    if block.number is not None:
        return block.number
    if block.kind is PassageKind.TABLE_ROW:
        return f"table: {block.cells[0]}"
    first_number, last_number = numbered
    text = " ".join(block.lines).strip()
    if index < first_number:
        return "header"
    if index > first_number and FOOTER_LINE.match(text):
        return "footer"
    parent = block.parent
    if index > last_number and (parent is None or labels[parent] == "footer"):
        return "footer"
    if parent is None:
        return text if block.kind is PassageKind.HEADING else f"para {index + 1}"
    children[(parent, block.kind)] += 1
    word = "bullet" if block.kind is PassageKind.BULLET else "para"
    return f"{labels[parent]} {word} {children[(parent, block.kind)]}"

"""The one error a council document can raise on the way in: it names the file and the reason."""

from __future__ import annotations

from pathlib import Path

from graph.errors import InvalidInput


class UnreadableDocument(InvalidInput):
    """The file cannot be read as a council document; nothing from it is written."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

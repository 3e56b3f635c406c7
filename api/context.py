"""The typed GraphQL context: the database, the settings, and per-request loaders."""

from __future__ import annotations

from dataclasses import dataclass

from strawberry.fastapi import BaseContext

from graph.db import Database
from graph.settings import Settings


@dataclass
class Context(BaseContext):
    db: Database
    settings: Settings

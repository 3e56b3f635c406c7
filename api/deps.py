"""FastAPI dependencies: the database and settings held by the running app."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from graph.db import Database
from graph.settings import Settings


# Async, though they do not wait: FastAPI runs a plain function dependency in a worker thread,
# a thread hop on every request for reading an attribute.
async def get_db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


async def get_app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


DatabaseDep = Annotated[Database, Depends(get_db)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]

"""The FastAPI application: GraphQL at /graphql, health, and the error handler table."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.routing import Route

from api.cypher import router as cypher_router
from api.exports import router as exports_router
from api.gc_tuning import settle_after_start_up
from api.graphql.schema import graphql_app
from api.health import router as health_router
from api.limits import RequestBodyLimit
from api.map_page import router as map_router
from api.warm_up import warm_up
from graph.db import Database, open_database, wait_until_reachable
from graph.errors import CivicGraphError
from graph.schema import SCHEMA_VERSION, recorded_schema_version
from graph.settings import Settings, get_settings

log = logging.getLogger("civicgraph.api")


def create_app(settings: Settings | None = None, neo4j_uri: str | None = None) -> FastAPI:
    settings = settings or get_settings()
    # Warnings the analysts' Cypher asks for are returned with its answer, not logged as well.
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        db: Database = open_database(settings, neo4j_uri)
        app.state.db = db
        app.state.settings = settings
        warming: asyncio.Task[dict[str, list[str]]] | None = None
        try:
            version = await wait_until_reachable(db, attempts=5)
            log.info("connected to Neo4j %s", version)
            # The schema is `civicgraph init`'s (and `run`'s, `load`'s) to apply; the API reads.
            recorded = await recorded_schema_version(db)
            if recorded != SCHEMA_VERSION:
                log.warning(
                    "the graph's schema version is %s, this code expects %s: run `civicgraph init`",
                    recorded, SCHEMA_VERSION,
                )  # fmt: skip
            if settings.warm_up:
                warming = asyncio.create_task(warm_up(db, settings))
        except CivicGraphError as error:
            log.warning("starting without Neo4j: %s", error.detail)
        settle_after_start_up()
        yield
        if warming is not None:
            warming.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await warming
        await db.close()

    app = FastAPI(title="civicgraph", version="0.1.0", lifespan=lifespan)
    app.include_router(health_router)
    app.include_router(cypher_router)
    app.include_router(map_router)
    app.include_router(exports_router)
    # Strawberry's ASGI app as the route's endpoint (Starlette hands it the request as is), first
    # of the routes: matched before the others are tried
    app.router.routes.insert(0, Route("/graphql", graphql_app(), methods=["GET", "POST"]))
    app.add_middleware(RequestBodyLimit, max_bytes=settings.request_max_bytes)

    @app.exception_handler(CivicGraphError)
    async def civicgraph_error(_: Request, error: CivicGraphError) -> JSONResponse:
        return JSONResponse(status_code=error.status, content={"detail": error.detail})

    return app

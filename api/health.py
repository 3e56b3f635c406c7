"""`/health`: whether Neo4j answers, and which version it is, within `HEALTH_TIMEOUT_S` whatever
Neo4j does (an outage is said at once, not after the driver's retries)."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from neo4j.exceptions import DriverError, Neo4jError

from api.deps import DatabaseDep

router = APIRouter()
HEALTH_TIMEOUT_S = 1.5


@router.get("/health")
async def health(db: DatabaseDep) -> JSONResponse:
    try:
        async with asyncio.timeout(HEALTH_TIMEOUT_S):
            version = await db.server_version()
    except TimeoutError:
        return _unavailable(f"Neo4j is not reachable: no answer within {HEALTH_TIMEOUT_S:g} s")
    except (DriverError, Neo4jError, OSError) as error:
        return _unavailable(f"Neo4j is not reachable: {error}")
    return JSONResponse(content={"status": "ok", "neo4j": {"reachable": True, "version": version}})


def _unavailable(reason: str) -> JSONResponse:
    return JSONResponse(
        status_code=503,
        content={"status": "unavailable", "neo4j": {"reachable": False, "error": reason}},
    )

"""`/health`: whether Neo4j answers, and which version it is."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired

from api.deps import DatabaseDep

router = APIRouter()


@router.get("/health")
async def health(db: DatabaseDep) -> JSONResponse:
    try:
        version = await db.server_version()
    except (ServiceUnavailable, SessionExpired, Neo4jError, OSError) as error:
        return JSONResponse(
            status_code=503,
            content={
                "status": "unavailable",
                "neo4j": {"reachable": False, "error": f"Neo4j is not reachable: {error}"},
            },
        )
    return JSONResponse(content={"status": "ok", "neo4j": {"reachable": True, "version": version}})

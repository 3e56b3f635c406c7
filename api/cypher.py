"""`POST /cypher`: read-only Cypher for notebooks and dashboards, behind API keys.

Off unless `CIVICGRAPH_API_KEYS` names at least one key. A key is sent as
`Authorization: Bearer <key>`. Queries are checked and run by `queries.read_only`.
"""

from __future__ import annotations

import hmac
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field, JsonValue
from pydantic.alias_generators import to_camel

from api.deps import DatabaseDep, SettingsDep
from graph.errors import Forbidden
from queries.read_only import run_read_only

router = APIRouter(tags=["cypher"])
bearer = HTTPBearer(auto_error=False, description="One of the keys in CIVICGRAPH_API_KEYS")


class CypherRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    query: str = Field(min_length=1, max_length=20_000, description="One read-only statement")
    parameters: dict[str, Any] = Field(default_factory=dict)


class CypherResponse(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)

    columns: list[str]
    rows: list[list[JsonValue]] = Field(description="One list per row, in the columns' order")
    row_count: int
    truncated: bool = Field(
        description="True when the result had more rows than rowLimit, or than maxBytes hold"
    )
    row_limit: int
    max_bytes: int = Field(description="The most the rows may weigh as JSON")
    truncated_by_size: bool = Field(description="True when the rows stopped at maxBytes")
    timeout_seconds: float
    notices: list[str] = Field(description="Neo4j's warnings, e.g. a label it does not know")


def require_api_key(
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> None:
    keys = [key.get_secret_value().encode() for key in settings.api_keys]
    if not keys:
        raise Forbidden("the Cypher endpoint is off: no API keys are set in CIVICGRAPH_API_KEYS")
    if credentials is None:
        raise _unauthorized("an API key is required: send 'Authorization: Bearer <key>'")
    given = credentials.credentials.encode()
    # Compare with every key, in constant time each, so timing says nothing about which matched.
    matches = [hmac.compare_digest(given, key) for key in keys]
    if not any(matches):
        raise _unauthorized("the API key is not valid")


def _unauthorized(detail: str) -> HTTPException:
    return HTTPException(status_code=401, detail=detail, headers={"WWW-Authenticate": "Bearer"})


@router.post(
    "/cypher",
    response_model=CypherResponse,
    response_model_by_alias=True,
    dependencies=[Depends(require_api_key)],
    responses={
        400: {"description": "The query was refused (not read-only) or Neo4j could not run it"},
        401: {"description": "No API key, or not a valid one"},
        403: {"description": "The endpoint is off: no API keys are configured"},
        504: {"description": "The query ran past the transaction timeout"},
    },
)
async def cypher(body: CypherRequest, db: DatabaseDep, settings: SettingsDep) -> CypherResponse:
    """Run one read-only Cypher statement; at most `rowLimit` rows come back."""
    result = await run_read_only(
        db,
        body.query,
        body.parameters,
        timeout_s=settings.cypher_timeout_s,
        row_limit=settings.cypher_row_limit,
        max_bytes=settings.cypher_answer_max_bytes,
    )
    return CypherResponse(
        columns=result.columns,
        rows=result.rows,
        row_count=len(result.rows),
        truncated=result.truncated,
        row_limit=result.row_limit,
        max_bytes=settings.cypher_answer_max_bytes,
        truncated_by_size=result.truncated_by_size,
        timeout_seconds=result.timeout_s,
        notices=list(result.notices),
    )

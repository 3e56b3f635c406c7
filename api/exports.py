"""`GET /export/{format}?body=&focus=&depth=`: the graph, a body, or a neighbourhood as a file."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from api.deps import DatabaseDep
from graph.errors import InvalidInput, NotFound
from queries.exports import FORMATS, body_graph, neighbourhood_graph, whole_graph
from queries.exports.subgraph import MAX_DEPTH

router = APIRouter(tags=["export"])


@router.get("/export/{format_name}")
async def export(
    db: DatabaseDep,
    format_name: Annotated[str, Path(description=f"One of: {', '.join(FORMATS)}")],
    body: Annotated[str | None, Query(description="Only this body's structure")] = None,
    focus: Annotated[str | None, Query(description="Only this entity's neighbourhood")] = None,
    depth: Annotated[int, Query(ge=0, le=MAX_DEPTH, description="Neighbourhood depth")] = 1,
) -> Response:
    chosen = FORMATS.get(format_name)
    if chosen is None:
        raise NotFound(f"unknown export format {format_name!r} (formats: {', '.join(FORMATS)})")
    if body is not None and focus is not None:
        raise InvalidInput("give body or focus, not both")
    if body is not None:
        graph = await body_graph(db, body)
    elif focus is not None:
        graph = await neighbourhood_graph(db, focus, depth)
    else:
        graph = await whole_graph(db)
    name = f"civicgraph-{format_name}.{chosen.extension}"
    return Response(
        content=chosen.render(graph),
        media_type=chosen.media_type,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )

"""The relationship map at /map: the built page from web/dist and its assets, served locally.

The page is built from web/src with npm (`make web`); the built files are committed, so serving it
needs neither npm nor the network. Pages may be framed by pages of the same origin only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse

# In a checkout (or an editable install) the built page sits beside the packages; an installed
# copy (the Docker image) finds it under the working directory instead.
WEB_DIST_CANDIDATES: Final = (
    Path(__file__).resolve().parent.parent / "web" / "dist",
    Path.cwd() / "web" / "dist",
)

ASSETS: Final = {
    "map.js": "text/javascript; charset=utf-8",
    "map.css": "text/css; charset=utf-8",
}

# cytoscape.js adds one <style> of its own
# (".__________cytoscape_container { position: relative; }"): the page allows exactly that one by
# its hash, and no other inline style.
CYTOSCAPE_STYLE_HASH: Final = "'sha256-pgvDUBa4IjFA2yuSJ2cqcyxmNYJMborsd0ORcRv9vw8='"

PAGE_HEADERS: Final = {
    "X-Frame-Options": "SAMEORIGIN",
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data: blob:; connect-src 'self'; "
        f"style-src 'self' {CYTOSCAPE_STYLE_HASH}; script-src 'self'; object-src 'none'; "
        "base-uri 'self'; "
        "frame-ancestors 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-cache",
}

router = APIRouter(tags=["map"])


def built_file(name: str) -> Path:
    for directory in WEB_DIST_CANDIDATES:
        path = directory / name
        if path.is_file():
            return path
    raise HTTPException(
        status_code=503,
        detail=f"the map page is not built (no web/dist/{name}): run `make web`",
    )


@router.get("/map", include_in_schema=False)
async def map_page() -> FileResponse:
    return FileResponse(
        built_file("map.html"), media_type="text/html; charset=utf-8", headers=PAGE_HEADERS
    )


@router.get("/map/assets/{name}", include_in_schema=False)
async def map_asset(name: str) -> FileResponse:
    media_type = ASSETS.get(name)
    if media_type is None:
        raise HTTPException(status_code=404, detail=f"no map asset {name!r}")
    return FileResponse(
        built_file(name),
        media_type=media_type,
        headers={"X-Content-Type-Options": "nosniff", "Cache-Control": "no-cache"},
    )

"""The committed SDL (`schema.graphql`): printed from the schema, checked by a test for drift.

Regenerate with `civicgraph schema` (or `python -m api.graphql.sdl`).
"""

from __future__ import annotations

from pathlib import Path

from api.graphql.schema import schema

SDL_PATH = Path(__file__).resolve().parents[2] / "schema.graphql"


def current_sdl() -> str:
    return schema.as_str() + "\n"


def write_sdl(path: Path = SDL_PATH) -> Path:
    path.write_text(current_sdl(), encoding="utf-8")
    return path


if __name__ == "__main__":
    print(f"wrote {write_sdl()}")

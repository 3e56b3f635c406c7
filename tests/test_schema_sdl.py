"""The committed SDL is the schema the API serves: this fails when one changes without the other."""

from __future__ import annotations

from api.graphql.sdl import SDL_PATH, current_sdl


def test_committed_sdl_matches_the_schema() -> None:
    assert SDL_PATH.is_file(), "schema.graphql is missing: run `civicgraph schema`"
    committed = SDL_PATH.read_text(encoding="utf-8")
    assert committed == current_sdl(), "schema.graphql has drifted: run `civicgraph schema`"


def test_sdl_keeps_the_map_contract() -> None:
    sdl = current_sdl()
    for line in (
        "search(query: String!, types: [SearchHitType!] = null, first: Int = 20): [SearchHit!]!",
        "entity(id: ID!): Entity",
        "neighbourhood(id: ID!, depth: Int = 1, types: [EntityType!] = null, asOf: Date = null, "
        "limit: Int = 300): GraphView!",
    ):
        assert line in sdl

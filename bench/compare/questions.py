"""The questions both contestants are asked: each as civicgraph's request, @neo4j/graphql's
request(s) for the same answer, and the check that the two answers carry the same content."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from bench.compare import content
from bench.compare.documents import (
    CIVIC_ACCOUNTABILITY,
    CIVIC_NEIGHBOURHOOD,
    CIVIC_PAGE,
    CIVIC_SEARCH,
    NEO_ACCOUNTABILITY,
    NEO_EVIDENCE,
    NEO_PAGE,
    NEO_SEARCH,
    neo_neighbours,
    neo_next_ring,
)
from graph.model import EntityType

GraphQL = Callable[[str, dict[str, Any]], Awaitable[Any]]
Ask = Callable[[], Awaitable[Any]]


@dataclass(frozen=True)
class Question:
    label: str
    civic: Callable[[GraphQL], Ask]
    neo: Callable[[GraphQL], Ask]
    check: Callable[[Any, Any], str]  # "yes", or "no: " and what differs


def _ask(query: str, variables: dict[str, Any]) -> Callable[[GraphQL], Ask]:
    def make(graphql: GraphQL) -> Ask:
        return lambda: graphql(query, variables)

    return make


def _neo_accountability(service: str) -> Callable[[GraphQL], Ask]:
    def make(graphql: GraphQL) -> Ask:
        async def ask() -> tuple[Any, Any]:
            data = await graphql(NEO_ACCOUNTABILITY, {"service": service})
            ids = content.neo_evidence_ids(data)
            return data, await graphql(NEO_EVIDENCE, {"ids": ids})

        return ask

    return make


def _neo_neighbourhood(post: str) -> Callable[[GraphQL], Ask]:
    first = neo_neighbours(EntityType.POST)

    def make(graphql: GraphQL) -> Ask:
        async def ask() -> tuple[Any, ...]:
            ring = await graphql(first, {"id": post})
            ids = content.neo_ring(ring)
            if not ids:
                return (ring,)
            types = [EntityType(name) for name in ids]
            return ring, await graphql(neo_next_ring(types), ids)

        return ask

    return make


def _verdict(left: Any, right: Any, what: str) -> str:
    if left == right:
        return "yes"
    if isinstance(left, set) and isinstance(right, set):
        return f"no: {what} {len(left)} vs {len(right)}, {len(left ^ right)} differ"
    return f"no: {what} differ"


def _check_lines(civic: Any, neo: Any) -> str:
    left, right = content.civic_lines(civic), content.neo_lines(*neo)
    return _verdict(left, right, "lines") + f" ({len(left)} lines)"


def _check_neighbourhood(civic: Any, neo: Any) -> str:
    (civic_nodes, civic_edges), (neo_nodes, neo_edges) = (
        content.civic_neighbourhood(civic),
        content.neo_neighbourhood(*neo),
    )
    verdict = _verdict(civic_nodes, neo_nodes, "nodes")
    walked = "" if neo_edges <= civic_edges else ", edges walked that civicgraph lacks"
    return (
        f"{verdict} ({len(civic_nodes)} nodes; edges: civicgraph {len(civic_edges)} among them, "
        f"@neo4j/graphql the {len(neo_edges)} it walked{walked})"
    )


def _check_page(civic: Any, neo: Any) -> str:
    (civic_total, civic_ids), (neo_total, neo_ids) = (
        content.civic_page(civic),
        content.neo_page(neo),
    )
    verdict = _verdict((civic_total, civic_ids), (neo_total, neo_ids), "total or page")
    return verdict + f" (totalCount {civic_total}, {len(civic_ids)} on the page, same order)"


def _check_search(civic: Any, neo: Any) -> str:
    left, right = content.civic_search(civic), content.neo_search(neo)
    verdict = _verdict(set(left), set(right), "hits")
    order = "same order" if left == right else "ranked differently"
    return verdict + f" ({len(left)} hits, {order})"


def questions(asked: dict[str, str]) -> list[Question]:
    busy, seed = asked["busy_service"], asked["seed_service"]
    page, text, post = {"text": asked["page_text"]}, {"text": asked["search_text"]}, asked["post"]
    return [
        Question(
            f"accountability, busiest service ({busy})",
            _ask(CIVIC_ACCOUNTABILITY, {"service": busy}),
            _neo_accountability(busy),
            _check_lines,
        ),
        Question(
            f"accountability, a seed service ({seed})",
            _ask(CIVIC_ACCOUNTABILITY, {"service": seed}),
            _neo_accountability(seed),
            _check_lines,
        ),
        Question(
            f"neighbourhood, depth 2 ({post})",
            _ask(CIVIC_NEIGHBOURHOOD, {"id": post}),
            _neo_neighbourhood(post),
            _check_neighbourhood,
        ),
        Question(
            f'entity page: Posts, name contains "{asked["page_text"]}", 50, by name, totalCount',
            _ask(CIVIC_PAGE, page),
            _ask(NEO_PAGE, page),
            _check_page,
        ),
        Question(
            f'search: "{asked["search_text"]}" among services, first 20',
            _ask(CIVIC_SEARCH, text),
            _ask(NEO_SEARCH, text),
            _check_search,
        ),
    ]

"""The graph in pandas and networkx, straight from the Neo4j driver.

    .venv/bin/pip install -e '.[docs]'      # pandas
    .venv/bin/python docs/analysts.py        # the local Neo4j, or NEO4J_URI; after `make run`

With `--api http://127.0.0.1:8000` and `CIVICGRAPH_API_KEY` set (one of `CIVICGRAPH_API_KEYS`) it
also asks the read-only `POST /cypher` endpoint, as a notebook on another machine would.

Each step is a function to copy into a notebook: a query's rows as a DataFrame, one of the
project's named queries (`queries/*.cypher`) flattened into a table, and the governance graph as
a networkx graph for centrality and paths.
"""

from __future__ import annotations

import argparse
import os
from typing import Any

import httpx
import networkx as nx
import pandas as pd
from neo4j import Driver, GraphDatabase, Result, RoutingControl

from graph.db import neo4j_auth
from graph.settings import get_settings
from queries.cypher import named_query


def connect() -> tuple[Driver, str]:
    settings = get_settings()
    # The project's own local Neo4j has a generated password, read from its state folder.
    auth = neo4j_auth(settings, settings.effective_neo4j_uri)
    # Neo4j's warnings (a property no node has yet...) would be logged for every query.
    driver = GraphDatabase.driver(
        settings.effective_neo4j_uri, auth=auth, notifications_min_severity="OFF"
    )
    return driver, settings.neo4j_database


def frame(driver: Driver, database: str, query: str, **parameters: Any) -> pd.DataFrame:
    """A read query's rows as a DataFrame (the driver builds it: `Result.to_df`)."""
    df: pd.DataFrame = driver.execute_query(
        query,
        parameters,
        database_=database,
        routing_=RoutingControl.READ,
        result_transformer_=Result.to_df,
    )
    return df


def body_profile(driver: Driver, database: str) -> pd.DataFrame:
    """For each body with a structure: its portfolios, posts, held posts, services covered."""
    bodies = frame(
        driver,
        database,
        """
        MATCH (body:Body)
        RETURN body.name AS body,
               COUNT { (:Portfolio)-[:BELONGS_TO]->(body) } AS portfolios,
               COUNT { (:Post)-[:BELONGS_TO]->(body) } AS posts,
               COUNT { (:Person)-[:HOLDS]->(:Post)-[:BELONGS_TO]->(body) } AS heldPosts,
               COUNT { MATCH (x)-[:BELONGS_TO]->(body)
                       MATCH (x)-[:COVERS|ACCOUNTABLE_FOR]->(s:Service)
                       RETURN DISTINCT s } AS services
        ORDER BY posts DESC, body
        """,
    )
    return bodies[(bodies.portfolios + bodies.posts) > 0]


def accountability_kinds(driver: Driver, database: str) -> pd.DataFrame:
    """A pivot: accountability relations per body and kind (political, managerial, ...)."""
    rows = frame(
        driver,
        database,
        """
        MATCH (who:Entity)-[r:ACCOUNTABLE_FOR]->()
        OPTIONAL MATCH (who)-[:BELONGS_TO]->(body:Body)
        RETURN coalesce(body.name, '(no body)') AS body, r.kind AS kind
        """,
    )
    return rows.pivot_table(index="body", columns="kind", aggfunc="size", fill_value=0)


def unaccountable_services(driver: Driver, database: str) -> pd.DataFrame:
    """A named query, run as the API runs it, its nested answer flattened by pandas."""
    gaps = frame(
        driver,
        database,
        named_query("gaps_services_without_accountability"),
        body=None,
        asOf=None,
        after=None,  # from the first, all of them (or `first` at most, after a [name, id])
        first=None,
        withEvidence=True,
    )
    flat = pd.json_normalize(gaps["gap"].tolist())
    flat["links"] = flat["links"].map(len)
    return flat[["service.id", "service.name", "links"]]


def governance_graph(driver: Driver, database: str) -> nx.MultiDiGraph:
    """Entities and the relations between them (no evidence or passages) as a networkx graph."""
    records, _, _ = driver.execute_query(
        "MATCH (a:Entity)-[r]->(b:Entity) "
        "RETURN a.id AS source, a.name AS sourceName, a.type AS sourceType, type(r) AS type, "
        "b.id AS target, b.name AS targetName, b.type AS targetType",
        database_=database,
        routing_=RoutingControl.READ,
    )
    graph = nx.MultiDiGraph()
    for r in records:
        graph.add_node(r["source"], name=r["sourceName"], type=r["sourceType"])
        graph.add_node(r["target"], name=r["targetName"], type=r["targetType"])
        graph.add_edge(r["source"], r["target"], type=r["type"])
    return graph


def describe_graph(graph: nx.MultiDiGraph) -> None:
    simple = nx.Graph(graph)  # undirected, one edge per pair: what centrality and paths need
    components = sorted(nx.connected_components(simple), key=len, reverse=True)
    print(f"{graph.number_of_nodes()} entities, {graph.number_of_edges()} relations")
    print(f"{len(components)} connected parts; the largest has {len(components[0])} entities")

    betweenness = nx.betweenness_centrality(simple)
    top = sorted(betweenness.items(), key=lambda item: (-item[1], item[0]))[:8]
    table = pd.DataFrame(
        [(graph.nodes[n]["type"], graph.nodes[n]["name"], round(score, 3)) for n, score in top],
        columns=["type", "name", "betweenness"],
    )
    print("\nThe entities most paths run through:")
    print(table.to_string(index=False))

    bodies = [n for n, data in graph.nodes(data=True) if data["type"] == "Body"]
    linked = [(a, b) for a in bodies for b in bodies if a < b and nx.has_path(simple, a, b)]
    if linked:
        a, b = max(linked, key=lambda pair: nx.shortest_path_length(simple, *pair))
        path = nx.shortest_path(simple, a, b)
        print("\nThe two bodies furthest apart, and how they connect:")
        print("  " + "\n  -- ".join(f"{graph.nodes[n]['name']} ({n})" for n in path))


def ask_over_http(api: str, key: str, query: str) -> pd.DataFrame:
    """The same through `POST /cypher`: read-only, bounded, with a key."""
    response = httpx.post(
        f"{api.rstrip('/')}/cypher",
        json={"query": query},
        headers={"Authorization": f"Bearer {key}"},
        timeout=30,
    )
    response.raise_for_status()
    body = response.json()
    if body["truncated"]:
        print(f"(only the first {body['rowLimit']} rows)")
    return pd.DataFrame(body["rows"], columns=body["columns"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--api", help="Base URL of a running API, to ask POST /cypher as well")
    args = parser.parse_args()
    pd.set_option("display.width", 160)
    pd.set_option("display.max_columns", None)
    driver, database = connect()
    with driver:
        print("Bodies:\n", body_profile(driver, database).to_string(index=False), "\n")
        print("Accountability by kind:\n", accountability_kinds(driver, database), "\n")
        print("Services nobody is accountable for:")
        print(unaccountable_services(driver, database).to_string(index=False), "\n")
        describe_graph(governance_graph(driver, database))
    key = os.environ.get("CIVICGRAPH_API_KEY")
    if args.api and key:
        query = "MATCH (s:Service)<-[:COVERS]-(p:Portfolio) RETURN s.name AS service, count(p) AS n"
        print("\nOver HTTP:\n", ask_over_http(args.api, key, query).head(10).to_string(index=False))


if __name__ == "__main__":
    main()

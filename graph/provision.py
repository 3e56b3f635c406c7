"""Decides which Neo4j a process talks to: the one `NEO4J_URI` names, else the local one."""

from __future__ import annotations

from graph.local_neo4j import LocalNeo4j
from graph.settings import Settings


def ensure_neo4j(settings: Settings, detached: bool = False) -> str:
    """Returns the Bolt URI to use, starting (or reusing) the local Neo4j if none is set."""
    if settings.neo4j_uri is not None:
        return settings.neo4j_uri
    return LocalNeo4j(settings).start(detached=detached).uri

"""The project's error tree: each error carries a human `detail` and an HTTP status."""


class CivicGraphError(Exception):
    status: int = 500

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class Neo4jUnavailable(CivicGraphError):
    status = 503


class LocalNeo4jError(CivicGraphError):
    """The project's own local Neo4j could not be fetched, started or stopped."""

    status = 503


class NotFound(CivicGraphError):
    status = 404


class InvalidInput(CivicGraphError):
    status = 422


class Forbidden(CivicGraphError):
    status = 403


class Unauthorized(CivicGraphError):
    status = 401


class QueryRefused(CivicGraphError):
    """A query that the read-only Cypher access will not run, and why."""

    status = 400


class QueryTimedOut(CivicGraphError):
    status = 504

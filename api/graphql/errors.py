"""GraphQL errors as clients and operators need them.

Expected outcomes (an unknown id, a bad argument, a value a scalar refuses) are `UserFacingError`s:
shown as they are with a `code` in their extensions, never masked, logged as one line. Anything
else is unexpected: masked for the client ("Unexpected error.", with its path) and logged with its
traceback.

A document that breaks a rule of validation gets `GRAPHQL_VALIDATION_FAILED` (logged only: one that
cannot be parsed, `GRAPHQL_PARSE_FAILED`). graphql-core reports a bad literal (`asOf: "2024-13-01"`,
`direction: SIDEWAYS`) while validating and a bad variable while coercing the variables, both
without a code: `CodedValuesOfCorrectTypeRule` and `client_errors` give them `BAD_USER_INPUT` and
name the argument (and the variable).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from graphql import (
    ArgumentNode,
    DocumentNode,
    GraphQLError,
    GraphQLSyntaxError,
    ValueNode,
    ValuesOfCorrectTypeRule,
    VariableDefinitionNode,
    VariableNode,
    Visitor,
    visit,
)
from graphql.language import VisitorAction
from graphql.validation import ASTValidationRule
from neo4j.exceptions import DriverError, Neo4jError
from strawberry.extensions import SchemaExtension
from strawberry.utils.logging import StrawberryLogger

from graph.errors import Neo4jUnavailable

log = logging.getLogger("civicgraph.api.graphql")

BAD_USER_INPUT = "BAD_USER_INPUT"
PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
UNEXPECTED = "Unexpected error."
SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE"
QUERY_TIMED_OUT = "QUERY_TIMED_OUT"
QUERY_TOO_LARGE = "QUERY_TOO_LARGE"


class UserFacingError(GraphQLError):
    """An expected outcome the client should read: shown as it is, never masked."""


class NotFoundError(UserFacingError):
    def __init__(self, what: str, identifier: str) -> None:
        super().__init__(
            f"No {what} with id {identifier!r}.",
            extensions={"code": "NOT_FOUND", "id": identifier},
        )


class BadArgumentError(UserFacingError):
    def __init__(self, argument: str, reason: str) -> None:
        super().__init__(
            f"Invalid argument {argument!r}: {reason}",
            extensions={"code": BAD_USER_INPUT, "argument": argument},
        )


class BadInputError(UserFacingError):
    """A value graphql-core refused (a literal while validating, a variable while coercing)."""


def _bad_input(error: GraphQLError, message: str, named: dict[str, Any]) -> BadInputError:
    return BadInputError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions={**(error.extensions or {}), "code": BAD_USER_INPUT, **named},
    )


class CodedValuesOfCorrectTypeRule(ValuesOfCorrectTypeRule):
    """graphql-core's rule for literal values, its errors coded and naming their argument (or the
    variable whose default value is wrong)."""

    def __init__(self, context: Any) -> None:
        super().__init__(context)
        self.named: dict[str, str] = {}
        self.value: ValueNode | None = None

    def is_valid_value_node(self, node: ValueNode, input_type: Any) -> VisitorAction:
        self.value = node  # a scalar's own parse error does not say where it is
        return super().is_valid_value_node(node, input_type)

    def enter_argument(self, node: ArgumentNode, *_args: Any) -> None:
        self.named = {"argument": node.name.value}

    def leave_argument(self, *_args: Any) -> None:
        self.named = {}

    def enter_variable_definition(self, node: VariableDefinitionNode, *_args: Any) -> None:
        self.named = {"variable": node.variable.name.value}

    def leave_variable_definition(self, *_args: Any) -> None:
        self.named = {}

    def report_error(self, error: GraphQLError) -> None:
        argument = self.named.get("argument")
        message = f"Invalid argument {argument!r}: {error.message}" if argument else error.message
        if not error.nodes and self.value is not None:
            error = GraphQLError(error.message, nodes=self.value)
        super().report_error(_bad_input(error, message, dict(self.named)))


def coded_rules(
    rules: Iterable[type[ASTValidationRule]],
) -> tuple[type[ASTValidationRule], ...]:
    """The validation rules with graphql-core's literal-value rule replaced by the coded one."""
    return tuple(
        CodedValuesOfCorrectTypeRule if rule is ValuesOfCorrectTypeRule else rule for rule in rules
    )


class _ArgumentsFedBy(Visitor):
    def __init__(self, variable: str) -> None:
        super().__init__()
        self.variable = variable
        self.arguments: list[str] = []
        self.current: str | None = None

    def enter_argument(self, node: ArgumentNode, *_args: Any) -> None:
        self.current = node.name.value

    def leave_argument(self, *_args: Any) -> None:
        self.current = None

    def enter_variable(self, node: VariableNode, *_args: Any) -> None:
        if node.name.value == self.variable and self.current not in (None, *self.arguments):
            self.arguments.append(str(self.current))


def _variable_error(error: GraphQLError, document: DocumentNode | None) -> GraphQLError:
    """A variable the request's values do not fit (graphql-core's coercion, before execution):
    coded, naming the variable and the argument it feeds."""
    if isinstance(error, UserFacingError) or not _about_a_variable(error):
        return error
    node = error.nodes[0] if error.nodes else None
    assert isinstance(node, VariableDefinitionNode)
    variable = node.variable.name.value
    named: dict[str, Any] = {"variable": variable}
    if document is not None:
        fed = _ArgumentsFedBy(variable)
        visit(document, fed)
        if fed.arguments:
            named["argument"] = fed.arguments[0]
    return _bad_input(error, error.message, named)


def is_user_error(error: GraphQLError) -> bool:
    """The client's own doing: our expected outcomes, and graphql-core's refusals of a document
    or its variables (which carry no exception of the server's)."""
    if isinstance(error, UserFacingError) or isinstance(error.original_error, UserFacingError):
        return True
    return error.original_error is None or _about_a_variable(error)


def _about_a_variable(error: GraphQLError) -> bool:
    """A variable's value refused while coercing the variables: the error is located at the
    variable's definition and carries the scalar's own refusal (validation errors about variables,
    such as an unused one, carry none)."""
    located = isinstance(error.nodes[0] if error.nodes else None, VariableDefinitionNode)
    return located and error.original_error is not None


def should_mask(error: GraphQLError) -> bool:
    return not is_user_error(error)


def database_code(error: GraphQLError) -> str | None:
    """The code of a failure that is the database's, not the client's nor a bug: Neo4j out of
    reach (SERVICE_UNAVAILABLE), a query stopped at its time limit (QUERY_TIMED_OUT), or one
    stopped at the memory one transaction may use (QUERY_TOO_LARGE)."""
    original = error.original_error
    if isinstance(original, DriverError | Neo4jUnavailable):
        return SERVICE_UNAVAILABLE
    if isinstance(original, Neo4jError) and "TransactionTimedOut" in (original.code or ""):
        return QUERY_TIMED_OUT
    if isinstance(original, Neo4jError) and "MemoryPoolOutOfMemory" in (original.code or ""):
        return QUERY_TOO_LARGE
    return None


DATABASE_MESSAGES = {
    SERVICE_UNAVAILABLE: "The database cannot be reached just now; try again shortly.",
    QUERY_TIMED_OUT: "The query ran past its time limit (CIVICGRAPH_QUERY_TIMEOUT_S) and was "
    "stopped.",
    QUERY_TOO_LARGE: "The answer needs more memory than one query may use "
    "(db.memory.transaction.max) and was stopped: ask a narrower question (of one body, a page "
    "of a list with `first`, or fewer at a time).",
}


def _database_error(error: GraphQLError) -> GraphQLError:
    code = database_code(error)
    if code is None:
        return error
    return GraphQLError(
        DATABASE_MESSAGES[code],
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions={"code": code},
    )


def _masked(error: GraphQLError) -> GraphQLError:
    return GraphQLError(
        UNEXPECTED,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
    )


def code_of(error: GraphQLError) -> str | None:
    """A user error's code: its own, or what graphql-core's refusal of the document says."""
    code = (error.extensions or {}).get("code")
    if code is not None or not is_user_error(error):
        return str(code) if code is not None else None
    if _about_a_variable(error):
        return BAD_USER_INPUT
    return PARSE_FAILED if isinstance(error, GraphQLSyntaxError) else VALIDATION_FAILED


def _document_error(error: GraphQLError) -> GraphQLError:
    """A refusal of the document (its syntax, a rule of validation) with its code."""
    if error.original_error is not None or (error.extensions or {}).get("code") is not None:
        return error
    return GraphQLError(
        error.message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions={**(error.extensions or {}), "code": code_of(error)},
    )


def client_errors(
    errors: Sequence[GraphQLError], document: DocumentNode | None
) -> list[GraphQLError]:
    """The errors as the client receives them: each user error with its code (bad variables
    naming their argument), the unexpected masked."""
    coded = (_document_error(_variable_error(error, document)) for error in errors)
    return [
        _database_error(error)
        if database_code(error) is not None
        else _masked(error)
        if should_mask(error)
        else error
        for error in coded
    ]


def log_errors(errors: Iterable[GraphQLError]) -> None:
    """User errors as one line each (code, path, message); the unexpected with their traceback."""
    for error in errors:
        code = database_code(error)
        if code is not None:
            path = ".".join(str(key) for key in error.path) if error.path else "-"
            log.warning("GraphQL %s at %s: %s", code, path, error.original_error)
        elif is_user_error(error):
            code = code_of(error)
            path = ".".join(str(key) for key in error.path) if error.path else "-"
            log.info("GraphQL %s at %s: %s", code, path, error.message)
        else:
            StrawberryLogger.error(error)


class ClientErrors(SchemaExtension):
    """Codes bad literals while validating (the coded rule in place of graphql-core's) and, once
    the operation has run, codes bad variables and masks the unexpected."""

    def on_operation(self) -> Iterator[None]:
        context = self.execution_context
        context.validation_rules = coded_rules(context.validation_rules)
        yield
        result = context.result
        errors = getattr(result, "errors", None)
        if result is not None and errors:
            result.errors = client_errors(errors, context.graphql_document)

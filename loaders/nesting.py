"""JSON and YAML parsed only when their nesting is bounded.

A file nested hundreds of thousands of levels deep exhausts a parser's stack: Python's JSON
decoder raises RecursionError, and the C YAML parser overflows the process's stack and kills it.
The depth is measured first, by a scan of the brackets outside strings, and a file past
`MAX_NESTING` is refused with a reason, as is a number too long to be one.
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

MAX_NESTING = 200
MAX_INDENT = 2000  # characters before a line's first: block-style nesting, or padding to refuse
_QUOTED = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_BRACKET = re.compile(r"[\[\]{}]")
_BLOCK_LEVEL = re.compile(r"^([ \t]*)((?:-[ \t]+)*)", re.MULTILINE)
_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class TooDeep(ValueError):
    """The input is nested deeper than its parser can safely go."""


def nesting_depth(text: str) -> int:
    """The deepest nesting of flow brackets outside double-quoted strings, and of block-style
    sequences (`- - - x`) and indentation in YAML."""
    depth = deepest = 0
    for match in _BRACKET.finditer(_QUOTED.sub('""', text)):
        if match.group() in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif depth:
            depth -= 1
    for match in _BLOCK_LEVEL.finditer(text):
        indent, dashes = match.group(1), match.group(2)
        if len(indent) > MAX_INDENT:
            return max(deepest, MAX_NESTING + 1)
        deepest = max(deepest, dashes.count("-") + len(indent) // 2)
    return deepest


def _check(text: str) -> None:
    depth = nesting_depth(text)
    if depth > MAX_NESTING:
        raise TooDeep(f"nests lists or mappings {depth} levels deep (at most {MAX_NESTING})")


def load_json(data: str | bytes) -> Any:
    """`json.loads`, refusing what is nested too deep or holds a number too long to read."""
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    _check(text)
    try:
        return json.loads(text)
    except RecursionError as error:  # a structure the scan did not see (it never should)
        raise TooDeep(f"nests lists or mappings deeper than {MAX_NESTING} levels") from error
    except json.JSONDecodeError:
        raise
    except ValueError as error:  # Python's limit on the digits of an integer
        raise TooDeep(f"holds a value that cannot be read: {error}") from error


def load_yaml(text: str) -> Any:
    """YAML's safe loader, refusing what is nested too deep for it."""
    _check(text)
    try:
        return yaml.load(text, Loader=_YAML_LOADER)
    except RecursionError as error:
        raise TooDeep(f"nests lists or mappings deeper than {MAX_NESTING} levels") from error

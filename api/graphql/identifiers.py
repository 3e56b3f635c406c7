"""A body's identifiers, as the UK local authority register gives them (loaders/register/)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import strawberry

# The stored property of each identifier (loaders/register/records.py writes them).
REGISTER_CODE, GSS_CODE, FORMER_GSS_CODES = "register_code", "gss_code", "former_gss_codes"
JURISDICTION, SHORT_NAME = "jurisdiction", "short_name"
IDENTIFIER_KEYS = (REGISTER_CODE, GSS_CODE, FORMER_GSS_CODES, JURISDICTION, SHORT_NAME)


@strawberry.type(
    description="What identifies a body beyond its id: the register's code, its GSS codes, the "
    "jurisdiction it is in (an ISO 3166 code: GB-ENG...), its short name. Null when unknown."
)
class BodyIdentifiers:
    register_code: str | None = strawberry.field(
        description="The code of the UK local authority register (mySociety): CHE..."
    )
    gss_code: str | None = strawberry.field(description="The current GSS code: E06000049...")
    former_gss_codes: list[str] = strawberry.field(description="GSS codes it had before.")
    jurisdiction: str | None
    short_name: str | None


def _text(value: Any) -> str | None:
    return str(value) if value is not None and str(value) else None


def identifiers_of(properties: Mapping[str, Any] | None) -> BodyIdentifiers | None:
    """A body's identifiers from its stored properties; None when it has none of them."""
    if not properties or not any(properties.get(key) for key in IDENTIFIER_KEYS):
        return None
    former = _text(properties.get(FORMER_GSS_CODES)) or ""
    return BodyIdentifiers(
        register_code=_text(properties.get(REGISTER_CODE)),
        gss_code=_text(properties.get(GSS_CODE)),
        former_gss_codes=[code.strip() for code in former.split(",") if code.strip()],
        jurisdiction=_text(properties.get(JURISDICTION)),
        short_name=_text(properties.get(SHORT_NAME)),
    )

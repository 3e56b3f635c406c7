"""A body a file names that the register (local authorities only) may or may not hold.

The body is asked of the register all the same (`KnownBodies.choose`): resolved, it is the
register's body. Not resolved, a name that reads as a local authority's ("... Council", "Royal
Borough of ...", "... Combined Authority"), or one given with a code or URI, is a council the
register should have known: written marked `resolution: unresolved` with the load's note, as
every reader does. Any other name (a government department, an agency, a fire authority, a
police and crime panel) is a body the register never holds: written as the file names it,
marked `resolution: not-in-register`, with no note, so a load of a department's files does not
report every department as a council it could not find.
"""

from __future__ import annotations

import re

from graph.model import Entity
from loaders.body_resolution import BodyChoice, BodyClues, KnownBodies

NOT_IN_REGISTER = "not-in-register"

_LOCAL_AUTHORITY = re.compile(
    r"(?:\b(?:council|combined\s+authority|greater\s+london\s+authority)$"
    r"|^(?:the\s+)?(?:royal\s+|london\s+)?(?:borough|city|county|district)\s+(?:council\s+)?of\s)",
    re.IGNORECASE,
)


def looks_like_local_authority(clues: BodyClues) -> bool:
    """Whether what a file gives says the body is a local authority: a code or URI, or a name
    ending "Council" / "Combined Authority" or starting "Borough of", "City of"..."""
    if clues.identifier or clues.uri:
        return True
    name = " ".join((clues.name or "").split()).strip(" .")
    return bool(_LOCAL_AUTHORITY.search(name))


def choose_in_register_scope(
    bodies: KnownBodies, clues: BodyClues, own: Entity, *, of_file: bool = True
) -> BodyChoice:
    """The register's body `clues` mean, or `own`: marked unresolved (with a note) when it
    reads as a local authority, else marked `resolution: not-in-register` with no note."""
    choice = bodies.choose(clues, own, of_file=of_file)
    if choice.resolved or looks_like_local_authority(clues):
        return choice
    properties = {**own.properties, "resolution": NOT_IN_REGISTER}
    marked = own.model_copy(update={"properties": properties})
    return BodyChoice(own.id, marked, choice.resolution, False, None)

"""Finds canonical services named in free text ("Cabinet Member for Housing and Libraries").

The canonical names and aliases come from the graph (the vocabulary, once loaded) or straight from
the vocabulary files; a reader links only to services that exist, and keeps the source's wording.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from graph.db import Database

_SPLIT = re.compile(r"\s*(?:,|;|/|&|\band\b|\+)\s*", re.IGNORECASE)
_NOISE = re.compile(r"[^a-z0-9 ]+")


_ROLE_WORDS = re.compile(
    r"^(?:(?:executive|cabinet|corporate|strategic|assistant|deputy|interim|acting|service|"
    r"group|managing|lead|senior)\s+)*"
    r"(?:director|head|manager|lead|officer|member|portfolio holder|team leader)"
    r"(?:\s+(?:of|for))?\s+",
    re.IGNORECASE,
)


def _without_role(text: str) -> str:
    """'Corporate Director of Children's Services' -> 'Children's Services'."""
    return _ROLE_WORDS.sub("", text.strip(), count=1).strip()


def _normal(text: str) -> str:
    text = text.lower().replace("\u2019", "'").replace("'s", "s")
    return " ".join(_NOISE.sub(" ", text).split())


@dataclass(frozen=True)
class ServiceMatch:
    service_id: str
    wording: str  # the source's own words for the service


class ServiceMatcher:
    def __init__(self, names: Iterable[tuple[str, str]] = ()) -> None:
        """`names`: (service id, a name or alias) pairs."""
        self._by_name: dict[str, str] = {}
        for service_id, name in names:
            key = _normal(name)
            if key:
                self._by_name.setdefault(key, service_id)

    def __len__(self) -> int:
        return len(self._by_name)

    @property
    def service_ids(self) -> set[str]:
        return set(self._by_name.values())

    def find(self, text: str) -> list[ServiceMatch]:
        """Services named in `text` ("Head of Libraries and Archives" names two)."""
        for candidate in dict.fromkeys([_without_role(text), text.strip()]):
            found = self._find(candidate) if candidate else []
            if found:
                return found
        return []

    def find_in_post(self, title: str, *units: str) -> list[ServiceMatch]:
        """Services a post is for: named in its title, else its unit's whole name when that
        is one service ("Human Resources"), never each part of a unit that lists several."""
        found = self.find(title)
        for unit in units:
            if found:
                break
            for candidate in dict.fromkeys([unit.strip(), _without_role(unit)]):
                service_id = self._by_name.get(_normal(candidate)) if candidate else None
                if service_id is not None:
                    found = [ServiceMatch(service_id, candidate)]
                    break
        return found

    def _find(self, text: str) -> list[ServiceMatch]:
        """The whole phrase, else each part of a list of services."""
        whole = self._by_name.get(_normal(text))
        if whole is not None:
            return [ServiceMatch(whole, text.strip())]
        found: dict[str, ServiceMatch] = {}
        for part in _SPLIT.split(text):
            part = part.strip(" .()")
            service_id = self._by_name.get(_normal(part)) if part else None
            if service_id is not None:
                found.setdefault(service_id, ServiceMatch(service_id, part))
        return list(found.values())

    @classmethod
    async def from_graph(cls, db: Database) -> ServiceMatcher:
        records, _, _ = await db.read(
            "MATCH (s:Service) "
            "RETURN s.id AS id, s.name AS name, coalesce(s.aliases, []) AS aliases"
        )
        pairs: list[tuple[str, str]] = []
        for record in records:
            pairs.append((record["id"], record["name"]))
            pairs += [(record["id"], alias) for alias in record["aliases"]]
        return cls(pairs)

    @classmethod
    def from_vocabulary(cls, directory: Path) -> ServiceMatcher:
        """Reads every `service:*` entry (id, name, aliases) of the vocabulary's YAML files."""
        pairs: list[tuple[str, str]] = []
        for path in sorted(directory.glob("*.yaml")):
            pairs += _service_names(yaml.safe_load(path.read_text(encoding="utf-8")))
        return cls(pairs)


def _service_names(node: object) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    if isinstance(node, dict):
        node_id = node.get("id")
        if isinstance(node_id, str) and node_id.startswith("service:"):
            name = node.get("name")
            if isinstance(name, str):
                pairs.append((node_id, name))
            aliases = node.get("aliases") or []
            if isinstance(aliases, list):
                pairs += [(node_id, alias) for alias in aliases if isinstance(alias, str)]
        for value in node.values():
            pairs += _service_names(value)
    elif isinstance(node, list):
        for item in node:
            pairs += _service_names(item)
    return pairs

"""The typed GraphQL context: the database, the settings, and per-request loaders.

The loaders batch what the resolvers of one request ask for into one named query per kind, so
that a list of twenty portfolios asking for their services costs one query, not twenty.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from strawberry.dataloader import DataLoader

from graph.db import Database
from graph.settings import Settings
from queries.accountability import accountability_chains
from queries.entities import Direction, entities_by_ids, relations_of_entities
from queries.records import ChainRecord, EntityRecord, RelationFromEntity


class RelationKey(NamedTuple):
    entity: str
    direction: Direction
    types: tuple[str, ...] | None
    as_of: dt.date | None


class ChainKey(NamedTuple):
    start: str
    as_of: dt.date | None


def entity_loader(db: Database) -> DataLoader[str, EntityRecord | None]:
    async def load(ids: Sequence[str]) -> list[EntityRecord | None]:
        found = {record.id: record for record in await entities_by_ids(db, ids)}
        return [found.get(entity_id) for entity_id in ids]

    return DataLoader(load_fn=load)


def relation_loader(db: Database) -> DataLoader[RelationKey, list[RelationFromEntity]]:
    async def load(keys: Sequence[RelationKey]) -> list[list[RelationFromEntity]]:
        groups: dict[tuple[Direction, tuple[str, ...] | None, dt.date | None], set[str]]
        groups = defaultdict(set)
        for key in keys:
            groups[(key.direction, key.types, key.as_of)].add(key.entity)
        found: dict[RelationKey, list[RelationFromEntity]] = defaultdict(list)
        for (direction, types, as_of), ids in groups.items():
            for relation in await relations_of_entities(db, sorted(ids), types, direction, as_of):
                found[RelationKey(relation.entity, direction, types, as_of)].append(relation)
        return [found.get(key, []) for key in keys]

    return DataLoader(load_fn=load)


def chain_loader(db: Database) -> DataLoader[ChainKey, list[ChainRecord]]:
    async def load(keys: Sequence[ChainKey]) -> list[list[ChainRecord]]:
        groups: dict[dt.date | None, set[str]] = defaultdict(set)
        for key in keys:
            groups[key.as_of].add(key.start)
        found: dict[ChainKey, list[ChainRecord]] = defaultdict(list)
        for as_of, ids in groups.items():
            for chain in await accountability_chains(db, sorted(ids), as_of):
                found[ChainKey(chain.start.id, as_of)].append(chain)
        return [found.get(key, []) for key in keys]

    return DataLoader(load_fn=load)


@dataclass
class Context:
    db: Database
    settings: Settings
    entities: DataLoader[str, EntityRecord | None] = field(init=False)
    relations: DataLoader[RelationKey, list[RelationFromEntity]] = field(init=False)
    chains: DataLoader[ChainKey, list[ChainRecord]] = field(init=False)

    def __post_init__(self) -> None:
        self.entities = entity_loader(self.db)
        self.relations = relation_loader(self.db)
        self.chains = chain_loader(self.db)

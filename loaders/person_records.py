"""The load's sources with merged persons made one (`person_merge` decides which).

Each merged id becomes its surviving id in every entity, relation and mention of every source;
a relation two ids stated once each in one source becomes one, with both pieces of evidence.
Every source's record of a person merged in this load reads the same (the surviving id's own
record first: its name, status and dates; the other records' names as aliases, their properties
where it has none), so that the sources stating it agree and a second load of the same files
changes nothing; each keeps its own evidence. A merged person says `merge_rule` and
`merged_from`: the ids merged into it by this load, and by earlier loads whose merged ids this
load does not state again, while a source outside this load still states the person (those
sources were not reloaded, so their merges stand).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from graph.model import Entity, EntityType, Mention, Relation, SourceRecords, with_more_evidence

MERGED_FROM_SEPARATOR = ", "


def merged_ids(text: object) -> tuple[str, ...]:
    """The ids a stored `merged_from` names."""
    if not isinstance(text, str):
        return ()
    separator = MERGED_FROM_SEPARATOR.strip()
    return tuple(part.strip() for part in text.split(separator) if part.strip())


def apply_merges(
    sources: Sequence[SourceRecords],
    id_map: Mapping[str, str],
    stored_merges: Mapping[str, Iterable[str]],
    rule: str,
) -> list[SourceRecords]:
    """`sources` with each id of `id_map` under the id it maps to. `stored_merges` are the ids
    the graph says earlier loads merged into a person (merges that stand), by person id."""
    load_ids = {e.id for s in sources for e in s.entities if e.type is EntityType.PERSON}
    merged_from = _merged_from(id_map, stored_merges, load_ids)
    templates = _templates(sources, id_map, merged_from, rule)
    marks = {
        final: {"merge_rule": rule, "merged_from": text} for final, text in merged_from.items()
    }
    return [_repointed(source, id_map, templates, marks) for source in sources]


def _merged_from(
    id_map: Mapping[str, str], stored_merges: Mapping[str, Iterable[str]], load_ids: set[str]
) -> dict[str, str]:
    merged: dict[str, set[str]] = {}
    for merged_id, into in id_map.items():
        merged.setdefault(into, set()).add(merged_id)
    final_ids = {id_map.get(pid, pid) for pid in load_ids}
    for person_id, earlier in stored_merges.items():
        standing = {pid for pid in earlier if pid not in load_ids}
        if person_id in final_ids and standing:
            merged.setdefault(person_id, set()).update(standing)
    return {
        into: MERGED_FROM_SEPARATOR.join(sorted(ids - {into}))
        for into, ids in merged.items()
        if ids - {into}
    }


def _templates(
    sources: Sequence[SourceRecords],
    id_map: Mapping[str, str],
    merged_from: Mapping[str, str],
    rule: str,
) -> dict[str, Entity]:
    """What every record of a person merged in this load reads (its evidence aside)."""
    involved = set(id_map) | set(id_map.values())
    copies: dict[str, list[Entity]] = {}
    for source in sources:
        for entity in source.entities:
            if entity.type is EntityType.PERSON and entity.id in involved:
                copies.setdefault(id_map.get(entity.id, entity.id), []).append(entity)
    templates: dict[str, Entity] = {}
    for final, records in copies.items():
        # the surviving id's own records first, then each merged id's, in sorted order
        ordered = sorted(records, key=lambda e: (e.id != final, e.id))
        base = ordered[0]
        names = [name for e in ordered for name in (e.name, *e.aliases)]
        aliases = [name for name in dict.fromkeys([*base.aliases, *names]) if name != base.name]
        properties: dict[str, str | int | float | bool | None] = {}
        for record in ordered:
            for key, value in record.properties.items():
                properties.setdefault(key, value)
        properties.update({"merge_rule": rule, "merged_from": merged_from[final]})
        description = next((e.description for e in ordered if e.description), None)
        templates[final] = base.model_copy(
            update={"id": final, "aliases": aliases, "properties": properties,
                    "description": description}
        )  # fmt: skip
    return templates


def _repointed(
    source: SourceRecords,
    id_map: Mapping[str, str],
    templates: Mapping[str, Entity],
    marks: Mapping[str, dict[str, str]],
) -> SourceRecords:
    persons = {e.id for e in source.entities if e.type is EntityType.PERSON}
    touched = (
        persons & (id_map.keys() | marks.keys())
        or any(r.source in id_map or r.target in id_map for r in source.relations)
        or any(m.entity in id_map for m in source.mentions)
    )
    if not touched:
        return source
    entities: dict[str, Entity] = {}
    for entity in source.entities:
        if entity.type is EntityType.PERSON:
            entity = _as_merged(entity, id_map.get(entity.id, entity.id), templates, marks)
        known = entities.get(entity.id)
        entities[entity.id] = (
            entity if known is None else with_more_evidence(known, entity.evidence)
        )
    relations: dict[str, Relation] = {}
    for stated in source.relations:
        relation = stated.model_copy(
            update={"source": id_map.get(stated.source, stated.source),
                    "target": id_map.get(stated.target, stated.target)}
        )  # fmt: skip
        known_relation = relations.get(relation.id)
        relations[relation.id] = (
            relation
            if known_relation is None
            else with_more_evidence(known_relation, relation.evidence)
        )
    mentions: dict[tuple[str, str], Mention] = {}
    for mention in source.mentions:
        moved = mention.model_copy(update={"entity": id_map.get(mention.entity, mention.entity)})
        mentions.setdefault((moved.passage, moved.entity), moved)
    return source.model_copy(
        update={
            "entities": list(entities.values()),
            "relations": list(relations.values()),
            "mentions": list(mentions.values()),
        }
    )


def _as_merged(
    entity: Entity,
    final: str,
    templates: Mapping[str, Entity],
    marks: Mapping[str, dict[str, str]],
) -> Entity:
    template = templates.get(final)
    if template is not None:
        return template.model_copy(update={"evidence": entity.evidence})
    if final not in marks:
        return entity
    return entity.model_copy(update={"properties": {**entity.properties, **marks[final]}})

"""Compares what the document reader extracts from the five seeds with the curated knowledge base.

Facts are matched by kind and normalised name (entities) or by kind and the normalised names of
both ends (relations), against the curated file of the same seed. Mentions are judged against the
entities the curated file of that seed names. The gazetteer is the service vocabulary only, so
the curated seeds do not help extract themselves.
Partner relations (a body's partners, MEMBER_OF a body with role partner, and what partners
provide or commission, PROVIDES) are also measured apart, in a second reading where the curated
bodies are known but none of the curated partner relations, so the reader finds those alone.
Run: `.venv/bin/python bench/evaluate_extraction.py`; `--unmatched` also lists every service
mention the curated file does not link (seed, service, passage, wording), and every partner
relation extracted but not curated or curated but not extracted, to be read one by one.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from graph.model import EntityType, Relation, RelationType, SourceRecords
from graph.settings import get_settings
from loaders.curated import read_curated
from loaders.documents.gazetteer import Gazetteer, gazetteer_for, vocabulary_gazetteer
from loaders.documents.reader import DocumentSource, document_records

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "data" / "documents" / "seeds"
CURATED = ROOT / "data" / "seed"
KINDS = {
    EntityType.BODY: "bodies", EntityType.POST: "posts", EntityType.PERSON: "people",
    EntityType.PORTFOLIO: "portfolios", EntityType.COMMITTEE: "committees",
    EntityType.PARTNERSHIP_GROUP: "partnership groups",
}  # fmt: skip
Pairs = frozenset[tuple[str, ...]]


# A document's change events are named by whoever encodes them ("Improving Partnership
# Structures" is the curated "New structure for partnership working in Cheltenham (2011)"):
# relations to one are compared by the change event's type within the document.
CHANGE_EVENT = "<change event of this document>"
STOP_WORDS = frozenset({"of", "the", "and", "for", "s", "portfolio", "a", "an"})
VOCABULARY = ROOT / "data" / "vocabulary"


def words(name: str) -> list[str]:
    text = name.lower().replace("\u2019", "'").replace("&", " and ")
    return [w for w in re.split(r"[^a-z0-9]+", text) if w and w not in STOP_WORDS]


class Names:
    """Name keys: words without stop words and without the words of the bodies' own names, so
    that "Chief Executive, Cheshire East Council" meets "Chief Executive"."""

    def __init__(self, body_words: frozenset[str]) -> None:
        self.body_words = body_words

    def key(self, name: str) -> str:
        kept = [w for w in words(name) if w not in self.body_words]
        return " ".join(sorted(kept or words(name)))


def curated_for(seed: Path) -> list[SourceRecords]:
    prefix = seed.name[:3]
    return [s for path in sorted(CURATED.glob(f"{prefix}_*")) for s in read_curated(path).sources]


def body_words(sources: list[SourceRecords]) -> frozenset[str]:
    """The words of the publishing body's names (the body each document says published it)."""
    found: set[str] = set()
    for source in sources:
        for entity in source.entities:
            if entity.type is EntityType.BODY and entity.id == source.document.body:
                for name in (entity.name, *entity.aliases):
                    found.update(words(name))
    return frozenset(found)


def vocabulary_names(keys: Names) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in sorted(VOCABULARY.glob("*.yaml")):
        for source in read_curated(path).sources:
            for entity in source.entities:
                found[entity.id] = {keys.key(n) for n in (entity.name, *entity.aliases)}
    return found


# "Police (Birmingham; not named in document 003)": what a curated name adds in brackets.
DESCRIPTION = re.compile(r"\s*\([^()]*\)\s*$")
PARTNERS = "partners"
PARTNER_KINDS = (PARTNERS, "provides")


def relation_kind(relation: Relation) -> str:
    """A relation's kind of fact; a body's partners (MEMBER_OF a body, role partner) apart."""
    if relation.type is RelationType.HOLDS:
        return "tenures"
    if (
        relation.type is RelationType.MEMBER_OF
        and "partner" in (relation.role or "")
        and relation.source.startswith("body:")
        and relation.target.startswith("body:")
    ):
        return PARTNERS
    return relation.type.value.lower()


def entity_names(source: SourceRecords, keys: Names) -> dict[str, set[str]]:
    """Every entity's name keys (its name and aliases, also without a bracketed description)."""
    names: dict[str, set[str]] = defaultdict(set, vocabulary_names(keys))
    for entity in source.entities:
        every = (entity.name, *entity.aliases)
        names[entity.id] = {keys.key(n) for n in (*every, *(DESCRIPTION.sub("", n) for n in every))}
        if entity.type is EntityType.CHANGE_EVENT:
            names[entity.id] = {CHANGE_EVENT}
    return names


def relation_pairs(relation: Relation, names: dict[str, set[str]]) -> Pairs:
    return frozenset(
        (a, b)
        for a in names.get(relation.source, {relation.source})
        for b in names.get(relation.target, {relation.target})
    )


def facts(source: SourceRecords, keys: Names) -> dict[str, set[Pairs]]:
    """Per kind, one set of name-tuples per fact (every name and alias it goes by)."""
    names = entity_names(source, keys)
    kinds: dict[str, set[Pairs]] = defaultdict(set)
    for entity in source.entities:
        kind = KINDS.get(entity.type)
        if kind:
            kinds[kind].add(frozenset((n,) for n in names[entity.id]))
    for relation in source.relations:
        kinds[relation_kind(relation)].add(relation_pairs(relation, names))
    return kinds


def read_seed(seed: Path, gazetteer: Gazetteer) -> SourceRecords:
    data = seed.read_bytes()
    source = DocumentSource(seed.name, hashlib.sha256(data).hexdigest(), data.decode())
    return document_records(source, gazetteer)


def without_partner_relations(gazetteer: Gazetteer) -> Gazetteer:
    """The knowledge base's names and bodies, without the partner relations it states: what
    the reader finds then, it finds alone."""
    kept = [r for r in gazetteer.relations if relation_kind(r) not in PARTNER_KINDS]
    return replace(gazetteer, relations=kept)


def partner_relations(show_unmatched: bool = False) -> None:
    """Partners (MEMBER_OF a body, role partner) and what partners provide or commission
    (PROVIDES), in two readings: with the service vocabulary only, and with the knowledge base's
    bodies known but not its partner relations."""
    data_dir = get_settings().data_dir
    readings = {
        "vocabulary only": vocabulary_gazetteer(data_dir),
        "bodies known": without_partner_relations(gazetteer_for(data_dir)),
    }
    for reading, gazetteer in readings.items():
        tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        unmatched: list[str] = []
        for seed in sorted(SEEDS.glob("*.txt")):
            curated = curated_for(seed)
            extracted = read_seed(seed, gazetteer)
            keys = Names(body_words([extracted, *curated]))
            got_names = entity_names(extracted, keys)
            wanted_names = [entity_names(cur, keys) for cur in curated]
            wanted = {
                relation.id: (relation, relation_pairs(relation, names))
                for cur, names in zip(curated, wanted_names, strict=True)
                for relation in cur.relations
                if relation_kind(relation) in PARTNER_KINDS
            }
            found: set[str] = set()
            for relation in extracted.relations:
                kind = relation_kind(relation)
                if kind not in PARTNER_KINDS:
                    continue
                pairs = relation_pairs(relation, got_names)
                match = [
                    rid for rid, (known, known_pairs) in wanted.items()
                    if relation_kind(known) == kind
                    and (pairs & known_pairs or _same_ends(known, relation))
                ]  # fmt: skip
                found.update(match)
                tally[kind][0] += bool(match)
                tally[kind][1] += 1
                if not match:
                    unmatched.append(f"{seed.name[:3]} extracted, not curated: {_label(relation)}")
            for rid, (relation, _) in wanted.items():
                tally[relation_kind(relation)][2] += 1
                if rid not in found:
                    unmatched.append(f"{seed.name[:3]} curated, not extracted: {_label(relation)}")
        tally["partner relations"] = [sum(tally[k][i] for k in PARTNER_KINDS) for i in range(3)]
        print(f"\npartner relations, {reading}")
        _print_table(tally)
        if show_unmatched:
            print("\n".join(f"  {line}" for line in unmatched))


def _same_ends(known: Relation, relation: Relation) -> bool:
    """Ends of the knowledge base's own ids: a body the text does not name ("the council")."""
    return (known.source, known.target) == (relation.source, relation.target)


def _label(relation: Relation) -> str:
    role = f" {{role: {relation.role}}}" if relation.role else ""
    quote = relation.evidence[0].quote[:80]
    return f"{relation.source} -[{relation.type.value}{role}]-> {relation.target} ({quote!r})"


def _print_table(tally: dict[str, list[int]]) -> None:
    header = ("kind", "extracted", "correct", "curated", "precision", "recall")
    print("{:24} {:>9} {:>8} {:>8} {:>9} {:>7}".format(*header))
    for kind, (hits, extracted_count, curated_count) in sorted(tally.items()):
        precision = hits / extracted_count if extracted_count else float("nan")
        recall = hits / curated_count if curated_count else float("nan")
        row = f"{kind:24} {extracted_count:9} {hits:8} {curated_count:8}"
        print(f"{row} {precision:9.2f} {recall:7.2f}")


def main(show_unmatched: bool = False) -> None:
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # true pos, extracted, curated
    for seed in sorted(SEEDS.glob("*.txt")):
        extracted = read_seed(seed, vocabulary_gazetteer(get_settings().data_dir))
        curated = curated_for(seed)
        if not curated:
            continue
        keys = Names(body_words([extracted, *curated]))
        got = facts(extracted, keys)
        wanted: dict[str, set[Pairs]] = defaultdict(set)
        for cur in curated:
            for kind, values in facts(cur, keys).items():
                wanted[kind] |= values
        for kind in set(got) | set(wanted):
            known = frozenset().union(*wanted[kind]) if wanted[kind] else frozenset()
            hits = sum(1 for fact in got[kind] if fact & known)
            tally[kind][0] += hits
            tally[kind][1] += len(got[kind])
            tally[kind][2] += len(wanted[kind])
        services = {m.entity for m in extracted.mentions if m.entity.startswith("service:")}
        curated_services = {
            e.id for cur in curated for e in cur.entities if e.type is EntityType.SERVICE
        } | {r.target for cur in curated for r in cur.relations if r.target.startswith("service:")}
        curated_services |= {
            r.source for cur in curated for r in cur.relations if r.source.startswith("service:")
        }
        if show_unmatched:
            numbers = {p.id: p.number for p in extracted.passages}
            for m in sorted(extracted.mentions, key=lambda m: (m.entity, m.passage)):
                if m.entity in services - curated_services:
                    print(f"{seed.name[:3]} {m.entity:40} [{numbers[m.passage]}] {m.wording!r}")
        tally["services mentioned"][0] += len(services & curated_services)
        tally["services mentioned"][1] += len(services)
        tally["services mentioned"][2] += len(curated_services)
    _print_table(tally)
    total = [
        sum(tally[kind][i] for kind in tally if kind != "services mentioned") for i in range(2)
    ]
    print(f"facts overall precision {total[0] / max(total[1], 1):.2f} ({total[0]}/{total[1]})")
    partner_relations(show_unmatched)


if __name__ == "__main__":
    main(show_unmatched="--unmatched" in sys.argv[1:])

"""Body resolution and duplicates: how often the resolver names the right authority of the
register, on the labelled set `bench/resolution_labels.yaml`; how many bodies the project's files
name resolve; how many entities are duplicates of another.

    python -m bench.evaluate_resolution [--misses]

No database. Precision is the share of right answers among the answers given (an answer for an
item labelled null is wrong); coverage the share of items labelled with a code that get it; an item
labelled null is refused rightly when the resolver gives no answer. Then every Body the readers
make of `data/` (the register itself aside) and of `../shared/samples/` is resolved (by its name,
and by its site, GSS or register code when the reader kept one): how many of the UK authorities
named resolve to the register (target 95%). Last, duplicates over the same files (`bench/
duplicates.py`): the gold pairs of `bench/duplicate_labels.yaml` still present (target 0), the
entities of one body sharing a normalised name (target 0 on `data/`), and the merges the
document reader made, by rule.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, model_validator

from bench.duplicates import gold_remaining, read_duplicate_labels, same_name_groups
from graph.model import Entity, EntityType, SourceRecords
from graph.settings import PROJECT_ROOT, get_settings
from loaders.documents.overrides import read_overrides
from loaders.person_graph import StoredPeople
from loaders.person_merge import merge_people_with
from loaders.register.table import Register, default_register
from loaders.resolve import Resolution, Resolver

LABELS = PROJECT_ROOT / "bench" / "resolution_labels.yaml"
# Beside the project, or one floor up when it sits in a folder of checkouts.
_SAMPLE_DIRS = [
    PROJECT_ROOT.parent / "shared" / "samples",
    PROJECT_ROOT.parent.parent / "shared" / "samples",
]
SAMPLES = next((path for path in _SAMPLE_DIRS if path.is_dir()), _SAMPLE_DIRS[-1])
DATA = PROJECT_ROOT / "data"
FILES = [DATA, SAMPLES]
TARGET_RESOLVED = 0.95
TARGET_PRECISION = 0.98
REGISTER_DOCUMENT = "document:uk-local-authority-register"


class Label(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = None
    domain: str | None = None
    uri: str | None = None
    identifier: str | None = None
    jurisdiction: str = "GB"
    as_of: dt.date | None = None
    expect: str | None
    source: str

    @model_validator(mode="after")
    def _one_input(self) -> Label:
        given = [x for x in (self.name, self.domain, self.uri, self.identifier) if x]
        if len(given) != 1:
            raise ValueError("each item gives exactly one of name, domain, uri, identifier")
        return self

    @property
    def text(self) -> str:
        return self.name or self.domain or self.uri or self.identifier or ""


class FileBody(BaseModel):
    """A UK local authority among the bodies a reader makes of one file."""

    model_config = ConfigDict(extra="forbid")

    file: str
    body: str
    expect: str


class LabelSet(BaseModel):
    items: list[Label]
    bodies_in_files: list[FileBody] = []


@dataclass
class Scores:
    answered: int = 0
    right: int = 0
    expected: int = 0
    found: int = 0
    nulls: int = 0
    refused: int = 0

    @property
    def precision(self) -> float:
        return self.right / self.answered if self.answered else 1.0

    @property
    def coverage(self) -> float:
        return self.found / self.expected if self.expected else 1.0


def read_labels(path: Path = LABELS) -> LabelSet:
    return LabelSet.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def resolve_label(resolver: Resolver, label: Label) -> Resolution:
    return resolver.resolve(
        name=label.name, identifier=label.identifier, domain=label.domain, uri=label.uri,
        jurisdiction=label.jurisdiction, on=label.as_of,
    )  # fmt: skip


def score(
    resolver: Resolver, register: Register, labels: Sequence[Label]
) -> tuple[Scores, list[str]]:
    codes = {a.body_id: a.code for a in register.authorities.values()}
    scores, misses = Scores(), []
    for label in labels:
        result = resolve_label(resolver, label)
        got = codes.get(result.body_id) if result.body_id else None
        if got is not None:
            scores.answered += 1
            scores.right += got == label.expect
        if label.expect is None:
            scores.nulls += 1
            scores.refused += got is None
        else:
            scores.expected += 1
            scores.found += got == label.expect
        if got != label.expect:
            misses.append(
                f"  {label.text!r} ({label.jurisdiction}): expected {label.expect}, got {got} "
                f"[{result.rule} {result.confidence:.2f}: {result.why}]"
            )
    return scores, misses


def read_sources(paths: Iterable[Path]) -> list[SourceRecords]:
    """What the loader's readers make of the files (the register itself aside), no database."""
    from loaders.readers import read_context, read_paths

    logging.disable(logging.WARNING)  # the readers' notes on rows they skip
    settings = get_settings()
    result, _ = read_paths([path for path in paths if path.exists()], read_context(settings))
    logging.disable(logging.NOTSET)
    # persons merged as a load into an empty graph merges them
    merged = merge_people_with(
        result.sources, read_overrides(settings.data_dir), StoredPeople()
    ).sources
    return [source for source in merged if source.document.id != REGISTER_DOCUMENT]


def bodies_in_files(sources: Iterable[SourceRecords]) -> list[tuple[str, Entity]]:
    """Every Body the readers make of the files, with its file's name."""
    return [
        (Path(source.source_file).name, entity)
        for source in sources
        for entity in source.entities
        if entity.type is EntityType.BODY
    ]


_HOST_IN_NAME = re.compile(r"^((?:[a-z0-9-]+\.)+(?:uk|wales|cymru|scot))-", re.IGNORECASE)


def resolve_entity(resolver: Resolver, file: str, body: Entity) -> Resolution:
    """What a reader knows of a body: its name, its site (kept, or the host its file is named
    after, unless the reader found it a body outside the register: a council's file also names
    the combined or fire authority its members sit on), a GSS code it carries."""
    props = body.properties
    gss = props.get("gss_id")
    site = props.get("moderngov_site")
    named_after = _HOST_IN_NAME.match(file)
    if site is None and named_after is not None and props.get("resolution") != "not-in-register":
        site = named_after.group(1)
    return resolver.resolve(
        name=body.name,
        identifier=str(gss) if gss else None,
        domain=str(site) if site else None,
    )


def score_files(
    resolver: Resolver,
    register: Register,
    labels: Sequence[FileBody],
    sources: Sequence[SourceRecords],
) -> tuple[Scores, list[str]]:
    """A body is judged by the label of its file, else by any label of its id (an id the
    readers give means one body, in whichever file)."""
    codes = {a.body_id: a.code for a in register.authorities.values()}
    expected = {(label.file, label.body): label.expect for label in labels}
    by_id = {label.body: label.expect for label in labels}
    scores, misses = Scores(), []
    for file, body in bodies_in_files(sources):
        result = resolve_entity(resolver, file, body)
        got = codes.get(result.body_id) if result.body_id else None
        want = expected.get((file, body.id), by_id.get(body.id))
        scores.answered += got is not None
        scores.right += got is not None and got == want
        scores.expected += want is not None
        scores.found += want is not None and got == want
        scores.nulls += want is None
        scores.refused += want is None and got is None
        if got != want:
            misses.append(f"  {file}: {body.id} ({body.name!r}): expected {want}, got {got}")
    return scores, misses


def print_scores(scores: Scores, what: str) -> None:
    print(f"  precision {scores.precision:.3f} ({scores.right}/{scores.answered} answers right)")
    print(f"  coverage  {scores.coverage:.3f} ({scores.found}/{scores.expected} {what} resolved)")
    print(f"  refused   {scores.refused}/{scores.nulls} of those that must not resolve")


def print_duplicates(sources: Sequence[SourceRecords], seeds: Sequence[SourceRecords]) -> None:
    labels = read_duplicate_labels()
    pairs, relations = gold_remaining(sources, labels)
    print(f"Duplicates (gold: {labels.size} labelled in bench/duplicate_labels.yaml):")
    print(f"  gold duplicates still present       {len(pairs) + len(relations)} (target 0)")
    for line in pairs + relations:
        print(f"    {line}")
    for what, group_sources, target in (
        ("data/", seeds, " (target 0)"),
        ("data/ and samples", sources, ""),
    ):
        groups = same_name_groups(group_sources)
        extra = sum(len(group) - 1 for group in groups)
        print(
            f"  same body, same name, {what:<18} {extra} entities in {len(groups)} groups{target}"
        )
        for group in groups:
            print(f"    {' = '.join(group)}")
    merged: dict[str, int] = {}
    for source in sources:
        for entity in source.entities:
            rule = entity.properties.get("merge_rule")
            if rule is not None:
                merged[str(rule)] = merged.get(str(rule), 0) + 1
    print(f"  extracted facts merged into a known entity: {sum(merged.values())}")
    for rule, count in sorted(merged.items()):
        print(f"    {count:>3}  by {rule}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list every wrong or missing answer")
    args = parser.parse_args(argv)
    register = default_register()
    resolver = Resolver.from_register(register)
    labels = read_labels()
    scores, misses = score(resolver, register, labels.items)
    print(f"Labelled set: {len(labels.items)} names, domains, URIs and codes")
    print_scores(scores, "items")
    print(f"  target: precision >= {TARGET_PRECISION}")
    sources = read_sources(FILES)
    samples = SAMPLES.resolve()
    seeds = [s for s in sources if not Path(s.source_file).resolve().is_relative_to(samples)]
    file_scores, file_misses = score_files(resolver, register, labels.bodies_in_files, sources)
    print("Bodies the readers make of data/ and ../shared/samples/ (UK authorities labelled):")
    print_scores(file_scores, "UK authorities named")
    print(f"  target: resolved >= {TARGET_RESOLVED:.0%} of the UK authorities named")
    print_duplicates(sources, seeds)
    if args.misses:
        print("Misses:")
        print("\n".join(misses + file_misses) or "  none")


if __name__ == "__main__":
    main()

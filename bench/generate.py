"""Generates a synthetic governance graph in the curated format: one file per body, plus a shared
service vocabulary. Each body has ~200 entities and ~600 relations shaped like the seed documents
(portfolios, posts, people with dated tenures, reporting lines, committees, partnership groups,
priorities, outcomes, services covered, accountability), every fact with its evidence.

    python -m bench.generate OUT_DIR [--bodies 510] [--yaml]

JSON by default: the curated reader takes both, and JSON parses an order of magnitude faster
than YAML (PyYAML builds its objects in Python even with libyaml).
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

SERVICES = 300
SERVICE_GROUPS = 10
PORTFOLIOS, CABINET, OFFICERS, PEOPLE = 12, 12, 68, 75
COMMITTEES, GROUPS, PRIORITIES, OUTCOMES = 8, 8, 8, 8
_Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def evidence(paragraph: str, quote: str) -> list[dict[str, str]]:
    return [{"paragraph": paragraph, "quote": quote}]


def entity(entity_id: str, entity_type: str, name: str, paragraph: str) -> dict[str, Any]:
    return {"id": entity_id, "type": entity_type, "name": name,
            "evidence": evidence(paragraph, name)}  # fmt: skip


def relation(
    rel_type: str, source: str, target: str, paragraph: str, **extra: Any
) -> dict[str, Any]:
    quote = f"{source.split(':', 1)[1]} {rel_type.lower()} {target.split(':', 1)[1]}"
    return {"type": rel_type, "from": source, "to": target, **extra,
            "evidence": evidence(paragraph, quote)}  # fmt: skip


def vocabulary() -> dict[str, Any]:
    entities, relations = [], []
    for group in range(SERVICE_GROUPS):
        entities.append(entity(f"service:group-{group}", "Service", f"Service group {group}", "1"))
    for n in range(SERVICES):
        service = f"service:s{n}"
        entities.append(entity(service, "Service", f"Service {n}", f"2.{n}"))
        entities[-1]["aliases"] = [f"Service no. {n}", f"S{n}"]
        relations.append(relation("BROADER", service, f"service:group-{n % SERVICE_GROUPS}", "2"))
    document = {"id": "document:bench-vocabulary", "title": "Synthetic service vocabulary"}
    return {"document": document, "entities": entities, "relations": relations}


def body_file(index: int, rng: random.Random) -> dict[str, Any]:
    b = f"b{index}"
    body = f"body:{b}"
    doc = {"id": f"document:{b}-structure", "title": f"Structure of body {index}",
           "body": body, "date": "2016-04-01", "author": "Chief Executive"}  # fmt: skip
    entities = [entity(body, "Body", f"Body {index}", "1.1")]
    relations: list[dict[str, Any]] = []

    def add(prefix: str, entity_type: str, count: int, name: str) -> list[str]:
        ids = [f"{prefix}:{b}-{n}" for n in range(count)]
        for n, entity_id in enumerate(ids):
            entities.append(entity(entity_id, entity_type, f"{name} {n} of body {index}", "2"))
            relations.append(relation("BELONGS_TO", entity_id, body, "2"))
        return ids

    portfolios = add("portfolio", "Portfolio", PORTFOLIOS, "Portfolio")
    cabinet = add("post", "Post", CABINET, "Cabinet member")
    officers = [f"post:{b}-officer-{n}" for n in range(OFFICERS)]
    for n, post in enumerate(officers):
        entities.append(entity(post, "Post", f"Officer {n} of body {index}", "4"))
        relations.append(relation("BELONGS_TO", post, body, "4"))
    committees = add("committee", "Committee", COMMITTEES, "Committee")
    groups = add("partnership_group", "PartnershipGroup", GROUPS, "Partnership group")
    priorities = add("priority", "Priority", PRIORITIES, "Priority")
    outcomes = add("outcome", "Outcome", OUTCOMES, "Outcome")
    people = [f"person:{b}-{n}" for n in range(PEOPLE)]
    entities += [
        entity(p, "Person", f"Person {n} of body {index}", "5") for n, p in enumerate(people)
    ]

    posts = cabinet + officers
    for n, person in enumerate(people):
        relations.append(relation("HOLDS", person, posts[n], "5", valid_from="2015-05-01",
                                   capacity="substantive"))  # fmt: skip
        if n < 25:  # an earlier, ended tenure: history kept by validity dates
            relations.append(relation("HOLDS", person, posts[-1 - n], "5", valid_from="2011-05-01",
                                       valid_to="2015-04-30", status="ended"))  # fmt: skip
    for post, portfolio in zip(cabinet, portfolios, strict=True):
        relations.append(relation("HOLDS_PORTFOLIO", post, portfolio, "3"))
        relations.append(relation("ACCOUNTABLE_FOR", post, portfolio, "3", kind="political"))
    for n, post in enumerate(officers[1:], start=1):
        relations.append(relation("REPORTS_TO", post, officers[(n - 1) // 4], "4"))
    for n, portfolio in enumerate(portfolios):
        for service in rng.sample(range(SERVICES), 8):
            relations.append(relation("COVERS", portfolio, f"service:s{service}", "3",
                                       wording=f"Service {service} (as worded)"))  # fmt: skip
        relations.append(relation("SCRUTINISED_BY", portfolio, committees[n % COMMITTEES], "6"))
        for priority in rng.sample(priorities, 2):
            relations.append(relation("ALIGNED_TO", portfolio, priority, "7"))
    for n, post in enumerate(officers):
        relations.append(relation("ACCOUNTABLE_FOR", post, f"service:s{(index + n) % SERVICES}",
                                   "4", kind="managerial"))  # fmt: skip
    for n, person in enumerate(people[:60]):
        group = (committees + groups)[n % (COMMITTEES + GROUPS)]
        relations.append(relation("MEMBER_OF", person, group, "6", role="member"))
    for n, priority in enumerate(priorities):
        relations.append(relation("CONTRIBUTES_TO", priority, outcomes[n], "7"))
        relations.append(relation("CONTRIBUTES_TO", priority, outcomes[(n + 1) % OUTCOMES], "7"))
    for n in range(6):
        relations.append(relation("CLOSELY_RELATED", portfolios[2 * n], portfolios[2 * n + 1], "3"))
    return {"document": doc, "entities": entities, "relations": relations}


def generate(
    out_dir: Path, bodies: int, as_yaml: bool = False, seed: int = 7, first_index: int = 0
) -> tuple[int, int]:
    """Writes the files (bodies numbered from `first_index`); returns (entities, relations)."""
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    entities = relations = 0
    for name, data in _files(bodies, rng, first_index):
        if as_yaml:
            text = yaml.dump(data, Dumper=_Dumper, sort_keys=False)
            (out_dir / f"{name}.yaml").write_text(text)
        else:
            (out_dir / f"{name}.json").write_text(json.dumps(data))
        entities += len(data["entities"])
        relations += len(data["relations"])
    return entities, relations


def _files(
    bodies: int, rng: random.Random, first_index: int = 0
) -> Iterator[tuple[str, dict[str, Any]]]:
    yield "000_vocabulary", vocabulary()
    for index in range(first_index, first_index + bodies):
        yield f"body_{index:05d}", body_file(index, rng)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--bodies", type=int, default=510)
    parser.add_argument("--yaml", action="store_true", help="write YAML instead of JSON")
    args = parser.parse_args()
    entities, relations = generate(args.out_dir, args.bodies, as_yaml=args.yaml)
    print(f"{entities} entities and {relations} relations in {args.bodies + 1} files")


if __name__ == "__main__":
    main()

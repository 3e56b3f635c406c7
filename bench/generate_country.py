"""Generates a governance graph shaped like the whole UK, in the curated format: for every current
authority of the register (`data/register/`), its councillors (a person, a seat, a tenure), its
cabinet portfolios and their holders, committees and their members, senior officer posts in a
reporting tree accountable for services of the vocabulary (`data/vocabulary/`), the organogram's
junior posts under them, and committee minutes (one document each) naming who sat on what.

Proportions follow what councils publish, by type of authority: a county council has about 70
councillors, a shire district 40, a metropolitan district 65; cabinets of 6 to 10; 8 to 14
committees; organograms of 10 to 30 senior posts with 5 to 8 junior grades below each.

    python -m bench.generate_country OUT_DIR

Load it with the register and the vocabulary: `civicgraph load data/register data/vocabulary
OUT_DIR` (or `--bulk`).
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bench.generate import entity, relation
from loaders.register.table import Authority, default_register

VOCABULARY = Path(__file__).resolve().parent.parent / "data" / "vocabulary" / "services.yaml"


@dataclass(frozen=True)
class Shape:
    councillors: int
    cabinet: int
    committees: int
    senior_posts: int
    junior_per_senior: int


# By the register's type code: county, shire district, unitary, metropolitan district, London
# borough, Scottish and Welsh unitary, Northern Irish district, combined authority, the GLA, the
# City of London.
SHAPES: dict[str, Shape] = {
    "CTY": Shape(70, 10, 14, 30, 8),
    "NMD": Shape(40, 6, 8, 10, 5),
    "UA": Shape(52, 9, 12, 22, 7),
    "MD": Shape(65, 10, 13, 25, 8),
    "LBO": Shape(55, 9, 12, 22, 7),
    "SCO": Shape(40, 8, 12, 18, 6),
    "WPA": Shape(50, 8, 11, 18, 6),
    "NID": Shape(40, 0, 10, 12, 5),
    "COMB": Shape(12, 6, 6, 12, 5),
    "SRA": Shape(25, 8, 10, 20, 6),
    "CC": Shape(100, 0, 14, 20, 6),
}
MEETINGS_PER_COMMITTEE = 2  # minutes kept per committee, each a document of its own


def _services() -> list[str]:
    data = yaml.safe_load(VOCABULARY.read_text())
    items = data["entities"] if isinstance(data, dict) else data
    return [item["id"] for item in items if str(item.get("id", "")).startswith("service:")]


def authority_files(
    authority: Authority, shape: Shape, services: list[str], rng: random.Random
) -> list[tuple[str, dict[str, Any]]]:
    """The authority's structure file, then its committees' minutes."""
    code = authority.code.lower()
    body = authority.body_id
    name = authority.official_name
    entities: list[dict[str, Any]] = []
    relations: list[dict[str, Any]] = []

    def add(kind: str, entity_type: str, label: str, count: int, paragraph: str) -> list[str]:
        ids = [f"{kind}:{code}-{label.lower().replace(' ', '-')}-{n}" for n in range(count)]
        for n, entity_id in enumerate(ids):
            entities.append(entity(entity_id, entity_type, f"{label} {n}, {name}", paragraph))
            relations.append(relation("BELONGS_TO", entity_id, body, paragraph))
        return ids

    seats = add("post", "Post", "Councillor", shape.councillors, "1")
    people = [f"person:{code}-{n}" for n in range(shape.councillors)]
    for n, (person, seat) in enumerate(zip(people, seats, strict=True)):
        entities.append(entity(person, "Person", f"Councillor {n} of {name}", "1"))
        relations.append(relation("HOLDS", person, seat, "1", valid_from="2022-05-05",
                                   capacity="substantive"))  # fmt: skip
    portfolios = add("portfolio", "Portfolio", "Portfolio", shape.cabinet, "2")
    cabinet = add("post", "Post", "Cabinet Member", shape.cabinet, "2")
    for n, (post, portfolio) in enumerate(zip(cabinet, portfolios, strict=True)):
        relations.append(relation("HOLDS", people[n], post, "2", valid_from="2023-05-18"))
        relations.append(relation("HOLDS_PORTFOLIO", post, portfolio, "2"))
        relations.append(relation("ACCOUNTABLE_FOR", post, portfolio, "2", kind="political"))
        for service in rng.sample(services, 5):
            relations.append(relation("COVERS", portfolio, service, "2"))
    committees = add("committee", "Committee", "Committee", shape.committees, "3")
    for n, portfolio in enumerate(portfolios):
        relations.append(relation("SCRUTINISED_BY", portfolio, committees[n % len(committees)],
                                   "3"))  # fmt: skip
    senior = add("post", "Post", "Senior Officer", shape.senior_posts, "4")
    for n, post in enumerate(senior):
        if n:
            relations.append(relation("REPORTS_TO", post, senior[(n - 1) // 4], "4"))
        relations.append(relation("ACCOUNTABLE_FOR", post, services[(n * 7) % len(services)],
                                   "4", kind="managerial"))  # fmt: skip
    for n, manager in enumerate(senior):
        for grade in range(shape.junior_per_senior):
            post = f"post:{code}-grade-{n}-{grade}"
            entities.append(entity(post, "Post", f"Grade {grade} post under senior officer {n}, "
                                    f"{name}", "5"))  # fmt: skip
            relations.append(relation("BELONGS_TO", post, body, "5"))
            relations.append(relation("REPORTS_TO", post, manager, "5"))
    structure = {
        "document": {
            "id": f"document:{code}-structure",
            "title": f"Constitution of {name}",
            "body": body,
            "date": "2024-05-01",
        },
        "entities": entities,
        "relations": relations,
    }
    files = [(f"{code}-structure", structure)]
    members_each = max(1, shape.councillors // max(1, shape.committees))
    for n, committee in enumerate(committees):
        for meeting in range(MEETINGS_PER_COMMITTEE):
            members = people[(n * members_each) % len(people) :][:members_each]
            doc_id = f"document:{code}-committee-{n}-minutes-{meeting}"
            minutes = {
                "document": {
                    "id": doc_id,
                    "title": f"Minutes of committee {n}, meeting {meeting}",
                    "body": body,
                    "date": f"2024-{3 + 4 * meeting:02d}-15",
                },
                "relations": [
                    relation("MEMBER_OF", person, committee, f"{meeting + 1}.{k}", role="member")
                    for k, person in enumerate(members)
                ],
            }
            files.append((f"{code}-committee-{n}-minutes-{meeting}", minutes))
    return files


def country_authorities() -> list[Authority]:
    """Every current authority of the register of a type the generator has a shape for, in
    code order."""
    return [
        authority
        for authority in sorted(default_register().authorities.values(), key=lambda a: a.code)
        if authority.is_current and authority.type_code in SHAPES
    ]


def spread_authorities(count: int) -> list[Authority]:
    """`count` of them, spread evenly over the code order (a few kinds of council, for tests)."""
    authorities = country_authorities()
    return authorities[:: max(1, len(authorities) // count)][:count]


def generate_country(
    out_dir: Path,
    seed: int = 17,
    *,
    authorities: list[Authority] | None = None,
    services: list[str] | None = None,
) -> dict[str, int]:
    """Writes a folder per authority (every one, or those given), with the vocabulary's services
    (or those given); returns counts of authorities, files, entities, relations."""
    rng = random.Random(seed)
    services = services if services is not None else _services()
    counts = {"authorities": 0, "files": 0, "entities": 0, "relations": 0}
    for authority in authorities if authorities is not None else country_authorities():
        folder = out_dir / authority.code.lower()
        folder.mkdir(parents=True, exist_ok=True)
        counts["authorities"] += 1
        for name, data in authority_files(authority, SHAPES[authority.type_code], services, rng):
            (folder / f"{name}.json").write_text(json.dumps(data))
            counts["files"] += 1
            counts["entities"] += len(data.get("entities", []))
            counts["relations"] += len(data["relations"])
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out_dir", type=Path)
    args = parser.parse_args()
    print(generate_country(args.out_dir))


if __name__ == "__main__":
    main()

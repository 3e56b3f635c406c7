"""Scores `parse_keyposts` against the labelled key posts in `bench/keypost_labels.yaml`.

Per council and overall: executive roles recognised (the labelled office and portfolio both read)
out of those labelled; committees wrongly read as portfolios (a labelled committee role whose
committee the parser made an executive post's portfolio); and accuracy (texts read exactly: the
same roles, kind and key fields, as the labels). Names are compared case- and
punctuation-insensitively, "&" as "and".
Run: `.venv/bin/python bench/evaluate_keyposts.py`; `--errors` lists every text read wrongly.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from loaders.formats.keyposts import (
    ChampionRole,
    CivicPost,
    CommitteeRole,
    ExecutivePost,
    KeyPostRole,
    OtherRole,
    OutsideBodyRole,
    PartyRole,
    parse_keyposts,
)

LABELS = Path(__file__).resolve().parent / "keypost_labels.yaml"
Key = tuple[str, ...]


def norm(text: object) -> str:
    if text is None:
        return ""
    lowered = str(text).lower().replace("&", " and ").replace("\u2019", "'")
    return " ".join(re.sub(r"[^a-z0-9' ]+", " ", lowered).split())


def label_key(label: dict[str, Any]) -> Key:
    kind = label["kind"]
    if kind == "executive":
        return (kind, norm(label["office"]), norm(label.get("portfolio")))
    if kind == "committee":
        return (kind, norm(label["committee"]), label["role"])
    if kind == "party":
        return (kind, label["role"], norm(label.get("party")))
    if kind == "civic":
        return (kind, norm(label["post"]))
    if kind == "champion":
        return (kind, norm(label["topic"]))
    if kind == "outside":
        return (kind, norm(label["body"]), label["role"])
    return (kind,)


def role_key(role: KeyPostRole) -> Key:
    if isinstance(role, ExecutivePost):
        return ("executive", norm(role.office), norm(role.portfolio))
    if isinstance(role, CommitteeRole):
        return ("committee", norm(role.committee), role.role)
    if isinstance(role, PartyRole):
        return ("party", role.role, norm(role.party))
    if isinstance(role, CivicPost):
        return ("civic", norm(role.post))
    if isinstance(role, ChampionRole):
        return ("champion", norm(role.topic))
    if isinstance(role, OutsideBodyRole):
        return ("outside", norm(role.body), role.role)
    assert isinstance(role, OtherRole)
    return ("other",)


def main(show_errors: bool) -> None:
    councils: dict[str, list[dict[str, Any]]] = yaml.safe_load(LABELS.read_text("utf-8"))[
        "councils"
    ]
    totals = Counter[str]()
    print(f"{'council':<22}{'texts':>6}{'exact':>7}{'executive':>13}{'cttee→portf':>13}")
    for council, entries in councils.items():
        counts = Counter[str]()
        for entry in entries:
            expected = Counter(label_key(label) for label in entry["roles"])
            parsed = parse_keyposts(entry["text"])
            got = Counter(role_key(role) for role in parsed)
            counts["texts"] += 1
            counts["exact"] += got == expected
            executive = [k for k in expected.elements() if k[0] == "executive"]
            counts["executive"] += len(executive)
            counts["recognised"] += sum(min(got[k], expected[k]) for k in set(executive))
            portfolios = {norm(r.portfolio) for r in parsed if isinstance(r, ExecutivePost)}
            counts["committee_portfolios"] += sum(
                1 for k in expected.elements() if k[0] == "committee" and k[1] in portfolios
            )
            if show_errors and got != expected:
                print(f"  {council}: {entry['text']!r}")
                print(f"    expected {sorted(expected.elements())}")
                print(f"    parsed   {sorted(got.elements())}")
        totals.update(counts)
        print(_row(council, counts))
    print(_row("overall", totals))


def _row(name: str, counts: Counter[str]) -> str:
    share = counts["recognised"] / counts["executive"] if counts["executive"] else float("nan")
    executive = f"{counts['recognised']}/{counts['executive']} {share:.0%}"
    exact = f"{counts['exact'] / counts['texts']:.0%}"
    wrong = counts["committee_portfolios"]
    return f"{name:<22}{counts['texts']:>6}{exact:>7}{executive:>13}{wrong:>13}"


if __name__ == "__main__":
    main("--errors" in sys.argv)

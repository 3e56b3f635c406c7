"""Scores the ServiceMatcher on portfolio and role titles labelled in `bench/title_labels.yaml`.

Prints micro precision and recall of the (title, service) pairs found against those labelled, the
share of titles with at least one service found, and the share of titles labelled with a service
for which one was found, and the share of the executive portfolios labelled in
`bench/keypost_labels.yaml` (the six councils' key posts and other councils' forms) with at least
one service found.
Run: `.venv/bin/python bench/evaluate_titles.py`; `--errors` lists each title found wrongly.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from loaders.formats.services import ServiceMatcher

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "bench" / "title_labels.yaml"
KEYPOSTS = ROOT / "bench" / "keypost_labels.yaml"
VOCABULARY = ROOT / "data" / "vocabulary"


def main(show_errors: bool) -> None:
    labelled: list[tuple[str, list[str]]] = yaml.safe_load(LABELS.read_text("utf-8"))["titles"]
    matcher = ServiceMatcher.from_vocabulary(VOCABULARY)
    unknown = {s for _, services in labelled for s in services} - {
        s.removeprefix("service:") for s in matcher.service_ids
    }
    if unknown:
        raise SystemExit(f"{LABELS.name}: services not in the vocabulary: {sorted(unknown)}")
    true_pos = found_total = expected_total = with_service = labelled_with = covered = 0
    for title, services in labelled:
        expected = {f"service:{s}" for s in services}
        found = {m.service_id for m in matcher.find(title)}
        true_pos += len(found & expected)
        found_total += len(found)
        expected_total += len(expected)
        with_service += bool(found)
        if expected:
            labelled_with += 1
            covered += bool(found)
        if show_errors and found != expected:
            missed = sorted(expected - found)
            extra = sorted(found - expected)
            print(f"  {title!r}: missed {missed} extra {extra}")
    print(f"titles {len(labelled)} (labelled with a service: {labelled_with})")
    print(f"precision {true_pos / found_total:.3f} ({true_pos}/{found_total})")
    print(f"recall    {true_pos / expected_total:.3f} ({true_pos}/{expected_total})")
    print(f"titles with >= 1 service found: {with_service / len(labelled):.3f} "
          f"({with_service}/{len(labelled)})")  # fmt: skip
    print(f"labelled titles with >= 1 service found: {covered / labelled_with:.3f} "
          f"({covered}/{labelled_with})")  # fmt: skip
    portfolios = executive_portfolios()
    with_one = [p for p in portfolios if matcher.find(p)]
    print(f"executive portfolios of the key posts set with >= 1 service: "
          f"{len(with_one) / len(portfolios):.3f} ({len(with_one)}/{len(portfolios)})")  # fmt: skip
    if show_errors:
        print("  without:", sorted(set(portfolios) - set(with_one)))


def executive_portfolios() -> list[str]:
    councils = yaml.safe_load(KEYPOSTS.read_text("utf-8"))["councils"]
    return [
        role["portfolio"]
        for entries in councils.values()
        for entry in entries
        for role in entry["roles"]
        if role["kind"] == "executive" and role.get("portfolio")
    ]


if __name__ == "__main__":
    main("--errors" in sys.argv)

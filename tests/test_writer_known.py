"""What the writer decides from what the graph already holds: create, rewrite or leave each row.

The graph-level behaviour (idempotence, precedence, retraction) is tested against Neo4j in
test_writer.py; these pin the rules the decision applies, row by row.
"""

from __future__ import annotations

from loaders.writer.known import Stored, evidence_groups, split_evidence, split_facts
from loaders.writer.plan import Row

CURATED_KEY = "curated|data/body.json"
EXTRACTED_KEY = "extracted|docs/report.pdf"


def fact(fact_id: str, hash_: str, curated: bool) -> Row:
    return {"id": fact_id, "hash": hash_, "curated": curated, "props": {"id": fact_id}}


def evidence(ev_id: str, hash_: str, origin: str, document: str = "document:d") -> Row:
    props = {"id": ev_id, "quote": "as stated", "hash": hash_}
    return {"id": ev_id, "document": document, "origin": origin, "hash": hash_, "props": props}


def test_new_facts_are_created_changed_ones_rewritten_and_curated_ones_kept() -> None:
    rows = [
        fact("new", "h1", curated=False),
        fact("same", "h2", curated=False),
        fact("changed", "h3", curated=False),
        fact("curated-kept", "h4", curated=False),
        fact("curated-rewritten", "h5", curated=True),
    ]
    stored = {
        "same": Stored("h2", "imported"),
        "changed": Stored("old", "imported"),
        "curated-kept": Stored("old", "curated"),
        "curated-rewritten": Stored("old", "curated"),
    }

    split = split_facts(rows, stored)

    assert [row["id"] for row in split.create] == ["new"]
    assert [row["id"] for row in split.rewrite] == ["changed", "curated-rewritten"]
    assert (split.updated, split.unchanged) == (2, 2)


def test_new_evidence_is_stated_by_its_source_alone() -> None:
    split = split_evidence([evidence("ev:1", "h", "extracted")], {}, EXTRACTED_KEY)

    [created] = split.create
    assert created["props"]["sources"] == [EXTRACTED_KEY]
    assert created["props"]["origin"] == "extracted"
    assert created["props"]["quote"] == "as stated"
    assert split.rewrite == [] and (split.updated, split.unchanged) == (0, 0)


def test_extracted_evidence_joins_curated_evidence_without_rewriting_it() -> None:
    stored = {"ev:1": Stored("curated-hash", "curated", (CURATED_KEY,))}

    split = split_evidence([evidence("ev:1", "other", "extracted")], stored, EXTRACTED_KEY)

    [known] = split.rewrite
    assert known["props"] == {"sources": [CURATED_KEY, EXTRACTED_KEY], "origin": "curated"}
    assert known["retitle"] is False
    assert (split.updated, split.unchanged) == (0, 1)


def test_curated_evidence_rewrites_and_a_second_load_adds_no_second_key() -> None:
    stored = {"ev:1": Stored("old", "extracted", (EXTRACTED_KEY, CURATED_KEY), titled=True)}

    split = split_evidence([evidence("ev:1", "new", "curated")], stored, CURATED_KEY)

    [known] = split.rewrite
    assert known["props"]["sources"] == [EXTRACTED_KEY, CURATED_KEY]
    assert known["props"]["origin"] == "curated"
    assert known["props"]["quote"] == "as stated" and known["retitle"] is True
    assert (split.updated, split.unchanged) == (1, 0)


def test_evidence_without_its_documents_title_is_given_it() -> None:
    stored = {"ev:1": Stored("h", "curated", (CURATED_KEY,), titled=False)}

    split = split_evidence([evidence("ev:1", "h", "curated")], stored, CURATED_KEY)

    assert split.rewrite[0]["retitle"] is True
    assert "quote" not in split.rewrite[0]["props"]


def test_new_evidence_is_grouped_by_the_document_it_cites() -> None:
    rows = [evidence("ev:1", "h", "curated", "document:a"),
            evidence("ev:2", "h", "curated", "document:b"),
            evidence("ev:3", "h", "curated", "document:a")]  # fmt: skip

    groups = evidence_groups(rows)

    assert [(g["document"], [r["id"] for r in g["rows"]]) for g in groups] == [
        ("document:a", ["ev:1", "ev:3"]),
        ("document:b", ["ev:2"]),
    ]

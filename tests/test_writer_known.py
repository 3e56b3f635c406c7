"""What the writer decides from what the graph already holds: create, rewrite or leave each row.

The graph-level behaviour (idempotence, precedence, retraction) is tested against Neo4j in
test_writer.py; these pin the rules the decision applies, row by row.
"""

from __future__ import annotations

import datetime as dt

from loaders.writer.known import (
    Stored,
    StoredFact,
    evidence_groups,
    needs_statements,
    split_evidence,
    split_facts,
    unstate,
)
from loaders.writer.plan import Row, content_hash
from loaders.writer.statements import Statement, element_props, statements_in_graph

CURATED_KEY = "curated|data/body.json"
EXTRACTED_KEY = "extracted|docs/report.pdf"
IMPORTED_KEY = "imported|charts/2023.csv"
LATER_IMPORTED_KEY = "imported|salaries/2023.csv"


def fact(fact_id: str, by: str, **props: object) -> Row:
    stated = {"id": fact_id, "origin": by.split("|")[0], **props}
    hash_ = content_hash(stated)
    return {"id": fact_id, "hash": hash_, "by": by, "props": {**stated, "hash": hash_}}


def statement(row: Row) -> Statement:
    return Statement(row["hash"], {k: v for k, v in row["props"].items() if k != "hash"})


def held(*rows: Row) -> StoredFact:
    """A fact the graph holds as these rows' sources stated it, with their statements read."""
    statements = {row["by"]: statement(row) for row in rows}
    props = element_props(statements)
    return StoredFact(props["hash"], {k: s.hash for k, s in statements.items()}, statements)


def test_a_source_that_stops_stating_a_fact_leaves_what_the_others_state() -> None:
    chart = fact("post:x", IMPORTED_KEY, grade="CEX")
    salaries = fact("post:x", LATER_IMPORTED_KEY, salary=187500)
    both = element_props({IMPORTED_KEY: statement(chart), LATER_IMPORTED_KEY: statement(salaries)})

    kept = unstate(LATER_IMPORTED_KEY, both)

    assert kept == (element_props({IMPORTED_KEY: statement(chart)}), True)
    assert kept[0]["hash"] == chart["hash"] and "statedProps" not in kept[0]
    assert unstate(IMPORTED_KEY, kept[0]) is None  # nobody else states it: it goes
    assert unstate(EXTRACTED_KEY, both) is None  # never stated it


def evidence(ev_id: str, hash_: str, origin: str, document: str = "document:d") -> Row:
    props = {"id": ev_id, "quote": "as stated", "hash": hash_}
    return {"id": ev_id, "document": document, "origin": origin, "hash": hash_, "props": props}


def test_new_facts_are_created_restated_ones_left_and_changed_ones_rewritten() -> None:
    same = fact("same", IMPORTED_KEY, name="A")
    changed = fact("changed", IMPORTED_KEY, name="B")
    stored = {
        "same": held(same),
        "changed": held(fact("changed", IMPORTED_KEY, name="old")),
    }
    rows = [fact("new", IMPORTED_KEY, name="C"), same, changed]

    split = split_facts(rows, stored)

    assert [row["id"] for row in split.create] == ["new"]
    assert [row["id"] for row in split.rewrite] == ["changed"]
    assert (split.updated, split.unchanged) == (1, 1)
    [created] = split.create
    assert created["props"]["statedBy"] == [f"{IMPORTED_KEY}={rows[0]['hash']}"]
    assert "statedProps" not in created["props"]  # one source: its statement is the properties


def test_a_second_source_adds_its_properties_and_the_later_key_wins_where_they_differ() -> None:
    chart = fact("post:x", IMPORTED_KEY, name="Chief Executive", grade="CEX", tier=1)
    salaries = fact("post:x", LATER_IMPORTED_KEY, name="Chief Executive.", salary=187500)
    stored = {"post:x": held(chart)}
    assert needs_statements([salaries], {"post:x": StoredFact(None, {IMPORTED_KEY: "h"})}) == {
        "post:x"
    }

    split = split_facts([salaries], stored)

    [written] = split.rewrite
    props = written["props"]
    assert (props["grade"], props["tier"], props["salary"]) == ("CEX", 1, 187500)
    assert props["name"] == "Chief Executive."  # the greater source key wins a disagreement
    assert sorted(statements_in_graph(props)) == [IMPORTED_KEY, LATER_IMPORTED_KEY]
    assert (split.updated, split.unchanged) == (1, 0)
    # the same two rows again change nothing
    again = split_facts([chart, salaries], stored)
    assert again.rewrite == [] and again.create == [] and again.unchanged == 2


def test_curated_statements_make_the_properties_and_others_are_only_kept() -> None:
    curated = fact("body:x", CURATED_KEY, name="Testshire Council")
    extracted = fact("body:x", EXTRACTED_KEY, name="Testshire Counci1", kind="council")
    stored = {"body:x": held(curated)}

    split = split_facts([extracted], stored)

    [written] = split.rewrite
    assert written["props"]["name"] == "Testshire Council"
    assert "kind" not in written["props"] and written["props"]["origin"] == "curated"
    assert written["props"]["hash"] == curated["hash"]
    assert (split.updated, split.unchanged) == (0, 1)  # what it says did not change
    without_curated = {EXTRACTED_KEY: statement(extracted)}
    assert element_props(without_curated)["name"] == "Testshire Counci1"


def test_imported_wins_over_extracted_and_aliases_are_the_union() -> None:
    imported = fact("body:x", IMPORTED_KEY, name="A", aliases=["B"], aliasText="B")
    extracted = fact("body:x", EXTRACTED_KEY, name="a", aliases=["C", "B"], aliasText="C | B")

    props = element_props({EXTRACTED_KEY: statement(extracted), IMPORTED_KEY: statement(imported)})

    assert (props["name"], props["origin"]) == ("A", "imported")
    assert (props["aliases"], props["aliasText"]) == (["B", "C"], "B | C")


def test_stated_properties_keep_their_dates_through_the_graph() -> None:
    first = fact("post:x", IMPORTED_KEY, validFrom=dt.date(2020, 1, 2))
    second = fact("post:x", LATER_IMPORTED_KEY, grade="D1")
    statements = {IMPORTED_KEY: statement(first), LATER_IMPORTED_KEY: statement(second)}

    read_back = statements_in_graph(element_props(statements))

    assert read_back == statements


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

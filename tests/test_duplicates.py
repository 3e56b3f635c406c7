"""One entity per real thing: what a seed text restates attaches to the curated fact, a mention is
resolved within its own document's body first, a wrong merge is undone by the override file, and
the partners a document names are linked to its council. Loaded for real from `data/`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench.duplicates import gold_remaining, read_duplicate_labels, same_name_groups
from graph.db import Database
from loaders.body_resolution import register_bodies
from loaders.documents.gazetteer import gazetteer_for
from loaders.documents.overrides import OVERRIDES_FILE
from loaders.documents.reader import read_document_file
from loaders.load import load

DATA = Path(__file__).resolve().parent.parent / "data"
SEEDS = DATA / "documents" / "seeds"
REVIEW = "001_c3642da9f9f00161.txt"
HEAD = "post:cheshire-east-council:head-of-independent-living"
HEAD_AS_EXTRACTED = "post:cheshire-east-council:head-of-service-independent-living"


async def test_the_loaded_knowledge_base_holds_one_entity_per_real_thing(db: Database) -> None:
    """One load of `data/` (the register with it), four checks."""
    await load(db, [DATA])
    await no_gold_duplicate(db)
    await merged_post_keeps_both_sources_and_its_status(db)
    await mention_resolved_within_its_own_documents_body(db)
    await partners_related_to_the_council(db)


async def no_gold_duplicate(db: Database) -> None:
    labels = read_duplicate_labels()
    assert labels.size >= 10
    ids = [id_ for pair in labels.entities for id_ in (pair.first, pair.second)]
    records, _, _ = await db.read(
        "MATCH (e:Entity) WHERE e.id IN $ids RETURN e.id AS id", {"ids": ids}
    )
    present = {record["id"] for record in records}
    both = [(p.first, p.second) for p in labels.entities if {p.first, p.second} <= present]
    assert both == []
    assert {pair.second for pair in labels.entities} <= present  # the curated ones stay
    for label in labels.relations:
        records, _, _ = await db.read(
            "MATCH (:Entity {id: $source})-[r]->(:Entity {id: $target}) "
            "WHERE type(r) = $type AND r.kind = $kind RETURN count(r) AS n",
            {"source": label.source, "target": label.target, "type": label.type.value,
             "kind": label.kind},
        )  # fmt: skip
        assert records[0]["n"] == 1, label.what


async def merged_post_keeps_both_sources_and_its_status(db: Database) -> None:
    records, _, _ = await db.read(
        "MATCH (p:Post {id: $id}) MATCH (ev:Evidence {factId: $id}) "
        "UNWIND ev.sources AS source "
        "RETURN p.status AS status, collect(DISTINCT split(source, '|')[0]) AS origins",
        {"id": HEAD},
    )
    assert records[0]["status"] == "proposed"  # the document proposes it: never current
    # Its evidence names both sources: the curated file and the seed text it was read from.
    assert {"curated", "extracted"} <= set(records[0]["origins"])


async def mention_resolved_within_its_own_documents_body(db: Database) -> None:
    records, _, _ = await db.read(
        "MATCH (p:Passage)-[m:MENTIONS]->(b:Body) WHERE m.wording = 'the LEP' "
        "MATCH (p)-[:IN_DOCUMENT]->(d:Document) RETURN d.sourceFile AS file, b.id AS body"
    )
    by_file: dict[str, set[str]] = {}
    for record in records:
        by_file.setdefault(record["file"], set()).add(record["body"])
    assert by_file["seeds/000_1891b9db85895cdc.txt"] == {"body:lep-of-document-000"}
    assert by_file[f"seeds/{REVIEW}"] == {"body:cheshire-east-local-enterprise-partnership"}


async def partners_related_to_the_council(db: Database) -> None:
    records, _, _ = await db.read(
        "MATCH (:Body {id: 'body:cheshire-east-council'})-[r:MEMBER_OF {role: 'partner'}]->"
        "(b:Body) RETURN b.kind AS kind"
    )
    assert {record["kind"] for record in records} >= {
        "local enterprise partnership",
        "clinical commissioning group",
        "police and crime commissioner",
    }


def test_a_merged_post_says_by_which_rule_and_from_which_id() -> None:
    source = read_document_file(
        SEEDS / REVIEW, gazetteer_for(DATA), f"seeds/{REVIEW}", register_bodies()
    )
    head = next(entity for entity in source.entities if entity.id == HEAD)
    assert head.properties["merged_from"] == HEAD_AS_EXTRACTED
    assert head.properties["merge_rule"] == "same body, same normalised title"
    assert head.status.value == "proposed"


def test_the_override_file_undoes_a_merge(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA / "vocabulary", data / "vocabulary")
    shutil.copytree(DATA / "seed", data / "seed")
    merged = read_document_file(
        SEEDS / REVIEW, gazetteer_for(data), f"seeds/{REVIEW}", register_bodies()
    )
    assert HEAD in {e.id for e in merged.entities}
    assert HEAD_AS_EXTRACTED not in {e.id for e in merged.entities}
    (data / OVERRIDES_FILE).write_text(
        f"extracted_id,known_id,reason\n{HEAD_AS_EXTRACTED},{HEAD},a test of the override\n",
        encoding="utf-8",
    )
    apart = read_document_file(
        SEEDS / REVIEW, gazetteer_for(data), f"seeds/{REVIEW}", register_bodies()
    )
    kept = next(e for e in apart.entities if e.id == HEAD_AS_EXTRACTED)
    assert "merge_rule" not in kept.properties
    assert HEAD not in {e.id for e in apart.entities if e.type.value == "Post"}


def test_the_seed_files_hold_no_duplicate_by_the_labels_or_by_name() -> None:
    from bench.evaluate_resolution import read_sources

    sources = read_sources([DATA])
    pairs, relations = gold_remaining(sources, read_duplicate_labels())
    assert pairs == [] and relations == []
    assert same_name_groups(sources) == []


@pytest.mark.parametrize("row", ["extracted_id,known_id,reason\n,post:x:y,no id\n", "a,b\n"])
def test_a_bad_override_file_is_refused_naming_it(tmp_path: Path, row: str) -> None:
    from loaders.documents.overrides import read_overrides
    from loaders.issues import LoadRejected

    (tmp_path / OVERRIDES_FILE).write_text(row, encoding="utf-8")
    with pytest.raises(LoadRejected) as error:
        read_overrides(tmp_path)
    assert OVERRIDES_FILE in str(error.value)

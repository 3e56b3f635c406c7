"""The stored fact as `graph/stored.py` declares it: the planner writes those keys and no others,
evidence carries its document's title and date, and dates are stored as Neo4j dates."""

from __future__ import annotations

import shutil
from pathlib import Path

from graph.db import Database
from graph.settings import get_settings
from graph.stored import DOCUMENT_KEYS, ENTITY_KEYS, EVIDENCE_KEYS, HASH, RELATION_KEYS
from loaders.load import load
from loaders.readers import read_context, read_paths
from loaders.writer.plan import canonical, plan_source

VALID = Path(__file__).parent / "fixtures" / "curated" / "valid"


def test_the_planner_writes_the_declared_keys() -> None:
    read, _ = read_paths([VALID], read_context(get_settings()))
    for source in read.sources:
        plan = plan_source(source)
        facts = {
            **{entity.id: set(entity.properties) for entity in source.entities},
            **{canonical(r).id: set(r.properties) for r in source.relations},
        }
        assert set(plan.document["props"]) <= {*DOCUMENT_KEYS, HASH}
        for rows in plan.entities.values():
            for row in rows:
                assert set(row["props"]) - facts[row["id"]] <= {*ENTITY_KEYS, HASH}
        for rows in plan.relations.values():
            for row in rows:
                assert set(row["props"]) - facts[row["id"]] <= {*RELATION_KEYS, HASH}
        for row in plan.evidence:
            assert set(row["props"]) <= {*EVIDENCE_KEYS, HASH}


async def test_evidence_carries_its_documents_title_and_date(db: Database, tmp_path: Path) -> None:
    shutil.copytree(VALID, tmp_path, dirs_exist_ok=True)
    await load(db, [tmp_path])
    mismatched = (
        "MATCH (ev:Evidence)-[:FROM_DOCUMENT]->(d:Document) "
        "WHERE ev.documentTitle IS NULL OR ev.documentTitle <> d.title "
        "   OR ev.documentDate <> d.date OR (d.date IS NULL) <> (ev.documentDate IS NULL) "
        "RETURN count(ev) AS n"
    )
    dated, _, _ = await db.read(
        "MATCH (ev:Evidence {document: 'document:testshire-cabinet-2015'}) "
        "RETURN DISTINCT ev.documentTitle AS title, ev.documentDate AS date"
    )
    assert [(r["title"], r["date"].iso_format()) for r in dated] == [
        ("Revision of cabinet portfolios", "2015-05-20")
    ]
    assert (await db.read(mismatched)).records[0]["n"] == 0

    council = tmp_path / "10_testshire.yaml"
    text = council.read_text().replace("Revision of cabinet portfolios", "Cabinet portfolios")
    council.write_text(text.replace("date: 2015-05-20", "date: 2015-05-21"))
    await load(db, [tmp_path])

    renamed, _, _ = await db.read(
        "MATCH (ev:Evidence {document: 'document:testshire-cabinet-2015'}) "
        "RETURN DISTINCT ev.documentTitle AS title, toString(ev.documentDate) AS date"
    )
    assert [r.data() for r in renamed] == [{"title": "Cabinet portfolios", "date": "2015-05-21"}]
    assert (await db.read(mismatched)).records[0]["n"] == 0


async def test_validity_dates_are_stored_as_dates(db: Database) -> None:
    await load(db, [VALID])
    records, _, _ = await db.read(
        "CALL () { MATCH (n) WHERE n.validFrom IS NOT NULL OR n.validTo IS NOT NULL RETURN n AS x "
        "  UNION MATCH ()-[r]->() WHERE r.validFrom IS NOT NULL OR r.validTo IS NOT NULL "
        "  RETURN r AS x } "
        "RETURN count(x) AS dated, "
        "count(CASE WHEN (x.validFrom IS NULL OR x.validFrom IS :: DATE) "
        "  AND (x.validTo IS NULL OR x.validTo IS :: DATE) THEN 1 END) AS as_dates"
    )
    assert records[0]["dated"] > 0
    assert records[0]["as_dates"] == records[0]["dated"]

"""`docs/schema.md` is what the code generates from the seed knowledge base, loaded for real.

To regenerate the committed file after a change to `data/`, the model, the writer or the schema:
    make schema-doc
(which runs this test with CIVICGRAPH_WRITE_SCHEMA_DOC=1, writing the file before comparing)
(or `civicgraph docs schema` against a database holding exactly `data/`, as `make run` leaves it).
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from graph.db import Database
from loaders.load import load
from queries.introspect import introspect
from queries.schema_doc import render_schema_doc


def drift(committed: str, generated: str) -> str:
    lines = difflib.unified_diff(
        committed.splitlines(), generated.splitlines(), "docs/schema.md", "generated", lineterm=""
    )
    return "\n".join(list(lines)[:60])


async def test_committed_schema_doc_matches_the_seeded_database(
    db: Database, project_root: Path
) -> None:
    await load(db, [project_root / "data"])
    generated = render_schema_doc(await introspect(db))
    assert render_schema_doc(await introspect(db)) == generated, "the output is not deterministic"

    path = project_root / "docs" / "schema.md"
    if os.environ.get("CIVICGRAPH_WRITE_SCHEMA_DOC") == "1":
        path.write_text(generated, encoding="utf-8")
    committed = path.read_text(encoding="utf-8") if path.is_file() else ""
    if committed != generated:
        pytest.fail(
            "docs/schema.md has drifted from the seeded database; regenerate it with `make "
            "schema-doc`\n(CIVICGRAPH_WRITE_SCHEMA_DOC=1 .venv/bin/python -m pytest "
            "tests/test_schema_doc.py)\n" + drift(committed, generated)
        )

    # It names every label, relationship type and constraint there is, and says what each means.
    labels = await db.read("MATCH (n) UNWIND labels(n) AS label RETURN DISTINCT label")
    types = await db.read("MATCH ()-[r]->() RETURN DISTINCT type(r) AS type")
    constraints = await db.read("SHOW CONSTRAINTS YIELD name RETURN name")
    for record in labels.records:
        assert f"| `{record['label']}` |" in generated
    for record in types.records:
        assert f"### {record['type']}\n" in generated
    for record in constraints.records:
        assert f"| `{record['name']}` |" in generated
    assert "(not described in graph/model.py)" not in generated, "a label or type has no meaning"
    assert generated.count("```mermaid") == 2

    # The document says what is there: one more body shows in its counts.
    bodies = await db.read("MATCH (b:Body) RETURN count(b) AS n")
    count = bodies.records[0]["n"]
    assert f"| `Body` | {count} |" in generated
    await db.write(
        "CREATE (:Entity:Body {id: 'body:one-more', type: 'Body', name: 'One more council'})"
    )
    regenerated = render_schema_doc(await introspect(db))
    assert f"| `Body` | {count + 1} |" in regenerated
    assert regenerated != committed

"""The load of `data/`, the public samples and a small generated graph leaves exactly the graph
recorded in `tests/fixtures/graph_snapshot.json`: counts and content hashes per label and type.

A change to the loader that changes what is stored shows here. When the change is meant (a new
property, another stored type), regenerate the snapshot and say why in the commit:
    CIVICGRAPH_WRITE_GRAPH_SNAPSHOT=1 .venv/bin/python -m pytest tests/test_graph_snapshot.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from bench.generate import generate
from graph.db import Database
from loaders.load import load
from tests.graph_snapshot import graph_snapshot

ROOT = Path(__file__).resolve().parent.parent
# Beside the project (../shared/samples) or one floor up when the project sits in a folder of
# checkouts; CIVICGRAPH_SAMPLES names it elsewhere.
_CANDIDATES = [ROOT.parent / "shared" / "samples", ROOT.parent.parent / "shared" / "samples"]
SAMPLES = Path(
    os.environ.get("CIVICGRAPH_SAMPLES")
    or next((str(path) for path in _CANDIDATES if path.is_dir()), str(_CANDIDATES[0]))
)
SNAPSHOT = ROOT / "tests" / "fixtures" / "graph_snapshot.json"
GENERATED_BODIES = 3


@pytest.mark.skipif(not SAMPLES.is_dir(), reason=f"the public samples are not at {SAMPLES}")
async def test_the_load_leaves_the_recorded_graph(db: Database, tmp_path: Path) -> None:
    generated = tmp_path / "generated"
    generate(generated, GENERATED_BODIES)
    await load(db, [ROOT / "data", SAMPLES, generated])
    roots = {str(generated.resolve()): "<generated>", str(SAMPLES.resolve()): "<samples>"}
    snapshot = await graph_snapshot(db, roots)

    if os.environ.get("CIVICGRAPH_WRITE_GRAPH_SNAPSHOT") == "1":
        SNAPSHOT.write_text(json.dumps(snapshot, indent=1, sort_keys=True) + "\n")
    recorded = json.loads(SNAPSHOT.read_text())
    differ = {
        f"{kind} {name}": (recorded[kind].get(name), snapshot[kind].get(name))
        for kind in ("nodes", "relationships")
        for name in sorted({*recorded[kind], *snapshot[kind]})
        if recorded[kind].get(name) != snapshot[kind].get(name)
    }
    assert differ == {}, differ

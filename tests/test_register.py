"""The register's records without a database: what it holds, its errors, and the seed's councils
agreeing with it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.model import EntityType, RelationType
from loaders.curated import read_curated
from loaders.register.records import register_records
from loaders.register.table import (
    AUTHORITIES_FILE,
    GSS_FILE,
    NAMES_FILE,
    REGISTER_DIR,
    RegisterError,
    default_register,
    read_register_dir,
)

SEED = Path(__file__).resolve().parents[1] / "data" / "seed"


def test_the_register_as_records() -> None:
    records = register_records(default_register())
    bodies = [e for e in records.entities if e.type is EntityType.BODY]
    assert len(bodies) == 470
    assert len({b.id for b in bodies}) == 470
    che = next(b for b in bodies if b.properties["register_code"] == "CHE")
    assert che.id == "body:cheshire-east-council"
    assert che.properties["gss_code"] == "E06000049"
    assert che.properties["jurisdiction"] == "GB-ENG"
    assert "Cheshire East" in che.aliases
    assert records.document.author == "mySociety"
    ended = next(b for b in bodies if b.properties["register_code"] == "ALL")
    assert (ended.status.value, str(ended.valid_to)) == ("ended", "2023-04-01")
    kinds = {r.type for r in records.relations}
    assert {RelationType.SUB_ORGANIZATION_OF, RelationType.MEMBER_OF, RelationType.ORIGINAL,
            RelationType.RESULTED_IN, RelationType.REPLACED_BY} <= kinds  # fmt: skip


def test_a_name_with_a_comma_stays_whole() -> None:
    register = default_register()
    assert "Armagh City" not in register.spellings("ABC")
    assert "Armagh City, Banbridge and Craigavon" in register.spellings("ABC")


def test_the_seed_councils_are_the_register_bodies() -> None:
    """A seed body with a register body's id states the same codes and jurisdiction, so the
    curated entry and the register's never disagree on the node they share."""
    register = default_register()
    by_id = {a.body_id: a for a in register.authorities.values()}
    shared = 0
    for path in sorted(SEED.glob("*.yaml")):
        for source in read_curated(path).sources:
            for entity in source.entities:
                authority = by_id.get(entity.id)
                if authority is None:
                    continue
                shared += 1
                assert entity.name == authority.official_name
                assert entity.properties.get("register_code") == authority.code
                assert entity.properties.get("gss_code") == authority.gss_code
                assert entity.properties.get("jurisdiction") == authority.jurisdiction
    assert shared == 9


def test_a_bad_row_names_file_line_and_column(tmp_path: Path) -> None:
    for name in (AUTHORITIES_FILE, NAMES_FILE, GSS_FILE):
        shutil.copy(REGISTER_DIR / name, tmp_path / name)
    path = tmp_path / AUTHORITIES_FILE
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace("2005-06-18", "2005-13-45", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(RegisterError, match=r"line 4: column 'start-date': not a date"):
        read_register_dir(tmp_path)


def test_a_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(RegisterError, match="missing"):
        read_register_dir(tmp_path)

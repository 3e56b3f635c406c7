"""An entity or relation several sources state holds the union of what they state, and keeps what
each states: a reload changes nothing, a source that drops a property or stops stating the element
takes away only what no other source states, and curated sources make what a curated element
holds."""

from __future__ import annotations

from typing import Any

from graph.db import Database
from graph.model import (
    Document,
    Entity,
    EntityType,
    Evidence,
    Origin,
    Relation,
    RelationType,
    SourceRecords,
)
from loaders.writer import LoadSummary, write_sources
from queries.entities import entities_by_ids, relations_of_entities

POST = "post:testshire-chief-executive"
BODY = "body:testshire"


def source(
    name: str,
    post: dict[str, Any] | None,
    *,
    origin: Origin = Origin.IMPORTED,
    belongs: dict[str, Any] | None = None,
) -> SourceRecords:
    """A source stating the council, and the post with `post`'s properties (none: not at all)."""
    evidence = [Evidence(paragraph="row 2", quote=f"as {name} states it")]
    entities = [Entity(id=BODY, type=EntityType.BODY, name="Testshire Council", evidence=evidence)]
    relations = []
    if post is not None:
        entities.append(
            Entity(
                id=POST, type=EntityType.POST, name=post.pop("name", "Chief Executive"),
                properties=post, evidence=evidence,
            )
        )  # fmt: skip
        relations.append(
            Relation.model_validate(
                {"type": RelationType.BELONGS_TO, "from": POST, "to": BODY,
                 "evidence": evidence, "properties": belongs or {}}
            )
        )  # fmt: skip
    return SourceRecords(
        origin=origin,
        source_file=f"{name}.csv",
        document=Document(id=f"document:{name}", title=name),
        entities=entities,
        relations=relations,
    )


async def stored_post(db: Database) -> dict[str, Any]:
    records, _, _ = await db.read(
        "MATCH (p:Post {id: $post})-[r:BELONGS_TO]->(:Body) "
        "RETURN properties(p) AS post, properties(r) AS belongs",
        {"post": POST},
    )
    [record] = records
    post: dict[str, Any] = record["post"]
    post["belongs"] = record["belongs"]
    post["sources"] = sorted(entry.split("|")[1].split(".")[0] for entry in post["statedBy"])
    return post


def changed_posts(summary: LoadSummary) -> tuple[int, int]:
    return summary.node("Post").created, summary.node("Post").updated


async def test_two_sources_hold_the_union_and_a_reload_writes_nothing(db: Database) -> None:
    chart = source("chart", {"grade": "CEX", "tier": 1}, belongs={"shared": True})
    salaries = source("salaries", {"salary": 187500, "grade": "CX"})

    first = await write_sources(db, [chart, salaries])
    post = await stored_post(db)
    again = await write_sources(db, [chart, salaries])
    reversed_order = await write_sources(db, [salaries, chart])

    assert (post["tier"], post["salary"]) == (1, 187500)
    assert post["grade"] == "CX"  # the greater source key (salaries.csv) wins a disagreement
    assert post["belongs"]["shared"] is True
    assert post["sources"] == ["chart", "salaries"]
    assert changed_posts(first) == (1, 1)
    assert not again.changed and not reversed_order.changed
    assert await stored_post(db) == post


async def test_a_dropped_property_goes_only_when_no_other_source_states_it(db: Database) -> None:
    await write_sources(db, [source("chart", {"grade": "CEX", "tier": 1}),
                             source("salaries", {"salary": 187500, "tier": 1})])  # fmt: skip

    summary = await write_sources(db, [source("chart", {"grade": "CEX"}),
                                       source("salaries", {"tier": 1})])  # fmt: skip

    post = await stored_post(db)
    assert (post["grade"], post["tier"]) == ("CEX", 1)  # the salaries file still states the tier
    assert "salary" not in post  # nobody states it now
    assert changed_posts(summary) == (0, 1)


async def test_a_source_that_stops_stating_a_post_leaves_the_others_properties(
    db: Database,
) -> None:
    chart = source("chart", {"grade": "CEX", "tier": 1}, belongs={"shared": True})
    await write_sources(db, [chart, source("salaries", {"salary": 187500, "grade": "CX"})])

    summary = await write_sources(db, [source("salaries", None)])

    post = await stored_post(db)
    assert (post["grade"], post["tier"]) == ("CEX", 1)
    assert "salary" not in post and "statedProps" not in post
    assert post["sources"] == ["chart"]
    assert post["belongs"]["shared"] is True
    assert changed_posts(summary) == (0, 1)
    evidence, _, _ = await db.read(
        "MATCH (ev:Evidence {factId: $post}) RETURN collect(ev.quote) AS quotes", {"post": POST}
    )
    assert evidence[0]["quotes"] == ["as chart states it"]
    # and the chart alone again changes nothing
    assert not (await write_sources(db, [chart])).changed


async def test_curated_sources_make_what_a_curated_post_holds(db: Database) -> None:
    curated = source("register", {"tier": 1}, origin=Origin.CURATED)
    imported = source("salaries", {"salary": 187500, "tier": 2, "name": "Chief Exec"})

    await write_sources(db, [imported, curated])
    post = await stored_post(db)
    assert (post["tier"], post["name"], post["origin"]) == (1, "Chief Executive", "curated")
    assert "salary" not in post
    assert post["sources"] == ["register", "salaries"]

    # without the curated statement, the imported one makes the post again
    await write_sources(db, [source("register", None, origin=Origin.CURATED)])
    post = await stored_post(db)
    assert (post["tier"], post["name"], post["salary"]) == (2, "Chief Exec", 187500)
    assert post["origin"] == "imported"


async def test_who_states_what_is_never_shown_as_a_fact(db: Database) -> None:
    chart = source("chart", {"grade": "CEX"}, belongs={"shared": True})
    await write_sources(db, [chart, source("salaries", {"salary": 187500})])

    [entity] = await entities_by_ids(db, [POST])
    relations = await relations_of_entities(db, [POST], types=["BELONGS_TO"])

    assert entity.properties == {"grade": "CEX", "salary": 187500}
    assert [r.properties for r in relations] == [{"shared": True}]

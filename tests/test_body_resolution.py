"""A reader's body through the resolver: a known body's id, or its own body marked unresolved."""

from __future__ import annotations

from graph.model import Entity, EntityType, Evidence
from loaders.body_resolution import BodyClues, choose_body, register_bodies
from loaders.register.records import register_records
from loaders.register.table import default_register
from loaders.resolve import default_resolver


def _own(body_id: str, name: str) -> Entity:
    return Entity(
        id=body_id,
        type=EntityType.BODY,
        name=name,
        evidence=[Evidence(paragraph="ModernGov site", quote=f"site={name}")],
    )


def test_a_moderngov_site_is_the_register_body() -> None:
    own = _own("body:cheshireeast", "Cheshireeast")
    clues = BodyClues(name="Cheshireeast", domain="democracy.cheshireeast.gov.uk")
    choice = choose_body(default_resolver(), clues, own)
    assert (choice.body_id, choice.entity, choice.note) == (
        "body:cheshire-east-council",
        None,
        None,
    )
    assert choice.resolved


def test_a_resolved_body_is_written_as_the_register_states_it_with_the_files_evidence() -> None:
    register = register_records(default_register())
    known = {entity.id: entity for entity in register.entities}
    own = _own("body:lbbd", "Lbbd")
    clues = BodyClues(name="Lbbd", domain="lbbd.gov.uk")
    choice = choose_body(default_resolver(), clues, own, known=known)
    stated = known["body:london-borough-of-barking-and-dagenham"]
    assert choice.entity is not None
    assert choice.entity.model_dump(exclude={"evidence"}) == stated.model_dump(exclude={"evidence"})
    assert choice.entity.evidence == own.evidence


def test_an_unknown_body_is_written_marked_and_reported() -> None:
    own = _own("body:dorset-council-tas", "Dorset Council")
    choice = choose_body(
        default_resolver(), BodyClues(name="Dorset Council", jurisdiction="AU"), own
    )
    assert choice.body_id == own.id
    assert choice.entity is not None
    assert choice.entity.properties["resolution"] == "unresolved"
    assert choice.note is not None and "body:dorset-council-tas" in choice.note
    assert "--body" in choice.note


def test_close_names_are_reported_as_candidates() -> None:
    own = _own("body:chesire-east", "Chesire East Council")
    choice = choose_body(default_resolver(), BodyClues(name="Chesire East Council"), own)
    assert choice.entity is not None
    assert "body:cheshire-east-council" in str(choice.entity.properties["resolution_candidates"])


def test_the_id_given_for_the_file_wins() -> None:
    own = _own("body:moderngov", "moderngov")
    given = "body:royal-borough-of-kingston-upon-thames"
    choice = choose_body(default_resolver(), BodyClues(name="moderngov"), own, given=given)
    assert (choice.body_id, choice.entity) == (given, None)


def test_the_shared_register_bodies_choose_as_the_register_states() -> None:
    bodies = register_bodies()
    own = _own("body:ww5-swindon", "Ww5.Swindon")
    choice = bodies.choose(BodyClues(name="Ww5.Swindon", domain="ww5.swindon.gov.uk"), own)
    assert choice.body_id == "body:swindon-borough-council"
    assert choice.entity is not None and choice.entity.name == "Swindon Borough Council"
    assert choice.body_id in {entity.id for entity in bodies.records.entities}

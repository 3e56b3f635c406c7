"""The graph a load of the writer leaves in an empty database, computed in memory.

`fold` takes the sources in the writer's order (`loaders.writer.order.write_order`), planned by the
writer's planner, and applies each statement of `loaders/writer/cypher.py` the way the server
would: the same MERGE keys, the same rules for what an element holds (an entity or relation the
union of what its sources state, `loaders/writer/statements.py`; a document rewritten when its
content hash changed, never by a non-curated row when curated), evidence shared by the sources
that state it, the Source ledger. What is left is every node and relationship with its final
labels and properties, for the bulk importer to write at once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from graph.model import SourceRecords
from graph.stored import STATED_BY
from loaders.writer.order import Borrowed, lend, own_entity_ids
from loaders.writer.plan import Row, SourcePlan, plan_source
from loaders.writer.statements import element_props, stated_by_entry, statement_of

Props = dict[str, Any]
NodeKey = tuple[str, str]  # (id space: Entity, Document, Evidence, Passage, Source; id or key)
CURATED = "curated"
CURATED_KEY_PREFIX = "curated|"


@dataclass
class Node:
    labels: list[str]
    props: Props


@dataclass
class Relationship:
    type: str
    start: NodeKey
    end: NodeKey
    props: Props = field(default_factory=dict)


@dataclass
class GraphImage:
    """Nodes by (id space, id) and relationships by their MERGE key, in creation order."""

    nodes: dict[NodeKey, Node] = field(default_factory=dict)
    relationships: dict[tuple[str, ...], Relationship] = field(default_factory=dict)
    documents_by_file: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    # the planned row of each source that states an entity (by its node key) or relation (by its
    # MERGE key), by source key: what each states (`statements.statement_of`)
    stated_rows: dict[tuple[str, ...], dict[str, Row]] = field(
        default_factory=lambda: defaultdict(dict)
    )
    has_newer_version: set[str] = field(default_factory=set)
    sources: int = 0

    def node(self, space: str, node_id: str) -> Node | None:
        return self.nodes.get((space, node_id))


def fold(ordered: Iterable[tuple[SourceRecords, Borrowed]], now: datetime) -> GraphImage:
    image = GraphImage()
    for source, borrowed in ordered:
        plan = plan_source(source)
        lend(plan, borrowed)
        _fold_source(image, plan, now)
    return image


def _fold_source(image: GraphImage, plan: SourcePlan, now: datetime) -> None:
    image.sources += 1
    for row in plan.borrowed_documents:
        _merge_document(image, row)
    for entity_type, rows in plan.borrowed_entities.items():
        for row in rows:
            _merge_entity(image, row, entity_type.value)
    created, changed = _merge_document(image, plan.document)
    if created and plan.document["props"].get("checksum"):
        _link_document_version(image, plan.document_id)
    if changed:
        _document_on_evidence(image, plan.document_id)
    for entity_type, rows in plan.entities.items():
        for row in rows:
            _merge_entity(image, row, entity_type.value)
    own = own_entity_ids(plan)
    shared: dict[str, list[Row]] = {}
    for relation_type, rows in plan.relations.items():
        for row in rows:
            if row["source"] in own and row["target"] in own:
                _merge_relation(image, relation_type.value, row)
        outside = [row for row in rows if row["source"] not in own or row["target"] not in own]
        if outside:
            shared[relation_type.value] = sorted(
                outside, key=lambda row: (row["target"], row["source"], row["id"])
            )
    for row in plan.evidence:
        _merge_evidence(image, row, plan.key, now)
    for row in plan.passages:
        _merge_passage(image, row)
    for row in plan.passages:
        _set_passage_parent(image, row)
    for type_name in sorted(shared):
        for row in shared[type_name]:
            _merge_relation(image, type_name, row)
    for row in plan.mentions:
        _merge_mention(image, row)
    image.nodes[("Source", plan.key)] = Node(
        ["Source"],
        {
            "key": plan.key,
            "origin": plan.origin.value,
            "file": plan.source_file,
            "document": plan.document_id,
            "evidenceIds": plan.evidence_ids,
            "passageIds": plan.passage_ids,
            "mentionKeys": plan.mention_keys,
            "loadedAt": now,
        },
    )


def _rewrites(existing: Props, row: Row) -> bool:
    """cypher._DECIDE (documents): a changed hash rewrites, unless a non-curated row meets a
    curated document."""
    return existing.get("hash") != row["hash"] and (
        bool(row["curated"]) or existing.get("origin", "") != CURATED
    )


def _merge_document(image: GraphImage, row: Row) -> tuple[bool, bool]:
    node = image.node("Document", row["id"])
    if node is None:
        image.nodes[("Document", row["id"])] = Node(["Document"], dict(row["props"]))
        _index_document_file(image, row["id"], None, row["props"])
        return True, False
    if not _rewrites(node.props, row):
        return False, False
    _index_document_file(image, row["id"], node.props, row["props"])
    node.props = dict(row["props"])
    return False, True


def _index_document_file(image: GraphImage, doc_id: str, old: Props | None, new: Props) -> None:
    if old is not None and old.get("sourceFile") is not None:
        image.documents_by_file[old["sourceFile"]].discard(doc_id)
    if new.get("sourceFile") is not None:
        image.documents_by_file[new["sourceFile"]].add(doc_id)


def _link_document_version(image: GraphImage, doc_id: str) -> None:
    """cypher.LINK_DOCUMENT_VERSION: the new version points at each latest older one."""
    new = image.nodes[("Document", doc_id)].props
    for old_id in sorted(image.documents_by_file.get(new.get("sourceFile") or "", ())):
        old = image.nodes[("Document", old_id)].props
        if (
            old_id != doc_id
            and old.get("checksum") is not None
            and old.get("checksum") != new.get("checksum")
            and old_id not in image.has_newer_version
        ):
            key = ("NEW_VERSION_OF", doc_id, old_id)
            image.relationships.setdefault(
                key, Relationship("NEW_VERSION_OF", ("Document", doc_id), ("Document", old_id))
            )
            image.has_newer_version.add(old_id)


def _document_on_evidence(image: GraphImage, doc_id: str) -> None:
    document = image.nodes[("Document", doc_id)].props
    for (space, _), node in image.nodes.items():
        if space == "Evidence" and node.props.get("document") == doc_id:
            _copy_document(node.props, document)


def _copy_document(evidence: Props, document: Props) -> None:
    for target, source in (("documentTitle", "title"), ("documentDate", "date")):
        if document.get(source) is None:
            evidence.pop(target, None)
        else:
            evidence[target] = document[source]


def _stated(image: GraphImage, key: tuple[str, ...], row: Row) -> Props:
    """The element's properties once the row's source states what the row says."""
    stating = image.stated_rows[key]
    stating[row["by"]] = row
    if len(stating) == 1:
        # `element_props` of one statement: the row's own properties, whose hash the planner
        # computed over the same map (`hash` is a reserved property), and the one `statedBy`.
        props = dict(row["props"])
        props[STATED_BY] = [stated_by_entry(row["by"], row["hash"])]
        return props
    return element_props({by: statement_of(stated) for by, stated in stating.items()})


def _merge_entity(image: GraphImage, row: Row, label: str) -> None:
    key = ("Entity", row["id"])
    props = _stated(image, key, row)
    node = image.nodes.get(key)
    if node is None:
        image.nodes[key] = Node(["Entity", label], props)
        return
    if node.props.get("hash") != props["hash"] or node.props.get("statedBy") != props["statedBy"]:
        node.props = props
        if label not in node.labels:
            node.labels.append(label)


def _merge_relation(image: GraphImage, rel_type: str, row: Row) -> None:
    start, end = ("Entity", row["source"]), ("Entity", row["target"])
    if start not in image.nodes or end not in image.nodes:
        return  # the writer's MATCH finds no endpoint and writes nothing
    key = (rel_type, row["id"], row["source"], row["target"])
    props = _stated(image, key, row)
    existing = image.relationships.get(key)
    if existing is None:
        image.relationships[key] = Relationship(rel_type, start, end, props)
    else:
        existing.props = props


def _merge_evidence(image: GraphImage, row: Row, key: str, now: datetime) -> None:
    """cypher.EVIDENCE."""
    node = image.node("Evidence", row["id"])
    created = node is None
    if node is None:
        node = image.nodes[("Evidence", row["id"])] = Node(["Evidence"], {})
    props = node.props
    known: list[str] = props.get("sources") or []
    sources = known if key in known else [*known, key]
    changed = (
        not created
        and props.get("hash") != row["hash"]
        and (row["origin"] == CURATED or not any(k.startswith(CURATED_KEY_PREFIX) for k in known))
    )
    if created or changed:
        props.update(row["props"])
    props["sources"] = sources
    curated = any(k.startswith(CURATED_KEY_PREFIX) for k in sources)
    props["origin"] = CURATED if curated else row["origin"]
    props.setdefault("firstSeen", now)
    props["lastSeen"] = now
    document = image.node("Document", row["document"])
    if document is None:
        return
    if created:
        image.relationships[("FROM_DOCUMENT", row["id"])] = Relationship(
            "FROM_DOCUMENT", ("Evidence", row["id"]), ("Document", row["document"])
        )
    if created or changed or props.get("documentTitle") is None:
        _copy_document(props, document.props)


def _merge_passage(image: GraphImage, row: Row) -> None:
    """cypher.PASSAGES."""
    node = image.node("Passage", row["id"])
    if node is None:
        image.nodes[("Passage", row["id"])] = Node(["Passage"], dict(row["props"]))
        if image.node("Document", row["document"]) is not None:
            image.relationships[("IN_DOCUMENT", row["id"])] = Relationship(
                "IN_DOCUMENT", ("Passage", row["id"]), ("Document", row["document"])
            )
    elif node.props.get("hash") != row["props"]["hash"]:
        node.props = dict(row["props"])


def _set_passage_parent(image: GraphImage, row: Row) -> None:
    """cypher.PASSAGE_PARENTS: at most one PART_OF_PASSAGE, to the row's parent if it exists."""
    key = ("PART_OF_PASSAGE", row["id"])
    parent = row["parent"]
    if parent is None or image.node("Passage", parent) is None:
        image.relationships.pop(key, None)
        return
    existing = image.relationships.get(key)
    if existing is None or existing.end != ("Passage", parent):
        image.relationships.pop(key, None)
        image.relationships[key] = Relationship(
            "PART_OF_PASSAGE", ("Passage", row["id"]), ("Passage", parent)
        )


def _merge_mention(image: GraphImage, row: Row) -> None:
    """cypher.MENTIONS: one relationship per passage and entity."""
    start, end = ("Passage", row["passage"]), ("Entity", row["entity"])
    if start not in image.nodes or end not in image.nodes:
        return
    key = ("MENTIONS", row["passage"], row["entity"])
    existing = image.relationships.get(key)
    if existing is None:
        image.relationships[key] = Relationship("MENTIONS", start, end, dict(row["props"]))
    elif existing.props.get("hash") != row["props"]["hash"]:
        existing.props = dict(row["props"])

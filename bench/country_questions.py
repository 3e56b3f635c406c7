"""Every root question of the GraphQL schema, as a dashboard would ask it, with arguments picked
from the graph loaded (the busiest and a typical service, the busiest post, the largest council
and one like it...), for the country-scale benchmark of `bench/bench_api.py`.

`pick_arguments` reads the graph once; `questions` turns what it found into named GraphQL
documents with their variables. A question whose target is in the issue says so (`target_ms`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.db import Database

REF = "{ id type name }"
EVIDENCE = "{ documentId documentTitle documentDate paragraph quote }"
LINK = f"{{ type outgoing kind capacity role status other {REF} }}"

ACCOUNTABILITY = f"""query Accountability($service: ID!, $asOf: Date, $related: Boolean!) {{
  accountability(service: $service, asOf: $asOf, includeRelated: $related) {{
    bodies {{ body {REF} lines {{ kind isAlternative openQuestionText wording
      relationType status accountable {REF}
      holders {{ post {{ id name }} person {{ id name }} capacity validFrom validTo }}
      evidence {EVIDENCE} }} related {{ relationType }} }} }} }}"""

NEIGHBOURHOOD = """query Neighbourhood($id: ID!, $depth: Int, $asOf: Date) {
  neighbourhood(id: $id, depth: $depth, asOf: $asOf) {
    nodes { id type label status validFrom validTo }
    edges { id source target type label status validFrom validTo evidenceCount } } }"""

ENTITY = f"""query Entity($id: ID!) {{
  entity(id: $id) {{ id type name aliases description status validFrom validTo properties
    evidence {EVIDENCE}
    relations {{ id type direction status validFrom validTo kind capacity otherRef {REF} }} }} }}"""

NODE = """query Node($id: ID!) {
  node(id: $id) { id ... on Body { name type status
    identifiers { registerCode gssCode jurisdiction shortName } } } }"""

NODES = """query Nodes($ids: [ID!]!) {
  nodes(ids: $ids) { id ... on Entity { type name status validFrom validTo } } }"""

ENTITIES_BY_NAME = """query ByName($name: String!) {
  entitiesByName(name: $name) { id type name status } }"""

NAME_MATCHES = f"""query NameMatches($name: String!) {{
  nameMatches(name: $name, first: 20) {{ matchedName similarity entity {{ id type name }}
    bodies {REF} }} }}"""

ENTITY_PAGE = """query EntityPage($name: String) {
  entities(type: Post, nameContains: $name, first: 50, sort: {field: NAME}) {
    totalCount edges { node { id type name status validFrom validTo } }
    pageInfo { hasNextPage endCursor } } }"""

BODY_PAGE = """query BodyPosts($body: ID!) {
  entities(type: Post, body: $body, first: 50, sort: {field: NAME}) {
    totalCount edges { node { id type name status validFrom validTo } }
    pageInfo { hasNextPage endCursor } } }"""

SEARCH = """query Search($query: String!) {
  search(query: $query, first: 20) { id type name score snippet documentId paragraph
    entities { id name } factCount } }"""

SHORTEST_PATHS = """query Paths($source: ID!, $target: ID!) {
  shortestPaths(source: $source, target: $target, limit: 10) { length
    nodes { id type label } edges { id source target type label } } }"""

CHAIN = f"""query Chain($id: ID!) {{
  accountabilityChain(id: $id) {{ start {REF} post {REF} head {REF} reachesHead isAlternative
    body {REF}
    steps {{ type source {REF} target {REF} status capacity evidence {EVIDENCE} }} }} }}"""

STRUCTURE = f"""query Structure($body: ID!) {{
  bodyStructure(body: $body) {{ body {REF}
    members {{ entity {REF} links {LINK} }}
    dottedLines {{ left {REF} right {REF} sharedInterest }}
    bridges {{ service {REF} portfolio {REF} wording }}
    openQuestions {{ question {REF} description concerns {REF} }} }} }}"""

CHANGES = """query Changes($body: ID!, $start: Date!, $end: Date!) {
  bodyChanges(body: $body, start: $start, end: $end) {
    added { change factKind id type label source target validFrom validTo }
    removed { change factKind id type label source target validFrom validTo }
    events { event { id name } ended { id name } created { id name } } } }"""

COMPARE = f"""query Compare($left: ID!, $right: ID!) {{
  compareBodies(left: $left, right: $right) {{ sharesManagement
    priorities {{ shared {{ left {REF} right {REF} matchedOn }} onlyLeft {REF} onlyRight {REF} }}
    portfolios {{ shared {{ left {REF} right {REF} matchedOn }} onlyLeft {REF} onlyRight {REF} }}
    posts {{ shared {{ left {REF} right {REF} matchedOn }} onlyLeft {REF} onlyRight {REF} }}
    services {{ shared {{ left {REF} right {REF} matchedOn }} onlyLeft {REF} onlyRight {REF} }}
  }} }}"""

# Each list whole (`first` null) or its first page (with the cursors to read on), with the counts
# or not.
GAPS = f"""query Gaps($body: ID, $first: Int, $paged: Boolean!, $counted: Boolean!) {{
  gaps(body: $body) {{
    counts @include(if: $counted) {{ servicesWithoutAccountability postsWithoutHolder
      postsWithoutReportingLine servicesClaimedByTwoPortfolios }}
    servicesWithoutAccountability(first: $first) {{ cursor @include(if: $paged)
      service {REF} links {LINK} }}
    postsWithoutHolder(first: $first) {{ cursor @include(if: $paged) post {REF} bodies {REF} }}
    postsWithoutReportingLine(first: $first) {{ cursor @include(if: $paged)
      post {REF} bodies {REF} }}
    servicesClaimedByTwoPortfolios(first: $first) {{ cursor @include(if: $paged)
      service {REF} body {REF}
      claims {LINK} }} }} }}"""

SCHEMA_VERSION = "query Version { schemaVersion }"

# The arguments, found in the graph: lines per service counted as the accountability question
# counts them (directly, narrower services aside).
SERVICES_BY_LINES = """
MATCH (s:Service)
RETURN s.id AS id, COUNT { (s)<-[:COVERS|ACCOUNTABLE_FOR|COULD_SIT_IN]-() } AS lines
ORDER BY lines DESC, id"""
BUSIEST_POST = """
MATCH (p:Post)-[r]-(:Entity)
RETURN p.id AS id, count(r) AS n ORDER BY n DESC, id LIMIT 1"""
# The largest council (most members) with a register code, and the next of its type.
COUNCILS = """
MATCH (b:Body)<-[:BELONGS_TO]-(m)
WHERE b.register_code IS NOT NULL
WITH b, count(m) AS members ORDER BY members DESC, b.id LIMIT 2
RETURN b.id AS id, b.name AS name, members"""
# Of the council: a councillor, the head of its reporting tree (the post nobody it has reports
# above), a post at the bottom of it, and the first 50 of its posts.
COUNCIL_PARTS = """
MATCH (b:Body {id: $body})
CALL (b) {
  MATCH (person:Person)-[:HOLDS]->(:Post)-[:BELONGS_TO]->(b)
  RETURN person.id AS councillor ORDER BY councillor LIMIT 1 }
CALL (b) {
  MATCH (top:Post)-[:BELONGS_TO]->(b)
  WHERE EXISTS { (top)<-[:REPORTS_TO]-() } AND NOT EXISTS { (top)-[:REPORTS_TO]->() }
  WITH top, COUNT { (top)<-[:REPORTS_TO]-() } AS reports
  RETURN top.id AS head ORDER BY reports DESC, head LIMIT 1 }
CALL (b) {
  MATCH (bottom:Post)-[:REPORTS_TO*3..]->(:Post)-[:BELONGS_TO]->(b)
  WHERE NOT EXISTS { (bottom)<-[:REPORTS_TO]-() }
  RETURN bottom.id AS leaf ORDER BY leaf LIMIT 1 }
CALL (b) {
  MATCH (post:Post)-[:BELONGS_TO]->(b)
  WITH post ORDER BY post.id LIMIT 50
  RETURN collect(post.id) AS posts }
RETURN councillor, head, leaf, posts"""


@dataclass
class Arguments:
    """What the questions are asked about, found in the graph."""

    busiest_service: str
    busiest_lines: int
    typical_service: str
    typical_lines: int
    busiest_post: str
    council: str
    council_name: str
    council_members: int
    other_council: str
    councillor: str
    head: str
    leaf: str
    posts: list[str] = field(default_factory=list)

    def describe(self) -> list[str]:
        return [
            f"busiest service {self.busiest_service} ({self.busiest_lines} direct lines); "
            f"typical (median) service {self.typical_service} ({self.typical_lines})",
            f"busiest post {self.busiest_post}",
            f"council {self.council} ({self.council_name}, {self.council_members} members), "
            f"compared with {self.other_council}",
            f"its councillor {self.councillor}, head post {self.head}, bottom post {self.leaf}",
        ]


async def pick_arguments(db: Database) -> Arguments:
    services = (await db.read(SERVICES_BY_LINES)).records
    busiest, typical = services[0], services[len(services) // 2]
    post = (await db.read(BUSIEST_POST)).records[0]["id"]
    councils = (await db.read(COUNCILS)).records
    council = councils[0]
    parts = (await db.read(COUNCIL_PARTS, {"body": council["id"]})).records[0]
    return Arguments(
        busiest_service=busiest["id"],
        busiest_lines=busiest["lines"],
        typical_service=typical["id"],
        typical_lines=typical["lines"],
        busiest_post=post,
        council=council["id"],
        council_name=council["name"],
        council_members=council["members"],
        other_council=councils[1]["id"],
        councillor=parts["councillor"],
        head=parts["head"],
        leaf=parts["leaf"],
        posts=parts["posts"],
    )


@dataclass(frozen=True)
class Question:
    name: str
    document: str
    variables: dict[str, Any]
    target_ms: float | None = None  # the p95 target, where it sets one
    least: int = 20  # runs, even past the time budget


def questions(args: Arguments, name_contains: str = "officer 1") -> list[Question]:
    """Every root field of `Query`, at least once; the targeted ones on their hardest case too."""
    target = 50.0
    council, service = args.council, args.busiest_service
    return [
        Question("schemaVersion", SCHEMA_VERSION, {}),
        Question(
            "accountability, busiest service",
            ACCOUNTABILITY,
            {"service": service, "asOf": None, "related": False},
            target,
        ),
        Question(
            "accountability, typical service",
            ACCOUNTABILITY,
            {"service": args.typical_service, "asOf": None, "related": False},
            target,
        ),
        Question(
            "accountability, typical, includeRelated",
            ACCOUNTABILITY,
            {"service": args.typical_service, "asOf": None, "related": True},
        ),
        Question(
            "neighbourhood, busiest post, depth 2",
            NEIGHBOURHOOD,
            {"id": args.busiest_post, "depth": 2, "asOf": None},
            target,
        ),
        Question(
            "neighbourhood, council head, depth 2",
            NEIGHBOURHOOD,
            {"id": args.head, "depth": 2, "asOf": None},
            target,
        ),
        Question("accountabilityChain, bottom post", CHAIN, {"id": args.leaf}),
        Question("entity, busiest post", ENTITY, {"id": args.busiest_post}),
        Question("node, council", NODE, {"id": council}),
        Question("nodes, 50 posts", NODES, {"ids": args.posts}),
        Question("entitiesByName, council's name", ENTITIES_BY_NAME, {"name": args.council_name}),
        Question("nameMatches, 'Senior Oficer 3'", NAME_MATCHES, {"name": "Senior Oficer 3"}),
        Question(f"entities, Post ~ '{name_contains}'", ENTITY_PAGE, {"name": name_contains}),
        Question("entities, Post of council", BODY_PAGE, {"body": council}),
        Question("search, 'youth services'", SEARCH, {"query": "youth services"}),
        Question(
            "shortestPaths, councillor to head",
            SHORTEST_PATHS,
            {"source": args.councillor, "target": args.head},
        ),
        Question("bodyStructure, council", STRUCTURE, {"body": council}),
        Question(
            "bodyChanges, council, 2023-2024",
            CHANGES,
            {"body": council, "start": "2023-01-01", "end": "2024-12-31"},
        ),
        Question(
            "compareBodies, two councils", COMPARE, {"left": council, "right": args.other_council}
        ),
        Question(
            "gaps, council",
            GAPS,
            {"body": council, "first": None, "paged": False, "counted": False},
        ),
        Question(
            "gaps, everywhere, first 50 of each",
            GAPS,
            {"body": None, "first": 50, "paged": True, "counted": False},
        ),
        Question(
            "gaps, everywhere, first 50 and counts",
            GAPS,
            {"body": None, "first": 50, "paged": True, "counted": True},
            least=5,
        ),
        Question(
            "gaps, everywhere, whole lists",
            GAPS,
            {"body": None, "first": None, "paged": False, "counted": False},
            least=1,
        ),
    ]

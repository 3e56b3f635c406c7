"""The query document GraphiQL opens with: one example of each question the API answers."""

EXAMPLE_QUERIES = """# civicgraph: how public bodies are governed. Run one operation at a time.

query Search {
  search(query: "libraries", first: 5) { id type name score snippet documentId paragraph }
}

query WhoIsAccountable {
  accountability(service: "service:libraries") {
    service { id name }
    bodies {
      body { id name }
      lines {
        kind isAlternative openQuestionText wording
        accountable { id type name }
        holders { post { name } person { name } capacity }
        evidence { documentTitle paragraph quote }
        chain { head { name } steps { type source { name } target { name } } }
      }
    }
  }
}

query Neighbourhood {
  neighbourhood(id: "service:libraries", depth: 2) {
    nodes { id type label }
    edges { id source target label evidenceCount }
  }
}

# Types are enums named as the graph names them: [Post, Body], [REPORTS_TO]; ids are global.
query RefetchByNode($ids: [ID!]! = ["service:libraries", "body:cheshire-east-council"]) {
  nodes(ids: $ids) {
    __typename id
    ...EntityCard
  }
}

fragment EntityCard on Entity {
  name type
  related(types: [BELONGS_TO, COVERS], entityTypes: [Post, Body]) { id type name }
}

query Gaps {
  gaps {
    counts { servicesWithoutAccountability postsWithoutHolder servicesClaimedByTwoPortfolios }
    servicesWithoutAccountability(first: 20) { cursor service { name } }
    postsWithoutHolder(first: 20) { cursor post { name } bodies { name } }
    servicesClaimedByTwoPortfolios(first: 20) {
      cursor service { name } body { name } claims { other { name } }
    }
  }
}
"""

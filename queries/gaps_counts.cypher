// How many gaps of each kind there are, in one body or everywhere, at a date: the number of
// answers of gaps_services_without_accountability, gaps_posts_without_holder,
// gaps_posts_without_reporting_line and gaps_services_claimed_twice (the same conditions, kept in
// step with those queries), each counted only when asked, without reading the gaps' details.
// Parameters: $body — a body id or null; $asOf — a date or null; $lists — the counts wanted, of
//   'servicesWithoutAccountability', 'postsWithoutHolder', 'postsWithoutReportingLine',
//   'servicesClaimedByTwoPortfolios', or null for all (a count not wanted is null).
// Example: :param body => null; :param asOf => null; :param lists => ['postsWithoutHolder']
CALL () {
  UNWIND CASE WHEN $lists IS NULL OR 'servicesWithoutAccountability' IN $lists
              THEN [true] ELSE [] END AS wanted
  OPTIONAL MATCH (target:Body {id: $body})
  CALL (target) {
    OPTIONAL MATCH (target)<-[:BELONGS_TO]-(a:Portfolio|Post)
                   -[r:COVERS|ACCOUNTABLE_FOR]->(covered:Service)
    WHERE coalesce(r.status, '') <> 'alternative'
      AND ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf)
                             AND (r.validTo IS NULL OR r.validTo >= $asOf)))
    RETURN collect(DISTINCT covered) AS coveredInBody
  }
  CALL () {
    UNWIND CASE WHEN $body IS NULL THEN [true] ELSE [] END AS everywhere
    MATCH (service:Service)
    WHERE EXISTS { MATCH (service)--(x:Entity) WHERE NOT x:Service }
    RETURN service
    UNION
    MATCH (:Body {id: $body})<-[:BELONGS_TO]-(x:Entity)--(service:Service)
    WHERE NOT x:Service
    RETURN service
    UNION
    MATCH (:Body {id: $body})--(service:Service)
    RETURN service
  }
  WITH service, coveredInBody
  WHERE CASE
    WHEN $body IS NULL THEN NOT EXISTS {
      MATCH (service)-[:BROADER*0..4]->(:Service)<-[r:COVERS|ACCOUNTABLE_FOR]-(a:Entity)
      WHERE (a:Portfolio OR a:Post)
        AND coalesce(r.status, '') <> 'alternative'
        AND ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf)
                               AND (r.validTo IS NULL OR r.validTo >= $asOf)))
    }
    ELSE NOT EXISTS {
      MATCH (service)-[:BROADER*0..4]->(broader:Service)
      WHERE broader IN coveredInBody
    }
  END
  RETURN count(service) AS servicesWithoutAccountability
}
CALL () {
  UNWIND CASE WHEN $lists IS NULL OR 'postsWithoutHolder' IN $lists
              THEN [true] ELSE [] END AS wanted
  CALL () {
    UNWIND CASE WHEN $body IS NULL THEN [true] ELSE [] END AS everywhere
    MATCH (post:Post)
    RETURN post
    UNION
    MATCH (:Body {id: $body})<-[:BELONGS_TO]-(post:Post)
    RETURN post
  }
  WITH post
  WHERE coalesce(post.status, '') <> 'alternative'
    AND ($asOf IS NULL OR ((post.validFrom IS NULL OR post.validFrom <= $asOf)
                           AND (post.validTo IS NULL OR post.validTo >= $asOf)))
    AND NOT EXISTS {
          MATCH (:Person)-[h:HOLDS]->(post)
          WHERE $asOf IS NULL OR ((h.validFrom IS NULL OR h.validFrom <= $asOf)
                                  AND (h.validTo IS NULL OR h.validTo >= $asOf))
        }
    AND NOT EXISTS { (:Post)-[:DESIGNATED_AS]->(post) }
  RETURN count(post) AS postsWithoutHolder
}
CALL () {
  UNWIND CASE WHEN $lists IS NULL OR 'postsWithoutReportingLine' IN $lists
              THEN [true] ELSE [] END AS wanted
  CALL () {
    UNWIND CASE WHEN $body IS NULL THEN [true] ELSE [] END AS everywhere
    MATCH (post:Post)
    RETURN post
    UNION
    MATCH (:Body {id: $body})<-[:BELONGS_TO]-(post:Post)
    RETURN post
  }
  WITH post
  WHERE coalesce(post.status, '') <> 'alternative'
    AND ($asOf IS NULL OR ((post.validFrom IS NULL OR post.validFrom <= $asOf)
                           AND (post.validTo IS NULL OR post.validTo >= $asOf)))
    AND NOT EXISTS {
          MATCH (post)-[r:REPORTS_TO]-(:Post)
          WHERE $asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf)
                                  AND (r.validTo IS NULL OR r.validTo >= $asOf))
        }
    AND NOT EXISTS { (post)-[:DESIGNATED_AS]-(:Post) }
  RETURN count(post) AS postsWithoutReportingLine
}
CALL () {
  UNWIND CASE WHEN $lists IS NULL OR 'servicesClaimedByTwoPortfolios' IN $lists
              THEN [true] ELSE [] END AS wanted
  MATCH (service:Service)<-[r:COVERS]-(portfolio:Portfolio)-[:BELONGS_TO]->(body:Body)
  WHERE ($body IS NULL OR body.id = $body)
    AND coalesce(r.status, '') <> 'alternative'
    AND coalesce(portfolio.status, '') <> 'alternative'
    AND ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf)
                           AND (r.validTo IS NULL OR r.validTo >= $asOf)
                           AND (portfolio.validFrom IS NULL OR portfolio.validFrom <= $asOf)
                           AND (portfolio.validTo IS NULL OR portfolio.validTo >= $asOf)))
  WITH service, body, count(r) AS claims
  WHERE claims >= 2
  RETURN count(*) AS servicesClaimedByTwoPortfolios
}
RETURN {
  servicesWithoutAccountability: CASE WHEN $lists IS NULL OR 'servicesWithoutAccountability' IN $lists
                                      THEN servicesWithoutAccountability END,
  postsWithoutHolder: CASE WHEN $lists IS NULL OR 'postsWithoutHolder' IN $lists
                           THEN postsWithoutHolder END,
  postsWithoutReportingLine: CASE WHEN $lists IS NULL OR 'postsWithoutReportingLine' IN $lists
                                  THEN postsWithoutReportingLine END,
  servicesClaimedByTwoPortfolios: CASE WHEN $lists IS NULL OR 'servicesClaimedByTwoPortfolios' IN $lists
                                       THEN servicesClaimedByTwoPortfolios END
} AS counts

// name: lineage
// description: The lineage of a concept: the papers that introduce it, then the papers that build on them through it, with the sentence that says so.
// param: concept: concept -- a concept name, key or alias
// param: limit: int = 50 -- rows to return
// example: {"concept": "Inception-ResNet", "limit": 50}
CALL () {
  MATCH (i:Paper)-[r:INTRODUCES]->(:Concept {key: $concept})
  RETURN 'introduces' AS role, i AS p, r.evidence AS evidence
  UNION ALL
  MATCH (i:Paper)-[:INTRODUCES]->(:Concept {key: $concept})
  MATCH (b:Paper)-[r:BUILDS_ON]->(i)
  WHERE $concept IN r.concepts
  RETURN 'builds_on' AS role, b AS p, [k IN range(0, size(r.concepts) - 1) WHERE r.concepts[k] = $concept | r.evidence[k]][0] AS evidence
}
RETURN role, p.id AS paper, p.name AS title, p.year AS year, evidence
ORDER BY CASE role WHEN 'introduces' THEN 0 ELSE 1 END, paper ASC
LIMIT $limit

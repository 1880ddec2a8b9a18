// name: paper_citations
// description: A paper's references and its citers, each a corpus Paper or an external Work.
// param: paper: paper -- a paper id (see `conceptgraph papers`), or a DOI
// param: limit: int = 100 -- rows to return
// example: {"paper": "arxiv:2212.11867", "limit": 100}
CALL () {
  MATCH (:Paper {id: $paper})-[:CITES]->(t)
  RETURN 'references' AS direction, CASE WHEN t:Paper THEN 'Paper' ELSE 'Work' END AS kind, t AS n
  UNION ALL
  MATCH (:Paper {id: $paper})<-[:CITES]-(s)
  RETURN 'cited_by' AS direction, CASE WHEN s:Paper THEN 'Paper' ELSE 'Work' END AS kind, s AS n
}
RETURN direction, kind, n.id AS id, n.name AS name, n.year AS year
ORDER BY CASE direction WHEN 'references' THEN 0 ELSE 1 END, kind ASC, id ASC
LIMIT $limit

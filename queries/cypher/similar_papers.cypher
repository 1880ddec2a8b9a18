// name: similar_papers
// description: Papers similar to a paper by shared concepts (Jaccard similarity of their concept sets).
// param: paper: paper -- a paper id (see `conceptgraph papers`)
// param: limit: int = 10 -- rows to return
// example: {"paper": "t194bb2b470b155bb", "limit": 10}
MATCH (p:Paper {id: $paper})-[:MENTIONS]->(c:Concept)<-[:MENTIONS]-(q:Paper)
WHERE q <> p
WITH p, q, count(DISTINCT c) AS shared
MATCH (p)-[:MENTIONS]->(pc:Concept)
WITH p, q, shared, count(pc) AS np
MATCH (q)-[:MENTIONS]->(qc:Concept)
WITH q, shared, np, count(qc) AS nq
RETURN q.id AS paper, q.name AS title, shared, toFloat(shared) / (np + nq - shared) AS jaccard
ORDER BY jaccard DESC, shared DESC, paper ASC
LIMIT $limit

// name: work_citers
// description: The corpus papers that cite an external work, each with its top concepts.
// param: work: work -- a work key such as doi:10.1109/cvpr.2016.90 (see `query paper_citations`), or a DOI
// param: limit: int = 50 -- rows to return
// example: {"work": "doi:10.1109/cvpr.2016.90", "limit": 50}
MATCH (:Work {id: $work})<-[:CITES]-(p:Paper)
OPTIONAL MATCH (p)-[m:MENTIONS]->(c:Concept)
WITH p, m, c
ORDER BY m.score DESC, c.key ASC
WITH p, collect(c.name)[..5] AS concepts
RETURN p.id AS paper, p.name AS title, p.year AS year, concepts
ORDER BY paper ASC
LIMIT $limit

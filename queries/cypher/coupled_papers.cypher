// name: coupled_papers
// description: Papers bibliographically coupled with a paper (they cite the same works), strongest first, with the shared references.
// param: paper: paper -- a paper id, or a DOI
// param: limit: int = 10 -- rows to return
// example: {"paper": "arxiv:2212.11772", "limit": 10}
MATCH (:Paper {id: $paper})-[r:COUPLED]-(q:Paper)
RETURN q.id AS paper, q.name AS title, r.shared AS shared, r.strength AS strength, r.evidence AS shared_references
ORDER BY strength DESC, shared DESC, paper ASC
LIMIT $limit

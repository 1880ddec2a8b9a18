// name: coupled_papers
// description: Papers bibliographically coupled with a paper (they cite the same works), strongest first, with the shared references.
// param: paper: paper -- a paper id, or a DOI
// param: limit: int = 10 -- rows to return
// example: {"paper": "arxiv:2212.11772", "limit": 10}
MATCH (:Paper {id: $paper})-[r:COUPLED]-(q:Paper)
// the shared references by name (a printed reference's text, a work's title), not by node key
RETURN q.id AS paper, q.name AS title, r.shared AS shared, r.strength AS strength,
       [k IN r.evidence | coalesce(COLLECT { MATCH (w:Work {id: substring(k, 5)}) RETURN w.name }[0],
                                   COLLECT { MATCH (c:Paper {id: substring(k, 6)}) RETURN c.name }[0])]
         AS shared_references
ORDER BY strength DESC, shared DESC, paper ASC
LIMIT $limit

// name: concept_neighbors
// description: A concept's strongest co-occurring neighbours, by association strength.
// param: concept: concept -- a concept name, key or alias
// param: limit: int = 20 -- rows to return
// example: {"concept": "continual learning", "limit": 10}
MATCH (c:Concept {key: $concept})-[r:CO_OCCURS]-(n:Concept)
RETURN n.key AS key, n.name AS name, n.type AS type, r.count AS papers, r.association AS association, r.npmi AS npmi
ORDER BY association DESC, papers DESC, key ASC
LIMIT $limit

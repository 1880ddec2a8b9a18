// name: community_members
// description: The concepts in the same Louvain community as a concept, most central first.
// param: concept: concept -- a concept name, key or alias
// param: limit: int = 25 -- rows to return
// example: {"concept": "continual learning", "limit": 15}
MATCH (c:Concept {key: $concept})
MATCH (m:Concept)
WHERE m.community = c.community
RETURN m.key AS key, m.name AS name, m.type AS type, m.frequency AS papers, m.pagerank AS pagerank, m.community AS community
ORDER BY pagerank DESC, key ASC
LIMIT $limit

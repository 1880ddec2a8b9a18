// name: bridge_concepts
// description: Concepts that bridge communities: neighbours in the most other communities.
// param: limit: int = 20 -- rows to return
// example: {"limit": 10}
MATCH (c:Concept)-[:CO_OCCURS]-(n:Concept)
WHERE n.community <> c.community
WITH c, count(DISTINCT n.community) AS communities, count(n) AS cross_edges
RETURN c.key AS key, c.name AS name, c.community AS community, communities, cross_edges, c.pagerank AS pagerank
ORDER BY communities DESC, cross_edges DESC, pagerank DESC, key ASC
LIMIT $limit

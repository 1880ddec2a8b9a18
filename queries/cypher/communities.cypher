// name: communities
// description: The largest concept communities, the map's topics: concepts, papers mentioning them, and their most frequent concepts (VOSviewer's clusters, named).
// param: limit: int = 20 -- rows to return
// param: top: int = 5 -- concepts named per community
// example: {"limit": 10, "top": 5}
MATCH (c:Concept)
WHERE c.community IS NOT NULL
WITH c
ORDER BY c.frequency DESC, c.pagerank DESC, c.key ASC
WITH c.community AS community, collect(c) AS members
CALL (members) {
  UNWIND members AS m
  MATCH (p:Paper)-[:MENTIONS]->(m)
  RETURN count(DISTINCT p) AS papers
}
RETURN community, size(members) AS concepts, papers, [m IN members[..$top] | m.name] AS top_concepts
ORDER BY concepts DESC, papers DESC, community ASC
LIMIT $limit

// name: author_concepts
// description: An author's top concepts: how many of their papers mention each, and the best score.
// param: author: author -- an author name
// param: limit: int = 20 -- rows to return
// example: {"author": "Wenxiao Wang", "limit": 10}
MATCH (a:Author {key: $author})-[:AUTHORED]->(p:Paper)-[m:MENTIONS]->(c:Concept)
RETURN c.key AS key, c.name AS name, c.type AS type, count(DISTINCT p) AS papers, max(m.score) AS best_score
ORDER BY papers DESC, best_score DESC, key ASC
LIMIT $limit

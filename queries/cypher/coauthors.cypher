// name: coauthors
// description: Co-authors of an author, by number of shared papers.
// param: author: author -- an author name
// param: limit: int = 20 -- rows to return
// example: {"author": "Wenxiao Wang", "limit": 10}
MATCH (a:Author {key: $author})-[:AUTHORED]->(p:Paper)<-[:AUTHORED]-(b:Author)
WHERE b <> a
RETURN b.key AS key, b.name AS name, count(DISTINCT p) AS shared_papers
ORDER BY shared_papers DESC, key ASC
LIMIT $limit

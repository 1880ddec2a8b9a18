// name: top_concepts
// description: The most frequent concepts (papers mentioning them), overall or of one type.
// param: type: string? = null -- method, dataset, task, metric, architecture or other; omit for all types
// param: limit: int = 20 -- rows to return
// example: {"type": "method", "limit": 10}
MATCH (c:Concept)
WHERE $type IS NULL OR c.type = $type
RETURN c.key AS key, c.name AS name, c.type AS type, c.frequency AS papers, c.pagerank AS pagerank
ORDER BY papers DESC, pagerank DESC, key ASC
LIMIT $limit

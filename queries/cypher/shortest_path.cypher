// name: shortest_path
// description: A shortest co-occurrence path between two concepts (ties: the alphabetically first path).
// param: source: concept -- where the path starts
// param: target: concept -- where the path ends
// param: max_hops: int = 6 -- longest path considered
// example: {"source": "melanoma detection", "target": "continual learning", "max_hops": 6}
MATCH (a:Concept {key: $source}), (b:Concept {key: $target})
MATCH p = allShortestPaths((a)-[:CO_OCCURS*..15]-(b))
WITH p WHERE length(p) <= $max_hops
WITH [n IN nodes(p) | n.key] AS keys, [n IN nodes(p) | n.name] AS names
RETURN keys, names, size(keys) - 1 AS hops
ORDER BY keys ASC
LIMIT 1

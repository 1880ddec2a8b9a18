// name: dataset_methods
// description: Methods and architectures evaluated on a dataset: those concepts co-occurring with it.
// param: dataset: concept -- a dataset concept
// param: limit: int = 20 -- rows to return
// example: {"dataset": "ImageNet", "limit": 10}
MATCH (d:Concept {key: $dataset})-[r:CO_OCCURS]-(m:Concept)
WHERE m.type IN ['method', 'architecture']
RETURN m.key AS key, m.name AS name, m.type AS type, r.count AS papers, r.association AS association
ORDER BY papers DESC, association DESC, key ASC
LIMIT $limit

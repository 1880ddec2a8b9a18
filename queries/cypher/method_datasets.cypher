// name: method_datasets
// description: Datasets used together with a method (or architecture): dataset concepts co-occurring with it.
// param: method: concept -- a method or architecture concept
// param: limit: int = 20 -- rows to return
// example: {"method": "representation learning", "limit": 10}
MATCH (m:Concept {key: $method})-[r:CO_OCCURS]-(d:Concept)
WHERE d.type = 'dataset'
RETURN d.key AS key, d.name AS name, r.count AS papers, r.association AS association
ORDER BY papers DESC, association DESC, key ASC
LIMIT $limit

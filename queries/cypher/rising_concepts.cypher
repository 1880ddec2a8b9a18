// name: rising_concepts
// description: Concepts mentioned more by papers from `since` on than before (papers with a year only).
// param: since: int = 2023 -- first year of the recent period
// param: min_papers: int = 2 -- dated papers a concept needs
// param: limit: int = 20 -- rows to return
// example: {"since": 2023, "min_papers": 2, "limit": 10}
MATCH (p:Paper)-[:MENTIONS]->(c:Concept)
WHERE p.year IS NOT NULL
WITH c, sum(CASE WHEN p.year >= $since THEN 1 ELSE 0 END) AS recent,
        sum(CASE WHEN p.year < $since THEN 1 ELSE 0 END) AS earlier
WHERE recent + earlier >= $min_papers AND recent > earlier
RETURN c.key AS key, c.name AS name, recent, earlier, toFloat(recent) / (recent + earlier) AS recent_share
ORDER BY recent DESC, recent_share DESC, key ASC
LIMIT $limit

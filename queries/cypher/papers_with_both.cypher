// name: papers_with_both
// description: Papers that mention both concepts, with the co-occurrence edge's evidence.
// param: a: concept -- first concept
// param: b: concept -- second concept
// example: {"a": "representation learning", "b": "ImageNet"}
MATCH (ca:Concept {key: $a}), (cb:Concept {key: $b})
MATCH (p:Paper)-[ma:MENTIONS]->(ca), (p)-[mb:MENTIONS]->(cb)
OPTIONAL MATCH (ca)-[r:CO_OCCURS]-(cb)
RETURN p.id AS paper, p.name AS title, p.year AS year, ma.score AS score_a, mb.score AS score_b,
       r.count AS edge_papers, r.association AS association
ORDER BY score_a + score_b DESC, paper ASC

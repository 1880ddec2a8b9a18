// name: most_cited
// description: The most-cited corpus papers: citations from any citer (corpus papers and external works), and from corpus papers alone.
// param: limit: int = 20 -- rows to return
// example: {"limit": 10}
MATCH (p:Paper)<-[:CITES]-(c)
WITH p, count(c) AS citations, count(CASE WHEN c:Paper THEN 1 END) AS corpus_citations
RETURN p.id AS paper, p.name AS title, p.year AS year, citations, corpus_citations
ORDER BY citations DESC, corpus_citations DESC, paper ASC
LIMIT $limit

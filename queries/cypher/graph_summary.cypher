// name: graph_summary
// description: A summary of the graph: counts of nodes, relationships, concept types, languages and communities (COUNT subqueries, so absent labels and types count 0).
// example: {}
CALL () {
  RETURN 'papers' AS what, COUNT { (p:Paper) } AS n
  UNION ALL RETURN 'concepts' AS what, COUNT { (c:Concept) } AS n
  UNION ALL RETURN 'authors' AS what, COUNT { (a:Author) } AS n
  UNION ALL RETURN 'mentions' AS what, COUNT { ()-[:MENTIONS]->() } AS n
  UNION ALL RETURN 'cooccurrence_edges' AS what, COUNT { ()-[:CO_OCCURS]->() } AS n
  UNION ALL RETURN 'authored_edges' AS what, COUNT { ()-[:AUTHORED]->() } AS n
  UNION ALL RETURN 'works' AS what, COUNT { (w:Work) } AS n
  UNION ALL RETURN 'cites_edges' AS what, COUNT { ()-[:CITES]->() } AS n
  UNION ALL RETURN 'coupling_edges' AS what, COUNT { ()-[:COUPLED]->() } AS n
  UNION ALL RETURN 'cocitation_edges' AS what, COUNT { ()-[:COCITED]->() } AS n
  UNION ALL RETURN 'introduces_edges' AS what, COUNT { ()-[:INTRODUCES]->() } AS n
  UNION ALL RETURN 'builds_on_edges' AS what, COUNT { ()-[:BUILDS_ON]->() } AS n
  UNION ALL MATCH (c:Concept) RETURN 'communities' AS what, count(DISTINCT c.community) AS n
  UNION ALL MATCH (c:Concept) RETURN 'concepts:' + c.type AS what, count(c) AS n
  UNION ALL MATCH (p:Paper) RETURN 'papers:' + p.language AS what, count(p) AS n
}
RETURN what, n
ORDER BY what ASC

// name: graph_summary
// description: A summary of the graph: counts of nodes, relationships, concept types, languages and communities.
// example: {}
CALL () {
  MATCH (p:Paper) RETURN 'papers' AS what, count(p) AS n
  UNION ALL MATCH (c:Concept) RETURN 'concepts' AS what, count(c) AS n
  UNION ALL MATCH (a:Author) RETURN 'authors' AS what, count(a) AS n
  UNION ALL MATCH ()-[r:MENTIONS]->() RETURN 'mentions' AS what, count(r) AS n
  UNION ALL MATCH ()-[r:CO_OCCURS]->() RETURN 'cooccurrence_edges' AS what, count(r) AS n
  UNION ALL MATCH ()-[r:AUTHORED]->() RETURN 'authored_edges' AS what, count(r) AS n
  UNION ALL MATCH (w:Work) RETURN 'works' AS what, count(w) AS n
  UNION ALL MATCH ()-[r:CITES]->() RETURN 'cites_edges' AS what, count(r) AS n
  UNION ALL MATCH ()-[r:COUPLED]->() RETURN 'coupling_edges' AS what, count(r) AS n
  UNION ALL MATCH ()-[r:COCITED]->() RETURN 'cocitation_edges' AS what, count(r) AS n
  UNION ALL MATCH ()-[r:INTRODUCES]->() RETURN 'introduces_edges' AS what, count(r) AS n
  UNION ALL MATCH ()-[r:BUILDS_ON]->() RETURN 'builds_on_edges' AS what, count(r) AS n
  UNION ALL MATCH (c:Concept) RETURN 'communities' AS what, count(DISTINCT c.community) AS n
  UNION ALL MATCH (c:Concept) RETURN 'concepts:' + c.type AS what, count(c) AS n
  UNION ALL MATCH (p:Paper) RETURN 'papers:' + p.language AS what, count(p) AS n
}
RETURN what, n
ORDER BY what ASC

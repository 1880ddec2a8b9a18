"""Local twins of the canned Cypher queries, computed with networkx on the workspace graph.

Each function takes the full graph (see :func:`graph.build.load_graph`) and the
bound parameters, and returns the rows its ``.cypher`` twin returns: the same
columns, the same order, the same tie-breaks. The differential test holds them
to that.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable

import networkx as nx

from graph.build import papers_mentioning

Rows = list[dict]


def _concepts(g: nx.DiGraph) -> list[dict]:
    return [d for _, d in g.nodes(data=True) if d.get("label") == "Concept"]


def _co(g: nx.DiGraph, node: str) -> list[tuple[str, dict]]:
    """CO_OCCURS neighbours of a concept node, in either stored direction."""
    out = [(b, d) for _, b, d in g.out_edges(node, data=True) if d["type"] == "CO_OCCURS"]
    out += [(a, d) for a, _, d in g.in_edges(node, data=True) if d["type"] == "CO_OCCURS"]
    return out


def _mentions(g: nx.DiGraph, paper_node: str) -> list[tuple[str, dict]]:
    return [(c, d) for _, c, d in g.out_edges(paper_node, data=True) if d["type"] == "MENTIONS"]


_papers_of = papers_mentioning


def _authored(g: nx.DiGraph, author_node: str) -> list[str]:
    return [p for _, p, d in g.out_edges(author_node, data=True) if d["type"] == "AUTHORED"]


def _authors_of(g: nx.DiGraph, paper_node: str) -> list[str]:
    return [a for a, _, d in g.in_edges(paper_node, data=True) if d["type"] == "AUTHORED"]


def top_concepts(g: nx.DiGraph, type: str | None, limit: int) -> Rows:  # noqa: A002 (mirrors $type)
    rows = [
        {"key": d["key"], "name": d["name"], "type": d["type"], "papers": d["frequency"], "pagerank": d["pagerank"]}
        for d in _concepts(g)
        if type is None or d["type"] == type
    ]
    rows.sort(key=lambda r: (-r["papers"], -r["pagerank"], r["key"]))
    return rows[:limit]


def concept_neighbors(g: nx.DiGraph, concept: str, limit: int) -> Rows:
    rows = []
    for n, e in _co(g, f"Concept:{concept}"):
        d = g.nodes[n]
        rows.append(
            {
                "key": d["key"],
                "name": d["name"],
                "type": d["type"],
                "papers": e["count"],
                "association": e["association"],
                "npmi": e["npmi"],
            }
        )
    rows.sort(key=lambda r: (-r["association"], -r["papers"], r["key"]))
    return rows[:limit]


def papers_with_both(g: nx.DiGraph, a: str, b: str) -> Rows:
    if a == b:  # Cypher matches two distinct MENTIONS relationships
        return []
    na, nb = f"Concept:{a}", f"Concept:{b}"
    sa = {p: d["score"] for p, d in _papers_of(g, na)}
    sb = {p: d["score"] for p, d in _papers_of(g, nb)}
    edge = g.get_edge_data(na, nb, key="CO_OCCURS") or g.get_edge_data(nb, na, key="CO_OCCURS") or {}
    rows = []
    for p in sa.keys() & sb.keys():
        d = g.nodes[p]
        rows.append(
            {
                "paper": d["id"],
                "title": d["name"],
                "year": d["year"],
                "score_a": sa[p],
                "score_b": sb[p],
                "edge_papers": edge.get("count"),
                "association": edge.get("association"),
            }
        )
    rows.sort(key=lambda r: (-(r["score_a"] + r["score_b"]), r["paper"]))
    return rows


def shortest_path(g: nx.DiGraph, source: str, target: str, max_hops: int) -> Rows:
    cg = nx.Graph()
    cg.add_edges_from((a, b) for a, b, d in g.edges(data=True) if d["type"] == "CO_OCCURS")
    s, t = f"Concept:{source}", f"Concept:{target}"
    if s not in cg or t not in cg or s == t:
        return []
    try:
        paths = [[g.nodes[n]["key"] for n in p] for p in nx.all_shortest_paths(cg, s, t)]
    except nx.NetworkXNoPath:
        return []
    paths = [p for p in paths if len(p) - 1 <= max_hops]
    if not paths:
        return []
    keys = min(paths)
    return [{"keys": keys, "names": [g.nodes[f"Concept:{k}"]["name"] for k in keys], "hops": len(keys) - 1}]


def community_members(g: nx.DiGraph, concept: str, limit: int) -> Rows:
    community = g.nodes[f"Concept:{concept}"]["community"]
    rows = [
        {
            "key": d["key"],
            "name": d["name"],
            "type": d["type"],
            "papers": d["frequency"],
            "pagerank": d["pagerank"],
            "community": d["community"],
        }
        for d in _concepts(g)
        if d["community"] == community
    ]
    rows.sort(key=lambda r: (-r["pagerank"], r["key"]))
    return rows[:limit]


def _typed_neighbors(g: nx.DiGraph, concept: str, types: set[str], with_type: bool, limit: int) -> Rows:
    rows = []
    for n, e in _co(g, f"Concept:{concept}"):
        d = g.nodes[n]
        if d["type"] in types:
            row = {"key": d["key"], "name": d["name"]}
            if with_type:
                row["type"] = d["type"]
            row.update({"papers": e["count"], "association": e["association"]})
            rows.append(row)
    rows.sort(key=lambda r: (-r["papers"], -r["association"], r["key"]))
    return rows[:limit]


def method_datasets(g: nx.DiGraph, method: str, limit: int) -> Rows:
    return _typed_neighbors(g, method, {"dataset"}, False, limit)


def method_materials(g: nx.DiGraph, method: str, limit: int) -> Rows:
    return _typed_neighbors(g, method, {"material"}, False, limit)


def dataset_methods(g: nx.DiGraph, dataset: str, limit: int) -> Rows:
    return _typed_neighbors(g, dataset, {"method", "architecture"}, True, limit)


def rising_concepts(g: nx.DiGraph, since: int, min_papers: int, limit: int) -> Rows:
    recent: Counter[str] = Counter()
    earlier: Counter[str] = Counter()
    for n, d in g.nodes(data=True):
        if d.get("label") != "Paper" or d.get("year") is None:
            continue
        for c, _ in _mentions(g, n):
            (recent if d["year"] >= since else earlier)[c] += 1
    rows = []
    for c in set(recent) | set(earlier):
        r, e = recent[c], earlier[c]
        if r + e >= min_papers and r > e:
            d = g.nodes[c]
            rows.append({"key": d["key"], "name": d["name"], "recent": r, "earlier": e, "recent_share": r / (r + e)})
    rows.sort(key=lambda x: (-x["recent"], -x["recent_share"], x["key"]))
    return rows[:limit]


def similar_papers(g: nx.DiGraph, paper: str, limit: int) -> Rows:
    p = f"Paper:{paper}"
    if p not in g:
        return []
    mine = {c for c, _ in _mentions(g, p)}
    shared: Counter[str] = Counter()
    for c in mine:
        for q, _ in _papers_of(g, c):
            if q != p:
                shared[q] += 1
    rows = []
    for q, s in shared.items():
        nq = len(_mentions(g, q))
        rows.append(
            {"paper": g.nodes[q]["id"], "title": g.nodes[q]["name"], "shared": s, "jaccard": s / (len(mine) + nq - s)}
        )
    rows.sort(key=lambda r: (-r["jaccard"], -r["shared"], r["paper"]))
    return rows[:limit]


def author_concepts(g: nx.DiGraph, author: str, limit: int) -> Rows:
    papers: dict[str, set[str]] = defaultdict(set)
    best: dict[str, float] = {}
    for p in _authored(g, f"Author:{author}"):
        for c, e in _mentions(g, p):
            papers[c].add(p)
            best[c] = max(best.get(c, e["score"]), e["score"])
    rows = [
        {
            "key": g.nodes[c]["key"],
            "name": g.nodes[c]["name"],
            "type": g.nodes[c]["type"],
            "papers": len(ps),
            "best_score": best[c],
        }
        for c, ps in papers.items()
    ]
    rows.sort(key=lambda r: (-r["papers"], -r["best_score"], r["key"]))
    return rows[:limit]


def coauthors(g: nx.DiGraph, author: str, limit: int) -> Rows:
    me = f"Author:{author}"
    shared: Counter[str] = Counter()
    for p in _authored(g, me):
        for b in set(_authors_of(g, p)):
            if b != me:
                shared[b] += 1
    rows = [{"key": g.nodes[b]["key"], "name": g.nodes[b]["name"], "shared_papers": n} for b, n in shared.items()]
    rows.sort(key=lambda r: (-r["shared_papers"], r["key"]))
    return rows[:limit]


def bridge_concepts(g: nx.DiGraph, limit: int) -> Rows:
    rows = []
    for n, d in g.nodes(data=True):
        if d.get("label") != "Concept":
            continue
        others = [g.nodes[m]["community"] for m, _ in _co(g, n) if g.nodes[m]["community"] != d["community"]]
        if others:
            rows.append(
                {
                    "key": d["key"],
                    "name": d["name"],
                    "community": d["community"],
                    "communities": len(set(others)),
                    "cross_edges": len(others),
                    "pagerank": d["pagerank"],
                }
            )
    rows.sort(key=lambda r: (-r["communities"], -r["cross_edges"], -r["pagerank"], r["key"]))
    return rows[:limit]


def communities(g: nx.DiGraph, limit: int, top: int) -> Rows:
    members: dict[int, list[tuple[str, dict]]] = defaultdict(list)
    for n, d in g.nodes(data=True):
        if d.get("label") == "Concept" and d.get("community") is not None:
            members[d["community"]].append((n, d))
    rows = []
    for community, ms in members.items():
        ms.sort(key=lambda t: (-t[1]["frequency"], -t[1]["pagerank"], t[1]["key"]))
        papers = {p for n, _ in ms for p, _ in _papers_of(g, n)}
        rows.append(
            {
                "community": community,
                "concepts": len(ms),
                "papers": len(papers),
                "top_concepts": [d["name"] for _, d in ms[:top]],
            }
        )
    rows.sort(key=lambda r: (-r["concepts"], -r["papers"], r["community"]))
    return rows[:limit]


def graph_summary(g: nx.DiGraph) -> Rows:
    counts: Counter[str] = Counter()
    communities = set()
    for _, d in g.nodes(data=True):
        label = d.get("label")
        if label == "Paper":
            counts["papers"] += 1
            counts[f"papers:{d['language']}"] += 1
        elif label == "Concept":
            counts["concepts"] += 1
            counts[f"concepts:{d['type']}"] += 1
            communities.add(d["community"])
        elif label == "Author":
            counts["authors"] += 1
        elif label == "Work":
            counts["works"] += 1
    rel_names = {
        "MENTIONS": "mentions",
        "CO_OCCURS": "cooccurrence_edges",
        "AUTHORED": "authored_edges",
        "CITES": "cites_edges",
        "COUPLED": "coupling_edges",
        "COCITED": "cocitation_edges",
        "INTRODUCES": "introduces_edges",
        "BUILDS_ON": "builds_on_edges",
    }
    for name in rel_names.values():
        counts[name] += 0
    for name in ("papers", "concepts", "authors", "works"):
        counts[name] += 0
    for _, _, d in g.edges(data=True):
        counts[rel_names[d["type"]]] += 1
    counts["communities"] = len(communities)
    return [{"what": k, "n": v} for k, v in sorted(counts.items())]


def _cites(g: nx.DiGraph, node: str) -> list[str]:
    return [t for _, t, d in g.out_edges(node, data=True) if d["type"] == "CITES"]


def _citers(g: nx.DiGraph, node: str) -> list[str]:
    return [s for s, _, d in g.in_edges(node, data=True) if d["type"] == "CITES"]


def most_cited(g: nx.DiGraph, limit: int) -> Rows:
    rows = []
    for n, d in g.nodes(data=True):
        if d.get("label") != "Paper":
            continue
        citers = _citers(g, n)
        if citers:
            corpus = sum(1 for c in citers if g.nodes[c]["label"] == "Paper")
            rows.append(
                {
                    "paper": d["id"],
                    "title": d["name"],
                    "year": d["year"],
                    "citations": len(citers),
                    "corpus_citations": corpus,
                }
            )
    rows.sort(key=lambda r: (-r["citations"], -r["corpus_citations"], r["paper"]))
    return rows[:limit]


def paper_citations(g: nx.DiGraph, paper: str, limit: int) -> Rows:
    p = f"Paper:{paper}"
    rows = []
    for direction, nodes in (("references", _cites(g, p)), ("cited_by", _citers(g, p))):
        for n in nodes:
            d = g.nodes[n]
            rows.append(
                {"direction": direction, "kind": d["label"], "id": d["id"], "name": d["name"], "year": d["year"]}
            )
    rows.sort(key=lambda r: (r["direction"] != "references", r["kind"], r["id"]))
    return rows[:limit]


def coupled_papers(g: nx.DiGraph, paper: str, limit: int) -> Rows:
    p = f"Paper:{paper}"
    edges = [(b, d) for _, b, d in g.out_edges(p, data=True) if d["type"] == "COUPLED"]
    edges += [(a, d) for a, _, d in g.in_edges(p, data=True) if d["type"] == "COUPLED"]
    rows = [
        {
            "paper": g.nodes[q]["id"],
            "title": g.nodes[q]["name"],
            "shared": d["shared"],
            "strength": d["strength"],
            "shared_references": [g.nodes[k]["name"] for k in d["evidence"]],  # by name, not node key
        }
        for q, d in edges
    ]
    rows.sort(key=lambda r: (-r["strength"], -r["shared"], r["paper"]))
    return rows[:limit]


def lineage(g: nx.DiGraph, concept: str, limit: int) -> Rows:
    c = f"Concept:{concept}"
    rows = []
    for i, _, d in g.in_edges(c, data=True):
        if d["type"] != "INTRODUCES":
            continue
        n = g.nodes[i]
        rows.append(
            {"role": "introduces", "paper": n["id"], "title": n["name"], "year": n["year"], "evidence": d["evidence"]}
        )
        for b, _, e in g.in_edges(i, data=True):
            if e["type"] == "BUILDS_ON" and concept in e["concepts"]:
                m = g.nodes[b]
                evidence = e["evidence"][e["concepts"].index(concept)]
                rows.append(
                    {"role": "builds_on", "paper": m["id"], "title": m["name"], "year": m["year"], "evidence": evidence}
                )
    rows.sort(key=lambda r: (r["role"] != "introduces", r["paper"]))
    return rows[:limit]


def work_citers(g: nx.DiGraph, work: str, limit: int) -> Rows:
    rows = []
    for p in _citers(g, f"Work:{work}"):
        d = g.nodes[p]
        if d["label"] != "Paper":
            continue
        mentions = sorted(_mentions(g, p), key=lambda t: (-t[1]["score"], g.nodes[t[0]]["key"]))
        rows.append(
            {
                "paper": d["id"],
                "title": d["name"],
                "year": d["year"],
                "concepts": [g.nodes[c]["name"] for c, _ in mentions[:5]],
            }
        )
    rows.sort(key=lambda r: r["paper"])
    return rows[:limit]


TWINS: dict[str, Callable[..., Rows]] = {
    f.__name__: f
    for f in (
        top_concepts,
        concept_neighbors,
        papers_with_both,
        shortest_path,
        community_members,
        method_datasets,
        method_materials,
        dataset_methods,
        rising_concepts,
        similar_papers,
        author_concepts,
        coauthors,
        bridge_concepts,
        communities,
        graph_summary,
        most_cited,
        paper_citations,
        coupled_papers,
        lineage,
        work_citers,
    )
}

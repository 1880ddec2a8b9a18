"""The networkx graph: papers, concepts and authors, and the numbers on them.

Co-occurrence edges carry the raw count, VOSviewer's association strength
(observed / expected co-occurrence, N * c_ij / (n_i * n_j)) and normalized PMI,
plus the ids of the papers behind them, so every edge can be traced back to its
evidence. Communities (Louvain, fixed seed) and PageRank are computed on the
concept co-occurrence layer.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import networkx as nx

from graph.workspace import Workspace

LOUVAIN_SEED = 42


@dataclass
class CoEdge:
    a: str
    b: str
    count: int
    association: float
    npmi: float
    papers: list[str]


def cooccurrence(paper_concepts: Mapping[str, Sequence[str]]) -> list[CoEdge]:
    """Concept pairs mentioned by the same paper, with their association measures."""
    n_docs = sum(1 for keys in paper_concepts.values() if keys)
    freq: Counter[str] = Counter()
    pair_papers: dict[tuple[str, str], list[str]] = defaultdict(list)
    for pid in sorted(paper_concepts):
        keys = sorted(set(paper_concepts[pid]))
        freq.update(keys)
        for i, a in enumerate(keys):
            for b in keys[i + 1 :]:
                pair_papers[(a, b)].append(pid)
    edges = []
    for (a, b), papers in sorted(pair_papers.items()):
        c = len(papers)
        assoc = n_docs * c / (freq[a] * freq[b])
        p_ab = c / n_docs
        npmi = 1.0 if p_ab >= 1.0 else math.log(assoc) / -math.log(p_ab)
        edges.append(CoEdge(a, b, c, round(assoc, 6), round(npmi, 6), papers))
    return edges


def concept_layer(edges: Sequence[CoEdge], nodes: Sequence[str]) -> nx.Graph:
    g = nx.Graph()
    g.add_nodes_from(sorted(nodes))
    for e in edges:
        g.add_edge(e.a, e.b, weight=e.count)
    return g


def communities_and_pagerank(g: nx.Graph) -> tuple[dict[str, int], dict[str, float]]:
    """Louvain communities numbered by size (largest = 0), and weighted PageRank."""
    if g.number_of_nodes() == 0:
        return {}, {}
    parts = nx.community.louvain_communities(g, weight="weight", seed=LOUVAIN_SEED)
    parts = sorted(parts, key=lambda s: (-len(s), min(s)))
    community = {node: i for i, part in enumerate(parts) for node in part}
    pagerank = nx.pagerank(g, weight="weight") if g.number_of_edges() else {n: 1 / len(g) for n in g}
    return community, {k: round(v, 8) for k, v in pagerank.items()}


def node_id(kind: str, key: str) -> str:
    return f"{kind}:{key}"


def load_graph(ws: Workspace) -> nx.DiGraph:
    """The full typed graph from a workspace. Node ids are 'Paper:<id>', 'Concept:<key>', 'Author:<key>'."""
    g = nx.DiGraph()
    for p in ws.papers():
        g.add_node(
            node_id("Paper", p.id),
            label="Paper",
            id=p.id,
            title=p.title,
            name=p.label,
            year=p.year,
            date=p.date,
            language=p.language,
            doi=p.doi,
            arxiv_id=p.arxiv_id,
        )
    from concepts.normalize import concept_key

    rows = ws.conn.execute(
        "SELECT key, label, type, type_confidence, aliases, papers, community, pagerank FROM concepts"
    )
    for key, label, typ, conf, aliases, papers, community, pagerank in rows:
        alias_list = json.loads(aliases)
        g.add_node(
            node_id("Concept", key),
            label="Concept",
            key=key,
            name=label,
            type=typ,
            type_confidence=conf,
            aliases=alias_list,
            alias_keys=sorted({concept_key(a) for a in alias_list} - {key}),
            frequency=papers,
            community=community,
            pagerank=pagerank,
        )
    for key, name in ws.conn.execute("SELECT key, name FROM authors"):
        g.add_node(node_id("Author", key), label="Author", key=key, name=name)
    for pid, ckey, score in ws.conn.execute("SELECT paper_id, concept_key, score FROM mentions"):
        g.add_edge(node_id("Paper", pid), node_id("Concept", ckey), type="MENTIONS", score=score)
    for a, b, count, assoc, npmi, papers in ws.conn.execute(
        "SELECT a, b, count, association, npmi, papers FROM cooccurrence"
    ):
        g.add_edge(
            node_id("Concept", a),
            node_id("Concept", b),
            type="CO_OCCURS",
            count=count,
            association=assoc,
            npmi=npmi,
            papers=json.loads(papers),
        )
    for akey, pid, pos in ws.conn.execute("SELECT author_key, paper_id, position FROM authored"):
        g.add_edge(node_id("Author", akey), node_id("Paper", pid), type="AUTHORED", position=pos)
    return g


def concept_graph(g: nx.DiGraph) -> nx.Graph:
    """The undirected concept co-occurrence layer of a full graph."""
    cg = nx.Graph()
    cg.add_nodes_from((n, d) for n, d in g.nodes(data=True) if d.get("label") == "Concept")
    cg.add_edges_from((a, b, d) for a, b, d in g.edges(data=True) if d.get("type") == "CO_OCCURS")
    return cg


def find_concept_key(g: nx.DiGraph, name: str) -> str | None:
    """The concept a user means by ``name``: its key, else an alias (most frequent concept first)."""
    from concepts.normalize import concept_key

    key = concept_key(name)
    if f"Concept:{key}" in g:
        return key
    low = name.strip().lower()
    matches = [
        d
        for _, d in g.nodes(data=True)
        if d.get("label") == "Concept"
        and (
            key in d.get("alias_keys", ())
            or d["name"].lower() == low
            or low in (a.lower() for a in d.get("aliases", ()))
        )
    ]
    return min(matches, key=lambda d: (-d["frequency"], d["key"]))["key"] if matches else None

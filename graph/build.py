"""The networkx graph: papers, concepts and authors, and the numbers on them.

Co-occurrence edges carry the raw count, VOSviewer's association strength
(observed / expected co-occurrence, N * c_ij / (n_i * n_j)) and normalized PMI,
plus the ids of the papers behind them, so every edge can be traced back to its
evidence. Communities (Louvain, fixed seed, numbered stably across rebuilds) and
PageRank are computed on the concept co-occurrence layer.
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


def communities_and_pagerank(
    g: nx.Graph, previous: Mapping[str, int] | None = None
) -> tuple[dict[str, int], dict[str, float]]:
    """Louvain communities and weighted PageRank.

    A first build numbers the communities by size (largest = 0). A rebuild passes
    the ``previous`` numbers, and a community keeps the number of the earlier one
    it mostly continues (see :func:`stable_labels`): adding a week's papers
    then leaves "community 3" the same topic in Neo4j, exports and tooltips,
    where Louvain's own order would renumber nearly every community.
    """
    if g.number_of_nodes() == 0:
        return {}, {}
    parts = nx.community.louvain_communities(g, weight="weight", seed=LOUVAIN_SEED)
    parts = sorted(parts, key=lambda s: (-len(s), min(s)))
    labels = stable_labels(parts, previous or {})
    community = {node: label for part, label in zip(parts, labels, strict=True) for node in part}
    pagerank = nx.pagerank(g, weight="weight") if g.number_of_edges() else {n: 1 / len(g) for n in g}
    return community, {k: round(v, 8) for k, v in pagerank.items()}


def stable_labels(parts: Sequence[set[str]], previous: Mapping[str, int]) -> list[int]:
    """A number for each of ``parts`` (sorted largest first) that keeps ``previous`` numbers where it can.

    A part and an earlier community pair up, greedily by the members they share,
    when those are at least half of the smaller of the two (counting only nodes
    still in the graph): a community that split keeps its number on its larger
    piece, two that merged keep the larger one's. The other parts get numbers
    above all earlier ones, in size order, so no number comes to mean another topic.
    """
    present = {n for part in parts for n in part}
    old_size = Counter(previous[n] for n in present if n in previous)
    shared: Counter[tuple[int, int]] = Counter()
    for i, part in enumerate(parts):
        shared.update((i, previous[n]) for n in part if n in previous)
    labels: dict[int, int] = {}
    used: set[int] = set()
    for (i, old), n in sorted(shared.items(), key=lambda t: (-t[1], t[0])):
        if i not in labels and old not in used and 2 * n >= min(len(parts[i]), old_size[old]):
            labels[i] = old
            used.add(old)
    fresh = max(previous.values(), default=-1) + 1
    for i in range(len(parts)):
        if i not in labels:
            labels[i] = fresh
            fresh += 1
    return [labels[i] for i in range(len(parts))]


def node_id(kind: str, key: str) -> str:
    return f"{kind}:{key}"


def load_graph(ws: Workspace) -> nx.MultiDiGraph:
    """The full typed graph from a workspace.

    Node ids are 'Paper:<id>', 'Work:<key>', 'Concept:<key>', 'Author:<key>'. It is a
    multigraph keyed by relationship type, because two papers can be linked by
    CITES, COUPLED, COCITED and BUILDS_ON at once (and a paper both MENTIONS and
    INTRODUCES a concept).
    """
    from loaders.ids import id_keys

    g = nx.MultiDiGraph()

    def edge(a: str, b: str, rel: str, **props) -> None:
        g.add_edge(a, b, key=rel, type=rel, **props)

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
            venue=p.venue,
            id_keys=id_keys(p.ids),
            keywords=p.keywords,  # the authors' own, as written
        )
    for key, ids, title, year, text in ws.conn.execute("SELECT key, ids, title, year, text FROM works"):
        g.add_node(
            node_id("Work", key),
            label="Work",
            id=key,
            title=title,
            name=title or (text[:120] if text else key),
            year=year,
            text=text,
            id_keys=id_keys(json.loads(ids)),
        )
    from concepts.normalize import concept_key
    from concepts.typing_rules import known_forms

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
            # what a user may type for it: its written forms, and the listed forms of a well-known name
            # that no text wrote ("MS COCO" for COCO)
            alias_keys=sorted(({concept_key(a) for a in alias_list} | known_forms(key)) - {key}),
            frequency=papers,
            community=community,
            pagerank=pagerank,
        )
    for key, name in ws.conn.execute("SELECT key, name FROM authors"):
        g.add_node(node_id("Author", key), label="Author", key=key, name=name)
    for pid, ckey, score in ws.conn.execute("SELECT paper_id, concept_key, score FROM mentions"):
        edge(node_id("Paper", pid), node_id("Concept", ckey), "MENTIONS", score=score)
    for a, b, count, assoc, npmi, papers in ws.conn.execute(
        "SELECT a, b, count, association, npmi, papers FROM cooccurrence"
    ):
        edge(
            node_id("Concept", a),
            node_id("Concept", b),
            "CO_OCCURS",
            count=count,
            association=assoc,
            npmi=npmi,
            papers=json.loads(papers),
        )
    for akey, pid, pos in ws.conn.execute("SELECT author_key, paper_id, position FROM authored"):
        edge(node_id("Author", akey), node_id("Paper", pid), "AUTHORED", position=pos)
    for sl, s, tl, t in ws.conn.execute("SELECT source_label, source, target_label, target FROM cites"):
        edge(node_id(sl, s), node_id(tl, t), "CITES")
    for a, b, shared, strength, evidence in ws.conn.execute("SELECT a, b, shared, strength, evidence FROM coupling"):
        edge(
            node_id("Paper", a),
            node_id("Paper", b),
            "COUPLED",
            shared=shared,
            strength=strength,
            evidence=json.loads(evidence),
        )
    for a, b, count, evidence in ws.conn.execute("SELECT a, b, count, evidence FROM cocitation"):
        edge(node_id("Paper", a), node_id("Paper", b), "COCITED", count=count, evidence=json.loads(evidence))
    for pid, ckey, name, evidence, where in ws.conn.execute(
        "SELECT paper_id, concept_key, name, evidence, location FROM introduces"
    ):
        edge(
            node_id("Paper", pid), node_id("Concept", ckey), "INTRODUCES", name=name, evidence=evidence, location=where
        )
    for a, b, concepts, evidence in ws.conn.execute("SELECT paper_id, target_id, concepts, evidence FROM builds_on"):
        edge(
            node_id("Paper", a),
            node_id("Paper", b),
            "BUILDS_ON",
            concepts=json.loads(concepts),
            evidence=json.loads(evidence),
        )
    return g


def papers_mentioning(g: nx.DiGraph, concept_node: str) -> list[tuple[str, dict]]:
    """(paper node, MENTIONS data) for every paper that mentions a concept."""
    return [(p, d) for p, _, d in g.in_edges(concept_node, data=True) if d["type"] == "MENTIONS"]


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

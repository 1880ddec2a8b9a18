"""The graph in the files other tools open: GraphML and GEXF (Gephi, Cytoscape, yEd), node-link JSON
(networkx, d3), and VOSviewer's map and network files.

Each function returns text; only the CLI writes files. What matters to users:
* Gephi shows a node's ``label`` attribute, so a node's label is its name
  ("Vision Transformer"), and what the workspace calls its label (Paper,
  Concept...) is its ``kind``;
* GraphML and GEXF hold only scalars, so a list (a concept's aliases, the
  papers behind a co-occurrence edge) is written as JSON text, nothing dropped;
* the same workspace gives the same file on every run (GEXF adds the day's
  date): nodes and edges are written in a sorted order.
"""

from __future__ import annotations

import io
import json
import logging
import math
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import networkx as nx

from conceptgraph.errors import UsageError
from graph.build import concept_graph
from graph.views import checked_top, induced, mean_years

log = logging.getLogger(__name__)

FORMATS = ("graphml", "gexf", "json", "vosviewer")
LAYERS = ("concepts", "papers", "full")
# the paper network: who cites whom, shares references or is cited together, and builds on whom
PAPER_RELATIONSHIPS = frozenset({"CITES", "COUPLED", "COCITED", "BUILDS_ON"})
VOSVIEWER_MAX_CLUSTERS = 1000  # VOSviewer reads cluster numbers 1..1000


def select(g: nx.MultiDiGraph, layer: str = "concepts", top: int | None = None, types: Sequence[str] = ()) -> nx.Graph:
    """The part of the graph to export: the concept co-occurrence layer (the top ``top`` concepts by
    frequency, or all; of ``types`` only, if given); the paper network (papers and the works they cite, with citation, coupling,
    co-citation and builds-on edges: what Connected Papers and Inciteful draw); or the full typed graph."""
    if layer not in LAYERS:
        raise UsageError(f"unknown layer {layer!r}; choose one of {', '.join(LAYERS)}")
    if layer != "concepts" and (top is not None or types):
        raise UsageError("--top and --type select concepts; they apply to the concepts layer only")
    if layer == "full":
        return g
    if layer == "papers":
        h = nx.MultiDiGraph()
        h.add_nodes_from((n, d) for n, d in g.nodes(data=True) if d.get("label") in ("Paper", "Work"))
        h.add_edges_from(
            (a, b, k, d) for a, b, k, d in g.edges(keys=True, data=True) if d.get("type") in PAPER_RELATIONSHIPS
        )
        return h
    keep = checked_top(g, top if top is not None else g.number_of_nodes(), types)
    return induced(concept_graph(g), sorted(keep))


def _scalar(value: object) -> str | int | float | bool | None:
    """A value GraphML and GEXF can hold: lists and mappings as JSON text, NaN as nothing."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) else value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _plain(value: object) -> object:
    """A value as JSON holds it: lists stay lists, and NaN (which JSON lacks) is nothing."""
    return None if isinstance(value, float) and math.isnan(value) else value


def _node_attrs(d: dict, value: Callable[[object], object]) -> dict:
    """A node's attributes under the names other tools expect.

    Gephi and GEXF show ``label``, so the name goes there and the workspace's
    label (Paper, Concept...) becomes ``kind``; GEXF takes an ``id`` attribute
    for the node's id and reserves ``key``, so a paper's id or a concept's key
    is named for its kind ("paper_id", "concept_key").
    """
    d = dict(d)
    kind, name = d.pop("label", None), d.pop("name", None)
    out = {"label": name, "kind": kind}
    for k, v in d.items():
        out[f"{(kind or 'node').lower()}_{k}" if k in ("id", "key") else k] = v
    return {k: x for k, x in ((k, value(v)) for k, v in out.items()) if x is not None}


def _edge_attrs(d: dict, value: Callable[[object], object]) -> dict:
    """An edge's attributes; its relationship type is ``relationship`` (GEXF reserves ``type`` for
    directed / undirected)."""
    out = {("relationship" if k == "type" else k): v for k, v in d.items()}
    return {k: x for k, x in ((k, value(v)) for k, v in out.items()) if x is not None}


def portable(graph: nx.Graph, value: Callable[[object], object] = _scalar) -> nx.Graph:
    """A copy with attributes other tools read (see :func:`_node_attrs`), nodes and edges in sorted order."""
    out = graph.__class__()
    for n in sorted(graph.nodes):
        attrs = _node_attrs(graph.nodes[n], value)
        attrs.setdefault("label", str(n))
        out.add_node(n, **attrs)
    if graph.is_multigraph():
        for a, b, k, d in sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2]))):
            out.add_edge(a, b, key=k, **_edge_attrs(d, value))
    else:
        for a, b, d in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1])):
            out.add_edge(a, b, **_edge_attrs(d, value))
    return out


def to_graphml(graph: nx.Graph) -> str:
    """GraphML (Gephi, Cytoscape, yEd, igraph); networkx reads it back with ``read_graphml``."""
    return "\n".join(nx.generate_graphml(portable(graph))) + "\n"


def to_gexf(graph: nx.Graph) -> str:
    """GEXF 1.2, Gephi's own format."""
    buf = io.BytesIO()
    nx.write_gexf(portable(graph), buf)
    return buf.getvalue().decode("utf-8")


def to_json(graph: nx.Graph) -> str:
    """Node-link JSON, as networkx's ``node_link_graph(data, edges="edges")`` and d3 read it; lists stay
    lists."""
    h = portable(graph, _plain)
    if h.is_multigraph():
        edges = [{"source": a, "target": b, "key": k, **d} for a, b, k, d in h.edges(keys=True, data=True)]
    else:
        edges = [{"source": a, "target": b, **d} for a, b, d in h.edges(data=True)]
    data = {
        "directed": h.is_directed(),
        "multigraph": h.is_multigraph(),
        "graph": {},
        "nodes": [{"id": n, **d} for n, d in h.nodes(data=True)],
        "edges": edges,
    }
    return json.dumps(data, ensure_ascii=False, indent=1, default=str) + "\n"


_SPACE = re.compile(r"\s+")


def _cell(text: str) -> str:
    """A tab-separated cell: a tab or line break in a label would shift VOSviewer's columns."""
    return _SPACE.sub(" ", text).strip()


def _number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.4f}".rstrip("0")


def to_vosviewer(cg: nx.Graph, g: nx.MultiDiGraph) -> tuple[str, str]:
    """VOSviewer's map file and network file for a concept layer ("Create a map based on network data").

    The map gives each concept its occurrences (papers), links, total link
    strength (summed co-occurrence counts), our Louvain community as its cluster
    (renumbered 1.. by size) and the mean year of its papers for the overlay view.
    The network file gives each co-occurrence edge with its count as strength.
    """
    nodes = sorted(cg.nodes)
    ids = {n: i for i, n in enumerate(nodes, start=1)}
    by_size: dict[object, int] = {}
    for n in nodes:
        c = cg.nodes[n].get("community")
        by_size[c] = by_size.get(c, 0) + 1
    order = sorted(by_size, key=lambda c: (-by_size[c], str(c)))
    cluster = {c: i for i, c in enumerate(order, start=1)}
    with_clusters = len(cluster) <= VOSVIEWER_MAX_CLUSTERS
    if not with_clusters:
        log.warning("%d communities are more than VOSviewer reads; leaving clustering to VOSviewer", len(cluster))
    years = mean_years(g, nodes)
    # VOSviewer reads a score column only when every item has a score
    with_years = all(y is not None for y in years.values())
    header = ["id", "label"] + (["cluster"] if with_clusters else [])
    header += ["weight<Links>", "weight<Total link strength>", "weight<Occurrences>"]
    header += ["score<Avg. pub. year>"] if with_years else []
    rows = ["\t".join(header)]
    for n in nodes:
        d = cg.nodes[n]
        row = [str(ids[n]), _cell(d.get("name") or str(n))]
        row += [str(cluster[d.get("community")])] if with_clusters else []
        strength = sum(e.get("count", 1) for _, _, e in cg.edges(n, data=True))
        row += [str(cg.degree(n)), _number(strength), str(d.get("frequency") or 0)]
        if with_years:
            row.append(_number(round(years[n], 2)))
        rows.append("\t".join(row))
    links = sorted((min(ids[a], ids[b]), max(ids[a], ids[b]), e.get("count", 1)) for a, b, e in cg.edges(data=True))
    network = "".join(f"{a}\t{b}\t{_number(w)}\n" for a, b, w in links)
    return "\n".join(rows) + "\n", network


def export(
    g: nx.MultiDiGraph, fmt: str, layer: str = "concepts", top: int | None = None, types: Sequence[str] = ()
) -> dict[str, str]:
    """The files of one export, keyed by the name part after the output's stem ("" for a one-file format;
    "_map.txt" and "_network.txt" for VOSviewer)."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "vosviewer" and layer != "concepts":
        raise UsageError("the VOSviewer export maps concepts: use --layer concepts")
    graph = select(g, layer, top, types)
    if fmt == "vosviewer":
        map_text, network_text = to_vosviewer(graph, g)
        return {"_map.txt": map_text, "_network.txt": network_text}
    render: dict[str, Callable[[nx.Graph], str]] = {"graphml": to_graphml, "gexf": to_gexf, "json": to_json}
    return {"": render[fmt](graph)}


def output_names(stem_path: str, parts: Sequence[str]) -> list[str]:
    """Where each part goes: the output itself, or ``<output without suffix><part>``."""
    p = Path(stem_path)
    return [str(p) if part == "" else str(p.with_suffix("")) + part for part in parts]

"""Interactive HTML views (pyvis / vis-network), returned as strings.

Design choices that matter to users:
* offline: vis-network is inlined from the pyvis package, no CDN, and a CSP
  forbids any network request;
* safe: all data text goes through JSON with <, > and & escaped, and the page
  chrome through Jinja autoescaping; tooltips are plain text, never HTML;
* large graphs: positions are precomputed with a seeded layout and physics is
  off above a few hundred nodes, so thousands of nodes render without the
  browser running a simulation;
* evidence: clicking an edge lists the papers behind the co-occurrence.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path

import networkx as nx

from conceptgraph.errors import UsageError
from graph.build import concept_graph, find_concept_key, papers_mentioning

TYPE_COLORS = {
    "method": "#1f77b4",
    "dataset": "#2ca02c",
    "task": "#ff7f0e",
    "metric": "#9467bd",
    "architecture": "#d62728",
    "material": "#8c564b",
    "other": "#7f7f7f",
}
# Louvain clusters, largest first (matplotlib's tab10 without the grey kept for "other clusters")
CLUSTER_COLORS = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#bcbd22", "#17becf",
)  # fmt: skip
# mean publication year, old to new: viridis stops, as VOSviewer's overlay view colours it
YEAR_STOPS = ("#440154", "#3b528b", "#21918c", "#5ec962", "#fde725")
NO_VALUE_COLOR = "#c8c8c8"
COLOR_BY = ("type", "community", "year")
PHYSICS_MAX_NODES = 300
EXAMPLES_PER_TOOLTIP = 3


def _safe_json(obj: object) -> str:
    """JSON that cannot close a <script> element or start an HTML entity."""
    return (
        json.dumps(obj, ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


@functools.lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    import pyvis

    lib = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    return (lib / "vis-network.min.js").read_text(encoding="utf-8"), (lib / "vis-network.css").read_text(
        encoding="utf-8"
    )


def _titles(g: nx.DiGraph, paper_ids: list[str], limit: int) -> list[str]:
    out = []
    for pid in paper_ids[:limit]:
        data = g.nodes.get(f"Paper:{pid}", {})
        out.append(f"{data.get('name') or pid} [{pid}]")
    return out


def _papers_of(g: nx.DiGraph, concept_node: str) -> list[str]:
    return sorted(g.nodes[p]["id"] for p, _ in papers_mentioning(g, concept_node))


def _render(title: str, subtitle: str, net, legend: list[tuple[str, str]]) -> str:
    """The page. Where every node's colour is a legend entry's (types, clusters, kinds; not the year
    scale), clicking an entry hides or shows its nodes: a 5,000-node map is read a part at a time."""
    from jinja2 import Environment
    from markupsafe import Markup

    colors = {c for _, c in legend}
    toggles = bool(net.nodes) and all(n.get("color") in colors for n in net.nodes)

    env = Environment(autoescape=True)
    template = env.from_string(resources.files("graph.templates").joinpath("network.html").read_text("utf-8"))
    js, css = _vis_assets()
    return template.render(
        title=title,
        subtitle=subtitle,
        legend=legend,
        toggles=toggles,
        vis_js=Markup(js.replace("</script", "<\\/script")),
        vis_css=Markup(css),
        nodes_json=Markup(_safe_json(net.nodes)),
        edges_json=Markup(_safe_json(net.edges)),
        options_json=Markup(_safe_json(net.options)),
    )


def _add_edge(net, a: str, b: str, evidence: list[str], **options) -> None:
    """An edge between nodes already in ``net``, with the papers behind it for the side panel.

    pyvis's own ``add_edge`` scans every node and every edge before adding one
    (WestHealth/pyvis#304), which made a 5,000-node map spend 13 s there; our
    edges come from a graph, so they exist once each and join existing nodes.
    """
    from pyvis.edge import Edge

    net.edges.append(Edge(a, b, net.directed, **options).options)
    net.edges[-1]["evidence"] = evidence


def _network(
    sub: nx.Graph, g: nx.DiGraph, colors: dict[str, str], years: dict[str, float | None], focus: str | None = None
):
    """A pyvis Network of concept nodes with tooltips (``years``: mean years), sizes, ``colors`` and positions."""
    from pyvis.network import Network

    net = Network(height="100%", width="100%", directed=False, cdn_resources="in_line")
    big = sub.number_of_nodes() > PHYSICS_MAX_NODES
    pos = layout(sub)
    scale = 120 * math.sqrt(max(sub.number_of_nodes(), 1))
    max_freq = max((d.get("frequency") or 1 for _, d in sub.nodes(data=True)), default=1)
    for n, d in sorted(sub.nodes(data=True)):
        papers = _papers_of(g, n)
        examples = _titles(g, papers, EXAMPLES_PER_TOOLTIP)
        year = f"  mean year: {years[n]:.1f}" if years[n] is not None else ""
        tooltip = "\n".join(
            [
                f"{d['name']} ({d['type']}, confidence {d.get('type_confidence')})",
                f"papers: {d.get('frequency')}  community: {d.get('community')}  pagerank: {d.get('pagerank')}{year}",
                *(["aliases: " + ", ".join(d["aliases"][:6])] if d.get("aliases") else []),
                "e.g.:",
                *("  " + t for t in examples),
            ]
        )
        x, y = pos[n]
        net.add_node(
            n,
            label=d["name"],
            title=tooltip,
            color=colors[n],
            size=10 + 30 * math.sqrt((d.get("frequency") or 1) / max_freq),
            x=float(x * scale),
            y=float(y * scale),
            borderWidth=4 if n == focus else 1,
        )
        net.nodes[-1]["evidence"] = [f"{d['name']}: {len(papers)} papers"] + _titles(g, papers, 50)
        net.nodes[-1]["names"] = [d["name"], *(d.get("aliases") or [])]  # what the page's find box matches
    max_assoc = max((e.get("association", 1) for *_, e in sub.edges(data=True)), default=1)
    for a, b, e in sorted(sub.edges(data=True), key=lambda t: (t[0], t[1])):
        ev = _titles(g, e["papers"], 50)
        _add_edge(
            net,
            a,
            b,
            [f"{sub.nodes[a]['name']} — {sub.nodes[b]['name']}: {e['count']} papers"] + ev,
            width=1 + 7 * (e["association"] / max_assoc),
            title=(
                f"{sub.nodes[a]['name']} — {sub.nodes[b]['name']}\n"
                f"co-occurs in {e['count']} papers; association {e['association']:.3g}; NPMI {e['npmi']:.3f}\n"
                + "\n".join("  " + t for t in ev[:EXAMPLES_PER_TOOLTIP])
            ),
        )
    net.options = {
        "physics": {
            "enabled": not big,
            "solver": "forceAtlas2Based",
            "stabilization": {"enabled": not big, "iterations": 200, "fit": True},
        },
        "layout": {"improvedLayout": False},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": big, "navigationButtons": False},
        "nodes": {"shape": "dot", "font": {"size": 14}},
        "edges": {"color": {"inherit": "both", "opacity": 0.45}, "smooth": False},
    }
    return net


DIRECT_LAYOUT_MAX = 400


def induced(g: nx.Graph, nodes: Sequence[str]) -> nx.Graph:
    """The subgraph on ``nodes``, which iterates them (and their edges) in the order given.

    networkx's ``subgraph`` iterates a small induced subgraph in the order of a
    set, and string hashes change with every process, so seeded layouts and
    clusterings drew a different map on each run of the same command.
    """
    h = nx.Graph()
    h.add_nodes_from((n, g.nodes[n]) for n in nodes)
    h.add_edges_from((a, b, d) for a, b, d in g.edges(nodes, data=True) if b in h)
    return h


def _groups(g: nx.Graph) -> list[list[str]]:
    """Louvain groups of at most DIRECT_LAYOUT_MAX nodes (split recursively, seeded)."""
    pending = [sorted(g.nodes)]
    out = []
    while pending:
        nodes = pending.pop()
        if len(nodes) <= DIRECT_LAYOUT_MAX:
            out.append(nodes)
            continue
        parts = nx.community.louvain_communities(induced(g, nodes), weight="count", seed=11)
        if len(parts) == 1:  # cannot split further: cut into chunks
            parts = [nodes[i : i + DIRECT_LAYOUT_MAX] for i in range(0, len(nodes), DIRECT_LAYOUT_MAX)]
        pending.extend(sorted(sorted(p) for p in parts))
    return sorted(out, key=lambda p: (-len(p), p[0]))


def layout(g: nx.Graph) -> dict[str, tuple[float, float]]:
    """Positions in roughly [-1, 1]^2, seeded.

    A force layout is quadratic in the number of nodes, so above a few hundred
    nodes we lay out each community on its own and place the communities on a
    sunflower spiral, largest in the middle (the VOSviewer picture: clusters as
    islands). Thousands of nodes then take seconds, not minutes.
    """
    n = g.number_of_nodes()
    if n <= DIRECT_LAYOUT_MAX:
        return {
            k: (float(v[0]), float(v[1]))
            for k, v in nx.spring_layout(g, seed=7, weight="count", k=1.5 / math.sqrt(max(n, 1))).items()
        }
    pos: dict[str, tuple[float, float]] = {}
    groups = _groups(g)
    radii = [math.sqrt(len(grp)) for grp in groups]  # a group's radius in node spacings
    step = 2.4 * sum(radii) / len(radii)
    golden = math.pi * (3 - math.sqrt(5))
    norm = math.sqrt(n)
    for i, (grp, r) in enumerate(zip(groups, radii, strict=True)):
        sub = induced(g, grp)
        if len(grp) > 1:
            local = nx.spring_layout(sub, seed=7, weight="count", k=1.5 / math.sqrt(len(grp)))
        else:
            local = {grp[0]: (0.0, 0.0)}
        dist = step * math.sqrt(i)
        cx, cy = dist * math.cos(i * golden), dist * math.sin(i * golden)
        for k, (x, y) in local.items():
            pos[k] = ((cx + float(x) * r) / norm, (cy + float(y) * r) / norm)
    return pos


def mean_years(g: nx.DiGraph, concepts: Iterable[str]) -> dict[str, float | None]:
    """The mean publication year of the papers mentioning each concept (None where no paper has a year):
    VOSviewer's "Avg. pub. year" score, which tells established terms from new ones."""
    out: dict[str, float | None] = {}
    for n in concepts:
        years = [
            int(y)
            for p, _, d in g.in_edges(n, data=True)
            if d.get("type") == "MENTIONS" and (y := g.nodes[p].get("year"))
        ]
        out[n] = sum(years) / len(years) if years else None
    return out


def _blend(stops: Sequence[str], t: float) -> str:
    """The colour at ``t`` in [0, 1] along a gradient through ``stops``."""
    t = min(max(t, 0.0), 1.0) * (len(stops) - 1)
    i = min(int(t), len(stops) - 2)
    a, b = (tuple(int(c[k : k + 2], 16) for k in (1, 3, 5)) for c in stops[i : i + 2])
    f = t - i
    return "#" + "".join(f"{round(x + (y - x) * f):02x}" for x, y in zip(a, b, strict=True))


def coloring(
    sub: nx.Graph, years: dict[str, float | None], by: str = "type"
) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Each node's colour and the legend, by concept type, Louvain cluster (the largest clusters of
    this view get colours, named by their most frequent concept) or mean publication year (``years``,
    from ``mean_years``, which the tooltips show too)."""
    if by not in COLOR_BY:
        raise UsageError(f"unknown colouring {by!r}; choose one of {', '.join(COLOR_BY)}")
    nodes = list(sub.nodes)
    if by == "type":
        colors = {n: TYPE_COLORS.get(sub.nodes[n]["type"], TYPE_COLORS["other"]) for n in nodes}
        present = {sub.nodes[n]["type"] for n in nodes}
        return colors, [(t, c) for t, c in TYPE_COLORS.items() if t in present]
    if by == "community":
        members: dict[object, list[str]] = {}
        for n in nodes:
            members.setdefault(sub.nodes[n].get("community"), []).append(n)
        rank = lambda n: (-(sub.nodes[n].get("frequency") or 0), sub.nodes[n]["key"])  # noqa: E731
        clusters = sorted(members.items(), key=lambda t: (-len(t[1]), min(rank(m) for m in t[1])))
        shown = community_colors([c for c, _ in clusters[: len(CLUSTER_COLORS)]])
        colors, legend = {}, []
        for community, ms in clusters:
            color = shown.get(community, NO_VALUE_COLOR)
            colors.update(dict.fromkeys(ms, color))
            if community in shown:
                # the community's own number, as tooltips, queries, exports and Neo4j give it
                legend.append((f"community {community}: {sub.nodes[min(ms, key=rank)]['name']} ({len(ms)})", color))
        rest = sum(len(ms) for _, ms in clusters[len(CLUSTER_COLORS) :])
        if rest:
            legend.append((f"{len(clusters) - len(CLUSTER_COLORS)} smaller communities ({rest})", NO_VALUE_COLOR))
        return colors, legend
    known = sorted(years[n] for n in nodes if years[n] is not None)
    if not known:
        raise UsageError("no paper in this view has a publication year; colour by type or community instead")
    lo, hi = known[0], known[-1]
    span = hi - lo or 1.0
    colors = {n: NO_VALUE_COLOR if years[n] is None else _blend(YEAR_STOPS, (years[n] - lo) / span) for n in nodes}
    marks = {f"mean year {lo + span * i / 4:.1f}": _blend(YEAR_STOPS, i / 4) for i in range(5 if hi > lo else 1)}
    legend = list(marks.items())
    if len(known) < len(nodes):
        legend.append((f"no year ({len(nodes) - len(known)})", NO_VALUE_COLOR))
    return colors, legend


def community_colors(communities: Sequence[object]) -> dict[object, str]:
    """A palette colour for each of ``communities`` (at most one per colour), chosen by the community's
    number: community n takes colour n mod 9 unless a lower-numbered one took it, then the next free one.

    Community numbers survive rebuilds (:func:`graph.build.stable_labels`), so a topic keeps its colour
    when papers are added, where colouring by size rank would swap colours whenever two sizes swap.
    """
    k = len(CLUSTER_COLORS)
    taken: dict[int, object] = {}
    numbered = sorted(communities, key=lambda c: (not isinstance(c, int), c if isinstance(c, int) else 0))
    for c in numbered:
        want = c % k if isinstance(c, int) else 0
        slot = next(j % k for j in range(want, want + k) if j % k not in taken)
        taken[slot] = c
    return {c: CLUSTER_COLORS[slot] for slot, c in taken.items()}


def top_concepts(g: nx.DiGraph, top: int, types: Sequence[str] = ()) -> list[str]:
    """The ``top`` most frequent concepts, of the given types only when ``types`` names some.

    The filter comes before the cut, so "the 100 top methods and datasets" is
    100 concepts, not those of the overall top 100 that happen to be either.
    """
    nodes = [
        (n, d) for n, d in g.nodes(data=True) if d.get("label") == "Concept" and (not types or d.get("type") in types)
    ]
    nodes.sort(key=lambda t: (-(t[1].get("frequency") or 0), -(t[1].get("pagerank") or 0), t[1]["key"]))
    return [n for n, _ in nodes[:top]]


def concept_map(
    g: nx.DiGraph, top: int = 100, min_count: int = 1, types: Sequence[str] = (), color: str = "type"
) -> str:
    """HTML of the top-N concepts by frequency (of ``types`` only, if given) and their co-occurrence edges,
    coloured by type, Louvain cluster or mean publication year (``color``)."""
    cg = concept_graph(g)
    keep = checked_top(g, top, types)
    sub = induced(cg, keep)
    sub.remove_edges_from([(a, b) for a, b, e in sub.edges(data=True) if e["count"] < min_count])
    years = mean_years(g, sub.nodes)
    colors, legend = coloring(sub, years, color)
    net = _network(sub, g, colors, years)
    kinds = " / ".join(types) + " " if types else ""
    subtitle = f"top {sub.number_of_nodes()} {kinds}concepts, {sub.number_of_edges()} co-occurrence edges"
    return _render("Concept map", subtitle, net, legend)


def checked_top(g: nx.DiGraph, top: int, types: Sequence[str] = ()) -> list[str]:
    """``top_concepts``, or a usage error that says why there is nothing to draw."""
    keep = top_concepts(g, top, types)
    if keep:
        return keep
    if types and top_concepts(g, 1):
        present = sorted({d.get("type") for _, d in g.nodes(data=True) if d.get("label") == "Concept"})
        raise UsageError(f"no concepts of type {', '.join(types)}; this graph has {', '.join(present)}")
    raise UsageError("the graph has no concepts yet; run `conceptgraph build PATH` first")


def find_concept(g: nx.DiGraph, name: str) -> str:
    """Resolve a user-typed concept name (key, label or alias) to a node id."""
    key = find_concept_key(g, name)
    if key is None:
        raise UsageError(f"no concept named {name!r}; see `conceptgraph concepts` for names")
    return f"Concept:{key}"


def ego_view(g: nx.DiGraph, concept: str, top: int = 30, color: str = "type", types: Sequence[str] = ()) -> str:
    """HTML of one concept and its strongest neighbours by association strength (of ``types`` only, if
    given: "the datasets most associated with ViT")."""
    cg = concept_graph(g)
    center = find_concept(g, concept)
    nbrs = sorted(
        ((n, e) for n, e in cg[center].items() if not types or cg.nodes[n].get("type") in types),
        key=lambda t: (-t[1]["association"], -t[1]["count"], t[0]),
    )[:top]
    sub = induced(cg, [center] + [n for n, _ in nbrs])
    years = mean_years(g, sub.nodes)
    colors, legend = coloring(sub, years, color)
    net = _network(sub, g, colors, years, focus=center)
    name = g.nodes[center]["name"]
    kinds = " " + " / ".join(types) if types else ""
    return _render(f"Concept: {name}", f"{len(nbrs)} strongest{kinds} neighbours", net, legend)


KIND_COLORS = {"Paper": "#1f77b4", "Work": "#9e9e9e"}
_REL_LABEL = {
    "CITES": "cites",
    "COUPLED": "coupled (shared references)",
    "COCITED": "co-cited",
    "BUILDS_ON": "builds on",
    "MENTIONS": "mentions",
    "INTRODUCES": "introduces",
}


def paper_view(g: nx.DiGraph, paper: str, top: int = 30) -> str:
    """HTML of one paper's citation neighbourhood (references, citers, coupled and
    co-cited papers, BUILDS_ON links) together with its concepts."""
    from pyvis.network import Network

    center = f"Paper:{paper}"
    if center not in g:
        raise UsageError(f"no paper {paper!r}; see `conceptgraph papers` or `query paper_citations` for ids")
    links: list[tuple[str, str, str, dict]] = []  # (a, b, rel, data) touching the paper
    for _, b, d in g.out_edges(center, data=True):
        if d["type"] in _REL_LABEL:
            links.append((center, b, d["type"], d))
    for a, _, d in g.in_edges(center, data=True):
        if d["type"] in _REL_LABEL:
            links.append((a, center, d["type"], d))
    concepts = [(a, b, r, d) for a, b, r, d in links if r in ("MENTIONS", "INTRODUCES")]
    concepts.sort(key=lambda t: (t[2] != "INTRODUCES", -(t[3].get("score") or 0), t[1]))
    papers = [t for t in links if t[2] not in ("MENTIONS", "INTRODUCES")]
    papers.sort(key=lambda t: (t[2], t[0] if t[1] == center else t[1]))
    keep = [center] + list(dict.fromkeys(t[1] for t in concepts))[:top]
    keep += list(dict.fromkeys(t[1] if t[0] == center else t[0] for t in papers))[: max(top, 1) * 3]
    keep_set = set(keep)
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    for n in dict.fromkeys(keep):
        d = g.nodes[n]
        label = d["label"]
        if label == "Concept":
            color, tip = TYPE_COLORS.get(d["type"], TYPE_COLORS["other"]), f"{d['name']} ({d['type']})"
        else:
            color = KIND_COLORS[label]
            tip = "\n".join(x for x in (f"{d['name']}", f"{label} {d['id']}", f"year: {d.get('year') or '?'}") if x)
        net.add_node(
            n,
            label=(d["name"] or d.get("id") or "")[:60],
            title=tip,
            color=color,
            size=28 if n == center else (14 if label == "Concept" else 18),
            shape="dot" if label == "Concept" else "square",
            borderWidth=4 if n == center else 1,
        )
        net.nodes[-1]["evidence"] = [tip]
    for a, b, rel, d in concepts + papers:
        if a not in keep_set or b not in keep_set:
            continue
        ev = d.get("evidence")
        evidence = [ev] if isinstance(ev, str) else [str(x) for x in (ev or [])]
        title = f"{g.nodes[a]['name']} {_REL_LABEL[rel]} {g.nodes[b]['name']}"
        _add_edge(
            net,
            a,
            b,
            [title, *evidence],
            title="\n".join([title, *evidence[:5]]),
            arrows="to" if rel in ("CITES", "BUILDS_ON", "MENTIONS", "INTRODUCES") else "",
        )
    net.options = {
        "physics": {"enabled": True, "solver": "forceAtlas2Based", "stabilization": {"iterations": 200, "fit": True}},
        "interaction": {"hover": True, "tooltipDelay": 120},
        "nodes": {"font": {"size": 13}},
        "edges": {"color": {"opacity": 0.5}, "smooth": False},
    }
    n_cit = sum(1 for t in papers if t[2] == "CITES")
    subtitle = f"{n_cit} citation links, {len(papers) - n_cit} other paper links, {len(concepts)} concepts"
    legend = [("paper", KIND_COLORS["Paper"]), ("external work", KIND_COLORS["Work"])]
    legend += [(t, c) for t, c in TYPE_COLORS.items() if any(g.nodes[x[1]].get("type") == t for x in concepts)]
    return _render(f"Paper: {g.nodes[center]['name']}", subtitle, net, legend)

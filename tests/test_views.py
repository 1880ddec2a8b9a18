"""HTML views: offline, escaped, and working in real headless Chromium."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import time

import networkx as nx
import pytest
from click.testing import CliRunner
from conftest import ROOT, chromium_path

from conceptgraph.cli import VIEW_COLORS, cli
from conceptgraph.errors import UsageError
from concepts.typing_rules import TYPES
from graph.build import concept_graph
from graph.views import (
    COLOR_BY,
    TYPE_COLORS,
    checked_top,
    coloring,
    community_colors,
    concept_map,
    ego_view,
    induced,
    mean_years,
)

EVIL = '</script><img src=x onerror="window.pwned=1">{{7*7}} & "quotes"'


def synthetic_graph(n_concepts: int, n_edges: int, evil: bool = False) -> nx.DiGraph:
    """A graph with the workspace's node/edge attributes, for view tests."""
    rng = random.Random(5)
    g = nx.DiGraph()
    types = list(TYPES)
    for i in range(40):
        g.add_node(f"Paper:p{i}", label="Paper", id=f"p{i}", name=(EVIL if evil and i == 0 else f"Paper {i}"))
    for i in range(n_concepts):
        name = EVIL if evil and i == 0 else f"concept {i}"
        g.add_node(
            f"Concept:c{i}",
            label="Concept",
            key=f"c{i}",
            name=name,
            type=types[i % len(types)],
            type_confidence=0.8,
            aliases=[EVIL] if evil else [],
            frequency=1 + (n_concepts - i) % 17,
            community=i % 7,
            pagerank=0.001,
        )
        for p in rng.sample(range(40), 2):
            g.add_edge(f"Paper:p{p}", f"Concept:c{i}", type="MENTIONS", score=0.5)
    seen = set()
    while len(seen) < n_edges:
        a, b = sorted(rng.sample(range(n_concepts), 2))
        if (a, b) in seen:
            continue
        seen.add((a, b))
        g.add_edge(
            f"Concept:c{a}",
            f"Concept:c{b}",
            type="CO_OCCURS",
            count=1 + (a + b) % 4,
            association=0.5 + (a * b) % 7,
            npmi=0.3,
            papers=["p0", "p1"],
        )
    return g


def test_html_escapes_data_and_loads_nothing_remote():
    html = concept_map(synthetic_graph(30, 60, evil=True), top=30)
    assert "</script><img" not in html
    assert "<img src=x" not in html
    assert "\\u003c/script\\u003e\\u003cimg" in html
    for remote in ('src="http', "src='http", 'href="http', "cdn.jsdelivr", "cdnjs", "@import"):
        assert remote not in html
    assert "Content-Security-Policy" in html
    for t in TYPES:  # every type has its colour in the legend
        assert f"</span>{t}</li>" in html


def test_ego_view_of_a_sample_concept(sample_graph):
    html = ego_view(sample_graph, "ViT", top=10)
    assert "Concept: vision transformers" in html
    datasets = ego_view(sample_graph, "ViT", top=10, types=("dataset",))
    assert "9 strongest dataset neighbours" in datasets  # all ViT has
    nodes = _nodes(datasets)
    assert sorted(n["label"] for n in nodes) == [
        "ADE20K",
        "CIFAR-10",
        "CIFAR-100",
        "COCO2017",
        "ImageNet",
        "ImageNet-1K",
        "ImageNet-R",
        "ImageNet-v2 test set",
        "image classification benchmarks",
        "vision transformers",
    ]
    assert {n["color"] for n in nodes if n["label"] != "vision transformers"} == {TYPE_COLORS["dataset"]}


def _open(path, chromium, actions=None) -> dict:
    """Load ``path`` in headless Chromium; ``actions(page)`` may then use the page and return more facts."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        page = browser.new_page()
        errors: list[str] = []
        requests: list[str] = []
        dialogs: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        t0 = time.perf_counter()
        page.goto(path.as_uri())
        page.wait_for_function("window.conceptgraphReady === true", timeout=60_000)
        page.wait_for_timeout(300)
        info = {
            "seconds": time.perf_counter() - t0,
            "errors": errors,
            "requests": requests,
            "dialogs": dialogs,
            "pwned": page.evaluate("window.pwned === 1"),
            "canvas": page.evaluate("document.querySelectorAll('#graph canvas').length"),
            "title": page.title(),
        }
        if actions is not None:
            info.update(actions(page))
        browser.close()
        return info


@pytest.mark.browser
def test_concept_map_in_headless_chromium(sample_graph, tmp_path):
    chromium = chromium_path()
    path = tmp_path / "concept-map.html"
    path.write_text(concept_map(sample_graph, top=150), encoding="utf-8")
    info = _open(path, chromium)
    assert info["errors"] == []
    assert info["requests"] == [path.as_uri()]
    assert info["canvas"] == 1
    assert info["title"] == "Concept map"


@pytest.mark.browser
def test_hostile_names_do_not_execute(tmp_path):
    chromium = chromium_path()
    path = tmp_path / "evil.html"
    path.write_text(concept_map(synthetic_graph(30, 60, evil=True), top=30), encoding="utf-8")
    info = _open(path, chromium)
    assert info["errors"] == [] and info["dialogs"] == [] and info["pwned"] is False
    assert info["requests"] == [path.as_uri()]


_RENDER = """
import hashlib, sys
from graph.build import load_graph
from graph.views import concept_map, ego_view
from graph.workspace import Workspace
with Workspace(sys.argv[1], create=False) as ws:
    g = load_graph(ws)
for html in (concept_map(g, top=150), concept_map(g, top=1000), ego_view(g, "ViT")):
    print(hashlib.sha1(html.encode()).hexdigest())
"""


def test_the_same_workspace_draws_the_same_maps_in_every_process(sample_db):
    """Layouts and clusterings are seeded, and every subgraph iterates in a fixed order: networkx's
    induced subgraphs followed a set's order, which string hashing changes per process."""
    runs = [
        subprocess.run(
            [sys.executable, "-c", _RENDER, str(sample_db)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        for seed in ("1", "2")
    ]
    assert len(runs[0]) == 3 and runs[0] == runs[1]


@pytest.mark.browser
def test_a_5000_node_map_renders(tmp_path):
    chromium = chromium_path()
    path = tmp_path / "big.html"
    path.write_text(concept_map(synthetic_graph(5000, 15000), top=5000), encoding="utf-8")
    info = _open(path, chromium)
    print(f"5000 nodes / 15000 edges ready in {info['seconds']:.2f}s")
    assert info["errors"] == [] and info["canvas"] == 1


@pytest.mark.browser
def test_paper_view_in_headless_chromium(citation_graph, tmp_path):
    """`view --paper`: one paper's references, citers and concepts draw without errors or remote loads."""
    from graph.views import paper_view

    chromium = chromium_path()
    path = tmp_path / "paper.html"
    path.write_text(paper_view(citation_graph, "arxiv:2212.11790"), encoding="utf-8")
    info = _open(path, chromium)
    assert info["errors"] == [] and info["dialogs"] == [] and info["canvas"] == 1
    assert info["requests"] == [path.as_uri()]
    assert info["title"] == "Paper: Normalized Contrastive Learning for Text-Video Retrieval"


def _edges(html: str) -> list[dict]:
    return json.loads(re.search(r"var edges = new vis\.DataSet\((.*?)\);\n", html).group(1))


def _nodes(html: str) -> list[dict]:
    """The node records a page hands to vis-network."""
    return json.loads(re.search(r"var nodes = new vis\.DataSet\((.*?)\);\n", html).group(1))


def test_a_map_without_its_weakest_edges(sample_db, sample_graph, tmp_path):
    """--min-cooccurrence 2 keeps the 150 concepts but only the 80 of their 591 edges backed by two papers."""
    out = tmp_path / "thin.html"
    args = ["view", "--db", str(sample_db), "--top", "150", "-o", str(out)]
    r = CliRunner().invoke(cli, [*args, "--min-cooccurrence", "2"])
    assert r.exit_code == 0, r.output
    html = out.read_text(encoding="utf-8")
    assert "top 150 concepts, 80 co-occurrence edges" in html
    counts = [int(re.search(r": (\d+) papers$", e["evidence"][0]).group(1)) for e in _edges(html)]
    assert len(counts) == 80 and min(counts) == 2
    assert "top 150 concepts, 591 co-occurrence edges" in concept_map(sample_graph, top=150)


def test_a_map_of_chosen_types(sample_graph):
    """--type picks concepts before the cut: the 20 most frequent datasets, each drawn as a dataset."""
    html = concept_map(sample_graph, top=20, types=("dataset",))
    assert "top 20 dataset concepts, 14 co-occurrence edges" in html
    nodes = _nodes(html)
    assert len(nodes) == 20 and {n["color"] for n in nodes} == {TYPE_COLORS["dataset"]}
    assert "ImageNet" in {n["label"] for n in nodes}


def test_a_type_filter_that_matches_nothing_names_the_types_there():
    g = synthetic_graph(3, 2)  # a method, a dataset and a task
    with pytest.raises(UsageError, match="no concepts of type metric; this graph has dataset, method, task"):
        concept_map(g, types=("metric",))


def test_a_community_keeps_its_colour_when_sizes_swap():
    """Colours go by community number, not by size rank: an update that makes community 4 larger than 2
    leaves both their colours."""
    assert (
        community_colors([2, 4, 0])
        == community_colors([4, 2, 0])
        == {
            0: "#1f77b4",
            2: "#2ca02c",
            4: "#9467bd",
        }
    )
    assert community_colors([0, 9, 18]) == {0: "#1f77b4", 9: "#ff7f0e", 18: "#2ca02c"}  # 9 and 18 want 0's


def test_colour_by_cluster_and_by_mean_year(sample_graph):
    """The legend names each of the largest communities by its number (the one tooltips and queries give) and
    its most frequent concept (VOSviewer's cluster view),
    or gives the mean-year scale of the overlay view; concepts without dated papers are grey."""
    sub = induced(concept_graph(sample_graph), checked_top(sample_graph, 150))
    years = mean_years(sample_graph, sub.nodes)
    colors, legend = coloring(sub, years, "community")
    assert legend[:3] == [
        ("community 3: catastrophic forgetting (11)", "#d62728"),
        ("community 1: vision transformers (11)", "#ff7f0e"),
        ("community 2: convolutional neural networks (9)", "#2ca02c"),
    ]
    assert legend[-1] == ("20 smaller communities (72)", "#c8c8c8") and len(legend) == 10
    # a community's colour follows its number, which rebuilds keep: community 0 takes the first colour, 14
    # (artificial intelligence), which wants 5's, the first one left free after it, 7's, and 18, which wants 0's, 8's
    assert colors["Concept:imagenet"] == "#1f77b4" and legend[5] == ("community 0: ImageNet (8)", "#1f77b4")
    assert legend[7] == ("community 14: artificial intelligence (7)", "#bcbd22")
    assert legend[8] == ("community 18: data augmentation (7)", "#17becf")
    colors, legend = coloring(sub, years, "year")
    assert legend == [
        ("mean year 2015.0", "#440154"),
        ("mean year 2017.2", "#3b528b"),
        ("mean year 2019.5", "#21918c"),
        ("mean year 2021.8", "#5ec962"),
        ("mean year 2024.0", "#fde725"),
        ("no year (84)", "#c8c8c8"),
    ]
    assert colors["Concept:vision transformer"] == "#4ab670"  # papers of 2021 on average
    html = concept_map(sample_graph, top=150, color="year")
    assert "mean year 2021.8</li>" in html and "mean year: 2021.0" in html  # legend and tooltip


def test_view_usage_errors(sample_db, tmp_path):
    assert VIEW_COLORS == list(COLOR_BY)
    run = CliRunner().invoke
    out = str(tmp_path / "v.html")
    r = run(cli, ["view", "--db", str(sample_db), "--paper", "x", "--type", "task", "-o", out])
    assert r.exit_code == 2 and "not of --paper" in r.output
    r = run(cli, ["view", "--db", str(sample_db), "--paper", "x", "--color", "year", "-o", out])
    assert r.exit_code == 2 and "--color applies to concept views" in r.output
    r = run(cli, ["view", "--db", str(sample_db), "--concept", "ViT", "--min-cooccurrence", "2", "-o", out])
    assert r.exit_code == 2 and "--min-cooccurrence thins the map" in r.output
    r = run(cli, ["view", "--db", str(sample_db), "--color", "size", "-o", out])
    assert r.exit_code == 2 and "'size' is not one of 'type', 'community', 'year'" in r.output
    assert not (tmp_path / "v.html").exists()


def _find(page, text: str, times: int = 1) -> dict:
    for _ in range(times):
        page.fill("#find", text)
        page.press("#find", "Enter")
    return {
        "found": page.text_content("#found"),
        "evidence": page.text_content("#evidence").splitlines()[0],
    }


@pytest.mark.browser
def test_find_a_concept_in_the_map(sample_graph, tmp_path):
    """The find box matches names and aliases (exact first) and steps through matches with Enter."""
    chromium = chromium_path()
    path = tmp_path / "map.html"
    path.write_text(concept_map(sample_graph, top=1000, color="community"), encoding="utf-8")

    def actions(page) -> dict:
        return {
            "vit": _find(page, "ViT"),
            "transformer": _find(page, "transformer", times=2),
            "none": _find(page, "no such concept"),
        }

    info = _open(path, chromium, actions)
    assert info["errors"] == [] and info["requests"] == [path.as_uri()]
    # the alias "ViT" first, then names holding the letters ("ResidualViT", "temporal activity localization")
    assert info["vit"] == {"found": "1 of 3", "evidence": "vision transformers: 14 papers"}
    # Enter again steps to the next match
    assert info["transformer"] == {"found": "2 of 13", "evidence": "transformers: 10 papers"}
    assert info["none"]["found"] == "no node matches"


@pytest.mark.browser
def test_legend_entries_hide_and_show_their_nodes(sample_graph, tmp_path):
    """On a map coloured by type, clicking "dataset" hides the dataset nodes and clicking again shows them;
    the mean-year scale is no set of parts, so its legend does not toggle."""
    chromium = chromium_path()
    path = tmp_path / "map.html"
    html = concept_map(sample_graph, top=150)
    path.write_text(html, encoding="utf-8")
    datasets = sum(n["color"] == TYPE_COLORS["dataset"] for n in _nodes(html))
    hidden = "window.conceptgraph.nodes.get({filter: function (n) { return n.hidden === true; }}).length"
    entry = f"li.toggle[data-color='{TYPE_COLORS['dataset']}']"

    def actions(page) -> dict:
        page.click(entry)
        after_one = page.evaluate(hidden)
        found = _find(page, "ImageNet")["found"]  # hidden nodes are not searched
        page.click(entry)
        return {"hidden": after_one, "found": found, "shown": page.evaluate(hidden)}

    info = _open(path, chromium, actions)
    assert info["errors"] == [] and info["requests"] == [path.as_uri()]
    assert datasets == 17 and info["hidden"] == 17 and info["shown"] == 0
    # "ImageNet classification" and "ImageNet zero-shot accuracy" are left; the datasets ("ImageNet",
    # "ImageNet-1K") are hidden
    assert info["found"] == "1 of 2"
    assert 'class="toggle"' not in concept_map(sample_graph, top=150, color="year")

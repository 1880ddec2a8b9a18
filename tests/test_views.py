"""HTML views: offline, escaped, and working in real headless Chromium."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time

import networkx as nx
import pytest
from conftest import ROOT, chromium_path

from concepts.typing_rules import TYPES
from graph.views import concept_map, ego_view

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


def _open(path, chromium) -> dict:
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

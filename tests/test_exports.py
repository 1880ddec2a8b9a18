"""Exports for Gephi, Cytoscape, VOSviewer and code: read back with the readers those tools' users have."""

from __future__ import annotations

import io
import json

import networkx as nx
import pytest
from click.testing import CliRunner

from conceptgraph.cli import EXPORT_FORMATS, cli
from graph.build import concept_graph
from graph.exports import FORMATS, export, select, to_vosviewer

VIT = "Concept:vision transformer"


def test_cli_offers_every_export_format():
    assert EXPORT_FORMATS == list(FORMATS)


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_concept_layer_reads_back_whole(sample_graph, fmt):
    """Every concept and co-occurrence edge comes back, a concept's name is the label Gephi shows, and an
    edge still names the papers behind it (lists travel as JSON text where the format holds only scalars)."""
    text = export(sample_graph, fmt)[""]
    if fmt == "json":
        back = nx.node_link_graph(json.loads(text), edges="edges")
    elif fmt == "graphml":
        back = nx.parse_graphml(text)
    else:
        back = nx.read_gexf(io.BytesIO(text.encode("utf-8")))
    cg = concept_graph(sample_graph)
    assert (back.number_of_nodes(), back.number_of_edges()) == (2468, 13053) == (len(cg), cg.number_of_edges())
    vit = back.nodes[VIT]
    aliases = vit["aliases"] if fmt == "json" else json.loads(vit["aliases"])
    assert (vit["label"], vit["kind"], vit["concept_key"], vit["type"], vit["frequency"]) == (
        "vision transformers",
        "Concept",
        "vision transformer",
        "architecture",
        14,
    )
    assert aliases == ["ViT", "Vision Transformer", "Vision Transformers"] + [
        "vision Transformer models",
        "vision Transformers",
        "vision transformer",
    ]
    edge = back.edges[VIT, "Concept:imagenet"]
    papers = edge["papers"] if fmt == "json" else json.loads(edge["papers"])
    assert (edge["relationship"], edge["count"], papers) == ("CO_OCCURS", 2, ["t27a49863d1d9e45b", "t5e14ebce4c62fb0a"])


def test_full_graph_keeps_every_kind_and_relationship(sample_graph):
    back = nx.parse_graphml(export(sample_graph, "graphml", layer="full")[""], force_multigraph=True)
    kinds = {}
    for _, d in back.nodes(data=True):
        kinds[d["kind"]] = kinds.get(d["kind"], 0) + 1
    assert kinds == {"Concept": 2468, "Paper": 344, "Author": 3}
    assert back.number_of_edges() == sample_graph.number_of_edges()
    paper = back.nodes["Paper:a567695d534206279"]
    assert paper["paper_id"] == "a567695d534206279" and paper["kind"] == "Paper"


def test_paper_layer_is_the_citation_network(citation_graph):
    """Papers and the works they cite, with the edges Connected Papers and Inciteful users draw."""
    back = nx.parse_graphml(export(citation_graph, "graphml", layer="papers")[""], force_multigraph=True)
    kinds: dict[str, int] = {}
    for _, d in back.nodes(data=True):
        kinds[d["kind"]] = kinds.get(d["kind"], 0) + 1
    rels: dict[str, int] = {}
    for *_, d in back.edges(data=True):
        rels[d["relationship"]] = rels.get(d["relationship"], 0) + 1
    assert kinds == {"Paper": 1393, "Work": 7829}
    assert rels == {"CITES": 7845, "COUPLED": 8, "BUILDS_ON": 5}
    coupled = back.get_edge_data("Paper:arxiv:2212.11772", "Paper:arxiv:2212.11790")
    assert [(d["shared"], json.loads(d["evidence"])) for d in coupled.values()] == [
        (1, ["Work:doi:10.1109/cvpr.2016.90"])
    ]


def test_vosviewer_map_and_network_files(sample_db, tmp_path):
    """The five most frequent concepts as VOSviewer reads them: clusters 1.. by size, links, total link
    strength (summed co-occurrence counts), occurrences; no year column, since not every paper has a year."""
    out = tmp_path / "terms.txt"
    r = CliRunner().invoke(
        cli, ["export", "--db", str(sample_db), "--format", "vosviewer", "--top", "5", "-o", str(out)]
    )
    assert r.exit_code == 0, r.output
    assert r.output.splitlines() == [f"wrote {tmp_path / 'terms_map.txt'}", f"wrote {tmp_path / 'terms_network.txt'}"]
    assert (tmp_path / "terms_map.txt").read_text(encoding="utf-8").splitlines() == [
        "id\tlabel\tcluster\tweight<Links>\tweight<Total link strength>\tweight<Occurrences>",
        "1\tcatastrophic forgetting\t3\t0\t0\t15",
        "2\tconvolutional neural networks\t2\t2\t5\t41",
        "3\tdeep reinforcement learning\t5\t2\t2\t14",
        "4\tImageNet\t1\t2\t5\t35",
        "5\tnatural language processing\t4\t2\t2\t22",
    ]
    assert (tmp_path / "terms_network.txt").read_text().splitlines() == [
        "2\t3\t1",
        "2\t4\t4",
        "3\t5\t1",
        "4\t5\t1",
    ]


def test_vosviewer_overlay_year_is_the_mean_year_of_a_concepts_papers():
    """The score column VOSviewer's overlay view colours by, written only when every concept has one."""
    g = nx.MultiDiGraph()
    for pid, year in (("a", 2019), ("b", 2020), ("c", 2022), ("d", None)):
        g.add_node(f"Paper:{pid}", label="Paper", id=pid, name=pid, year=year)
    for key, papers in (("gan", "abc"), ("vae", "cd")):
        g.add_node(f"Concept:{key}", label="Concept", key=key, name=key.upper(), type="method", frequency=len(papers))
        g.nodes[f"Concept:{key}"]["community"] = 0
        for pid in papers:
            g.add_edge(f"Paper:{pid}", f"Concept:{key}", type="MENTIONS", score=0.5)
    g.add_edge("Concept:gan", "Concept:vae", type="CO_OCCURS", count=1, papers=["c"], association=1.0, npmi=0.1)
    map_text, network_text = to_vosviewer(select(g), g)
    assert map_text.splitlines() == [
        "id\tlabel\tcluster\tweight<Links>\tweight<Total link strength>\tweight<Occurrences>\tscore<Avg. pub. year>",
        "1\tGAN\t1\t1\t1\t3\t2020.33",
        "2\tVAE\t1\t1\t1\t2\t2022",
    ]
    assert network_text == "1\t2\t1\n"
    g.nodes["Paper:c"]["year"] = None  # now VAE has no dated paper: no score column at all
    assert "score<" not in to_vosviewer(select(g), g)[0]


def test_export_of_chosen_types(sample_db, tmp_path):
    """--type picks concepts before --top: the sample's 203 datasets, or its 5 most frequent."""
    out = tmp_path / "datasets.json"
    r = CliRunner().invoke(
        cli, ["export", "--db", str(sample_db), "--format", "json", "--type", "dataset", "-o", str(out)]
    )
    assert r.exit_code == 0, r.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["nodes"]) == 203 and {n["type"] for n in data["nodes"]} == {"dataset"}
    r = CliRunner().invoke(
        cli,
        ["export", "--db", str(sample_db), "--format", "vosviewer", "--type", "metric", "--type", "dataset"]
        + ["--top", "3", "-o", str(tmp_path / "m.txt")],
    )
    assert r.exit_code == 0, r.output
    labels = [line.split("\t")[1] for line in (tmp_path / "m_map.txt").read_text(encoding="utf-8").splitlines()[1:]]
    assert labels == ["CIFAR-10", "COCO", "ImageNet"]  # no metric is in 3 papers


def test_export_to_standard_output(sample_db):
    r = CliRunner().invoke(cli, ["export", "--db", str(sample_db), "--format", "json", "--top", "2", "-o", "-"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert sorted(n["label"] for n in data["nodes"]) == ["ImageNet", "convolutional neural networks"]
    assert [(e["source"], e["target"], e["count"]) for e in data["edges"]] == [
        ("Concept:convolutional neural network", "Concept:imagenet", 4)
    ]


def test_export_usage_errors(sample_db, tmp_path):
    run = CliRunner().invoke
    r = run(
        cli, ["export", "--db", str(sample_db), "--format", "vosviewer", "--layer", "full", "-o", str(tmp_path / "x")]
    )
    assert r.exit_code == 2 and "--layer concepts" in r.output
    r = run(cli, ["export", "--db", str(sample_db), "--format", "gexf", "--layer", "full", "--top", "5", "-o", "x"])
    assert r.exit_code == 2 and "--top" in r.output
    r = run(
        cli, ["export", "--db", str(sample_db), "--format", "json", "--layer", "papers", "--type", "task", "-o", "x"]
    )
    assert r.exit_code == 2 and "--type" in r.output
    r = run(cli, ["export", "--db", str(sample_db), "--format", "vosviewer", "-o", "-"])
    assert r.exit_code == 2 and "give -o FILE" in r.output
    r = run(cli, ["export", "--db", str(tmp_path / "none.db"), "--format", "json", "-o", str(tmp_path / "x.json")])
    assert r.exit_code == 2 and "no workspace" in r.output and not (tmp_path / "x.json").exists()


def test_communities_query_names_the_maps_topics(sample_graph):
    """The topics of the sample, largest first, each named by its most frequent concepts (local twin; the
    differential test holds Neo4j to the same rows)."""
    from queries.runner import run

    assert run("communities", {"limit": 3, "top": 3}, "local", graph=sample_graph) == [
        {
            "community": 0,
            "concepts": 164,
            "papers": 60,
            "top_concepts": ["ImageNet", "ResNet", "CIFAR-10"],
        },
        {
            "community": 1,
            "concepts": 149,
            "papers": 53,
            "top_concepts": ["vision transformers", "transformers", "BERT"],
        },
        {
            "community": 2,
            "concepts": 145,
            "papers": 57,
            "top_concepts": ["convolutional neural networks", "image classification", "InceptionV3"],
        },
    ]

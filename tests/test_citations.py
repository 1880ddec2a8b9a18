"""The citation layer: loaders that carry references, identity across sources,
CITES / coupling / co-citation, INTRODUCES / BUILDS_ON, author keys, bad input."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner
from conftest import ROOT, corpus

from conceptgraph.cli import cli
from concepts.normalize import concept_key
from graph import pipeline
from graph.build import load_graph
from graph.citations import citation_layer
from graph.lineage import find_lineage
from graph.workspace import Workspace
from loaders import load_paths, read_text, sniff
from loaders.ids import normalize_ids
from loaders.names import resolve_keys
from loaders.records import Paper
from queries.catalog import catalog
from queries.runner import run

FIX = ROOT / "tests" / "fixtures" / "citations"


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("openalex.json", "openalex"),
        ("s2.json", "semantic-scholar"),
        ("s2orc.jsonl", "s2orc"),
        ("unarxive.jsonl", "unarxive"),
        ("arxiv.jsonl", "arxiv"),
        ("refs.bib", "bibtex"),
        ("refs.ris", "ris"),
        ("crossref.json", "crossref"),
        ("../wos/savedrecs.txt", "wos"),
        ("../medline/pubmed.nbib", "medline"),
    ],
)
def test_each_format_is_sniffed(name, fmt):
    path = FIX / name
    assert sniff(path, read_text(path)) == fmt


def test_openalex_rebuilds_the_abstract_and_keeps_every_id():
    (p,) = load_paths([FIX / "openalex.json"]).papers
    assert p.id == "doi:10.7717/peerj.4375"
    assert p.abstract == "Despite growing interest in Open Access"
    assert p.ids == {"doi": "10.7717/peerj.4375", "openalex": "W2741809807", "pmid": "29456894", "mag": "2741809807"}
    assert (p.year, p.date, p.venue) == (2018, "2018-02-13", "PeerJ")
    assert p.references == [{"ids": {"openalex": "W1000"}}, {"ids": {"openalex": "W2000"}}]


def test_semantic_scholar_references_and_citations():
    (p,) = load_paths([FIX / "s2.json"]).papers
    assert p.ids["doi"] == "10.18653/v1/2020.acl-main.447" and p.ids["corpusid"] == "215416146"
    assert p.references[0]["ids"] == {"arxiv": "1810.04805", "s2": "df2b0e26d0599ce3e70df8a9da02e51594e0e992"}
    assert p.cited_by == [{"ids": {"s2": "aaaa0e26d0599ce3e70df8a9da02e51594e0e992"}, "title": "A later paper"}]


def test_crossref_reference_list_with_and_without_doi():
    (p,) = load_paths([FIX / "crossref.json"]).papers
    assert (p.id, p.year, p.date, p.authors) == ("doi:10.1000/xyz123", 1952, "1952-05", ["Hopper, Grace"])
    assert p.abstract == "Compilers translate programs."
    assert p.references == [{"ids": {"doi": "10.7717/peerj.4375"}}, {"text": "Turing A. On computable numbers. 1936."}]


def test_arxiv_snapshot_strips_versions_and_keeps_doi():
    (p,) = load_paths([FIX / "arxiv.jsonl"]).papers
    assert p.ids == {"doi": "10.1103/physrevd.76.013009", "arxiv": "0704.0001"}
    assert p.title == "Calculation of prompt diphoton production cross sections"
    assert p.authors == ["Balázs, C.", "Berger, E. L."] and p.year == 2007


def test_web_of_science_records_wrapped_values_and_cited_references():
    """The plain-text export bibliometrix, VOSviewer and CiteSpace read: wrapped titles and abstracts join,
    authors and cited references are one per line, and a DOI in a reference links paper to paper."""
    result = load_paths([FIX.parent / "wos" / "savedrecs.txt"])
    resnet, densenet = result.papers
    assert (resnet.id, resnet.title, resnet.authors, resnet.year, resnet.date) == (
        "doi:10.1109/cvpr.2016.90",
        "Deep Residual Learning for Image Recognition",
        ["He, Kaiming", "Zhang, Xiangyu"],
        2016,
        "JUN 2016",
    )
    assert resnet.venue == "2016 IEEE CONFERENCE ON COMPUTER VISION AND PATTERN RECOGNITION (CVPR)"
    assert resnet.references == [
        {"year": 2012, "text": "Krizhevsky A, 2012, ADV NEURAL INFORM PR, V25, P1097"},
        {"year": 2015, "text": "Ioffe S, 2015, PR MACH LEARN RES, V37, P448"},
    ]
    assert (densenet.id, densenet.abstract, densenet.date) == (
        "pmid:31150001",
        "Recent work has shown that convolutional networks can be substantially deeper.",
        "2017 JUL 21",
    )
    assert densenet.references[0]["ids"] == {"doi": "10.1109/cvpr.2016.90"}
    # the authors' keywords (DE), wrapped over lines; Keywords Plus (ID) are Web of Science's own
    assert (resnet.keywords, densenet.keywords) == (
        ["Residual learning", "Image recognition", "Review", "Shortcut connections"],
        [],
    )
    assert [(s.position, s.reason) for s in result.skipped] == [
        (41, "malformed Web of Science record: file ends before 'ER'")
    ]
    layer = citation_layer(result.papers)
    assert ("Paper", densenet.id, "Paper", resnet.id) in layer.cites
    # both cite the same printed reference: bibliographic coupling without any identifier
    assert [(a, b, n) for a, b, n, *_ in layer.coupling] == [(resnet.id, densenet.id, 1)]


def test_medline_takes_its_own_doi_and_not_those_of_the_papers_it_names(tmp_path):
    """PubMed's export names comments on a paper (CIN) with their DOIs; only LID/AID ``[doi]`` are its own."""
    path = FIX.parent / "medline" / "pubmed.nbib"
    plain = tmp_path / "pubmed-export.txt"  # PubMed also saves it as .txt: sniffed by content
    plain.write_text(path.read_text())
    assert sniff(plain, read_text(plain)) == "medline"
    result = load_paths([path])
    corona, fly = result.papers
    assert (corona.id, corona.title, corona.authors, corona.year, corona.date, corona.venue) == (
        "doi:10.1056/nejmoa2001017",
        "A Novel Coronavirus from Patients with Pneumonia in China, 2019",
        ["Zhu, Na", "Zhang, Dingyu"],
        2020,
        "2020 Feb 20",
        "The New England journal of medicine",
    )
    assert corona.ids == {"doi": "10.1056/nejmoa2001017", "pmid": "31978945"}
    assert corona.abstract == (
        "A novel coronavirus was identified in patients with pneumonia of unknown cause by unbiased sequencing of "
        "lower respiratory tract samples."
    )
    assert fly.title.endswith("genetic mutation and oxidative stress in a Drosophila model")
    assert (fly.authors, fly.venue, fly.ids["pmc"]) == (["Angeles DC"], "Hum Mol Genet", "PMC3456789")
    assert [(s.position, s.reason) for s in result.skipped] == [(31, "record has neither title nor abstract")]


def test_bad_records_are_reported_with_file_and_position_and_counted(tmp_path):
    result = load_paths([FIX / "refs.bib", FIX / "refs.ris", FIX / "s2orc.jsonl"])
    got = [(s.source.rsplit("/", 1)[-1], s.position, s.reason) for s in result.skipped]
    assert got == [
        ("refs.bib", 12, "malformed BibTeX entry: entry is not closed (unbalanced braces?)"),
        ("refs.ris", 10, "malformed RIS record: file ends before 'ER  -'"),
        ("s2orc.jsonl", 2, "invalid JSON line: Expecting value"),
        ("s2orc.jsonl", 4, "record has neither title nor abstract"),
    ]
    assert [p.title for p in result.papers] == [
        "The state of OA: a large-scale analysis",
        "Attention Is All You Need",
        "Deep Residual Learning for Image Recognition",
        "Paper one",
        "Paper two",
    ]
    db = tmp_path / "bad.db"
    shutil.copytree(FIX, tmp_path / "in")
    out = CliRunner().invoke(cli, ["-q", "ingest", str(tmp_path / "in"), "--db", str(db)])
    assert out.exit_code == 0, out.output
    stats = json.loads(CliRunner().invoke(cli, ["stats", "--json", "--db", str(db)]).output)
    records = stats["records"]
    assert records == {"read": 14, "papers": 9, "merged": 1, "skipped": 4}  # 9 files, one record merged
    assert records["read"] == records["papers"] + records["merged"] + records["skipped"]


def test_doi_in_unusual_forms_matches_and_one_paper_keeps_both_provenances():
    assert normalize_ids({"doi": "https://doi.org/10.7717/PEERJ.4375"}) == {"doi": "10.7717/peerj.4375"}
    assert normalize_ids({"doi": "doi:10.7717/peerj.4375."}) == {"doi": "10.7717/peerj.4375"}
    assert normalize_ids({"doi": "10.48550/arXiv.1706.03762"}) == {"arxiv": "1706.03762"}
    assert normalize_ids({"arxiv": "arXiv:1706.03762v5"}) == {"arxiv": "1706.03762"}
    result = load_paths([FIX / "openalex.json", FIX / "refs.bib"])
    (p,) = [p for p in result.papers if p.ids.get("doi") == "10.7717/peerj.4375"]
    assert result.merged == 1
    assert [s["format"] for s in p.sources] == ["openalex", "bibtex"]
    assert p.provenance["ids.openalex"]["source"].endswith("openalex.json")
    assert p.provenance["abstract"]["source"].endswith("openalex.json")  # the first source's value wins


def test_records_disagreeing_on_an_identifier_are_different_works(tmp_path):
    a = tmp_path / "a.bib"
    a.write_text(
        "@article{x, title={Same Title}, year=2020, doi={10.1000/a}}\n@article{y, title={Same Title}, year=2020, doi={10.1000/b}}\n"
        "@article{z, title={Same Title}, year=2020}\n@article{w, title={Same Title}, year=2021}\n",
        encoding="utf-8",
    )
    result = load_paths([a])
    # x and y disagree on the DOI; z (no DOI, same year) joins x; w (another year) is its own paper
    assert sorted(p.id for p in result.papers) == ["doi:10.1000/a", "doi:10.1000/b", "tb5c2eec92594e7d8"]
    assert result.merged == 1


def test_citation_layer_of_the_fixtures():
    layer = citation_layer(load_paths([FIX]).papers)
    cites = {(a, s, b, t) for a, s, b, t in layer.cites}
    # Crossref cites the OpenAlex/BibTeX paper by DOI: a paper-to-paper edge
    assert ("Paper", "doi:10.1000/xyz123", "Paper", "doi:10.7717/peerj.4375") in cites
    # unarXive cites ResNet, which the RIS file brought in as a paper
    assert ("Paper", "arxiv:2212.00001", "Paper", "doi:10.1109/cvpr.2016.90") in cites
    # S2ORC: 100 cites 200 (both in the corpus); 400 is an external citer of both
    assert ("Paper", "corpusid:100", "Paper", "corpusid:200") in cites
    assert ("Work", "corpusid:400", "Paper", "corpusid:200") in cites
    assert layer.cocitation == [("corpusid:100", "corpusid:200", 1, ["Work:corpusid:400"])]
    unresolved = [w for w in layer.works if w.key.startswith("ref:")]
    assert [w.text for w in unresolved] == [
        "A. Nobody. An unresolved reference, 2001.",
        "Turing A. On computable numbers. 1936.",
    ]


def test_author_keys_join_orders_and_initials_but_not_surnames():
    keys = resolve_keys(["Heather Piwowar", "Piwowar, Heather", "H. Piwowar", "Piwowar H", "Jason Priem", "Jane Priem"])
    assert keys["Heather Piwowar"] == keys["Piwowar, Heather"] == keys["H. Piwowar"] == keys["Piwowar H"]
    assert keys["Jason Priem"] != keys["Jane Priem"]
    ambiguous = resolve_keys(["J. Priem", "Jason Priem", "Jane Priem"])
    assert ambiguous["J. Priem"] == "priem, j"  # two full names fit: not merged


def test_unarxive_sample_references():
    result = load_paths([corpus("unarxive-sample")])
    assert len(result.papers) == 49
    layer = citation_layer(result.papers)
    assert (layer.references, layer.references_with_ids) == (1786, 633)
    counts = layer.counts()
    assert counts["cites_paper_to_work"] == 1783  # three papers list one work twice
    keyed = [w for w in layer.works if not w.key.startswith("ref:")]
    assert len(keyed) == 627 and len(layer.works) == 1780  # 633 entries with ids name 627 distinct works
    assert counts["coupling_edges"] == 3


def test_s2orc_sample_citations():
    result = load_paths([corpus("s2orc-sample")])
    assert len(result.papers) == 1000
    assert sum(1 for p in result.papers if p.abstract) == 488
    counts = citation_layer(result.papers).counts()
    assert counts["cites_paper_to_paper"] == 4
    assert (counts["cites_paper_to_work"], counts["cites_work_to_paper"]) == (3090, 2968)


def test_build_unarxive_sample_reports_49_papers(tmp_path):
    db = tmp_path / "u.db"
    out = CliRunner().invoke(cli, ["-q", "build", str(corpus("unarxive-sample")), "--db", str(db)])
    assert out.exit_code == 0, out.output
    assert "papers: 49 " in out.output
    assert "references: 1786 entries (633 with ids)" in out.output
    stats = json.loads(CliRunner().invoke(cli, ["stats", "--json", "--db", str(db)]).output)
    assert stats["records"] == {"read": 51, "papers": 49, "merged": 0, "skipped": 2}  # + README and LICENSE
    assert stats["citations"]["works"] == 1780


def test_lineage_on_the_sample_corpus(sample_graph):
    rows = run("lineage", catalog()["lineage"].example, "local", graph=sample_graph)
    assert [(r["role"], r["paper"]) for r in rows] == [
        ("introduces", "tc4f15c1ecfda3091"),
        ("builds_on", "tbba81fcca42b8375"),
    ]
    assert rows[0]["title"].startswith("Inception-v4, Inception-ResNet")
    assert "InceptionResNet-v2" in rows[1]["evidence"]


def _paper(pid: str, title: str, abstract: str, year: int) -> Paper:
    return Paper(pid, title, title, abstract, [], None, year, None, None, None, "en", [], [])


def test_a_mention_always_contains_its_anchor():
    """Lineage tests each text for a name's anchor before the regex search; the anchor must be in every
    text the pattern matches, whatever the case, separators or version suffix."""
    from concepts.introductions import mention_anchor, mention_pattern

    cases = {
        "Inception-ResNet": ["InceptionResNet-v2 is used.", "an Inception ResNet backbone"],
        "ResNet": ["ResNets", "ResNet-50 and ResNet18"],
        "vision transformer": ["Vision-Transformer models", "VISION TRANSFORMERS"],
        "k-means": ["K means clustering", "K-MEANS"],
    }
    assert [mention_anchor(n) for n in cases] == ["inception", "resnet", "transformer", "means"]
    for name, texts in cases.items():
        for text in texts:
            assert mention_pattern(name).search(text), (name, text)
            assert mention_anchor(name) in text.casefold()
    assert mention_pattern("ResNet").search("resnet") is None  # a name with capitals is matched as written


def test_an_acronym_builds_on_only_where_it_means_the_same():
    """S2ORC's "Mellin-Barnes (MB) integrals" does not build on "Markov breaks (MB)", nor a genomics paper's
    "RNA sequences" on Rapid Network Adaptation (RNA); a paper that uses the acronym as the introducer
    defined it, and shares another concept with it, does."""
    intro = _paper("p1", "Markov Breaks", "This article develops a new Markov breaks (MB) model for regression.", 2010)
    rna = _paper("p2", "RNA", "We propose Rapid Network Adaptation (RNA), a test-time adaptation method.", 2022)
    other_mb = _paper("q1", "Conic hulls", "We evaluate multifold Mellin-Barnes (MB) integrals in closed form.", 2022)
    genomics = _paper("q2", "Compression", "The algorithm compresses DNA and RNA sequences.", 2023)
    same_mb = _paper("q3", "Forecasts", "We extend the MB model to forecast inflation with regression.", 2015)
    shared = {"p1": {"regression"}, "q3": {"regression"}, "p2": {"test time adaptation"}, "q2": {"dna"}}

    def key_of(f) -> str:
        return concept_key(f.long_form or f.name)

    lineage = find_lineage(
        [intro, rna, other_mb, genomics, same_mb], key_of, lambda a, b, _: bool(shared.get(a, set()) & shared[b])
    )
    assert [(p, key) for p, key, *_ in lineage.introduces] == [
        ("p1", "markov break"),
        ("p2", "rapid network adaptation"),
    ]
    assert {pair: sorted(ev) for pair, ev in lineage.builds_on.items()} == {("q3", "p1"): ["markov break"]}


def test_paper_view_draws_citations_and_concepts(citation_db):
    with Workspace(citation_db, create=False) as ws:
        g = load_graph(ws)
    from graph.views import paper_view

    html = paper_view(g, "arxiv:2212.11790")
    assert "Work:doi:10.1109/cvpr.2016.90" in html and "Concept:" in html
    assert "Paper: Normalized Contrastive Learning for Text-Video Retrieval" in html


def test_view_paper_unknown_id_is_a_usage_error(sample_db, tmp_path):
    out = CliRunner().invoke(cli, ["view", "--paper", "nope", "--db", str(sample_db), "-o", str(tmp_path / "x.html")])
    assert out.exit_code == 2 and "no paper 'nope'" in out.output


def test_incremental_ingest_upgrades_a_work_to_a_paper(tmp_path):
    db = tmp_path / "inc.db"
    with Workspace(db) as ws:
        pipeline.ingest(ws, [FIX / "crossref.json"])
        pipeline.consolidate(ws)
        before = {tuple(r) for r in ws.conn.execute("SELECT * FROM cites")}
        pipeline.ingest(ws, [FIX / "openalex.json"])
        pipeline.consolidate(ws)
        after = {tuple(r) for r in ws.conn.execute("SELECT * FROM cites")}
    assert ("Paper", "doi:10.1000/xyz123", "Work", "doi:10.7717/peerj.4375") in before
    assert ("Paper", "doi:10.1000/xyz123", "Paper", "doi:10.7717/peerj.4375") in after


def test_author_keywords_are_concepts_of_their_paper(tmp_path):
    """What VOSviewer users map: the authors' keywords join the concepts extracted from the text, scored as
    the paper's best keyphrase; filler among them ("Review") stays out."""
    db = tmp_path / "keywords.db"
    result = CliRunner().invoke(cli, ["-q", "build", str(FIX.parent / "wos" / "savedrecs.txt"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    with Workspace(db) as ws:
        rows = ws.conn.execute(
            "SELECT concept_key, score, surface FROM mentions WHERE paper_id = 'doi:10.1109/cvpr.2016.90'"
        ).fetchall()
    mentioned = {key: (score, surface) for key, score, surface in rows}
    best = mentioned["deep residual learning"][0]  # the text's best keyphrase
    assert mentioned == {
        "deep residual learning": (best, "Deep Residual Learning"),  # "Residual learning" merged in (fragment)
        "deeper neural network": (1.1866, "Deeper neural networks"),
        "image recognition": (best, "Image Recognition"),  # a keyphrase too: its score rises to the best
        "shortcut connection": (best, "Shortcut connections"),  # the keywords alone give it
    }


@pytest.mark.parametrize("name", ["wos/savedrecs.txt", "medline/pubmed.nbib"])
def test_tagged_exports_saved_on_windows_read_the_same(tmp_path, name):
    """CRLF line ends and a byte-order mark, as the export buttons save them on Windows."""
    path = FIX.parent / name
    windows = tmp_path / path.name
    windows.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert sniff(windows, read_text(windows)) == sniff(path, read_text(path))
    as_saved, original = load_paths([windows]), load_paths([path])
    assert [(p.id, p.title, p.abstract, p.authors, p.references) for p in as_saved.papers] == [
        (p.id, p.title, p.abstract, p.authors, p.references) for p in original.papers
    ]
    assert [(s.position, s.reason) for s in as_saved.skipped] == [(s.position, s.reason) for s in original.skipped]

"""The four shapes of the founding documents, parsed whole, with no chrome."""

from __future__ import annotations

from collections import Counter

from conftest import EXAMPLES

from loaders import load_paths, parse_file

FILES = {
    "000_c21c986bf0658999.txt": ("translated-listing", 10),
    "001_61fb1cd1b8cc20b0.txt": ("hf-daily", 53),
    "002_5d6e2d094c67a39d.txt": ("title-pairs", 270),
    "003_79f9982c0d650756.txt": ("translated-listing", 10),
    "004_4b88d3cd44dbc11e.txt": ("shamra", 7),
}


def test_each_file_is_sniffed_and_parsed_whole():
    for name, (fmt, n) in FILES.items():
        got_fmt, items = parse_file(EXAMPLES / name)
        assert (got_fmt, len(items)) == (fmt, n), name


def test_corpus_dedups_to_344_papers_two_in_chinese():
    result = load_paths([EXAMPLES])
    assert result.records == 350
    assert result.merged == 6
    assert len(result.papers) == 344
    assert Counter(p.language for p in result.papers) == {"en": 342, "zh": 2}
    assert result.skipped == []


def test_no_chrome_line_becomes_a_paper():
    result = load_paths([EXAMPLES])
    chrome = ("Get trending papers", "Subscribe", "Daily Papers", "byAK", "translated by", "mircosoft", "ترغب")
    for p in result.papers:
        for text in (p.title or "", p.abstract or ""):
            assert not text.startswith(chrome), p.id
    titles = {p.title for p in result.papers}
    assert "Melanoma Detection using Adversarial Training and Deep Transfer Learning" in titles
    assert "new" not in titles and "Oct 10" not in titles


def test_hf_daily_metadata():
    _, items = parse_file(EXAMPLES / "001_61fb1cd1b8cc20b0.txt")
    by_title = {r.title: r for r in items}
    r = by_title["ResidualViT for Efficient Temporally Dense Video Encoding"]
    assert (r.n_authors, r.date, r.year) == (5, "Sep 16", None)
    r = by_title["Inception-v4, Inception-ResNet and the Impact of Residual Connections on Learning"]
    assert (r.n_authors, r.date, r.year) == (4, "2016-02-23", 2016)
    r = by_title["HyperZcdotZcdotW Operator Connects Slow-Fast Networks for Full Context Interaction"]
    assert (r.n_authors, r.date) == (1, "2024-01-31")
    r = by_title["Rethinking the shape convention of an MLP"]  # an entry without metadata
    assert (r.n_authors, r.date) == (None, None)


def test_shamra_headers_give_authors_and_year_of_the_next_abstract():
    _, items = parse_file(EXAMPLES / "004_4b88d3cd44dbc11e.txt")
    assert [(r.authors, r.year) for r in items] == [
        (["Wenxiao Wang", "Lu Yao", "Long Chen"], 2021),
        ([], None),
        (["Wenxiao Wang"], 2021),
        ([], None),
        ([], None),
        ([], None),
        ([], None),
    ]
    assert items[0].abstract.startswith("Transformers have made much progress")


def test_duplicate_title_keeps_first_abstract_and_both_sources():
    result = load_paths([EXAMPLES])
    fcn = [p for p in result.papers if p.title == "Fully Convolutional Networks for Semantic Segmentation"]
    assert len(fcn) == 1
    assert [s["position"] for s in fcn[0].sources] == [479, 511]
    assert fcn[0].abstract.startswith("Convolutional networks are powerful visual models")
    twice = [p for p in result.papers if len({s["source"] for s in p.sources}) == 2]
    assert len(twice) == 5


def test_text_repair_on_the_corpus():
    result = load_paths([EXAMPLES])
    text = " ".join(p.abstract or "" for p in result.papers)
    assert "Poincaré ball model" in text and "Poincar\\'e" not in text
    assert "modern Inverted Residual Mobile Block (iRMB)" in text and "\\textbf" not in text
    assert "The reasons for this problem are two-fold" in text
    assert "completely collapsed solutions" in text
    assert "https://github.com/zide05/mtg" in text
    mtg = next(p for p in result.papers if "zide05" in (p.abstract or ""))
    assert mtg.links == ["https://github.com/zide05/mtg"]


def test_untitled_papers_get_a_display_label():
    result = load_paths([EXAMPLES / "000_c21c986bf0658999.txt"])
    labels = [p.label for p in result.papers]
    assert labels[1] == "Enhanced Interactive Transformer (EIT)"
    assert labels[0] == "With the ever-growing model size and the limited…"


def test_ids_are_stable_hashes_of_normalized_text():
    a = load_paths([EXAMPLES]).papers
    b = load_paths([EXAMPLES]).papers
    assert [p.id for p in a] == [p.id for p in b]
    assert len({p.id for p in a}) == 344
    assert all(p.id[0] in "ta" and len(p.id) == 17 for p in a)

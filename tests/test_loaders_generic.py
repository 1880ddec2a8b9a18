"""Generic shapes users bring, text repair, identity and bad input."""

from __future__ import annotations

import json

import pytest

from conceptgraph.errors import UsageError
from loaders import find_links, load_paths, normalize_doi, sniff
from loaders.lang import detect_language
from loaders.repair import delatex, repair
from loaders.words import is_word

ABSTRACT = (
    "We propose a graph neural network for molecule property prediction. "
    "Experiments on the QM9 dataset show a lower mean absolute error than prior work."
)


def test_delatex_exact():
    assert delatex(r"\textbf{I}nverted \textbf{R}esidual") == "Inverted Residual"
    assert delatex(r"Poincar\'e and Fr\'echet and Yor\`ub\'a") == "Poincaré and Fréchet and Yorùbá"
    assert (
        delatex(r"code at \url{https://x.org/a} and \ url {https://y.org}")
        == "code at https://x.org/a and https://y.org"
    )
    assert (
        delatex(r"sets of parameters (\eg adapters), 94.6\% Dice") == "sets of parameters (e.g. adapters), 94.6% Dice"
    )
    assert delatex(r"a budget of \10,000 with the \overfeat network") == "a budget of 10,000 with the overfeat network"


def test_rejoin_only_when_joined_is_a_word_and_a_part_is_not():
    assert repair("the reasons for thi s problem", is_word) == "the reasons for this problem"
    assert repair("completely co llapsed solutions", is_word) == "completely collapsed solutions"
    assert repair("goes in to a part of it", is_word) == "goes in to a part of it"
    assert repair("the network's end. ImageNet-R and S and a t-SNE", is_word) == (
        "the network's end. ImageNet-R and S and a t-SNE"
    )
    assert repair("  many \n  spaces\there ") == "many spaces here"
    assert repair("ﬁne-tuning a classiﬁer on ﬂows") == "fine-tuning a classifier on flows"  # PDF ligatures


def test_a_listing_of_run_on_titles_is_split_and_names_stay_whole():
    """An S2AG "abstract" that is a scraped list of titles with the breaks lost (corpus id 236841321)."""
    listing = (
        "Organic FertilizersAgrochemicals Detection, Treatment and RemediationThe Indian Nitrogen "
        "AssessmentAdvances in Nano-Fertilizers and Nano-Pesticides in AgricultureBiofertilizers in Indian "
        "AgricultureAdvances in Applied MicrobiologyProbiotics and Plant HealthChitin-ChitosanThe Complete "
        "Technology Book on Biofertilizer and Organic Farming (2nd Revised Edition)Effects of Organic FarmingPGPR"
    )
    assert repair(listing) == (
        "Organic Fertilizers. Agrochemicals Detection, Treatment and Remediation. The Indian Nitrogen "
        "Assessment. Advances in Nano-Fertilizers and Nano-Pesticides in Agriculture. Biofertilizers in Indian "
        "Agriculture. Advances in Applied Microbiology. Probiotics and Plant Health. Chitin-Chitosan. The Complete "
        "Technology Book on Biofertilizer and Organic Farming (2nd Revised Edition). Effects of Organic Farming. PGPR"
    )
    # names coined in camel case are no listing, even with one glued function word
    names = "We add ScheduledDropPath to TransferTransfo as described inThe Appendix and train on ImageNet."
    assert repair(names) == names


def test_a_lost_space_after_a_full_stop_is_put_back_and_dotted_names_stay_whole():
    """An S2AG abstract "...the correlation coefficient.Correlation coefficient..." made the concept
    "correlation coefficient.Correlation coefficient": the tokenizer reads "coefficient.Correlation" as one
    dotted word, as it reads "v1.5"."""
    text = "We use the correlation coefficient.Correlation coefficient was high for workers.The end came."
    assert (
        repair(text)
        == "We use the correlation coefficient. Correlation coefficient was high for workers. The end came."
    )
    dotted = "Subclass java.lang.String, see www.Example.com and Phys.Rev. Lett; e.g.The v1.5 model."
    assert repair(dotted) == "Subclass java.lang.String, see www.Example.com and Phys. Rev. Lett; e.g.The v1.5 model."


def test_language_detection():
    assert detect_language(ABSTRACT) == "en"
    assert detect_language("我们介绍了MTG,这是一套新的基准套件,用于培训和评估多语言文本生成。") == "zh"
    assert (
        detect_language("Nous proposons une méthode pour la détection des objets dans les images et les vidéos.")
        == "fr"
    )
    assert detect_language("") == "und"


def test_doi_and_links():
    assert normalize_doi("https://doi.org/10.1000/ABC.123") == "10.1000/abc.123"
    assert find_links("Code: https://github.com/a/b. See (https://x.y/z).") == [
        "https://github.com/a/b",
        "https://x.y/z",
    ]


def test_text_directory_one_document_per_file_id_is_stem(tmp_path):
    d = tmp_path / "docs"
    d.mkdir()
    (d / "alpha.txt").write_text("Graph Networks for Molecules\n" + ABSTRACT)
    (d / "beta.abs").write_text(ABSTRACT.replace("graph neural network", "transformer"))
    result = load_paths([d], fmt="text")
    assert [(p.id, p.title) for p in result.papers] == [
        ("alpha", "Graph Networks for Molecules"),
        ("beta", None),
    ]
    assert result.papers[1].abstract.startswith("We propose a transformer")


def test_lines_one_abstract_per_line(tmp_path):
    f = tmp_path / "list.txt"
    f.write_text(ABSTRACT + "\n\n" + ABSTRACT.replace("QM9", "ZINC") + "\n")
    assert sniff(f, f.read_text()) == "lines"
    result = load_paths([f])
    assert [p.sources[0]["position"] for p in result.papers] == [1, 3]
    assert all(p.title is None for p in result.papers)


def test_csv_and_tsv_columns(tmp_path):
    f = tmp_path / "export.csv"
    f.write_text(
        "Title,Abstract,Authors,Year,DOI\n"
        f'"Graph Nets","{ABSTRACT}","Ada Lovelace; Alan Turing",2021,https://doi.org/10.1000/XYZ\n'
        '"No Abstract Here","","Grace Hopper",2020,\n'
    )
    result = load_paths([f])
    a, b = result.papers
    assert (a.id, a.title, a.authors, a.year, a.doi) == (
        "doi:10.1000/xyz",
        "Graph Nets",
        ["Ada Lovelace", "Alan Turing"],
        2021,
        "10.1000/xyz",
    )
    assert (b.title, b.abstract, b.authors) == ("No Abstract Here", None, ["Grace Hopper"])
    t = tmp_path / "export.tsv"
    t.write_text("title\tabstract\tyear\nGraph Nets\t" + ABSTRACT + "\t2021\n")
    assert [(p.title, p.year) for p in load_paths([t]).papers] == [("Graph Nets", 2021)]


def test_jsonl_with_a_bad_line_reports_position(tmp_path):
    f = tmp_path / "papers.jsonl"
    f.write_text(
        json.dumps({"title": "Graph Nets", "abstract": ABSTRACT, "authors": [{"name": "Ada Lovelace"}]})
        + "\n{not json\n"
        + json.dumps({"year": 2020, "doi": "10.1000/xyz"})
        + "\n"
    )
    result = load_paths([f])
    assert [p.title for p in result.papers] == ["Graph Nets"]
    assert result.papers[0].authors == ["Ada Lovelace"]
    # what each record still says travels with its skip (to find its paper on a re-read), but is not shown
    assert [(s.position, s.reason.split(":")[0], s.raw) for s in result.skipped] == [
        (2, "invalid JSON line", "{not json"),
        (3, "record has neither title nor abstract", "10.1000/xyz"),
    ]
    assert "raw" not in result.skipped[0].as_dict()


def test_a_csv_quote_never_closed_costs_only_its_own_row(tmp_path):
    """Python's csv reads an unclosed quote to the end of the file (or to the next quote) as one field:
    the rows below it would vanish into one abstract."""
    f = tmp_path / "export.csv"
    rows = [
        "title,abstract,year",
        "Graph networks,We propose graph neural networks.,2020",
        'Vision transformers,"We train vision transformers.,2021',
        'Speech encoders,"We pretrain\nspeech encoders.",2022',
        "",
        "Text models,We train text models.,2023",
    ]
    f.write_text("\n".join(rows) + "\n")
    result = load_paths([f])
    assert [(p.title, p.abstract, p.year, p.sources[0]["position"]) for p in result.papers] == [
        ("Graph networks", "We propose graph neural networks.", 2020, 2),
        ("Speech encoders", "We pretrain speech encoders.", 2022, 4),
        ("Text models", "We train text models.", 2023, 5),
    ]
    ((skip,),) = [result.skipped]
    assert (skip.position, skip.reason, skip.raw) == (3, "malformed CSV row: a quote is never closed", rows[2])
    # no quote below it: the field ran to the end of the file
    f.write_text("\n".join(rows[:3] + rows[5:]) + "\n")
    result = load_paths([f])
    assert [(p.title, p.sources[0]["position"]) for p in result.papers] == [("Graph networks", 2), ("Text models", 4)]
    assert [(s.position, s.raw) for s in result.skipped] == [(3, rows[2])]
    # on the last line it takes nothing else with it, and is read as it stands
    f.write_text("\n".join(rows[:2] + [rows[5], rows[2]]) + "\n")
    result = load_paths([f])
    assert [(p.title, p.abstract) for p in result.papers][2] == (
        "Vision transformers",
        "We train vision transformers.,2021",
    )
    assert result.skipped == []
    # a quoted field over two lines, and a stray quote inside a one-line field, are read as before
    f.write_text("\n".join([rows[0], rows[3], 'A "quoted" word,Stray quotes stay.,2021']) + "\n")
    result = load_paths([f])
    assert [(p.title, p.abstract) for p in result.papers] == [
        ("Speech encoders", "We pretrain speech encoders."),
        ('A "quoted" word', "Stray quotes stay."),
    ]
    assert result.skipped == []


def test_a_broken_ris_record_carries_its_lines(tmp_path):
    f = tmp_path / "refs.ris"
    f.write_text("TY  - JOUR\nTI  - Graph Nets\nAB  - " + ABSTRACT + "\nTY  - JOUR\nTI  - Vision\nER  - \n")
    result = load_paths([f])
    assert [p.title for p in result.papers] == ["Vision"]
    ((skip,),) = [result.skipped]
    assert (skip.position, skip.raw) == (1, "TY  - JOUR\nTI  - Graph Nets\nAB  - " + ABSTRACT)


def test_bad_files_are_skipped_with_a_reason_and_the_rest_loads(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.bin").write_bytes(b"\x89PNG\x00\x00\x01\x02")
    (tmp_path / "latin1.txt").write_bytes("caf\xe9 ".encode("latin-1") * 10)
    (tmp_path / "good.txt").write_text(ABSTRACT)
    result = load_paths([tmp_path])
    assert len(result.papers) == 1
    reasons = {s.source.rsplit("/", 1)[-1]: s.reason for s in result.skipped}
    assert reasons == {
        "binary.bin": "binary file (contains NUL bytes)",
        "empty.txt": "empty file",
        "latin1.txt": "not UTF-8 text (undecodable byte at offset 3)",
    }


def test_damaged_gzip_keeps_the_records_before_the_damage(tmp_path):
    """A download cut short loses only its tail: the whole lines before the cut load, the cut line and
    the rest are reported; a file damaged before its first line ends is skipped; members concatenate."""
    import gzip

    lines = [json.dumps({"title": f"Paper {i}", "abstract": ABSTRACT.replace("QM9", f"QM{i}")}) for i in range(40)]
    member = gzip.compress(("\n".join(lines) + "\n").encode())
    (tmp_path / "cut.jsonl.gz").write_bytes(member[: len(member) // 2])
    (tmp_path / "two.jsonl.gz").write_bytes(gzip.compress(lines[0].encode() + b"\n") + gzip.compress(b"{}\n"))
    (tmp_path / "head.jsonl.gz").write_bytes(member[:12])
    (tmp_path / "bad.jsonl.gz").write_bytes(member[:150] + bytes(30) + member[180:])  # used to raise zlib.error
    result = load_paths([tmp_path / "cut.jsonl.gz"])
    kept = [p.title for p in result.papers]
    text = gzip.decompress(member)
    whole = text[: zlib_prefix(member[: len(member) // 2]).rfind(b"\n") + 1].count(b"\n")
    assert kept == [f"Paper {i}" for i in range(whole)] and 0 < whole < 40
    ((skip,),) = [result.skipped]
    assert skip.reason.startswith("the gzip file is truncated (compressed data ended early): read ")
    assert skip.reason.endswith(" bytes of text, the rest of the file is lost")
    assert [p.title for p in load_paths([tmp_path / "two.jsonl.gz"]).papers] == ["Paper 0"]
    ((skip,),) = [load_paths([tmp_path / "head.jsonl.gz"]).skipped]
    assert skip.reason == "the gzip file is truncated (compressed data ended early); nothing could be read from it"
    ((skip,),) = [load_paths([tmp_path / "bad.jsonl.gz"]).skipped]
    assert skip.reason == (
        "corrupt gzip data (Error -3 while decompressing data: invalid distance too far back); "
        "nothing could be read from it"
    )


def zlib_prefix(data: bytes) -> bytes:
    """What zlib can decompress of a cut gzip stream (the test's own reference)."""
    import zlib

    return zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(data)


def test_missing_path_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="nope.txt"):
        load_paths([tmp_path / "nope.txt"])


def test_untitled_record_merges_into_titled_twin(tmp_path):
    (tmp_path / "a.csv").write_text(f'title,abstract\n"Graph Nets","{ABSTRACT}"\n')
    (tmp_path / "b.txt").write_text(ABSTRACT + "\n" + ABSTRACT.replace("QM9", "ZINC"))
    result = load_paths([tmp_path])
    assert len(result.papers) == 2
    assert result.papers[0].title == "Graph Nets" and len(result.papers[0].sources) == 2


def test_a_removed_paper_matches_no_later_record_and_a_forgotten_source_lists_its_papers(tmp_path):
    """The deduplicator's indexes forget a removed paper (its DOI, title and abstract), so a later record
    with them is a new paper; papers sharing a title keep matching after one of them goes."""
    from loaders.identity import Deduplicator

    (tmp_path / "a.csv").write_text(
        "title,abstract,doi,year\n"
        f'"Graph Nets","{ABSTRACT}",10.1234/abc,2020\n'
        '"Graph Nets","Another paper with the same title.",,2010\n'
        '"Vision Nets","A third abstract about images.",,2021\n'
    )
    a, b, c = load_paths([tmp_path]).papers
    dedup = Deduplicator([a, b, c])
    assert list(dedup.forget_source(str(tmp_path / "a.csv"))) == [a.id, b.id, c.id]
    assert dedup.forget_source(str(tmp_path / "a.csv")) == {}
    dedup.remove([a.id])
    assert list(dedup.papers) == [b.id, c.id]
    assert dedup.match({"doi": "10.1234/abc"}, None, None) is None
    assert dedup.match({}, "Graph Nets", 2020) is None and dedup.match({}, "Graph Nets", 2010) is b
    twin, merged = dedup.add(load_paths([tmp_path]).papers[0])
    assert (twin.id, merged) == (a.id, False) and dedup.match({"doi": "10.1234/abc"}, None, None) is twin


def test_every_loader_can_be_chosen_with_format():
    """`--format` forces a shape when sniffing guesses wrong; it used to offer only nine of them."""
    from conceptgraph.cli import FORMAT_CHOICES
    from loaders import FORMATS

    assert sorted(FORMAT_CHOICES) == sorted(FORMATS)


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("We fit the data. (C) 2000 Elsevier Science B.V. All rights reserved.", "We fit the data."),
        ("We fit the data. Copyright © 2004 John Wiley & Sons, Ltd.", "We fit the data."),
        (
            "We fit the data. © 2021 The Authors. Published by Elsevier B.V. This is an open access article under "
            "the CC BY license (http://creativecommons.org/licenses/by/4.0/).",
            "We fit the data.",
        ),
        ("We fit the data. Elsevier Ltd. All rights reserved.", "We fit the data."),  # its © lost on the way
        ("We fit the data. All rights reserved.", "We fit the data."),
        ("[No abstract available]", None),  # Scopus
        # not notices: an image credit before more of the text, the law, a panel label
        (
            "Mountain gorillas are inbred. IMAGE: © JOE MCDONALD/CORBIS ::: The gorilla is at risk. Xue et al. "
            "have sequenced 13 gorillas.",
            "Mountain gorillas are inbred. IMAGE: © JOE MCDONALD/CORBIS ::: The gorilla is at risk. Xue et al. "
            "have sequenced 13 gorillas.",
        ),
        (
            "Laws differ. Copyright law differs across countries.",
            "Laws differ. Copyright law differs across countries.",
        ),
        ("Panels show (A) a, (B) b. (C) Results for c.", "Panels show (A) a, (B) b. (C) Results for c."),
    ],
)
def test_an_abstract_loses_its_publisher_notice_which_would_become_a_concept(tmp_path, written, kept):
    """Scopus and Web of Science keep "© 2004 Elsevier B.V. All rights reserved." in the abstract: left in,
    "Elsevier B.V." became a concept of every such paper."""
    f = tmp_path / "export.csv"
    f.write_text('title,abstract\nBoard characteristics,"' + written.replace('"', '""') + '"\n')
    (paper,) = load_paths([f]).papers
    assert paper.abstract == kept


def test_a_scopus_export_gives_full_names_venue_eid_and_its_references(tmp_path):
    """Scopus CSV, as bibliometrix users export it: full author names beside the short ones, a References
    column with "; " between entries, and "[No abstract available]" where there is none."""
    f = tmp_path / "scopus.csv"
    header = '"Authors","Author full names","Title","Year","Source title","DOI","Abstract","References","Source","EID"'
    rows = [
        '"Anderson R.C.; Mansi S.A.","Anderson, Ronald C. (7202522394); Mansi, Sattar A. (6603934427)",'
        '"Board characteristics, accounting report integrity, and the cost of debt","2004",'
        '"Journal of Accounting and Economics","10.1016/j.jacceco.2004.01.004",'
        '"We study boards and debt. © 2004 Elsevier B.V. All rights reserved.",'
        '"Jensen, M., Meckling, W., Theory of the firm (1976) Journal of Financial Economics, 3, pp. 305-360; '
        'Fama, E., Agency problems (1980) J Polit Econ, 88, pp. 288-307","Scopus","2-s2.0-3042820447"',
        '"Smith J.","Smith, John (1)","Agency costs in small firms","2006","Small Business Economics","",'
        '"[No abstract available]","Jensen, M., Meckling, W., Theory of the firm (1976) Journal of Financial '
        'Economics, 3, pp. 305-360","Scopus","2-s2.0-33745000000"',
    ]
    f.write_text("\n".join([header, *rows]) + "\n")
    board, agency = load_paths([f]).papers
    assert (board.id, board.authors, board.venue, board.abstract) == (
        "doi:10.1016/j.jacceco.2004.01.004",
        ["Anderson, Ronald C.", "Mansi, Sattar A."],
        "Journal of Accounting and Economics",
        "We study boards and debt.",
    )
    assert board.references == [
        {
            "year": 1976,
            "text": "Jensen, M., Meckling, W., Theory of the firm (1976) Journal of Financial Economics, 3, pp. 305-360",
        },
        {"year": 1980, "text": "Fama, E., Agency problems (1980) J Polit Econ, 88, pp. 288-307"},
    ]
    assert (agency.id, agency.abstract, agency.authors) == ("2-s2.0-33745000000", None, ["Smith, John"])
    assert agency.references == board.references[:1]


def test_a_web_of_science_tab_delimited_export_reads_by_its_tags(tmp_path):
    f = tmp_path / "savedrecs.txt"  # UTF-16 with a byte-order mark, as "Tab-delimited (Win)" saves it
    f.write_text(
        "PT\tAU\tAF\tTI\tSO\tAB\tCR\tPY\tDI\tUT\n"
        "J\tHsu, JP; Huang, CH\tHsu, Jyh-Ping; Huang, Chih-Hua\tGel electrophoresis and permittivity\t"
        "CHEMICAL ENGINEERING SCIENCE\tA permittivity model is proposed. (C) 2012 Elsevier Ltd. All rights reserved.\t"
        "Allison SA, 2007, J COLLOID INTERF SCI, V313, P328, DOI 10.1016/j.jcis.2007.04.030; Brady J.F., 1994, "
        "AM I CHEM ENG ANN M, P13\t2012\t\tWOS:000310782600054\n",
        encoding="utf-16",
    )
    (p,) = load_paths([f]).papers
    assert (p.id, p.authors, p.year, p.venue, p.abstract) == (
        "WOS:000310782600054",
        ["Hsu, Jyh-Ping", "Huang, Chih-Hua"],
        2012,
        "CHEMICAL ENGINEERING SCIENCE",
        "A permittivity model is proposed.",
    )
    assert [r.get("ids") for r in p.references] == [{"doi": "10.1016/j.jcis.2007.04.030"}, None]


@pytest.mark.parametrize(
    ("written", "repaired"),
    [
        ("projectors of a Schr & ouml;dinger operator", "projectors of a Schrödinger operator"),  # Web of Science
        ("a Szeg & odblac;-type theorem", "a Szegő-type theorem"),
        ("x &lt; y for Gr&ouml;bner bases", "x < y for Gröbner bases"),
        ("R&D; costs at AT&T; rose", "R&D; costs at AT&T; rose"),  # names no entity
    ],
)
def test_html_entities_left_in_exported_text_are_read(written, repaired):
    from loaders.repair import repair

    assert repair(written) == repaired


@pytest.mark.parametrize(
    ("export", "lines"),
    [
        (
            "zotero",
            [
                '"Key","Item Type","Publication Year","Author","Title","Publication Title","DOI","Abstract Note","Date"',
                '"MK49RMWU","journalArticle","2016","He, Kaiming; Zhang, Xiangyu","Deep Residual Learning for Image '
                'Recognition","CVPR","10.1109/CVPR.2016.90","Deeper neural networks are more difficult to train.",'
                '"2016-06-27"',
            ],
        ),
        (
            "lens",
            [
                "Lens ID,Title,Date Published,Publication Year,Source Title,Author/s,Abstract,PMID,DOI",
                "001-234-567-890-123,Deep Residual Learning for Image Recognition,2016-06-27,2016,CVPR,"
                '"He, Kaiming; Zhang, Xiangyu",Deeper neural networks are more difficult to train.,,10.1109/cvpr.2016.90',
            ],
        ),
        (
            "dimensions",  # a line about the export above the header
            [
                '"About the data: Exported on Mar 23, 2021. Criteria: residual learning."',
                "Rank,Publication ID,DOI,PMID,Title,Abstract,Source title,PubYear,Authors",
                "1,pub.1093359587,10.1109/cvpr.2016.90,,Deep Residual Learning for Image Recognition,Deeper neural "
                'networks are more difficult to train.,CVPR,2016,"He, Kaiming; Zhang, Xiangyu"',
            ],
        ),
    ],
)
def test_reference_manager_and_database_csv_exports(tmp_path, export, lines):
    f = tmp_path / f"{export}.csv"
    f.write_text("\n".join(lines) + "\n")
    result = load_paths([f])
    assert result.skipped == []
    (p,) = result.papers
    assert (p.id, p.title, p.abstract, p.authors, p.year, p.venue) == (
        "doi:10.1109/cvpr.2016.90",
        "Deep Residual Learning for Image Recognition",
        "Deeper neural networks are more difficult to train.",
        ["He, Kaiming", "Zhang, Xiangyu"],
        2016,
        "CVPR",
    )


def test_pubmed_ids_in_a_csv_are_identifiers(tmp_path):
    f = tmp_path / "pubmed.csv"
    f.write_text("PMID,PMCID,Title,Abstract\n31978945,PMC7092803,A novel coronavirus,A virus was found.\n")
    (p,) = load_paths([f]).papers
    assert (p.id, p.ids) == ("pmid:31978945", {"pmid": "31978945", "pmc": "PMC7092803"})


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "refs.bib",
            "@article{g, title={Graph Nets}, abstract={We propose graph nets.}, keywords={graph networks, GNN}}\n",
        ),
        (
            "refs.ris",
            "TY  - JOUR\nTI  - Graph Nets\nAB  - We propose graph nets.\nKW  - graph networks\nKW  - GNN\nER  - \n",
        ),
        (
            "pubmed.nbib",
            "PMID- 1\nTI  - Graph Nets.\nAB  - We propose graph nets.\nOT  - graph networks\nOT  - GNN\nMH  - Humans\n",
        ),
        (
            "scopus.csv",
            'Title,Abstract,Author Keywords,Index Keywords\nGraph Nets,We propose graph nets.,"graph networks; GNN",Humans\n',
        ),
        (
            "s2.jsonl",
            '{"title": "Graph Nets", "abstract": "We propose graph nets.", "keywords": ["graph networks", "GNN"]}\n',
        ),
    ],
)
def test_the_authors_keywords_are_kept_and_indexers_terms_are_not(tmp_path, name, text):
    f = tmp_path / name
    f.write_text(text)
    (p,) = load_paths([f]).papers
    assert p.keywords == ["graph networks", "GNN"]

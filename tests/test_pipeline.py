"""End to end on the embedded default: build, incremental re-runs, interruption, CLI."""

from __future__ import annotations

import importlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner, Result
from conftest import EXAMPLES, ROOT

from conceptgraph.cli import cli
from graph import pipeline
from graph.build import stable_labels
from graph.workspace import Workspace
from loaders import load_paths

SMALL = [EXAMPLES / "000_c21c986bf0658999.txt", EXAMPLES / "004_4b88d3cd44dbc11e.txt"]


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["-q", *args], catch_exceptions=False)


def dump(db: Path) -> dict:
    """Everything the graph is made of, for exact comparisons."""
    conn = sqlite3.connect(db)
    out = {}
    for table, order in [
        ("papers", "id"),
        ("concepts", "key"),
        ("mentions", "paper_id, concept_key"),
        ("cooccurrence", "a, b"),
        ("authors", "key"),
        ("authored", "author_key, paper_id"),
    ]:
        out[table] = conn.execute(f"SELECT * FROM {table} ORDER BY {order}").fetchall()  # noqa: S608
    conn.close()
    return out


def test_sample_corpus_stats(sample_db):
    with Workspace(sample_db, create=False) as ws:
        s = pipeline.stats(ws)
        authors = [r[0] for r in ws.conn.execute("SELECT name FROM authors ORDER BY name")]
    assert s["papers"] == 344
    assert s["languages"] == {"en": 342, "zh": 2}
    assert s["not_extracted_language"] == 2
    assert authors == ["Long Chen", "Lu Yao", "Wenxiao Wang"]
    assert s["skipped"] == []
    assert s["concepts"] > 1000 and s["cooccurrence_edges"] > s["concepts"]


def test_vision_transformer_variants_are_one_concept(sample_db):
    with Workspace(sample_db, create=False) as ws:
        row = ws.conn.execute("SELECT label, type, aliases FROM concepts WHERE key = 'vision transformer'").fetchone()
        assert ws.conn.execute("SELECT COUNT(*) FROM concepts WHERE key IN ('vit', 'vits')").fetchone() == (0,)
    label, ctype, aliases = row
    assert ctype == "architecture"
    forms = {label, *json.loads(aliases)}
    assert {"ViT", "Vision Transformers", "vision transformers"} <= forms


def test_cooccurrence_edges_carry_their_evidence(sample_graph):
    edges = [(a, b, d) for a, b, d in sample_graph.edges(data=True) if d["type"] == "CO_OCCURS"]
    for a, b, d in edges[:200]:
        assert d["count"] == len(d["papers"])
        for pid in d["papers"]:
            assert sample_graph.has_edge(f"Paper:{pid}", a) and sample_graph.has_edge(f"Paper:{pid}", b)
        assert -1.0 <= d["npmi"] <= 1.0 and d["association"] > 0
    concepts = [d for _, d in sample_graph.nodes(data=True) if d["label"] == "Concept"]
    assert all(isinstance(d["community"], int) and d["pagerank"] > 0 for d in concepts)


def test_rebuild_is_idempotent_and_extracts_nothing(sample_db, tmp_path, monkeypatch):
    """Nor does it embed anything: every phrase vector it needs is stored in the workspace."""
    import concepts.model

    def no_model():
        raise AssertionError("a rebuild of an unchanged workspace loaded the model")

    db = tmp_path / "again.db"
    shutil.copy(sample_db, db)
    before = dump(db)
    monkeypatch.setattr(concepts.model, "sentence_model", no_model)
    with Workspace(db) as ws:
        ing = pipeline.ingest(ws, [EXAMPLES])
        ext = pipeline.extract(ws)
        pipeline.consolidate(ws)
    assert (ing.files, ing.unchanged_files, ing.records) == (5, 5, 0)
    assert (ext.extracted, ext.cached) == (0, 342)
    assert dump(db) == before


def test_specificity_reads_stored_candidate_keys_and_old_workspaces_still_build(sample_db, tmp_path):
    from concepts.extract import ExtractSettings, candidate_keys
    from graph.workspace import text_hash

    db = tmp_path / "old.db"
    shutil.copy(sample_db, db)
    before = dump(db)
    with Workspace(db) as ws:
        stored = ws.candidate_keys(ExtractSettings().cache_key())
        texts = {text_hash(p.text): p.text for p in ws.papers() if pipeline.extractable(p.language) and p.text}
    assert len(stored) == 342 and set(stored) == set(texts)
    assert all(stored[h] == candidate_keys(t) for h, t in texts.items())
    conn = sqlite3.connect(db)  # a workspace from before candidate keys were stored
    conn.execute("ALTER TABLE extractions DROP COLUMN candidates")
    conn.close()
    with Workspace(db) as ws:
        assert ws.candidate_keys(ExtractSettings().cache_key()) == {}
        assert pipeline.extract(ws).extracted == 0
        pipeline.consolidate(ws)
    assert dump(db) == before


def test_adding_a_file_extends_the_graph(tmp_path):
    db = tmp_path / "inc.db"
    first = run("build", str(SMALL[0]), "--db", str(db))
    assert first.exit_code == 0 and "since the last build" not in first.output  # everything is new
    with Workspace(db) as ws:
        assert pipeline.stats(ws)["papers"] == 10
    conn = sqlite3.connect(db)
    before = dict(conn.execute("SELECT key, community FROM concepts"))
    conn.close()
    result = run("build", str(SMALL[0]), str(SMALL[1]), "--db", str(db))
    assert result.exit_code == 0
    assert "extracted 7 papers (10 cached, 0 not English)" in result.output
    # what the update brought, most mentioned first (then by PageRank), and what it took away: the new papers
    # rank "privacy guarantees" and "FLOPs" among their best, so the first file's papers that also hold them now
    # keep them (corpus keyphraseness), in place of a few phrases with weaker heads
    assert result.output.endswith(
        "since the last build: 69 new concepts (FLOPs (2 papers), privacy guarantees (2 papers), 3D detectors "
        "(1 paper), 3D object detection (1 paper), baseline single-stage detector (1 paper), ...); 7 gone (3rd "
        "Continual Learning, Computer Vision, Skellam distribution, attention mechanism, differentially private deep "
        "learning, ...)\n"
    )
    again = run("build", str(SMALL[0]), str(SMALL[1]), "--db", str(db))
    assert "since the last build" not in again.output  # nothing changed
    with Workspace(db) as ws:
        s = pipeline.stats(ws)
    assert s["papers"] == 17 and s["authors"] == 3
    # communities keep their numbers: 76 of the 98 first concepts stay in theirs (numbered by size, as a fresh
    # build of both files numbers them, none would); of the other 22, seven are gone and 15, most of them a
    # differential-privacy paper's concepts with "deep learning", joined the new papers' topics
    conn = sqlite3.connect(db)
    after = dict(conn.execute("SELECT key, community FROM concepts"))
    conn.close()
    assert (len(before), sum(after.get(k) == c for k, c in before.items())) == (98, 76)  # a gone one keeps none


def test_community_numbers_follow_the_topics_they_continue():
    parts = [{"a", "b", "c", "d"}, {"e", "f"}, {"g"}]
    assert stable_labels(parts, {}) == [0, 1, 2]  # a first build: by size
    # "x" left the graph; "f" moved from its own community to "e"'s; "g" is new
    assert stable_labels(parts, {"a": 0, "b": 0, "c": 0, "e": 1, "f": 2, "x": 3}) == [0, 1, 4]
    # a community that split keeps its number on its larger piece; the other gets a number never used
    assert stable_labels(parts[:2], dict.fromkeys("abcdef", 5)) == [5, 6]
    # two that merged keep the larger one's
    assert stable_labels(parts[:1], {"a": 2, "b": 2, "c": 2, "d": 7}) == [2]
    # sharing less than half of the smaller side is no continuation: "a" alone does not make the first part
    # community 0, which dissolved; one of its pieces keeps the number
    assert stable_labels([{"a", "b", "c", "d", "e"}, {"p"}, {"q"}], {"a": 0, "p": 0, "q": 0}) == [1, 0, 2]


def test_an_edited_file_updates_its_papers_and_only_they_are_extracted_again(tmp_path):
    """Re-reading a changed file replaces what it said before (the first record no longer wins against
    its own earlier version); a value another file gave still wins over that file's edit."""
    a, b, db = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "edit.db"
    a.write_text(
        "title,abstract,year\n"
        "Graph networks for molecules,We propose graph neural networks for molecule property prediction.,2020\n"
        "Vision transformers at scale,We train vision transformers on large image datasets.,2021\n"
    )
    b.write_text("title,abstract,year\nGraph networks for molecules,Another abstract from a second source.,2020\n")
    assert run("build", str(a), str(b), "--db", str(db)).exit_code == 0
    a.write_text(a.read_text().replace("molecule property prediction", "molecular property prediction"))
    b.write_text(b.read_text().replace("Another abstract", "An edited abstract"))
    result = run("build", str(a), str(b), "--db", str(db))
    assert result.exit_code == 0
    assert "extracted 1 papers (1 cached, 0 not English)" in result.output
    with Workspace(db) as ws:
        papers = {p.title: p for p in ws.papers()}
    graph = papers["Graph networks for molecules"]
    assert graph.abstract == "We propose graph neural networks for molecular property prediction."
    assert graph.provenance["abstract"] == {"source": str(a), "position": 2}
    assert papers["Vision transformers at scale"].abstract == "We train vision transformers on large image datasets."


def test_records_gone_from_an_edited_file_leave_the_graph_whatever_the_path_is_called(tmp_path, monkeypatch):
    """A record deleted from a file takes its paper with it (unless another file holds the paper too: then
    its values are that file's), a
    record with no identifier whose title was edited replaces its old paper, an old skip is forgotten, and
    the file is the same source whether it is named by its absolute or its relative path."""
    a, b, db = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "gone.db"
    a.write_text(
        "title,abstract,year\n"
        "Graph networks for molecules,We propose graph neural networks for molecule property prediction.,2020\n"
        "Vision transformers at scale,We train vision transformers on large image datasets.,2021\n"
        "Contrastive pretraining of speech,We pretrain speech encoders with a contrastive loss.,2022\n"
        ",,2023\n"
    )
    b.write_text("title,abstract,year\nVision transformers at scale,Another abstract from a second source.,2021\n")
    assert run("build", str(a), str(b), "--db", str(db)).exit_code == 0
    with Workspace(db) as ws:
        assert pipeline.stats(ws)["records"] == {"read": 5, "papers": 3, "merged": 1, "skipped": 1}
    a.write_text(
        "title,abstract,year\n"
        "Graph networks for molecules,We propose graph neural networks for molecule property prediction.,2020\n"
        "Contrastive pretraining for speech,We pretrain speech encoders with a contrastive loss.,2022\n"
    )
    monkeypatch.chdir(tmp_path)
    result = run("build", "a.csv", str(b), "--db", str(db))
    assert result.exit_code == 0
    assert (
        "ingested 2 files (1 unchanged): 2 records, 1 new papers, 0 merged duplicates, 0 skipped; "
        "changed files: 1 papers updated, 1 removed" in result.output
    )
    # the retitled one, and the one whose abstract now comes from the file that still holds it
    assert "extracted 2 papers (1 cached, 0 not English)" in result.output
    with Workspace(db) as ws:
        papers = {p.title: p for p in ws.papers()}
        stats = pipeline.stats(ws)
        speech_concepts = ws.conn.execute(
            "SELECT COUNT(*) FROM mentions WHERE paper_id = ?", (papers["Contrastive pretraining for speech"].id,)
        ).fetchone()[0]
        mentioned = {r[0] for r in ws.conn.execute("SELECT DISTINCT paper_id FROM mentions")}
    assert sorted(papers) == [
        "Contrastive pretraining for speech",
        "Graph networks for molecules",
        "Vision transformers at scale",
    ]
    assert papers["Vision transformers at scale"].sources == [{"source": str(b), "position": 2, "format": "csv"}]
    vision = papers["Vision transformers at scale"]
    assert vision.abstract == "Another abstract from a second source."
    assert vision.provenance == {f: {"source": str(b), "position": 2} for f in ("title", "abstract", "year")}
    assert vision.alternates == {}  # b's values, which lost to a's, have taken over
    assert papers["Graph networks for molecules"].sources == [{"source": "a.csv", "position": 2, "format": "csv"}]
    assert speech_concepts > 0 and mentioned == {p.id for p in papers.values()}
    assert stats["skipped"] == []
    assert stats["records"] == {"read": 3, "papers": 3, "merged": 0, "skipped": 0}


def test_a_value_a_file_stops_giving_goes_to_the_file_that_also_holds_the_paper(tmp_path):
    """Two files hold one paper; the first one's values won. When it stops giving one (or the paper),
    the other file's value takes over instead of the stale one staying, or nothing being left."""
    a, b, db = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "heirs.db"
    a.write_text("title,abstract,year,date\nGraph networks,We propose graph networks.,2020,2020-05\n")
    b.write_text("title,abstract,year,date\nGraph Networks,Graph networks for molecules.,2020,\n")
    assert run("ingest", str(a), str(b), "--db", str(db)).exit_code == 0
    with Workspace(db) as ws:
        (paper,) = ws.papers()
    assert paper.alternates == {
        "title": [{"source": str(b), "position": 2, "value": "Graph Networks"}],
        "abstract": [{"source": str(b), "position": 2, "value": "Graph networks for molecules."}],
        "year": [{"source": str(b), "position": 2, "same": True}],
    }
    a.write_text("title,abstract,year,date\nGraph networks,,,2020-06\n")
    assert "1 records, 0 new papers, 1 merged duplicates" in run("ingest", str(a), "--db", str(db)).output
    with Workspace(db) as ws:
        (paper,) = ws.papers()
    assert (paper.title, paper.abstract, paper.year, paper.date) == (
        "Graph networks",
        "Graph networks for molecules.",
        2020,
        "2020-06",
    )
    assert {f: v["source"] for f, v in paper.provenance.items()} == {
        "title": str(a),
        "abstract": str(b),
        "year": str(a),  # from its date
        "date": str(a),
    }
    assert paper.alternates == {
        "title": [{"source": str(b), "position": 2, "value": "Graph Networks"}],
        "year": [{"source": str(b), "position": 2, "same": True}],
    }
    assert run("forget", str(a), "--db", str(db)).exit_code == 0
    with Workspace(db) as ws:
        (paper,) = ws.papers()
    assert (paper.title, paper.label, paper.abstract, paper.year, paper.date, paper.alternates) == (
        "Graph Networks",
        "Graph Networks",
        "Graph networks for molecules.",
        2020,
        None,
        {},
    )


def test_a_value_two_files_agreed_on_survives_an_edit_of_the_first(tmp_path):
    a, b, db = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "same.db"
    a.write_text("title,abstract\nGraph networks,We propose graph networks.\n")
    b.write_text("title,abstract\nGraph networks,We propose graph networks.\n")
    assert run("ingest", str(a), str(b), "--db", str(db)).exit_code == 0
    a.write_text("title,abstract\nGraph networks,We propose graph networks for molecules.\n")
    assert run("ingest", str(a), "--db", str(db)).exit_code == 0
    with Workspace(db) as ws:
        (paper,) = ws.papers()
    assert paper.abstract == "We propose graph networks for molecules."
    assert paper.alternates["abstract"] == [{"source": str(b), "position": 2, "value": "We propose graph networks."}]
    a.write_text("title,abstract\n")
    assert (
        "0 records, 0 new papers, 0 merged duplicates, 0 skipped; changed files: 0 papers updated, 0 removed, "
        "1 left to the other files that hold them\n" in run("ingest", str(a), "--db", str(db)).output
    )
    with Workspace(db) as ws:
        (paper,) = ws.papers()
    assert (paper.abstract, paper.provenance["abstract"]["source"]) == ("We propose graph networks.", str(b))


def test_forget_takes_a_deleted_file_out_and_keeps_papers_another_file_holds(tmp_path, monkeypatch):
    """`forget` works by the absolute path even for a workspace from before file sources were kept (its
    records carry the relative name they were read under), and after the file itself was deleted."""
    a, b, db = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "forget.db"
    a.write_text(
        "title,abstract,year\n"
        "Graph networks for molecules,We propose graph neural networks for molecule property prediction.,2020\n"
        "Vision transformers at scale,We train vision transformers on large image datasets.,2021\n"
        ",,2023\n"
    )
    b.write_text("title,abstract,year\nVision transformers at scale,Another abstract from a second source.,2021\n")
    monkeypatch.chdir(tmp_path)
    assert run("build", "a.csv", "b.csv", "--db", str(db)).exit_code == 0
    listed = json.loads(run("files", "--db", str(db), "--json").output)
    assert [(f["path"], f["given_as"], f["records"], f["skipped"], f["papers"], f["shared"]) for f in listed] == [
        (str(a), "a.csv", 2, 1, 2, 1),
        (str(b), "b.csv", 1, 0, 1, 1),
    ]
    conn = sqlite3.connect(db)  # as an older workspace: no source name kept with the file
    conn.execute("UPDATE files SET source = NULL")
    conn.commit()
    conn.close()
    a.unlink()
    missing = CliRunner().invoke(cli, ["forget", str(tmp_path / "c.csv"), "--db", str(db)])
    assert missing.exit_code == 2 and "no file this workspace was built from" in missing.output
    result = run("forget", str(a), "--db", str(db))
    assert result.exit_code == 0
    assert (
        "forgot 1 files: 1 papers removed, 1 kept (another file holds them); extracted 1 papers whose text now "
        "comes from another file\n" in result.output
    )
    assert result.output.endswith(
        "since the last build: 3 gone (graph neural networks, large image datasets, molecule property prediction)\n"
    )
    with Workspace(db) as ws:
        papers = ws.papers()
        stats = pipeline.stats(ws)
        mentioned = {r[0] for r in ws.conn.execute("SELECT DISTINCT paper_id FROM mentions")}
    assert [(p.title, p.abstract, p.sources) for p in papers] == [
        (
            "Vision transformers at scale",
            "Another abstract from a second source.",  # a.csv's abstract went with it
            [{"source": "b.csv", "position": 2, "format": "csv"}],
        )
    ]
    assert mentioned == {papers[0].id}
    assert stats["records"] == {"read": 1, "papers": 1, "merged": 0, "skipped": 0}
    assert [
        (f["path"], f["papers"], f["shared"]) for f in json.loads(run("files", "--db", str(db), "--json").output)
    ] == [(str(b), 1, 0)]
    assert (
        run("files", "--db", str(db)).output
        == f"{b}\tsniffed\t1 records, 0 skipped; holds 1 papers (0 also in other files)\n"
    )


def test_a_file_gone_from_a_built_folder_is_reported_and_stays_until_forgotten(tmp_path):
    folder, db = tmp_path / "papers", tmp_path / "folder.db"
    folder.mkdir()
    (folder / "a.csv").write_text("title,abstract,year\nGraph networks,We propose graph neural networks.,2020\n")
    (folder / "b.csv").write_text("title,abstract,year\nVision transformers,We train vision transformers.,2021\n")
    assert run("build", str(folder), "--db", str(db)).exit_code == 0
    (folder / "a.csv").unlink()
    again = CliRunner().invoke(cli, ["-q", "build", str(folder), "--db", str(db)])
    assert again.exit_code == 0
    assert again.stderr == (
        f"1 files built before are gone from their folder; their papers stay until "
        f"`conceptgraph forget {folder / 'a.csv'}`\n"
    )
    with Workspace(db) as ws:
        assert sorted(p.title for p in ws.papers()) == ["Graph networks", "Vision transformers"]
    assert "forgot 1 files: 1 papers removed, 0 kept" in run("forget", str(folder / "a.csv"), "--db", str(db)).output
    with Workspace(db) as ws:
        assert [p.title for p in ws.papers()] == ["Vision transformers"]
    assert CliRunner().invoke(cli, ["-q", "build", str(folder), "--db", str(db)]).stderr == ""


def test_a_value_an_edited_file_no_longer_gives_leaves_the_paper_it_alone_holds(tmp_path):
    """A dropped date column, a removed author and a translated abstract reach the paper (its language
    follows its new abstract); only the file's own papers lose values, as another file's were dropped at
    merge time and cannot come back."""
    src, db = tmp_path / "a.csv", tmp_path / "values.db"
    src.write_text(
        "title,abstract,year,date,authors\n"
        "Graph networks,We propose graph neural networks for molecule property prediction.,2020,2020-05-01,"
        '"Ada Lovelace; Alan Turing"\n'
    )
    assert run("ingest", str(src), "--db", str(db)).exit_code == 0
    src.write_text(
        "title,abstract,year,authors\n"
        "Graph networks,Nous proposons des réseaux de neurones sur graphes pour prédire les propriétés des "
        "molécules.,2020,Ada Lovelace\n"
    )
    assert "1 papers updated, 0 removed" in run("ingest", str(src), "--db", str(db)).output
    with Workspace(db) as ws:
        (paper,) = ws.papers()
    assert (paper.date, paper.authors, paper.n_authors, paper.language) == (None, ["Ada Lovelace"], 1, "fr")
    assert paper.abstract.startswith("Nous proposons")
    assert sorted(paper.provenance) == ["abstract", "authors", "title", "year"]
    assert all("stale" not in v for v in paper.provenance.values())


def test_a_file_that_cannot_be_read_any_more_keeps_its_papers_until_it_can(tmp_path):
    """A truncated or half-saved file is bad input, not an edit: its papers are not removed, and the next
    build tries it again."""
    src, db = tmp_path / "a.csv", tmp_path / "broken.db"
    two = (
        "title,abstract,year\n"
        "Graph networks,We propose graph neural networks.,2020\n"
        "Vision transformers,We train vision transformers.,2021\n"
    )
    src.write_text(two)
    assert run("ingest", str(src), "--db", str(db)).exit_code == 0
    src.write_text("")
    for _ in range(2):
        broken = CliRunner().invoke(cli, ["-q", "ingest", str(src), "--db", str(db)])
        assert broken.exit_code == 0
        assert f"  skipped {src}: empty file\n" in broken.stderr
        assert "1 files built before cannot be read now; their papers stay" in broken.stderr
        with Workspace(db) as ws:
            assert sorted(p.title for p in ws.papers()) == ["Graph networks", "Vision transformers"]
            assert pipeline.stats(ws)["skipped"] == []
    src.write_text(two.rsplit("Vision", 1)[0])
    assert "changed files: 1 papers updated, 1 removed" in run("ingest", str(src), "--db", str(db)).output
    with Workspace(db) as ws:
        assert [p.title for p in ws.papers()] == ["Graph networks"]


def test_a_record_broken_in_an_edited_file_keeps_its_paper_as_it_was(tmp_path):
    """A line that no longer parses is bad input, not a deletion; the file's other edits still apply."""
    src, db = tmp_path / "papers.jsonl", tmp_path / "lines.db"
    rows = [
        {"title": "Graph networks", "abstract": "We propose graph neural networks.", "authors": ["Ada Lovelace"]},
        {"title": "Vision transformers", "abstract": "We train vision transformers.", "authors": ["Alan Turing"]},
        {"title": "Speech encoders", "abstract": "We pretrain speech encoders.", "year": 2022},
    ]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows))
    assert run("ingest", str(src), "--db", str(db)).exit_code == 0
    rows[2]["abstract"] = "We pretrain speech encoders with a contrastive loss."
    src.write_text(
        json.dumps(rows[0]) + '\n{"title": "Vision transformers", "abstract": \n' + json.dumps(rows[2]) + "\n"
    )
    result = CliRunner().invoke(cli, ["-q", "ingest", str(src), "--db", str(db)])
    assert result.exit_code == 0
    assert (
        "2 records, 0 new papers, 0 merged duplicates, 1 skipped; changed files: 2 papers updated, "
        "0 removed, 1 kept as they were (their records cannot be read now)" in result.stdout
    )
    assert f"  skipped {src}:2: invalid JSON line" in result.stderr
    with Workspace(db) as ws:
        papers = {p.title: p for p in ws.papers()}
    assert sorted(papers) == ["Graph networks", "Speech encoders", "Vision transformers"]
    vision = papers["Vision transformers"]
    assert (vision.abstract, vision.authors, vision.sources) == (
        "We train vision transformers.",
        ["Alan Turing"],
        [{"source": str(src), "position": 2, "format": "jsonl"}],
    )
    assert papers["Speech encoders"].abstract == "We pretrain speech encoders with a contrastive loss."


def test_a_broken_record_finds_its_paper_by_what_it_still_says_when_edits_moved_it(tmp_path):
    """Deleting a record shifts the lines after it: the broken line names "Vision transformers", so that
    paper stays, and the deleted record's paper (which sat at the broken line's number) goes."""
    src, db = tmp_path / "papers.jsonl", tmp_path / "moved.db"
    rows = [
        {"title": "Graph networks", "abstract": "We propose graph neural networks."},
        {"title": "Vision transformers", "abstract": "We train vision transformers.", "doi": "10.1000/VIT.1"},
        {"title": "Speech encoders", "abstract": "We pretrain speech encoders."},
    ]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows))
    assert run("ingest", str(src), "--db", str(db)).exit_code == 0
    src.write_text('{"title": "Vision transformers", "abstract": \n' + json.dumps(rows[2]) + "\n")
    result = run("ingest", str(src), "--db", str(db))
    assert "changed files: 1 papers updated, 1 removed, 1 kept as they were" in result.output
    with Workspace(db) as ws:
        assert sorted(p.title for p in ws.papers()) == ["Speech encoders", "Vision transformers"]
    # a broken line that names no title finds its paper by an identifier
    src.write_text('{"doi": "https://doi.org/10.1000/vit.1", "title": \n' + json.dumps(rows[2]) + "\n")
    assert "1 kept as they were" in run("ingest", str(src), "--db", str(db)).output
    with Workspace(db) as ws:
        assert sorted(p.title for p in ws.papers()) == ["Speech encoders", "Vision transformers"]


def test_a_csv_row_whose_quote_is_never_closed_keeps_its_paper_and_the_rows_below_it(tmp_path):
    src, db = tmp_path / "export.csv", tmp_path / "quote.db"
    rows = [
        "title,abstract,year",
        "Graph networks,We propose graph neural networks.,2020",
        "Vision transformers,We train vision transformers.,2021",
        "Speech encoders,We pretrain speech encoders.,2022",
    ]
    src.write_text("\n".join(rows) + "\n")
    assert run("ingest", str(src), "--db", str(db)).exit_code == 0
    rows[2] = rows[2].replace(",We", ',"We')
    rows[3] = rows[3].replace("2022", "2023")
    src.write_text("\n".join(rows) + "\n")
    result = run("ingest", str(src), "--db", str(db))
    assert "changed files: 2 papers updated, 0 removed, 1 kept as they were" in result.output
    with Workspace(db) as ws:
        papers = {p.title: (p.abstract, p.year) for p in ws.papers()}
    assert papers == {
        "Graph networks": ("We propose graph neural networks.", 2020),
        "Vision transformers": ("We train vision transformers.", 2021),
        "Speech encoders": ("We pretrain speech encoders.", 2023),
    }


def test_a_corrected_year_updates_the_paper_and_a_new_same_titled_record_is_a_new_paper(tmp_path):
    """A year keeps two same-titled works apart, so a corrected year used to replace its paper (a new
    "~2" id, extracted again). Within the file that held it, it is an edit."""
    src, db = tmp_path / "export.csv", tmp_path / "year.db"
    head = "title,abstract,year\n"
    src.write_text(head + "Introduction,We survey graph networks.,2019\nSpeech encoders,We pretrain encoders.,2022\n")
    assert run("ingest", str(src), "--db", str(db)).exit_code == 0
    with Workspace(db) as ws:
        ids = {p.title: p.id for p in ws.papers()}
    src.write_text(head + "Introduction,We survey graph networks.,2019\nSpeech encoders,We pretrain encoders.,2023\n")
    assert "changed files: 2 papers updated, 0 removed" in run("ingest", str(src), "--db", str(db)).output
    with Workspace(db) as ws:
        assert {p.title: (p.id, p.year) for p in ws.papers()} == {
            "Introduction": (ids["Introduction"], 2019),
            "Speech encoders": (ids["Speech encoders"], 2023),
        }
    # a same-titled record inserted above the old one is a new work; the old one keeps its id
    src.write_text(head + "Introduction,We survey vision models.,2021\nIntroduction,We survey graph networks.,2019\n")
    result = run("ingest", str(src), "--db", str(db))
    assert "1 new papers" in result.output and "1 papers updated, 1 removed" in result.output
    with Workspace(db) as ws:
        assert sorted((p.id, p.year, p.abstract) for p in ws.papers()) == [
            (ids["Introduction"], 2019, "We survey graph networks."),
            (ids["Introduction"] + "~2", 2021, "We survey vision models."),
        ]


def test_a_broken_bibtex_entry_keeps_its_paper_after_the_entries_are_reordered(tmp_path):
    src, db = tmp_path / "refs.bib", tmp_path / "bib.db"
    graph = "@article{g, title={{G}raph Networks}, abstract={We propose graph neural networks.}}\n"
    vision = "@article{v, title={Vision Transformers}, abstract={We train vision transformers.}}\n"
    src.write_text(graph + vision)
    assert run("ingest", str(src), "--db", str(db)).exit_code == 0
    src.write_text(vision + graph.replace("abstract=", "abstract="[:-1]).replace("{We", "{{We"))
    result = run("ingest", str(src), "--db", str(db))
    assert "1 papers updated, 0 removed, 1 kept as they were" in result.output
    with Workspace(db) as ws:
        assert sorted(p.title for p in ws.papers()) == ["Graph Networks", "Vision Transformers"]


def test_a_json_document_with_a_syntax_error_keeps_all_its_papers(tmp_path):
    """A JSON array that no longer parses is one unreadable file, not one broken record and N deletions."""
    src, db = tmp_path / "papers.json", tmp_path / "array.db"
    rows = [{"title": f"Paper {i} on graph networks", "abstract": f"We study graph networks {i}."} for i in range(3)]
    src.write_text(json.dumps(rows, indent=1))
    assert run("ingest", str(src), "--db", str(db)).exit_code == 0
    src.write_text(json.dumps(rows, indent=1).replace('"abstract"', '"abstract",', 1))
    result = CliRunner().invoke(cli, ["-q", "ingest", str(src), "--db", str(db)])
    assert result.exit_code == 0
    assert f"  skipped {src}: invalid JSON at line 4: Expecting ':' delimiter\n" in result.stderr
    assert "1 files built before cannot be read now; their papers stay" in result.stderr
    with Workspace(db) as ws:
        assert len(ws.papers()) == 3


def test_new_loaders_read_every_file_again_and_their_repairs_reach_the_papers(tmp_path, monkeypatch):
    """A workspace built by older loaders (here: before lost spaces after full stops were put back) takes
    the new text on its next build; papers whose text did not change are not extracted again."""
    repair_module = importlib.import_module("loaders.repair")  # "loaders.repair" is also the function's name
    src, db = tmp_path / "a.csv", tmp_path / "old.db"
    src.write_text(
        "title,abstract,year\n"
        "Graph networks for molecules,We propose graph neural networks for molecules.Results are strong.,2020\n"
        "Vision transformers at scale,We train vision transformers on large image datasets.,2021\n"
    )
    with monkeypatch.context() as m:  # the older loaders
        m.setattr(repair_module, "space_sentence_ends", lambda text: text)
        m.setattr(pipeline, "LOADERS_VERSION", "1")
        assert run("build", str(src), "--db", str(db)).exit_code == 0
    with Workspace(db) as ws:
        assert "molecules.Results" in {p.title: p for p in ws.papers()}["Graph networks for molecules"].abstract
    result = run("build", str(src), "--db", str(db))
    assert result.exit_code == 0
    assert "ingested 1 files (0 unchanged)" in result.output
    assert "extracted 1 papers (1 cached, 0 not English)" in result.output
    with Workspace(db) as ws:
        papers = {p.title: p for p in ws.papers()}
    assert papers["Graph networks for molecules"].abstract == (
        "We propose graph neural networks for molecules. Results are strong."
    )
    assert "ingested 1 files (1 unchanged)" in run("build", str(src), "--db", str(db)).output


def test_killed_build_then_rerun_equals_uninterrupted(tmp_path):
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    cmd = [sys.executable, "-m", "conceptgraph", "-q", "build", *map(str, SMALL), "--batch-size", "3"]
    clean = tmp_path / "clean.db"
    subprocess.run([*cmd, "--db", str(clean)], check=True, env=env, capture_output=True, cwd=ROOT)

    killed = tmp_path / "killed.db"
    proc = subprocess.Popen([*cmd, "--db", str(killed)], env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
    deadline = time.time() + 120
    n = 0
    while time.time() < deadline and proc.poll() is None:
        try:
            conn = sqlite3.connect(killed)
            n = conn.execute("SELECT COUNT(*) FROM extractions").fetchone()[0]
            conn.close()
        except sqlite3.OperationalError:
            n = 0
        if n >= 3:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "build finished before it could be interrupted"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    conn = sqlite3.connect(killed)
    assert 3 <= conn.execute("SELECT COUNT(*) FROM extractions").fetchone()[0] < 17
    assert conn.execute("SELECT COUNT(*) FROM concepts").fetchone()[0] == 0
    conn.close()

    rerun = subprocess.run([*cmd, "--db", str(killed)], check=True, env=env, capture_output=True, text=True, cwd=ROOT)
    assert "(0 cached" not in rerun.stdout
    assert dump(killed) == dump(clean)


def test_cli_missing_path_exits_2_and_names_it(tmp_path):
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "missing.txt"), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2
    assert "missing.txt" in result.output


def test_cli_bad_files_are_skipped_and_the_rest_is_built(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "empty.txt").write_text("")
    (d / "blob.bin").write_bytes(b"\x00\x01\x02\x03")
    (d / "bad.txt").write_bytes(b"caf\xe9 au lait " * 3)
    (d / "list.csv").write_text(
        "title,abstract\n"
        '"Graph nets for molecules","We propose a graph neural network for molecule property prediction on QM9."\n'
        '"A paper without abstract",""\n'
    )
    db = tmp_path / "w.db"
    result = CliRunner().invoke(cli, ["-q", "build", str(d), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "3 skipped" in result.output
    stats = json.loads(run("stats", "--db", str(db), "--json").output)
    assert set(stats) >= {"papers", "concepts", "authors", "mentions", "cooccurrence_edges", "languages", "skipped"}
    assert stats["papers"] == 2 and stats["papers_without_abstract"] == 1
    assert sorted(s["reason"] for s in stats["skipped"]) == [
        "binary file (contains NUL bytes)",
        "empty file",
        "not UTF-8 text (undecodable byte at offset 3)",
    ]
    with Workspace(db) as ws:
        no_abs = [p for p in ws.papers() if p.title == "A paper without abstract"][0]
        assert ws.conn.execute("SELECT COUNT(*) FROM mentions WHERE paper_id = ?", (no_abs.id,)).fetchone() == (0,)


def test_a_file_skipped_on_every_build_is_listed_once(tmp_path):
    """A README beside the data is skipped again by each build; it has no record position, and NULLs
    passed the table's UNIQUE, so it used to be listed once per build."""
    d = tmp_path / "in"
    d.mkdir()
    (d / "README").write_text("What these files are.\n")
    (d / "list.csv").write_text('title,abstract\n"Graph nets","We propose a graph neural network for molecules."\n')
    db = tmp_path / "w.db"
    for _ in range(2):
        assert CliRunner().invoke(cli, ["-q", "build", str(d), "--db", str(db)]).exit_code == 0
    stats = json.loads(run("stats", "--db", str(db), "--json").output)
    assert [(Path(s["source"]).name, s["reason"]) for s in stats["skipped"]] == [
        ("README", "documentation file, not data (name the file to load it)")
    ]
    with Workspace(db) as ws:
        assert ws.conn.execute("SELECT COUNT(*) FROM skipped").fetchone() == (1,)


def test_cli_keyphrases_jsonl_in_input_order(tmp_path):
    result = run("keyphrases", str(SMALL[1]), "--top-n", "3")
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.output.strip().split("\n")]
    assert len(rows) == 7
    assert all(set(r) == {"id", "title", "concepts"} for r in rows)
    assert all(set(c) == {"text", "key", "type", "score"} for r in rows for c in r["concepts"])
    assert all(len(r["concepts"]) <= 3 for r in rows)
    assert [r["id"] for r in rows] == [p.id for p in load_paths([SMALL[1]]).papers]
    # scored without its repository link ("github.com/cheerss/CrossFormer"), which is no candidate; the acronym
    # "LSDA" takes its definition's slot, written out
    assert rows[0]["concepts"] == [
        {"text": "CrossFormer", "key": "crossformer", "type": "architecture", "score": 2.1179},
        {"text": "self-attention module", "key": "self attention module", "type": "method", "score": 1.708},
        {
            "text": "Long Short Distance Attention",
            "key": "long short distance attention",
            "type": "method",
            "score": 1.6503,
        },
    ]


def test_cli_concepts_papers_and_view(sample_db, tmp_path):
    top = json.loads(run("concepts", "--db", str(sample_db), "--top", "5", "--json").output)
    # the corpus's hubs, "transfer learning", "deep learning", "deep neural networks" and "computer vision", are
    # ignored by the relevance filter; the dataset ImageNet, which every topic uses, is not
    assert [c["label"] for c in top][:3] == ["convolutional neural networks", "ImageNet", "natural language processing"]
    assert top[0]["papers"] >= top[1]["papers"] >= top[4]["papers"]
    methods = json.loads(run("concepts", "--db", str(sample_db), "--type", "method", "--json").output)
    assert methods and all(c["type"] == "method" for c in methods)
    papers = json.loads(run("papers", "--db", str(sample_db), "--concept", "ViT", "--json").output)
    assert len(papers) >= 7
    out = tmp_path / "map.html"
    assert run("view", "--db", str(sample_db), "--top", "50", "-o", str(out)).exit_code == 0
    assert out.stat().st_size > 400_000  # vis-network is inlined
    missing = CliRunner().invoke(cli, ["papers", "--db", str(sample_db), "--concept", "no such thing"])
    assert missing.exit_code == 2 and "no such thing" in missing.output
    # the abstracts write "COCO" and "MS COCO dataset", never "MS COCO" alone: the listed forms still find it
    coco = json.loads(run("papers", "--db", str(sample_db), "--concept", "COCO", "--json").output)
    assert len(coco) == 9
    for form in ("MS COCO", "MSCOCO", "Microsoft COCO"):
        assert json.loads(run("papers", "--db", str(sample_db), "--concept", form, "--json").output) == coco


def test_cli_commands_have_help():
    assert {"build", "ingest", "extract", "forget", "files", "stats", "concepts", "papers", "view"} <= set(cli.commands)
    for cmd in sorted(cli.commands):
        result = CliRunner().invoke(cli, [cmd, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output

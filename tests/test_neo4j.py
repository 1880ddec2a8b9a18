"""Against a real Neo4j (make test starts one): loads, the differential test, bad input."""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, IN_CI, ROOT

from conceptgraph.cli import cli
from graph import pipeline
from graph.build import load_graph
from graph.neo4j_writer import Connection, load, read_query, stats
from graph.workspace import Workspace
from queries.catalog import catalog
from queries.runner import run

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def conn() -> Connection:
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        if IN_CI:
            pytest.fail("NEO4J_URI is not set in CI: `make test` starts the local Neo4j and sets it")
        pytest.skip("no Neo4j: run `make test` (or set NEO4J_URI)")
    c = Connection(
        uri,
        os.environ.get("NEO4J_USERNAME", "neo4j"),
        os.environ.get("NEO4J_PASSWORD", "conceptgraph-test"),
        os.environ.get("NEO4J_DATABASE", "neo4j"),
    )
    stats(c)  # fails (not skips) when the server cannot be reached
    return c


def conn_args(c: Connection) -> list[str]:
    return ["--uri", c.uri, "--user", c.user, "--password", c.password, "--database", c.database]


@pytest.fixture(scope="module")
def sample_clean_stats(conn, sample_graph) -> dict:
    load(conn, sample_graph, wipe_first=True)
    return stats(conn)


def ensure_sample(conn, sample_graph, expected: dict) -> None:
    if stats(conn) != expected:
        load(conn, sample_graph, wipe_first=True)


def test_clean_load_counts_equal_the_local_graph(conn, sample_graph, sample_clean_stats):
    labels = {}
    rels = {}
    for _, d in sample_graph.nodes(data=True):
        labels[d["label"]] = labels.get(d["label"], 0) + 1
    for _, _, d in sample_graph.edges(data=True):
        rels[d["type"]] = rels.get(d["type"], 0) + 1
    assert sample_clean_stats == {"nodes": dict(sorted(labels.items())), "relationships": dict(sorted(rels.items()))}
    assert sample_clean_stats["nodes"]["Paper"] == 344


def test_constraints_exist(conn, sample_clean_stats):
    rows = read_query(conn, "SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type RETURN * ORDER BY labelsOrTypes")
    got = {(r["labelsOrTypes"][0], r["properties"][0], r["type"]) for r in rows}
    assert {("Paper", "id", "UNIQUENESS"), ("Concept", "key", "UNIQUENESS"), ("Author", "key", "UNIQUENESS")} <= got


def test_loading_twice_changes_no_count(conn, sample_graph, sample_clean_stats, sample_db, caplog):
    """Nor does it warn: the sample has no citations, and reading the absent CITES, COUPLED and COCITED
    types made the server warn "relationship type does not exist" on every load."""
    ensure_sample(conn, sample_graph, sample_clean_stats)
    with caplog.at_level(logging.WARNING, logger="neo4j.notifications"):
        result = CliRunner().invoke(cli, ["-q", "neo4j", "load", "--db", str(sample_db), *conn_args(conn)])
    assert result.exit_code == 0, result.output
    warned = [
        r.getMessage() for r in caplog.records if r.name == "neo4j.notifications" and r.levelno >= logging.WARNING
    ]
    assert warned == []
    out = CliRunner().invoke(cli, ["neo4j", "stats", "--json", *conn_args(conn)])
    assert json.loads(out.output) == sample_clean_stats


def test_killed_load_then_rerun_equals_clean_load(conn, sample_graph, sample_clean_stats, sample_db):
    from graph.neo4j_writer import driver, wipe

    with driver(conn) as drv:
        wipe(drv, conn)
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    cmd = [
        sys.executable,
        "-m",
        "conceptgraph",
        "-q",
        "neo4j",
        "load",
        "--db",
        str(sample_db),
        "--batch-size",
        "200",
        *conn_args(conn),
    ]
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        rels = stats(conn)["relationships"]
        if 0 < rels.get("CO_OCCURS", 0):
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the load finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = stats(conn)
    assert partial != sample_clean_stats
    result = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert stats(conn) == sample_clean_stats


def test_reload_after_papers_were_added_updates_in_place(conn, tmp_path, sample_graph, sample_clean_stats):
    db = tmp_path / "grow.db"
    with Workspace(db) as ws:
        pipeline.ingest(ws, [EXAMPLES / "004_4b88d3cd44dbc11e.txt"])
        pipeline.extract(ws)
        pipeline.consolidate(ws)
        small = load_graph(ws)
    load(conn, small, wipe_first=True)
    small_stats = stats(conn)
    assert small_stats["nodes"]["Paper"] == 7
    with Workspace(db) as ws:
        pipeline.ingest(ws, [EXAMPLES / "000_c21c986bf0658999.txt"])
        pipeline.extract(ws)
        pipeline.consolidate(ws)
        bigger = load_graph(ws)
    load(conn, bigger)
    updated = stats(conn)
    load(conn, bigger, wipe_first=True)
    assert updated == stats(conn)
    assert updated["nodes"]["Paper"] == 17
    ensure_sample(conn, sample_graph, sample_clean_stats)


# their examples name papers and works of the unarXive and S2ORC samples (and a method of S2ORC's, whose
# materials the sample corpus, about machine learning, does not have)
CITATION_QUERIES = {"most_cited", "paper_citations", "coupled_papers", "work_citers", "method_materials"}


@pytest.mark.parametrize("name", sorted(set(catalog()) - CITATION_QUERIES))
def test_differential_local_equals_neo4j(name, conn, sample_graph, sample_clean_stats, caplog):
    """And without a server warning: canned queries name types the sample lacks (CITES, COCITED)."""
    ensure_sample(conn, sample_graph, sample_clean_stats)
    query = catalog()[name]
    local = run(name, query.example, "local", graph=sample_graph)
    with caplog.at_level(logging.WARNING, logger="neo4j.notifications"):
        remote = run(name, query.example, "neo4j", conn=conn)
    assert local == remote
    assert local, f"example parameters of {name} return no rows on the sample corpus"
    assert [r.getMessage() for r in caplog.records if r.name == "neo4j.notifications"] == []


@pytest.fixture(scope="module")
def citation_clean_stats(conn, citation_graph) -> dict:
    load(conn, citation_graph, wipe_first=True)
    return stats(conn)


@pytest.mark.parametrize("name", sorted(CITATION_QUERIES | {"lineage", "graph_summary"}))
def test_differential_on_the_citation_corpus(name, conn, citation_graph, citation_clean_stats):
    if stats(conn) != citation_clean_stats:
        load(conn, citation_graph, wipe_first=True)
    query = catalog()[name]
    local = run(name, query.example, "local", graph=citation_graph)
    remote = run(name, query.example, "neo4j", conn=conn)
    assert local == remote
    assert local, f"example parameters of {name} return no rows on the citation corpus"


def test_citation_layer_loads_with_counts_equal_to_the_local_graph(conn, citation_graph, citation_clean_stats):
    rels: dict[str, int] = {}
    for _, _, d in citation_graph.edges(data=True):
        rels[d["type"]] = rels.get(d["type"], 0) + 1
    assert citation_clean_stats["relationships"] == dict(sorted(rels.items()))
    assert citation_clean_stats["nodes"]["Work"] == sum(
        1 for _, d in citation_graph.nodes(data=True) if d["label"] == "Work"
    )
    load(conn, citation_graph)  # a second load changes nothing
    assert stats(conn) == citation_clean_stats


def test_a_work_that_becomes_a_paper_is_upgraded_in_place(conn, tmp_path):
    db = tmp_path / "upgrade.db"
    citing = tmp_path / "citing.json"
    citing.write_text(json.dumps(CITING_WORK), encoding="utf-8")
    cited = tmp_path / "cited.bib"
    cited.write_text(CITED_BIB, encoding="utf-8")
    with Workspace(db) as ws:
        pipeline.ingest(ws, [citing])
        pipeline.consolidate(ws)
        before = load_graph(ws)
    load(conn, before, wipe_first=True)
    node_id = read_query(conn, "MATCH (w:Work {id: 'doi:10.5555/cited.1'}) RETURN elementId(w) AS e")[0]["e"]
    with Workspace(db) as ws:
        pipeline.ingest(ws, [cited])
        pipeline.consolidate(ws)
        after = load_graph(ws)
    load(conn, after)
    rows = read_query(
        conn,
        "MATCH (a:Paper)-[:CITES]->(p:Paper {id: 'doi:10.5555/cited.1'}) RETURN a.id AS a, elementId(p) AS e, "
        "p:Work AS still_work",
    )
    assert rows == [{"a": "doi:10.5555/citing.1", "e": node_id, "still_work": False}]
    assert read_query(conn, "MATCH (w:Work) RETURN count(w) AS n") == [{"n": 0}]


def test_author_keywords_are_a_paper_property(conn, tmp_path):
    """Cypher users can filter papers by the authors' keywords; a paper without any has an empty list."""
    with Workspace(tmp_path / "keywords.db") as ws:
        pipeline.ingest(ws, [ROOT / "tests" / "fixtures" / "wos" / "savedrecs.txt"])
        pipeline.consolidate(ws)
        g = load_graph(ws)
    load(conn, g, wipe_first=True)
    rows = read_query(conn, "MATCH (p:Paper) RETURN p.id AS id, p.keywords AS keywords ORDER BY id")
    assert rows == [
        {
            "id": "doi:10.1109/cvpr.2016.90",
            "keywords": ["Residual learning", "Image recognition", "Review", "Shortcut connections"],
        },
        {"id": "pmid:31150001", "keywords": []},
    ]


CITING_WORK = {  # a Crossref work whose reference list names the cited DOI
    "DOI": "10.5555/citing.1",
    "title": ["A citing paper"],
    "issued": {"date-parts": [[2021]]},
    "reference": [{"key": "r1", "DOI": "10.5555/cited.1", "article-title": "The cited work", "year": "2019"}],
}
CITED_BIB = "@article{c1, title={The cited work}, year={2019}, doi={10.5555/CITED.1}}\n"


def test_query_cli_backends_and_formats(conn, sample_db, sample_graph, sample_clean_stats):
    ensure_sample(conn, sample_graph, sample_clean_stats)
    args = ["query", "top_concepts", "-p", "type=dataset", "-p", "limit=3", "--db", str(sample_db)]
    local = CliRunner().invoke(cli, [*args, "--format", "json"])
    remote = CliRunner().invoke(cli, [*args, "--format", "json", "--backend", "neo4j", *conn_args(conn)])
    assert local.exit_code == remote.exit_code == 0
    assert json.loads(local.output) == json.loads(remote.output)
    assert len(json.loads(local.output)) == 3
    csv_out = CliRunner().invoke(cli, [*args, "--format", "csv"]).output.splitlines()
    assert csv_out[0] == "key,name,type,papers,pagerank" and len(csv_out) == 4
    # a listed form of a well-known name that no abstract wrote alone finds its concept on both backends
    args = ["query", "concept_neighbors", "-p", "concept=MS COCO", "-p", "limit=3", "--db", str(sample_db)]
    local = CliRunner().invoke(cli, [*args, "--format", "json"])
    remote = CliRunner().invoke(cli, [*args, "--format", "json", "--backend", "neo4j", *conn_args(conn)])
    assert local.exit_code == remote.exit_code == 0, local.output + remote.output
    assert json.loads(local.output) == json.loads(remote.output) and len(json.loads(local.output)) == 3


def test_neo4j_down_fails_fast_with_a_clear_message(tmp_path, sample_db):
    t0 = time.perf_counter()
    result = CliRunner().invoke(cli, ["neo4j", "stats", "--uri", "bolt://127.0.0.1:1", "--password", "x"])
    elapsed = time.perf_counter() - t0
    assert result.exit_code == 1
    assert "cannot reach Neo4j at bolt://127.0.0.1:1: is it running?" in result.output
    assert elapsed < 10


def test_wrong_password_says_authentication_failed(conn):
    result = CliRunner().invoke(cli, ["neo4j", "stats", *conn_args(conn)[:4], "--password", "wrong-password"])
    assert result.exit_code == 1
    assert "authentication failed" in result.output


def test_unknown_query_suggests_close_names(sample_db):
    result = CliRunner().invoke(cli, ["query", "top_concept", "--db", str(sample_db)])
    assert result.exit_code == 2
    assert "did you mean top_concepts" in result.output


def test_missing_and_ill_typed_parameters_exit_2_naming_them(sample_db):
    missing = CliRunner().invoke(cli, ["query", "concept_neighbors", "--db", str(sample_db)])
    assert missing.exit_code == 2 and "'concept'" in missing.output
    bad = CliRunner().invoke(cli, ["query", "top_concepts", "-p", "limit=ten", "--db", str(sample_db)])
    assert bad.exit_code == 2 and "'limit' must be int" in bad.output
    unknown = CliRunner().invoke(cli, ["query", "top_concepts", "-p", "colour=red", "--db", str(sample_db)])
    assert unknown.exit_code == 2 and "'colour'" in unknown.output


def test_hostile_names_are_plain_data(conn, tmp_path, sample_graph, sample_clean_stats):
    hostile_author = "O'Brien\"}) MATCH (n) DETACH DELETE n //"
    title = "Graph {nets} RETURN 1; MATCH (x) DELETE x"
    csv_file = tmp_path / "hostile.csv"
    csv_file.write_text(
        "title,abstract,authors\n"
        f'"{title.replace(chr(34), chr(34) * 2)}","We propose a graph neural network for molecule property '
        f'prediction on the QM9 dataset.","{hostile_author.replace(chr(34), chr(34) * 2)}; Ada Lovelace"\n'
    )
    db = tmp_path / "hostile.db"
    assert CliRunner().invoke(cli, ["-q", "build", str(csv_file), "--db", str(db)]).exit_code == 0
    with Workspace(db) as ws:
        g = load_graph(ws)
    load(conn, g, wipe_first=True)
    assert stats(conn)["nodes"]["Paper"] == 1
    rows = run("coauthors", {"author": hostile_author}, "neo4j", conn=conn)
    assert rows == [{"key": "lovelace, ada", "name": "Ada Lovelace", "shared_papers": 1}]
    back = run("coauthors", {"author": "Ada Lovelace"}, "neo4j", conn=conn)
    assert back[0]["name"] == hostile_author
    assert run("coauthors", {"author": "Ada Lovelace"}, "local", graph=g) == back
    ensure_sample(conn, sample_graph, sample_clean_stats)


def test_cypher_command_is_read_only(conn, sample_graph, sample_clean_stats):
    ensure_sample(conn, sample_graph, sample_clean_stats)
    ok = CliRunner().invoke(
        cli, ["cypher", "MATCH (p:Paper) RETURN count(p) AS n", "--format", "json", *conn_args(conn)]
    )
    assert ok.exit_code == 0 and json.loads(ok.output) == [{"n": 344}]
    param = CliRunner().invoke(
        cli, ["cypher", "MATCH (c:Concept {key: $k}) RETURN c.type AS t", "-p", "k=imagenet", *conn_args(conn)]
    )
    assert param.exit_code == 0 and "dataset" in param.output
    for write in ["CREATE (n:Paper {id: 'x'}) RETURN n", "MATCH (n) DETACH DELETE n"]:
        refused = CliRunner().invoke(cli, ["cypher", write, *conn_args(conn)])
        assert refused.exit_code == 2, refused.output
        assert "refused" in refused.output and "read-only" in refused.output
    assert stats(conn) == sample_clean_stats

"""Shared fixtures. The sample graph is built once per session with the real model."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def _shared_dir() -> Path:
    """The ../shared data folder: $CONCEPTGRAPH_SHARED, beside this checkout, or beside the
    checkout it was cloned from (a clean clone in /tmp still finds the data)."""
    import subprocess

    candidates = [os.environ.get("CONCEPTGRAPH_SHARED"), ROOT.parent / "shared"]
    origin = subprocess.run(
        ["git", "-C", str(ROOT), "config", "--get", "remote.origin.url"], capture_output=True, text=True
    ).stdout.strip()
    if origin and Path(origin).is_dir():
        candidates.append(Path(origin).resolve().parent / "shared")
    for c in candidates:
        if c and Path(c).is_dir():
            return Path(c)
    return ROOT.parent / "shared"


SHARED = _shared_dir()
IN_CI = os.environ.get("CI", "").lower() == "true"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
# exact expected values hold on any CPU in float32; bfloat16 (the default where the CPU has bfloat16 units)
# moves a few of them, and has its own test
os.environ["CONCEPTGRAPH_PRECISION"] = "fp32"


def build(db: Path, paths: list[Path]) -> Path:
    """Ingest, extract and consolidate ``paths`` into the workspace ``db`` (the real model)."""
    from graph import pipeline
    from graph.workspace import Workspace

    with Workspace(db) as ws:
        pipeline.ingest(ws, paths)
        pipeline.extract(ws)
        pipeline.consolidate(ws)
    return db


def graph_of(db: Path):
    from graph.build import load_graph
    from graph.workspace import Workspace

    with Workspace(db, create=False) as ws:
        return load_graph(ws)


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory) -> Path:
    """A workspace built from examples/ (the five founding documents)."""
    return build(tmp_path_factory.mktemp("sample") / "sample.db", [EXAMPLES])


@pytest.fixture(scope="session")
def sample_graph(sample_db):
    return graph_of(sample_db)


def chromium_path() -> str:
    """Debian's chromium; outside CI a missing browser skips, in CI it fails."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        if IN_CI:
            pytest.fail("chromium is not installed; `make browser-deps` installs it")
        pytest.skip("chromium not installed (make browser-deps)")
    return path


CORPORA = SHARED / "corpora"


def corpus(name: str) -> Path:
    """A third-party sample under ../shared/corpora (data, not a server: absent means skip)."""
    path = CORPORA / name
    if not path.exists():
        pytest.skip(f"{path} is not on this machine (the ../shared data folder)")
    return path


@pytest.fixture(scope="session")
def citation_db(sample_db, tmp_path_factory) -> Path:
    """The sample workspace plus the unarXive and S2ORC samples (citation queries' examples)."""
    paths = [corpus("unarxive-sample"), corpus("s2orc-sample")]
    db = tmp_path_factory.mktemp("citations") / "citations.db"
    shutil.copy(sample_db, db)  # its extraction cache: only the new papers are extracted
    return build(db, paths)


@pytest.fixture(scope="session")
def citation_graph(citation_db):
    return graph_of(citation_db)

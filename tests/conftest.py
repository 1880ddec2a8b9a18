"""Shared fixtures. The sample graph is built once per session with the real model."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"
IN_CI = os.environ.get("CI", "").lower() == "true"

os.environ.setdefault("HF_HUB_OFFLINE", "1")


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory) -> Path:
    """A workspace built from examples/ (the five founding documents)."""
    from graph import pipeline
    from graph.workspace import Workspace

    db = tmp_path_factory.mktemp("sample") / "sample.db"
    with Workspace(db) as ws:
        pipeline.ingest(ws, [EXAMPLES])
        pipeline.extract(ws)
        pipeline.consolidate(ws)
    return db


@pytest.fixture(scope="session")
def sample_graph(sample_db):
    from graph.build import load_graph
    from graph.workspace import Workspace

    with Workspace(sample_db, create=False) as ws:
        return load_graph(ws)


def chromium_path() -> str:
    """Debian's chromium; outside CI a missing browser skips, in CI it fails."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        if IN_CI:
            pytest.fail("chromium is not installed; `make browser-deps` installs it")
        pytest.skip("chromium not installed (make browser-deps)")
    return path

"""The local workspace: one SQLite file, the embedded default store.

It holds papers (with their provenance), skipped inputs, an extraction cache
keyed by (paper text hash, settings incl. model), and the consolidated concept
layer (concepts, mentions, co-occurrence, authors), and the vectors of the phrases
it has embedded, so a rebuild embeds only new ones. Every step commits in
transactions, so an interrupted run keeps what it finished and a re-run
completes the rest.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from conceptgraph.errors import UsageError, WorkspaceError
from loaders.records import Paper, Skipped

if TYPE_CHECKING:
    import numpy as np

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS files(
    path TEXT PRIMARY KEY, sha1 TEXT NOT NULL, format TEXT, records INTEGER, skipped INTEGER,
    new_papers INTEGER, merged INTEGER);
CREATE TABLE IF NOT EXISTS papers(
    id TEXT PRIMARY KEY, data TEXT NOT NULL, language TEXT, text_hash TEXT);
CREATE TABLE IF NOT EXISTS skipped(
    source TEXT NOT NULL, position INTEGER, reason TEXT NOT NULL, UNIQUE(source, position, reason));
CREATE TABLE IF NOT EXISTS extractions(
    text_hash TEXT NOT NULL, settings TEXT NOT NULL, keyphrases TEXT NOT NULL, candidates TEXT,
    PRIMARY KEY(text_hash, settings));
CREATE TABLE IF NOT EXISTS concepts(
    key TEXT PRIMARY KEY, label TEXT NOT NULL, type TEXT NOT NULL, type_confidence REAL,
    type_rule TEXT, aliases TEXT NOT NULL, papers INTEGER NOT NULL, community INTEGER,
    pagerank REAL);
CREATE TABLE IF NOT EXISTS mentions(
    paper_id TEXT NOT NULL, concept_key TEXT NOT NULL, score REAL NOT NULL, surface TEXT,
    PRIMARY KEY(paper_id, concept_key));
CREATE INDEX IF NOT EXISTS mentions_by_concept ON mentions(concept_key);
CREATE TABLE IF NOT EXISTS cooccurrence(
    a TEXT NOT NULL, b TEXT NOT NULL, count INTEGER NOT NULL, association REAL NOT NULL,
    npmi REAL NOT NULL, papers TEXT NOT NULL, PRIMARY KEY(a, b));
CREATE TABLE IF NOT EXISTS merges(
    source TEXT PRIMARY KEY, target TEXT NOT NULL, kind TEXT NOT NULL, evidence TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS authors(key TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS works(
    key TEXT PRIMARY KEY, ids TEXT NOT NULL, title TEXT, year INTEGER, text TEXT);
CREATE TABLE IF NOT EXISTS cites(
    source_label TEXT NOT NULL, source TEXT NOT NULL, target_label TEXT NOT NULL, target TEXT NOT NULL,
    PRIMARY KEY(source_label, source, target_label, target));
CREATE TABLE IF NOT EXISTS coupling(
    a TEXT NOT NULL, b TEXT NOT NULL, shared INTEGER NOT NULL, strength REAL NOT NULL, evidence TEXT NOT NULL,
    PRIMARY KEY(a, b));
CREATE TABLE IF NOT EXISTS cocitation(
    a TEXT NOT NULL, b TEXT NOT NULL, count INTEGER NOT NULL, evidence TEXT NOT NULL, PRIMARY KEY(a, b));
CREATE TABLE IF NOT EXISTS introduces(
    paper_id TEXT NOT NULL, concept_key TEXT NOT NULL, name TEXT NOT NULL, evidence TEXT NOT NULL,
    location TEXT NOT NULL, PRIMARY KEY(paper_id, concept_key));
CREATE TABLE IF NOT EXISTS builds_on(
    paper_id TEXT NOT NULL, target_id TEXT NOT NULL, concepts TEXT NOT NULL, evidence TEXT NOT NULL,
    PRIMARY KEY(paper_id, target_id));
CREATE TABLE IF NOT EXISTS phrase_vectors(
    model TEXT NOT NULL, phrase TEXT NOT NULL, vector BLOB NOT NULL, PRIMARY KEY(model, phrase));
CREATE TABLE IF NOT EXISTS authored(
    author_key TEXT NOT NULL, paper_id TEXT NOT NULL, position INTEGER,
    PRIMARY KEY(author_key, paper_id));
"""

# columns added after a table's first release: older workspaces gain them on open
ADDED_COLUMNS = (
    ("files", "new_papers", "INTEGER"),  # the citation layer
    ("files", "merged", "INTEGER"),
    ("extractions", "candidates", "TEXT"),  # candidate keys; older rows read back as unknown
    ("files", "source", "TEXT"),  # the name its records carry as their source (the path as given)
)


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def file_sha1(path: Path) -> str:
    h = hashlib.sha1()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


class Workspace:
    """A connection to one workspace file. Use as a context manager."""

    def __init__(self, path: str | Path, create: bool = True) -> None:
        self.path = Path(path)
        if not create and not self.path.exists():
            raise UsageError(f"no workspace at {self.path}; run `conceptgraph build PATH` first or pass --db")
        try:
            self.conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.executescript(SCHEMA)
            for table, column, kind in ADDED_COLUMNS:
                if column not in {r[1] for r in self.conn.execute(f"PRAGMA table_info({table})")}:
                    self.conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
        except sqlite3.DatabaseError as e:
            raise WorkspaceError(f"cannot open workspace {self.path}: {e}; is it a conceptgraph .db file?") from e

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT; rolled back on any exception (or interrupt)."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # ---- files and papers ---------------------------------------------------------

    def file_sha1(self, path: str) -> str | None:
        row = self.conn.execute("SELECT sha1 FROM files WHERE path = ?", (path,)).fetchone()
        return row[0] if row else None

    def file_source(self, path: str) -> str | None:
        """The source name the file's records were stored under when it was last read (None before
        workspaces kept it): the path as it was given then, which another spelling of it may not match."""
        row = self.conn.execute("SELECT source FROM files WHERE path = ?", (path,)).fetchone()
        return row[0] if row else None

    def papers(self) -> list[Paper]:
        rows = self.conn.execute("SELECT data FROM papers ORDER BY rowid").fetchall()
        return [Paper(**json.loads(r[0])) for r in rows]

    def paper(self, paper_id: str) -> Paper | None:
        row = self.conn.execute("SELECT data FROM papers WHERE id = ?", (paper_id,)).fetchone()
        return Paper(**json.loads(row[0])) if row else None

    @staticmethod
    def put_papers(conn: sqlite3.Connection, papers: Iterable[Paper]) -> None:
        conn.executemany(
            "INSERT INTO papers(id, data, language, text_hash) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET data = excluded.data, language = excluded.language, "
            "text_hash = excluded.text_hash",
            [(p.id, json.dumps(p.as_dict(), ensure_ascii=False), p.language, text_hash(p.text)) for p in papers],
        )

    # ---- phrase vectors (concepts.model.VectorStore) ----------------------------------

    def get_vectors(self, model: str, phrases: Sequence[str]) -> dict[str, np.ndarray]:
        import numpy as np

        out: dict[str, np.ndarray] = {}
        for i in range(0, len(phrases), 500):
            chunk = list(phrases[i : i + 500])
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(
                f"SELECT phrase, vector FROM phrase_vectors WHERE model = ? AND phrase IN ({marks})",  # noqa: S608
                [model, *chunk],
            )
            out.update((p, np.frombuffer(v, dtype="<f4")) for p, v in rows)
        return out

    def put_vectors(self, model: str, vectors: Mapping[str, np.ndarray]) -> None:
        """A cache: written in its own transaction, whatever the caller does next."""
        import numpy as np

        with self.transaction() as conn:
            conn.executemany(
                "INSERT OR IGNORE INTO phrase_vectors(model, phrase, vector) VALUES (?, ?, ?)",
                [(model, p, np.asarray(v, dtype="<f4").tobytes()) for p, v in vectors.items()],
            )

    @staticmethod
    def delete_papers(conn: sqlite3.Connection, paper_ids: Iterable[str]) -> None:
        conn.executemany("DELETE FROM papers WHERE id = ?", [(i,) for i in paper_ids])

    @staticmethod
    def put_skipped(conn: sqlite3.Connection, skipped: Iterable[Skipped]) -> None:
        """Record skipped inputs once each: UNIQUE cannot tell two rows without a position apart (NULLs differ),
        so a whole file skipped again on the next build (a README beside the data) replaces its row."""
        rows = list(dict.fromkeys((s.source, s.position, s.reason) for s in skipped))
        conn.executemany("DELETE FROM skipped WHERE source = ? AND position IS ? AND reason = ?", rows)
        conn.executemany("INSERT INTO skipped(source, position, reason) VALUES (?, ?, ?)", rows)

    def skipped(self) -> list[dict]:
        # DISTINCT: workspaces written before put_skipped replaced rows hold such repeats
        rows = self.conn.execute("SELECT DISTINCT source, position, reason FROM skipped ORDER BY source, position")
        return [{"source": s, "position": p, "reason": r} for s, p, r in rows]

    # ---- extraction cache -----------------------------------------------------------

    def cached_hashes(self, settings: str) -> set[str]:
        rows = self.conn.execute("SELECT text_hash FROM extractions WHERE settings = ?", (settings,))
        return {r[0] for r in rows}

    def put_extractions(self, settings: str, rows: Iterable[tuple[str, list, list[str]]]) -> None:
        """Store (text hash, keyphrase pool, candidate keys) per text under one settings key."""
        with self.transaction() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO extractions(text_hash, settings, keyphrases, candidates) VALUES (?, ?, ?, ?)",
                [
                    (h, settings, json.dumps(k, ensure_ascii=False), json.dumps(c, ensure_ascii=False))
                    for h, k, c in rows
                ],
            )

    def extractions(self, settings: str) -> dict[str, list[tuple[str, float]]]:
        rows = self.conn.execute("SELECT text_hash, keyphrases FROM extractions WHERE settings = ?", (settings,))
        return {h: [tuple(x) for x in json.loads(k)] for h, k in rows}

    def candidate_keys(self, settings: str) -> dict[str, list[str]]:
        """Every candidate's concept key per text hash, for corpus specificity without re-reading the texts.

        Rows cached before the keys were kept are missing; the caller computes those.
        """
        rows = self.conn.execute(
            "SELECT text_hash, candidates FROM extractions WHERE settings = ? AND candidates IS NOT NULL", (settings,)
        )
        return {h: json.loads(c) for h, c in rows}

    # ---- meta ---------------------------------------------------------------------------

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    @staticmethod
    def set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
        conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    def count(self, table: str) -> int:
        if table not in {
            "papers",
            "concepts",
            "mentions",
            "cooccurrence",
            "authors",
            "authored",
            "skipped",
            "files",
            "extractions",
            "works",
            "cites",
            "coupling",
            "cocitation",
            "introduces",
            "builds_on",
        }:
            raise ValueError(table)
        return self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]  # noqa: S608 (allow-listed)

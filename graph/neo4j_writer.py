"""The Neo4j backend: connect, load the graph idempotently, count, run read-only Cypher.

Loading follows the house rules: uniqueness constraints first, values only as
``$rows`` parameters in ``UNWIND`` batches, ``MERGE`` on the keys, labels and
relationship types taken from an allow-list, ``database_=`` always passed, and
every batch written in a managed transaction so transient errors are retried.
A load is a sync: after writing, nodes and relationships that the local graph
no longer has are removed, so loading twice, loading after a kill, and loading
after the workspace changed all end equal to a clean load.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import networkx as nx

from conceptgraph.errors import Neo4jError, UsageError

log = logging.getLogger(__name__)

# label -> key property. The allow-list: nothing else is ever formatted into Cypher.
NODE_KEYS: dict[str, str] = {"Paper": "id", "Work": "id", "Concept": "key", "Author": "key"}
# (relationship type, start label, end label): CITES runs between papers and external works
RELS: list[tuple[str, str, str]] = [
    ("MENTIONS", "Paper", "Concept"),
    ("CO_OCCURS", "Concept", "Concept"),
    ("AUTHORED", "Author", "Paper"),
    ("CITES", "Paper", "Paper"),
    ("CITES", "Paper", "Work"),
    ("CITES", "Work", "Paper"),
    ("COUPLED", "Paper", "Paper"),
    ("COCITED", "Paper", "Paper"),
    ("INTRODUCES", "Paper", "Concept"),
    ("BUILDS_ON", "Paper", "Paper"),
]
REL_TYPES = {rel for rel, _, _ in RELS}
DEFAULT_BATCH = 10_000


@dataclass(frozen=True)
class Connection:
    uri: str
    user: str
    password: str
    database: str = "neo4j"


def _label(label: str) -> str:
    if label not in NODE_KEYS:
        raise ValueError(f"label {label!r} is not in the allow-list")
    return label


def _rel(rel: str) -> str:
    if rel not in REL_TYPES:
        raise ValueError(f"relationship type {rel!r} is not in the allow-list")
    return rel


@contextmanager
def driver(conn: Connection) -> Iterator[Any]:
    """A verified driver; unreachable servers and bad credentials become clear errors fast."""
    from neo4j import GraphDatabase
    from neo4j import exceptions as nx4

    try:
        drv = GraphDatabase.driver(
            conn.uri,
            auth=(conn.user, conn.password),
            connection_timeout=5.0,
            connection_acquisition_timeout=8.0,
            max_transaction_retry_time=15.0,
        )
    except (ValueError, nx4.ConfigurationError) as e:
        raise UsageError(f"invalid Neo4j URI {conn.uri!r}: {e}") from e
    try:
        try:
            drv.verify_connectivity()
        except nx4.AuthError as e:
            raise Neo4jError(
                f"authentication failed for user {conn.user!r} at {conn.uri}; "
                "check --user/--password (NEO4J_USERNAME / NEO4J_PASSWORD)"
            ) from e
        except (nx4.ServiceUnavailable, OSError) as e:
            raise Neo4jError(
                f"cannot reach Neo4j at {conn.uri}: is it running? "
                "Start one with `make neo4j-up` or `docker compose -f docker/docker-compose.yml up -d`"
            ) from e
        except nx4.Neo4jError as e:
            raise Neo4jError(f"Neo4j at {conn.uri} refused the connection: {e.message}") from e
        yield drv
    finally:
        drv.close()


def _wrap(conn: Connection, fn: Callable[[], Any]) -> Any:
    from neo4j import exceptions as nx4

    try:
        return fn()
    except nx4.ClientError as e:
        if e.code and "Database.DatabaseNotFound" in e.code:
            raise UsageError(f"database {conn.database!r} does not exist on {conn.uri}") from e
        raise Neo4jError(f"Neo4j refused the request: {e.message}") from e
    except (nx4.ServiceUnavailable, nx4.SessionExpired) as e:
        raise Neo4jError(f"lost the connection to Neo4j at {conn.uri}: {e}") from e
    except nx4.Neo4jError as e:  # transient errors that outlived the driver's retries, server errors
        hint = " (try a smaller --batch-size)" if "Memory" in (e.code or "") else ""
        raise Neo4jError(f"Neo4j failed: {e.message}{hint}") from e


# ---- rows from the networkx graph ----------------------------------------------------

NODE_PROPS = {
    "Paper": ["id", "title", "name", "year", "date", "language", "doi", "arxiv_id", "venue", "id_keys", "keywords"],
    "Work": ["id", "title", "name", "year", "text", "id_keys"],
    "Concept": [
        "key",
        "name",
        "type",
        "type_confidence",
        "aliases",
        "alias_keys",
        "frequency",
        "community",
        "pagerank",
    ],
    "Author": ["key", "name"],
}
REL_PROPS = {
    "MENTIONS": ["score"],
    "CO_OCCURS": ["count", "association", "npmi", "papers"],
    "AUTHORED": ["position"],
    "CITES": [],
    "COUPLED": ["shared", "strength", "evidence"],
    "COCITED": ["count", "evidence"],
    "INTRODUCES": ["name", "evidence", "location"],
    "BUILDS_ON": ["concepts", "evidence"],
}


def node_rows(g: nx.DiGraph, label: str) -> list[dict]:
    key = NODE_KEYS[label]
    rows = []
    for _, d in g.nodes(data=True):
        if d.get("label") == label:
            rows.append({"key": d[key], "props": {p: d.get(p) for p in NODE_PROPS[label]}})
    return rows


def rel_rows(g: nx.DiGraph, rel: str, start: str, end: str) -> list[dict]:
    sk, ek = NODE_KEYS[start], NODE_KEYS[end]
    rows = []
    for a, b, d in g.edges(data=True):
        if d.get("type") == rel and g.nodes[a]["label"] == start and g.nodes[b]["label"] == end:
            rows.append({"a": g.nodes[a][sk], "b": g.nodes[b][ek], "props": {p: d.get(p) for p in REL_PROPS[rel]}})
    return rows


# ---- writing --------------------------------------------------------------------------


def _batches(rows: Sequence[dict], size: int) -> Iterator[list[dict]]:
    for i in range(0, len(rows), size):
        yield list(rows[i : i + size])


def ensure_constraints(drv: Any, conn: Connection) -> None:
    for label, key in NODE_KEYS.items():
        name = f"cg_{label.lower()}_{key}"
        query = f"CREATE CONSTRAINT {name} IF NOT EXISTS FOR (n:{_label(label)}) REQUIRE n.{key} IS UNIQUE"
        _wrap(conn, lambda q=query: drv.execute_query(q, database_=conn.database))


def merge_nodes(drv: Any, conn: Connection, label: str, rows: Sequence[dict], batch_size: int, advance=None) -> None:
    key = NODE_KEYS[_label(label)]
    query = f"UNWIND $rows AS row MERGE (n:{label} {{{key}: row.key}}) SET n = row.props"
    for batch in _batches(rows, batch_size):
        _write(drv, conn, query, batch)
        if advance:
            advance(len(batch))


def merge_rels(
    drv: Any,
    conn: Connection,
    rel: str,
    rows: Sequence[dict],
    batch_size: int,
    advance=None,
    verb: str = "MERGE",
    ends: tuple[str, str] | None = None,
) -> None:
    """MERGE relationships (idempotent); verb="CREATE" is the bulk path for first loads into an empty database."""
    if verb not in ("MERGE", "CREATE"):
        raise ValueError(f"verb {verb!r} is not MERGE or CREATE")
    start, end = ends or next((a, b) for r, a, b in RELS if r == _rel(rel))
    if (_rel(rel), _label(start), _label(end)) not in RELS:
        raise ValueError(f"{rel} from {start} to {end} is not in the allow-list")
    sk, ek = NODE_KEYS[start], NODE_KEYS[end]
    query = (
        f"UNWIND $rows AS row MATCH (a:{start} {{{sk}: row.a}}) MATCH (b:{end} {{{ek}: row.b}}) "
        f"{verb} (a)-[r:{rel}]->(b) SET r = row.props"
    )
    for batch in _batches(rows, batch_size):
        _write(drv, conn, query, batch)
        if advance:
            advance(len(batch))


def _write(drv: Any, conn: Connection, query: str, rows: list[dict]) -> None:
    def work(tx: Any) -> None:
        tx.run(query, rows=rows).consume()

    def run() -> None:
        with drv.session(database=conn.database) as session:
            session.execute_write(work)

    _wrap(conn, run)


def _session(drv: Any, conn: Connection, ours: bool, **config: Any) -> Any:
    """A session on the chosen database. For our own queries (``ours``), which name labels and types a
    graph may lack (a corpus without citations has no CITES), the server's "does not exist" warning is
    expected and turned off; ad-hoc `cypher` statements still get it, as a typo may cause it there."""
    from neo4j import NotificationDisabledClassification

    if ours:
        config["notifications_disabled_classifications"] = [NotificationDisabledClassification.UNRECOGNIZED]
    return drv.session(database=conn.database, **config)


def _keys_in_neo4j(drv: Any, conn: Connection, query: str) -> list[Any]:
    """What Neo4j holds of one label or relationship type (its keys), for pruning."""

    def run() -> list[Any]:
        with _session(drv, conn, ours=True) as session:
            return session.execute_read(lambda tx: list(tx.run(query)))

    return _wrap(conn, run)


def prune(drv: Any, conn: Connection, g: nx.DiGraph, batch_size: int) -> dict[str, int]:
    """Delete what Neo4j has that the local graph does not (after a rebuild or a killed load)."""
    removed: dict[str, int] = {}
    for rel, start, end in RELS:
        sk, ek = NODE_KEYS[start], NODE_KEYS[end]
        wanted = {(r["a"], r["b"]) for r in rel_rows(g, _rel(rel), start, end)}
        query = f"MATCH (a:{start})-[r:{rel}]->(b:{end}) RETURN a.{sk} AS a, b.{ek} AS b"
        have = _keys_in_neo4j(drv, conn, query)
        stale = [{"a": r["a"], "b": r["b"]} for r in have if (r["a"], r["b"]) not in wanted]
        delete = f"UNWIND $rows AS row MATCH (a:{start} {{{sk}: row.a}})-[r:{rel}]->(b:{end} {{{ek}: row.b}}) DELETE r"
        for batch in _batches(stale, batch_size):
            _write(drv, conn, delete, batch)
        removed[rel] = removed.get(rel, 0) + len(stale)
    for label, key in NODE_KEYS.items():
        wanted_keys = {r["key"] for r in node_rows(g, _label(label))}
        query = f"MATCH (n:{label}) RETURN n.{key} AS k"
        have = _keys_in_neo4j(drv, conn, query)
        stale = [{"key": r["k"]} for r in have if r["k"] not in wanted_keys]
        delete = f"UNWIND $rows AS row MATCH (n:{label} {{{key}: row.key}}) DETACH DELETE n"
        for batch in _batches(stale, batch_size):
            _write(drv, conn, delete, batch)
        removed[label] = len(stale)
    return removed


def upgrade_works(drv: Any, conn: Connection, g: nx.DiGraph, batch_size: int) -> None:
    """A Work that is now a corpus paper becomes that Paper node in place (same node, its
    CITES kept): relabel it and give it the paper's id before papers are merged."""
    rows = [
        {"id": d["id"], "keys": d["id_keys"]}
        for _, d in g.nodes(data=True)
        if d.get("label") == "Paper" and d.get("id_keys")
    ]
    query = (
        "UNWIND $rows AS row CALL (row) { "
        "MATCH (w:Work) WHERE w.id IN row.keys AND NOT EXISTS { MATCH (:Paper {id: row.id}) } "
        "WITH w LIMIT 1 REMOVE w:Work SET w:Paper, w.id = row.id }"
    )
    for batch in _batches(rows, batch_size):
        _write(drv, conn, query, batch)


def wipe(drv: Any, conn: Connection, batch_size: int = DEFAULT_BATCH) -> None:
    """Remove every relationship, then every node, in server-side batches.

    Relationships go first so no single transaction has to detach a dense node's
    thousands of edges (which exhausts the transaction memory pool).
    """
    statements = [
        "MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF $n ROWS",
        "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF $n ROWS",
    ]

    def run() -> None:
        with drv.session(database=conn.database) as session:
            for statement in statements:
                session.run(statement, n=batch_size).consume()

    _wrap(conn, run)


@dataclass
class LoadReport:
    nodes: dict[str, int]
    relationships: dict[str, int]
    removed: dict[str, int]


def load(
    conn: Connection,
    g: nx.DiGraph,
    batch_size: int = DEFAULT_BATCH,
    wipe_first: bool = False,
    progress: Callable[[str, int], Callable[[int], None]] | None = None,
) -> LoadReport:
    """Make the Neo4j database equal to ``g``: constraints, MERGE nodes, MERGE relationships, prune."""
    if batch_size < 1:
        raise UsageError("--batch-size must be at least 1")
    with driver(conn) as drv:
        if wipe_first:
            wipe(drv, conn)
        ensure_constraints(drv, conn)
        upgrade_works(drv, conn, g, batch_size)
        nodes, rels = {}, {}
        for label in NODE_KEYS:
            rows = node_rows(g, label)
            advance = progress(f"{label} nodes", len(rows)) if progress else None
            merge_nodes(drv, conn, label, rows, batch_size, advance)
            nodes[label] = len(rows)
        for rel, start, end in RELS:
            rows = rel_rows(g, rel, start, end)
            advance = progress(f"{rel} {start}->{end} relationships", len(rows)) if progress else None
            merge_rels(drv, conn, rel, rows, batch_size, advance, ends=(start, end))
            rels[rel] = rels.get(rel, 0) + len(rows)
        removed = prune(drv, conn, g, batch_size)
    return LoadReport(nodes, rels, removed)


def stats(conn: Connection) -> dict[str, dict[str, int]]:
    """Node counts by label and relationship counts by type."""
    with driver(conn) as drv:
        labels = _wrap(
            conn,
            lambda: (
                drv.execute_query(
                    "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n ORDER BY label",
                    database_=conn.database,
                ).records
            ),
        )
        rels = _wrap(
            conn,
            lambda: (
                drv.execute_query(
                    "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type", database_=conn.database
                ).records
            ),
        )
    return {
        "nodes": {r["label"]: r["n"] for r in labels},
        "relationships": {r["type"]: r["n"] for r in rels},
    }


def read_query(conn: Connection, query: str, params: dict | None = None, ours: bool = False) -> list[dict]:
    """Run Cypher in a read transaction; the server refuses writes there. ``ours``: a canned query
    (see :func:`_session`)."""
    from neo4j import exceptions as nx4

    def work(tx: Any) -> list[dict]:
        return [r.data() for r in tx.run(query, params or {})]

    with driver(conn) as drv:
        try:
            with _session(drv, conn, ours, default_access_mode="READ") as session:
                return session.execute_read(work)
        except nx4.ClientError as e:
            code = e.code or ""
            if "ForbiddenDueToTransactionType" in code or "AccessMode" in code or "write" in (e.message or "").lower():
                raise UsageError(
                    f"refused: `conceptgraph cypher` runs read-only and this query writes ({e.message})"
                ) from e
            if "DatabaseNotFound" in code:
                raise UsageError(f"database {conn.database!r} does not exist on {conn.uri}") from e
            raise UsageError(f"Cypher error: {e.message}") from e
        except (nx4.ServiceUnavailable, nx4.SessionExpired) as e:
            raise Neo4jError(f"lost the connection to Neo4j at {conn.uri}: {e}") from e

"""One runner for both backends: bind parameters, resolve names, run, format.

Graph-kind parameters are resolved the same way on both backends: a concept
name becomes a concept key (matching its key or any alias's key, most frequent
first), an author name becomes an author key, and a paper id is taken as is.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import networkx as nx

from conceptgraph.errors import UsageError
from queries import catalog
from queries.local import TWINS

RESOLVE_CONCEPT = (
    "MATCH (c:Concept) WHERE c.key = $key OR $key IN c.alias_keys "
    "RETURN c.key AS key ORDER BY CASE WHEN c.key = $key THEN 0 ELSE 1 END, c.frequency DESC, c.key LIMIT 1"
)


def normalize(ptype: str, value: str) -> str:
    """A user-typed value in the form the graph stores (concept key, author key, DOI as doi:...)."""
    if ptype == "concept":
        from concepts.normalize import concept_key

        return concept_key(value)
    if ptype == "author":
        from loaders.names import author_key

        return author_key(value)
    if ptype in ("paper", "work"):
        from loaders.ids import normalize_doi

        doi = normalize_doi(value)  # a bare or URL DOI names the same node as "doi:..."
        if doi and not value.startswith("doi:"):
            return f"doi:{doi}"
    return value


def _resolve_local(g: nx.DiGraph, ptype: str, name: str, value: str) -> str:
    key = normalize(ptype, value)
    if ptype == "concept":
        from graph.build import find_concept_key

        found = find_concept_key(g, value)
        if found is not None:
            return found
    elif ptype == "author" and f"Author:{key}" in g:
        return key
    elif ptype == "paper" and f"Paper:{key}" in g:
        return key
    elif ptype == "work" and f"Work:{key}" in g:
        return key
    raise UsageError(f"parameter {name!r}: no {ptype} {value!r} in the graph")


def _resolve_neo4j(conn, ptype: str, name: str, value: str) -> str:
    from graph.neo4j_writer import read_query

    key = normalize(ptype, value)
    if ptype == "concept":
        rows = read_query(conn, RESOLVE_CONCEPT, {"key": key}, ours=True)
    elif ptype == "author":
        rows = read_query(conn, "MATCH (a:Author {key: $key}) RETURN a.key AS key", {"key": key}, ours=True)
    elif ptype == "work":
        rows = read_query(conn, "MATCH (w:Work {id: $key}) RETURN w.id AS key", {"key": key}, ours=True)
    else:
        rows = read_query(conn, "MATCH (p:Paper {id: $key}) RETURN p.id AS key", {"key": key}, ours=True)
    if not rows:
        raise UsageError(f"parameter {name!r}: no {ptype} {value!r} in the graph")
    return rows[0]["key"]


def run(
    name: str, raw_params: dict[str, Any], backend: str = "local", graph: nx.DiGraph | None = None, conn=None
) -> list[dict]:
    """Run one canned query on 'local' (needs ``graph``) or 'neo4j' (needs ``conn``)."""
    query = catalog.get(name)
    params = catalog.bind(query, raw_params)
    kinds = {p.name: p.type for p in query.params}
    for pname, ptype in kinds.items():
        if ptype in ("concept", "author", "paper", "work") and params[pname] is not None:
            if backend == "local":
                params[pname] = _resolve_local(graph, ptype, pname, params[pname])
            else:
                params[pname] = _resolve_neo4j(conn, ptype, pname, params[pname])
    if backend == "local":
        return TWINS[query.name](graph, **params)
    if backend == "neo4j":
        from graph.neo4j_writer import read_query

        return read_query(conn, query.cypher, params, ours=True)
    raise UsageError(f"unknown backend {backend!r}; use local or neo4j")


def parse_params(pairs: tuple[str, ...] | list[str]) -> dict[str, str]:
    """`-p key=value` pairs into a dict; a pair without '=' is a usage error."""
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"parameter {pair!r} must look like key=value")
        out[key.strip()] = value
    return out


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, list):
        return " > ".join(map(str, value))
    return str(value)


def format_rows(rows: list[dict], fmt: str = "table") -> str:
    """Rows as an aligned text table, JSON, or CSV."""
    if fmt == "json":
        return json.dumps(rows, indent=2, ensure_ascii=False)
    columns = list(rows[0]) if rows else []
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(columns)
        for r in rows:
            writer.writerow([json.dumps(r[c], ensure_ascii=False) if isinstance(r[c], list) else r[c] for c in columns])
        return buf.getvalue().rstrip("\n")
    if not rows:
        return "(no rows)"
    cells = [[_cell(r[c]) for c in columns] for r in rows]
    widths = [min(60, max(len(c), *(len(row[i]) for row in cells))) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    for row in cells:
        lines.append("  ".join(v[:w].ljust(w) for v, w in zip(row, widths, strict=True)))
    return "\n".join(lines)

"""Small read-side helpers over the workspace for the `concepts` and `papers` commands."""

from __future__ import annotations

import json

from conceptgraph.errors import UsageError
from graph.workspace import Workspace


def list_concepts(ws: Workspace, ctype: str | None = None, top: int = 30) -> list[dict]:
    """Concepts by paper count (ties: PageRank, then key), optionally of one type."""
    sql = (
        "SELECT key, label, type, type_confidence, type_rule, aliases, papers, community, pagerank "
        "FROM concepts WHERE (? IS NULL OR type = ?) ORDER BY papers DESC, pagerank DESC, key LIMIT ?"
    )
    cols = ["key", "label", "type", "type_confidence", "type_rule", "aliases", "papers", "community", "pagerank"]
    rows = [dict(zip(cols, r)) for r in ws.conn.execute(sql, (ctype, ctype, top))]
    for r in rows:
        r["aliases"] = json.loads(r["aliases"])
    return rows


def resolve_concept(ws: Workspace, name: str) -> str:
    """A concept key from a name, key or alias typed by the user."""
    from concepts.normalize import concept_key
    from concepts.typing_rules import known_forms

    key = concept_key(name)
    if ws.conn.execute("SELECT 1 FROM concepts WHERE key = ?", (key,)).fetchone():
        return key
    low = name.strip().lower()
    for k, label, aliases in ws.conn.execute("SELECT key, label, aliases FROM concepts"):
        if label.lower() == low or low in (a.lower() for a in json.loads(aliases)):
            return k
    for form in sorted(known_forms(key)):  # "MS COCO" when the texts only wrote "COCO"
        if ws.conn.execute("SELECT 1 FROM concepts WHERE key = ?", (form,)).fetchone():
            return form
    raise UsageError(f"no concept named {name!r}; see `conceptgraph concepts` for names")


def papers_for_concept(ws: Workspace, name: str) -> list[dict]:
    key = resolve_concept(ws, name)
    rows = ws.conn.execute(
        "SELECT m.paper_id, m.score, m.surface, p.data FROM mentions m JOIN papers p ON p.id = m.paper_id "
        "WHERE m.concept_key = ? ORDER BY m.score DESC, m.paper_id",
        (key,),
    )
    out = []
    for pid, score, surface, data in rows:
        d = json.loads(data)
        out.append({"id": pid, "label": d["label"], "year": d["year"], "score": score, "surface": surface})
    return out

"""unarXive full-text lines: arXiv ``metadata`` plus ``bib_entries`` (references).

Each bib entry keeps its printed text and whatever ids unarXive resolved
(OpenAlex, DOI, arXiv, PubMed, PMC); entries without ids are still references,
identified later by their normalized text.
"""

from __future__ import annotations

from loaders import arxiv
from loaders.records import RawRecord, Reference

NAME = "unarxive"


def matches(obj: dict) -> bool:
    return "bib_entries" in obj and "metadata" in obj


def to_record(obj: dict, position: int) -> RawRecord:
    meta = dict(obj.get("metadata") or {})
    meta.setdefault("id", obj.get("paper_id"))
    record = arxiv.to_record(meta, position)
    refs = []
    for entry in (obj.get("bib_entries") or {}).values():
        ids = {k: v for k, v in (entry.get("ids") or {}).items() if k != "sem_open_alex_id" and v}
        refs.append(Reference(ids=ids, text=entry.get("bib_entry_raw")))
    record.references = refs
    return record

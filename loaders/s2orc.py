"""S2ORC metadata lines: ``paper_id`` (an S2 corpus id) with ``outbound_citations``
and ``inbound_citations`` given as corpus ids of the cited and citing papers."""

from __future__ import annotations

from loaders.names import last_first
from loaders.records import RawRecord, Reference, record

NAME = "s2orc"


def matches(obj: dict) -> bool:
    return "outbound_citations" in obj or ("paper_id" in obj and "mag_id" in obj)


def to_record(obj: dict, position: int) -> RawRecord:
    authors = []
    for a in obj.get("authors") or []:
        if isinstance(a, dict):
            first = " ".join([a.get("first") or "", *(a.get("middle") or [])]).strip()
            name = last_first(a.get("last") or "", first)
            if name:
                authors.append(name)
    ids = {
        "corpusid": obj.get("paper_id"),
        "doi": obj.get("doi"),
        "arxiv": obj.get("arxiv_id"),
        "acl": obj.get("acl_id"),
        "pmc": obj.get("pmc_id"),
        "pmid": obj.get("pubmed_id"),
        "mag": obj.get("mag_id"),
    }
    return record(
        position,
        obj.get("title"),
        obj.get("abstract"),
        authors,
        obj.get("year"),
        ids={k: v for k, v in ids.items() if v},
        venue=obj.get("venue") or obj.get("journal") or None,
        references=[Reference(ids={"corpusid": c}) for c in obj.get("outbound_citations") or []],
        cited_by=[Reference(ids={"corpusid": c}) for c in obj.get("inbound_citations") or []],
    )

"""Semantic Scholar: Graph API paper JSON (with ``references`` / ``citations``) and
the S2AG ``papers`` / ``abstracts`` dataset lines.

Both spell identifiers as ``externalIds`` (``externalids`` in the datasets); the
paper's own ``paperId`` (40-hex) and ``corpusId`` are kept as ``s2`` and ``corpusid``.
"""

from __future__ import annotations

from loaders.records import RawRecord, Reference, record

NAME = "semantic-scholar"


def matches(obj: dict) -> bool:
    keys = set(obj)
    return bool(keys & {"paperId", "externalIds", "externalids", "corpusid", "corpusId"}) and "bib_entries" not in keys


def _ids(obj: dict) -> dict:
    ids = dict(obj.get("externalIds") or obj.get("externalids") or {})
    oa = obj.get("openaccessinfo")
    if isinstance(oa, dict) and isinstance(oa.get("externalids"), dict):
        for k, v in oa["externalids"].items():
            ids.setdefault(k, v)
    ids["paperId"] = obj.get("paperId")
    ids.setdefault("CorpusId", obj.get("corpusId") or obj.get("corpusid"))
    return {k: v for k, v in ids.items() if isinstance(v, str | int)}


def _ref(obj: dict) -> Reference:
    inner = obj.get("citedPaper") or obj.get("citingPaper") or obj  # /references and /citations endpoints
    year = inner.get("year")
    return Reference(ids=_ids(inner), title=inner.get("title"), year=int(year) if year else None)


def to_record(obj: dict, position: int) -> RawRecord:
    authors = [a["name"] for a in obj.get("authors") or [] if isinstance(a, dict) and a.get("name")]
    journal = obj.get("journal") if isinstance(obj.get("journal"), dict) else {}
    return record(
        position,
        obj.get("title"),
        obj.get("abstract"),
        authors,
        obj.get("year"),
        date=obj.get("publicationDate") or obj.get("publicationdate"),
        ids=_ids(obj),
        venue=obj.get("venue") or journal.get("name") or None,
        references=[_ref(r) for r in obj.get("references") or [] if isinstance(r, dict)],
        cited_by=[_ref(r) for r in obj.get("citations") or [] if isinstance(r, dict)],
    )

"""The arXiv metadata snapshot (Kaggle ``arxiv-metadata-oai-snapshot.json``), one JSON per line."""

from __future__ import annotations

import re

from loaders.names import last_first
from loaders.records import RawRecord

NAME = "arxiv"
_NEW_ID = re.compile(r"^(\d{2})(\d{2})\.\d{4,5}")
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")


def matches(obj: dict) -> bool:
    return "authors_parsed" in obj or ("submitter" in obj and "versions" in obj)


def year_of(obj: dict) -> int | None:
    """The year of the first version: from a new-style id (2212.xxxxx), else the first version's date."""
    m = _NEW_ID.match(str(obj.get("id") or ""))
    if m:
        return 2000 + int(m.group(1))
    versions = obj.get("versions") or []
    created = versions[0].get("created", "") if versions and isinstance(versions[0], dict) else ""
    m = _YEAR.search(created or str(obj.get("update_date") or ""))
    return int(m.group(1)) if m else None


def to_record(obj: dict, position: int) -> RawRecord:
    parsed = obj.get("authors_parsed") or []
    if parsed:
        authors = [last_first(p[0], " ".join(x for x in p[1:] if x)) for p in parsed if p and p[0]]
    else:
        authors = [a.strip() for a in re.split(r",| and ", obj.get("authors") or "") if a.strip()]
    versions = obj.get("versions") or []
    created = versions[0].get("created") if versions and isinstance(versions[0], dict) else None
    return RawRecord(
        position=position,
        title=" ".join(str(obj.get("title") or "").split()) or None,
        abstract=" ".join(str(obj.get("abstract") or "").split()) or None,
        authors=authors,
        n_authors=len(authors) or None,
        year=year_of(obj),
        date=created or obj.get("update_date"),
        ids={"arxiv": obj.get("id"), "doi": obj.get("doi")},
        venue=obj.get("journal-ref") or None,
    )

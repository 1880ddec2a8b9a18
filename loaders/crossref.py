"""Crossref work JSON (``/works/DOI`` responses, ``items`` pages, or JSON Lines) with its ``reference`` list."""

from __future__ import annotations

import re

from loaders.names import last_first
from loaders.records import RawRecord, Reference

NAME = "crossref"
_TAG = re.compile(r"<[^>]+>")


def matches(obj: dict) -> bool:
    return "DOI" in obj and bool({"reference", "container-title", "issued", "message-type"} & set(obj))


def _first(value) -> str | None:
    if isinstance(value, list):
        return str(value[0]) if value else None
    return str(value) if value else None


def _date(obj: dict) -> tuple[int | None, str | None]:
    for key in ("issued", "published", "published-print", "published-online", "created"):
        parts = (obj.get(key) or {}).get("date-parts") or [[]]
        if parts and parts[0] and parts[0][0]:
            p = [int(x) for x in parts[0]]
            return p[0], "-".join(f"{x:02d}" if i else str(x) for i, x in enumerate(p))
    return None, None


def to_record(obj: dict, position: int) -> RawRecord:
    authors = []
    for a in obj.get("author") or []:
        if a.get("family"):
            authors.append(last_first(a["family"], a.get("given") or ""))
        elif a.get("name"):
            authors.append(a["name"])
    abstract = obj.get("abstract")
    if abstract:
        abstract = " ".join(_TAG.sub(" ", abstract).split())
        abstract = re.sub(r"^Abstract\s+", "", abstract)
    year, date = _date(obj)
    refs = []
    for r in obj.get("reference") or []:
        y = re.search(r"\d{4}", str(r.get("year") or ""))
        refs.append(
            Reference(
                ids={"doi": r.get("DOI")} if r.get("DOI") else {},
                title=r.get("article-title") or r.get("volume-title"),
                year=int(y.group(0)) if y else None,
                text=r.get("unstructured"),
            )
        )
    return RawRecord(
        position=position,
        title=_first(obj.get("title")),
        abstract=abstract or None,
        authors=authors,
        n_authors=len(authors) or None,
        year=year,
        date=date,
        ids={"doi": obj.get("DOI")},
        venue=_first(obj.get("container-title")),
        references=refs,
    )

"""Field mapping shared by the tabular loaders (CSV/TSV and JSON Lines).

Exports name the same field many ways (``Abstract``, ``AB``, ``summary``...);
we map them onto :class:`RawRecord` in one place.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from loaders.records import RawRecord

ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title", "ti", "document title", "article title", "paper title", "name"),
    "abstract": ("abstract", "ab", "summary", "paperabstract", "description", "text"),
    "authors": ("authors", "author", "au", "author names", "author full names", "creators"),
    "year": ("year", "py", "publication_year", "publication year", "pub_year"),
    "date": ("date", "publication_date", "publication date", "published", "pub_date"),
    "doi": ("doi", "di"),
    "arxiv_id": ("arxiv_id", "arxiv", "arxivid", "eprint"),
}
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def _lookup(row: Mapping[str, Any], field: str) -> Any:
    lowered = {str(k).strip().lower(): v for k, v in row.items()}
    for alias in ALIASES[field]:
        v = lowered.get(alias)
        if v not in (None, "", []):
            return v
    return None


def _authors(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        out = []
        for a in value:
            if isinstance(a, Mapping):
                a = a.get("name") or a.get("display_name") or " ".join(str(a.get(k, "")) for k in ("given", "family"))
            if str(a).strip():
                out.append(str(a).strip())
        return out
    text = str(value)
    sep = ";" if ";" in text else (" and " if " and " in text else ",")
    return [a.strip() for a in text.split(sep) if a.strip()]


def to_record(row: Mapping[str, Any], position: int) -> RawRecord:
    year_value = _lookup(row, "year")
    date_value = _lookup(row, "date")
    year = None
    for v in (year_value, date_value):
        m = _YEAR.search(str(v)) if v is not None else None
        if m:
            year = int(m.group(1))
            break
    authors = _authors(_lookup(row, "authors"))

    def text(field: str) -> str | None:
        v = _lookup(row, field)
        return str(v).strip() if v is not None else None

    return RawRecord(
        position=position,
        title=text("title"),
        abstract=text("abstract"),
        authors=authors,
        n_authors=len(authors) or None,
        year=year,
        date=str(date_value) if date_value is not None else None,
        doi=text("doi"),
        arxiv_id=text("arxiv_id"),
    )

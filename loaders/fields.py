"""Field mapping shared by the tabular loaders (CSV/TSV and JSON Lines).

Exports name the same field many ways (``Abstract``, ``AB``, ``summary``...);
we map them onto :class:`RawRecord` in one place.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from loaders.ids import normalize_doi
from loaders.records import RawRecord, Reference

# column names as exports write them, lower-cased: Scopus, Web of Science (tab-delimited tags), Zotero,
# Lens.org, Dimensions, and plain hand-made tables
ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title", "ti", "document title", "article title", "paper title", "name"),
    "abstract": ("abstract", "ab", "abstract note", "summary", "paperabstract", "description", "text"),
    # full names first: Scopus gives "Anderson R.C." under Authors and "Anderson, Ronald C. (1)" beside it
    "authors": ("author full names", "af", "authors", "author", "author/s", "au", "author names", "creators"),
    "year": ("year", "py", "publication_year", "publication year", "pubyear", "pub_year"),
    "date": ("date", "publication_date", "publication date", "date published", "published", "pub_date"),
    "doi": ("doi", "di"),
    "arxiv_id": ("arxiv_id", "arxiv", "arxivid", "eprint"),
    "pmid": ("pmid", "pm", "pubmed id"),
    "pmc": ("pmcid", "pmc"),
    "venue": ("venue", "source title", "publication title", "journal", "journal title", "so"),
    "references": ("references", "cr", "cited references"),  # Scopus / WoS: "; " between entries
    # the authors' own: not Scopus's Index Keywords, WoS's Keywords Plus (ID) or a reference manager's tags
    "keywords": ("author keywords", "de", "keywords", "author_keywords"),
    # Scopus EID, WoS UT, Lens ID, Dimensions publication id
    "ext_id": ("eid", "ut", "lens id", "publication id", "unique-id", "accession number"),
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
    text = _SCOPUS_ID.sub("", str(value))
    sep = ";" if ";" in text else (" and " if " and " in text else ",")
    parts = [a.strip() for a in text.split(sep) if a.strip()]
    if sep == "," and len(parts) == 2 and not any(" " in p for p in parts):
        return [f"{parts[0]}, {parts[1]}"]  # one "Smith, John", not authors "Smith" and "John"
    return parts


_SCOPUS_ID = re.compile(r"\s*\(\d+\)(?=\s*(?:;|$))")  # "Anderson, Ronald C. (7202522394); ..."
_REF_YEAR = re.compile(r"\((1[5-9]\d\d|20\d\d)\)|\b(1[5-9]\d\d|20\d\d)\b")


def _references(value: Any) -> list[Reference]:
    """A reference list as exports write it: one string with "; " between entries (Scopus, WoS), or a list."""
    if value is None:
        return []
    items = value if isinstance(value, list) else str(value).split("; ")
    out = []
    for item in items:
        if isinstance(item, Mapping):
            year = item.get("year")
            ref = Reference(ids={"doi": item.get("doi")} if item.get("doi") else {}, title=item.get("title"))
            ref.year = int(year) if str(year or "").isdigit() else None
        elif str(item).strip():
            ref = reference_from_text(str(item))
        else:
            continue
        out.append(ref)
    return out


def reference_from_text(printed: str) -> Reference:
    """A reference as printed (Scopus, Web of Science "CR"): its year and DOI where it gives them."""
    line = " ".join(printed.split())
    m = _REF_YEAR.search(line)
    doi = normalize_doi(line)
    return Reference(ids={"doi": doi} if doi else {}, year=int(m.group(1) or m.group(2)) if m else None, text=line)


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
        ext_id=text("ext_id"),
        ids={"pmid": text("pmid"), "pmc": text("pmc")},
        venue=text("venue") if isinstance(_lookup(row, "venue"), str) else None,
        references=_references(_lookup(row, "references")),
        keywords=_keyword_list(_lookup(row, "keywords")),
    )


def _keyword_list(value: Any) -> list[str]:
    """Keywords as a list, or one string with "; " (Scopus, WoS) or "," between them."""
    if value is None:
        return []
    if isinstance(value, list):
        return [str(k) for k in value if isinstance(k, str | int | float)]
    text = str(value)
    return text.split(";") if ";" in text else text.split(",")

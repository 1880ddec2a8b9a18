"""Bibliographic identifiers: one normal form per scheme, so sources agree.

Exports spell the same DOI as ``10.1000/ABC``, ``https://doi.org/10.1000/abc``
or ``doi:10.1000/abc``, and the same arXiv paper as ``arXiv:2104.06921v2``.
Matching across sources only works on normalized values, so every loader
passes what it found through :func:`normalize_ids` and the rest of the code
sees ``{"doi": "10.1000/abc", "arxiv": "2104.06921", ...}``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import unquote

# best first: the scheme that names a work most precisely and most portably
SCHEMES = ("doi", "arxiv", "openalex", "s2", "corpusid", "pmid", "pmc", "mag", "acl", "dblp")

_DOI = re.compile(r"10\.\d{4,9}/\S+", re.IGNORECASE)
_ARXIV_NEW = re.compile(r"(?<![\d.])(\d{4}\.\d{4,5})(?:v\d+)?(?![\d])", re.IGNORECASE)
_ARXIV_OLD = re.compile(r"([a-z\-]+(?:\.[a-z]{2})?/\d{7})(?:v\d+)?", re.IGNORECASE)
_ARXIV_DOI = re.compile(r"^10\.48550/arxiv\.(.+)$", re.IGNORECASE)
_OPENALEX = re.compile(r"(?:^|/)(W\d+)$", re.IGNORECASE)
_S2_SHA = re.compile(r"^(?:.*/)?([0-9a-f]{40})$", re.IGNORECASE)
_DIGITS = re.compile(r"^(?:[a-z:/._\-]*?)(\d+)$", re.IGNORECASE)
_PMC = re.compile(r"(?:PMC)?(\d+)$", re.IGNORECASE)


def normalize_doi(value: str | None) -> str | None:
    """Lowercase DOI without URL or ``doi:`` prefix; URL escapes decoded."""
    if not value:
        return None
    m = _DOI.search(unquote(str(value)).strip())
    return m.group(0).rstrip(".,;)]").lower() if m else None


def normalize_arxiv(value: str | None) -> str | None:
    """arXiv id without ``arXiv:`` prefix, URL, or version suffix (``2104.06921``, ``hep-th/9901001``)."""
    if not value:
        return None
    text = str(value).strip()
    m = _ARXIV_NEW.search(text) or _ARXIV_OLD.search(text)
    return m.group(1).lower() if m else None


def _digits(value: str | int | None) -> str | None:
    if value in (None, ""):
        return None
    m = _DIGITS.match(str(value).strip())
    return m.group(1).lstrip("0") or "0" if m else None


def _normalize_one(scheme: str, value) -> str | None:
    if value in (None, "", [], 0):
        return None
    if scheme == "doi":
        return normalize_doi(value)
    if scheme == "arxiv":
        return normalize_arxiv(value)
    text = str(value).strip()
    if scheme == "openalex":
        m = _OPENALEX.search(text)
        return m.group(1).upper() if m else None
    if scheme == "s2":
        m = _S2_SHA.match(text)
        return m.group(1).lower() if m else None
    if scheme == "pmc":
        m = _PMC.search(text)
        return f"PMC{m.group(1)}" if m else None
    if scheme in ("corpusid", "pmid", "mag"):
        return _digits(text)
    return text.lower() or None  # acl, dblp: opaque keys


# the names sources use for each scheme
ALIASES: dict[str, str] = {
    "doi": "doi",
    "arxiv": "arxiv",
    "arxiv_id": "arxiv",
    "arxivid": "arxiv",
    "eprint": "arxiv",
    "openalex": "openalex",
    "open_alex_id": "openalex",
    "openalex_id": "openalex",
    "s2": "s2",
    "paperid": "s2",
    "corpusid": "corpusid",
    "corpus_id": "corpusid",
    "pmid": "pmid",
    "pubmed": "pmid",
    "pubmed_id": "pmid",
    "pmcid": "pmc",
    "pmc": "pmc",
    "pmc_id": "pmc",
    "pubmedcentral": "pmc",
    "mag": "mag",
    "mag_id": "mag",
    "acl": "acl",
    "acl_id": "acl",
    "dblp": "dblp",
}


def normalize_ids(raw: Mapping[str, object]) -> dict[str, str]:
    """Map source-specific id fields to normalized ``{scheme: value}`` (unknown names ignored).

    A DOI minted by arXiv (10.48550/arXiv.X) is the arXiv id X: the two name one work.
    """
    out: dict[str, str] = {}
    for name, value in raw.items():
        scheme = ALIASES.get(str(name).strip().lower().replace("-", "_"))
        if scheme is None:
            continue
        norm = _normalize_one(scheme, value)
        if norm and scheme not in out:
            out[scheme] = norm
    doi = out.get("doi")
    if doi:
        m = _ARXIV_DOI.match(doi)
        if m:
            arxiv = normalize_arxiv(m.group(1))
            if arxiv:
                out.setdefault("arxiv", arxiv)
                del out["doi"]
    return {s: out[s] for s in SCHEMES if s in out}


def best_key(ids: Mapping[str, str]) -> str | None:
    """``scheme:value`` for the best identifier, the key a work is stored under."""
    for s in SCHEMES:
        if ids.get(s):
            return f"{s}:{ids[s]}"
    return None


def id_keys(ids: Mapping[str, str]) -> list[str]:
    return [f"{s}:{ids[s]}" for s in SCHEMES if ids.get(s)]


def conflict(a: Mapping[str, str], b: Mapping[str, str]) -> str | None:
    """The first scheme both records carry with different values, else None.

    Two records that disagree on an identifier are different works, whatever
    else they share (the rule Zotero and OpenAlex apply when merging).
    """
    for s in SCHEMES:
        if a.get(s) and b.get(s) and a[s] != b[s]:
            return s
    return None

"""OpenAlex works (API JSON, ``results`` pages, or JSON Lines snapshots).

Abstracts arrive as ``abstract_inverted_index`` (word -> positions) and are
rebuilt in order; ``referenced_works`` become references keyed by OpenAlex id.
"""

from __future__ import annotations

from loaders.records import RawRecord, Reference

NAME = "openalex"


def matches(obj: dict) -> bool:
    return (
        "abstract_inverted_index" in obj
        or "referenced_works" in obj
        or str(obj.get("id", "")).startswith("https://openalex.org/W")
    )


def inverted_to_text(index: dict[str, list[int]] | None) -> str | None:
    """The abstract from an inverted index: each word at each of its positions."""
    if not index:
        return None
    slots: dict[int, str] = {}
    for word, positions in index.items():
        for pos in positions:
            slots[int(pos)] = word
    return " ".join(slots[i] for i in sorted(slots))


def _venue(obj: dict) -> str | None:
    for loc in (obj.get("primary_location"), obj.get("host_venue")):
        if isinstance(loc, dict):
            src = loc.get("source") if isinstance(loc.get("source"), dict) else loc
            if src and src.get("display_name"):
                return src["display_name"]
    return None


def to_record(obj: dict, position: int) -> RawRecord:
    ids = dict(obj.get("ids") or {})
    ids.setdefault("openalex", obj.get("id"))
    ids.setdefault("doi", obj.get("doi"))
    authors = []
    for a in obj.get("authorships") or []:
        name = (a.get("author") or {}).get("display_name") or a.get("raw_author_name")
        if name:
            authors.append(name)
    year = obj.get("publication_year")
    return RawRecord(
        position=position,
        title=obj.get("title") or obj.get("display_name"),
        abstract=inverted_to_text(obj.get("abstract_inverted_index")),
        authors=authors,
        n_authors=len(authors) or None,
        year=int(year) if year else None,
        date=obj.get("publication_date"),
        ids={k: v for k, v in ids.items() if isinstance(v, str | int)},
        venue=_venue(obj),
        references=[Reference(ids={"openalex": w}) for w in obj.get("referenced_works") or []],
    )

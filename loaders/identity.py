"""Which records are the same work, and how their fields combine.

Records match on any shared identifier (DOI, arXiv, OpenAlex, S2, PubMed...),
then on normalized title plus year (a missing year matches any year), and
untitled records on their normalized abstract. Two records that carry the same
identifier scheme with different values are different works, however alike
their titles. A merged paper keeps every identifier, every source record and,
per field, the record the value came from.
"""

from __future__ import annotations

from collections.abc import Iterable

from loaders.ids import SCHEMES, conflict, id_keys
from loaders.records import Paper, normalize_for_identity

_FILLED = ("title", "abstract", "year", "date", "venue", "n_authors")
_LISTED = ("authors", "links", "references", "cited_by", "keywords")


def title_key(title: str | None) -> str | None:
    return "t:" + normalize_for_identity(title) if title else None


def abstract_key(abstract: str | None) -> str | None:
    return "a:" + normalize_for_identity(abstract) if abstract else None


def years_agree(a: int | None, b: int | None) -> bool:
    return a is None or b is None or a == b


def reread_start(p: Paper, source: str, alone: bool = True) -> None:
    """Before ``source``, a file that holds ``p``, is read again (or forgotten): the values it gave are
    marked, so that those it no longer gives are dropped by :func:`reread_end` or handed to another file's
    alternate, and what it gave that lost to other files' values is forgotten (the read says it again).
    Values stay in place meanwhile, as the read's records are matched against them (a year keeps two
    same-titled works apart). When it ``alone`` holds the paper, its lists (authors, links, references)
    are emptied for the read to refill."""
    for attr in list(p.alternates):
        p.alternates[attr] = [e for e in p.alternates[attr] if e.get("source") != source]
        if not p.alternates[attr]:
            del p.alternates[attr]
    if alone:
        for attr in _LISTED:
            setattr(p, attr, [])
        p.provenance.pop("authors", None)
        p.n_authors = None  # counted from the author list, which the read gives again
    for attr in _FILLED:
        prov = p.provenance.get(attr)
        if prov and prov.get("source") == source:
            p.provenance[attr] = {**prov, "stale": True}


def reread_end(p: Paper) -> None:
    """The values :func:`reread_start` marked that the read did not give again go to the first alternate
    from a file that still holds the paper, else they are dropped."""
    live = {s.get("source") for s in p.sources}
    for attr in _FILLED:
        if not p.provenance.get(attr, {}).get("stale"):
            continue
        heir = next((e for e in p.alternates.get(attr, ()) if e.get("source") in live), None)
        if heir is None:
            _replace(p, attr, None, None)
        else:
            p.alternates[attr].remove(heir)
            if not p.alternates[attr]:
                del p.alternates[attr]
            value = getattr(p, attr) if heir.get("same") else heir["value"]
            _replace(p, attr, value, {"source": heir["source"], "position": heir.get("position")})
        if attr == "abstract":
            from loaders.lang import detect_language

            p.language = detect_language(p.abstract or p.title)
        if attr in ("title", "abstract"):
            from loaders import display_label  # the package imports this module

            p.label = display_label(p.title, p.abstract)


def _replace(p: Paper, attr: str, value, origin: dict | None) -> None:
    """Set a value with where it came from; alternates that only said "same as the old value" keep it."""
    old = getattr(p, attr)
    if value != old:
        for e in p.alternates.get(attr, ()):
            if e.pop("same", False):
                e["value"] = old
    setattr(p, attr, value)
    if origin is None:
        p.provenance.pop(attr, None)
    else:
        p.provenance[attr] = origin


def _lost(kept: Paper, attr: str, other: Paper) -> None:
    """Remember a value ``other`` gave that lost to ``kept``'s, for when the kept one goes."""
    origin = other.provenance.get(attr) or (other.sources[0] if other.sources else {})
    if not origin.get("source"):
        return
    entry = {"source": origin["source"], "position": origin.get("position")}
    new = getattr(other, attr)
    entry.update({"same": True} if new == getattr(kept, attr) else {"value": new})
    entries = kept.alternates.setdefault(attr, [])
    if entry not in entries:
        entries.append(entry)


def merge_papers(kept: Paper, other: Paper, refresh: str | None = None) -> None:
    """Fold ``other`` into ``kept``: the first record's values win, the other fills gaps.

    ``refresh`` names a source file read again because it changed: a value it
    gave before is replaced by what it says now, so an edited abstract is not
    kept out by its own earlier version (values from other sources still win).
    """
    for attr in _FILLED:
        new = getattr(other, attr)
        if new in (None, ""):
            continue
        mine = refresh is not None and kept.provenance.get(attr, {}).get("source") == refresh
        if getattr(kept, attr) in (None, "") or mine:
            kept_origin = {k: v for k, v in kept.provenance.get(attr, {}).items() if k != "stale"} or None
            _replace(kept, attr, new, other.provenance.get(attr, kept_origin))
            if attr == "abstract" and mine:
                kept.language = other.language  # detected on the text it now has
        else:
            _lost(kept, attr, other)
    for scheme in SCHEMES:
        if scheme in other.ids and scheme not in kept.ids:
            kept.ids[scheme] = other.ids[scheme]
            if f"ids.{scheme}" in other.provenance:
                kept.provenance[f"ids.{scheme}"] = other.provenance[f"ids.{scheme}"]
    kept.ids = {s: kept.ids[s] for s in SCHEMES if s in kept.ids}
    kept.doi = kept.ids.get("doi")
    kept.arxiv_id = kept.ids.get("arxiv")
    if kept.title and kept.label != kept.title:
        kept.label = kept.title
    for attr in ("authors", "links", "sources", "references", "cited_by", "keywords"):
        items = getattr(kept, attr)
        for x in getattr(other, attr):
            if x not in items:
                items.append(x)
    if "authors" not in kept.provenance and "authors" in other.provenance:
        kept.provenance["authors"] = other.provenance["authors"]
    if kept.language == "und":
        kept.language = other.language


class Deduplicator:
    """Finds the paper a record belongs to (see the module rule) and merges it in."""

    def __init__(self, papers: Iterable[Paper] = ()) -> None:
        self.papers: dict[str, Paper] = {}
        # each index: key -> ids of the papers indexed under it, first indexed first (dicts as ordered sets)
        self._by_id: dict[str, dict[str, None]] = {}  # "doi:10.1/x"; the first paper wins
        self._by_title: dict[str, dict[str, None]] = {}
        self._by_abstract: dict[str, dict[str, None]] = {}  # the first paper wins
        self._by_source: dict[str, dict[str, None]] = {}  # source file name
        self._entries: dict[str, list[tuple[dict, str]]] = {}  # paper id -> where it is indexed, for removal
        for p in papers:
            self.papers[p.id] = p
            self._index(p)

    def match(self, ids: dict[str, str], title: str | None, year: int | None) -> Paper | None:
        """The known paper sharing an identifier (without a conflicting one), else title plus year.

        Also how a reference entry finds the corpus paper it cites (graph.citations)."""
        for key in id_keys(ids):
            pid = next(iter(self._by_id.get(key, ())), None)
            if pid is not None and conflict(self.papers[pid].ids, ids) is None:
                return self.papers[pid]
        for pid in self._by_title.get(title_key(title), ()) if title else ():
            q = self.papers[pid]
            if years_agree(q.year, year) and conflict(q.ids, ids) is None:
                return q
        return None

    def find(self, p: Paper) -> Paper | None:
        if p.ids or p.title:
            found = self.match(p.ids, p.title, p.year)
            if found is not None or p.title:
                return found
        pid = next(iter(self._by_abstract.get(abstract_key(p.abstract), ())), None)
        if pid is not None and conflict(self.papers[pid].ids, p.ids) is None:
            return self.papers[pid]
        if p.id in self.papers and conflict(self.papers[p.id].ids, p.ids) is None:
            return self.papers[p.id]
        return None

    def add(self, p: Paper, refresh: str | None = None, edited: Paper | None = None) -> tuple[Paper, bool]:
        """Add or merge (see :func:`merge_papers` for ``refresh``); returns the kept paper and whether a merge
        happened. ``edited`` is the paper a re-read file's record was before an edit the matching rule
        cannot see through (a corrected year): it is merged into when nothing else matches."""
        existing = self.find(p) or edited
        if existing is not None:
            merge_papers(existing, p, refresh)
            self._index(existing)
            return existing, True
        if p.id in self.papers:  # same derived id, different work (e.g. same title, other year)
            base, n = p.id, 2
            while f"{base}~{n}" in self.papers:
                n += 1
            p.id = f"{base}~{n}"
        self.papers[p.id] = p
        self._index(p)
        return p, False

    def forget_source(self, source: str) -> dict[str, list[dict]]:
        """Strip ``source`` from every paper's sources before that file is read again; the read puts it
        back on the papers the file still holds. Returns, per paper it listed, the entries taken off."""
        removed: dict[str, list[dict]] = {}
        for pid in list(self._by_source.pop(source, {})):
            p = self.papers[pid]
            removed[pid] = [s for s in p.sources if s.get("source") == source]
            p.sources = [s for s in p.sources if s.get("source") != source]
            self._entries[pid] = [(i, k) for i, k in self._entries[pid] if not (i is self._by_source and k == source)]
        return removed

    def papers_of(self, source: str) -> list[str]:
        """The ids of the papers ``source`` gave."""
        return list(self._by_source.get(source, {}))

    def restore(self, paper: Paper) -> None:
        """Put a paper back as a copy taken earlier has it (sources included), and index it again."""
        self.papers[paper.id] = paper
        self._index(paper)

    def source_names(self) -> list[str]:
        """The source file names the papers carry."""
        return list(self._by_source)

    def remove(self, paper_ids: Iterable[str]) -> None:
        """Drop papers no file holds any more, from every index, so no later record matches them."""
        for pid in paper_ids:
            del self.papers[pid]
            for index, key in self._entries.pop(pid, ()):
                index[key].pop(pid, None)
                if not index[key]:
                    del index[key]

    def _index(self, p: Paper) -> None:
        tk, ak = title_key(p.title), abstract_key(p.abstract)
        keys = [
            *((self._by_id, k) for k in id_keys(p.ids)),
            *([(self._by_title, tk)] if tk else []),
            *([(self._by_abstract, ak)] if ak else []),
            *((self._by_source, s["source"]) for s in p.sources if s.get("source")),
        ]
        entries = self._entries.setdefault(p.id, [])
        for index, key in keys:
            ids = index.setdefault(key, {})
            if p.id not in ids:
                ids[p.id] = None
                entries.append((index, key))

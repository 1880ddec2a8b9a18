"""The citation layer: CITES edges, external works, coupling and co-citation.

Every reference entry (and every citer a source lists) resolves to a corpus
paper when it shares an identifier with one, or its title and year; otherwise
to an external :class:`Work`, deduplicated the same way (identifiers, then
title plus year, then the normalized reference text). A work is keyed by its
best identifier (``doi:...``, ``arxiv:...``, ``openalex:W...``), the key a
paper with that identifier would get, so when a later ingest brings the work
in as a paper the reference resolves to the paper instead.

Bibliographic coupling (two corpus papers citing the same work) and
co-citation (two corpus papers cited by the same work) are weighted edges that
carry their evidence: the shared references, or the shared citers.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

from loaders.identity import Deduplicator, title_key, years_agree
from loaders.ids import SCHEMES, best_key, conflict, id_keys
from loaders.records import Paper, normalize_for_identity, short_hash


@dataclass
class Work:
    ids: dict[str, str] = field(default_factory=dict)
    title: str | None = None
    year: int | None = None
    text: str | None = None
    key: str = ""


@dataclass
class CitationLayer:
    works: list[Work]
    cites: list[tuple[str, str, str, str]]  # (source label, source key, target label, target key)
    coupling: list[tuple[str, str, int, float, list[str]]]  # a, b, shared, strength, shared references
    cocitation: list[tuple[str, str, int, list[str]]]  # a, b, citers, the citing nodes
    references: int = 0
    references_with_ids: int = 0
    citers: int = 0

    def counts(self) -> dict[str, int]:
        """What `stats` reports: reference entries in, and the edges and works they became."""
        kinds: dict[str, int] = defaultdict(int)
        for a, _, b, _ in self.cites:
            kinds[f"cites_{a.lower()}_to_{b.lower()}"] += 1
        return {
            "reference_entries": self.references,
            "reference_entries_with_ids": self.references_with_ids,
            "citing_entries": self.citers,
            "works": len(self.works),
            "cites_edges": len(self.cites),
            "cites_paper_to_paper": kinds["cites_paper_to_paper"],
            "cites_paper_to_work": kinds["cites_paper_to_work"],
            "cites_work_to_paper": kinds["cites_work_to_paper"],
            "coupling_edges": len(self.coupling),
            "cocitation_edges": len(self.cocitation),
        }


class _Index:
    """Find a known external work by identifier, title plus year, or reference text."""

    def __init__(self) -> None:
        self.by_id: dict[str, int] = {}
        self.by_title: dict[str, list[int]] = defaultdict(list)
        self.by_text: dict[str, int] = {}

    def find(self, records: list, ids: dict, title: str | None, year: int | None, text: str | None) -> int | None:
        for k in id_keys(ids):
            i = self.by_id.get(k)
            if i is not None and conflict(records[i].ids, ids) is None:
                return i
        if title:
            for i in self.by_title.get(title_key(title), ()):
                if years_agree(records[i].year, year) and conflict(records[i].ids, ids) is None:
                    return i
        if text and not ids and not title:
            return self.by_text.get(normalize_for_identity(text))
        return None

    def add(self, i: int, ids: dict, title: str | None, text: str | None) -> None:
        for k in id_keys(ids):
            self.by_id.setdefault(k, i)
        if title and i not in self.by_title[title_key(title)]:
            self.by_title[title_key(title)].append(i)
        if text and not ids and not title:
            self.by_text.setdefault(normalize_for_identity(text), i)


def _work_key(w: Work) -> str:
    key = best_key(w.ids)
    if key:
        return key
    if w.title:
        return "title:" + short_hash(normalize_for_identity(w.title) + f"|{w.year or ''}")
    return "ref:" + short_hash(normalize_for_identity(w.text or ""))


def citation_layer(papers: Iterable[Paper]) -> CitationLayer:
    papers = list(papers)
    corpus = Deduplicator(papers)  # the same matching rule that merged the papers
    works: list[Work] = []
    windex = _Index()
    layer = CitationLayer([], [], [], [])

    def resolve(ref: dict) -> tuple[str, str | int]:
        """("Paper", paper id) or ("Work", index into works)."""
        ids, title, year, text = ref.get("ids") or {}, ref.get("title"), ref.get("year"), ref.get("text")
        paper = corpus.match(ids, title, year)
        if paper is not None:
            return "Paper", paper.id
        j = windex.find(works, ids, title, year, text)
        if j is None:
            works.append(Work(dict(ids), title, year, text))
            j = len(works) - 1
        else:
            w = works[j]
            for s in SCHEMES:
                if s in ids and s not in w.ids:
                    w.ids[s] = ids[s]
            w.title = w.title or title
            w.year = w.year or year
            w.text = w.text or text
        windex.add(j, works[j].ids, works[j].title, works[j].text)
        return "Work", j

    edges: set[tuple[str, str | int, str, str | int]] = set()
    for p in papers:
        for ref in p.references:
            layer.references += 1
            layer.references_with_ids += bool(ref.get("ids"))
            label, j = resolve(ref)
            edges.add(("Paper", p.id, label, j))  # a self-citation stays: the source says so
        for ref in p.cited_by:
            layer.citers += 1
            label, j = resolve(ref)
            edges.add((label, j, "Paper", p.id))

    for w in works:
        w.ids = {s: w.ids[s] for s in SCHEMES if s in w.ids}
        w.key = _work_key(w)
    layer.works = sorted(works, key=lambda w: w.key)

    def key(label: str, ref: str | int) -> str:
        return ref if label == "Paper" else works[ref].key

    layer.cites = sorted({(a, key(a, i), b, key(b, j)) for a, i, b, j in edges})

    refs_of: dict[str, set[str]] = defaultdict(set)  # corpus paper -> what it cites ("Paper:x" / "Work:y")
    cited_by: dict[str, set[str]] = defaultdict(set)  # corpus paper -> who cites it
    for a, ka, b, kb in layer.cites:
        if a == "Paper":
            refs_of[ka].add(f"{b}:{kb}")
        if b == "Paper":
            cited_by[kb].add(f"{a}:{ka}")
    layer.coupling = _pairs_sharing(refs_of, with_strength=True)
    layer.cocitation = [(a, b, n, ev) for a, b, n, _, ev in _pairs_sharing(cited_by, with_strength=False)]
    return layer


def _pairs_sharing(sets: dict[str, set[str]], with_strength: bool) -> list[tuple[str, str, int, float, list[str]]]:
    """Pairs of papers whose sets overlap, with the overlap, Salton's cosine and the shared items."""
    holders: dict[str, list[str]] = defaultdict(list)
    for pid in sorted(sets):
        for item in sets[pid]:
            holders[item].append(pid)
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for item in sorted(holders):
        for a, b in combinations(holders[item], 2):
            shared[(a, b)].append(item)
    out = []
    for (a, b), items in sorted(shared.items()):
        strength = len(items) / math.sqrt(len(sets[a]) * len(sets[b])) if with_strength else 0.0
        out.append((a, b, len(items), round(strength, 6), items))
    return out

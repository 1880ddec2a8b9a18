"""INTRODUCES and BUILDS_ON: the lineage abstracts imply when there are no reference lists.

A paper INTRODUCES a concept when its title or abstract names something new
(see :mod:`concepts.introductions`). Another corpus paper BUILDS_ON it when its
text names that concept, or a variant of it ("ResNet-50" for "ResNet"), and
was not published before it. Each edge keeps the sentence that supports it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from concepts.introductions import (
    Introduction,
    compact,
    distinctive,
    introduced_names,
    mention_anchor,
    mention_pattern,
)
from concepts.normalize import concept_key, paper_acronyms
from loaders.records import Paper

_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9]{1,7}s?")


@dataclass
class Lineage:
    introduces: list[tuple[str, str, str, str, str]] = field(default_factory=list)  # paper, key, name, evidence, where
    builds_on: dict[tuple[str, str], dict[str, list[str]]] = field(
        default_factory=dict
    )  # (from, to) -> key -> evidence


def _sentence_with(text: str, m: re.Match) -> str:
    start = max((s.end() for s in _SENTENCE.finditer(text, 0, m.start())), default=0)
    end = _SENTENCE.search(text, m.end())
    return text[start : end.start() if end else len(text)].strip()


def find_lineage(
    papers: Sequence[Paper],
    key_of: Callable[[Introduction], str | None],
    related: Callable[[str, str, str], bool] | None = None,
) -> Lineage:
    """Introductions in every paper, then the papers that build on each introduced concept.

    ``key_of`` maps a finding to its concept key (after acronym and merge rules).
    When several papers introduce the same concept, later papers build on the
    earliest (by year, then id).

    A bare acronym is weak evidence: "RNA" is Rapid Network Adaptation in one
    paper and ribonucleic acid in a genomics paper that never spells it out.
    So a paper that names an introduced concept only by its acronym builds on
    the introducer only when it does not define the acronym as something else,
    and when ``related(citing, introducer, key)`` says the two papers share
    another concept.
    """
    out = Lineage()
    introducers: dict[str, list[Paper]] = defaultdict(list)
    names: dict[str, set[str]] = defaultdict(set)
    expansions: dict[str, dict[str, str | None]] = defaultdict(dict)  # key -> acronym name -> its long form
    found: set[tuple[str, str]] = set()  # (paper id, concept key): each introduction once
    for p in papers:
        for f in introduced_names(p.title, p.abstract):
            key = key_of(f)
            if not key or (p.id, key) in found:
                continue
            found.add((p.id, key))
            out.introduces.append((p.id, key, f.name, f.evidence, f.where))
            introducers[key].append(p)
            names[key].add(f.name)
            if f.long_form:
                names[key].add(f.long_form)
            if f.long_form or _ACRONYM.fullmatch(f.name):
                expansions[key].setdefault(f.name, f.long_form)
    defined: dict[str, dict[str, str]] = {}  # paper id -> the acronyms its own text defines, read when asked
    folded = {q.id: q.text.casefold() for q in papers}  # for the anchor test before each regex search
    for key, intro in introducers.items():
        first = min(intro, key=lambda p: (p.year is None, p.year or 0, p.id))
        patterns = [(n, mention_anchor(n), mention_pattern(n)) for n in sorted(names[key]) if distinctive(n)]
        if not patterns:
            continue
        introducing = {p.id for p in intro}
        for q in papers:
            if q.id in introducing:
                continue
            if q.year is not None and first.year is not None and q.year < first.year:
                continue
            text = q.text
            for name, anchor, pattern in patterns:
                m = pattern.search(text) if anchor in folded[q.id] else None
                if m and name in expansions[key]:
                    # "MB" is Markov breaks in one paper and Mellin-Barnes in another: an acronym the citing
                    # text defines as something else is its own, not the introduced one
                    own = defined.setdefault(q.id, paper_acronyms(text)).get(name)
                    mine = expansions[key][name]
                    same = own is None or concept_key(own) == key or bool(mine and compact(own) == compact(mine))
                    if not same or (related is not None and not related(q.id, first.id, key)):
                        continue
                if m:
                    out.builds_on.setdefault((q.id, first.id), {})[key] = [_sentence_with(text, m)]
                    break
    out.introduces.sort()
    return out

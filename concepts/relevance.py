"""Corpus-level relevance in the spirit of VOSviewer: a term that co-occurs evenly with everything is not a concept.

VOSviewer (van Eck & Waltman) clusters its terms by co-occurrence, then
compares each term's distribution of co-occurrences over the clusters with the
corpus's overall distribution (Kullback-Leibler divergence). A specific term
("masked image modeling") keeps company with one or two topics; a generic one
("proposed framework", "deep learning" in a deep-learning corpus) co-occurs
with every topic in proportion to its size, so its divergence is near zero.

Only terms seen in enough papers are judged: for a rare term the distribution
is noise, and rare terms are not what clutters a map.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

MIN_PAPERS = 5  # judge only terms in at least this many papers ...
MIN_SHARE = 0.02  # ... and in at least this share of the papers with concepts
MIN_CLUSTERS = 3  # with fewer topics, "even over the topics" means nothing
# bits: below this mean divergence a frequent term is generic. On the sample corpus the hubs "transfer
# learning" and "deep learning" sat at 0.145 and 0.191 over extractor versions 8-17, the next term at or
# above 0.226, and the threshold was 0.21, mid-way. At version 24, with web addresses no longer taking a
# paper's keyphrase places, "deep learning" fills two more of them (an earth-observation and a Bayesian
# paper) and rises to 0.228, with "transfer learning" at 0.152 and the next term ("deep neural network")
# at 0.252: the threshold is mid-way again. The margin is thin and the measure is noisy on 342 papers:
# leaving out a random 5% of them moves "deep learning" between 0.15 and 0.30 and "convolutional neural
# network" between 0.19 and 0.37; only "transfer learning" stays clearly low (0.12 to 0.17)
THRESHOLD = 0.24
# Louvain runs averaged: one clustering moves a hub's divergence by +-0.1 bits, a mean of 8 by +-0.01,
# a mean of 32 by less than 0.005 (1 s on the sample corpus)
SEEDS = range(32)


@dataclass(frozen=True)
class Relevance:
    key: str
    papers: int
    bits: float  # KL divergence of its co-occurrences over clusters from the corpus's
    clusters: int  # clusters it co-occurs with
    of_clusters: int  # clusters in the corpus

    @property
    def evidence(self) -> str:
        return (
            f"relevance {self.bits:.2f} bits (VOSviewer-style, mean of {len(SEEDS)} clusterings, below {THRESHOLD}): "
            f"in {self.papers} papers, co-occurs with {self.clusters} of {self.of_clusters} topic clusters "
            "in proportion to their size"
        )


def generic_by_relevance(paper_concepts: Mapping[str, Iterable[str]]) -> list[Relevance]:
    """The frequent terms whose co-occurrences spread over the topic clusters like the corpus's do."""
    import networkx as nx

    docs = {pid: sorted(set(keys)) for pid, keys in paper_concepts.items()}
    docs = {pid: keys for pid, keys in docs.items() if keys}
    n_docs = len(docs)
    freq: Counter[str] = Counter(k for keys in docs.values() for k in keys)
    pair: Counter[tuple[str, str]] = Counter()
    for keys in docs.values():
        for i, a in enumerate(keys):
            for b in keys[i + 1 :]:
                pair[(a, b)] += 1
    # topics are clustered over the recurring terms: a term of one paper only would make
    # every paper a "topic" of its own
    recurring = {k for k, c in freq.items() if c >= 2}
    g = nx.Graph()
    g.add_nodes_from(sorted(recurring))
    for (a, b), c in sorted(pair.items()):
        if a not in recurring or b not in recurring:
            continue
        # association strength, as VOSviewer clusters: counts alone would pull every term toward the frequent ones
        g.add_edge(a, b, weight=c * n_docs / (freq[a] * freq[b]))
    if g.number_of_edges() == 0:
        return []
    floor = max(MIN_PAPERS, math.ceil(MIN_SHARE * n_docs))
    judged = [k for k in sorted(freq) if freq[k] >= floor]
    runs = [_divergences(nx.community.louvain_communities(g, weight="weight", seed=s), pair, judged) for s in SEEDS]
    if any(r is None for r in runs):
        return []
    out = []
    for key in judged:
        found = [r[key] for r in runs if key in r]
        if len(found) < len(runs):
            continue
        bits = sum(b for b, _, _ in found) / len(found)
        if bits < THRESHOLD:
            _, clusters, of_clusters = found[0]
            out.append(Relevance(key, freq[key], round(bits, 3), clusters, of_clusters))
    return out


def _divergences(
    parts: list[set[str]], pair: Mapping[tuple[str, str], int], keys: list[str]
) -> dict[str, tuple[float, int, int]] | None:
    """Per key: KL divergence (bits) of its co-occurrences over the topic clusters from the
    corpus's, its clusters, and the number of topics; None when there are too few topics."""
    parts = sorted(parts, key=lambda s: (-len(s), min(s)))
    cluster = {k: i for i, part in enumerate(parts) for k in part}
    # clusters of one or two terms are isolated papers, not topics
    topics = {i for i, part in enumerate(parts) if len(part) >= 3}
    if len(topics) < MIN_CLUSTERS:
        return None
    per_term: dict[str, Counter[int]] = defaultdict(Counter)
    for (a, b), c in pair.items():
        if cluster.get(b) in topics:
            per_term[a][cluster[b]] += c
        if cluster.get(a) in topics:
            per_term[b][cluster[a]] += c
    overall: Counter[int] = Counter()
    for counts in per_term.values():
        overall.update(counts)
    total = sum(overall.values())
    out = {}
    for key in keys:
        counts = per_term.get(key)
        if not counts:
            continue
        n = sum(counts.values())
        bits = sum((c / n) * math.log2((c / n) / (overall[k] / total)) for k, c in counts.items())
        out[key] = (bits, len(counts), len(topics))
    return out

"""Bench helper (lost to the ranking in concepts/extract.py, kept to reproduce the measurement): ranking with contextual phrase vectors.

score = cosine(phrase vector, document vector) + a small bonus for appearing
early (titles and first sentences name the topic), then MMR for diversity.
Every weight here was measured with bench/tune_keyphrases.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from contextual_embed import EncodedDoc


def mmr(scores: np.ndarray, vecs: np.ndarray, top_n: int, diversity: float) -> list[int]:
    order = [int(i) for i in np.argsort(-scores, kind="stable")]
    if diversity <= 0 or len(order) <= 1:
        return order[:top_n]
    sims = vecs @ vecs.T
    chosen = [order[0]]
    rest = order[1:]
    while rest and len(chosen) < top_n:
        redundancy = sims[np.ix_(rest, chosen)].max(axis=1)
        mmr_scores = (1 - diversity) * scores[rest] - diversity * redundancy
        pick = rest[int(np.argmax(mmr_scores))]
        chosen.append(pick)
        rest.remove(pick)
    return chosen


@dataclass(frozen=True)
class RankSettings:
    top_n: int = 15
    diversity: float = 0.0
    position_weight: float = 1.0


def _occurrences(text: str, phrase: str) -> list[tuple[int, int]]:
    pattern = r"(?<![\w-])" + re.escape(phrase) + r"(?![\w-])"
    return [m.span() for m in re.finditer(pattern, text, flags=re.IGNORECASE)]


def phrase_vectors(text: str, enc: EncodedDoc, phrases: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Mean contextual vector of each phrase over its occurrences, and its first position (0..1)."""
    dim = enc.tokens.shape[1] if enc.tokens.size else 1
    vecs = np.zeros((len(phrases), dim), np.float32)
    first = np.ones(len(phrases), np.float32)
    starts = enc.offsets[:, 0] if len(enc.offsets) else np.zeros(0, np.int32)
    ends = enc.offsets[:, 1] if len(enc.offsets) else np.zeros(0, np.int32)
    n = max(len(text), 1)
    for i, phrase in enumerate(phrases):
        spans = _occurrences(text, phrase)
        if not spans:
            continue
        first[i] = spans[0][0] / n
        mask = np.zeros(len(starts), bool)
        for s, e in spans:
            mask |= (starts >= s) & (ends <= e)
        if mask.any():
            vecs[i] = enc.tokens[mask].mean(axis=0)
    return vecs, first


def _unit(m: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(m, axis=-1, keepdims=True)
    norms[norms == 0] = 1
    return m / norms


def rank_document(text: str, enc: EncodedDoc, settings: RankSettings = RankSettings()) -> list[tuple[str, float]]:
    from concepts.extract import doc_candidates

    surfaces = list(doc_candidates(text).values())
    if not surfaces:
        return []
    vecs, first = phrase_vectors(text, enc, surfaces)
    vecs = _unit(vecs)
    cos = vecs @ enc.doc
    scores = cos + 0.1 * settings.position_weight * (1 - first)
    picked = mmr(scores, vecs, settings.top_n, settings.diversity)
    return [(surfaces[i], round(float(scores[i]), 4)) for i in picked]

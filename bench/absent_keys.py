"""Can keys absent from an abstract come from its nearest neighbours in the corpus?

About a third of Inspec's gold keys are not in their abstract (mostly terms of the
INSPEC thesaurus: "optimisation", "neural nets", "computational complexity").
No candidate of a text can match them, so the one unsupervised source left is the
corpus: ExpandRank-style, a phrase the k most similar abstracts use may name this
one too. This measures, on Inspec dev:

* how many absent gold keys are among the candidates of the k nearest abstracts;
* the precision of the best neighbour phrase per abstract, scored by the
  similarity-weighted count of neighbours using it (over its log document
  frequency) or by its embedding cosine with the abstract.

A phrase added to the top 10 pays only if it is right more often than the
candidate it displaces (our tenth phrase is right 37% of the time). Run:

    python bench/absent_keys.py [--limit N]
"""

from __future__ import annotations

import argparse
import math
from collections import Counter

import numpy as np
from tune_keyphrases import load  # the dev sets' paths and readers, shared by the bench scripts


def main() -> None:
    from concepts.evaluate import stem_phrase
    from concepts.extract import doc_candidates
    from concepts.model import sentence_model

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    docs = load("inspec", args.limit)
    model = sentence_model()
    texts = [d.text for d in docs]
    doc_vecs = model.encode(texts, batch_size=32, normalize_embeddings=True)
    cands = [{stem_phrase(c): c for c in doc_candidates(t)} for t in texts]
    golds = [{stem_phrase(k) for k in d.keys if k.strip()} for d in docs]
    padded = [f" {stem_phrase(t)} " for t in texts]
    df = Counter(s for c in cands for s in c)
    sims = doc_vecs @ doc_vecs.T
    np.fill_diagonal(sims, -1.0)

    def present(i: int, s: str) -> bool:
        return s in cands[i] or f" {s} " in padded[i]

    absent = sum(not present(i, g) for i in range(len(docs)) for g in golds[i])
    print(f"{len(docs)} abstracts, {absent} absent gold keys")
    phrase_vec: dict[str, np.ndarray] = {}
    order = np.argsort(-sims, axis=1)  # each abstract's others, most similar first
    for k in (5, 10, 20, 40):
        near = order[:, :k]
        covered = sum(
            1 for i in range(len(docs)) for g in golds[i] if not present(i, g) and any(g in cands[j] for j in near[i])
        )
        by_count = by_cosine = n = 0
        for i in range(len(docs)):
            weight: Counter[str] = Counter()
            users: Counter[str] = Counter()
            for j in near[i]:
                for s in cands[j]:
                    if not present(i, s):
                        weight[s] += float(sims[i, j])
                        users[s] += 1
            pool = [s for s in weight if users[s] >= 2]
            if not pool:
                continue
            n += 1
            by_count += max(pool, key=lambda s: weight[s] / math.log(1 + df[s])) in golds[i]
            new = [s for s in pool if s not in phrase_vec]
            if new:
                surfaces = [next(cands[j][s] for j in near[i] if s in cands[j]) for s in new]
                phrase_vec.update(zip(new, model.encode(surfaces, normalize_embeddings=True), strict=True))
            by_cosine += max(pool, key=lambda s: float(phrase_vec[s] @ doc_vecs[i])) in golds[i]
        print(
            f"k={k:2d}: absent keys among neighbours' candidates {covered} ({100 * covered / absent:.1f}%); "
            f"best neighbour phrase right in {by_count}/{n} by count, {by_cosine}/{n} by cosine"
        )


if __name__ == "__main__":
    main()

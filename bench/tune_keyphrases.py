"""Design measurements for keyphrase extraction on the development gold sets.

Caches the model's outputs per document under bench-data/ (ignored by git) so
that candidate and ranking variants can be compared in seconds. Every choice
kept in concepts/ was measured here; run it to see the table:

    python bench/tune_keyphrases.py [--set inspec|scienceie|scierc] [--limit N]
"""

from __future__ import annotations

import argparse
import os
import pickle
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval"
CACHE = ROOT / "bench-data"

SETS = {
    "inspec": ("inspec", SHARED / "inspec-dev"),
    "scienceie": ("brat", SHARED / "scienceie-dev"),
    "scierc": ("scierc", SHARED / "scierc-dev"),
}


def load(name: str, limit: int):
    from concepts.evaluate import READERS

    fmt, path = SETS[name]
    docs = READERS[fmt](path)
    return docs[:limit] if limit else docs


def encode_docs(texts: list[str], key: str):
    """Contextual token embeddings + offsets, cached."""
    from contextual_embed import encode_documents

    CACHE.mkdir(exist_ok=True)
    f = CACHE / f"{key}.pkl"
    if f.exists():
        return pickle.loads(f.read_bytes())
    t0 = time.perf_counter()
    out = encode_documents(texts)
    print(f"encoded {len(texts)} docs in {time.perf_counter() - t0:.1f}s")
    f.write_bytes(pickle.dumps(out))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", default="inspec", choices=list(SETS))
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()

    from contextual_rank import RankSettings, rank_document

    from concepts.evaluate import f1_at_k

    docs = load(args.set, args.limit)
    texts = [d.text for d in docs]
    encoded = encode_docs(texts, f"{args.set}-{len(texts)}")
    golds = [d.keys for d in docs]

    from concepts.evaluate import stem_phrase
    from concepts.extract import doc_candidates

    cands = [list(doc_candidates(t).values()) for t in texts]
    n_gold = sum(len({stem_phrase(g) for g in gold}) for gold in golds)
    found = sum(len({stem_phrase(g) for g in gold} & {stem_phrase(c) for c in cs}) for gold, cs in zip(golds, cands))
    print(
        f"candidates/doc {sum(map(len, cands)) / len(cands):.1f}; gold keys among candidates {100 * found / n_gold:.1f}%"
    )
    # standalone phrase vectors (KeyBERT's way), cached
    pf = CACHE / f"phrases-{args.set}-{len(texts)}.pkl"
    phrase_cache = pickle.loads(pf.read_bytes()) if pf.exists() else {}
    missing = sorted({c.lower() for cs in cands for c in cs} - set(phrase_cache))
    if missing:
        from concepts.model import sentence_model

        vecs = sentence_model().encode(missing, batch_size=128, normalize_embeddings=True)
        phrase_cache.update(zip(missing, vecs))
        pf.write_bytes(pickle.dumps(phrase_cache))
    for w in (0.0, 1.0, 2.0):
        preds = []
        for t, e, cs in zip(texts, encoded, cands, strict=True):
            if not cs:
                preds.append([])
                continue
            from contextual_rank import phrase_vectors

            _, first = phrase_vectors(t, e, cs)
            v = np.array([phrase_cache[c.lower()] for c in cs])
            sc = v @ e.doc + 0.1 * w * (1 - first)
            preds.append([cs[i] for i in np.argsort(-sc, kind="stable")[:15]])
        scores = " ".join(f"F1@{k}={f1_at_k(preds, golds, k)['F1']:.2f}" for k in (5, 10, 15))
        print(f"{'standalone pos' + str(w):<18} {scores}")

    variants = {
        "context": RankSettings(),
        "context+pos0": RankSettings(position_weight=0.0),
        "context+pos.5": RankSettings(position_weight=0.5),
        "context+pos2": RankSettings(position_weight=2.0),
        "context mmr0": RankSettings(diversity=0.0),
        "context mmr.3": RankSettings(diversity=0.3),
    }
    for name, s in variants.items():
        t0 = time.perf_counter()
        preds = [[p for p, _ in rank_document(t, e, s)] for t, e in zip(texts, encoded, strict=True)]
        dt = time.perf_counter() - t0
        scores = " ".join(f"F1@{k}={f1_at_k(preds, golds, k)['F1']:.2f}" for k in (5, 10, 15))
        print(f"{name:<18} {scores}   ({dt:.1f}s)")


if __name__ == "__main__":
    main()

"""Measure the ranking signals of concepts/extract.py on the development gold sets, and fit their weights.

For every candidate of every document it computes the signals the extractor
uses (document cosine, best-sentence similarity, position, length,
centrality, name-like spelling, last-layer attention received, and how many
longer candidates hold it: "inside") plus corpus document frequency and
frequency (which the extractor used before the nesting term replaced it), and
signals the extractor does not use (similarity to the first sentence,
second-best and mean sentence similarity, word frequencies, candidates nested
in it, two- and three-word length, spread, sentence count, first-sentence
occurrence, shared heads, capitals, last occurrence). It fits one logistic
regression over Inspec and ScienceIE (equal weight per set, even-numbered
documents), and reports F1@10 on the even and odd halves of all three sets for:

* the cosine alone (EmbedRank / KeyBERT over our candidates),
* the fitted weights, with and without corpus document frequency, with the
  attention term, and with the nesting term for frequency (the shipped signals),
* a pairwise (gold vs non-gold candidate of the same document) logistic fit
  over every signal, the unused ones included,
* the weights shipped in concepts/extract.py,
* gradient-boosted trees over every signal trained on Inspec's gold alone: a
  supervised ceiling for ranking these candidates, not a candidate extractor;
* coordinate ascent on F1@10 itself from the shipped weights, on Inspec's even
  half alone and mixed with the other two sets' even halves.

It scores one document's signals at a time: corpus keyphraseness, which re-ranks
every document's pool against the others' rankings (concepts.extract.rerank_with_corpus),
is not modelled here; `conceptgraph eval` measures it.

Embeddings are cached under bench-data/ (ignored by git). Run:

    python bench/rank_features.py
"""

from __future__ import annotations

import bisect
import math
import os
import pickle
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("CONCEPTGRAPH_SHARED", ROOT.parent / "shared")) / "eval"
CACHE = ROOT / "bench-data"
SETS = {"inspec": ("inspec", "inspec-dev"), "scienceie": ("brat", "scienceie-dev"), "scierc": ("scierc", "scierc-dev")}
FEATURES = ["cos", "context", "position", "frequency", "single", "long", "central", "docfreq", "name", "attention"]
# measured, not used by the extractor but for "inside": a pairwise fit over all of them gains at most 0.4 on any set
EXTRA = ["sent1", "ctx2", "ctxmean", "wordfreq", "wordfreq_max", "inside", "around", "two", "three"]
EXTRA += ["spread", "sentences", "first_sentence", "head_count", "capital", "last"]
SIGNALS = FEATURES + EXTRA


def features(name: str) -> tuple[list, list[set[str]]]:
    """Per document: (stemmed candidates, feature matrix) and the stemmed gold set; cached."""
    from concepts.candidates import stopwords
    from concepts.evaluate import READERS, stem_phrase
    from concepts.extract import (
        EXTRACTOR_VERSION,
        _occurrences,
        _sentence_bounds,
        doc_candidates,
        encode_documents,
        name_like,
    )
    from concepts.model import sentence_model

    CACHE.mkdir(exist_ok=True)
    f = CACHE / f"rank-features3-{name}-v{EXTRACTOR_VERSION}.pkl"  # candidates and encoding change with it
    if f.exists():
        return pickle.loads(f.read_bytes())
    fmt, folder = SETS[name]
    docs = READERS[fmt](SHARED / folder)
    model = sentence_model()
    surfaces = [doc_candidates(d.text) for d in docs]
    cands = [list(s) for s in surfaces]
    phrases = sorted({c for cs in cands for c in cs})
    vec = dict(zip(phrases, model.encode(phrases, batch_size=128, normalize_embeddings=True), strict=True))
    df = Counter(s for cs in cands for s in {stem_phrase(c) for c in cs})
    rows = []
    for i in range(0, len(docs), 64):
        batch = docs[i : i + 64]
        doc_vecs, sent_vecs, attention = encode_documents(model, [d.text for d in batch])
        for d, dv, sv, att, cs, surf in zip(
            batch, doc_vecs, sent_vecs, attention, cands[i : i + 64], surfaces[i : i + 64], strict=True
        ):
            if not cs:
                rows.append(None)
                continue
            v = np.array([vec[c] for c in cs])
            low, n = d.text.lower(), max(len(d.text), 1)
            occ = [_occurrences(low, c) for c in cs]
            stems = [stem_phrase(c) for c in cs]
            sims = v @ sv.T if len(sv) else (v @ dv)[:, None]
            x = np.stack(
                [
                    v @ dv,
                    sims.max(axis=1),
                    np.array([1 - (o[0] / n if o else 1.0) for o in occ]),
                    np.array([math.log1p(len(o)) for o in occ]),
                    np.array([len(c.split()) == 1 for c in cs], float),
                    np.array([len(c.split()) >= 4 for c in cs], float),
                    ((v @ v.T).sum(axis=1) - 1) / max(len(cs) - 1, 1),
                    np.array([math.log(max(df[s], 1)) / math.log(len(docs)) for s in stems]),
                    np.array([name_like(surf[c]) for c in cs], float),
                    np.array([math.log1p(sum(att.of(a, a + len(c)) for a in o)) for c, o in zip(cs, occ, strict=True)]),
                    *_extra_signals(d.text, cs, surf, occ, sims, _sentence_bounds(d.text), stopwords()),
                ],
                axis=1,
            )
            rows.append((stems, x))
    gold = [{stem_phrase(g) for g in d.keys} - {""} for d in docs]
    out = (rows, gold)
    f.write_bytes(pickle.dumps(out))
    return out


def _extra_signals(text, cs, surf, occ, sims, bounds, stop) -> list[np.ndarray]:
    """The EXTRA signals of one document's candidates, in that order (``sims``: candidate x sentence)."""
    from concepts.extract import _containing

    n = max(len(text), 1)
    ranked_sims = np.sort(sims, axis=1)
    counts = Counter(re.findall(r"[a-z0-9]+", text.lower()))
    heads = Counter(c.split()[-1] for c in cs)

    def word_freqs(c: str) -> list[float]:
        words = re.findall(r"[a-z0-9]+", c)
        return [math.log1p(counts[w]) for w in ([w for w in words if w not in stop] or words or ["_"])]

    def nested(inner: str, outer: str) -> bool:
        return inner != outer and f" {inner} " in f" {outer} "

    return [
        sims[:, 0],
        ranked_sims[:, -2] if sims.shape[1] > 1 else ranked_sims[:, -1],
        sims.mean(axis=1),
        np.array([np.mean(word_freqs(c)) for c in cs]),
        np.array([np.max(word_freqs(c)) for c in cs]),
        np.log1p(_containing(cs)),  # the extractor's nesting term
        np.array([math.log1p(sum(nested(o, c) for o in cs)) for c in cs]),
        np.array([len(c.split()) == 2 for c in cs], float),
        np.array([len(c.split()) == 3 for c in cs], float),
        np.array([(o[-1] - o[0]) / n if o else 0.0 for o in occ]),
        np.array([math.log1p(len({bisect.bisect_right(bounds, i) for i in o})) for o in occ]),
        np.array([bool(o) and o[0] < bounds[1] for o in occ], float),
        np.array([math.log(heads[c.split()[-1]]) for c in cs]),
        np.array([any(ch.isupper() for ch in surf[c]) for c in cs], float),
        np.array([o[-1] / n if o else 0.0 for o in occ]),
    ]


def f1_at_10(rows, gold, idx, w) -> float:
    """F1@10 over documents ``idx`` ranked by ``x @ w``, or by ``w(x)`` when ``w`` is a function."""
    scores = []
    for i in idx:
        if rows[i] is None:
            scores.append(0.0)
            continue
        stems, x = rows[i]
        seen: list[str] = []
        for j in np.argsort(-(w(x) if callable(w) else x @ w), kind="stable"):
            if stems[j] not in seen:
                seen.append(stems[j])
            if len(seen) == 10:
                break
        hits = sum(s in gold[i] for s in seen)
        p, r = hits / min(10, len(seen)), hits / max(len(gold[i]), 1)
        scores.append(2 * p * r / (p + r) if hits else 0.0)
    return 100 * float(np.mean(scores))


def main() -> None:
    import importlib

    from sklearn.linear_model import LogisticRegression

    ex = importlib.import_module("concepts.extract")  # the package exports a function of the same name

    data = {name: features(name) for name in SETS}
    xs, ys, ws = [], [], []
    for name in ("inspec", "scienceie"):
        rows, gold = data[name]
        train = [i for i in range(0, len(rows), 2) if rows[i] is not None]
        y = np.concatenate([[s in gold[i] for s in rows[i][0]] for i in train])
        xs.append(np.concatenate([rows[i][1] for i in train]))
        ys.append(y)
        ws.append(np.full(len(y), 1000.0 / len(y)))
    x, y, sw = np.concatenate(xs), np.concatenate(ys), np.concatenate(ws)

    def fit(cols: list[int]) -> np.ndarray:
        lr = LogisticRegression(max_iter=3000).fit(x[:, cols], y, sample_weight=sw)
        w = np.zeros(len(SIGNALS))
        w[cols] = lr.coef_[0]
        return w / w[0]

    def fit_pairs(cols: list[int] | None = None) -> np.ndarray:
        """Logistic regression on differences (gold minus non-gold candidate of one document)."""
        rng = np.random.default_rng(0)
        diffs, weights = [], []
        for name in ("inspec", "scienceie"):
            rows, gold = data[name]
            per_set = []
            for i in range(0, len(rows), 2):
                if rows[i] is None:
                    continue
                stems, xi = rows[i]
                hit = np.array([s in gold[i] for s in stems])
                if hit.any() and not hit.all():
                    pos, neg = np.flatnonzero(hit), np.flatnonzero(~hit)
                    per_set.append(xi[rng.choice(pos, 40)] - xi[rng.choice(neg, 40)])
            d = np.concatenate(per_set)
            diffs.append(d)
            weights.append(np.full(len(d), 1000.0 / len(d)))
        d = np.concatenate(diffs)
        if cols is not None:
            d[:, [c for c in range(len(SIGNALS)) if c not in cols]] = 0.0
        flip = rng.random(len(d)) < 0.5  # both orders, so the classes balance
        d[flip] *= -1
        lr = LogisticRegression(max_iter=5000, fit_intercept=False).fit(d, ~flip, sample_weight=np.concatenate(weights))
        return lr.coef_[0] / lr.coef_[0][0]

    shipped = np.zeros(len(SIGNALS))
    shipped[: len(FEATURES)] = np.array(
        [
            1 - ex.W_CONTEXT,
            ex.W_CONTEXT,
            ex.W_POSITION,
            0.0,  # frequency: the nesting term took its place
            ex.W_SINGLE_WORD,
            ex.W_LONG,
            ex.W_CENTRAL,
            -ex.W_SPECIFICITY,
            ex.W_NAME,
            ex.W_ATTENTION,
        ]
    )
    shipped[SIGNALS.index("inside")] = ex.W_INSIDE
    variants = {
        "cosine only": np.eye(len(SIGNALS))[0],
        "fitted, no doc freq": fit(list(range(7))),
        "fitted, no doc freq, name": fit([0, 1, 2, 3, 4, 5, 6, 8]),
        "fitted, all": fit(list(range(9))),
        "fitted, no doc freq, name, attention": fit([0, 1, 2, 3, 4, 5, 6, 8, 9]),
        "fitted, nesting for frequency": fit([0, 1, 2, 4, 5, 6, 8, 9, SIGNALS.index("inside")]),
        "pairwise, shipped signals": fit_pairs([0, 1, 2, 4, 5, 6, 8, 9, SIGNALS.index("inside")]),
        "pairwise, every signal": fit_pairs(),
        "shipped": shipped,
    }
    for label, w in variants.items():
        cells = []
        for name, (rows, gold) in data.items():
            n = len(rows)
            cells.append(
                f"{name} {f1_at_10(rows, gold, range(0, n, 2), w):.2f}/{f1_at_10(rows, gold, range(1, n, 2), w):.2f}"
            )
        print(f"{label:<26} " + "  ".join(cells) + "   (F1@10 even/odd halves)")
        scale = w[0] + w[1]
        print(" " * 27 + " ".join(f"{k}={v / scale:+.3f}" for k, v in zip(SIGNALS, w, strict=True) if v))
    supervised_ceiling(data)
    for mix in ({"inspec": 1.0}, {"inspec": 0.8, "scienceie": 0.1, "scierc": 0.1}):
        direct_ascent(data, shipped, mix, [0, 1, 2, 4, 5, 6, 8, 9, SIGNALS.index("inside")])


def direct_ascent(data, start: np.ndarray, mix: dict[str, float], cols: list[int]) -> np.ndarray:
    """Coordinate ascent on F1@10 itself (the even halves, weighted by ``mix``), from ``start``.

    The logistic fits optimise a proxy; this asks what the metric alone would choose, and
    whether what it gains on one set's held-out half survives on the others.
    """

    def objective(w: np.ndarray) -> float:
        return sum(c * f1_at_10(*data[name], range(0, len(data[name][0]), 2), w) for name, c in mix.items())

    w, best = start.copy(), objective(start)
    for _ in range(4):
        for step in (0.3, 0.15, 0.07, 0.03):
            for j in cols[1:]:  # the first column sets the scale
                for sign in (1, -1):
                    trial = w.copy()
                    trial[j] += sign * step * max(abs(w[j]), 0.2)
                    got = objective(trial)
                    if got > best + 1e-9:
                        w, best = trial, got
    cells = [
        f"{name} {f1_at_10(r, g, range(0, len(r), 2), w):.2f}/{f1_at_10(r, g, range(1, len(r), 2), w):.2f}"
        for name, (r, g) in data.items()
    ]
    label = "ascent on " + "+".join(f"{c:g} {name}" for name, c in mix.items())
    print(f"{label:<26} " + "  ".join(cells))
    scale = w[0] + w[1]
    print(" " * 27 + " ".join(f"{k}={v / scale:+.3f}" for k, v in zip(SIGNALS, w, strict=True) if v))
    return w


def supervised_ceiling(data) -> None:
    """Gradient-boosted trees over every signal, trained on Inspec's own gold (even half).

    Not an extractor we would ship (it learns one annotation style), but it bounds
    what any ranking of these candidates with these signals can reach on Inspec.
    """
    from sklearn.ensemble import HistGradientBoostingClassifier

    rows, gold = data["inspec"]
    train = [i for i in range(0, len(rows), 2) if rows[i] is not None]
    x = np.concatenate([rows[i][1] for i in train])
    y = np.concatenate([[s in gold[i] for s in rows[i][0]] for i in train])
    trees = HistGradientBoostingClassifier(
        max_iter=600, learning_rate=0.05, max_leaf_nodes=31, min_samples_leaf=50, random_state=0
    ).fit(x, y)

    def score(xi: np.ndarray) -> np.ndarray:
        return trees.predict_proba(xi)[:, 1]

    cells = [
        f"{name} {f1_at_10(r, g, range(0, len(r), 2), score):.2f}/{f1_at_10(r, g, range(1, len(r), 2), score):.2f}"
        for name, (r, g) in data.items()
    ]
    print(f"{'trees on Inspec, supervised':<26} " + "  ".join(cells) + "   (trained on Inspec's even half)")


if __name__ == "__main__":
    main()

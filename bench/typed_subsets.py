"""How often each claimed type would fail to beat the majority-type baseline on a test split's size.

The held-out test splits of ScienceIE and SciERC are about 100 documents each,
so a type with few predictions can score 0 there even when it wins on the whole
dev set. This draws random subsets of that size from a dev set and counts the
draws where a type we predict scores no better than the baseline:

    python bench/typed_subsets.py [--set scienceie|scierc] [--size 100] [--draws 500]
"""

from __future__ import annotations

import argparse

import numpy as np
from tune_keyphrases import load  # the dev sets' paths and readers, shared by the bench scripts


def main() -> None:
    from concepts.evaluate import conceptgraph_extractor, majority_type, typed_scores

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", choices=["scienceie", "scierc"], default="scienceie")  # the typed gold sets
    ap.add_argument("--size", type=int, default=100)
    ap.add_argument("--draws", type=int, default=500)
    args = ap.parse_args()
    docs = load(args.set, 0)
    preds = conceptgraph_extractor(15)([d.text for d in docs])
    golds = [d.typed for d in docs]
    major = majority_type(golds)
    base = [[(p, major) for p, _ in doc] for doc in preds]

    def f1s(idx) -> tuple[dict, dict]:
        return typed_scores([preds[i] for i in idx], [golds[i] for i in idx]), typed_scores(
            [base[i] for i in idx], [golds[i] for i in idx]
        )

    ours, baseline = f1s(range(len(docs)))
    print(
        {t: round(v["F1"], 1) for t, v in ours.items()}, "baseline", {t: round(v["F1"], 1) for t, v in baseline.items()}
    )
    rng = np.random.default_rng(0)
    fails: dict[str, int] = {t: 0 for t in ours if t != "micro"}
    for _ in range(args.draws):
        a, b = f1s(rng.choice(len(docs), args.size, replace=False))
        for t in fails:
            if a.get(t, {}).get("predicted", 0) and a[t]["F1"] <= b.get(t, {"F1": 0.0})["F1"]:
                fails[t] += 1
    print(
        f"{args.set}: {args.size}-document draws (of {args.draws}) where a predicted type fails to beat the baseline:"
    )
    print(fails)


if __name__ == "__main__":
    main()

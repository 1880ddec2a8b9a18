"""Do the corpus-level ranking signals hold on a corpus the size of a held-out test split?

Specificity and keyphraseness (``rerank_with_corpus``) are read off the corpus
being ranked. The dev sets hold 1,500 (Inspec), 394 (ScienceIE) and 400
(SciERC) documents, but the test splits that decide the final numbers hold
500, 100 and 100. This bench extracts each dev set once, then draws random
subsets of the test split's size and scores each subset twice with the
`conceptgraph eval` protocol (F1@10):

* *within*: the subset's documents as the whole dev set ranked them;
* *alone*: re-ranked with only the subset as the corpus, as a test split is.

The gap between the two means is what a smaller corpus costs; the spread of
*alone* over the draws is how far one test split of that size may land from
the dev score by chance. Measured in float32, 10 draws (within -> alone, and
the lowest to highest draw alone): Inspec 39.99 -> 39.85 (39.28 to 41.39),
ScienceIE 40.32 -> 39.86 (36.92 to 42.29), SciERC 52.84 -> 52.86 (51.36 to
55.12); the whole dev sets score 40.12, 40.65 and 52.89. Run:

    CONCEPTGRAPH_PRECISION=fp32 python bench/corpus_size.py [--draws 10] [--seed 0]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))
from tune_keyphrases import SETS, load  # noqa: E402  (the dev sets' paths and readers)

TEST_SIZES = {"inspec": 500, "scienceie": 100, "scierc": 100}  # the standard test splits


def measure(name: str, draws: int, seed: int) -> str:
    from concepts.evaluate import f1_at_k
    from concepts.extract import ExtractSettings, extract_pools, rerank_with_corpus, specificity_of

    docs = load(name, 0)
    texts = [d.text for d in docs]
    golds = [d.keys for d in docs]
    settings = ExtractSettings(top_n=15)  # as `conceptgraph eval` ranks them
    pools, keys = extract_pools(texts, settings)
    whole = rerank_with_corpus(pools, settings, specificity_of(keys))

    def f1(ranked, picked: list[int]) -> float:
        return f1_at_k([[p for p, _ in r] for r in ranked], [golds[i] for i in picked], 10)["F1"]

    rng = random.Random(seed)
    within, alone = [], []
    for _ in range(draws):
        picked = sorted(rng.sample(range(len(docs)), TEST_SIZES[name]))
        within.append(f1([whole[i] for i in picked], picked))
        ranked = rerank_with_corpus([pools[i] for i in picked], settings, specificity_of([keys[i] for i in picked]))
        alone.append(f1(ranked, picked))
    return (
        f"{name:<10} all {len(docs)}: {f1(whole, list(range(len(docs)))):.2f}   "
        f"{TEST_SIZES[name]} drawn {draws}x: within {statistics.mean(within):.2f}, "
        f"alone {statistics.mean(alone):.2f} ({min(alone):.2f} to {max(alone):.2f})"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--draws", type=int, default=10)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    for name in SETS:
        print(measure(name, args.draws, args.seed), flush=True)


if __name__ == "__main__":
    main()

"""Extraction speed: stock KeyBERT vs `conceptgraph keyphrases`, same documents, one run.

Stock KeyBERT is called as a new user calls it: keyphrase_ngram_range=(1, 3),
stop_words="english", all documents in one call (KeyBERT's own advice for speed).
Both share one loaded model, and a warm-up runs first, so the ratio compares the
extraction work only. Prints docs/s for both and their ratio. Stock KeyBERT runs in
float32; ours in the precision CONCEPTGRAPH_PRECISION picks (bfloat16 by default on a
CPU with bfloat16 units), which the output names.

    python bench/keyphrase_speed.py [PATH ...]   (default: examples/)
    CONCEPTGRAPH_PRECISION=fp32 python bench/keyphrase_speed.py   (both in float32)
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="*", default=[str(Path(__file__).resolve().parents[1] / "examples")])
    ap.add_argument("--limit", type=int, default=0, help="use only the first N English documents")
    args = ap.parse_args()

    from concepts import keyphrases_for
    from concepts.model import bf16, keybert
    from loaders import load_paths

    papers = [p for p in load_paths(args.paths).papers if p.language == "en"]
    if args.limit:
        papers = papers[: args.limit]
    docs = [p.text for p in papers]
    kb = keybert()
    kb.extract_keywords(docs[:4], keyphrase_ngram_range=(1, 3), stop_words="english")  # warm-up
    keyphrases_for(papers[:4])

    t0 = time.perf_counter()
    kb.extract_keywords(docs, keyphrase_ngram_range=(1, 3), stop_words="english")
    stock = time.perf_counter() - t0

    t0 = time.perf_counter()
    keyphrases_for(papers)
    ours = time.perf_counter() - t0

    n = len(docs)
    print(f"documents: {n}")
    print(f"stock KeyBERT (1-3 grams, english stop words): {n / stock:8.2f} docs/s  ({stock:.1f}s)")
    precision = "bfloat16" if bf16() else "float32"
    print(f"conceptgraph keyphrases ({precision}):             {n / ours:8.2f} docs/s  ({ours:.1f}s)")
    print(f"ratio (conceptgraph / stock): {stock / ours:.2f}x")


if __name__ == "__main__":
    main()

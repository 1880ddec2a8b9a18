"""What giving each concept one slot in a paper's list does to each gold set.

Inspec's annotators list distinct concepts; ScienceIE and SciERC annotate
every span, an acronym beside its definition and "neural network" beside
"recurrent neural network". Since EXTRACTOR_VERSION 54 the extractor gives a
concept one slot both ways: an acronym its text defines ("... (DFT)") is
written as its definition (``spell_acronyms``, which the pool applies, so
the two share one entry), and of two top phrases where one holds the other
the lower moves down by ``W_NESTED`` (``demote_nested``). This bench measures
F1@10 (the `conceptgraph eval` protocol) from one extraction per set, with
each trade switched off and on:

* neither (the ranking before version 54);
* acronyms written as their definitions only;
* nested phrases demoted only;
* both (shipped).

Each raises Inspec and lowers ScienceIE and SciERC. Measured in float32 with
W_NESTED 0.5 (neither -> acronym -> nested -> both): Inspec 39.32, 39.63,
39.80, 40.12; ScienceIE 42.28, 41.40, 41.53, 40.65; SciERC 53.66, 53.35,
52.79, 52.89 ("both" is what `conceptgraph eval` scores). Run:

    CONCEPTGRAPH_PRECISION=fp32 python bench/convention_trades.py [--penalty 0.5]
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))
from tune_keyphrases import SETS, load  # noqa: E402  (the dev sets' paths and readers)


def measure(name: str, limit: int, penalty: float) -> str:
    from concepts.evaluate import f1_at_k

    ex = importlib.import_module("concepts.extract")  # the package exports a function of the same name

    docs = load(name, limit)
    texts = [d.text for d in docs]
    settings = ex.ExtractSettings(top_n=15)  # as `conceptgraph eval` ranks them
    spell = ex.spell_acronyms
    ex.spell_acronyms = lambda _text, ranked: ranked  # the pools as written; spelled below, as extract() would
    try:
        pools, keys = ex.extract_pools(texts, settings)
    finally:
        ex.spell_acronyms = spell
    spelled = [spell(t, p) for t, p in zip(texts, pools, strict=True)]
    spec = ex.specificity_of(keys)
    golds = [d.keys for d in docs]
    cells = []
    shipped = ex.W_NESTED
    try:
        for label, chosen, weight in (
            ("neither", pools, 0.0),
            ("acronym as definition", spelled, 0.0),
            ("nested demoted", pools, penalty),
            ("both", spelled, penalty),
        ):
            ex.W_NESTED = weight
            ranked = ex.rerank_with_corpus(chosen, settings, spec)
            cells.append(f"{label} {f1_at_k([[p for p, _ in r] for r in ranked], golds, 10)['F1']:.2f}")
    finally:
        ex.W_NESTED = shipped
    return f"{name:<10} " + "   ".join(cells)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--penalty", type=float, default=0.5, help="W_NESTED for the runs that demote nested phrases")
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    for name in SETS:
        print(measure(name, args.limit, args.penalty), flush=True)


if __name__ == "__main__":
    main()

"""What collapsing an acronym or a nested phrase into one slot does to each gold set (measured, not shipped).

Inspec's annotators list distinct concepts; ScienceIE and SciERC annotate
every span, an acronym beside its definition and "neural network" beside
"recurrent neural network". This bench measures, from one extraction per set,
F1@10 (the `conceptgraph eval` protocol) for:

* the shipped ranking (``extract_ranked``);
* a top-10 acronym that its text defines ("... (DFT)") written as its
  definition, which the eval's de-duplication then drops where the
  definition is listed already (the graph merges the two in any case);
* of two top-10 phrases where one holds the other, the lower moved down by a
  penalty, so a distinct concept takes its slot;
* both.

Each raises Inspec and lowers ScienceIE and SciERC, which is why neither is
in concepts/extract.py: the Inspec gap is a convention, not a ranking error.
Measured in float32 with penalty 0.3 (shipped -> acronym -> nested -> both):
Inspec 39.07, 39.43, 39.50, 39.85; ScienceIE 42.14, 41.24, 41.68, 40.63;
SciERC 53.60, 53.33, 53.07, 53.07.
Run:

    CONCEPTGRAPH_PRECISION=fp32 python bench/convention_trades.py [--penalty 0.3]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))
from tune_keyphrases import SETS, load  # noqa: E402  (the dev sets' paths and readers)


def demote_nested(ranked: list[tuple[str, float]], penalty: float) -> list[tuple[str, float]]:
    """Move the lower of each nested pair in the top 10 down by ``penalty`` and re-sort."""
    from concepts.evaluate import stem_phrase

    stems = [f" {stem_phrase(p)} " for p, _ in ranked]
    scores = [s for _, s in ranked]
    for a in range(min(10, len(ranked))):
        for b in range(a + 1, min(10, len(ranked))):
            if stems[a] != stems[b] and (stems[a] in stems[b] or stems[b] in stems[a]):
                scores[b] -= penalty  # b ranks lower: it is the one moved
    return sorted(zip((p for p, _ in ranked), scores, strict=True), key=lambda t: -t[1])


def spelled(doc: list[tuple[str, float]], defs: dict[str, str]) -> list[tuple[str, float]]:
    """``doc`` with each acronym its text defines written as that definition (``defs``: acronym key to
    definition key, as :class:`concepts.normalize.AcronymResolver` reads them per paper)."""
    from concepts.normalize import concept_key

    return [(defs.get(concept_key(p), p), s) for p, s in doc]


def measure(name: str, limit: int, penalty: float) -> str:
    from concepts.evaluate import f1_at_k
    from concepts.extract import ExtractSettings, extract_ranked
    from concepts.normalize import AcronymResolver

    docs = load(name, limit)
    texts = [d.text for d in docs]
    ranked = extract_ranked(texts, ExtractSettings(top_n=15))  # as `conceptgraph eval` ranks them
    resolver = AcronymResolver.of((str(i), t) for i, t in enumerate(texts))
    defined = [resolver.per_paper[str(i)] for i in range(len(texts))]
    variants = {
        "shipped": ranked,
        "acronym as definition": [spelled(r, d) for r, d in zip(ranked, defined, strict=True)],
        "nested demoted": [demote_nested(r, penalty) for r in ranked],
        "both": [demote_nested(spelled(r, d), penalty) for r, d in zip(ranked, defined, strict=True)],
    }
    golds = [d.keys for d in docs]
    cells = [f"{label} {f1_at_k([[p for p, _ in r] for r in v], golds, 10)['F1']:.2f}" for label, v in variants.items()]
    return f"{name:<10} " + "   ".join(cells)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--penalty", type=float, default=0.3)
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    for name in SETS:
        print(measure(name, args.limit, args.penalty), flush=True)


if __name__ == "__main__":
    main()

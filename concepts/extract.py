"""Keyphrase extraction: our candidates, ranked by KeyBERT.

KeyBERT ranks candidates by embedding similarity to the document, with MMR for
diversity. We hand it our phrase candidates through a CountVectorizer analyzer
(instead of raw n-grams) and pass many documents per call so each unique
phrase is embedded once per batch: that is both the quality and the speed win
over KeyBERT as usually called.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from importlib import resources

from concepts.candidates import candidates
from concepts.model import MODEL_NAME

# bump when candidate generation or ranking changes, so cached results are not reused
EXTRACTOR_VERSION = "1"


@dataclass(frozen=True)
class ExtractSettings:
    top_n: int = 10
    min_score: float = 0.25
    diversity: float = 0.3

    def cache_key(self) -> str:
        """Identifies results: model + extractor version + every setting."""
        payload = json.dumps({"model": MODEL_NAME, "v": EXTRACTOR_VERSION, **asdict(self)}, sort_keys=True)
        return hashlib.sha1(payload.encode()).hexdigest()[:16]


@functools.lru_cache(maxsize=1)
def generic_terms() -> frozenset[str]:
    text = resources.files("concepts.data").joinpath("generic.txt").read_text(encoding="utf-8")
    words: set[str] = set()
    for line in text.split("\n"):
        words.update(line.split("#", 1)[0].lower().split())
    return frozenset(words)


_PLURAL_S = re.compile(r"(?<=[a-z])s$")


def is_generic(phrase: str) -> bool:
    """True when every word of the phrase (or its singular) is a generic term."""
    generic = generic_terms()
    return all(w in generic or _PLURAL_S.sub("", w) in generic for w in phrase.lower().split())


def doc_candidates(text: str) -> dict[str, str]:
    """Lower-cased candidate -> first surface form, generic filler removed."""
    out: dict[str, str] = {}
    for c in candidates(text):
        low = c.text.lower()
        if low not in out and not is_generic(low):
            out[low] = c.text
    return out


Keyphrases = list[tuple[str, float]]


def extract(
    texts: Sequence[str],
    settings: ExtractSettings = ExtractSettings(),
    batch_size: int = 64,
    progress: Callable[[int], None] | None = None,
    on_batch: Callable[[int, list[Keyphrases]], None] | None = None,
) -> list[Keyphrases]:
    """Top keyphrases (surface form, score) for each text, in input order.

    ``on_batch(offset, results)`` is called after each batch so callers can
    commit work as it is done (an interrupted run then loses at most a batch).
    """
    from sklearn.feature_extraction.text import CountVectorizer

    from concepts.model import keybert

    kb = keybert()
    results: list[Keyphrases] = []
    for offset in range(0, len(texts), batch_size):
        batch = list(texts[offset : offset + batch_size])
        surfaces = [doc_candidates(t) for t in batch]
        per_doc = {t: list(s) for t, s in zip(batch, surfaces)}
        vectorizer = CountVectorizer(analyzer=functools.partial(_analyze, per_doc))
        out: list[Keyphrases] = []
        if any(surfaces):
            raw = kb.extract_keywords(
                batch,
                vectorizer=vectorizer,
                top_n=settings.top_n,
                use_mmr=settings.diversity > 0,
                diversity=settings.diversity,
            )
            if batch and raw and isinstance(raw[0], tuple):  # KeyBERT unwraps single-doc results
                raw = [raw]
            for kws, surf in zip(raw, surfaces):
                out.append([(surf.get(k, k), float(s)) for k, s in kws if float(s) >= settings.min_score])
        else:
            out = [[] for _ in batch]
        if on_batch is not None:
            on_batch(offset, out)
        results.extend(out)
        if progress is not None:
            progress(len(batch))
    return results


def _analyze(per_doc: dict[str, list[str]], doc: str) -> list[str]:
    """CountVectorizer analyzer: the batch's precomputed candidates of ``doc``."""
    return per_doc.get(doc) or list(doc_candidates(doc))

"""Keyphrase extraction: noun-phrase candidates, ranked by KeyBERT plus measured signals.

KeyBERT ranks candidates by embedding similarity to the document. We hand it
our noun-phrase candidates through a CountVectorizer analyzer (instead of raw
n-grams) and many documents per call, with the phrase embeddings computed once
per batch and reused for MMR. The similarity is then adjusted by signals
measured on the development sets (bench/tune_keyphrases.py):

* position: phrases that appear early (title, first sentence) name the topic;
* frequency: repeated phrases matter more;
* length: single words are usually too broad, 4+ word phrases too specific;
* corpus specificity (applied by :func:`apply_specificity` once the corpus is
  known): a phrase found in many documents says little about any one of them.

Per-document results (the cache's unit) never depend on other documents.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from importlib import resources

import numpy as np

from concepts.candidates import candidates, stopwords, word_list
from concepts.model import MODEL_NAME

# bump when candidate generation or ranking changes, so cached results are not reused
EXTRACTOR_VERSION = "3"

# weights measured with bench/tune_keyphrases.py (Inspec and ScienceIE development sets)
W_POSITION = 0.2
W_FREQUENCY = 0.05
W_SINGLE_WORD = -0.1
W_LONG = -0.05
W_SPECIFICITY = 0.1
POOL_FACTOR = 2  # keep this many times top_n per document for corpus-level re-ranking


@dataclass(frozen=True)
class ExtractSettings:
    top_n: int = 10
    min_score: float = 0.25
    diversity: float = 0.0

    def cache_key(self) -> str:
        """Identifies results: model + extractor version + word lists + every setting."""
        payload = json.dumps(
            {"model": MODEL_NAME, "v": EXTRACTOR_VERSION, "data": _word_lists_hash(), **asdict(self)}, sort_keys=True
        )
        return hashlib.sha1(payload.encode()).hexdigest()[:16]


@functools.lru_cache(maxsize=1)
def _word_lists_hash() -> str:
    """Editing a stop or generic word list changes extraction, so it invalidates the cache."""
    h = hashlib.sha1()
    for entry in sorted(resources.files("concepts.data").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".txt"):
            h.update(entry.name.encode() + entry.read_bytes())
    return h.hexdigest()[:12]


_PLURAL_S = re.compile(r"(?<=[a-z])s$")


def generic_terms() -> frozenset[str]:
    return word_list("generic.txt")


def general_words() -> frozenset[str]:
    return word_list("general_words.txt")


def _listed(word: str, words: frozenset[str]) -> bool:
    """In the list as written or as its singular."""
    return word in words or _PLURAL_S.sub("", word) in words


def is_generic(phrase: str) -> bool:
    """True for filler: every word generic ("results", "state of the art"), or one domain-general word ("learning")."""
    generic, general = generic_terms(), general_words()
    words = [w for w in phrase.lower().split() if w not in stopwords()] or phrase.lower().split()
    if len(words) == 1 and _listed(words[0], general):
        return True
    if len(words) == 2 and words[0] in general and _listed(words[1], generic):
        return True  # "deep models", "multilingual models"
    return all(_listed(w, generic) for w in words)


def doc_candidates(text: str) -> dict[str, str]:
    """Lower-cased candidate -> first surface form, generic filler removed."""
    out: dict[str, str] = {}
    for c in candidates(text):
        low = c.text.lower()
        if low not in out and not is_generic(low):
            out[low] = c.text
    return out


def _occurrences(text_low: str, phrase_low: str) -> list[int]:
    pattern = r"(?<![\w-])" + re.escape(phrase_low) + r"(?![\w-])"
    return [m.start() for m in re.finditer(pattern, text_low)]


def local_scores(text: str, phrases: Sequence[str], cosine: Sequence[float]) -> list[float]:
    """Similarity adjusted by position, frequency and length (no corpus statistics)."""
    low = text.lower()
    n = max(len(text), 1)
    out = []
    for phrase, cos in zip(phrases, cosine, strict=True):
        starts = _occurrences(low, phrase.lower())
        first = starts[0] / n if starts else 1.0
        words = len(phrase.split())
        score = (
            cos
            + W_POSITION * (1 - first)
            + W_FREQUENCY * math.log1p(len(starts))
            + W_SINGLE_WORD * (words == 1)
            + W_LONG * (words >= 4)
        )
        out.append(score)
    return out


def mmr(scores: np.ndarray, vecs: np.ndarray, top_n: int, diversity: float) -> list[int]:
    order = [int(i) for i in np.argsort(-scores, kind="stable")]
    if diversity <= 0 or len(order) <= 1:
        return order[:top_n]
    sims = vecs @ vecs.T
    chosen = [order[0]]
    rest = order[1:]
    while rest and len(chosen) < top_n:
        redundancy = sims[np.ix_(rest, chosen)].max(axis=1)
        mmr_scores = (1 - diversity) * scores[rest] - diversity * redundancy
        pick = rest[int(np.argmax(mmr_scores))]
        chosen.append(pick)
        rest.remove(pick)
    return chosen


Keyphrases = list[tuple[str, float]]


def extract(
    texts: Sequence[str],
    settings: ExtractSettings = ExtractSettings(),
    batch_size: int = 64,
    progress: Callable[[int], None] | None = None,
    on_batch: Callable[[int, list[Keyphrases]], None] | None = None,
    pool: bool = False,
) -> list[Keyphrases]:
    """Top keyphrases (surface form, score) for each text, in input order, best first.

    With ``pool`` the list per text is POOL_FACTOR x top_n long and unfiltered by
    min_score, for :func:`apply_specificity` to re-rank against the corpus.
    ``on_batch(offset, results)`` is called after each batch so callers can
    commit work as it is done (an interrupted run then loses at most a batch).
    """
    from sklearn.feature_extraction.text import CountVectorizer

    from concepts.model import keybert, sentence_model

    kb = keybert()
    model = sentence_model()
    keep = settings.top_n * (POOL_FACTOR if pool else 1)
    results: list[Keyphrases] = []
    for offset in range(0, len(texts), batch_size):
        batch = list(texts[offset : offset + batch_size])
        surfaces = [doc_candidates(t) for t in batch]
        out: list[Keyphrases] = [[] for _ in batch]
        vocab = sorted({k for s in surfaces for k in s})
        if vocab:
            per_doc = {t: list(s) for t, s in zip(batch, surfaces, strict=True)}
            vectorizer = CountVectorizer(analyzer=functools.partial(_analyze, per_doc), lowercase=False)
            vectorizer.fit(batch)
            words = list(vectorizer.get_feature_names_out())
            word_vecs = model.encode(words, batch_size=128, normalize_embeddings=True)
            doc_vecs = model.encode(batch, batch_size=16, normalize_embeddings=True)
            raw = kb.extract_keywords(
                batch, vectorizer=vectorizer, top_n=len(words), doc_embeddings=doc_vecs, word_embeddings=word_vecs
            )
            if len(batch) == 1:  # KeyBERT unwraps single-document results
                raw = [raw]
            index = {w: i for i, w in enumerate(words)}
            for d, (text, kws, surf) in enumerate(zip(batch, raw, surfaces, strict=True)):
                if not kws:
                    continue
                phrases = [k for k, _ in kws]
                scores = np.array(local_scores(text, [surf.get(p, p) for p in phrases], [s for _, s in kws]))
                vecs = word_vecs[[index[p] for p in phrases]]
                picked = mmr(scores, vecs, keep, settings.diversity)
                ranked = [(surf.get(phrases[i], phrases[i]), round(float(scores[i]), 4)) for i in picked]
                out[d] = ranked if pool else [(p, s) for p, s in ranked if s >= settings.min_score]
        if on_batch is not None:
            on_batch(offset, out)
        results.extend(out)
        if progress is not None:
            progress(len(batch))
    return results


def _analyze(per_doc: dict[str, list[str]], doc: str) -> list[str]:
    """CountVectorizer analyzer: the batch's precomputed candidates of ``doc``."""
    return per_doc.get(doc) or list(doc_candidates(doc))


def specificity(pools: Sequence[Keyphrases]) -> dict[str, float]:
    """Normalized inverse document frequency of each phrase over the corpus (0 = everywhere)."""
    from concepts.normalize import concept_key

    n = len(pools)
    df: Counter[str] = Counter()
    for pool in pools:
        df.update({concept_key(p) for p, _ in pool})
    if n <= 1:
        return {k: 1.0 for k in df}
    return {k: math.log(n / c) / math.log(n) for k, c in df.items()}


def apply_specificity(
    pools: Sequence[Keyphrases], settings: ExtractSettings, spec: dict[str, float] | None = None
) -> list[Keyphrases]:
    """Re-rank each document's pool with corpus specificity, then cut to top_n and min_score."""
    from concepts.normalize import concept_key

    spec = specificity(pools) if spec is None else spec
    out = []
    for pool in pools:
        rescored = [(p, round(s + W_SPECIFICITY * spec.get(concept_key(p), 1.0), 4)) for p, s in pool]
        rescored.sort(key=lambda t: -t[1])
        out.append([(p, s) for p, s in rescored[: settings.top_n] if s >= settings.min_score])
    return out

"""Candidate phrases: noun-phrase-like runs of content words.

Raw n-grams (what KeyBERT builds by default) run across punctuation and stop
words ("results show that", "model using"), which is why stock KeyBERT scores
poorly as a term extractor. We cut the text at punctuation and at function
words, common verbs and generic filler, and keep the remaining runs of 1-5
tokens as candidates. No tagger or downloaded model is needed.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

MAX_WORDS = 5

# tokens: words with inner hyphens/dots/plus ("self-attention", "v1.5", "C++"), numbers
_TOKEN = re.compile(r"[A-Za-z0-9\u00c0-\u024f](?:[A-Za-z0-9\u00c0-\u024f+]|[-./](?=[A-Za-z0-9]))*\+*|[^\sA-Za-z0-9]")
_NUMERIC = re.compile(r"^[\d.,%x\-+]+$")
_BOUNDARY_PUNCT = set(",;:.!?()[]{}\"'“”‘’/|=<>~*&^%$#@`")


@functools.lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Function words, frequent verbs and filler adjectives (concepts/data/stopwords.txt)."""
    text = resources.files("concepts.data").joinpath("stopwords.txt").read_text(encoding="utf-8")
    words = set()
    for line in text.split("\n"):
        line = line.split("#", 1)[0].strip()
        if line:
            words.update(line.lower().split())
    return frozenset(words)


@dataclass(frozen=True)
class Candidate:
    text: str  # surface form as written
    start: int  # token offset of its first word in the document (for position signals)


def tokenize(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _is_break(token: str, stop: frozenset[str]) -> bool:
    low = token.lower()
    if len(token) == 1 and token in _BOUNDARY_PUNCT:
        return True
    if not token[0].isalnum():
        return True
    if low in stop:
        return True
    if _NUMERIC.match(token):
        return True
    if low.endswith("ly") and len(low) > 4 and not token[0].isupper():  # adverbs
        return True
    return False


def candidates(text: str, max_words: int = MAX_WORDS) -> list[Candidate]:
    """All candidate phrases of ``text``, in order of first appearance, deduplicated by lower case."""
    stop = stopwords()
    tokens = tokenize(text)
    seen: set[str] = set()
    out: list[Candidate] = []
    run: list[tuple[int, str]] = []

    def flush() -> None:
        if not run:
            return
        words = run[-max_words:] if len(run) > max_words else run
        phrase = " ".join(w for _, w in words)
        low = phrase.lower()
        if low not in seen and len(phrase) > 1 and not (len(words) == 1 and len(phrase) < 3 and not phrase.isupper()):
            seen.add(low)
            out.append(Candidate(phrase, words[0][0]))
        run.clear()

    for i, tok in enumerate(tokens):
        if _is_break(tok, stop):
            flush()
        else:
            run.append((i, tok))
    flush()
    return out

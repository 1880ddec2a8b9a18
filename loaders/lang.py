"""Deterministic language detection by script, then by function words.

Abstracts are long enough that the writing system settles most cases (CJK,
Arabic, Cyrillic...). Within Latin script we compare the share of very common
function words per language. No model download, no randomness.
"""

from __future__ import annotations

import re

_SCRIPTS: list[tuple[str, re.Pattern[str]]] = [
    ("ja", re.compile(r"[\u3040-\u30ff]")),  # kana first: Japanese also uses Han
    ("ko", re.compile(r"[\uac00-\ud7af]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("ru", re.compile(r"[\u0400-\u04ff]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("hi", re.compile(r"[\u0900-\u097f]")),
]
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_FUNCTION_WORDS = {
    "en": "the of and to in is that for with on are we this as by be from an which",
    "de": "der die und das ist nicht mit von den zu ein eine auf für wir sich des",
    "fr": "le la les et des est que une pour dans sur nous du par pas qui",
    "es": "el la los las y de que en un una para con por del se es",
    "it": "il di che e la per un una non sono del della con nel",
    "pt": "o a os as e de que em um uma para com do da não",
    "nl": "de het een en van is dat op te voor met zijn niet",
}
_FW = {lang: set(words.split()) for lang, words in _FUNCTION_WORDS.items()}
_TOKEN = re.compile(r"[a-zà-ÿ]+")


def detect_language(text: str | None) -> str:
    """Return an ISO 639-1 code, or "und" when there is nothing to judge."""
    if not text:
        return "und"
    letters = _LETTER.findall(text)
    if not letters:
        return "und"
    n = len(letters)
    for code, pattern in _SCRIPTS:
        # a script owns the text when it is a fifth of its letters
        # (Chinese abstracts quote Latin names such as "ResNet" freely)
        if len(pattern.findall(text)) * 5 >= n:
            return code
    tokens = _TOKEN.findall(text.lower())
    if not tokens:
        return "und"
    best, best_share = "en", 0.0
    for lang, words in _FW.items():
        share = sum(t in words for t in tokens) / len(tokens)
        if share > best_share:
            best, best_share = lang, share
    return best

"""Author names: one key per person across name orders and initials.

``John Smith``, ``Smith, John``, ``Smith, John A.`` and ``J. Smith`` are one
author when the corpus has only one Smith whose given name starts with J; two
different given names (``John Smith``, ``Jane Smith``) stay two authors, and so
do initials that more than one full name could expand to. Nobody is merged on
a surname alone.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

_PARTICLES = {
    "van",
    "von",
    "der",
    "den",
    "de",
    "del",
    "della",
    "di",
    "da",
    "du",
    "la",
    "le",
    "ter",
    "ten",
    "dos",
    "bin",
}
_KEEP = re.compile(r"[^a-z ]+")


def last_first(last: str, first: str) -> str:
    """The ``Last, First`` spelling loaders use when a source gives the parts apart."""
    last, first = " ".join(last.split()), " ".join(first.split())
    if last and first:
        return f"{last}, {first}"
    return last or first


def display_name(name: str) -> str:
    """``Smith, John`` shown as ``John Smith``."""
    last, comma, first = name.partition(",")
    return f"{first.strip()} {last.strip()}".strip() if comma else name.strip()


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().replace("-", "").replace(".", " ")
    return " ".join(_KEEP.sub(" ", text).split())


def split_name(name: str) -> tuple[list[str], str]:
    """(given-name tokens, surname), folded to lowercase ASCII letters."""
    if "," in name:
        last, _, first = name.partition(",")
        return _fold(first).split(), _fold(last)
    raw = name.split()
    tokens = _fold(name).split()
    if not tokens:
        return [], ""
    # initials written after the surname ("Smith J", "Smith JA") are given names
    if len(raw) >= 2 and re.fullmatch(r"[A-Z]{1,3}\.?", raw[-1]) and not re.fullmatch(r"[A-Z]\.?", raw[0]):
        return tokens[1:], tokens[0]
    i = len(tokens) - 1
    while i > 0 and tokens[i - 1] in _PARTICLES:
        i -= 1
    return tokens[:i], " ".join(tokens[i:])


def author_key(name: str) -> str:
    """``surname, given`` (first given name in full, or its initial when that is all there is)."""
    given, surname = split_name(name)
    if not surname:
        return ""
    if not given:
        return surname
    return f"{surname}, {given[0]}"


def resolve_keys(names: Iterable[str]) -> dict[str, str]:
    """Map each name to its author key, expanding an initial to the one full given name
    in the corpus that fits it (and leaving it as an initial when none or several do)."""
    names = list(dict.fromkeys(names))
    keys = {n: author_key(n) for n in names}
    full: dict[tuple[str, str], set[str]] = defaultdict(set)
    for k in keys.values():
        surname, _, given = k.partition(", ")
        if len(given) > 1:
            full[(surname, given[0])].add(k)
    out = {}
    for n, k in keys.items():
        surname, _, given = k.partition(", ")
        if len(given) == 1 and len(full.get((surname, given), ())) == 1:
            k = next(iter(full[(surname, given)]))
        out[n] = k
    return out

"""Names a paper introduces, read from its title and abstract.

Corpora without reference lists (scraped listings, the founding documents)
still say who introduced what: a title that starts with a name ("EcoTTA: ...",
"Inception-v4, Inception-ResNet and ..."), or an abstract that proposes,
introduces or presents a named thing, or calls it something ("dubbed X",
"we call ... wide residual networks (WRNs)"). Each finding keeps the sentence
it came from, so every INTRODUCES edge can be checked by reading.

:func:`mention_pattern` then finds the name, and its variants ("ResNet-50",
"InceptionResNet-v2"), in other papers: the BUILDS_ON links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-+][A-Za-z0-9]+)*\+*")
_CAMEL = re.compile(r"[a-z][A-Z]|[A-Z]{2}|[A-Za-z]\d|\d[A-Za-z]|-[A-Z]|^[A-Z][a-z]+-[vV]?\d")
# words that start titles with a colon but are not names
_NOT_NAMES = {
    "review",
    "survey",
    "tutorial",
    "editorial",
    "overview",
    "introduction",
    "position",
    "perspective",
    "commentary",
    "erratum",
    "correction",
    "preface",
    "foreword",
    "keynote",
    "abstract",
    "note",
    "case study",
    "book review",
    "letter",
    "opinion",
}
_SUFFIX_NOT_NAME = re.compile(
    r"-(?:based|like|style|type|aware|free|driven|level|wise|specific|guided|only|scale|scaled)$", re.I
)
_STRONG = re.compile(r"[a-z][A-Z]|[A-Z]{2}|[A-Za-z]\d|\d[A-Za-z]")
_TRIGGER = re.compile(
    r"\b(?:(?:we|We)\s+(?:propose|introduce|present|develop|release)d|propose[s]?|introduce[s]?|present[s]?|"
    r"develop[s]?|release[s]?|dubbed|termed|named|called|coined|call)\b"
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])")
_FILLER = {"a", "an", "the", "novel", "new", "simple", "first", "our", "two", "three", "this", "these", "it", "them"}


@dataclass(frozen=True)
class Introduction:
    name: str
    evidence: str  # the title or the sentence that introduces it
    where: str  # "title" or "abstract"
    long_form: str | None = None  # the expansion given with an acronym name


def name_shaped(token: str) -> bool:
    """A token that reads as a proper name: inner capitals, digits, or all caps (ResNet, Med3D, BERT)."""
    if len(token) < 2 or _SUFFIX_NOT_NAME.search(token):
        return False
    return bool(_CAMEL.search(token))


@cache
def _common_words() -> frozenset[str]:
    from concepts.candidates import word_list

    return frozenset(word_list("general_words.txt")) | frozenset(word_list("stopwords.txt"))


def _title_names(title: str) -> list[str]:
    head, colon, _ = title.partition(":")
    head = re.sub(r"\s*\([^)]*\)\s*", " ", head).strip()  # "Big Transfer (BiT)"
    if colon and 0 < len(head.split()) <= 3 and head.lower() not in _NOT_NAMES:
        tokens = head.split()
        single = len(tokens) == 1
        if (single and (name_shaped(head) or (len(head) >= 4 and head.lower() not in _common_words()))) or (
            not single and any(_STRONG.search(t) and not _SUFFIX_NOT_NAME.search(t) for t in tokens)
        ):
            return [head]
    names = []  # a leading list of names: "Inception-v4, Inception-ResNet and the Impact of ..."
    for part in re.split(r",\s*|\s+and\s+", title):
        part = part.strip()
        if " " in part or not name_shaped(part):
            break
        names.append(part)
    return names if len(names) >= 1 and len(names) < len(re.split(r",\s*|\s+and\s+", title)) else []


def _name_after(text: str) -> str | None:
    """The name right after a trigger, past articles and adjectives ("a novel loss named X",
    "we introduce D2NWG, a ..."): one name-shaped token, with capitalized words directly
    before it that belong to it ("Poincaré ResNet")."""
    words = text.split()[:7]
    for i, w in enumerate(words):
        token = w.strip(",.;:\"'")
        if not token or token.startswith("("):
            return None
        if name_shaped(token) and _TOKEN.fullmatch(token):
            parts = [token]
            j = i - 1
            while j >= 0 and words[j][:1].isupper() and words[j] == words[j].strip(",.;:()") and len(parts) < 3:
                parts.insert(0, words[j])
                j -= 1
            return " ".join(parts)
        if not (token.lower() in _FILLER or token[:1].isupper() or token.endswith(("al", "ed", "ic", "ive", "ent"))):
            return None
    return None


def introduced_names(title: str | None, abstract: str | None) -> list[Introduction]:
    """What this paper introduces, title findings first; each name once.

    From the abstract, a name counts only where the sentence defines it (a trigger
    verb right before it) and no earlier sentence used it; established names
    (the type gazetteer's) and acronyms of lowercase terms ("named entity
    recognition (NER)") are not introductions.
    """
    from concepts.normalize import concept_key, find_acronyms
    from concepts.typing_rules import gazetteer_keys

    found: list[Introduction] = []
    if title:
        found += [Introduction(n, title, "title") for n in _title_names(title)]
    known = gazetteer_keys()
    seen_text = ""
    for sentence in _SENTENCE.split(abstract or ""):
        definitions = find_acronyms(sentence)
        for m in _TRIGGER.finditer(sentence):
            after = sentence[m.end() :]
            window = " ".join(after.split()[:12])
            acr = next((sf for sf in definitions if f"({sf})" in window or f"({sf}s)" in window), None)
            if acr is not None:
                long = definitions[acr]
                naming = m.group(0).lower() in ("call", "called", "named", "termed", "dubbed", "coined")
                if (
                    (long[:1].isupper() or naming)
                    and not {concept_key(acr), concept_key(long)} & known
                    and acr not in seen_text
                ):
                    found.append(Introduction(acr, sentence.strip(), "abstract", long))
                continue
            name = _name_after(after)
            if name and concept_key(name) not in known and name not in seen_text:
                found.append(Introduction(name, sentence.strip(), "abstract"))
        seen_text += " " + sentence
    out: list[Introduction] = []
    seen: set[str] = set()
    for f in found:
        k = compact(f.name)
        if k and k not in seen:
            seen.add(k)
            out.append(f)
    return out


def distinctive(name: str) -> bool:
    """Names safe to look for in other papers: name-shaped or several words, not one plain word."""
    return len(name.split()) > 1 or bool(_STRONG.search(name))


def compact(name: str) -> str:
    """Case-folded letters and digits only: 'Inception-ResNet' and 'InceptionResNet' agree."""
    return re.sub(r"[^0-9a-z]+", "", name.casefold())


_NAME_PART = re.compile(r"[A-Za-z]+|\d+")  # the parts a mention pattern joins, which its anchor picks from


def mention_anchor(name: str) -> str:
    """The longest part of ``name``, case-folded: every match of :func:`mention_pattern` contains it, so
    a case-folded text that lacks it need not be searched (a cheap test before thousands of regex searches)."""
    return max(_NAME_PART.findall(name), key=len, default="").casefold()


def mention_pattern(name: str) -> re.Pattern[str]:
    """A name and its variants in running text: separators optional between its parts, a
    plural 's', and a version suffix ("ResNet" finds "ResNets", "ResNet-50", "ResNet18")."""
    parts = _NAME_PART.findall(name)
    body = r"[\s\-]?".join(re.escape(p) for p in parts)
    flags = 0 if any(c.isupper() for c in name) else re.IGNORECASE
    return re.compile(rf"(?<![\w\-]){body}(?:s|(?:[\s\-]?v?\d+[\w.]*))?(?![\w])", flags)

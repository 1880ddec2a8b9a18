"""Candidate phrases: noun phrases found with a part-of-speech lexicon, no tagger model.

Raw n-grams (what KeyBERT builds by default) run across punctuation and stop
words ("results show that", "model using"), which is why stock KeyBERT scores
poorly as a term extractor. We cut the text at punctuation and function words,
then keep runs that look like noun phrases: modifiers (adjectives, nouns,
participles such as "supervised") followed by a noun head. Which parts of
speech a word can take comes from the lemminflect lexicon (shipped in its
wheel); words it does not know ("convolutional", "ResNet") are technical terms
and may be anything.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

from concepts.normalize import GREEK_NAMES, HEADING_MARKS, MARKUP_SCRIPT, section_heading, singular

MAX_WORDS = 5

# an abbreviation written with periods ("U.S.", "e.g."): its last period is part of it, not a sentence end,
# so "U.S. economy" is one phrase and a label keeps "U.S."
_DOTTED = r"(?:[A-Za-z]\.){2,}(?![A-Za-z0-9])|"
# tokens: words with inner hyphens/dots/plus ("self-attention", "v1.5", "C++"), an ion's charge ("Fe3+", "SO4²−",
# "SO42−"), numbers, punctuation
# Greek letters, which names hold ("α-synuclein", "TGF-β", "ε-greedy policy", "µ-opioid": the micro sign)
_GREEK_CHARS = "\u00b5\u0391-\u03a9\u03b1-\u03c9\u03d1\u03d5\u03f5"
# Latin letters with accents (not the signs × and ÷ that sit among them), Greek ones, and the ligatures
# text taken from PDFs keeps ("ﬁne-tuning")
_LATIN = "\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f" + _GREEK_CHARS + "\ufb00-\ufb06"
# sub- and superscript digits and signs inside a word: "CO₂", "m²", "10⁻³"
_SCRIPTS = "\u00b2\u00b3\u00b9\u2070-\u209f"
# an element with its oxidation state ("Zn(II)", "Fe(III)", "Cu(0)") is one word, as chemists read it
_OXIDATION = r"[A-Z][a-z]?\((?:[IV]{1,3}|VI{1,3}|0)\)(?![A-Za-z0-9])|"
# a chemical name's locants, commas and all: "1,2-epoxy-3-nitropropane", "2,4-D", "N,N-dimethylformamide"
_LOCANTS = r"(?:(?:\d+|[NOS])'*(?:,(?:\d+|[NOS])'*)+[-\u2010](?=[A-Za-z0-9(]))?"
# INSPEC's markup for sub- and superscripts, which its exports and the Inspec keyphrase set keep: "H/sub
# infinity/ control", "L/sub 2/ gain", "/sup 133/Cs nuclei", "P/sub 2/-property" (one word, as "CO₂" is)
_MARKUP = rf"[A-Za-z0-9]*(?:{MARKUP_SCRIPT})+[A-Za-z0-9]*(?:-[A-Za-z0-9]+)*|"
_TOKEN = re.compile(
    _MARKUP
    + _DOTTED
    + _OXIDATION
    + r"[CF]#(?![\w#])|"  # the languages C# and F#
    + _LOCANTS
    + rf"[A-Za-z0-9{_LATIN}](?:[A-Za-z0-9{_LATIN}{_SCRIPTS}+'’]|[-\u2010\u2011\u2013\u2212./](?=[A-Za-z0-9{_LATIN}]))*[+\u2212]*"
    + r"|[^\sA-Za-z0-9]"
)
# numbers, ranges and products as written: "10-6", "10−6" (a minus sign), "3x3", "3×3", "10⁻³"
_NUMERIC = re.compile(rf"^[\d.,%x\u00d7\-+\u2010\u2011\u2013\u2212{_SCRIPTS}]+$")
# a number with its unit written on ("5nm", "300kHz"; the unit is checked against units.txt) or in scientific
# notation ("1e-4"); "3D", "5G" and "4K" are names, and one-letter units are too ambiguous to tell from them
_GLUED = re.compile(r"^\d[\d.,]*(?:[eE][-+\u2212]?\d+|([A-Za-z\u00b5\u03bc\u03a9\u00c5]{2,4}))$")
_CAPITAL_UNITS = frozenset("KB MB GB TB PB MW GW TW MV KV FPS".split())
_BOUNDARY_PUNCT = set(",;:.!?()[]{}\"'“”‘’/|=<>~*&^%$#@`")


def _data_lines(name: str) -> list[list[str]]:
    """The lower-case words of each line of a list in concepts/data ('#' starts a comment)."""
    text = resources.files("concepts.data").joinpath(name).read_text(encoding="utf-8")
    return [line.split("#", 1)[0].lower().split() for line in text.split("\n")]


@functools.lru_cache(maxsize=16)  # every list in concepts/data, read once: the candidate loop asks for them per text
def word_list(name: str) -> frozenset[str]:
    """A whitespace-separated word list from concepts/data."""
    return frozenset(w for words in _data_lines(name) for w in words)


def stopwords() -> frozenset[str]:
    """Function words and frequent verbs: they end a phrase."""
    return word_list("stopwords.txt")


def units() -> frozenset[str]:
    """Units of measure ("nm", "kHz", "K"): after a number they end a phrase."""
    return word_list("units.txt")


def filler() -> frozenset[str]:
    """Filler adjectives ("novel", "various"): trimmed from the start of a phrase."""
    return word_list("filler.txt")


@functools.lru_cache(maxsize=1)
def filler_terms() -> frozenset[tuple[str, str]]:
    """Terms a filler word starts ("lower bound", "specific heat"): the filler and the next word, singular."""
    return frozenset((words[0], words[1]) for words in _data_lines("filler_terms.txt") if len(words) == 2)


def _last_part(word: str) -> str:
    """A hyphenated compound takes the tags and lemmas of its last part ("micro-cracks")."""
    return word.lower().rsplit("-", 1)[-1]


@functools.lru_cache(maxsize=200_000)
def _lemmas(word: str) -> dict[str, tuple[str, ...]]:
    """The lexicon's lemmas of ``word`` per universal POS tag (empty when unknown). Do not mutate."""
    from lemminflect import getAllLemmas

    low = _last_part(word)
    return getAllLemmas(low) if low.isalpha() else {}


@functools.lru_cache(maxsize=200_000)
def pos_tags(word: str) -> frozenset[str]:
    """Universal POS tags the lexicon allows for ``word`` (empty when unknown)."""
    return frozenset(_lemmas(word))


@functools.lru_cache(maxsize=50_000)
def _past_participle(word: str) -> bool:
    """An irregular past participle ("hidden", "written"), which the "-ed" test misses."""
    from lemminflect import getAllInflections

    low = _last_part(word)
    return any(low in getAllInflections(lemma).get("VBN", ()) for lemma in _lemmas(word).get("VERB", ()))


def _participle(word: str) -> bool:
    """A past participle, which can modify a noun: "supervised", "hidden"."""
    return pos_tags(word) == {"VERB"} and (word.lower().endswith("ed") or _past_participle(word))


def _noun_lemma(word: str) -> bool:
    """Whether a lemma of ``word`` is also a noun: its "-s" form may be a plural."""
    return any("NOUN" in pos_tags(lemma) for lemma in _lemmas(word).get("VERB", ()))


_MODIFIER = 1  # may stand before the head
_HEAD = 2  # may end the phrase
_LATE_HEAD = 4  # may end the phrase; alone only where it names an activity (gerunds: see _heads_alone)


# prefixes that derive words the lexicon lacks from words it knows: "pretrained", "reweighting", "nonconvex"
_PREFIXES = ("pre", "re", "un", "non", "co", "over", "under", "post", "mis")


@functools.lru_cache(maxsize=50_000)
def _unprefixed(token: str) -> str | None:
    """The participle or adjective under a prefix of an unknown lower-case word
    ("pretrained" -> "trained", "nonconvex" -> "convex"), else None.

    Only those: a noun or verb stem tells nothing new ("coreset" is a name, not a "reset"),
    and a derived gerund names a process on its own ("remeshing", "pretraining").
    """
    low = token.lower()
    if not low.isalpha() or not token[1:].islower():
        return None
    for prefix in _PREFIXES:
        rest = low[len(prefix) :]
        if low.startswith(prefix) and len(rest) >= 4:
            tags = pos_tags(rest)
            if tags and (rest.endswith("ed") or tags == {"ADJ"}):
                return rest
    return None


def word_role(token: str) -> int:
    """Bit set of roles a content word can play in a noun phrase (0: it breaks the phrase).

    A derived word the lexicon lacks plays the roles of its stem: "pretrained" is a
    participle, so "models pretrained on ImageNet" is no phrase of two words.
    """
    tags = pos_tags(token)
    if not tags and (stem := _unprefixed(token)):
        return word_role(stem)
    if not tags and _ADJECTIVE_ENDING.search(token):
        return _MODIFIER  # "scalable", "differentiable", "convolutional", "autoregressive": the lexicon lacks them
    if not tags and _ADVERB_ENDING.search(token):
        return 0  # "adaptively", "deterministically": adverbs the lexicon lacks end "laser pulses deterministically"
    if not tags or _inner_capitals(token):  # unknown words, acronyms, CamelCase names
        return _MODIFIER | _HEAD
    role = 0
    if tags & {"NOUN", "PROPN"}:
        role |= _MODIFIER | _HEAD
    if "ADJ" in tags:
        role |= _MODIFIER
    low = token.lower()
    if _participle(token):
        role |= _MODIFIER  # participles as modifiers: "supervised learning", "hidden layer"
    if tags == {"VERB"} and low.endswith("s") and _noun_lemma(token):
        role |= _MODIFIER | _HEAD  # plurals the lexicon knows only as verbs: "steels"; context tells verbs apart
    if tags == {"VERB"} and low.endswith("ing"):  # gerunds: "operating system", "cross selling"
        role |= _MODIFIER | _LATE_HEAD
        if "-" in low:
            role |= _HEAD  # a compound holds its own modifier: "fine-tuning", "decision-making" are terms alone
    if "-" in low:
        if _phrasal_noun(low):
            role |= _MODIFIER | _HEAD  # a phrasal verb made a noun: "trade-off", "plug-in", "add-on"
        elif tags == {"VERB"}:
            role |= _MODIFIER  # verbs joined to name a kind: "shift-reduce parser", "split-and-merge algorithm"
    return role


# the particles of phrasal verbs; the lexicon reads a compound by its last part, so "plug-in" is an adverb to it
_PARTICLES = frozenset("in on off out up down over around through back by away".split())


def _phrasal_noun(low: str) -> bool:
    """A verb and its particle: "plug-in", "built-in"; not a dash written as a hyphen ("processing-in particular")."""
    verb, _, particle = low.partition("-")
    return particle in _PARTICLES and not verb.endswith("ing") and "VERB" in pos_tags(verb)


# endings of English adverbs made from adjectives, in lower case ("stochastically", "noninvasively", "computably")
_ADVERB_ENDING = re.compile(
    r"^[a-z][a-z-]*[a-z](?:ally|ively|ously|ably|ibly|ately|ently|antly|arly|ingly|edly|fully|inely)$"
)
# endings of English adjectives (a lower-case word, or one capitalized only at its start, as a title writes it)
_ADJECTIVE_ENDING = re.compile(r"^[A-Za-z]?[a-z-]*[a-z](?:able|ible|ional|ival|ive)$")


def _inner_capitals(token: str) -> bool:
    """Capitals past the first letter that mark a name ("ResNet", "BERT", "Mask-RCNN"), not the title case
    of a hyphenated word ("Parameter-Efficient", "Few-Shot"), whose parts keep the lexicon's roles: a title's
    "Parameter-Efficient and Modular Transfer Learning" has no term "Parameter-Efficient"."""
    if not any(c.isupper() for c in token[1:]):
        return False
    return not all(part[1:].islower() and part[0].isalpha() for part in token.split("-") if part)


@dataclass(frozen=True)
class Candidate:
    text: str  # surface form as written
    start: int  # token offset of its first word in the document (for position signals)


# what no concept is made of: web addresses ("https://github.com/a/b", one broken at a slash by a line
# wrap, "github.com/a/b", "www.x.org"; a domain ends in letters, so "v1.5/v2" stays text) and citation
# keys a lost \cite left behind ("bordes2014semantic")
_NOT_TEXT = re.compile(
    r"https?://\S*/\s[\w.-]+(?:/[\w.-]+)+/?|https?://\S+|\bwww\.\S+|\b[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}/\S*"
    r"|\b[a-z]{2,}(?:19|20)\d\d[a-z]{2,}\b"
)


# a footnote mark after a word and its period: "discontent.2" ("H.264", "v1.5", "Web2.0" are names)
_FOOTNOTE = re.compile(r"^([a-z]{4,})\.\d{1,2}$")


# a function word in lower case after a hyphen at a word's end: a dash written as a hyphen ("control-for",
# "devices-the material"); "TREC-IS" is a name
_DASHED = re.compile(r"(.*[A-Za-z0-9])-(the|and|or|but|for|at|of|to|with|which|that|is|are|was|were)")


def _dash_split(token: str) -> tuple[str, ...]:
    """``token``, or its parts where it hides a dash, so the phrase ends there."""
    dashed = _DASHED.fullmatch(token) if "-" in token else None
    return (dashed[1], "-", dashed[2]) if dashed else (token,)


@functools.lru_cache(maxsize=1)
def _spelled_greek_prefix() -> re.Pattern[str]:
    """INSPEC's exports spell a Greek letter out and keep a space before its hyphen: "omega -automata",
    "gamma -acyclic database schemes", "Delta -coefficients" (for "ω-automata" ...)."""
    names = "|".join(sorted(GREEK_NAMES, key=len, reverse=True))
    return re.compile(rf"\b((?i:{names})) -(?=[A-Za-z])")


def _respaced(token: str, text: str) -> str:
    """A token that joined a spelled Greek letter to its hyphen, with the space the text has before it."""
    name, _, rest = token.partition("-")
    spaced = f"{name} -{rest}"
    return spaced if name.lower() in _GREEK_WORDS and spaced in text else token


def tokenize(text: str) -> list[str]:
    """Words, numbers and punctuation; a web address or citation key is a break ("|"), never a word."""
    joined, spelled = _spelled_greek_prefix().subn(r"\1-", text) if " -" in text else (text, 0)
    tokens = _TOKEN.findall(_NOT_TEXT.sub(" | ", joined))
    if spelled:  # one word, as "ω-automata" is, written as the text has it so that it is found there
        tokens = [_respaced(t, text) if "-" in t else t for t in tokens]
    if "-" in text:
        tokens = [part for token in tokens for part in _dash_split(token)]
    if "." not in text:
        return tokens
    out = []
    for token in tokens:
        note = _FOOTNOTE.match(token) if "." in token else None
        out.extend((note[1], ".") if note else (token,))
    return out


_GREEK_LETTER = re.compile(f"[{_GREEK_CHARS}]")
_OPERATOR = re.compile("[+\u2212=](?!$)|(?<=.{3})/")  # a slash in a short name is no division: "J/\u03c8"


def _formula(token: str) -> bool:
    """An equation written without spaces ("\u03bcFa\u03bc\u03bd+MFa\u03bc\u03bd", "\u03bcB2B2/4"): Greek letters
    with an operator inside, or many of them; a name holds one or two ("TGF-\u03b2", "SAFT-\u03b3", "\u0398+")."""
    greek = len(_GREEK_LETTER.findall(token))
    return greek >= 3 or (greek > 0 and bool(_OPERATOR.search(token)))


_CONTRACTION = re.compile(r"(\w+)'(?:ve|re|ll|d|m|s|t)")


def _is_break(token: str, stop: frozenset[str]) -> bool:
    low = token.lower().rstrip(".").replace("\u2019", "'")  # "e.g." is the stop word "e.g"
    if len(token) == 1 and token in _BOUNDARY_PUNCT:
        return True
    if _formula(token):
        return True
    if not token[0].isalnum() and not token.startswith(("/sub", "/sup")):
        return True
    if low in stop or _number(token):
        return True
    # a contraction of a function word ("we've", "they're", "it's", "doesn't") is one too
    contraction = _CONTRACTION.fullmatch(low)
    if contraction and (contraction[1] in stop or low.endswith("n't")):
        return True
    # words run together where a PDF lost its spaces ("fitnesswasassociatedwithlowerrisk"): no term
    return len(token) >= 30 and token.isalpha() and token.islower()


def _number(token: str) -> bool:
    """A number as written: "10-6", "3×3", "1e-4", or a quantity with its unit written on ("5nm")."""
    if _NUMERIC.match(token):
        return True
    glued = _GLUED.match(token)
    if not glued:
        return False
    unit = glued[1]
    # a unit in capitals is a model number's suffix ("SyncMaster 959NF"), unless it is written so ("2GB", "34FPS")
    return unit is None or unit.lower() in units() and (not unit.isupper() or unit in _CAPITAL_UNITS)


def _unit(tokens: list[str], i: int, unit_words: frozenset[str]) -> bool:
    """A unit of measure after a number or a degree sign: "5 nm thickness", "300 K temperature", "20 °C"."""
    if not i or tokens[i].lower() not in unit_words:
        return False
    prev = tokens[i - 1]
    return prev == "\u00b0" or _number(prev) and any(c.isdigit() for c in prev)


# Latin phrases that modify a term as one adjective does ("in situ measurements", "ab initio calculations");
# their first word is otherwise a function word that ends a phrase, leaving "situ measurements"
_LATIN_MODIFIERS = frozenset(
    tuple(pair.split())
    for pair in (
        "in situ",
        "in vivo",
        "in vitro",
        "in silico",
        "in utero",
        "in operando",
        "ex situ",
        "ex vivo",
        "ab initio",
        "de novo",
        "a priori",
        "a posteriori",
    )
)
_LATIN_ADVERBS = frozenset({("vice", "versa"), ("per", "se")})  # no part of a term
_LATIN_WORDS = frozenset(w for pair in _LATIN_MODIFIERS | _LATIN_ADVERBS for w in pair)


def _latin(tokens: list[str], i: int) -> int | None:
    """The role of a word of a Latin phrase: a modifier, or 0 (a break) in an adverb; None for other words."""
    low = tokens[i].lower()
    if low not in _LATIN_WORDS:  # cheap test first: a hot path
        return None
    for pair in (
        (tokens[i - 1].lower(), low) if i else None,
        (low, tokens[i + 1].lower()) if i + 1 < len(tokens) else None,
    ):
        if pair in _LATIN_MODIFIERS:
            return _MODIFIER
        if pair in _LATIN_ADVERBS:
            return 0
    return None


def _acronym(tokens: list[str], i: int) -> bool:
    """A function word in capitals amid ordinary text is an acronym: "IT security", "US market"."""
    token = tokens[i]
    if len(token) < 2 or not token.isalpha() or not token.isupper():
        return False
    near = [t for t in tokens[max(i - 2, 0) : i + 3] if t.isalpha() and t != token]
    return bool(near) and not any(t.isupper() for t in near)


def _joining_role(tokens: list[str], i: int, stop: frozenset[str], in_run: bool) -> int | None:
    """The role of a token that would break a phrase but here belongs to the term (None: it breaks)."""
    if _compound_based(tokens, i, stop):
        return _MODIFIER
    if in_run and _name_number(tokens, i):
        return _MODIFIER | _HEAD
    if in_run and _class_number(tokens, i, stop):
        return _MODIFIER
    if _ordinal_order(tokens, i, stop) or _stopword_term(tokens, i):
        return _MODIFIER
    if _acronym(tokens, i):
        return _context_role(tokens, i)
    if in_run and _noun_stopword(tokens, i, stop):
        return _MODIFIER | _HEAD
    return None


# stop words that a singular noun before them makes nouns: "land use", "information needs", "decision making",
# "internet addressing" (after a verb, a plural or a pronoun they are verbs: "models use", "the system needs to",
# "by making"); "use" and "making" also modify a noun after them ("land use planning")
_NOUN_STOPWORDS = frozenset({"use", "needs", "making", "addressing"})
_MODIFYING_STOPWORDS = frozenset({"use", "making"})
_AFTER_NOUN_STOPWORD = frozenset({"", ".", ",", ";", ":", ")", "and", "or", "of", "for", "in", "are", "were", "is"})


def _noun_stopword(tokens: list[str], i: int, stop: frozenset[str]) -> bool:
    """One of _NOUN_STOPWORDS heading or modifying a term after a singular noun."""
    low = tokens[i].lower()
    if low not in _NOUN_STOPWORDS or i == 0:
        return False
    prev = tokens[i - 1]
    if _is_break(prev, stop) or not word_role(prev) & _HEAD or _plural_noun(prev):  # an acronym too: "IP"
        return False
    nxt = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
    return nxt in _AFTER_NOUN_STOPWORD or low in _MODIFYING_STOPWORDS and "NOUN" in pos_tags(nxt)


@functools.lru_cache(maxsize=1)
def stopword_terms() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Term starts whose first word is a stop word ("least squares", "named entity"): stopword_terms.txt,
    as the words that follow each such stop word, so that the other stop words cost one lookup."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for words in _data_lines("stopword_terms.txt"):
        if len(words) >= 2:
            out.setdefault(words[0], []).append(tuple(words[1:]))
    return {first: tuple(rests) for first, rests in out.items()}


def _stopword_term(tokens: list[str], i: int) -> bool:
    """A stop word that starts a listed term ("least squares", "named entity recognition"), unless it is a
    verb or part of an adverb here ("we call graphs", "at least mean values") or a name in capitals follows
    it in lower case ("a model named Entity")."""
    rests = stopword_terms().get(tokens[i].lower())  # every stop word comes here: the lookup goes first
    if not rests or i and tokens[i - 1].lower() in _NOT_BEFORE_STOPWORD_TERM:
        return False
    nxt = tuple(singular(t.lower()) for t in tokens[i + 1 : i + 3])
    if not any(rest == nxt[: len(rest)] for rest in rests):
        return False
    return tokens[i + 1].islower() or tokens[i][0].isupper()


def _compound_based(tokens: list[str], i: int, stop: frozenset[str]) -> bool:
    """ "based" between two content words is a lost hyphen: "Lagrangian based heuristic" ("based on" is not)."""
    if tokens[i].lower() != "based" or i == 0 or i + 1 >= len(tokens):
        return False
    return not _is_break(tokens[i - 1], stop) and not _is_break(tokens[i + 1], stop)


def _name_number(tokens: list[str], i: int) -> bool:
    """A short integer after a name in capitals is part of it: "PASCAL VOC 2007 dataset", "SUN 4", "ResNet 50"."""
    prev = tokens[i - 1] if i else ""
    if not tokens[i].isdigit() or len(tokens[i]) > 4 or len(prev) < 2 or not prev.isalpha():
        return False
    return prev.isupper() or prev[0].isupper() and _inner_capitals(prev)  # "ResNet 50", not "pH 10"


_ORDINALS = frozenset("zeroth first second third fourth fifth higher".split())


def _ordinal_order(tokens: list[str], i: int, stop: frozenset[str]) -> bool:
    """An ordinal before "order" and a term is part of it: "first order phase transition", "second order
    statistics" (no "order statistics"), as "first-order" written with a hyphen is."""
    if tokens[i].lower() not in _ORDINALS or i + 2 >= len(tokens) or tokens[i + 1].lower() != "order":
        return False
    return not _is_break(tokens[i + 2], stop)


# words that number a class: "type 2 diabetes", "phase 3 trials", "stage 4 cancer", "level 1 cache"
_CLASS_WORDS = frozenset("type phase stage grade class level tier category".split())


def _class_number(tokens: list[str], i: int, stop: frozenset[str]) -> bool:
    """A small number after a class word, before the rest of a term, is part of it ("type 2 diabetes");
    with nothing after it, it is a reference ("Table 1", "in phase 2.")."""
    token = tokens[i]
    if not (token.isdigit() and len(token) <= 2) or i + 1 >= len(tokens) or tokens[i - 1].lower() not in _CLASS_WORDS:
        return False
    return not _is_break(tokens[i + 1], stop)


# a word that can be a verb is one after these (to, modals, subject pronouns) ...
_VERB_AFTER = frozenset(
    "to can could may might must shall should will would does did do we they it he she which who not also often "
    "has have had is are was were be been being "
    "then thus hence first".split()
)
# ... or before these (a determiner or a quantifier rarely follows a noun)
_VERB_BEFORE = frozenset(
    "the a an this these those its their our his her each every some any no multiple various numerous".split()
)
# a listed term's stop word after these is a verb's or an adverb's: "we call graphs", "at least mean values"
_NOT_BEFORE_STOPWORD_TERM = _VERB_AFTER | {"at", "i", "you"}
# a gerund the lexicon knows only as a verb, after these, heads a verb phrase: "for selecting regression
# tests", "by minimizing energy consumption"
_GERUND_AFTER = frozenset("for by when while without through after before upon via of in on".split())
# ... unless it names a field or a process, or describes ("in manufacturing firms", "of varying geometries")
_NOUN_GERUNDS = frozenset(
    "manufacturing machining queueing queuing rolling receding routing scheduling tracking mining networking "
    "caching computing engineering emerging varying interacting changing competing evolving".split()
)
# after these, "to" is a preposition and a noun follows: "approach to question answering", "applied to image data"
_TO_NOUN = frozenset(
    "applied application applications apply compared comparison related relation due according approach approaches "
    "solution solutions contribution contributions contribute contributes respect similar close equivalent "
    "extended extension extensions adapted adaptation transferred introduction attention prior".split()
)


def _preposition_to(tokens: list[str], i: int) -> bool:
    return i >= 2 and tokens[i - 1].lower() == "to" and tokens[i - 2].lower() in _TO_NOUN


_POSSESSIVE = re.compile(r"['’]s?$")


_AFTER_POSTPOSITIVE = frozenset({"to", "than"})
# adjectives the lexicon also knows as nouns that before "to" still describe the noun before them
_POSTPOSITIVE = frozenset(
    "relative equivalent invariant identical orthogonal parallel perpendicular opposite subject close specific "
    "resistant sensitive dependent susceptible immune".split()
)


def _postpositive(word: str) -> bool:
    """An adjective that follows its noun, as one before "to" or "than" does ("robust to noise", "larger than")."""
    low = word.lower()
    if low in _POSTPOSITIVE:
        return True
    tags = pos_tags(low)
    return "ADJ" in tags and "NOUN" not in tags


# after these an adjective with nothing after it is said of its subject: "was high.", "is very essential,"
_BEFORE_PREDICATE = frozenset(
    "is are was were be been being become becomes became remain remains remained seem seems seemed appear "
    "appears appeared very too so quite rather more less most least".split()
)


def _predicate_adjective(tokens: list[str], i: int) -> bool:
    """An adjective (also a noun to the lexicon: "high", "essential", "complex") ending a clause after a
    copula or a degree word; before a noun it is a modifier ("was high accuracy")."""
    if "ADJ" not in pos_tags(tokens[i]) or any(c.isupper() for c in tokens[i][1:]):  # "is NP-hard." names a class
        return False
    return i + 1 >= len(tokens) or _is_break(tokens[i + 1], stopwords())


def _context_role(tokens: list[str], i: int) -> int:
    """word_role, with verbs told from nouns by their neighbours where the lexicon cannot."""
    token = tokens[i]
    role = word_role(token)
    if role and i + 1 < len(tokens) and tokens[i + 1] in _AFTER_POSTPOSITIVE and _postpositive(token):
        return 0  # "features specific to cancer", "male fish relative to females": the adjective ends the term
    if (
        role
        and i
        and (tokens[i - 1].lower() in _BEFORE_PREDICATE or _adverb_modifier(tokens[i - 1], token))
        and _predicate_adjective(tokens, i)
    ):
        # "the yield was high.", "remains unknown", "is asymptotically stable.", "largely dependent on": an
        # adjective that ends its clause after a copula, a degree word or an adverb is said of a noun, no term
        return 0
    if not role and i + 1 < len(tokens) and _adverb_modifier(token, tokens[i + 1]):
        return _MODIFIER  # "weakly supervised learning", "fully connected layers"
    if not role and _verb_form_modifier(tokens, i):
        return _MODIFIER  # "the complete genome", "in parse trees"
    if not role and _verb_as_name(tokens, i):
        return _MODIFIER | _HEAD  # "a laser Doppler vibrometer"
    if (
        role
        and token == "near"
        and i
        and word_role(tokens[i - 1]) & _HEAD
        and not _is_break(tokens[i - 1], stopwords())
    ):
        return 0  # after a noun a preposition: "discretizations near equilibria"; "the near field" keeps it
    if role and "VERB" in pos_tags(token):
        prev = tokens[i - 1].lower() if i > 0 else ""
        nxt = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
        if prev in _ORDINALS and token.lower() == "order" and nxt not in _VERB_BEFORE:
            return role  # "first order logic": no verb after "first"
        if (prev in _VERB_AFTER and not _preposition_to(tokens, i)) or nxt in _VERB_BEFORE:
            return 0
        if verbal_gerund(token) and _gerund_after_preposition(tokens, i):  # cheap test first: a hot path
            return 0
        low = token.lower()
        third_person = low.endswith("s") and not low.endswith("ss")
        if prev == "that":
            # a relative clause after a noun: "a factor that influences growth", "factors that influence
            # growth"; after a verb "that" starts a clause whose subject this is: "we show that models ..."
            subject = tokens[i - 2] if i >= 2 else ""
            if not subject[:1].isalnum():  # "..., that means": a pronoun, as "this" is
                return 0 if third_person else role
            if subject.lower() in stopwords() or "NOUN" not in pos_tags(subject):
                return role
            return 0 if third_person or _plural_noun(subject) else role
        if third_person and (_plural_noun(prev) or prev == "this"):
            # a plural noun then a verb in -s: "features collapses", "cracks increases"; a singular
            # pronoun takes no plural noun: "This preserves language regularities"
            return 0
        if (
            third_person
            and pos_tags(token) == {"VERB"}
            and "NOUN" in pos_tags(prev)
            and i + 1 < len(tokens)
            and not _is_break(tokens[i + 1], stopwords())
        ):
            return 0  # a noun, then a word in -s the lexicon knows only as a verb, then its object: "X eases transfer"
        if verbal_gerund(token, any_verb=True) and _plural_noun(prev):
            return 0  # a plural noun then a participle: "communities serving women", "cameras lying"
        if _plain_adverb(prev) and not _adverb_modifier(prev, token):
            return 0  # an adverb before no adjective is a verb's: "efficiently replays entire scenes"
        if _plural_noun(prev) and (nxt in _VERB_ADVERBS or _plain_adverb(nxt) or nxt == "?") and not third_person:
            # a plural noun, a verb and its adverb or a question's end: "models transfer surprisingly well",
            # "Do ImageNet Models Transfer?"
            return 0
    return role


# no verb in its base form follows these: a word the lexicon knows only as one is an adjective or a noun here
_BEFORE_BASE_MODIFIER = frozenset("the a an in of with for on by from".split())


def _verb_form_modifier(tokens: list[str], i: int) -> bool:
    """A word the lexicon knows only as a verb in its base form, after a determiner or a preposition and before a
    noun, modifies it: "the complete monotonicity condition", "in complete genomes", "the log likelihood"."""
    if i == 0 or i + 1 >= len(tokens) or tokens[i - 1].lower() not in _BEFORE_BASE_MODIFIER:
        return False
    if not tokens[i].isalpha() or not _base_verb_only(tokens[i].lower()):
        return False
    return bool(word_role(tokens[i + 1]) & _HEAD) and not _is_break(tokens[i + 1], stopwords())


def _verb_as_name(tokens: list[str], i: int) -> bool:
    """A capitalized word the lexicon knows only as a verb in its base form, between two content words of which
    the first is in lower case, is a name, as no verb is capitalized amid a sentence: "laser Doppler vibrometer",
    "phase Doppler anemometry" (not "Divide and Conquer", "see Ref. 3")."""
    token = tokens[i]
    if i == 0 or i + 1 >= len(tokens) or not token.isalpha() or not token[:1].isupper() or not token[1:].islower():
        return False
    prev, stop = tokens[i - 1], stopwords()
    if not prev.isalpha() or not prev.islower() or prev in stop or _is_break(tokens[i + 1], stop):
        return False
    return _base_verb_only(token.lower())


def _base_verb_only(low: str) -> bool:
    """A word the lexicon knows only as a verb, in its base form ("complete", "log", "parse")."""
    return pos_tags(low) == {"VERB"} and low in _lemmas(low).get("VERB", ())


_COORDINATION = frozenset({",", "and", "or"})


def _gerund_after_preposition(tokens: list[str], i: int) -> bool:
    """After a preposition, or joined straight to a gerund after one: "for *selecting* regression
    tests", "on identifying, categorizing and *analyzing* X".

    Only gerunds with nothing between them count: in "by minimizing energy use and
    operating costs" the "and" joins two objects, and "operating costs" is a term.
    """
    j = i
    while True:
        if (j == i or tokens[j].lower().endswith("ing")) and j and tokens[j - 1].lower() in _GERUND_AFTER:
            return True
        if j < 2 or tokens[j - 1].lower() not in _COORDINATION or "VERB" not in pos_tags(tokens[j - 2]):
            return False
        j -= 2


# a gerund alone names an activity where a list or a clause goes on after it, or "of" gives its object
# ("filtering, smoothing and averaging", "scheduling of jobs"); before anything else it is a verb ("relying
# on", "owing to", "choosing the best")
_AFTER_LONE_GERUND = frozenset({",", ".", ";", ":", ")", "and", "or", "of", "is", "are", "was", "were", "has", "have"})


def _heads_alone(role: int, tokens: list[str], i: int, trimmed: bool) -> bool:
    """Whether a word may be a term alone: a noun, or a gerund where it names an activity ("filtering, smoothing",
    or "parsing" of "parsing results"); not a modifier that trimming left ("Empirical" of "Empirical results")."""
    if role & _HEAD:
        return True
    if not role & _LATE_HEAD:
        return False
    return trimmed or i + 1 >= len(tokens) or tokens[i + 1].lower() in _AFTER_LONE_GERUND


def verbal_gerund(token: str, any_verb: bool = False) -> bool:
    """An -ing form that acts as a verb here (``any_verb``: also one the lexicon knows as a noun too)."""
    low = token.lower()
    if not low.endswith("ing") or "-" in low or low in _NOUN_GERUNDS:
        return False
    tags = pos_tags(token)
    return "VERB" in tags if any_verb else tags == {"VERB"}


def _adverb_modifier(word: str, nxt: str) -> bool:
    """An -ly adverb before an adjective or participle is part of the term's modifier.

    Degree adverbs ("relatively", "previously") are in the filler list, so they are trimmed again.
    """
    tags = pos_tags(word)
    adverb = tags == {"ADV"} or not tags and bool(_ADVERB_ENDING.search(word))  # one the lexicon lacks too
    if not word.lower().endswith("ly") or not adverb:
        return False
    return (
        "ADJ" in pos_tags(nxt) or _participle(nxt) or nxt.lower() in _DESCRIBING_GERUNDS and word not in _WHEN_ADVERBS
    )


# present participles that describe a noun rather than act on one, after an adverb of manner: "randomly varying
# blur", "strongly interacting matter", "dynamically changing ontologies" (not "currently emerging family")
_DESCRIBING_GERUNDS = frozenset("varying interacting changing competing evolving emerging".split())
_WHEN_ADVERBS = frozenset("currently initially recently originally finally subsequently eventually partially".split())


# adverbs, not in -ly, that follow the verb they qualify: "networks transfer so poorly", "models generalize better"
_VERB_ADVERBS = frozenset("so well better worse poorly badly".split())


# adverbs that point at a noun as readily as at a verb: "particularly Types", "nearly real-time", "exactly zero"
_FOCUS_ADVERBS = frozenset(
    "particularly especially specifically notably namely mainly mostly largely primarily chiefly partly entirely "
    "purely merely solely only nearly almost exactly approximately roughly typically usually generally".split()
)


def _plain_adverb(word: str) -> bool:
    """An -ly word the lexicon knows only as an adverb ("efficiently", "surprisingly"), and not one of focus."""
    return word.endswith("ly") and word not in _FOCUS_ADVERBS and pos_tags(word) == {"ADV"}


def _plural_noun(word: str) -> bool:
    """A noun in a plural form ("features"; not "physics", whose lemma is itself)."""
    last = _last_part(word)
    lemmas = _lemmas(word).get("NOUN", ()) if last.endswith("s") else ()
    return bool(lemmas) and last not in lemmas


_TRAILING = frozenset({"results", "result"})  # "simulation results" names the simulation
# adjectives that follow their noun only to say something of it ("the techniques known", "the shortest time
# possible", "values corresponding"): over the dev sets no phrase ending in one is gold, and 13 without it are
_POSTPOSITIVE_ENDS = frozenset(
    "known well-known possible corresponding simple necessary superior best reliable small valid common good "
    "promising emerging inevitable specific clear varying involving incorporating surrounding".split()
)


def _said_of_it(words: list[str]) -> bool:
    """A phrase's last word is an adjective said of the rest, or an adverb left by trimming one."""
    last = words[-1].lower()
    return last in _POSTPOSITIVE_ENDS or last.endswith("ly") and pos_tags(last) == {"ADV"}


_SENTENCE_END = frozenset(".!?:;")


# the keyword headings of ACM and IEEE papers, which scraped abstracts keep: "General Terms Algorithms,
# Design Keywords: ...", "Index Terms—deep learning"
_TERMS_HEADINGS = frozenset({("General", "Terms"), ("Index", "Terms")})


def _section_label(tokens: list[str], i: int) -> bool:
    """A heading of a structured or scraped abstract, which ends a phrase instead of starting one."""
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
    prev = tokens[i - 1] if i else ""
    if (tokens[i], nxt) in _TERMS_HEADINGS or (prev, tokens[i]) in _TERMS_HEADINGS:
        return True
    if tokens[i] == "Keywords" and nxt in HEADING_MARKS:  # a keyword list mid-text ("..., Design Keywords:")
        return True
    return section_heading(tokens[i], nxt, not i or prev in _SENTENCE_END)


_GRADES = frozenset({"high", "low"})


def _grade(words: list[str]) -> bool:
    """ "high" or "low" before a measure (a metric head in types.json: "high accuracy", "low error
    rates") grades it; before anything else it makes a term ("high temperature", "low power")."""
    if words[0].lower() not in _GRADES:
        return False
    return singular(words[-1].lower()) in _metric_heads()


@functools.lru_cache(maxsize=1)
def _metric_heads() -> frozenset[str]:
    from concepts.typing_rules import rules  # lazily: typing_rules uses this module's lexicon

    return frozenset(rules()["heads"]["metric"])


# Greek letters spelled out, as plain-text abstracts write their variables ("the relaxation rates lambda",
# "exponent beta"); before a noun they name a thing ("beta decay", "gamma rays") and stay
_GREEK_WORDS = frozenset(GREEK_NAMES)


def _spelled_variable(words: list[str]) -> bool:
    """A Greek letter's name ending a phrase or standing alone is a variable, unless a person's name owns it
    ("Cronbach's alpha", "Cohen's kappa")."""
    if words[-1] not in _GREEK_WORDS:
        return False
    return len(words) == 1 or not _POSSESSIVE.search(words[-2])


def _variable(word: str) -> bool:
    """A one-letter variable: "m", "t", or any Greek letter ("\u03b8", "\u03a8")."""
    return len(word) == 1 and (word.islower() or bool(_GREEK_LETTER.match(word)))


# words a capital letter names a member of: "vitamin D", "hepatitis B", "type A", "protein kinase C"
_LETTERED = _CLASS_WORDS | frozenset("vitamin hepatitis influenza protein kinase factor group".split())


def _trailing_variable(words: list[str]) -> bool:
    """A capital letter after a word in lower case ends no term: "graph G", "subspace V", "load resistance R"
    name a variable; "Mac OS X" and "vitamin D" keep their letter."""
    last, before = words[-1], words[-2]
    if _marked_variable(last):  # "critical point x/sub c/", "Jacobi polynomials P/sub n/"
        return before[:1].islower()
    return len(last) == 1 and last.isupper() and before[:1].islower() and before.lower() not in _LETTERED


# a letter or number with sub- and superscripts the way Inspec writes them ("x/sub c/", "n/sup 2/", "/sup d/")
_MARKED_VARIABLE = re.compile(rf"(?:[A-Za-z]{{0,2}}|\d+[a-z]?)(?:{MARKUP_SCRIPT})+")
_MARKED_FORMULA = re.compile(r"[A-Z][a-z]?/sub\s?\d+\s?/")  # "O/sub 2/", "Si/sub 20/"


def _marked_variable(word: str) -> bool:
    """A variable written with its sub- or superscript: "x/sub ij/", "K/sub n,n/", "/sup m,l/" name no
    concept of their own, but "L/sub 2/ gain" and the formula "N/sub 2/" do."""
    return bool(_MARKED_VARIABLE.fullmatch(word)) and not _MARKED_FORMULA.fullmatch(word)


_SENTENCE_END_TOKENS = frozenset('.!?:;"“”')


def _eponym(tokens: list[str], i: int) -> bool:
    """A person's name in the possessive that names a thing after them: "Alzheimer's disease", "Newton's
    method", "Bayes' theorem". A capitalized owner the lexicon lacks is a name; one it knows ("Student",
    "Newton") counts where it is capitalized mid-sentence, not where a sentence starts ("Today's")."""
    token = tokens[i]
    if not token.endswith(("'s", "’s", "s'", "s’")):  # a closing quote ("'Fisher'") is no possessive
        return False
    owner = _POSSESSIVE.sub("", token)
    if len(owner) < 3 or not owner.isalpha() or not owner[0].isupper() or not owner[1:].islower():
        return False
    if not pos_tags(owner):
        return True
    return i > 0 and tokens[i - 1] not in _SENTENCE_END_TOKENS


def _names_a_thing(after: list[tuple[int, str, int]]) -> bool:
    """Whether the one or two words after a possessive name end in a head it names ("'s disease",
    "'s exact test"), listed in eponym_heads.txt."""
    heads = word_list("eponym_heads.txt")
    return any(role and _last_part(w) in heads for _, w, role in after)


def _phrases(
    run: list[tuple[int, str, int]], max_words: int, eponyms: frozenset[int] = frozenset()
) -> list[tuple[int, list[str]]]:
    """Split a run of content words into noun phrases: modifiers* head, heads kept maximal.

    ``eponyms`` are the token indices of possessives that start a term (:func:`_eponym`).
    """
    out: list[tuple[int, list[str]]] = []
    current: list[tuple[int, str, int]] = []

    def close() -> None:
        # trim trailing words that cannot be a head
        while current and not current[-1][2] & (_HEAD | _LATE_HEAD):
            current.pop()
        if current:
            words = [w for _, w, _ in current][-max_words:]
            out.append((current[-len(words)][0], words))
        current.clear()

    for k, (i, w, role) in enumerate(run):
        if role == 0:
            close()
            continue
        if i in eponyms and _names_a_thing(run[k + 1 : k + 3]):  # "Alzheimer's disease": the name modifies
            current.append((i, w, _MODIFIER))
            continue
        if _POSSESSIVE.search(w):  # "today's economy": the owner ends a phrase
            current.append((i, _POSSESSIVE.sub("", w), role))
            close()
            continue
        current.append((i, w, role))
    close()
    return out


def _filler_names(tokens: list[str], fill: frozenset[str], stop: frozenset[str]) -> set[tuple[str, str]]:
    """Word pairs where a filler word in capitals starts a name amid lower-case text ("tests of the
    Standard Model"): the filler is part of the name wherever it recurs. A title in
    title case ("Towards a Novel Approach") has no lower-case content word before it."""
    out = set()
    for i in range(1, len(tokens) - 1):
        word, nxt = tokens[i], tokens[i + 1]
        if not word[0].isupper() or not nxt[0].isupper() or word.lower() not in fill:  # cheapest tests first
            continue
        if any(t.isalpha() and t.islower() and t not in stop for t in tokens[max(i - 4, 0) : i]):
            # "from New Jersey's communities" names New Jersey where the title writes it bare
            out |= {(word, nxt), (word, _POSSESSIVE.sub("", nxt))}
    return out


def _defined_acronym_before(tokens: list[str], i: int, stop: frozenset[str]) -> bool:
    """An acronym defined in parentheses right before a lower-case noun names that noun's kind: "asynchronous
    transfer mode (ATM) networks" holds "ATM networks"."""
    if i < 4 or tokens[i - 1] != ")" or tokens[i - 3] != "(" or not tokens[i][:1].islower():
        return False
    short = tokens[i - 2]
    if not 2 <= len(short) <= 10 or not short[:1].isupper() or sum(c.isupper() for c in short) < 2:
        return False
    return short.replace("-", "").isalnum() and not _is_break(tokens[i - 4], stop)


_QUOTES = frozenset({'"', "'", "\u2018", "\u2019", "\u201c", "\u201d"})


def _inner_quotes(tokens: list[str], stop: frozenset[str]) -> set[int]:
    """Quote marks around words that modify a noun after them ('"learner centered" approach', 'P2P-like
    "bandwidth harvesting" technology'): no part of the term, nor its end. Quotes around a term's end ('the term
    "python" is') still end it."""
    # an apostrophe before a lone "s" is a possessive's, as tokenized text writes it ("Chomsky 's program")
    marks = [t in _QUOTES and not (k + 1 < len(tokens) and tokens[k + 1].lower() == "s") for k, t in enumerate(tokens)]
    out: set[int] = set()
    closing = -1
    for i in range(len(tokens)):
        if not marks[i] or i <= closing:
            continue
        for j in range(i + 2, min(i + 6, len(tokens))):
            if marks[j]:
                closing = j
                nxt = tokens[j + 1] if j + 1 < len(tokens) else ""
                if nxt and not _is_break(nxt, stop) and (not pos_tags(nxt) or "NOUN" in pos_tags(nxt)):
                    out |= {i, j}
                break
    return out


def candidates(text: str, max_words: int = MAX_WORDS) -> list[Candidate]:
    """All candidate phrases of ``text``, in order of first appearance, deduplicated by lower case.

    A phrase also written all in lower case takes that spelling.
    """
    stop = stopwords()
    fill = filler()
    unit_words = units()
    terms = filler_terms()
    tokens = tokenize(text)
    named = _filler_names(tokens, fill, stop)
    eponyms = frozenset(i for i in range(len(tokens)) if _eponym(tokens, i))
    seen: dict[str, int] = {}  # lower case -> index in out
    out: list[Candidate] = []
    run: list[tuple[int, str, int]] = []
    prefixed: set[int] = set()  # acronyms moved to the start of the phrase after their parentheses

    def leading_noise(words: list[str]) -> bool:
        """Filler ("novel"), unless it starts a name here ("Standard Model"), or a one-letter
        variable ("a priori" is none), or a grade of a measure ("high accuracy"; but "high temperature" is a term)."""
        if len(words) > 1 and (
            _variable(words[0]) and (words[0], words[1].lower()) not in _LATIN_MODIFIERS or _grade(words)
        ):
            return True
        first = words[0].lower()
        if first not in fill or len(words) > 1 and (words[0], words[1]) in named:
            return False
        return len(words) == 1 or (first, singular(words[1].lower())) not in terms

    def flush() -> None:
        found = []
        roles = {i: role for i, _, role in run}
        after = {i: run[k + 1][0] for k, (i, _, _) in enumerate(run[:-1])}  # a prefixed acronym or quote leaves a gap
        for start, words in _phrases(run, max_words, eponyms):
            # sub-phrases as extra candidates were measured and lose: ranking gets harder
            # faster than recall grows (bench/tune_keyphrases.py)
            # filler and one-letter variables ("m machine tools", "temperature t", "graph G") are not part of a term
            whole = len(words)
            while words and leading_noise(words):
                words, start = words[1:], after.get(start, start + 1)
            while len(words) > 1 and (
                _variable(words[-1])
                or words[-1].lower() in _TRAILING
                or _spelled_variable(words)
                or _trailing_variable(words)
                or _said_of_it(words)
            ):
                words = words[:-1]
            if (
                words
                and not _spelled_variable(words)
                and not (len(words) == 1 and (_said_of_it(words) or _marked_variable(words[0])))
                and (len(words) > 1 or _heads_alone(roles[start], tokens, start, whole > 1))
            ):
                found.append((start, words))
                if start in prefixed and len(words) > 1:  # "ATM networks", and "networks" as the text has it
                    rest = after[start]
                    if len(words) > 2 or _heads_alone(roles[rest], tokens, rest, True):
                        found.append((rest, words[1:]))
        for start, words in found:
            phrase = " ".join(words)
            low = phrase.lower()
            if low in seen:
                k = seen[low]
                if phrase == low and out[k].text != low:
                    # written in lower case too: the first spelling's capitals were the title's or a
                    # sentence's ("Knowledge Distillation"), not the name's
                    out[k] = Candidate(phrase, out[k].start)
                continue
            if len(phrase) < 2 or len(words) == 1 and len(phrase) < 3 and not phrase.isupper():
                continue
            seen[low] = len(out)
            out.append(Candidate(phrase, start))
        run.clear()

    quoted = _inner_quotes(tokens, stop)
    for i, tok in enumerate(tokens):
        if _section_label(tokens, i) or _unit(tokens, i, unit_words):
            flush()
            continue
        if i in quoted:
            continue  # '"learner centered" approach': quotes inside a term are no part of it
        role = _latin(tokens, i)
        if role is None:
            role = _context_role(tokens, i) if not _is_break(tok, stop) else _joining_role(tokens, i, stop, bool(run))
        if role is None:
            flush()
        else:
            if not run and role & _HEAD and _defined_acronym_before(tokens, i, stop):
                run.append((i - 2, tokens[i - 2], _MODIFIER))  # "asynchronous transfer mode (ATM) networks"
                prefixed.add(i - 2)
            run.append((i, tok, role))
    flush()
    return out

"""One key per concept: case, plural/singular and hyphen/space variants collapse,
and acronyms defined in the text ("Vision Transformer (ViT)") merge with their
expansion.

The key is what the graph uses as node identity; every surface form seen is
kept as an alias so nothing the author wrote is lost.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

_SEP = re.compile(r"[\s\-_/‐-―]+")
_KEEP = re.compile(r"[^0-9a-z+#. ]")
_OWNER = re.compile(r"(?<=[A-Za-z])['’]s?$")
# Greek letters spelled out, as authors also write them: "α-synuclein" is "alpha-synuclein", "TGF-β"
# "TGF-beta", "ε-greedy" "epsilon-greedy" (the key would otherwise drop the letter)
GREEK_NAMES = (
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma sigma tau "
    "upsilon phi chi psi omega"
).split()
_GREEK = {
    **{0x3B1 + i: name for i, name in enumerate(GREEK_NAMES)},  # α to ω, final sigma ς included
    **{0x391 + i: name for i, name in enumerate(GREEK_NAMES) if i != 17},  # Α to Ω (no capital final sigma)
    0x3D1: "theta",
    0x3D5: "phi",
    0x3F5: "epsilon",
}
_UNCOUNTABLE = {
    "series",
    "species",
    "news",
    "physics",
    "mathematics",
    "statistics",
    "analytics",
    "robotics",
    "semantics",
    "dynamics",
    "linguistics",
    "genomics",
    "economics",
    "kinetics",
    "ethics",
    "optics",
    "graphics",
    "logistics",
    "mechanics",
    "diagnosis",
    "analysis",
    "basis",
    "thesis",
    "hypothesis",
    "synthesis",
    "axis",
    "corpus",
    "status",
    "bus",
    "focus",
    "consensus",
    "virus",
    "bias",
    "gas",
    "lens",
    "chaos",
    "alias",
    "atlas",
    "canvas",
    "plus",
    "less",
    "loss",
    "class",
    "glass",
    "mass",
    "process",
    "access",
    "success",
    "progress",
    "address",
    "stress",
    "express",
    "means",
    "across",
    "this",
    "is",
    "was",
    "has",
    "does",
    "its",
    "us",
    "yes",
    "always",
    "perhaps",
    "whereas",
    # names that end in s and are no plural: "naive Bayes", "Navier-Stokes", "Metropolis-Hastings"
    "bayes",
    "stokes",
    "hastings",
    "reynolds",
    "jones",
    "adams",
    "hopkins",
    "williams",
    "davies",
    "hodges",
    "wilks",
    "kubernetes",
}
_IRREGULAR = {
    "analyses": "analysis",
    "hypotheses": "hypothesis",
    "syntheses": "synthesis",
    "bases": "basis",
    "theses": "thesis",
    "diagnoses": "diagnosis",
    "indices": "index",
    "matrices": "matrix",
    "vertices": "vertex",
    "criteria": "criterion",
    "phenomena": "phenomenon",
    "data": "data",
    "children": "child",
    "people": "person",
    "men": "man",
    "women": "woman",
    "corpora": "corpus",
    "leaves": "leaf",
    "halves": "half",
    "lives": "life",
    "radii": "radius",
    "foci": "focus",
    "schemata": "schema",
    "taxa": "taxon",
    "appendices": "appendix",
    "crises": "crisis",
    "axes": "axis",
    "spectra": "spectrum",
    "maxima": "maximum",
    "minima": "minimum",
    "optima": "optimum",
    "nuclei": "nucleus",
    "stimuli": "stimulus",
    "fungi": "fungus",
    "loci": "locus",
    "bacteria": "bacterium",
}
# singulars ending in s whose plural adds -es: "gases" is "gas", not "gase" (most -ses words are -se + s:
# "cases", "phases", "databases", so this is a list, not a rule)
_ES_PLURALS = frozenset(
    "alias atlas bias canvas gas bus bonus campus census consensus focus nexus sinus status syllabus virus"
    " thesaurus apparatus plexus lens iris".split()
)
_SPELLING = {  # British -> American, for common forms the rules below do not cover
    "grey": "gray",
    "ageing": "aging",
    "programme": "program",
    "programmes": "programs",
    "defence": "defense",
    "licence": "license",
    "offence": "offense",
    "catalogue": "catalog",
    "catalogues": "catalogs",
    "dialogue": "dialog",
    "dialogues": "dialogs",
    "analogue": "analog",
    "analogues": "analogs",
    "aluminium": "aluminum",
    "artefact": "artifact",
    "artefacts": "artifacts",
    "judgement": "judgment",
    "judgements": "judgments",
    "manoeuvre": "maneuver",
    "manoeuvres": "maneuvers",
    "mould": "mold",
    "moulds": "molds",
    "moulding": "molding",
    "tyre": "tire",
    "tyres": "tires",
    "diarrhoea": "diarrhea",
    "dyspnoea": "dyspnea",
    "apnoea": "apnea",
    "coeliac": "celiac",
}
_ISATION = re.compile(r"(?<=[a-z]{3})isation(s?)$")
_ISE = re.compile(r"(?<=[a-z]{3})is(e|ed|er|ers|ing)$")
# -our words, by their stems (not "four", "hour", "tour", "contour", "flour", "glamour"): "tumour", "unfavourable"
_OUR = re.compile(
    r"(col|behavi|neighb|fav|hon|lab|harb|hum|flav|rum|tum|vap|od|vig|rig|val|arm|clam|endeav|parl|savi|splend"
    r"|ard|cand|ferv|sav|demean|ranc)our"
)
# -re words that are -er in American ("fibre", "micrometre", "centred"; not "acre", "genre", "ogre", "massacre")
_TRE = re.compile(r"(cent|met|lit|fib|theat|spect|calib|lust|sab|somb|meag|mit|nit|scept)re(s|d)?$")
# -yse verbs ("catalysed"; not the plural "analyses", which singular() reads as "analysis")
_YSE = re.compile(r"(anal|catal|paral|hydrol|electrol|dial|photol|pyrol|autol|hemol)ys(e|ed|ing|er|ers)$")
# a doubled l before a suffix ("travelled", "cancelling", "modeller")
_LL = re.compile(
    r"(travel|model|label|signal|cancel|fuel|level|tunnel|channel|counsel|funnel|marshal|pedal|total|equal|dial|jewel"
    r"|panel|rival|spiral|quarrel|marvel|parcel|pencil|shovel|initial)l(ed|ing|er|ers)$"
)
# the ae and oe of medical Greek ("haemorrhage", "leukaemia", "oesophagus", "paediatric", "foetal")
_AE = re.compile(r"haem|anaem|paed|leukaem|aetiol|gynaec|ischaem|oedem|oesophag|oestr|foet|sulph|(?<=[a-z])aemi(?=a|c)")
_AE_AMERICAN = {
    "haem": "hem", "anaem": "anem", "paed": "ped", "leukaem": "leukem", "aetiol": "etiol", "gynaec": "gynec",
    "ischaem": "ischem", "oedem": "edem", "oesophag": "esophag", "oestr": "estr", "foet": "fet", "sulph": "sulf",
    "aemi": "emi",
}  # fmt: skip


def singular(word: str) -> str:
    """Rule-based singular of one lower-case English word (no dictionary needed)."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or word in _UNCOUNTABLE or not word.isalpha():
        return word
    if word.endswith(("ss", "us", "is", "ics", "ous")):
        return word
    if word.endswith("es") and word[:-2] in _ES_PLURALS:
        return word[:-2]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("'s"):
        return word[:-1]
    return word


def american(word: str) -> str:
    """American spelling of a British word (-ise, -isation, -our, -re, -yse, -lled, ae/oe, listed forms);
    other words unchanged, so both spellings of a concept share one key."""
    if word in _SPELLING:
        return _SPELLING[word]
    word = _ISATION.sub(r"ization\1", word)
    m = _ISE.search(word)
    if m and word not in _ISE_WHOLE and not _KEEPS_ISE.search(word) and not word[: m.start() + 2].endswith(_ISE_WORDS):
        word = _ISE.sub(r"iz\1", word)
    word = _AE.sub(lambda m: _AE_AMERICAN[m[0]], word)  # first: "haemolysed" is "hemolysed" for _YSE
    word = _OUR.sub(r"\1or", word)
    word = _TRE.sub(lambda m: m[1] + "er" + (m[2] or "").replace("d", "ed"), word)
    word = _YSE.sub(r"\1yz\2", word)
    return _LL.sub(r"\1\2", word)


# -ise words that are no British -ize verbs, by the letters before "ise": (un)supervised, advise, revise,
# pairwise, (de)noise, raise, disguise, precise, exercise, comprise, surprise, enterprise ...
_KEEPS_ISE = re.compile(r"(?:[vwoauc]|rpr|mpr)is(?:e|ed|er|ers|ing|or|ors)$")
# ... and by the word before the ending, whatever its prefix ("compromise", "unpromising"); "rise" and "arise"
# only as whole words, since "summarise" and "polarise" end so too
_ISE_WORDS = (
    "promis", "premis", "demis", "surmis", "repris", "chastis", "despis",
    "expertis", "advertis", "treatis", "paradis", "merchandis", "franchis",
)  # fmt: skip
_ISE_WHOLE = frozenset({"rise", "rised", "rising", "arise", "arising", "sunrise"})


_ACRONYM_PLURAL = re.compile(r"^([A-Z][A-Za-z0-9]*[A-Z0-9])s$")


# INSPEC's sub- and superscript markup ("O/sub 2/", "/sup 133/Cs"): the script is part of its word, as in "O₂";
# the tokenizer reads it as part of a word too (concepts.candidates)
MARKUP_SCRIPT = r"/su[bp]\s?[^/\s]{1,12}\s?/"
_MARKUP_SCRIPT = re.compile(MARKUP_SCRIPT)


def _script(markup: re.Match[str]) -> str:
    """The script a piece of markup stands for: "/sub 2/" is "2", "/sub infinity /" is "infinity"."""
    return markup[0][len("/sub") :].strip().rstrip("/").strip()


def concept_key(surface: str) -> str:
    """The identity of a concept: 'Vision-Transformers' and 'vision transformer' share one key."""
    text = unicodedata.normalize("NFKD", _MARKUP_SCRIPT.sub(_script, surface)).strip()
    text = "".join(c for c in text if not unicodedata.combining(c))  # Poincaré == Poincare
    text = text.translate(_GREEK)
    tokens = _SEP.split(text)
    if tokens and _ACRONYM_PLURAL.match(tokens[-1]):  # "CNNs" -> "CNN", "ViTs" -> "ViT"
        tokens[-1] = tokens[-1][:-1]
    # a name's possessive is the name: "Alzheimer's disease" is "Alzheimer disease", "Bayes' theorem" "Bayes theorem"
    tokens = [_OWNER.sub("", t) if len(t) > 3 else t for t in tokens]
    words = [_KEEP.sub("", t.lower()).rstrip(".") for t in tokens]  # "U.S." is "U.S"
    words = [american(w) for w in words if w]
    if words and not _acronym_in_s(tokens):
        words[-1] = singular(words[-1])
    return " ".join(words)


def _acronym_in_s(tokens: list[str]) -> bool:
    """A last word in capitals is an acronym whose S is its own ("AIDS", "SARS", "GPS"), not a plural: "AIDS"
    is no "aid", "SARS" no "SAR". In a title set in capitals ("NEURAL NETWORKS") a plural is a plural."""
    last = tokens[-1]
    if not (2 <= len(last) <= 5 and last.isalpha() and last.isupper() and last.endswith("S")):
        return False
    from concepts.candidates import pos_tags  # lazily: candidates imports this module

    return not any(t.isalpha() and t.isupper() and pos_tags(t) for t in tokens[:-1])


# ---- acronyms (Schwartz & Hearst 2003) ---------------------------------------------

_PAREN = re.compile(r"\(([^()]{1,12})\)")
_SHORT_FORM = re.compile(r"^[A-Za-z][A-Za-z0-9\-]*[A-Za-z0-9]s?$")


def _match_long_form(short: str, words: list[str]) -> list[str] | None:
    """Schwartz-Hearst: the shortest word suffix whose characters cover the short form."""
    sf = [c.lower() for c in short if c.isalnum()]
    text = " ".join(words)
    lf = text.lower()
    s_idx, l_idx = len(sf) - 1, len(lf) - 1
    while s_idx >= 0:
        c = sf[s_idx]
        while l_idx >= 0 and (lf[l_idx] != c or (s_idx == 0 and l_idx > 0 and lf[l_idx - 1].isalnum())):
            l_idx -= 1
        if l_idx < 0:
            return None
        l_idx -= 1
        s_idx -= 1
    start = lf.rfind(" ", 0, l_idx + 1) + 1
    long_words = text[start:].split()
    if not long_words or len(long_words) > min(len(sf) + 5, 2 * len(sf)):
        return None
    return long_words


# the headings of structured abstracts ("BACKGROUND: ...", "Conclusions CATALYTIC REDUCTION ...") and the
# "Abstract" that scraped abstracts start with ("Abstract Scanning probe-based memories ...")
SECTION_LABELS = frozenset(
    "abstract summary background introduction objective objectives purpose aim aims method methods methodology"
    " result results conclusion conclusions discussion findings significance context motivation keywords".split()
)


# what follows a heading's label: "Methods: ...", "Index Terms—deep learning"
HEADING_MARKS = frozenset({":", "-", "\u2014", "\u2013"})


def section_heading(word: str, nxt: str, sentence_start: bool) -> bool:
    """Whether the label ``word``, before ``nxt``, heads a section instead of being a word of the text.

    Written in capitals before running text ("RESULTS We ...") or capitalized before capitals
    ("Conclusions CATALYTIC REDUCTION", "Conclusion COPPER-CATALYZED ..." in a table of contents), it
    is one anywhere, but not inside a title in capitals ("A PRACTICAL METHOD FOR ...");
    starting a sentence, so is one before a colon or dash, and "Abstract" or "Summary" before a
    capital. "Results show that ...", "Context Free Grammars" and "Background Subtraction" are words.
    The candidate rules and the acronym definitions both read headings with this.
    """
    if word.lower() not in SECTION_LABELS or not nxt:
        return False
    caps_next = sum(c.isupper() for c in nxt) > 1 and nxt.upper() == nxt
    if word.isupper() and len(word) > 1:
        # not inside a title in capitals ("A PRACTICAL METHOD FOR", "NEW METHODS, TOOLS")
        return sentence_start or nxt[0].isalpha() and not nxt.isupper()
    if word[0].isupper() and caps_next:
        return True
    if not sentence_start:
        return False
    return nxt in HEADING_MARKS or nxt == "." or word.lower() in ("abstract", "summary") and nxt[0].isupper()


def find_acronyms(text: str) -> dict[str, str]:
    """Short form -> long form for every "long form (SF)" definition in ``text``."""
    found: dict[str, str] = {}
    for m in _PAREN.finditer(text):
        short = m.group(1).strip()
        if not _SHORT_FORM.match(short) or not any(c.isupper() for c in short):
            continue
        if len(short) < 2 or short.lower() in {"ii", "iii", "iv", "vi"}:
            continue
        core = short[:-1] if short.endswith("s") and sum(c.isupper() for c in short) >= 2 else short
        before = re.split(r"[.;:!?()\[\]]", text[: m.start()])[-1].split()
        # "... Bond Formation Conclusion COPPER-CATALYZED ... (CuAAC)": a heading is no word of the definition
        cut = [i + 1 for i in range(len(before) - 1) if section_heading(before[i], before[i + 1], i == 0)]
        before = before[cut[-1] :] if cut else before
        words = [w.strip(",") for w in before[-(len(core) + 5) :]]
        long_words = _marked_long_form(core, words) or _match_long_form(core, words)
        if long_words and len(long_words) >= 2 or (long_words and len(long_words[0]) > len(core) + 2):
            found[core] = " ".join(long_words)
    return found


def _marked_long_form(short: str, words: list[str]) -> list[str] | None:
    """The words whose capitals spell ``short`` where the authors marked its letters with capitals inside
    words: 'Cardiac Assessment and ClassificaTion of UltraSound (CACTUS)'. Letter matching alone takes the
    shortest span, 'ClassificaTion of UltraSound', which spells C-A-C-T-U-S from inside one word."""
    if not short.isupper() or not short.isalpha():
        return None
    for k in range(len(words) - 1, -1, -1):
        span = words[k:]
        if "".join(c for w in span for c in w if c.isupper()) == short:
            marked = any(c.isupper() for w in span for c in w[1:])
            return span if marked and span[0][0] == short[0] else None
    return None


_TITLE_NAME = re.compile(r"\s*([A-Za-z][A-Za-z\-]*[A-Za-z])\s*:\s+")
_TITLE_END = re.compile(r"[.?!:;]\s|[.?!]$|[,(]")
# words a spelled-out name may pass over without giving it a letter ("Consolidated Open Set Technique with
# Attenuation for Robust Recognition"), though never at its start or end
_LINKING_WORDS = frozenset("a an the of for and or in on with to via by from through at as into using".split())


def paper_acronyms(text: str) -> dict[str, str]:
    """Short form -> long form for a paper's text (title first): its title's and its abstract's definitions."""
    return title_acronyms(text) | find_acronyms(text)


def title_acronyms(text: str) -> dict[str, str]:
    """A title that names a method and then spells the name out: 'WARP: Word-level Adversarial ReProgramming'.

    ``text`` starts with the title (a paper's text does). The spelled-out words
    must start right after the colon, each word giving the name its first letter,
    and the name's capitals must come from word starts or capitals ("ReProgramming"
    gives R and P). So "BERT: Pre-training of Deep Bidirectional Transformers" and
    "GLUE: A Multi-Task Benchmark" define nothing, and the abstract's own
    definitions, which ``find_acronyms`` reads, need no title.
    """
    m = _TITLE_NAME.match(text)
    if not m or sum(c.isupper() for c in m.group(1)) < 2:
        return {}
    short = m.group(1)
    words = _TITLE_END.split(text[m.end() :], maxsplit=1)[0].split()
    end = _spelled_out([c for c in short if c.isalpha()], words, 0, 0)
    if end is None or sum(w.lower() not in _LINKING_WORDS for w in words[:end]) < 2:
        return {}
    return {short: " ".join(words[:end])}


def _spelled_out(letters: list[str], words: list[str], i: int, j: int) -> int | None:
    """How many of ``words`` spell ``letters[i:]`` from word ``j`` on (None: they do not)."""
    if i == len(letters):
        return j
    if j == len(words):
        return None
    word = words[j]
    if word.lower() in _LINKING_WORDS:
        return _spelled_out(letters, words, i, j + 1) if j > 0 else None
    if word[0].lower() != letters[i].lower():
        return None
    # the letters this word gives after its first, in order: a capital only from a word part's start or a capital
    starts = {k for k, c in enumerate(word) if c.isupper() or (k > 0 and word[k - 1] == "-")}

    def within(i: int, k: int) -> int | None:
        end = _spelled_out(letters, words, i, j + 1)
        if end is not None:
            return end
        for q in range(k + 1, len(word)) if i < len(letters) else ():
            if word[q].lower() == letters[i].lower() and (letters[i].islower() or q in starts):
                found = within(i + 1, q)
                if found is not None:
                    return found
        return None

    return within(i + 1, 0)


# heads that add nothing to the concept before them ("deep learning models" is deep learning)
GENERIC_HEADS = (
    "model", "technique", "approach", "method", "task", "framework", "strategy", "scheme", "paradigm", "problem",
)  # fmt: skip


class AcronymResolver:
    """Maps acronym keys to the key of their expansion.

    A paper's own definition wins inside that paper. Elsewhere an acronym is
    resolved only when the corpus defines it one dominant way (two thirds of its
    definitions), so "CL" meaning two things in two papers stays unresolved.
    """

    def __init__(self) -> None:
        self.per_paper: dict[str, dict[str, str]] = {}
        self.votes: dict[str, Counter[str]] = defaultdict(Counter)
        self.long_surface: dict[str, Counter[str]] = defaultdict(Counter)
        self.short_surface: dict[str, set[str]] = defaultdict(set)

    @classmethod
    def of(cls, papers: Iterable[tuple[str, str]]) -> AcronymResolver:
        """A resolver that has read every (paper id, text): the corpus vote needs all of them first."""
        resolver = cls()
        for paper_id, text in papers:
            resolver.add_paper(paper_id, text)
        return resolver

    def add_paper(self, paper_id: str, text: str) -> None:
        defs = {}
        for short, long in paper_acronyms(text).items():
            sk, lk = concept_key(short), concept_key(long)
            if sk and lk and sk != lk:
                defs[sk] = lk
                self.votes[sk][lk] += 1
                self.long_surface[lk][long] += 1
                self.short_surface[lk].add(short)
        self.per_paper[paper_id] = defs

    def global_map(self) -> dict[str, str]:
        out = {}
        for sk, votes in self.votes.items():
            lk, n = votes.most_common(1)[0]
            if n * 3 >= 2 * sum(votes.values()):
                out[sk] = lk
        return out

    def resolve(self, key: str, paper_id: str, global_map: dict[str, str]) -> str:
        """The key's expansion; an acronym plus a generic head expands too ("nlp task")."""
        local = self.per_paper.get(paper_id, {})
        found = local.get(key) or global_map.get(key)
        if found:
            return found
        # only before a generic head: inside names ("faster r-cnn") expansion garbles them
        first, _, rest = key.partition(" ")
        long = (local.get(first) or global_map.get(first)) if rest in GENERIC_HEADS else None
        return f"{long} {rest}" if long else key


def pick_label(surfaces: Iterable[str]) -> str:
    """The most frequent spelling, counted case-blind; ties go to the longest (usually the expansion).

    Within that spelling the lower-case form wins when the text ever writes it
    so: capitals at a title's or sentence's start are not part of the name,
    while names like "ImageNet" are never written in lower case.
    """
    counts = Counter(surfaces)
    folded: Counter[str] = Counter()
    for s, c in counts.items():
        folded[s.lower()] += c
    best = max(folded, key=lambda f: (folded[f], len(f), f))
    forms = [s for s in counts if s.lower() == best]
    if best in counts:
        return best
    return max(forms, key=lambda s: (counts[s], not s.isupper(), s))


_LOWER_WORD = re.compile(r"(?<![A-Za-z])[a-z]+(?![A-Za-z])")
_NAMED_WORD = re.compile(r"(?<![A-Za-z])[a-z]+[ \t]+([A-Z][a-z]+)(?![A-Za-z])")  # "a Bayesian", "on Yelp"
_ACRONYM_WORD = re.compile(r"(?<![A-Za-z])[a-z]+[ \t]+([A-Z]{2,})(?![A-Za-z])")  # "a CNN", "the PASCAL"
_CAPITALIZED = re.compile(r"(?<![A-Za-z])[A-Z][a-z]+(?![A-Za-z])")
_NAME_PART = re.compile(r"[A-Za-z]*[A-Z][A-Za-z]*")
_SHOUTED = re.compile(r"[^a-z]*[A-Z]{2}[^a-z]*")  # no lower-case letter: "HIGH SCHOOL STUDENTS"
_CAPS_WORD = re.compile(r"(?<![A-Za-z])[A-Z]+(?![A-Za-z])")


@dataclass(frozen=True)
class Casing:
    """Corpus evidence for writing a label in lower case.

    Keyphrases from titles arrive in Title Case ("Information Extraction") and
    from sentence starts capitalized ("Machine learning"); such a label reads as
    another concept beside its lower-case neighbours. A word keeps its capital
    where the abstracts write it as a name (after a lower-case word: "a Bayesian
    network") and never in lower case; a whole label stays where an abstract
    writes it so mid-sentence ("trained on Conceptual Captions").
    """

    lower: frozenset[str]  # words some text writes in lower case
    named: frozenset[str]  # capitalized words some abstract writes after a lower-case word
    capitals: frozenset[str] = frozenset()  # words some abstract writes in capitals after a lower-case word

    @classmethod
    def of(cls, papers: Iterable) -> Casing:
        lower: set[str] = set()
        named: set[str] = set()
        capitals: set[str] = set()
        for p in papers:
            lower.update(_LOWER_WORD.findall(p.text))
            named.update(_NAMED_WORD.findall(p.abstract or ""))
            capitals.update(_ACRONYM_WORD.findall(p.abstract or ""))
        return cls(frozenset(lower), frozenset(named), frozenset(capitals))

    def label(self, label: str, abstracts: Iterable[str] = ()) -> str:
        """``label`` in lower case but for its names; unchanged for one word, for acronyms and
        inner capitals ("Faster R-CNN", "ImageNet"), and where an abstract writes it mid-sentence."""
        if " " in label and _SHOUTED.fullmatch(label):
            return self._unshouted(label)
        if " " not in label or not _CAPITALIZED.search(label):
            return label
        if any(len(part) > 1 and part[1:] != part[1:].lower() for part in _NAME_PART.findall(label)):
            return label  # "R-CNN", "ImageNet", "GPT": a name as written
        mid = re.compile(rf"(?<![A-Za-z0-9]){re.escape(label)}(?![A-Za-z0-9])")
        for text in abstracts:
            for m in mid.finditer(text):
                before = text[: m.start()].rstrip()
                if before and before[-1] not in ".!?:":
                    return label
        return _CAPITALIZED.sub(
            lambda m: (
                m.group(0) if m.group(0) in self.named and m.group(0).lower() not in self.lower else m.group(0).lower()
            ),
            label,
        )

    def _unshouted(self, label: str) -> str:
        """An all-capitals label (from a title set in capitals) written as the abstracts would write it:
        "HIGH SCHOOL STUDENTS" is "high school students", "NASA SPACE MISSIONS" "NASA space missions".
        A word an abstract writes in capitals stays ("CNN", "PASCAL"); one it writes as a name is
        capitalized ("Bayesian"); one shorter than three letters is lower case as a stop word ("ON",
        not "IT" or "AI"); a longer one where some text or the lexicon has it in lower case, and
        else, up to four letters, is an acronym ("DNA", "SRAM"). A label with any other word stays
        as it is: "SHARJAH MUSEUMS" and "PRINCE RASHID HOSPITAL" hold names that no evidence tells
        from words, and half a label in capitals reads worse than all of it."""
        from concepts.candidates import pos_tags, stopwords  # candidates reads this module's helpers

        undecided = False

        def word(m: re.Match) -> str:
            nonlocal undecided
            caps = m.group(0)
            low = caps.lower()
            if caps in self.capitals:
                return caps
            if len(low) < 3:
                return low if low in stopwords() and low not in ("it", "us") else caps
            if low.capitalize() in self.named and low not in self.lower:
                return low.capitalize()
            if low in self.lower or pos_tags(low):
                return low
            undecided |= len(low) > 4
            return caps

        out = _CAPS_WORD.sub(word, label)
        return label if undecided else out

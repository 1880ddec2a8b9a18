"""Concept types by transparent rules (see concepts/data/types.json).

Each concept gets one of method, dataset, task, metric, architecture, material
(a substance: "stainless steel", "graphene", "CO2") or other, with the rule that
decided it and a confidence. Rules are data, not code, so a
user can read exactly why "ImageNet" is a dataset.
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources

import numpy as np

from concepts.candidates import candidates, pos_tags, tokenize, verbal_gerund, word_role
from concepts.model import VectorStore, encode_phrases
from concepts.normalize import concept_key

TYPES = ("method", "dataset", "task", "metric", "architecture", "material", "other")


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
    for t, group in synonym_groups():  # every written form of a known name is known too
        for name in group:
            gaz.setdefault(name, t)
    heads = {h: t for t, hs in r["heads"].items() for h in hs}
    shapes = [(t, re.compile(p)) for t, ps in r["shapes"].items() for p in ps]
    return gaz, heads, shapes


@functools.lru_cache(maxsize=1)
def synonym_groups() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(type, keys) for each well-known name written several ways ("ms coco", "coco")."""
    return tuple((t, tuple(group)) for t, groups in rules()["synonyms"].items() if t != "_doc" for group in groups)


def known_forms(key: str) -> frozenset[str]:
    """Every listed form of the well-known name ``key`` is ("ms coco", "mscoco", "microsoft coco" for
    "coco"), with and without spaces; none for a name the list lacks. What a user may type for it."""
    return _forms().get(key.replace(" ", ""), frozenset())


@functools.lru_cache(maxsize=1)
def _forms() -> dict[str, frozenset[str]]:
    out = {}
    for _, group in synonym_groups():
        forms = frozenset(group) | {name.replace(" ", "") for name in group}
        out.update(dict.fromkeys((name.replace(" ", "") for name in group), forms))
    return out


def gazetteer_keys() -> frozenset[str]:
    """Every established name the type rules know (ImageNet, ResNet, BERT...)."""
    return frozenset(_compiled()[0])


def known_type(key: str) -> str | None:
    """The type the gazetteer gives the established name ``key`` ("imagenet" -> dataset), if it names one."""
    return _compiled()[0].get(key)


# words a text about neural networks nearly always has, even when it never writes "neural" ("simple
# recurrent networks ... the learning ability of simple recurrent nets", "vision transformers ...
# the self-attention module", "very deep convolutional networks ... ConvNet models") ...
_NEURAL_CUE = re.compile(
    r"neural|neuron|\blearn|\btrain|pre ?train|fine ?tun|hidden layer|perceptron|backprop|self.?attention"
    r"|convolutional (?:neural )?net|convnet|\bcnns?\b|resnet|vision transformer|multi ?head attention"
    r"|transformers? (?:based|language|architecture|encoder|decoder|block|layer)"
    r"|attention (?:mechanism|module|head|layer|block)|\bbackbones\b"
)
# (not "transformer", "convolution" or "backbone" alone: engineering papers write them too, "a transformer
# for series voltage compensation", "the convolution of two signals", "Internet backbone networks")
# ... but not in the senses of education and networking, which telecommunication and library papers use
# ("distance learning", "lifelong learning")
_NOT_NEURAL = re.compile(
    r"\b(?:distance|lifelong|life long|individual|online|e|student|organi[sz]ational|blended) learning"
    r"|\blearning (?:opportunit|environment|resource|material|centre|center|outcome|object|management|communit)"
)
# heads that name a neural architecture only in texts about neural networks: "computer network",
# "Petri net", "dielectric layer", "video encoder", "read head" and "operating system kernel" are not
_NEURAL_HEADS = frozenset({"network", "net", "layer", "block", "encoder", "decoder", "head", "kernel"})


def context_of(text: str) -> str:
    """A paper's text as the type rules read it: hyphens as spaces, as in keys, and the case as written,
    which tells "mAP" from "a map" and "GaN" from "GAN" (build, eval and keyphrases all pass this)."""
    return text.replace("-", " ")


def about_neural_nets(texts: Sequence[str]) -> bool:
    """Whether most of ``texts`` are about neural networks (they say "neural", "learning", "ConvNet"...)."""
    return 2 * sum(_neural(t) for t in texts) >= len(texts)


def _outside_neural(texts: Sequence[str]) -> bool:
    """Whether ``texts`` are known not to be about neural networks (no texts: not known)."""
    return bool(texts) and not about_neural_nets(texts)


def _neural(text: str) -> bool:
    return bool(_NEURAL_CUE.search(_NOT_NEURAL.sub(" ", text.lower().replace("-", " "))))


def _written_as_name(word: str, contexts: Sequence[str]) -> bool:
    """Whether a text writes ``word`` as a name: with two capitals ("GLUE", "mAP", "FLOPs") or
    capitalized after a lower-case word ("on Yelp", "the Dice score"), not as the English word
    ("a map", "Maps of ..." at a sentence start)."""
    rx = re.compile(rf"(\S*)\s+({re.escape(word)}s?)\b|^({re.escape(word)}s?)\b", re.IGNORECASE | re.MULTILINE)
    for text in contexts:
        for m in rx.finditer(text):
            written = m.group(2) or m.group(3)
            if sum(ch.isupper() for ch in written) >= 2:
                return True
            prev = m.group(1)
            if written[0].isupper() and prev and prev[0].islower() and prev[-1] not in ".!?:;":
                return True
    return False


def _undefined_acronym(key: str, contexts: Sequence[str]) -> bool:
    """A single word with no digits (not a formula), unknown to the lexicon, that texts write in capitals."""
    if " " in key or any(ch.isdigit() for ch in key) or pos_tags(key):
        return False
    rx = re.compile(rf"\b{re.escape(key)}s?\b", re.IGNORECASE)
    return any(sum(ch.isupper() for ch in m.group(0)) >= 2 for text in contexts for m in rx.finditer(text))


_ELEMENT = re.compile(r"([A-Z][a-z]?)(\d*)")


@functools.lru_cache(maxsize=1)
def _elements() -> frozenset[str]:
    return frozenset(rules()["chemical_elements"].split())


def _chemical_formula(key: str, contexts: Sequence[str]) -> bool:
    """Whether the texts write ``key`` as a formula: two or more element symbols, with a count or a
    two-letter symbol among them ("Ag6I9", "MnPS3", "GaN"; not "CNN" or "CIFAR")."""
    elements = _elements()
    rx = re.compile(rf"(?<![\w-]){re.escape(key)}(?![\w-])", re.IGNORECASE)
    for text in contexts:
        m = rx.search(text)
        if m is None:
            continue
        parts = _ELEMENT.findall(m.group(0))
        return (
            len(parts) >= 2
            and "".join(a + n for a, n in parts) == m.group(0)
            and all(a in elements for a, _ in parts)
            and any(n or len(a) == 2 for a, n in parts)
        )
    return False


_NAMED_ALONE = ("er", "or", "scopy", "metry", "graphy")

# the types whose examples are names (ImageNet, ResNet, BLEU), and those only machine learning has
_NAMED_PROTOTYPES = frozenset({"architecture", "dataset", "metric"})
_ML_TYPES = frozenset({"architecture", "dataset"})


def classify(key: str, aliases: Iterable[str] = (), contexts: Sequence[str] = (), titles: bool = True) -> TypeDecision:
    """Type one concept from its key, its other keys (e.g. acronym) and the texts that mention it.

    ``titles``: read what a title says its name is ("FEDZIP: A Compression Framework ...").
    """
    r = rules()
    conf = r["confidence"]
    gaz, heads, shapes = _compiled()
    # whether the texts are known not to be about neural networks, read once and only when a rule asks
    outside_ml = functools.cache(lambda: _outside_neural(contexts))
    if " " not in key and contexts and _chemical_formula(key, contexts) and outside_ml():
        # "BaNdBiO4", "GaN": a substance, even where the gazetteer knows the letters ("GAN"); names that
        # parse as formulas are left to machine-learning papers ("CoCa")
        return TypeDecision("material", conf["shape"], "shape:chemical formula")
    for k in (key, *aliases):
        if k not in gaz:
            continue
        if k != key and outside_ml():
            # an acronym means its field's name: "GaN" in a materials paper is gallium nitride, not a GAN
            continue
        if k in r["written_as_names"] and contexts and not _written_as_name(k, contexts):
            # the English word ("a map", "a video clip"), not the name: no prototype may type it as one either
            return TypeDecision("other", conf["context"], f"gazetteer:{k} never written as a name")
        return TypeDecision(gaz[k], conf["gazetteer"], f"gazetteer:{k}")
    words = key.split()
    # a prepositional phrase qualifies the noun before it: "dataset for visual question answering" is a
    # dataset and "continual learning in computer vision" continual learning; only where that part is known
    # or has a head rule ("goodness of fit problem" and "state of the art models" keep their last word), and
    # not in a compound of one word twice ("layer by layer composition")
    cut = next(
        (
            i
            for i, w in enumerate(words)
            if w in _POSTMODIFIERS and 0 < i < len(words) - 1 and words[i - 1] != words[i + 1]
        ),
        None,
    )
    if cut is not None:
        base = " ".join(words[:cut])
        if base in gaz:
            return TypeDecision(gaz[base], conf["gazetteer"], f"gazetteer:{base} ({words[cut]} ...)")
        if words[cut - 1] in heads:
            words = words[:cut]
    # a known name of two or more words that ends the phrase says what it is, as its head would: "image style
    # transfer" is a kind of style transfer (a task), though "transfer" alone would make it a method
    known = next((tail for tail in (" ".join(words[i:]) for i in range(1, len(words) - 1)) if tail in gaz), None)
    # an activity on a network is no network: "adapting vision transformers", "implementing hourglass MLPs", and
    # "fine-tuning language models" (hyphenated verbs the lexicon does not know, listed)
    hyphenated = len(words) > 2 and words[:2] in (["fine", "tuning"], ["pre", "training"])
    if (hyphenated or _verb_led(key)) and (gaz.get(known) or heads.get(words[-1])) == "architecture":
        return TypeDecision("method", conf["process"], f"verb-led:{' '.join(words[: 2 if hyphenated else 1])}")
    if known is not None and not outside_ml():
        return TypeDecision(gaz[known], conf["head"], f"gazetteer:{known} (... {known})")
    if words:
        head = words[-1]
        if head in _NEURAL_HEADS and outside_ml():
            # not a neural network's part where it is written: infrastructure, a graph, a material, a device
            return TypeDecision("other", conf["head"], f"head:{head} outside neural-network texts")
        # "manipulation tasks" names a task; "downstream tasks" and "multiple applications" only place one among
        # others
        relational = head in ("task", "application") and all(w in r["task_role_words"] for w in words[:-1])
        # "web applications", "mobile applications": software named by where it runs, not an application area
        # (a "mobile speech application" names one: speech)
        relational |= head == "application" and all(w in r["software_platform_words"] for w in words[:-1])
        if head == "model" and any(w in r["model_organism_words"] for w in words[:-1]):
            # "mouse model", "Drosophila model": an organism that stands in for a disease, no method
            return TypeDecision("other", conf["head"], "head:model of an organism")
        # alone, a method head is an activity or a generic word ("learning", "analysis", "model"), no method;
        # an agent noun names a tool even alone ("parser", "classifier", "solver"), and a measurement
        # technique a method ("microscopy", "spectrometry", "lithography")
        bare = len(words) == 1 and heads.get(head) == "method" and not head.endswith(_NAMED_ALONE)
        # data led by a verb's -ing form is an activity on it: "annotating images", "building a corpus"
        acted_on = heads.get(head) == "dataset" and _verb_led(key)
        if head in heads and not bare and not relational and not acted_on:
            return TypeDecision(heads[head], conf["head"], f"head:{head}")
        # where its own head says nothing, a name is what its paper's title says it is ("FEDZIP: A
        # Compression Framework for ...")
        for k in (key, *aliases) if titles else ():
            said = _title_says(k, contexts)
            if said is not None:
                return said
        # a shape marks a coined name ("ResNet", "Swinformer"), never an English word ("internet", "magnet")
        coined = not pos_tags(head) and head not in r["not_shapes"]
        for t, pattern in shapes if coined else ():
            # a network's name is written as one ("ResNet", "EuclidNets", "Swinformer" mid-sentence); a
            # lower-case word the lexicon lacks is not ("terrestrial exoplanets"); and a name with digits is
            # a dataset's ("CIFAR100") only in machine learning, not a strain's or a star's ("RH44", "A3376")
            if (
                pattern.search(head)
                and (t != "architecture" or not contexts or _written_as_name(head, contexts))
                and (t not in _ML_TYPES or not outside_ml())
            ):
                return TypeDecision(t, conf["shape"], f"shape:{pattern.pattern}")
    # the texts may say what a concept is under its short form: "we introduce FOCUS (Familiar Objects in
    # Common and Uncommon Settings), a dataset for ..."
    votes = sum((_context_votes(k, contexts) for k in (key, *aliases)), Counter())
    if votes:
        # a tie goes to the type listed first in `contexts`: "we introduce X" says less than ", a dataset"
        order = list(r["contexts"])
        t = max(votes, key=lambda t: (votes[t], -order.index(t)))
        return TypeDecision(t, conf["context"], f"context:{t}")
    return TypeDecision("other", conf["other"], "none")


# a title that names its subject, then says what it is: "AfriWOZ: Corpus for ...", "FEDZIP: A Compression
# Framework for ...", "ResNeSt: Split Attention Networks" (contexts have hyphens as spaces)
_TITLE_NAME = re.compile(r"\A\s*([^:.!?\n]{1,60}?)\s*:\s+([^.!?\n]+)")
# not task: "DenseCLIP: Language-Guided Dense Prediction" says what the work does, the name is its method
_TITLE_TYPES = frozenset({"method", "dataset", "metric", "architecture"})


def _title_says(key: str, contexts: Sequence[str]) -> TypeDecision | None:
    """The type a title gives its name: the head of the noun phrase that opens the title's second part.

    The phrase must open it, after no more than an article and adjectives ("A Modular, Configuration
    Driven Framework"): a verb there ("CodeRL: Mastering Code Generation ...") says what the work
    does, not what the name is. Only head, gazetteer and shape rules count, not the name's own context.
    """
    if _verbal_opener(key):
        return None  # "Facilitating Sustainable Agriculture: ..." names no thing
    for text in contexts:
        named = _title_name(text)
        if named is None or named[0] != key:
            continue
        desc = named[1]
        found = candidates(desc)
        if not found:
            continue
        first = min(found, key=lambda c: c.start)
        tokens = tokenize(desc)
        before, after = tokens[: first.start], tokens[first.start + len(first.text.split()) :]
        if _verbal_opener(first.text):
            continue  # "Mastering Code Generation", "Scaling CLIP Training": what the work does
        if after[:1] == ["to"]:
            continue  # "Network to Network Compression": the phrase goes on
        if not all(t.lower() in _OPENERS or "ADJ" in pos_tags(t) and word_role(t) == 1 for t in before):
            continue
        said = classify(concept_key(first.text), (), contexts, titles=False)
        if said.type in _TITLE_TYPES and said.rule.startswith(("head:", "gazetteer:", "shape:")):
            return TypeDecision(said.type, rules()["confidence"]["context"], f"title:{first.text} ({said.rule})")
    return None


_OPENERS = frozenset({"a", "an", "the", ",", "and"})


def _verbal_opener(phrase: str) -> bool:
    """Whether a phrase opens with an -ing word that can be a verb ("Mastering ...", "Scaling ...")."""
    opener = phrase.split()[0].lower() if phrase.split() else ""
    return opener.endswith("ing") and "VERB" in pos_tags(opener)


@functools.lru_cache(maxsize=100_000)
def _title_name(text: str) -> tuple[str, str] | None:
    """The key of the name a text's title opens with, and what follows its colon (once per paper)."""
    m = _TITLE_NAME.match(text)
    return (concept_key(m.group(1)), m.group(2)) if m else None


# prepositions that start a phrase qualifying the noun before them ("to" joins compounds: "image to image")
_POSTMODIFIERS = frozenset({"of", "for", "with", "in", "on", "from", "by", "via", "using", "through"})

_SLOT = "cgconceptslot"  # stands for the concept in a context pattern; word characters at both ends, like a key


def _compile_contexts(concept: str) -> list[tuple[str, re.Pattern]]:
    """Each type's context patterns with ``concept`` (a regex) in their {c}."""
    return [
        (t, re.compile(p.replace("{c}", concept), re.IGNORECASE)) for t, ps in rules()["contexts"].items() for p in ps
    ]


@functools.lru_cache(maxsize=1)
def _context_patterns() -> list[tuple[str, re.Pattern]]:
    """The context patterns compiled once, with the concept as a slot (compiling per concept cost seconds)."""
    return _compile_contexts(_SLOT)


def _context_votes(key: str, contexts: Iterable[str]) -> Counter[str]:
    """Per type, how many (pattern, context) pairs match with ``key`` in the pattern's {c}.

    The key is replaced by the slot word in the lower-cased context, so a
    pattern's word boundaries around the slot behave as around the key.
    """
    votes: Counter[str] = Counter()
    low = key.lower()
    if not low:
        return votes
    if not (low[0].isalnum() and low[-1].isalnum()):  # the slot's boundaries would differ: compile as written
        pats = _compile_contexts(re.escape(low))
        marked = [c.lower() for c in contexts]
    else:
        pats = _context_patterns()
        marked = [c.lower().replace(low, _SLOT) for c in contexts]
        marked = [c for c in marked if _SLOT in c]
    for t, rx in pats:
        votes[t] += sum(1 for c in marked if rx.search(c))
    return votes


_PROTOTYPES: list = []  # computed once per process


def _prototypes(store: VectorStore | None = None):
    """Embeddings of every gazetteer name and prototype seed, grouped by type (project data, not gold data)."""
    if not _PROTOTYPES:
        r = rules()
        # a name listed as no type of ours ("COVID-19") is no example of one
        names = [(t, n) for t, ns in r["gazetteer"].items() if t != "other" for n in ns]
        names += [(t, n) for t, ns in r["prototype_seeds"].items() if not t.startswith("_") for n in ns]
        vecs = encode_phrases([n for _, n in names], store)
        types = sorted({t for t, _ in names})
        _PROTOTYPES.append((types, [vecs[[i for i, (t, _) in enumerate(names) if t == ty]] for ty in types]))
    return _PROTOTYPES[0]


def _prototype_applies(t: str, key: str, contexts: Sequence[str]) -> bool:
    """Whether nearness to type ``t``'s examples may type the concept ``key``.

    The named types' examples are machine learning's names. Outside texts about
    neural networks, nearness to ImageNet or ResNet says nothing, and a single
    word the lexicon lacks (an acronym never defined: "ASR", "PICU") is near the
    short metric names by its letters, not its meaning. In those texts coined
    names are what these types are made of ("ConvNeXt", "OpenImage", "FPS").
    """
    if t not in _NAMED_PROTOTYPES or not _outside_neural(contexts):
        return True
    return t not in _ML_TYPES and (" " in key or bool(pos_tags(key)))


# head rules that a thing can override: "machine translation system" is a method (SciERC's convention),
# "power system", "operating system" and "file system" are things, nearest to the artifact examples
_SOFT_HEADS = frozenset({"head:system"})
# prototype groups a process-like head noun beats: "oxidation" is a process though it names a substance,
# "temperature measurement" one though it names a quantity; a field ("teacher education") beats the head
_THINGS = frozenset({"material", "artifact", "quantity"})


def _verb_led(key: str) -> bool:
    """A phrase led by a verb's -ing form names an activity: "localizing 3d object", "classifying text"."""
    words = key.split()
    return len(words) > 1 and verbal_gerund(words[0])


@functools.lru_cache(maxsize=4096)
def process_noun(word: str) -> bool:
    """Whether a head noun names a process ("oxidation", "pruning", "growth"), by its ending or by the list.

    Not "relation" or "function" (`non_process_nouns`), nor a condition or a practice ("fibrosis",
    "agriculture": `non_process_suffixes`). ``word`` is singular, as in a concept key.
    """
    r = rules()
    if word in r["process_nouns"]:  # processes by meaning, not ending: "growth", "flow"
        return True
    return (
        len(word) > 5
        and word.endswith(tuple(r["process_suffixes"]))
        and word not in r["non_process_nouns"]
        and not word.endswith(tuple(r["non_process_suffixes"]))
    )


def names_a_kind(key: str) -> bool:
    """Whether a concept can stand before a generic head and mean the same without it.

    "transfer learning method" is transfer learning and "vision transformer model" a vision transformer:
    the key is a known name, or ends in a head our types know, a process noun, or a coined word or
    acronym. "few shot task", "natural language task" and "finite element method" are not few shot,
    natural language or finite element: those words only modify the head.
    """
    gaz, heads, _ = _compiled()
    words = key.split()
    if not words:
        return False
    if any(" ".join(words[i:]) in gaz for i in range(len(words))):
        return True
    head = words[-1]
    return head in heads or process_noun(head) or not pos_tags(head)


def classify_all(
    items: list[tuple[str, tuple[str, ...], list[str]]], store: VectorStore | None = None
) -> list[TypeDecision]:
    """Type many concepts: the rules first, then embedding prototypes for what the rules leave.

    A concept the rules cannot type is compared with the gazetteer's names and
    the prototype seeds: the group whose three nearest names are closest wins
    when clear enough; else a process-like head noun (-tion, -ment, -ing...)
    makes it a method. Nearest to substances, it is a material; nearest to
    artifacts, quantities or fields of study ("education", "chemistry"), it is
    'other', as is a concept typed by a soft head ("X system") that is clearly
    nearest to artifacts, quantities or substances.
    """
    decisions = [classify(k, a, c) for k, a, c in items]
    undecided = [i for i, d in enumerate(decisions) if d.rule == "none" or d.rule in _SOFT_HEADS]
    if not undecided:
        return decisions
    types, protos = _prototypes(store)
    proto = rules()["prototype"]
    vecs = encode_phrases([items[i][0] for i in undecided], store)
    conf = rules()["confidence"]

    def nearest(v: np.ndarray) -> tuple[float, str, float]:
        scores = sorted(
            ((float(np.sort(p @ v)[-proto["neighbours"] :].mean()), t) for t, p in zip(types, protos, strict=True)),
            reverse=True,
        )
        return scores[0][0], scores[0][1], scores[0][0] - scores[1][0]

    near = [nearest(v) for v in vecs]
    heads = [items[i][0].split()[-1] if items[i][0] else "" for i in undecided]
    # a substance is named by its head noun ("random copolymer", "iii v semiconductor"); a property of one is
    # not ("corrosion resistance", "oxidation kinetics"), though its whole is near the substances too. So below
    # the threshold, a concept nearest to the substances is one where its head alone is nearest to them too
    # (a one-word key is its own head); only those heads are encoded
    lower_bar = [
        j
        for j, (best, t, lead) in enumerate(near)
        if t == "material"
        and proto["material_threshold"] <= best < proto["threshold"]
        and lead >= proto["margin"]
        and heads[j]
        and _outside_neural(items[undecided[j]][2])  # a "watermark" or a "tile" in a vision paper is no substance
    ]
    to_encode = sorted({heads[j] for j in lower_bar if heads[j] != items[undecided[j]][0]})
    head_vecs = encode_phrases(to_encode, store) if to_encode else []
    substance_head = {h: nearest(hv)[1] == "material" for h, hv in zip(to_encode, head_vecs, strict=True)}
    substances = {j for j in lower_bar if substance_head.get(heads[j], True)}
    for j, (i, (best, t, lead)) in enumerate(zip(undecided, near, strict=True)):
        clear = (best >= proto["threshold"] and lead >= proto["margin"]) or j in substances
        if decisions[i].rule in _SOFT_HEADS:
            if clear and t in _THINGS:
                decisions[i] = TypeDecision("other", round(min(0.7, best), 2), f"prototype:{t}")
            continue
        head = heads[j]
        is_process = process_noun(head)
        if clear and not _prototype_applies(t, items[i][0], items[i][2]):
            clear = False
        if clear and t == "material" and _undefined_acronym(items[i][0], items[i][2]):
            clear = False  # "FEM", "COMSOL", "POURPRE": near substances by their letters read as a word
        if clear and t == "task" and not (is_process or _verb_led(items[i][0])):
            # a task is an activity ("image restoration", "text mining", "detecting novelty"); near the tasks'
            # names but headed by a thing, a concept is their data ("speech data", "video sequences", "CT images")
            clear = False
        if clear and not (t in _THINGS and is_process):
            # a substance is a material; a thing, a quantity or a field is no type of ours: 'other'
            kind = t if t in TYPES else "other"
            decisions[i] = TypeDecision(kind, round(min(0.7, best), 2), f"prototype:{t}")
        elif is_process:  # "oxidation", "polymerization": a process, even when it names a material
            decisions[i] = TypeDecision("method", conf["process"], f"process-noun:{head}")
    return decisions

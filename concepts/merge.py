"""Merging synonyms and variants, reviewably.

Beyond the key normalization (case, plural, hyphen/space, British/American
spelling) and acronyms (Schwartz-Hearst), three kinds of merge apply across
the corpus, each recorded with its evidence so `conceptgraph merges` can show
why two concepts became one:

* ``joined``: keys equal once spaces are removed ("pre trained" / "pretrained");
* ``near-duplicate``: embedding cosine >= NEAR_DUPLICATE with the same head noun,
  guarded so that numbers, one-letter names, negations and acronyms must agree
  (ResNet-50 / ResNet-101, ImageNet-R / ImageNet, CNN / RNN stay apart) and
  comparatives, inserted restrictive words and slash coordinations do not merge
  (Fast / Faster R-CNN, "language specific model" / "language model");
* ``fragment``: a key the texts only ever write as the end of a longer key is
  that longer key ("shot instance segmentation", from "Few Shot Instance
  Segmentation (FSIS)" at a sentence start, where "Few" reads as filler);
* ``generic-head``: a concept plus a generic head noun ("deep learning models")
  is the concept ("deep learning");
* ``known-name``: forms of one well-known name, listed as project data ("MS COCO" /
  "MSCOCO" / "COCO", "ResNets" / "residual networks"), the most frequent form winning;
* ``named``: a known dataset or architecture name plus the word for what it is
  ("COCO dataset", "GLUE benchmark", "CLIP model", "LSTM network") is the name;
* ``variant``: "X network" is "X neural network" ("convolutional networks" /
  "convolutional neural networks"), the most frequent form winning;
* ``generic``: a frequent term that co-occurs evenly with every topic is
  ignored (concepts/relevance.py, VOSviewer's relevance score);
* ``thesaurus``: the user's VOSviewer-style file, ``label<TAB>replace by``; an
  empty "replace by" ignores the term, and a label replaced by itself is kept
  apart from every automatic merge.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from conceptgraph.errors import InputError
from concepts.normalize import GENERIC_HEADS
from concepts.typing_rules import about_neural_nets, names_a_kind

NEAR_DUPLICATE = 0.92
# every kind of merge, in the order the module docstring explains them
MERGE_KINDS = (
    "acronym", "known-name", "joined", "fragment", "generic-head", "named", "variant", "near-duplicate", "generic",
    "thesaurus",
)  # fmt: skip
_DIGITS = re.compile(r"\d+")
# words that must agree for two keys to be one concept, like numbers: "million"/"billion" image-text
# pairs, "non residual"/"residual" networks
_NUMBER_WORDS = frozenset({"hundred", "thousand", "million", "billion", "trillion"})
_NEGATIONS = frozenset({"non", "not", "no", "without", "anti"})
_SLASHED = re.compile(r"[^\W\d_]/[^\W\d_]")  # a slash between letters: "zero/few-shot", "TCP/IP"
# "X-specific Y" restricts Y to X: a "language specific model" is no "language model"
_RESTRICTIVE = frozenset({"specific", "dependent", "independent", "agnostic", "invariant", "aware", "free", "only"})


@dataclass(frozen=True)
class Merge:
    source: str  # the key that disappears
    target: str  # the key it becomes ("" = ignored)
    kind: str  # acronym | known-name | joined | named | near-duplicate | thesaurus ...
    evidence: str

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Thesaurus:
    replace: dict[str, str]  # key -> key
    ignore: set[str]
    keep: set[str]  # keys never merged automatically


def read_thesaurus(path: Path) -> Thesaurus:
    """Read a tab-separated thesaurus (header 'label<TAB>replace by' optional)."""
    from concepts.normalize import concept_key

    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as e:
        raise InputError(f"cannot read thesaurus {path}: {e}") from e
    th = Thesaurus({}, set(), set())
    for lineno, row in enumerate(csv.reader(text.splitlines(), delimiter="\t"), 1):
        if not row or not row[0].strip() or row[0].startswith("#"):
            continue
        if lineno == 1 and row[0].strip().lower() == "label":
            continue
        label = concept_key(row[0])
        target = concept_key(row[1]) if len(row) > 1 else ""
        if not label:
            raise InputError(f"{path}:{lineno}: empty label")
        if not target:
            th.ignore.add(label)
        elif target == label:
            th.keep.add(label)
        else:
            th.replace[label] = target
    return th


def joined_merges(freq: Mapping[str, int]) -> list[Merge]:
    """Keys that differ only by spaces: the most frequent spelling wins."""
    groups: dict[str, list[str]] = defaultdict(list)
    for k in freq:
        groups[k.replace(" ", "")].append(k)
    out = []
    for keys in groups.values():
        if len(keys) < 2:
            continue
        target = min(keys, key=lambda k: (-freq[k], k.count(" "), k))
        out += [
            Merge(k, target, "joined", f"'{k}' and '{target}' differ only by spaces")
            for k in sorted(keys)
            if k != target
        ]
    return out


def generic_head_merges(freq: Mapping[str, int]) -> list[Merge]:
    """'deep learning models' -> 'deep learning' when the shorter concept exists: the head adds nothing.

    Only where the shorter concept names a kind of thing (typing_rules.names_a_kind): "few shot tasks"
    and "finite element method" are no "few shot" or "finite element", whose words only modify the head.
    Where it does not, the same words before heads that say the same ("regularization approach",
    "regularization technique"; "X task", "X problem") are one concept, the most frequent form; "X method"
    and "X task" stay apart, as a method is no task. Heads that only frame a concept (FRAMING_HEADS:
    "few shot learning setting", "catastrophic forgetting phenomenon") go the same way as generic ones.
    """
    out = []
    siblings: dict[tuple[str, str], list[str]] = defaultdict(list)
    for k in sorted(freq):
        words = k.split()
        if len(words) < 2 or (words[-1] not in GENERIC_HEADS and words[-1] not in FRAMING_HEADS):
            continue
        base = " ".join(words[:-1])
        if len(words) >= 3 and base in freq and names_a_kind(base):
            out.append(Merge(k, base, "generic-head", f"'{base}' + generic head '{words[-1]}'"))
        elif words[-1] in _SAME_HEADS:
            siblings[(base, _SAME_HEADS[words[-1]])].append(k)
    for keys in siblings.values():
        target = min(keys, key=lambda k: (-freq[k], len(k), k))
        out += [
            Merge(k, target, "generic-head", f"'{k}' and '{target}' differ only by a generic head")
            for k in keys
            if k != target
        ]
    return sorted(out, key=lambda m: m.source)


# heads that only frame a concept: "few shot learning setting", "catastrophic forgetting phenomenon", "knowledge
# distillation study", "robust generalization capability" are the concept (not "field": "neural radiance field")
FRAMING_HEADS = frozenset(
    {"setting", "scenario", "pipeline", "capability", "phenomenon", "study", "attempt", "literature"}
)
# generic heads that say the same: a way of doing something, or something to be done
_SAME_HEADS = {
    **dict.fromkeys(("method", "technique", "approach", "scheme"), "way"),  # not "strategy": "mixed strategy"
    **dict.fromkeys(("task", "problem"), "task"),
}


# the words that only say what a named thing is: "the COCO dataset" is COCO, "the CLIP model" is CLIP
ROLE_WORDS = {
    "dataset": frozenset({"dataset", "data set", "benchmark", "corpus", "database", "challenge"}),
    "architecture": frozenset({"model", "architecture", "network", "net"}),
}


def synonym_targets(
    freq: Mapping[str, int],
    groups: Iterable[tuple[str, Sequence[str]]],
    taken: Collection[str] = (),
    fits: Callable[[str, str], bool] | None = None,
) -> dict[str, tuple[str, str]]:
    """Each form of a well-known name -> (the form its group's concept goes by, the type).

    A group counts where one of its forms is a concept; the most frequent such form
    is the target, the group's first on a tie. Spaces do not count ("mscoco" is
    "ms coco"). ``taken``: keys an earlier merge already sends elsewhere (an acronym the
    corpus defines): that merge stands, and they cannot be the target, so the two never cycle.
    ``fits(type, key)``: whether a present form may join its group where it is written
    ("CNN" in papers about neural networks, not the news channel). Absent forms map too,
    for a `named` merge's base ("MS COCO dataset" when only "COCO" is a concept).
    """
    by_joined: dict[str, list[str]] = defaultdict(list)
    for k in freq:
        by_joined[k.replace(" ", "")].append(k)
    out: dict[str, tuple[str, str]] = {}
    for kind, group in groups:
        # two listed spellings may be one key ("multilayer perceptron", "multi layer perceptron")
        present = list(
            dict.fromkeys(
                k for name in group for k in by_joined.get(name.replace(" ", ""), ()) if fits is None or fits(kind, k)
            )
        )
        if not present:
            continue
        order = {k: i for i, k in enumerate(present)}
        free = [k for k in present if k not in taken]
        if not free:
            continue
        target = min(free, key=lambda k: (-freq[k], order[k]))
        for k in free + [name for name in group if name not in freq]:
            out.setdefault(k, (target, kind))
    return out


def synonym_merges(freq: Mapping[str, int], targets: Mapping[str, tuple[str, str]]) -> list[Merge]:
    """The ``known-name`` merges: each present form of a listed name into its group's target."""
    return [
        Merge(k, target, "known-name", f"'{k}' and '{target}' name the same {kind} (list of well-known names)")
        for k, (target, kind) in sorted(targets.items())
        if k in freq and k != target
    ]


def named_merges(
    freq: Mapping[str, int],
    known_as: Callable[[str], tuple[str, str] | None],
    same_as: Mapping[str, tuple[str, str]] | None = None,
) -> list[Merge]:
    """'COCO dataset' -> 'COCO' where 'COCO' is a concept too, known as a dataset.

    ``same_as``: ``synonym_targets``; a base that is not a concept may be another form
    of one ("MS COCO dataset" -> "COCO").

    ``known_as(key)``: the type the gazetteer or a name's shape gives a key and how it
    is known ("a dataset in the gazetteer"), else None.
    Only such knowledge counts, not context: "the photo retouching dataset" says that
    "photo retouching" is the data's task, and a type guessed from the phrase itself
    would merge it. A role word that does not fit the name's type stays ("ImageNet
    classification", "ImageNet models", "BERT embeddings").
    """
    out = []
    for k in sorted(freq):
        for role_words in ROLE_WORDS.values():
            role = next((r for r in role_words if k.endswith(" " + r)), None)
            base = k[: -len(role) - 1] if role else ""
            target = base if base in freq else (same_as or {}).get(base, ("", ""))[0]
            if not base or not target:
                continue
            kind, how = known_as(base) or (None, "")
            if kind is not None and role in ROLE_WORDS.get(kind, ()):
                also = f"; '{base}' is '{target}'" if target != base else ""
                out.append(Merge(k, target, "named", f"'{base}' is {how}; '{role}' only says what it is{also}"))
    return out


# the noun where the adjective belongs: "deep convolution neural networks", a common slip for "convolutional"
_CONVOLUTION_NOUN = re.compile(r"\bconvolution(?= (?:neural )?network\b)")


def variant_merges(freq: Mapping[str, int], texts_of: Callable[[str], Sequence[str]] | None = None) -> list[Merge]:
    """'X network' and 'X neural network' name one thing: the more frequent form wins.

    ``texts_of(key)``: the texts of the papers that mention a key. Given it, "X network"
    must be about neural networks where it is written (most of its papers say "neural",
    "learning", "training", "transformer"...: ``about_neural_nets``):
    "cellular networks" in telecommunication papers are not "cellular neural networks",
    and embeddings cannot tell (cosine 0.81 for that pair, 0.82 for "Hopfield", 0.86 for
    "Bayesian", which are again different things).
    So are "X net" and "X network" ("deep residual net"), under the same condition ("Petri nets" are
    no networks). "Convolution neural networks" are convolutional ones, with or without "neural".
    """
    pairs = []
    out = []
    for k in sorted(freq):
        if " neural network" in f" {k}" and not k.startswith("neural network"):
            pairs.append((k.replace("neural network", "network"), k, f"is '{k}' without 'neural'"))
        if k.endswith(" network"):
            pairs.append((k[: -len("work")], k, f"is '{k}' shortened"))
        if _CONVOLUTION_NOUN.search(k):  # the slip always gives way, however frequent
            fixed = _CONVOLUTION_NOUN.sub("convolutional", k)
            other = (
                fixed.replace("neural network", "network")
                if "neural network" in fixed
                else fixed.replace("convolutional network", "convolutional neural network")
            )
            if fixed in freq or other in freq:
                target = fixed if fixed in freq else other
                out.append(Merge(k, target, "variant", f"'{k}' writes 'convolution' for 'convolutional'"))
    for short, long, why in pairs:
        if short not in freq or (texts_of is not None and not about_neural_nets(texts_of(short))):
            continue
        src, dst = (short, long) if (freq[long], long) >= (freq[short], short) else (long, short)
        out.append(Merge(src, dst, "variant", f"'{short}' {why}"))
    return out


_WORD = re.compile(r"[0-9a-z+#]+")


def fragment_merges(
    freq: Mapping[str, int], texts: Mapping[str, str], surfaces: Iterable[tuple[str, str, str]]
) -> list[Merge]:
    """Keys whose every occurrence, in every paper that mentions them, follows the words that
    make a longer key: trimming (a leading filler word, a title in capitals) cut them out of it.

    ``surfaces``: (paper id, key, surface as extracted). A key also written alone anywhere
    ("reinforcement learning" beside "deep reinforcement learning") is a concept of its own
    and stays, whatever the embeddings say; so does one after a verb ("adding gradient noise").
    """
    from concepts.candidates import verbal_gerund
    from concepts.extract import _occurrences
    from concepts.normalize import american

    longer: dict[str, list[str]] = defaultdict(list)  # key -> keys that end with its words
    for k in freq:
        words = k.split()
        for i in range(1, len(words)):
            tail = " ".join(words[i:])
            if tail in freq:
                longer[tail].append(k)
    if not longer:
        return []
    written: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for pid, key, surface in surfaces:
        if key in longer:
            written[key].append((pid, surface))
    spaced: dict[str, str] = {}  # hyphens as spaces: "high-performance fortran" holds "performance fortran"
    out = []
    for key in sorted(written):
        # the words before each occurrence, in every paper
        before: list[list[str]] = []
        for pid, surface in written[key]:
            if pid not in spaced:
                spaced[pid] = texts[pid].lower().replace("-", " ")
            text = spaced[pid]
            starts = _occurrences(text, surface.lower().replace("-", " "))
            if not starts:  # written some other way here: nothing to judge by
                break
            before += [[american(w) for w in _WORD.findall(text[max(0, i - 80) : i])][-5:] for i in starts]
        else:
            for whole in sorted(longer[key], key=lambda k: (-freq[k], k)):
                extra = whole.split()[: -len(key.split())]
                if verbal_gerund(extra[0]):  # "adding gradient noise": the fragment is the concept
                    continue
                if all(b[-len(extra) :] == extra for b in before):
                    n = len({pid for pid, _ in written[key]})
                    evidence = f"written only as part of '{whole}' ({n} paper{'s' * (n > 1)})"
                    out.append(Merge(key, whole, "fragment", evidence))
                    break
    return out


def slash_coordinated(surface: str) -> bool:
    """Written with a slash between words ("zero/few-shot learning", "TCP/IP stack"): two names in one."""
    return bool(_SLASHED.search(surface))


def _close_spelling(x: str, y: str) -> bool:
    """One edit apart, or one a prefix-abbreviation of the other ("photo" / "photography"), but not
    a comparative of the other ("fast" / "faster": Fast R-CNN and Faster R-CNN are two detectors)."""
    import difflib

    short, long_ = sorted((x, y), key=len)
    if long_ in (short + "er", short + "r", short + "est", short + "st"):
        return False
    return difflib.SequenceMatcher(None, x, y).ratio() >= 0.85 or (len(short) >= 4 and long_.startswith(short))


def _marks(key: str, tokens: Sequence[str], acronyms: set[str]) -> tuple[list[str], set[str]]:
    """What must agree between two keys of one concept: numbers and one-letter names in order
    ("resnet 50", "imagenet r"), and the set of number words, negations and acronyms."""
    ordered = _DIGITS.findall(key) + [t for t in tokens if len(t) == 1 and t.isalpha()]
    return ordered, {t for t in tokens if t in _NUMBER_WORDS or t in _NEGATIONS or t in acronyms}


def _compatible(a: str, b: str, acronyms: set[str]) -> bool:
    """Guards: same head noun, same numbers, names, negations and acronyms, and one phrase contains
    the other's words (or they differ by spelling only). Embeddings alone put antonyms ("task
    specific" / "task shared"), siblings (CNN / RNN) and variants (ImageNet-R / ImageNet) too close."""
    ta, tb = a.split(), b.split()
    if ta[-1] != tb[-1] or _marks(a, ta, acronyms) != _marks(b, tb, acronyms):
        return False
    sa, sb = set(ta), set(tb)
    if sa <= sb or sb <= sa:
        short, long_ = (ta, tb) if len(sa) < len(sb) else (tb, ta)
        # an inserted (not leading) restrictive word: "language specific model" / "language model"
        inserted = [w for w in long_[long_.index(short[0]) :] if w not in short] if short[0] in long_ else []
        return not any(w in _RESTRICTIVE for w in inserted)
    only_a, only_b = sorted(sa - sb), sorted(sb - sa)
    return len(only_a) == len(only_b) == 1 and _close_spelling(only_a[0], only_b[0])


def _kind_of(a: str, b: str) -> bool:
    """``a`` is ``b`` with modifiers added ("full fine tuning", "self supervised visual representation
    learning"), a kind of it; "neural" alone adds nothing ("recurrent neural network" is a variant of
    "recurrent network", see variant_merges)."""
    wa, wb = set(a.split()), set(b.split())
    return wb < wa and wa - wb != {"neural"}


def near_duplicate_merges(
    freq: Mapping[str, int],
    vectors: Mapping[str, object],
    acronyms: Iterable[str] = (),
    threshold: float = NEAR_DUPLICATE,
    coordinated: Iterable[str] = (),
) -> list[Merge]:
    """Near-duplicates by embedding among keys sharing a head noun, merged into the more frequent.

    ``coordinated`` keys were written with a slash between words ("zero/few-shot
    learning"): they name two concepts, so they only merge with each other.

    Except where one key is the other plus modifiers ("full fine tuning", "fine
    tuning"; "self supervised visual representation learning", "self supervised
    representation learning"): that is a kind of the shorter one and merges into it
    whatever the counts, since merging the other way would claim every fine-tuning
    paper for full fine-tuning.
    """
    import numpy as np

    acr, both = set(acronyms), set(coordinated)
    by_head: dict[str, list[str]] = defaultdict(list)
    for k in sorted(freq):
        if k in vectors:
            by_head[k.split()[-1]].append(k)
    merged: dict[str, Merge] = {}
    for keys in by_head.values():
        if len(keys) < 2:
            continue
        keys.sort(key=lambda k: (-freq[k], len(k), k))  # targets first
        m = np.array([vectors[k] for k in keys])
        sims = m @ m.T
        for j in range(1, len(keys)):
            if keys[j] in merged:
                continue
            for i in range(j):
                if keys[i] in merged or sims[i, j] < threshold or not _compatible(keys[i], keys[j], acr):
                    continue
                if (keys[i] in both) != (keys[j] in both):
                    continue
                src, dst = (keys[i], keys[j]) if _kind_of(keys[i], keys[j]) else (keys[j], keys[i])
                merged[src] = Merge(
                    src, dst, "near-duplicate", f"cosine {sims[i, j]:.3f}, same head '{src.split()[-1]}'"
                )
                if src == keys[j]:
                    break
    return sorted(merged.values(), key=lambda x: x.source)


def resolve(merges: Iterable[Merge], thesaurus: Thesaurus | None = None) -> tuple[dict[str, str], list[Merge]]:
    """A key -> final key map (chains followed); the thesaurus overrides automatic merges."""
    applied: dict[str, Merge] = {}
    for m in merges:
        if thesaurus and (m.source in thesaurus.keep or m.target in thesaurus.keep):
            continue
        applied.setdefault(m.source, m)
    if thesaurus:
        for src, dst in sorted(thesaurus.replace.items()):
            applied[src] = Merge(src, dst, "thesaurus", f"thesaurus line '{src}' -> '{dst}'")
        for src in sorted(thesaurus.ignore):
            applied[src] = Merge(src, "", "thesaurus", f"thesaurus line '{src}' -> (ignored)")
    mapping: dict[str, str] = {}
    for src in applied:
        seen = {src}
        dst = applied[src].target
        while dst in applied and dst not in seen:  # follow chains, stop at cycles
            seen.add(dst)
            dst = applied[dst].target
        mapping[src] = dst
    return mapping, sorted(applied.values(), key=lambda m: (m.kind, m.source))

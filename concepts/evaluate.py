"""`conceptgraph eval`: keyphrase and typed-concept quality against gold sets.

Protocol (as in the SIFRank / MDERank / PromptRank papers): lowercase, split on
non-alphanumerics, Porter-stem each token, compare whole phrases exactly;
duplicate predictions (after stemming) are dropped; per document
P = hits / min(K, predictions), R = hits / gold, F1 averaged over documents
(a document with no hit scores 0). Typed scores compare (stemmed phrase, type)
pairs after mapping the gold types onto ours.

Readers for three gold formats: Inspec (docs/N.txt + keys/N.key), brat standoff
(ScienceIE: N.txt + N.ann) and SciERC JSON lines.
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from conceptgraph.errors import InputError, UsageError

_SPLIT = re.compile(r"[^0-9a-z]+")

# ScienceIE's Material is mostly substances ("zirconium alloys"), SciERC's mostly corpora ("Penn Treebank"):
# each set's Material label is named for what it holds, and both of our types score against it
BRAT_TYPES = {"Process": "method", "Task": "task", "Material": "material"}
SCIERC_TYPES = {"Method": "method", "Task": "task", "Metric": "metric", "Material": "dataset"}
# our types folded onto the gold label set before typed scoring
OURS_TO_GOLD = {"architecture": "method"}
_MATERIAL_LABELS = ("dataset", "material")


def gold_label(ours: str, labels: Iterable[str]) -> str:
    """The gold label our type ``ours`` is scored against: the eval README's mapping.

    An architecture is a method; a dataset and a material both answer to the
    set's one Material label, whichever name it has there.
    """
    if ours in _MATERIAL_LABELS:
        return next((t for t in _MATERIAL_LABELS if t in labels), ours)
    return OURS_TO_GOLD.get(ours, ours)


@dataclass
class GoldDoc:
    id: str
    text: str
    keys: list[str]
    typed: list[tuple[str, str]] = field(default_factory=list)  # (phrase, our type)
    uncontrolled: list[str] | None = None  # Inspec: the free-text keys alone, when the file tells them apart


@functools.lru_cache(maxsize=1)
def _stemmer():
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer()


@functools.lru_cache(maxsize=200_000)
def stem_phrase(phrase: str) -> str:
    s = _stemmer()
    return " ".join(s.stem(t) for t in _SPLIT.split(phrase.lower()) if t)


# ---- gold readers -----------------------------------------------------------------------


def read_inspec(path: Path) -> list[GoldDoc]:
    """Inspec as docs/N.txt + keys/N.key (the dev set's layout; "docsutf8" as SIFRank ships it),
    or as Hulth's own N.abstr + N.uncontr + N.contr files."""
    docs_dir = next((path / d for d in ("docs", "docsutf8") if (path / d).is_dir()), None)
    keys_dir = path / "keys"
    if docs_dir is None or not keys_dir.is_dir():
        abstracts = sorted(path.rglob("*.abstr"), key=_by_number) if path.is_dir() else []
        if abstracts:
            return _read_hulth(abstracts)
        raise UsageError(
            f"{path} is not an Inspec folder (expected docs/ and keys/, or Hulth's .abstr, .uncontr and .contr files)"
        )
    out = []
    for doc in sorted(docs_dir.glob("*.txt"), key=_by_number):
        key_file = keys_dir / f"{doc.stem}.key"
        if not key_file.exists():
            continue
        raw = key_file.read_bytes().decode("utf-8", errors="replace")
        keys = [k.strip() for k in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
        out.append(GoldDoc(doc.stem, _title_and_abstract(doc), [k for k in keys if k], uncontrolled=_uncontrolled(raw)))
    return out


def _by_number(p: Path) -> tuple[int, str]:
    return (len(p.stem), p.stem)


def _title_and_abstract(doc: Path) -> str:
    """A title line, then the abstract; a line starting with a tab continues the one before (titles wrap too)."""
    parts: list[str] = []
    for line in doc.read_text(encoding="utf-8", errors="replace").replace("\r", "").split("\n"):
        if line.startswith(("\t", " ")) and parts:
            parts[-1] += " " + line.strip()
        elif line.strip():
            parts.append(line.strip())
    title = parts[0] if parts else ""
    body = " ".join(parts[1:])
    return f"{title}. {body}" if body else title


def _read_hulth(abstracts: list[Path]) -> list[GoldDoc]:
    """Hulth (2003): keys separated by semicolons, lines wrapped with a tab, inside or between keys."""

    def keys(f: Path) -> list[str]:
        if not f.exists():
            return []
        raw = f.read_text(encoding="utf-8", errors="replace")
        return [k.strip() for k in re.sub(r"\s*\n\s*", " ", raw).split(";") if k.strip()]

    out = []
    for doc in abstracts:
        free, thesaurus = keys(doc.with_suffix(".uncontr")), keys(doc.with_suffix(".contr"))
        if free or thesaurus:
            out.append(GoldDoc(doc.stem, _title_and_abstract(doc), free + thesaurus, uncontrolled=free))
    return out


def _uncontrolled(raw: str) -> list[str] | None:
    """The uncontrolled keys of an Inspec .key file, or None when they cannot be told apart.

    The files join Hulth's .uncontr and .contr lists, each of which ended with a
    CRLF: the first CRLF closes the uncontrolled (free-text) list. Published
    Inspec results (SIFRank, EmbedRank, PromptRank) score against that list
    alone; the controlled terms come from the INSPEC thesaurus and are mostly
    absent from the abstract.
    """
    if "\r\n" not in raw:
        return None
    first = raw.split("\r\n", 1)[0].replace("\r", "\n")
    return [k.strip() for k in first.split("\n") if k.strip()]


def read_brat(path: Path) -> list[GoldDoc]:
    files = sorted(path.rglob("*.ann")) if path.is_dir() else [path]
    out = []
    for ann in files:
        txt = ann.with_suffix(".txt")
        if not txt.exists():
            continue
        keys, typed = [], []
        for line in ann.read_text(encoding="utf-8").split("\n"):
            if not line.startswith("T"):
                continue
            parts = line.split("\t")
            if len(parts) < 3:
                raise InputError(f"{ann}: malformed brat line {line!r}")
            label = parts[1].split(" ", 1)[0]
            keys.append(parts[2])
            if label in BRAT_TYPES:
                typed.append((parts[2], BRAT_TYPES[label]))
        out.append(GoldDoc(ann.stem, txt.read_text(encoding="utf-8"), keys, typed))
    return out


# SciERC's tokens escape brackets the Penn Treebank way; read as written they become words ("RRB")
_PTB_BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}


def read_scierc(path: Path) -> list[GoldDoc]:
    """SciERC's JSON lines: a file, or a folder of them (``dev.json``, or ``test.jsonl`` as some copies name it)."""
    files = sorted(p for p in path.glob("*.json*") if p.suffix in (".json", ".jsonl")) if path.is_dir() else [path]
    out = []
    for f in files:
        for lineno, line in enumerate(f.read_text(encoding="utf-8").split("\n"), 1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
            except json.JSONDecodeError as e:
                raise InputError(f"{f}:{lineno}: invalid JSON ({e.msg})") from e
            tokens = [_PTB_BRACKETS.get(t, t) for sent in doc["sentences"] for t in sent]
            keys, typed = [], []
            for sent in doc["ner"]:
                for start, end, label in sent:
                    phrase = " ".join(tokens[start : end + 1])
                    keys.append(phrase)
                    if label in SCIERC_TYPES:
                        typed.append((phrase, SCIERC_TYPES[label]))
            text = " ".join(tokens)
            out.append(GoldDoc(doc["doc_key"], text, keys, typed))
    return out


READERS: dict[str, Callable[[Path], list[GoldDoc]]] = {"inspec": read_inspec, "brat": read_brat, "scierc": read_scierc}


# ---- scoring ------------------------------------------------------------------------------


def f1_at_k(predictions: Sequence[Sequence[str]], golds: Sequence[Iterable[str]], k: int) -> dict[str, float]:
    """Mean P, R, F1 over documents for the top-k predictions (the protocol above)."""
    ps, rs, fs = [], [], []
    for pred, gold in zip(predictions, golds, strict=True):
        gold_set = {stem_phrase(g) for g in gold} - {""}
        seen: list[str] = []
        for p in pred:
            sp = stem_phrase(p)
            if sp and sp not in seen:
                seen.append(sp)
        top = seen[:k]
        hits = sum(1 for p in top if p in gold_set)
        p = hits / min(k, len(seen)) if seen else 0.0
        r = hits / len(gold_set) if gold_set else 0.0
        f = 2 * p * r / (p + r) if hits else 0.0
        ps.append(p)
        rs.append(r)
        fs.append(f)
    n = max(len(fs), 1)
    return {"P": 100 * sum(ps) / n, "R": 100 * sum(rs) / n, "F1": 100 * sum(fs) / n}


def typed_scores(
    predictions: Sequence[Sequence[tuple[str, str]]], golds: Sequence[Sequence[tuple[str, str]]]
) -> dict[str, dict[str, float]]:
    """Per-type and micro P/R/F1 over (stemmed phrase, type) pairs, pooled over documents.

    Only predictions whose type exists in the gold label set are scored; our
    'other' claims nothing.
    """
    labels = sorted({t for g in golds for _, t in g})
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for pred, gold in zip(predictions, golds, strict=True):
        gold_set = {(stem_phrase(p), t) for p, t in gold}
        pred_set = {(stem_phrase(p), gold_label(t, labels)) for p, t in pred}
        pred_set = {(p, t) for p, t in pred_set if t in labels and p}
        for p, t in pred_set:
            (tp if (p, t) in gold_set else fp)[t] += 1
        for _p, t in gold_set - pred_set:
            fn[t] += 1
    out = {}
    for t in [*labels, "micro"]:
        a = sum(tp.values()) if t == "micro" else tp[t]
        b = sum(fp.values()) if t == "micro" else fp[t]
        c = sum(fn.values()) if t == "micro" else fn[t]
        p = a / (a + b) if a + b else 0.0
        r = a / (a + c) if a + c else 0.0
        out[t] = {"P": 100 * p, "R": 100 * r, "F1": 100 * (2 * p * r / (p + r) if p + r else 0.0), "predicted": a + b}
    return out


def claim_precision(
    predictions: Sequence[Sequence[tuple[str, str]]], golds: Sequence[Sequence[tuple[str, str]]]
) -> dict[str, dict[str, float]]:
    """Precision of each of our types on its own, where several fold onto one gold label.

    ScienceIE's Material answers both our 'dataset' and our 'material'; this
    shows how often each claim is right, so no type hides behind another.
    """
    labels = sorted({t for g in golds for _, t in g})
    right: Counter[str] = Counter()
    made: Counter[str] = Counter()
    for pred, gold in zip(predictions, golds, strict=True):
        gold_set = {(stem_phrase(p), t) for p, t in gold}
        claims = {(stem_phrase(p), t) for p, t in pred if gold_label(t, labels) in labels}
        for p, t in claims:
            if p:
                made[t] += 1
                right[t] += (p, gold_label(t, labels)) in gold_set
    return {t: {"predicted": made[t], "P": 100 * right[t] / made[t]} for t in sorted(made)}


def majority_type(golds: Sequence[Sequence[tuple[str, str]]]) -> str:
    counts = Counter(t for g in golds for _, t in g)
    return counts.most_common(1)[0][0]


def evaluate(
    gold_format: str,
    path: Path,
    extractor: Callable[[list[str]], list[list[tuple[str, str]]]],
    ks: Sequence[int] = (5, 10, 15),
) -> dict:
    """Run ``extractor`` (texts -> [(phrase, type), ...] per text, best first) and score it."""
    if gold_format not in READERS:
        raise UsageError(f"unknown gold format {gold_format!r}; choose one of {', '.join(READERS)}")
    if not path.exists():
        raise UsageError(f"path does not exist: {path}")
    docs = READERS[gold_format](path)
    if not docs:
        raise UsageError(f"no gold documents found under {path}")
    preds = extractor([d.text for d in docs])
    phrases = [[p for p, _ in doc] for doc in preds]
    result: dict = {"documents": len(docs), "gold_keys_per_doc": sum(len(d.keys) for d in docs) / len(docs)}
    for k in ks:
        result[f"F1@{k}"] = f1_at_k(phrases, [d.keys for d in docs], k)
    if all(d.uncontrolled is not None for d in docs):
        # the headline stays the README protocol (all keys); this one compares with published Inspec numbers
        result["uncontrolled"] = {f"F1@{k}": f1_at_k(phrases, [d.uncontrolled for d in docs], k) for k in ks}
    if any(d.typed for d in docs):
        golds = [d.typed for d in docs]
        result["typed"] = typed_scores(preds, golds)
        result["claims"] = claim_precision(preds, golds)
        major = majority_type(golds)
        result["majority_type"] = major
        result["majority_baseline"] = typed_scores([[(p, major) for p, _ in doc] for doc in preds], golds)
    return result


# ---- extractors compared by `conceptgraph eval` ------------------------------------------


def conceptgraph_extractor(top_n: int, progress=None, min_score: float | None = None) -> Callable[[list[str]], list]:
    """Our extractor as users get it: the default ``min_score`` unless told otherwise.

    Scoring the keyphrases `build` keeps (not a padded top-n) is the honest
    measure; the protocol's P = hits / min(K, predictions) then rewards
    leaving out weak candidates, just as a reader does.
    """

    def run(texts: list[str]) -> list[list[tuple[str, str]]]:
        from concepts.extract import ExtractSettings, extract_ranked
        from concepts.normalize import AcronymResolver, concept_key
        from concepts.typing_rules import classify_all, context_of

        chosen = {} if min_score is None else {"min_score": min_score}
        ranked = extract_ranked(texts, ExtractSettings(top_n=top_n, **chosen), progress=progress)
        # an acronym is typed as its definition in the same text ("DFT" as "density functional theory"),
        # as the graph build does
        resolver = AcronymResolver.of((str(i), text) for i, text in enumerate(texts))
        items = []
        for i, (text, kws) in enumerate(zip(texts, ranked, strict=True)):
            context = [context_of(text)]
            for p, _ in kws:
                key = concept_key(p)
                full = resolver.resolve(key, str(i), {})
                items.append((full, (key,) if full != key else (), context))
        types = iter(d.type for d in classify_all(items))
        return [[(p, next(types)) for p, _ in kws] for kws in ranked]

    return run


def keybert_extractor(top_n: int, progress=None) -> Callable[[list[str]], list]:
    """KeyBERT as a new user calls it: 1-3 grams, English stop words, same model."""

    def run(texts: list[str]) -> list[list[tuple[str, str]]]:
        from concepts.model import keybert

        kws = keybert().extract_keywords(texts, keyphrase_ngram_range=(1, 3), stop_words="english", top_n=top_n)
        if texts and kws and isinstance(kws[0], tuple):
            kws = [kws]
        if progress:
            progress(len(texts))
        return [[(k, "other") for k, _ in doc] for doc in kws]

    return run


def yake_extractor(top_n: int, progress=None) -> Callable[[list[str]], list]:
    def run(texts: list[str]) -> list[list[tuple[str, str]]]:
        try:
            import yake
        except ImportError as e:
            raise UsageError("YAKE is not installed: pip install yake") from e
        kw = yake.KeywordExtractor(lan="en", n=3, top=top_n)
        out = []
        for t in texts:
            out.append([(k, "other") for k, _ in kw.extract_keywords(t)])
            if progress:
                progress(1)
        return out

    return run


EXTRACTORS = {"conceptgraph": conceptgraph_extractor, "keybert": keybert_extractor, "yake": yake_extractor}

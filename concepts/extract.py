"""Keyphrase extraction: noun-phrase candidates, ranked by KeyBERT plus measured signals.

KeyBERT ranks candidates by embedding similarity to the document. We hand it
our noun-phrase candidates through a CountVectorizer analyzer (instead of raw
n-grams) and many documents per call, with the phrase embeddings computed once
per batch and reused for MMR. The similarity is then adjusted by signals
measured on the development sets (bench/tune_keyphrases.py):

* context: the phrase's similarity to its best-matching sentence, with
  sentence vectors pooled from the same transformer pass that gives the
  document vector (no extra model call);
* position: phrases that appear early (title, first sentence) name the topic;
* nesting: a phrase held by longer candidates ("Euler method" in "implicit
  Euler method") counts each against it, since its occurrences are also
  theirs (frequency itself adds nothing once attention counts);
* length: single words are usually too broad, 4+ word phrases too specific;
* centrality: how close a phrase is to the document's other candidates;
* attention: how much attention the phrase's word pieces receive from the
  rest of the text in the model's last layer (SAMRank's global attention),
  read from the same pass;
* corpus specificity (applied by :func:`rerank_with_corpus` once the corpus is
  known): a phrase that is a candidate in many documents says little about
  any one of them;
* corpus keyphraseness (applied with it): a phrase that the other documents
  holding it rank among their best is a concept there and here too, and so,
  more weakly, is one whose head word ("... algorithm") they rank so;
* one slot per concept: an acronym its text defines is written as its
  definition, and of two top phrases where one holds the other the lower
  gives way (W_NESTED).

Per-document results (the cache's unit) never depend on other documents.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import json
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from importlib import resources
from typing import TYPE_CHECKING

import numpy as np

from concepts.candidates import candidates, stopwords, word_list
from concepts.model import MODEL_NAME, encoding
from concepts.normalize import concept_key, paper_acronyms

if TYPE_CHECKING:
    import torch

# bump when candidate generation, ranking or concept_key changes (stored candidate keys use it), so cached
# results are not reused (the weights below are part of the cache key already)
EXTRACTOR_VERSION = "55"

# weights measured with bench/rank_features.py: one logistic fit over the Inspec and ScienceIE
# development sets (equal weight per set), scaled so that the similarity terms sum to 1. Corpus
# specificity barely moves F1 there (+-0.1), and a strong penalty would cut a topical corpus's
# recurring concepts out of the papers about them, so it only breaks ties. With attention in the fit,
# centrality no longer counts against a phrase: what its words receive says better whether it is the
# topic. A phrase's occurrences count inside the longer candidates that hold it ("euler method" in
# "implicit euler method"), so each of those counts against it, and frequency, which the fit then
# weighs at -0.008, is no term.
W_CONTEXT = 0.636  # best-sentence similarity; the document cosine gets 1 - W_CONTEXT
W_POSITION = 0.092
W_SINGLE_WORD = -0.348
W_LONG = -0.555
W_CENTRAL = 0.195
# a single word written with two or more capitals (acronym, formula or CamelCase name: "DFT", "Y2O3",
# "ResNet") names a thing; the fit's weight (0.842 before the nesting term) gave the largest sum of F1@10
# over the three dev sets against 0.5 and 0.65 (132.30 against 131.82 and 132.24)
W_NAME = 0.854
# last-layer attention received: log1p of the word-piece sum over all occurrences, less what one
# occurrence of a two-piece phrase receives on average (log 3), so that scores keep their scale: the
# default min_score keeps about as many of Inspec's keyphrases as before the nesting term replaced frequency
W_ATTENTION = 0.562
ATTENTION_CENTRE = math.log(3)
W_INSIDE = -0.361  # per log1p of the candidates that hold the phrase
W_SPECIFICITY = 0.05
# corpus keyphraseness (the share of other papers that rank a phrase among their 10 best): +0.17 F1@10 on
# Inspec, +0.10 ScienceIE, +0.15 SciERC; flat from 0.1 to 0.4 and from the top 8 to the top 15, and a gain on
# each half of each set, also when only that half is the corpus
W_KEYPHRASENESS = 0.2
# ... and of its head word (the share of other papers holding "... algorithm"s that rank one among their 10
# best): with it, Inspec +0.09, ScienceIE +0.27, SciERC +0.31 more (0.2: +0.07, 0.00, +0.05; 0.4: +0.09, +0.19,
# +0.24); cut into corpora of 100 papers, +0.05, +0.29, +0.20 (both terms: +0.11, +0.37, +0.27)
W_HEAD_KEYPHRASENESS = 0.3
KEYPHRASENESS_TOP = 10
KEYPHRASENESS_SPREAD = 0.05
# of two phrases among a paper's top_n where one holds the other ("sliding mode", "sliding mode control"), the
# lower gives way by this much, so that a distinct concept may take its slot; and an acronym the paper defines
# is written as its definition (spell_acronyms), so the two take one slot. Inspec's indexers list each concept
# once, ScienceIE's and SciERC's annotators mark every span, so this trades: with spelled acronyms, F1@10 at
# 0 / 0.3 / 0.5 / 0.7 / 1.0 was Inspec 39.61 / 40.00 / 40.08 / 40.00 / 39.82, ScienceIE 41.38 / 40.87 / 40.69 /
# 40.49 / 40.21, SciERC 53.35 / 53.27 / 52.89 / 52.74 / 52.53 (float32, one extraction re-ranked, at candidates a
# filler word short of these: shipped, 40.12, 40.65, 52.89). 0.5 is
# Inspec's best and keeps the others far above their targets; a concept map wants one node per concept in a
# paper's list, and the graph merges an acronym with its definition anyway (bench/convention_trades.py)
W_NESTED = 0.5
POOL_FACTOR = 2  # keep this many times top_n per document for corpus-level re-ranking


@dataclass(frozen=True)
class ExtractSettings:
    top_n: int = 10
    min_score: float = 0.25

    def cache_key(self) -> str:
        """Identifies results: model + extractor version + word lists + every setting."""
        weights = {k: v for k, v in globals().items() if k.startswith("W_") or k in ("POOL_FACTOR", "ATTENTION_CENTRE")}
        payload = json.dumps(
            {"model": MODEL_NAME, "v": EXTRACTOR_VERSION, "data": _word_lists_hash(), "w": weights, **asdict(self)},
            sort_keys=True,
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
    """Lower-cased candidate -> first surface form, one per concept, generic filler removed."""
    return {low: forms[0] for low, forms in doc_candidate_forms(text).items()}


def doc_candidate_forms(text: str) -> dict[str, list[str]]:
    """Lower-cased candidate -> every surface form of its concept in ``text``, the first written first.

    Variants of one concept ("fault-free processor", "fault-free processors")
    are one candidate: two would take two of a paper's top-n places for one
    concept, and split its frequency between them.
    """
    out: dict[str, list[str]] = {}
    first: dict[str, str] = {}  # concept key -> the candidate that stands for it
    for c in candidates(text):
        low = c.text.lower()
        if is_generic(low):
            continue
        key = concept_key(c.text)
        if key not in first:
            first[key] = low
            out[low] = [c.text]
        elif c.text not in out[first[key]]:
            out[first[key]].append(c.text)
    return out


def _wordish(ch: str) -> bool:
    return ch.isalnum() or ch in "_-"


def _occurrences(text_low: str, phrase_low: str) -> list[int]:
    """Offsets of ``phrase_low`` as whole words (not inside a longer word or hyphenated term).

    Plain string search, not a regex per phrase: compiling one pattern for each
    of thousands of candidates cost more than the search itself.
    """
    out: list[int] = []
    n, i = len(phrase_low), text_low.find(phrase_low) if phrase_low else -1
    while i >= 0:
        j = i + n
        if not (i and _wordish(text_low[i - 1])) and not (j < len(text_low) and _wordish(text_low[j])):
            out.append(i)
            i = text_low.find(phrase_low, j)
        else:
            i = text_low.find(phrase_low, i + 1)
    return out


def local_scores(
    text: str,
    phrases: Sequence[str],
    cosine: Sequence[float],
    context: Sequence[float] | None = None,
    central: Sequence[float] | None = None,
    forms: Sequence[Sequence[str]] | None = None,
    attention: TokenAttention | None = None,
) -> list[float]:
    """Similarity adjusted by context, position, length, centrality, attention and nesting (no corpus statistics).

    ``phrases`` are all of the text's candidates, since each one held by a longer
    one scores less. ``context`` is each phrase's similarity to its best sentence (the document
    cosine when not given); ``central`` its mean similarity to the document's
    other candidates (0 when not given); ``forms`` the surface forms whose
    occurrences count as the phrase's (the phrase alone when not given);
    ``attention`` the text's last-layer attention, of which a phrase scores what
    its occurrences receive (nothing when not given).
    """
    low = text.lower()
    n = max(len(text), 1)
    inside = _containing(phrases)
    context = cosine if context is None else context
    central = [0.0] * len(phrases) if central is None else central
    forms = [[p] for p in phrases] if forms is None else forms
    out = []
    for phrase, cos, ctx, cen, written, within in zip(phrases, cosine, context, central, forms, inside, strict=True):
        spans = {(i, i + len(form)) for form in written for i in _occurrences(low, form.lower())}
        first = min(a for a, _ in spans) / n if spans else 1.0
        drawn = (
            math.log1p(sum(attention.of(a, b) for a, b in spans)) - ATTENTION_CENTRE if attention is not None else 0.0
        )
        words = len(phrase.split())
        score = (
            (1 - W_CONTEXT) * cos
            + W_CONTEXT * ctx
            + W_POSITION * (1 - first)
            + W_SINGLE_WORD * (words == 1)
            + W_LONG * (words >= 4)
            + W_CENTRAL * cen
            + W_NAME * name_like(phrase)
            + W_ATTENTION * drawn
            + W_INSIDE * math.log1p(within)
        )
        out.append(score)
    return out


def _containing(phrases: Sequence[str]) -> list[int]:
    """For each phrase, how many of the others hold it whole ("euler method" in "implicit euler method").

    Its occurrences and the attention they receive include those inside the longer
    phrases, so a part would otherwise outscore the whole it was read from.
    """
    padded = [f" {p.lower()} " for p in phrases]
    return [sum(1 for other in padded if other != me and me in other) for me in padded]


def name_like(phrase: str) -> bool:
    """One word with two or more capitals: an acronym, a formula or a CamelCase name."""
    return " " not in phrase and sum(ch.isupper() for ch in phrase) >= 2


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _sentence_bounds(text: str) -> list[int]:
    """Character offsets where the sentences of ``text`` start, then its length."""
    return [0, *(m.end() for m in _SENTENCE_END.finditer(text)), len(text)]


def _windows(bounds: Sequence[int], starts: Sequence[int], limit: int) -> list[tuple[int, int]]:
    """Character spans that cover a text in pieces of at most ``limit`` tokens, cut at sentence ends.

    ``bounds`` come from :func:`_sentence_bounds`; ``starts`` are the character
    offsets where the text's tokens begin. A sentence longer than the window is
    cut between tokens.
    """
    if len(starts) <= limit:
        return [(0, bounds[-1])]
    token_at = [bisect.bisect_left(starts, b) for b in bounds]  # tokens before each sentence start
    spans: list[tuple[int, int]] = []
    a = 0  # index into bounds of the current window's start
    while a < len(bounds) - 1:
        b = a + 1
        while b + 1 < len(bounds) and token_at[b + 1] - token_at[a] <= limit:
            b += 1
        if token_at[b] - token_at[a] <= limit:
            spans.append((bounds[a], bounds[b]))
        else:  # one sentence longer than the window: cut it between tokens
            first, last = token_at[a], token_at[b]
            cuts = [*range(first, last, limit), last]
            edges = [bounds[a], *(starts[i] for i in cuts[1:-1]), bounds[b]]
            spans += list(zip(edges, edges[1:]))
        a = b
    return spans


@dataclass(frozen=True)
class TokenAttention:
    """The attention each word piece of a text receives in the model's last layer, by character span.

    ``received[i]`` sums, over the text's other word pieces, the share of their
    attention that goes to piece ``i`` (mean over heads, [CLS] and [SEP] left
    out), so it averages 1 per piece. Pieces the model reads as the text's
    topic draw more: SAMRank's global attention score.
    """

    starts: np.ndarray
    ends: np.ndarray
    received: np.ndarray

    def of(self, start: int, end: int) -> float:
        """Attention received by the pieces inside ``text[start:end]``."""
        inside = (self.starts >= start) & (self.ends <= end)
        return float(self.received[inside].sum())


def _last_layer_received(bert, hidden: torch.Tensor, mask: torch.Tensor) -> np.ndarray:
    """Per window and word piece, the attention received in ``bert``'s last layer from the window's real pieces.

    ``hidden`` is the last layer's input; its query and key projections give the
    attention probabilities, so the forward pass keeps its fast attention kernel
    (asking the model for attentions would switch every layer to the slow one).
    ``mask`` is true on real pieces (no [CLS], [SEP] or padding), which alone attend and receive.
    Runs in float32 even when the model pass runs in bfloat16.
    """
    import torch

    att = bert.encoder.layer[-1].attention.self
    heads, size = att.num_attention_heads, att.attention_head_size
    hidden = hidden.float()  # outside autocast: attention shares are small numbers, bfloat16 rounds them coarsely
    b, t, _ = hidden.shape
    q = att.query(hidden).view(b, t, heads, size).transpose(1, 2)
    k = att.key(hidden).view(b, t, heads, size).transpose(1, 2)
    scores = q @ k.transpose(-1, -2)  # b x heads x queries x keys
    real = mask.float()
    scores.mul_(1 / math.sqrt(size)).add_(((real - 1) * 1e9)[:, None, None, :])  # no attention to non-real keys
    probs = torch.softmax(scores, dim=-1)
    # only real pieces attend; one pass sums over the queries and averages over the heads
    return (torch.einsum("bhqk,bq->bk", probs, real) / heads).cpu().numpy()


def encode_documents(model, texts: Sequence[str]) -> tuple[np.ndarray, list[np.ndarray], list[TokenAttention]]:
    """Unit document vectors, unit sentence vectors and last-layer attention per text, from one transformer pass.

    A text that fits the model's window gets the model's own document vector
    (the normalized mean of its token vectors). A longer one is read in windows
    cut at sentence ends, and its document vector is the token-weighted mean of
    the windows', so the end of a long abstract counts too. A sentence vector is
    the mean of the token vectors inside that sentence. Attention is counted
    within each window (see :class:`TokenAttention`).
    """
    import torch

    stripped = [t.strip() for t in texts]  # sentence-transformers strips before tokenizing
    limit = model.get_max_seq_length() - 2  # room for [CLS] and [SEP]
    full = model.tokenizer(stripped, return_offsets_mapping=True, add_special_tokens=False, verbose=False)
    bounds_of = [_sentence_bounds(text) for text in stripped]
    pieces: list[tuple[int, int, str]] = []  # (text index, character offset, window text)
    for i, (text, offsets) in enumerate(zip(stripped, full["offset_mapping"], strict=True)):
        for a, b in _windows(bounds_of[i], [s for s, _ in offsets], limit):
            pieces.append((i, a, text[a:b].rstrip()))
    windows = [w for _, _, w in pieces]
    bert = model[0].auto_model
    device = next(bert.parameters()).device
    vecs_of: list[list[np.ndarray]] = [[] for _ in texts]
    spans_of: list[list[np.ndarray]] = [[] for _ in texts]
    recv_of: list[list[np.ndarray]] = [[] for _ in texts]
    order = sorted(range(len(windows)), key=lambda j: len(windows[j]))  # little padding, as sentence-transformers
    done: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = {}
    for at in range(0, len(order), 8):
        chunk = order[at : at + 8]
        enc = model.tokenizer(
            [windows[j] for j in chunk],
            return_offsets_mapping=True,
            truncation=True,
            max_length=limit + 2,
            padding=True,
            return_tensors="pt",
        )
        offsets = enc.pop("offset_mapping").numpy()
        real = offsets[:, :, 1] > offsets[:, :, 0]  # [CLS], [SEP] and padding have empty spans
        enc = {k: v.to(device) for k, v in enc.items()}
        with torch.inference_mode():
            with encoding():
                out = bert(**enc, output_hidden_states=True)
            received = _last_layer_received(bert, out.hidden_states[-2], torch.from_numpy(real).to(device))
        hidden = out.last_hidden_state.float().cpu().numpy()
        lengths = enc["attention_mask"].sum(dim=1).cpu().numpy()
        for row, j in enumerate(chunk):
            n = int(lengths[row])
            done[j] = (hidden[row, :n], offsets[row, :n], real[row, :n], received[row, :n])
    for j, (i, a, _) in enumerate(pieces):
        vecs, spans, real, recv = done[j]  # a piece that is not real receives nothing
        vecs_of[i].append(vecs)
        spans_of[i].append(np.where(real[:, None], spans + a, -1))
        recv_of[i].append(recv)
    docs, sentences, attention = [], [], []
    for text, bounds, vecs_list, spans_list, recv_list in zip(
        texts, bounds_of, vecs_of, spans_of, recv_of, strict=True
    ):
        vecs = np.concatenate(vecs_list)
        doc = vecs.mean(axis=0)
        docs.append(doc / (np.linalg.norm(doc) or 1.0))
        spans = np.concatenate(spans_list)
        real = spans[:, 0] >= 0
        lead = len(text) - len(text.lstrip())  # attention spans count in the text as given
        attention.append(TokenAttention(spans[real, 0] + lead, spans[real, 1] + lead, np.concatenate(recv_list)[real]))
        sent: list[np.ndarray] = []
        for a, b in zip(bounds, bounds[1:]):
            inside = real & (spans[:, 0] >= a) & (spans[:, 1] <= b)
            if inside.any():
                v = vecs[inside].mean(axis=0)
                sent.append(v / (np.linalg.norm(v) or 1.0))
        sentences.append(np.array(sent, dtype=np.float32).reshape(len(sent), vecs.shape[1]))
    return np.array(docs, dtype=np.float32), sentences, attention


Keyphrases = list[tuple[str, float]]


def extract(
    texts: Sequence[str],
    settings: ExtractSettings = ExtractSettings(),
    batch_size: int = 64,
    progress: Callable[[int], None] | None = None,
    on_batch: Callable[[int, list[Keyphrases], list[list[str]]], None] | None = None,
    pool: bool = False,
) -> list[Keyphrases]:
    """Top keyphrases (surface form, score) for each text, in input order, best first.

    With ``pool`` the list per text is POOL_FACTOR x top_n long and unfiltered by
    min_score, for :func:`rerank_with_corpus` to re-rank against the corpus.
    ``on_batch(offset, results, candidate_keys)`` is called after each batch so
    callers can commit work as it is done (an interrupted run then loses at most
    a batch); ``candidate_keys`` holds each text's :func:`candidate_keys`, which
    corpus specificity needs and which cost a second pass over the text to redo.
    """
    from sklearn.feature_extraction.text import CountVectorizer

    from concepts.model import keybert, sentence_model

    kb = keybert()
    model = sentence_model()
    keep = settings.top_n * (POOL_FACTOR if pool else 1)
    seen: dict[str, np.ndarray] = {}  # phrase vectors of earlier batches: a topic's phrases recur
    results: list[Keyphrases] = []
    for offset in range(0, len(texts), batch_size):
        batch = list(texts[offset : offset + batch_size])
        forms = [doc_candidate_forms(t) for t in batch]
        surfaces = [{low: f[0] for low, f in fs.items()} for fs in forms]
        out: list[Keyphrases] = [[] for _ in batch]
        vocab = sorted({k for s in surfaces for k in s})
        if vocab:
            per_doc = {t: list(s) for t, s in zip(batch, surfaces, strict=True)}
            vectorizer = CountVectorizer(analyzer=functools.partial(_analyze, per_doc), lowercase=False)
            vectorizer.fit(batch)
            words = list(vectorizer.get_feature_names_out())
            word_vecs = _phrase_vectors(model, words, seen)
            doc_vecs, sentence_vecs, attention = encode_documents(model, batch)
            raw = kb.extract_keywords(
                batch, vectorizer=vectorizer, top_n=len(words), doc_embeddings=doc_vecs, word_embeddings=word_vecs
            )
            if len(batch) == 1:  # KeyBERT unwraps single-document results
                raw = [raw]
            index = {w: i for i, w in enumerate(words)}
            for d, (text, kws, form) in enumerate(zip(batch, raw, forms, strict=True)):
                if not kws:
                    continue
                phrases = [k for k, _ in kws]
                vecs = word_vecs[[index[p] for p in phrases]]
                cosine = [s for _, s in kws]
                sents = sentence_vecs[d]
                context = (vecs @ sents.T).max(axis=1) if len(sents) else cosine
                central = ((vecs @ vecs.T).sum(axis=1) - 1) / max(len(phrases) - 1, 1)
                written = [form.get(p, [p]) for p in phrases]
                scores = np.array(
                    local_scores(text, [f[0] for f in written], cosine, context, central, written, attention[d])
                )
                # MMR diversity was measured and loses (ScienceIE F1@10 37.41, 37.39 at 0.1, 37.05 at 0.2)
                picked = [int(i) for i in np.argsort(-scores, kind="stable")[:keep]]
                ranked = spell_acronyms(text, [(written[i][0], round(float(scores[i]), 4)) for i in picked])
                out[d] = ranked if pool else [(p, s) for p, s in ranked if s >= settings.min_score]
        if on_batch is not None:
            on_batch(offset, out, [_keys_of(s) for s in surfaces])
        results.extend(out)
        if progress is not None:
            progress(len(batch))
    return results


PHRASE_MEMORY = 200_000  # phrase vectors kept across batches (about 300 MB at most)


def _phrase_vectors(model, words: list[str], seen: dict[str, np.ndarray]) -> np.ndarray:
    """Unit vectors of ``words``, encoding only those not in ``seen`` (which is updated)."""
    new = [w for w in words if w not in seen]
    if new:
        if len(seen) + len(new) > PHRASE_MEMORY:
            seen.clear()  # forget earlier batches, so this batch's known phrases are encoded again too
            new = list(words)
        # sentence-transformers sorts by length, so little is padded; 128 measured fastest on CPU in float32
        # (3.33 s for 4,000 phrases, 3.45 at 64) and in bfloat16 (1.85 s, 2.18 at 64)
        with encoding():
            vecs = model.encode(new, batch_size=128, normalize_embeddings=True)
        seen.update(zip(new, vecs, strict=True))
    return np.array([seen[w] for w in words], dtype=np.float32)


def _analyze(per_doc: dict[str, list[str]], doc: str) -> list[str]:
    """CountVectorizer analyzer: the batch's precomputed candidates of ``doc``."""
    return per_doc.get(doc) or list(doc_candidates(doc))


def _keys_of(surfaces: dict[str, str]) -> list[str]:
    return sorted({concept_key(c) for c in surfaces})


def candidate_keys(text: str) -> list[str]:
    """The concept keys of all of a text's candidates (ranked or not), sorted."""
    return _keys_of(doc_candidates(text))


def specificity(texts: Sequence[str]) -> dict[str, float]:
    """Normalized inverse document frequency of each candidate key over the corpus (0 = in every text).

    Counted over every candidate of every text, not only the ranked ones, so a
    phrase's specificity does not depend on how it ranked elsewhere.
    """
    return specificity_of([candidate_keys(t) for t in texts])


def specificity_of(keys_per_text: Sequence[Sequence[str]]) -> dict[str, float]:
    """:func:`specificity` from each text's :func:`candidate_keys`, as :func:`extract` reports them."""
    n = len(keys_per_text)
    df: Counter[str] = Counter()
    for keys in keys_per_text:
        df.update(set(keys))
    if n <= 1:
        return {k: 1.0 for k in df}
    return {k: math.log(n / c) / math.log(n) for k, c in df.items()}


def extract_ranked(
    texts: Sequence[str], settings: ExtractSettings = ExtractSettings(), progress: Callable[[int], None] | None = None
) -> list[Keyphrases]:
    """Top keyphrases per text, re-ranked with the specificity of their candidates among ``texts``."""
    pools, keys = extract_pools(texts, settings, progress)
    return rerank_with_corpus(pools, settings, specificity_of(keys))


def extract_pools(
    texts: Sequence[str], settings: ExtractSettings = ExtractSettings(), progress: Callable[[int], None] | None = None
) -> tuple[list[Keyphrases], list[list[str]]]:
    """Each text's unfiltered pool (:func:`extract` with ``pool``) and its :func:`candidate_keys`: what
    :func:`rerank_with_corpus` and :func:`specificity_of` need to rank any subset of ``texts`` as a corpus."""
    keys: list[list[str]] = []
    pools = extract(texts, settings, progress=progress, pool=True, on_batch=lambda _o, _r, k: keys.extend(k))
    return pools, keys


def rerank_with_corpus(
    pools: Sequence[Keyphrases], settings: ExtractSettings, spec: dict[str, float] | None = None
) -> list[Keyphrases]:
    """Re-rank each document's pool with corpus specificity and keyphraseness, then cut to top_n and min_score.

    ``spec`` comes from :func:`specificity` over the corpus's texts; a phrase it
    does not know counts as fully specific. Keyphraseness (:func:`keyphraseness`)
    comes from the pools themselves.
    """
    spec = spec or {}
    keys = [[concept_key(p) for p, _ in pool] for pool in pools]
    # a phrase unique to its paper keeps its score; one that is a candidate everywhere loses W_SPECIFICITY
    adjusted = [
        [round(s - W_SPECIFICITY * (1 - spec.get(k, 1.0)), 4) for (_, s), k in zip(pool, ks, strict=True)]
        for pool, ks in zip(pools, keys, strict=True)
    ]
    shares = keyphraseness(keys, adjusted)
    heads = head_keyphraseness(keys, adjusted)
    out = []
    for pool, scores, share, head in zip(pools, adjusted, shares, heads, strict=True):
        rescored = [
            (p, round(s + W_KEYPHRASENESS * h + W_HEAD_KEYPHRASENESS * hh, 4))
            for (p, _), s, h, hh in zip(pool, scores, share, head, strict=True)
        ]
        rescored.sort(key=lambda t: -t[1])
        rescored = demote_nested(rescored, settings.top_n)
        out.append([(p, s) for p, s in rescored[: settings.top_n] if s >= settings.min_score])
    return out


def spell_acronyms(text: str, ranked: Keyphrases) -> Keyphrases:
    """``ranked`` with each acronym that ``text`` defines ("density functional theory (DFT)") written as its
    definition, which keeps the better of the two places when both are ranked: one concept, one entry."""
    defs = {concept_key(short): long for short, long in paper_acronyms(text).items()}
    if not defs:
        return ranked
    out: Keyphrases = []
    seen: set[str] = set()
    for phrase, score in ranked:
        phrase = defs.get(concept_key(phrase), phrase)
        key = concept_key(phrase)
        if key not in seen:
            seen.add(key)
            out.append((phrase, score))
    return out


def demote_nested(ranked: Keyphrases, top: int) -> Keyphrases:
    """Of two phrases among the ``top`` best where one holds the other ("neural network", "recurrent neural
    network"), the lower-ranked one gives way by W_NESTED, so that a distinct concept may take its place."""
    padded = [f" {concept_key(p)} " for p, _ in ranked[:top]]
    scores = [s for _, s in ranked]
    for a in range(len(padded)):
        for b in range(a + 1, len(padded)):
            if padded[a] != padded[b] and (padded[a] in padded[b] or padded[b] in padded[a]):
                scores[b] -= W_NESTED
    return sorted(((p, round(s, 4)) for (p, _), s in zip(ranked, scores, strict=True)), key=lambda t: -t[1])


def keyphraseness(keys: Sequence[Sequence[str]], scores: Sequence[Sequence[float]]) -> list[list[float]]:
    """For each phrase of each pool: the share of the other pools holding it that rank it among their
    KEYPHRASENESS_TOP best (0 where no other pool holds it).

    KEA's keyphraseness, with our own rankings in place of gold keys: a term that
    other papers put at their top names a concept ("genetic algorithm"), one they
    hold but rank low is a phrase of their wording ("experimental results").
    """
    # a phrase in more than one pool in 20 is a term of the whole corpus: whether it is a hub is the relevance
    # filter's call (concepts/relevance.py), and raising it in every paper would make it one
    return _top_shares(keys, scores, most=max(3, KEYPHRASENESS_SPREAD * len(keys)))


def head_keyphraseness(keys: Sequence[Sequence[str]], scores: Sequence[Sequence[float]]) -> list[list[float]]:
    """:func:`keyphraseness` of each phrase's head word: of the other pools holding a phrase with that head,
    the share that rank one among their best. It speaks for phrases no other paper holds: where the corpus's
    "... algorithm"s are its papers' keyphrases and its "... results" are not, so are this paper's."""
    return _top_shares([[k.rsplit(" ", 1)[-1] for k in ks] for ks in keys], scores)


def _top_shares(
    units: Sequence[Sequence[str]], scores: Sequence[Sequence[float]], most: float = math.inf
) -> list[list[float]]:
    """Per unit of each pool: the share of the other pools holding it (at most ``most`` in all) that hold it
    among their KEYPHRASENESS_TOP best-scored entries."""
    held: Counter[str] = Counter()
    top: Counter[str] = Counter()
    tops = []
    for us, ss in zip(units, scores, strict=True):
        best = {us[i] for i in sorted(range(len(us)), key=lambda i: -ss[i])[:KEYPHRASENESS_TOP]}
        tops.append(best)
        held.update(set(us))
        top.update(best)
    return [
        [(top[u] - (u in best)) / (held[u] - 1) if 1 < held[u] <= most else 0.0 for u in us]
        for us, best in zip(units, tops, strict=True)
    ]

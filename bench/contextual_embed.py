"""Bench helper (lost to standalone phrase embeddings, kept to reproduce the measurement): one transformer pass per document.

A phrase's vector is then the mean of its tokens' contextual vectors where it
occurs (SIFRank's idea), so ranking needs no extra model call per candidate:
this is where the speed over KeyBERT-as-usually-called comes from. Long
documents are read in overlapping windows of the model's maximum length.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MAX_TOKENS = 256
STRIDE = 32


@dataclass
class EncodedDoc:
    offsets: np.ndarray  # (n_tokens, 2) character spans of word-piece tokens
    tokens: np.ndarray  # (n_tokens, dim) contextual vectors (float32)
    doc: np.ndarray  # (dim,) unit-length document vector (the model's sentence embedding)


def encode_documents(texts: list[str], batch_size: int = 16) -> list[EncodedDoc]:
    """Encode texts; documents are processed in a fixed order so results never depend on batching peers."""
    import torch

    from concepts.model import sentence_model

    model = sentence_model()
    tokenizer = model.tokenizer
    transformer = model[0].auto_model
    max_len = min(MAX_TOKENS, getattr(model, "max_seq_length", MAX_TOKENS) or MAX_TOKENS)
    enc = tokenizer(
        texts,
        return_offsets_mapping=True,
        truncation=True,
        max_length=max_len,
        stride=STRIDE,
        return_overflowing_tokens=True,
        padding=False,
    )
    windows = list(range(len(enc["input_ids"])))
    owner = enc["overflow_to_sample_mapping"]
    vectors: list[np.ndarray | None] = [None] * len(windows)
    # windows of similar length batched together; each window's result does not depend on its peers
    # beyond float noise, and the order is fixed by the texts alone
    order = sorted(windows, key=lambda w: len(enc["input_ids"][w]))
    with torch.inference_mode():
        for i in range(0, len(order), batch_size):
            chunk = order[i : i + batch_size]
            batch = tokenizer.pad({"input_ids": [enc["input_ids"][w] for w in chunk]}, return_tensors="pt")
            out = transformer(**batch).last_hidden_state.numpy()
            for j, w in enumerate(chunk):
                vectors[w] = out[j, : len(enc["input_ids"][w])].astype(np.float32)
    docs: list[EncodedDoc] = []
    by_doc: dict[int, list[int]] = {}
    for w in windows:
        by_doc.setdefault(owner[w], []).append(w)
    for d in range(len(texts)):
        spans, toks, pooled = [], [], []
        seen: set[tuple[int, int]] = set()
        for w in by_doc.get(d, []):
            vec = vectors[w]
            pooled.append(vec.mean(axis=0))  # mean pooling over the window, as the model was trained
            for (s, e), v in zip(enc["offset_mapping"][w], vec, strict=True):
                if e > s and (s, e) not in seen:  # skip special tokens and the overlap's repeats
                    seen.add((s, e))
                    spans.append((s, e))
                    toks.append(v)
        doc = np.mean(pooled, axis=0) if pooled else np.zeros(transformer.config.hidden_size, np.float32)
        norm = np.linalg.norm(doc)
        docs.append(
            EncodedDoc(
                np.array(spans, dtype=np.int32).reshape(-1, 2),
                np.array(toks, dtype=np.float32).reshape(len(toks), -1),
                doc / norm if norm else doc,
            )
        )
    return docs

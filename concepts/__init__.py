"""Concepts: candidate phrases, KeyBERT ranking, normalization and merging, typing."""

from __future__ import annotations

from collections.abc import Sequence

from concepts.extract import ExtractSettings, extract, extract_ranked
from concepts.normalize import AcronymResolver, concept_key
from concepts.typing_rules import classify_all, context_of

__all__ = ["ExtractSettings", "extract", "extract_ranked", "keyphrases_for"]


def keyphrases_for(papers: Sequence, settings: ExtractSettings = ExtractSettings(), progress=None) -> list[dict]:
    """Per-paper keyphrases with key and type, without a workspace.

    Acronyms are resolved within each paper (and across the given papers when
    the definition is unambiguous); non-English papers get no concepts.
    """
    english = [p for p in papers if p.language in ("en", "und") and p.text]
    results = extract_ranked([p.text for p in english], settings, progress=progress)
    by_id = {p.id: r for p, r in zip(english, results)}
    resolver = AcronymResolver.of((p.id, p.text) for p in english)
    gmap = resolver.global_map()
    rows = []
    for p in papers:
        seen = set()
        context = context_of(p.text or "")
        for surface, score in by_id.get(p.id, []):
            key = resolver.resolve(concept_key(surface), p.id, gmap)
            if key and key not in seen:
                seen.add(key)
                rows.append((p.id, surface, key, score, context))
    types = classify_all([(key, (), [ctx]) for _, _, key, _, ctx in rows])
    per_paper: dict[str, list[dict]] = {p.id: [] for p in papers}
    for (pid, surface, key, score, _), decision in zip(rows, types, strict=True):
        per_paper[pid].append({"text": surface, "key": key, "type": decision.type, "score": round(score, 4)})
    return [{"id": p.id, "title": p.title, "concepts": per_paper[p.id]} for p in papers]

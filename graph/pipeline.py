"""The build pipeline on the workspace: ingest -> extract -> consolidate.

* ingest: files to papers (unchanged files are skipped by content hash);
* extract: keyphrases for papers whose (text, settings) are not cached yet;
* consolidate: normalize keys, merge acronyms, type concepts, compute
  co-occurrence, communities and PageRank, all in one transaction.

Each step is idempotent, so re-running after an interruption completes the
work and yields the same result as an uninterrupted run.
"""

from __future__ import annotations

import copy
import json
import logging
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from conceptgraph.errors import UsageError, WorkspaceError
from concepts.extract import ExtractSettings, candidate_keys, is_generic, rerank_with_corpus, specificity_of
from concepts.merge import Merge, Thesaurus, read_thesaurus
from concepts.normalize import AcronymResolver, Casing, concept_key, pick_label
from concepts.relevance import generic_by_relevance
from concepts.typing_rules import about_neural_nets, classify, classify_all, context_of, known_type, synonym_groups
from graph.build import communities_and_pagerank, concept_layer, cooccurrence
from graph.citations import citation_layer
from graph.lineage import Lineage, find_lineage
from graph.workspace import Workspace, file_sha1, text_hash
from loaders import LOADERS_VERSION, Deduplicator, iter_files, load_file
from loaders.identity import reread_end, reread_start, title_key
from loaders.names import display_name, resolve_keys
from loaders.records import Paper, Skipped, normalize_for_identity

log = logging.getLogger(__name__)

Progress = Callable[[str, int], Callable[[int], None]]  # (label, total) -> advance(n)


def _no_progress(label: str, total: int) -> Callable[[int], None]:
    return lambda n: None


@dataclass
class IngestReport:
    files: int = 0
    unchanged_files: int = 0
    records: int = 0
    merged: int = 0
    new_papers: int = 0
    vanished: list[str] = field(default_factory=list)  # files built before from a given folder, gone from it
    unreadable: list[str] = field(default_factory=list)  # files read before that cannot be read now: kept as were
    updated: int = 0  # papers a changed file holds again (read anew, not duplicates)
    removed: int = 0  # papers whose only file changed and no longer holds them
    left: int = 0  # papers a changed file no longer holds, which another file still does
    kept_unreadable: int = 0  # papers whose record a changed file still has but cannot read now
    skipped: list[Skipped] = field(default_factory=list)


def ingest(ws: Workspace, paths: Iterable[str | Path], fmt: str | None = None) -> IngestReport:
    """Add the papers of every file to the workspace, one transaction per file."""
    report = IngestReport()
    doc_skips: list[Skipped] = []
    files = list(iter_files(paths, doc_skips))  # raises UsageError for a missing path before any work
    if doc_skips:
        report.skipped.extend(doc_skips)
        with ws.transaction() as conn:
            ws.put_skipped(conn, doc_skips)
    report.vanished = _vanished(ws, paths, files)
    dedup = Deduplicator(ws.papers())
    source_name = _SourceNames(ws, dedup)
    for path in files:
        report.files += 1
        sha = f"{file_sha1(path)}+loaders{LOADERS_VERSION}"  # new loaders read every file again
        key = str(path.resolve())
        previous = ws.file_sha1(key)
        if previous == sha:
            report.unchanged_files += 1
            continue
        # a file read before has changed (or is read by changed loaders): what it says now replaces what it
        # said, under the name its records were stored with, and a record it no longer holds goes with it
        refresh = source_name(key, str(path)) if previous is not None else None
        skipped: list[Skipped] = []
        records = list(load_file(path, fmt, skipped))
        if refresh is not None and any(s.position is None for s in skipped):
            # a file read before that cannot be read now (truncated, mid-save) says nothing about its papers:
            # they stay as its last good read gave them, and its row is kept so the next build tries again
            report.skipped.extend(skipped)
            report.unreadable.append(str(path))
            continue
        change = _apply_file(dedup, refresh, records, skipped)
        report.records += change.records
        report.merged += change.merged
        report.new_papers += change.new
        report.updated += change.updated
        report.removed += len(change.gone)
        report.left += len(change.kept_elsewhere) - change.kept_unreadable
        report.kept_unreadable += change.kept_unreadable
        report.skipped.extend(skipped)
        with ws.transaction() as conn:
            _store_change(ws, conn, change, refresh)
            ws.put_skipped(conn, skipped)
            conn.execute(
                "INSERT OR REPLACE INTO files(path, sha1, format, records, skipped, new_papers, merged, source) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (key, sha, fmt, change.records, len(skipped), change.new, change.merged, str(path)),
            )
    return report


def _built_files(ws: Workspace, path: str | Path) -> list[str]:
    """The files built into the workspace that are ``path`` or lie under it, by absolute path (the path
    need not exist any more)."""
    root = str(Path(path).resolve())
    rows = ws.conn.execute("SELECT path FROM files ORDER BY path")
    return [k for (k,) in rows if k == root or k.startswith(root.rstrip("/") + "/")]


def _vanished(ws: Workspace, paths: Iterable[str | Path], files: list[Path]) -> list[str]:
    """Files built before from one of the given folders that it no longer holds: `build` only adds and
    updates, so their papers stay until `forget` takes them out (a file may be moved away by mistake)."""
    found = {str(f.resolve()) for f in files}
    built = (k for p in paths if Path(p).is_dir() for k in _built_files(ws, p))
    return [k for k in dict.fromkeys(built) if k not in found]


@dataclass
class FileChange:
    """What one file's (re-)read did to the papers, before it is stored."""

    touched: list[Paper]  # papers its records are now part of
    gone: list[str]  # ids of papers it alone held and holds no more
    kept_elsewhere: list[Paper]  # papers it held and no longer does (or cannot read now) that stay
    records: int = 0
    merged: int = 0  # records merged into a paper another record (in any file) gave
    new: int = 0
    updated: int = 0  # papers it alone held, read again
    kept_unreadable: int = 0  # papers kept as they were: their record is there but cannot be read now


def _apply_file(
    dedup: Deduplicator, refresh: str | None, records: Iterable[Paper], unreadable: Iterable[Skipped] = ()
) -> FileChange:
    """Merge one file's records into the papers; ``refresh`` is the source name of its earlier read, if any.

    The earlier read's source entries are stripped first and put back by the records that still match, so
    a paper that no record matches any more, and no other file holds, is removed. A paper whose record the
    file still holds but cannot read now (``unreadable``: a broken line or entry) is bad input, not a
    deletion: it is kept as it was.
    """
    unreadable = [s for s in unreadable if s.position is not None]
    as_was = (
        {pid: copy.deepcopy(dedup.papers[pid]) for pid in dedup.papers_of(refresh)} if refresh and unreadable else {}
    )
    listed = dedup.forget_source(refresh) if refresh is not None else {}
    own = {pid for pid in listed if not dedup.papers[pid].sources}
    for pid in listed:  # what the file gave is what it says now, not what it said once
        reread_start(dedup.papers[pid], refresh, alone=pid in own)
    touched: dict[str, Paper] = {}
    records = list(records)
    # the file's own papers a record matches as it stands; the rest may be matched by an edited record
    claimed = {found.id for r in records if own and (found := dedup.find(r)) is not None}
    same_title: dict[str | None, list[str]] = defaultdict(list)
    for pid in own - claimed:
        same_title[title_key(dedup.papers[pid].title)].append(pid)
    n = n_merged = 0
    before = len(dedup.papers)
    for paper in records:
        kept, merged = dedup.add(paper, refresh, _edited(dedup, paper, same_title, listed, touched))
        if merged and kept.id in own and kept.id not in touched:
            merged = False  # the file's own paper read again, not a duplicate of another record
        touched[kept.id] = kept
        n += 1
        n_merged += merged
    for pid in listed:  # its papers that stay: values it stopped giving go to another file's, or go
        if pid in touched or dedup.papers[pid].sources:
            reread_end(dedup.papers[pid])
    broken = _still_written({pid: old for pid, old in listed.items() if pid not in touched}, as_was, unreadable)
    for pid in broken:
        dedup.restore(as_was[pid])
    gone = [pid for pid in listed if pid not in touched and not dedup.papers[pid].sources]
    dedup.remove(gone)
    return FileChange(
        touched=list(touched.values()),
        gone=gone,
        kept_elsewhere=[dedup.papers[pid] for pid in listed if pid not in touched and pid in dedup.papers],
        records=n,
        merged=n_merged,
        new=len(dedup.papers) - before + len(gone),
        updated=sum(1 for pid in own if pid in touched),
        kept_unreadable=len(broken),
    )


def _edited(
    dedup: Deduplicator, paper: Paper, same_title: dict, listed: dict[str, list[dict]], touched: dict
) -> Paper | None:
    """The file's own paper that ``paper`` is an edit of, when its title is the same but a year keeps the
    matching rule apart: the one such paper no record matches as it stands and the read has not met yet,
    else the one of them at the same position.
    Without it a corrected year would replace the paper (a new id, extracted again) instead of updating it.
    """
    if not paper.title:
        return None
    open_ = [pid for pid in same_title.get(title_key(paper.title), ()) if pid not in touched]
    if len(open_) > 1:
        at = paper.sources[0].get("position") if paper.sources else None
        open_ = [pid for pid in open_ if any(e.get("position") == at for e in listed[pid])]
    return dedup.papers[open_[0]] if len(open_) == 1 else None


def _words(text: str) -> str:
    """The identity form of a text between spaces, braces dropped (BibTeX's "{G}raph"), for finding a title."""
    return f" {normalize_for_identity(text.replace('{', '').replace('}', ''))} "


def _holds(raw: str, paper: Paper) -> bool:
    """Whether a record as written names ``paper``: its title, or one of its identifiers, as whole words."""
    if paper.title and _words(paper.title).strip() and _words(paper.title) in _words(raw):
        return True
    lowered = raw.lower()
    return any(
        re.search(rf"(?<![\w.]){re.escape(str(v).lower())}(?![\w])", lowered) for v in [*paper.ids.values(), paper.id]
    )


def _still_written(untouched: dict[str, list[dict]], as_was: dict[str, Paper], unreadable: list[Skipped]) -> list[str]:
    """The papers no record matched whose records are among the unreadable ones, so they stay.

    A broken record finds its paper by what it still says (title, identifiers), wherever an edit moved it;
    one that names none of them (or has no text) falls back to the paper at its old position."""
    kept: dict[str, None] = {}
    for skip in unreadable:
        found = [pid for pid in untouched if skip.raw and _holds(skip.raw, as_was[pid])]
        if not found:
            found = [pid for pid, old in untouched.items() if any(e.get("position") == skip.position for e in old)]
        kept.update(dict.fromkeys(found))
    return list(kept)


class _SourceNames:
    """The source name a file's records were stored under: kept with the file since workspaces record it;
    for older ones, the papers' source name that resolves to the file (resolved once per run), else the
    name given now."""

    def __init__(self, ws: Workspace, dedup: Deduplicator) -> None:
        self.ws, self.dedup = ws, dedup
        self._resolved: dict[str, str] | None = None

    def __call__(self, key: str, given: str) -> str:
        stored = self.ws.file_source(key)
        if stored:
            return stored
        if self._resolved is None:
            self._resolved = {}
            for name in sorted(self.dedup.source_names()):
                self._resolved.setdefault(str(Path(name).resolve()), name)
        return self._resolved.get(key, given)


def _store_change(ws: Workspace, conn, change: FileChange, refresh: str | None) -> None:
    ws.delete_papers(conn, change.gone)
    ws.put_papers(conn, [*change.touched, *change.kept_elsewhere])
    if refresh is not None:
        conn.execute("DELETE FROM skipped WHERE source = ?", (refresh,))


@dataclass
class ForgetReport:
    files: list[str] = field(default_factory=list)
    removed: int = 0
    kept: int = 0  # papers another file still holds


def forget(ws: Workspace, paths: Iterable[str | Path]) -> ForgetReport:
    """Take files built before (or every file under a folder) out of the workspace, as if never given.

    The files need not exist any more: they are found by the absolute path they were read from.
    """
    chosen: list[str] = []
    for given in paths:
        found = _built_files(ws, given)
        if not found:
            raise UsageError(f"{given} is no file this workspace was built from; `conceptgraph files` lists them")
        chosen.extend(k for k in found if k not in chosen)
    report = ForgetReport()
    dedup = Deduplicator(ws.papers())
    source_name = _SourceNames(ws, dedup)
    for key in chosen:
        source = source_name(key, key)
        change = _apply_file(dedup, source, ())
        report.files.append(key)
        report.removed += len(change.gone)
        report.kept += len(change.kept_elsewhere)
        with ws.transaction() as conn:
            _store_change(ws, conn, change, source)
            conn.execute("DELETE FROM files WHERE path = ?", (key,))
    return report


def files(ws: Workspace) -> list[dict]:
    """The files the workspace was built from, as `conceptgraph files` lists them: each one's records
    and skips as of its last read, and the papers it holds now (``shared``: also held by another file)."""
    rows = ws.conn.execute("SELECT path, source, format, records, skipped FROM files ORDER BY path").fetchall()
    dedup = Deduplicator(ws.papers())
    source_name = _SourceNames(ws, dedup)
    out = []
    for path, given_as, fmt, records, skipped in rows:
        held = dedup.papers_of(source_name(path, path))
        shared = sum(1 for pid in held if len({s.get("source") for s in dedup.papers[pid].sources}) > 1)
        out.append(
            {
                "path": path,
                "given_as": given_as,
                "format": fmt,
                "records": records,
                "skipped": skipped,
                "papers": len(held),
                "shared": shared,
            }
        )
    return out


def stored_settings(ws: Workspace) -> ExtractSettings:
    """The extraction settings of the workspace's last build, so a rebuild of its graph keeps them."""
    saved = ws.get_meta("settings")
    return ExtractSettings(**json.loads(saved)) if saved else ExtractSettings()


def was_extracted(ws: Workspace, settings: ExtractSettings) -> bool:
    """Whether concepts were extracted in the workspace with these settings (not so in an ingest-only one),
    so a change to its papers' text should be extracted too."""
    return (
        ws.conn.execute("SELECT 1 FROM extractions WHERE settings = ? LIMIT 1", (settings.cache_key(),)).fetchone()
        is not None
    )


@dataclass
class ExtractReport:
    papers: int = 0
    extracted: int = 0
    cached: int = 0
    skipped_language: int = 0
    seconds: float = 0.0


def extractable(language: str) -> bool:
    """The English model only reads English (and undetermined, e.g. very short) text."""
    return language in ("en", "und")


def extract(
    ws: Workspace,
    settings: ExtractSettings = ExtractSettings(),
    progress: Progress = _no_progress,
    batch_size: int = 64,
) -> ExtractReport:
    """Extract keyphrases for every paper not in the cache; commits per batch."""
    from concepts.extract import extract as run_extract

    report = ExtractReport()
    skey = settings.cache_key()
    cached = ws.cached_hashes(skey)
    todo: dict[str, str] = {}
    for p in ws.papers():
        report.papers += 1
        if not extractable(p.language):
            report.skipped_language += 1
            continue
        if not p.abstract and not p.title:
            continue
        h = text_hash(p.text)
        if h in cached:
            report.cached += 1
        else:
            todo.setdefault(h, p.text)
    if todo:
        hashes = sorted(todo)  # a fixed order: batches are the same on a re-run
        texts = [todo[h] for h in hashes]
        advance = progress("extracting keyphrases", len(texts))
        t0 = time.perf_counter()

        def commit(offset: int, results: list, keys: list[list[str]]) -> None:
            ws.put_extractions(skey, zip(hashes[offset : offset + len(results)], results, keys, strict=True))

        run_extract(texts, settings, batch_size=batch_size, progress=advance, on_batch=commit, pool=True)
        report.seconds = time.perf_counter() - t0
        report.extracted = len(texts)
    return report


@dataclass
class MentionPlan:
    """What consolidation will write: mentions under their final keys, and the merges behind them."""

    mentions: dict[tuple[str, str], tuple[float, str]]
    surfaces: dict[str, list[str]]
    short_forms: dict[str, set[str]]
    short_surfaces: dict[str, set[str]]
    merges: list[Merge]
    mapping: dict[str, str] = field(default_factory=dict)  # key -> final key ("" when ignored)


def _thesaurus(ws: Workspace) -> Thesaurus | None:
    path = ws.get_meta("thesaurus")
    if not path:
        return None
    if not Path(path).exists():
        raise UsageError(
            f"the thesaurus {path} set for this workspace is gone; pass --thesaurus FILE or --no-thesaurus"
        )
    return read_thesaurus(Path(path))


def plan_mentions(
    ws: Workspace, settings: ExtractSettings, papers: list, require_extracted: bool = False
) -> MentionPlan:
    """Normalize, resolve acronyms and apply merges to the cached extractions (no writes).

    With ``require_extracted`` a paper without a cached extraction for ``settings``
    is an error rather than a paper without concepts: a workspace built by an older
    extractor would otherwise plan a graph with almost nothing in it.
    """
    from concepts.merge import (
        fragment_merges,
        generic_head_merges,
        joined_merges,
        named_merges,
        near_duplicate_merges,
        resolve,
        slash_coordinated,
        synonym_merges,
        synonym_targets,
        variant_merges,
    )
    from concepts.model import encode_phrases

    results = ws.extractions(settings.cache_key())
    english = [p for p in papers if extractable(p.language)]
    hashes = [text_hash(p.text) for p in english]
    missing = sum(h not in results for h in hashes)
    if require_extracted and missing:
        raise WorkspaceError(
            f"{missing} of {len(english)} papers in {ws.path} have no keyphrases from this version of the extractor "
            f"(the workspace was built by another version or with other settings); run `conceptgraph extract "
            f"--db {ws.path} --top-n {settings.top_n} --min-score {settings.min_score}` first"
        )
    resolver = AcronymResolver.of((p.id, p.text) for p in english)
    gmap = resolver.global_map()

    raw_mentions: dict[tuple[str, str], tuple[float, str]] = {}
    acronym_merges: dict[str, Merge] = {}
    stored = ws.candidate_keys(settings.cache_key())
    spec = specificity_of([stored.get(h) or candidate_keys(p.text) for h, p in zip(hashes, english, strict=True)])
    ranked = rerank_with_corpus([results.get(h, []) for h in hashes], settings, spec)
    for p, keyphrases in zip(english, ranked, strict=True):
        for surface, score in keyphrases:
            raw = concept_key(surface)
            if not raw:
                continue
            key = resolver.resolve(raw, p.id, gmap)
            if key != raw and raw not in acronym_merges:
                local = resolver.per_paper.get(p.id, {})
                short = raw if raw in local else raw.partition(" ")[0]  # "nlp task": the acronym is "nlp"
                how = "defined in this paper" if short in local else "defined elsewhere in the corpus"
                acronym_merges[raw] = Merge(raw, key, "acronym", f"'{surface}' = '{key}' ({how}; first seen in {p.id})")
            prev = raw_mentions.get((p.id, key))
            if prev is None or score > prev[0]:
                raw_mentions[(p.id, key)] = (score, surface)
        # the authors' own keywords are concepts of their paper whatever its text ranks, scored as its best
        # keyphrase; filler ("review", "model") stays out as it does from the text
        best = max((score for _, score in keyphrases), default=1.0)
        for keyword in p.keywords:
            raw = concept_key(keyword)
            if not raw or is_generic(keyword):
                continue
            key = resolver.resolve(raw, p.id, gmap)
            prev = raw_mentions.get((p.id, key))
            if prev is None or prev[0] < best:
                raw_mentions[(p.id, key)] = (best, prev[1] if prev else keyword)

    for sk, lk in sorted(gmap.items()):  # corpus-wide definitions, whether or not the short form was extracted
        if sk not in acronym_merges:
            n = resolver.votes[sk][lk]
            long = resolver.long_surface[lk].most_common(1)[0][0]
            acronym_merges[sk] = Merge(sk, lk, "acronym", f"defined as '{long}' in {n} paper{'s' if n > 1 else ''}")
    freq = Counter(key for _, key in raw_mentions)
    keys = sorted(freq)
    vectors = dict(zip(keys, encode_phrases(keys, ws, batch_size=256), strict=True))
    # every short form defined anywhere: the near-duplicate guard looks for them inside longer keys
    acronyms = {sk for defs in resolver.per_paper.values() for sk in defs}
    texts = {p.id: p.text for p in english}
    papers_of: dict[str, list[str]] = defaultdict(list)
    for pid, key in raw_mentions:
        papers_of[key].append(pid)
    slashed = {key for (_, key), (_, surface) in raw_mentions.items() if slash_coordinated(surface)}
    fragments = fragment_merges(freq, texts, ((pid, key, surface) for (pid, key), (_, surface) in raw_mentions.items()))
    # the whole is not merged back into its fragment ("high performance fortran" -> "performance fortran"
    # by embedding): the pair would cycle and stay apart
    whole = {(m.target, m.source) for m in fragments}
    candidates = list(acronym_merges.values()) + fragments
    # forms of a well-known name; architectures only where the papers are about neural networks ("CNN")
    same_as = synonym_targets(
        freq,
        synonym_groups(),
        taken={m.source for m in candidates},
        fits=lambda kind, key: kind != "architecture" or about_neural_nets(_without(key, papers_of[key], texts)),
    )
    candidates += [
        m
        for m in synonym_merges(freq, same_as)
        + joined_merges(freq)
        + generic_head_merges(freq)
        + named_merges(freq, lambda key: known_as(key, [context_of(texts[pid]) for pid in papers_of[key]]), same_as)
        + variant_merges(freq, lambda key: [texts[pid] for pid in papers_of[key]])
        + near_duplicate_merges(freq, vectors, acronyms, coordinated=slashed)
        if (m.source, m.target) not in whole
    ]
    thesaurus = _thesaurus(ws)
    mapping, applied = resolve(candidates, thesaurus)
    mapping, applied = _drop_generic(raw_mentions, mapping, applied, thesaurus)

    mentions: dict[tuple[str, str], tuple[float, str]] = {}
    surfaces: dict[str, list[str]] = defaultdict(list)
    for (pid, key), (score, surface) in sorted(raw_mentions.items()):
        final = mapping.get(key, key)
        if not final:  # ignored by the thesaurus or the relevance filter
            continue
        surfaces[final].append(surface)
        prev = mentions.get((pid, final))
        if prev is None or score > prev[0]:
            mentions[(pid, final)] = (score, surface)
    for lk, forms in resolver.long_surface.items():  # the expansion as the text wrote it out
        final = mapping.get(lk, lk)
        if final in surfaces:
            surfaces[final].extend(forms.elements())
    short_forms: dict[str, set[str]] = defaultdict(set)
    short_surfaces: dict[str, set[str]] = defaultdict(set)
    for m in applied:
        if m.kind == "acronym" and mapping.get(m.source):
            short_forms[mapping[m.source]].add(m.source)
    for lk, shorts in resolver.short_surface.items():
        short_surfaces[mapping.get(lk, lk)] |= shorts
    return MentionPlan(mentions, surfaces, short_forms, short_surfaces, applied, mapping)


def _without(key: str, papers: Iterable[str], texts: Mapping[str, str]) -> list[str]:
    """The papers' texts, with a one-word key blanked out: whether they are about neural networks
    is judged by the rest ("CNN" alone reads as one, and the news channel is none). A longer
    name says what it is ("convolutional neural network") and stays."""
    if " " in key:
        return [texts[pid] for pid in papers]
    rx = re.compile(rf"\b{re.escape(key)}s?\b", re.IGNORECASE)
    return [rx.sub(" ", texts[pid]) for pid in papers]


def known_as(key: str, contexts: list[str]) -> tuple[str, str] | None:
    """The type the gazetteer or a name's shape gives ``key`` where it is written, and how, else None:
    what a `named` merge trusts ("COCO" is a dataset; "photo retouching" in "the photo
    retouching dataset" is not, though the context rule would type it so)."""
    decision = classify(key, (), contexts)
    if decision.rule.startswith("gazetteer:"):
        return decision.type, f"a known {decision.type} (gazetteer)"
    if decision.rule.startswith("shape:"):
        article = "an" if decision.type[0] in "aeiou" else "a"
        return decision.type, f"named like {article} {decision.type} (shape {decision.rule.removeprefix('shape:')})"
    return None


def _drop_generic(
    raw_mentions: Mapping[tuple[str, str], object],
    mapping: dict[str, str],
    applied: list[Merge],
    thesaurus: Thesaurus | None,
) -> tuple[dict[str, str], list[Merge]]:
    """Ignore the terms that co-occur evenly with every topic (concepts/relevance.py), reviewably.

    Judged on the merged keys; a thesaurus line that keeps a term ('label<TAB>label')
    or names it as a replacement protects it. So does being a dataset the gazetteer names: a benchmark
    every topic of the corpus uses ("ImageNet") is what they share, not wording.
    """
    paper_concepts: dict[str, set[str]] = defaultdict(set)
    for pid, key in raw_mentions:
        final = mapping.get(key, key)
        if final:
            paper_concepts[pid].add(final)
    protected = (thesaurus.keep | set(thesaurus.replace.values())) if thesaurus else set()
    generic = [
        r for r in generic_by_relevance(paper_concepts) if r.key not in protected and known_type(r.key) != "dataset"
    ]
    if not generic:
        return mapping, applied
    dropped = {r.key for r in generic}
    mapping = {k: ("" if v in dropped else v) for k, v in mapping.items()}
    mapping.update({r.key: "" for r in generic})
    merges = [m for m in applied if m.source not in dropped]
    merges += [Merge(r.key, "", "generic", r.evidence) for r in generic]
    return mapping, sorted(merges, key=lambda m: (m.kind, m.source))


@dataclass
class ConceptChanges:
    """What a rebuild changed in the concept layer, for the user to see what an update brought."""

    first: bool  # the workspace had no concepts before: everything is new, nothing to report
    new: list[tuple[str, int]]  # (label, papers) of concepts that were not there, most mentioned (central) first
    gone: list[str]  # labels of concepts that are no more (their papers left, or a merge took them)


def consolidate(ws: Workspace, settings: ExtractSettings = ExtractSettings()) -> ConceptChanges:
    """Rebuild the concept layer from papers + cached extractions, in one transaction; say what changed."""
    papers = ws.papers()
    plan = plan_mentions(ws, settings, papers)
    lineage = _lineage(papers, plan)
    mentions, surfaces = plan.mentions, plan.surfaces

    paper_concepts: dict[str, list[str]] = defaultdict(list)
    for pid, key in mentions:
        paper_concepts[pid].append(key)
    edges = cooccurrence(paper_concepts)
    freq = Counter(key for _, key in mentions)
    before = {k: (label, c) for k, label, c in ws.conn.execute("SELECT key, label, community FROM concepts")}
    previous = {k: c for k, (_, c) in before.items() if c is not None}
    community, pagerank = communities_and_pagerank(concept_layer(edges, list(freq)), previous)

    texts_by_paper = {p.id: context_of(p.text) for p in papers}
    papers_of: dict[str, list[str]] = defaultdict(list)
    for pid, key in mentions:
        papers_of[key].append(pid)

    concept_rows = []
    keys = sorted(freq)
    items = [
        (k, tuple(sorted(plan.short_forms.get(k, ()))), [texts_by_paper[pid] for pid in papers_of[k]]) for k in keys
    ]
    decisions = classify_all(items, ws)
    casing = Casing.of(papers)
    abstract_of = {p.id: p.abstract or "" for p in papers}
    for key, decision in zip(keys, decisions, strict=True):
        label_forms = [s for s in surfaces[key] if concept_key(s) == key] or surfaces[key]
        written = pick_label(label_forms)
        label = casing.label(written, (abstract_of[pid] for pid in papers_of[key]))
        aliases = sorted((set(surfaces[key]) | plan.short_surfaces.get(key, set())) - {label, written})
        concept_rows.append(
            (
                key,
                label,
                decision.type,
                decision.confidence,
                decision.rule,
                json.dumps(aliases, ensure_ascii=False),
                freq[key],
                community.get(key),
                pagerank.get(key),
            )
        )

    authors: dict[str, str] = {}
    authored = []
    keys_of = resolve_keys(name for p in papers for name in p.authors)
    for p in papers:
        for i, name in enumerate(p.authors):
            k = keys_of[name]
            if k:
                authors.setdefault(k, display_name(name))
                authored.append((k, p.id, i + 1))
    citations = citation_layer(papers)

    with ws.transaction() as conn:
        for table in ("concepts", "mentions", "cooccurrence", "authors", "authored", "merges", *_CITATION_TABLES):
            conn.execute(f"DELETE FROM {table}")  # noqa: S608 (fixed names)
        conn.executemany("INSERT INTO concepts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", concept_rows)
        conn.executemany(
            "INSERT INTO mentions VALUES (?, ?, ?, ?)",
            [(pid, key, score, surface) for (pid, key), (score, surface) in sorted(mentions.items())],
        )
        conn.executemany(
            "INSERT INTO cooccurrence VALUES (?, ?, ?, ?, ?, ?)",
            [(e.a, e.b, e.count, e.association, e.npmi, json.dumps(e.papers)) for e in edges],
        )
        conn.executemany("INSERT OR IGNORE INTO authors VALUES (?, ?)", sorted(authors.items()))
        conn.executemany("INSERT OR IGNORE INTO authored VALUES (?, ?, ?)", authored)
        conn.executemany(
            "INSERT INTO merges VALUES (?, ?, ?, ?)", [(m.source, m.target, m.kind, m.evidence) for m in plan.merges]
        )
        ws.set_meta(conn, "settings", json.dumps(settings.__dict__))
        conn.executemany(
            "INSERT INTO works VALUES (?, ?, ?, ?, ?)",
            [(w.key, json.dumps(w.ids), w.title, w.year, w.text) for w in citations.works],
        )
        conn.executemany("INSERT INTO cites VALUES (?, ?, ?, ?)", citations.cites)
        conn.executemany(
            "INSERT INTO coupling VALUES (?, ?, ?, ?, ?)",
            [(a, b, n, s, json.dumps(ev)) for a, b, n, s, ev in citations.coupling],
        )
        conn.executemany(
            "INSERT INTO cocitation VALUES (?, ?, ?, ?)",
            [(a, b, n, json.dumps(ev)) for a, b, n, ev in citations.cocitation],
        )
        conn.executemany("INSERT INTO introduces VALUES (?, ?, ?, ?, ?)", lineage.introduces)
        conn.executemany(
            "INSERT INTO builds_on VALUES (?, ?, ?, ?)",
            [
                (a, b, json.dumps(sorted(ev)), json.dumps([s for k in sorted(ev) for s in ev[k]], ensure_ascii=False))
                for (a, b), ev in sorted(lineage.builds_on.items())
            ],
        )
        ws.set_meta(conn, "citation_counts", json.dumps(citations.counts()))
    fresh = sorted((row for row in concept_rows if row[0] not in before), key=lambda r: (-r[6], -(r[8] or 0), r[0]))
    new = [(row[1], row[6]) for row in fresh]  # most papers first, then the most central (PageRank)
    return ConceptChanges(not before, new, sorted(label for k, (label, _) in before.items() if k not in freq))


_CITATION_TABLES = ("works", "cites", "coupling", "cocitation", "introduces", "builds_on")


def _lineage(papers: list, plan: MentionPlan) -> Lineage:
    """Find introductions and BUILDS_ON links; an introduced concept the extractor missed
    becomes a mention of its paper (scored as the paper's best keyphrase), so it is a node."""
    english = [p for p in papers if extractable(p.language)]

    def key_of(found) -> str | None:
        for form in (found.long_form, found.name):
            key = concept_key(form) if form else ""
            if key:
                return plan.mapping.get(key, key) or None
        return None

    concepts_of: dict[str, set[str]] = defaultdict(set)
    for pid, key in plan.mentions:
        concepts_of[pid].add(key)

    def related(a: str, b: str, key: str) -> bool:
        return bool((concepts_of[a] & concepts_of[b]) - {key})

    lineage = find_lineage(english, key_of, related)
    best: dict[str, float] = defaultdict(float)
    for (pid, _), (score, _) in plan.mentions.items():
        best[pid] = max(best[pid], score)
    for pid, key, name, _, _ in lineage.introduces:
        if (pid, key) not in plan.mentions:
            plan.mentions[(pid, key)] = (best.get(pid) or 1.0, name)
            plan.surfaces[key].append(name)
    return lineage


def merges(
    ws: Workspace,
    settings: ExtractSettings = ExtractSettings(),
    dry_run: bool = False,
    kinds: Collection[str] = (),
    concept: str | None = None,
) -> list[dict]:
    """The merges applied by the last build, or (dry run) those the next build would apply.

    ``kinds`` keeps those kinds only; ``concept`` (a name as written, or its key) the merges
    that lead into that concept, chains followed ("NLP tasks" -> "NLP task" -> "natural
    language processing"), or that send it elsewhere: what a reviewer asks of one concept.
    """
    if dry_run:
        found = [m.as_dict() for m in plan_mentions(ws, settings, ws.papers(), require_extracted=True).merges]
    else:
        rows = ws.conn.execute("SELECT source, target, kind, evidence FROM merges ORDER BY kind, source")
        found = [Merge(*r).as_dict() for r in rows]
    if concept is not None:
        from concepts.merge import resolve
        from graph.explore import resolve_concept

        final, _ = resolve(Merge(**m) for m in found)  # each merged key -> the key it ends as
        key = concept_key(concept)
        if key not in final:  # not merged away: a concept, by its name, an alias or a listed form
            key = resolve_concept(ws, concept)
        end = final.get(key, key)
        found = [m for m in found if m["source"] == key or m["target"] and final[m["source"]] == end]
    return [m for m in found if not kinds or m["kind"] in kinds]


def set_thesaurus(ws: Workspace, path: Path | None) -> None:
    """Remember (or forget, with None) the thesaurus file that every rebuild re-reads."""
    if path is not None:
        read_thesaurus(path)  # fail now on a malformed file
    with ws.transaction() as conn:
        if path is None:
            conn.execute("DELETE FROM meta WHERE key = 'thesaurus'")
        else:
            ws.set_meta(conn, "thesaurus", str(path.resolve()))


def stats(ws: Workspace) -> dict:
    """The numbers `conceptgraph stats` prints."""
    languages = dict(
        ws.conn.execute("SELECT language, COUNT(*) FROM papers GROUP BY language ORDER BY language").fetchall()
    )
    no_abstract = sum(1 for p in ws.papers() if not p.abstract)
    types = dict(ws.conn.execute("SELECT type, COUNT(*) FROM concepts GROUP BY type ORDER BY type").fetchall())
    records = ws.conn.execute("SELECT COALESCE(SUM(records), 0) FROM files").fetchone()[0]
    papers = ws.count("papers")
    skipped = ws.skipped()
    citation = json.loads(ws.get_meta("citation_counts") or "{}")
    return {
        "papers": papers,
        "concepts": ws.count("concepts"),
        "authors": ws.count("authors"),
        "mentions": ws.count("mentions"),
        "cooccurrence_edges": ws.count("cooccurrence"),
        "authored_edges": ws.count("authored"),
        "languages": languages,
        "not_extracted_language": sum(n for lang, n in languages.items() if not extractable(lang)),
        "papers_without_abstract": no_abstract,
        "concept_types": types,
        "files": ws.count("files"),
        # every input record (as its file reads now): a paper, merged into one, or skipped (reason below)
        "records": {
            "read": records + len(skipped),
            "papers": papers,
            "merged": max(records - papers, 0),
            "skipped": len(skipped),
        },
        "skipped": skipped,
        "citations": citation,
        "introduces_edges": ws.count("introduces"),
        "builds_on_edges": ws.count("builds_on"),
    }

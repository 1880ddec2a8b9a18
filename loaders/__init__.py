"""Loaders: files in, :class:`~loaders.records.Paper` records out.

``load_paths`` sniffs each file's shape (``--format`` overrides), parses it
with that shape's module, repairs the text, assigns identity and merges
duplicate records. Files that cannot be read are reported as
:class:`~loaders.records.Skipped`, never silently dropped.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from conceptgraph.errors import InputError, UsageError
from loaders import csvtsv, hf_daily, jsonl, lines, shamra, text, title_pairs, translated_listing
from loaders.lang import detect_language
from loaders.records import Paper, RawRecord, Skipped, normalize_for_identity, short_hash
from loaders.repair import repair

log = logging.getLogger(__name__)

# sniffable modules, in tie-break order
_SNIFFERS = [translated_listing, hf_daily, shamra, title_pairs, lines]
FORMATS = {m.NAME: m for m in (translated_listing, hf_daily, title_pairs, shamra, text, lines, csvtsv, jsonl)}
FORMATS["tsv"] = csvtsv
# shapes scraped from web pages, where words split by stray spaces occur
_SCRAPED = {"translated-listing", "hf-daily", "title-pairs", "shamra", "lines"}


@dataclass
class LoadResult:
    papers: list[Paper] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    records: int = 0  # input records that became (or merged into) a paper
    merged: int = 0  # records folded into an earlier paper


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Expand directories (sorted, hidden files skipped); missing paths are usage errors."""
    for p in paths:
        path = Path(p)
        if not path.exists():
            raise UsageError(f"path does not exist: {path}")
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(path).parts):
                    yield f
        else:
            yield path


def read_text(path: Path) -> str:
    """Decode a file as text, or raise InputError with the reason."""
    data = path.read_bytes()
    if not data.strip():
        raise InputError("empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:8192]:
        raise InputError("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(f"not UTF-8 text (undecodable byte at offset {e.start})") from e


def sniff(path: Path, content: str) -> str:
    """Pick the shape of one file from its extension, then its content."""
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv"):
        return "csv"
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    scores = [(m.sniff(content), -i, m.NAME) for i, m in enumerate(_SNIFFERS)]
    score, _, name = max(scores)
    if score >= 0.5:
        return name
    if csvtsv.sniff(content) >= 0.5:
        return "csv"
    if jsonl.sniff(content) >= 0.5 and content.lstrip().startswith("{"):
        return "jsonl"
    return "text"


def parse_file(path: Path, fmt: str | None = None) -> tuple[str, list[RawRecord | Skipped]]:
    """Parse one file into raw records; raises InputError when the file is unreadable."""
    content = read_text(path)
    name = fmt or sniff(path, content)
    if name not in FORMATS:
        raise UsageError(f"unknown format {name!r}; choose one of {', '.join(sorted(FORMATS))}")
    module = FORMATS[name]
    if module is text:
        items: list = list(text.parse(content, stem=path.stem))
    elif module is jsonl:
        items = list(jsonl.parse(content, source=str(path)))
    elif module is csvtsv:
        items = list(csvtsv.parse(content, delimiter="\t" if path.suffix.lower() == ".tsv" else None))
    else:
        items = list(module.parse(content))
    return name, items


_DOI = re.compile(r"10\.\d{4,9}/\S+", re.IGNORECASE)
_ARXIV = re.compile(r"(\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?", re.IGNORECASE)
_URL = re.compile(r"https?://[A-Za-z0-9\-._~:/?#@!$&*+,;=%]+")  # ASCII only: CJK text may follow


def normalize_doi(value: str | None) -> str | None:
    m = _DOI.search(value or "")
    return m.group(0).rstrip(".,;)").lower() if m else None


def normalize_arxiv(value: str | None) -> str | None:
    m = _ARXIV.search(value or "")
    return m.group(1).lower() if m else None


def find_links(text: str | None) -> list[str]:
    out: list[str] = []
    for u in _URL.findall(text or ""):
        u = u.rstrip(".,;:)]")
        if u not in out:
            out.append(u)
    return out


_INTRODUCED = [
    re.compile(r"\b(?:dubbed|named|called|termed|coined)\s+(?:as\s+)?([A-Z][\w\-+]*(?:\s[A-Z][\w\-+]*){0,3})"),
    re.compile(
        r"\b(?:propose|present|introduce|develop)s?\s+(?:a|an|the)?\s*(?:novel|new|simple)?[^.]{0,80}?"
        r"\b((?:[A-Z][\w\-]*\s){1,6}\([A-Z][A-Za-z0-9\-]*[A-Z][A-Za-z0-9\-]*\))"
    ),
]


def display_label(title: str | None, abstract: str | None) -> str:
    """A title, or for an untitled paper the name its abstract introduces, or its first words."""
    if title:
        return title
    body = abstract or ""
    for pattern in _INTRODUCED:
        m = pattern.search(body)
        if m:
            return m.group(1).strip()
    words = body.split()
    label = " ".join(words[:8])
    if len(label) > 80:  # scripts without spaces (Chinese) or very long words
        label = label[:80]
    return label + ("…" if len(label) < len(body) else "")


def dedup_key(title: str | None, abstract: str | None) -> str:
    if title:
        return "t:" + normalize_for_identity(title)
    return "a:" + normalize_for_identity(abstract or "")


def finish(raw: RawRecord, source: str, fmt: str) -> Paper | Skipped:
    """Repair text and assign identity; a record with no text at all is skipped."""
    is_word = None
    if fmt in _SCRAPED:
        from loaders.words import is_word
    title = repair(raw.title)
    abstract = repair(raw.abstract, is_word)
    if not title and not abstract:
        return Skipped(source, raw.position, "record has neither title nor abstract")
    doi = normalize_doi(raw.doi)
    arxiv_id = normalize_arxiv(raw.arxiv_id)
    if doi:
        pid = f"doi:{doi}"
    elif arxiv_id:
        pid = f"arxiv:{arxiv_id}"
    elif raw.ext_id:
        pid = raw.ext_id
    elif title:
        pid = "t" + short_hash(normalize_for_identity(title))
    else:
        pid = "a" + short_hash(normalize_for_identity(abstract or ""))
    return Paper(
        id=pid,
        title=title,
        label=display_label(title, abstract),
        abstract=abstract,
        authors=list(raw.authors),
        n_authors=raw.n_authors,
        year=raw.year,
        date=raw.date,
        doi=doi,
        arxiv_id=arxiv_id,
        language=detect_language(abstract or title),
        links=find_links(abstract),
        sources=[{"source": source, "position": raw.position, "format": fmt}],
    )


def merge_papers(kept: Paper, other: Paper) -> None:
    """Fold ``other`` into ``kept``: the first record's text wins, metadata fills gaps."""
    for attr in ("title", "abstract", "year", "date", "doi", "arxiv_id", "n_authors"):
        if getattr(kept, attr) in (None, "") and getattr(other, attr) not in (None, ""):
            setattr(kept, attr, getattr(other, attr))
    if kept.title and kept.label != kept.title:
        kept.label = kept.title
    for a in other.authors:
        if a not in kept.authors:
            kept.authors.append(a)
    for u in other.links:
        if u not in kept.links:
            kept.links.append(u)
    for s in other.sources:
        if s not in kept.sources:
            kept.sources.append(s)
    if kept.language == "und":
        kept.language = other.language


class Deduplicator:
    """Merges records that are the same paper: same id, same normalized title, or
    (for untitled records) the same normalized abstract as any known paper."""

    def __init__(self, papers: Iterable[Paper] = ()) -> None:
        self.papers: dict[str, Paper] = {}
        self._by_key: dict[str, str] = {}
        for p in papers:
            self.add(p)

    def _keys(self, p: Paper) -> list[str]:
        keys = []
        if p.title:
            keys.append(dedup_key(p.title, None))
        if p.abstract:
            keys.append(dedup_key(None, p.abstract))
        return keys

    def find(self, p: Paper) -> Paper | None:
        if p.id in self.papers:
            return self.papers[p.id]
        keys = self._keys(p)
        # a titled record matches on its title only: two papers may share an abstract's
        # opening but not their titles; an untitled record matches on its abstract
        probe = keys[:1]
        for k in probe:
            if k in self._by_key:
                return self.papers[self._by_key[k]]
        return None

    def add(self, p: Paper) -> tuple[Paper, bool]:
        """Add or merge; returns the kept paper and whether a merge happened."""
        existing = self.find(p)
        if existing is not None:
            merge_papers(existing, p)
            self._index(existing)
            return existing, True
        self.papers[p.id] = p
        self._index(p)
        return p, False

    def _index(self, p: Paper) -> None:
        keys = self._keys(p)
        if p.title:  # untitled records may still find a titled twin by its abstract
            keys = keys[:1] + [k for k in keys[1:] if k not in self._by_key]
        for k in keys:
            self._by_key.setdefault(k, p.id)


def load_paths(paths: Iterable[str | Path], fmt: str | None = None) -> LoadResult:
    """Load and deduplicate every record under ``paths``."""
    result = LoadResult()
    dedup = Deduplicator()
    for path in iter_files(paths):
        for item in load_file(path, fmt, result.skipped):
            _, merged = dedup.add(item)
            result.records += 1
            result.merged += merged
    result.papers = list(dedup.papers.values())
    return result


def load_file(path: Path, fmt: str | None, skipped: list[Skipped]) -> Iterator[Paper]:
    """Yield the finished papers of one file, appending skips (never raising for bad input)."""
    try:
        name, items = parse_file(path, fmt)
    except InputError as e:
        log.warning("skipped %s: %s", path, e)
        skipped.append(Skipped(str(path), None, str(e)))
        return
    for item in items:
        if isinstance(item, Skipped):
            skipped.append(item)
            continue
        done = finish(item, str(path), name)
        if isinstance(done, Skipped):
            skipped.append(done)
        else:
            yield done

"""Loaders: files in, :class:`~loaders.records.Paper` records out.

``load_paths`` sniffs each file's shape (``--format`` overrides), parses it
with that shape's module, repairs the text, assigns identity and merges
duplicate records. Files that cannot be read are reported as
:class:`~loaders.records.Skipped`, never silently dropped.
"""

from __future__ import annotations

import logging
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from conceptgraph.errors import InputError, UsageError
from loaders import (
    arxiv,
    bibtex,
    crossref,
    csvtsv,
    hf_daily,
    jsonl,
    lines,
    medline,
    openalex,
    ris,
    s2orc,
    semantic_scholar,
    shamra,
    text,
    title_pairs,
    translated_listing,
    unarxive,
    wos,
)
from loaders.identity import Deduplicator, merge_papers
from loaders.ids import best_key, normalize_arxiv, normalize_doi, normalize_ids
from loaders.lang import detect_language
from loaders.records import Paper, RawRecord, Reference, Skipped, normalize_for_identity, short_hash
from loaders.repair import abstract_text, repair

log = logging.getLogger(__name__)

# bump when parsing or text repair changes what a file yields: a workspace then reads its files again (each
# file's stored hash carries this version), and the papers take the new text
LOADERS_VERSION = "3"  # 3: CSV quotes; WoS, MEDLINE; notices; author keywords

__all__ = [
    "LOADERS_VERSION",
    "Deduplicator",
    "merge_papers",
    "normalize_arxiv",
    "normalize_doi",
    "load_paths",
    "load_file",
    "sniff",
]

# sniffable modules, in tie-break order
_SNIFFERS = [translated_listing, hf_daily, shamra, title_pairs, lines]
# JSON flavours, most specific first: the first whose ``matches`` accepts a file's first record reads it
JSON_FORMATS = [unarxive, s2orc, arxiv, openalex, crossref, semantic_scholar]
FORMATS = {
    m.NAME: m
    for m in (
        translated_listing,
        hf_daily,
        title_pairs,
        shamra,
        text,
        lines,
        csvtsv,
        jsonl,
        bibtex,
        ris,
        wos,
        medline,
        *JSON_FORMATS,
    )
}
FORMATS["tsv"] = csvtsv
# shapes scraped from web pages, where words split by stray spaces occur
_SCRAPED = {"translated-listing", "hf-daily", "title-pairs", "shamra", "lines"}


@dataclass
class LoadResult:
    papers: list[Paper] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    records: int = 0  # input records that became (or merged into) a paper
    merged: int = 0  # records folded into an earlier paper


# files that document a data folder rather than hold records (read only when named directly)
_DOCUMENTATION = re.compile(r"^(readme|license|licence|copying|notice|changelog|manifest|citation)(\.\w+)*$", re.I)


def iter_files(paths: Iterable[str | Path], skipped: list[Skipped] | None = None) -> Iterator[Path]:
    """Expand directories (sorted; hidden files skipped; README/LICENSE files reported in
    ``skipped`` and not read); missing paths are usage errors."""
    for p in paths:
        path = Path(p)
        if not path.exists():
            raise UsageError(f"path does not exist: {path}")
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                if not f.is_file() or any(part.startswith(".") for part in f.relative_to(path).parts):
                    continue
                if _DOCUMENTATION.match(f.name):
                    if skipped is not None:
                        skipped.append(Skipped(str(f), None, "documentation file, not data (name the file to load it)"))
                    continue
                yield f
        else:
            yield path


def read_text(path: Path) -> str:
    """Decode a file as text, or raise InputError with the reason."""
    return _read(path)[0]


def _read(path: Path) -> tuple[str, str | None]:
    """A file's text, and why part of it could not be read (None when all of it was)."""
    data, damage = path.read_bytes(), None
    if data.startswith(b"\x1f\x8b"):  # gzip (S2AG and OpenAlex snapshots ship compressed)
        data, damage = gunzip(data)
    return _decode(data), damage


_GZIP_CHUNK = 1 << 16


def gunzip(data: bytes) -> tuple[bytes, str | None]:
    """Decompress gzip ``data`` (every member), keeping what precedes damage.

    A download cut short or a corrupt block used to lose the whole file; now
    the lines read before the damage are kept (the line it cut through is
    dropped, as it is incomplete), and the second value says what was lost.
    Raises InputError when nothing at all can be read.
    """
    out: list[bytes] = []
    rest, damage = data, None
    while rest[:2] == b"\x1f\x8b":
        rest, damage = _inflate(rest, out)
        if damage is not None:
            break
    text = b"".join(out)
    if damage is None:
        return text, None
    cut = text.rfind(b"\n") + 1
    if not cut:
        raise InputError(f"{damage}; nothing could be read from it")
    return text[:cut], f"{damage}: read {cut:,} bytes of text, the rest of the file is lost"


def _inflate(data: bytes, out: list[bytes]) -> tuple[bytes, str | None]:
    """Decompress the gzip member at the start of ``data``, appending its output; the bytes after it
    and the damage, if any.

    Large pieces are fast; where one fails it is fed again in small pieces
    from a saved state, so the text just before the damage is kept too.
    """
    d = zlib.decompressobj(zlib.MAX_WBITS | 16)
    for i in range(0, len(data), _GZIP_CHUNK):
        piece, saved = data[i : i + _GZIP_CHUNK], d.copy()
        try:
            out.append(d.decompress(piece))
        except zlib.error:
            d = saved
            for j in range(0, len(piece), 64):
                try:
                    out.append(d.decompress(piece[j : j + 64]))
                except zlib.error as e:
                    return b"", f"corrupt gzip data ({e})"
        if d.eof:
            return data[i + len(piece) - len(d.unused_data) :], None
    return b"", "the gzip file is truncated (compressed data ended early)"


def _decode(data: bytes) -> str:
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
    suffixes = [s.lower() for s in path.suffixes if s.lower() != ".gz"]
    suffix = suffixes[-1] if suffixes else ""
    if suffix in (".csv", ".tsv"):
        return "csv"
    if suffix == ".bib" or (suffix != ".ris" and bibtex.sniff(content) >= 0.5):
        return "bibtex"
    if suffix == ".ris" or ris.sniff(content) >= 0.5:
        return "ris"
    if wos.sniff(content) >= 0.5:
        return "wos"
    if suffix == ".nbib" or medline.sniff(content) >= 0.5:
        return "medline"
    if suffix in (".jsonl", ".ndjson", ".json") or content.lstrip().startswith(("{", "[")):
        return sniff_json(content)
    scores = [(m.sniff(content), -i, m.NAME) for i, m in enumerate(_SNIFFERS)]
    score, _, name = max(scores)
    if score >= 0.5:
        return name
    if csvtsv.sniff(content) >= 0.5:
        return "csv"
    return "text"


def sniff_json(content: str) -> str:
    """The JSON flavour of a file, from its first record's keys (generic 'jsonl' otherwise)."""
    first = jsonl.first_object(content)
    if first is not None:
        for module in JSON_FORMATS:
            if module.matches(first):
                return module.NAME
    return "jsonl"


def parse_file(path: Path, fmt: str | None = None) -> tuple[str, list[RawRecord | Skipped]]:
    """Parse one file into raw records; raises InputError when the file is unreadable."""
    content, damage = _read(path)
    name = fmt or sniff(path, content)
    if name not in FORMATS:
        raise UsageError(f"unknown format {name!r}; choose one of {', '.join(sorted(FORMATS))}")
    module = FORMATS[name]
    if module is text:
        items: list = list(text.parse(content, stem=path.stem))
    elif module is jsonl:
        items = list(jsonl.parse(content, source=str(path)))
    elif module in JSON_FORMATS:
        items = list(jsonl.parse(content, source=str(path), convert=module.to_record))
    elif module in (bibtex, ris, wos, medline):
        items = list(module.parse(content, source=str(path)))
    elif module is csvtsv:
        delimiter = "\t" if path.suffix.lower() == ".tsv" else None
        items = list(csvtsv.parse(content, delimiter=delimiter, source=str(path)))
    else:
        items = list(module.parse(content))
    if damage is not None:  # the records before the damage are kept; the user learns what was lost
        items.append(Skipped(str(path), None, damage))
    return name, items


_URL = re.compile(r"https?://[A-Za-z0-9\-._~:/?#@!$&*+,;=%]+")  # ASCII only: CJK text may follow


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


def finish(raw: RawRecord, source: str, fmt: str) -> Paper | Skipped:
    """Repair text and assign identity; a record with no text at all is skipped."""
    is_word = None
    if fmt in _SCRAPED:
        from loaders.words import is_word
    title = repair(raw.title)
    abstract = abstract_text(repair(raw.abstract, is_word))
    found = {k: v for k, v in [("doi", raw.doi), ("arxiv", raw.arxiv_id), *raw.ids.items()] if v not in (None, "")}
    if not title and not abstract:  # its identifiers still find the paper it was, on a re-read
        written = " ".join(str(v) for v in [*found.values(), raw.ext_id] if v) or None
        return Skipped(source, raw.position, "record has neither title nor abstract", written)
    ids = normalize_ids(found)
    if best_key(ids):
        pid = best_key(ids)
    elif raw.ext_id:
        pid = raw.ext_id
    elif title:
        pid = "t" + short_hash(normalize_for_identity(title))
    else:
        pid = "a" + short_hash(normalize_for_identity(abstract or ""))
    origin = {"source": source, "position": raw.position}
    values = {"title": title, "abstract": abstract, "authors": raw.authors, "year": raw.year, "date": raw.date}
    values["venue"] = raw.venue
    provenance = {f: origin for f, v in values.items() if v not in (None, "", [])}
    provenance.update({f"ids.{s}": origin for s in ids})
    return Paper(
        id=pid,
        title=title,
        label=display_label(title, abstract),
        abstract=abstract,
        authors=list(raw.authors),
        n_authors=raw.n_authors,
        year=raw.year,
        date=raw.date,
        doi=ids.get("doi"),
        arxiv_id=ids.get("arxiv"),
        language=detect_language(abstract or title),
        links=find_links(abstract),
        sources=[{"source": source, "position": raw.position, "format": fmt}],
        ids=ids,
        venue=raw.venue,
        references=[_reference(r) for r in raw.references],
        keywords=_keywords(raw.keywords),
        cited_by=[_reference(r) for r in raw.cited_by],
        provenance=provenance,
    )


def _keywords(written: list[str]) -> list[str]:
    """Repaired, each once (case aside), in the order given."""
    out: dict[str, str] = {}
    for k in written:
        k = repair(k.strip(" ;,.")) or ""
        if k and k.casefold() not in out:
            out[k.casefold()] = k
    return list(out.values())


def _reference(ref: Reference) -> dict:
    """A reference with normalized ids and repaired title/text, as stored on the paper."""
    return Reference(
        ids=normalize_ids(ref.ids), title=repair(ref.title), year=ref.year, text=repair(ref.text)
    ).as_dict()


def load_paths(paths: Iterable[str | Path], fmt: str | None = None) -> LoadResult:
    """Load and deduplicate every record under ``paths``."""
    result = LoadResult()
    dedup = Deduplicator()
    for path in iter_files(paths, result.skipped):
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

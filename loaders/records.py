"""The records every loader produces.

A loader turns one file into :class:`RawRecord` objects (fields as found) and
:func:`loaders.finish` turns those into :class:`Paper` objects (repaired text,
language, stable id, display label, links). Keeping the two apart means each
format module only has to know its own shape.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field


@dataclass
class RawRecord:
    """One record as a format module found it, before repair and identity."""

    position: int  # 1-based line number (text shapes) or record number (tabular shapes)
    title: str | None = None
    abstract: str | None = None
    authors: list[str] = field(default_factory=list)
    n_authors: int | None = None
    year: int | None = None
    date: str | None = None
    doi: str | None = None
    arxiv_id: str | None = None
    ext_id: str | None = None  # an id the source gives (e.g. file stem), used only as a fallback label
    ids: dict[str, str] = field(default_factory=dict)  # source id fields, normalized by loaders.ids
    venue: str | None = None
    references: list[Reference] = field(default_factory=list)  # works this record cites
    cited_by: list[Reference] = field(default_factory=list)  # works the source says cite this record
    keywords: list[str] = field(default_factory=list)  # the authors' own keywords, where the export has them


def record(position: int, title, abstract, authors: list[str], year, **fields) -> RawRecord:
    """A RawRecord from one source object: the author count and an integer year derived,
    empty strings read as missing."""
    return RawRecord(
        position=position,
        title=title or None,
        abstract=abstract or None,
        authors=authors,
        n_authors=len(authors) or None,
        year=int(year) if year else None,
        **fields,
    )


@dataclass
class Reference:
    """One entry of a reference list (or one citer): whatever identifies the work."""

    ids: dict[str, str] = field(default_factory=dict)
    title: str | None = None
    year: int | None = None
    text: str | None = None  # the reference as printed, when the source has it

    def as_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v not in (None, {}, "")}


@dataclass
class Skipped:
    """An input that produced no paper, with the reason the user will see."""

    source: str
    position: int | None
    reason: str
    # the record as written, when there is one: on a re-read it finds the paper the record used to be,
    # wherever edits moved it (positions shift); not stored or shown
    raw: str | None = field(default=None, repr=False, compare=False)

    def as_dict(self) -> dict:
        return {"source": self.source, "position": self.position, "reason": self.reason}


@dataclass
class Paper:
    """A paper as stored in the workspace and drawn in the graph."""

    id: str
    title: str | None
    label: str
    abstract: str | None
    authors: list[str]
    n_authors: int | None
    year: int | None
    date: str | None
    doi: str | None
    arxiv_id: str | None
    language: str
    links: list[str]
    sources: list[dict]  # provenance: [{"source": file, "position": n}, ...]
    ids: dict[str, str] = field(default_factory=dict)  # every identifier, normalized (loaders.ids)
    venue: str | None = None
    references: list[dict] = field(default_factory=list)  # Reference.as_dict() of works cited
    cited_by: list[dict] = field(default_factory=list)  # Reference.as_dict() of citing works
    provenance: dict[str, dict] = field(default_factory=dict)  # field -> {"source", "position"} it came from
    # field -> what other records gave for it and lost to the value kept (the first record's wins):
    # [{"source", "position", "value"}], or "same": True instead of a value equal to the kept one. When the
    # file that gave the kept value stops giving it (edited, forgotten), the next of these takes over.
    alternates: dict[str, list[dict]] = field(default_factory=dict)
    # the authors' own keywords (Web of Science DE, Scopus Author Keywords, MEDLINE OT, BibTeX/RIS keywords):
    # concepts of the paper beside those extracted from its text
    keywords: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        d = asdict(self)
        for optional in ("alternates", "keywords"):
            if not d[optional]:
                del d[optional]  # the common case: one record, or records that agree; no keywords
        return d

    @property
    def text(self) -> str:
        """What concept extraction reads: title and abstract."""
        if self.title and self.abstract:
            return f"{self.title}. {self.abstract}"
        return self.abstract or self.title or ""


_NON_ALNUM = re.compile(r"[^0-9a-z\u00c0-\uffff]+")


def normalize_for_identity(text: str) -> str:
    """Case-, punctuation- and space-insensitive form used to decide 'same paper'."""
    return _NON_ALNUM.sub(" ", text.casefold()).strip()


def short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]

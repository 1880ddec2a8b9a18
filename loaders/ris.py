"""RIS (``.ris``), the reference-manager exchange format: ``TY  -`` ... ``ER  -`` records."""

from __future__ import annotations

import re
from collections.abc import Iterator

from loaders.records import RawRecord, Skipped

NAME = "ris"
_TAG = re.compile(r"^([A-Z][A-Z0-9])  - ?(.*)$")
_YEAR = re.compile(r"(1[89]\d\d|20\d\d)")


def sniff(text: str) -> float:
    return 0.95 if re.search(r"^TY  - ", text[:5000], re.M) and re.search(r"^ER  -", text, re.M) else 0.0


def _record(tags: dict[str, list[str]], position: int) -> RawRecord:
    def one(*names: str) -> str | None:
        for n in names:
            if tags.get(n):
                return " ".join(tags[n][0].split())
        return None

    authors = [a.strip() for n in ("AU", "A1", "A2") for a in tags.get(n, []) if a.strip()]
    year_m = _YEAR.search(one("PY", "Y1", "DA") or "")
    url = one("UR") or ""
    date = one("DA", "Y1", "PY")
    return RawRecord(
        position=position,
        title=one("TI", "T1", "CT"),
        abstract=one("AB", "N2"),
        authors=authors,
        n_authors=len(authors) or None,
        year=int(year_m.group(1)) if year_m else None,
        date=date.strip("/") if date else None,
        doi=one("DO") or (url if "doi.org/" in url else None),
        arxiv_id=url if "arxiv.org/abs/" in url else None,
        ids={"pmid": one("AN")} if (one("DB") or "").lower().startswith("pubmed") else {},
        venue=one("T2", "JO", "JF", "JA", "BT"),
    )


def parse(text: str, source: str = "") -> Iterator[RawRecord | Skipped]:
    tags: dict[str, list[str]] | None = None
    start = 0
    last = None
    lines = text.split("\n")

    def written(first: int, last: int) -> str:  # lines first..last (1-based), for finding the paper
        return "\n".join(lines[first - 1 : last])

    for lineno, raw in enumerate(lines, 1):
        line = raw.rstrip("\r")
        m = _TAG.match(line)
        if m:
            tag, value = m.group(1), m.group(2)
            if tag == "TY":
                if tags is not None:
                    reason = "malformed RIS record: no 'ER  -' before the next 'TY  -'"
                    yield Skipped(source, start, reason, written(start, lineno - 1))
                tags, start, last = {}, lineno, None
                continue
            if tags is None:
                yield Skipped(source, lineno, f"malformed RIS: tag {tag} outside a record", line)
                continue
            if tag == "ER":
                yield _record(tags, start)
                tags = None
                continue
            tags.setdefault(tag, []).append(value)
            last = tag
        elif line.strip() and tags is not None and last:
            tags[last][-1] += " " + line.strip()  # a wrapped value continues the previous tag
    if tags is not None:
        yield Skipped(source, start, "malformed RIS record: file ends before 'ER  -'", written(start, len(lines)))

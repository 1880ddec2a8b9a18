"""RIS (``.ris``), the reference-manager exchange format: ``TY  -`` ... ``ER  -`` records."""

from __future__ import annotations

import re
from collections.abc import Iterator

from loaders.records import RawRecord, Skipped
from loaders.tagged import Stray, blocks, first

NAME = "ris"
_TAG = re.compile(r"^([A-Z][A-Z0-9])  - ?(.*)$")
_YEAR = re.compile(r"(1[89]\d\d|20\d\d)")


def sniff(text: str) -> float:
    return 0.95 if re.search(r"^TY  - ", text[:5000], re.M) and re.search(r"^ER  -", text, re.M) else 0.0


def _record(tags: dict[str, list[str]], position: int) -> RawRecord:
    def one(*names: str) -> str | None:
        return first(tags, *names)

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
        keywords=[k for k in tags.get("KW", []) if k.strip()],
    )


def parse(text: str, source: str = "") -> Iterator[RawRecord | Skipped]:
    for item in blocks(text, _TAG, "TY", "ER", lambda line: not _TAG.match(line)):
        if isinstance(item, Stray):
            yield Skipped(source, item.line, f"malformed RIS: tag {item.tag} outside a record", item.text)
        elif item.closed:
            yield _record(item.tags, item.start)
        elif item.next_opened:
            yield Skipped(source, item.start, "malformed RIS record: no 'ER  -' before the next 'TY  -'", item.text)
        else:
            yield Skipped(source, item.start, "malformed RIS record: file ends before 'ER  -'", item.text)

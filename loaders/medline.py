"""PubMed's MEDLINE export (``.nbib``, or "PubMed format" ``.txt``): records of ``TAG - value`` lines.

A record starts at ``PMID-``; records are separated by blank lines. Tags are up to four letters
padded to four (``TI  - ``, ``FAU - ``), and a value goes on over lines indented by six spaces. One
record names other papers too (``CIN`` comments on it, ``RIN`` retractions, ``AID`` item ids): only
its own ``LID``/``AID`` entries marked ``[doi]`` are its DOI.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from loaders.records import RawRecord, record
from loaders.tagged import Stray, blocks, first

NAME = "medline"
_TAG = re.compile(r"^([A-Z]{2,4}) {0,3}- ?(.*)$")
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_DOI = re.compile(r"^(10\.\S+) \[doi\]$")


def sniff(text: str) -> float:
    head = text[:5000]
    return 0.95 if re.search(r"^PMID- ?\d+", head, re.M) and re.search(r"^(?:TI|BTI) {1,2}- ", head, re.M) else 0.0


def _record(tags: dict[str, list[str]], position: int) -> RawRecord:
    def one(*names: str) -> str | None:
        return first(tags, *names)

    authors = [" ".join(a.split()) for a in tags.get("FAU") or tags.get("AU") or [] if a.strip()]
    dp = one("DP")
    year_m = _YEAR.search(dp or "")
    doi = next((m.group(1) for t in ("LID", "AID") for v in tags.get(t, []) if (m := _DOI.match(v.strip()))), None)
    title = one("TI", "BTI")
    if title and title.endswith(".") and not title.endswith(".."):
        title = title[:-1]  # MEDLINE ends every title with a period; other sources do not
    return record(
        position,
        title,
        one("AB"),
        authors,
        year_m.group(1) if year_m else None,
        date=dp,
        doi=doi,
        ids={"pmid": one("PMID"), "pmc": one("PMC")},
        venue=one("JT", "TA"),
        keywords=[" ".join(k.split()) for k in tags.get("OT", [])],  # the authors'; MeSH (MH) is the indexers'
    )


def parse(text: str, source: str = "") -> Iterator[RawRecord]:
    for item in blocks(text, _TAG, "PMID", None, lambda line: line.startswith("      ")):
        if not isinstance(item, Stray):  # nothing stands outside a record but blank lines
            yield _record(item.tags, item.start)

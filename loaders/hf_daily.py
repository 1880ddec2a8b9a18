"""Hugging Face "Daily Papers" pages saved as text.

Each entry is a title, an abstract, then optional metadata lines:
"• 5 authors", "·", and a date such as "Sep 16" or "Feb 23, 2016" (sometimes
followed by an upvote count). The page's own header (its date, "Subscribe",
"Daily Papers") is chrome.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from loaders._layout import pair_titles_and_abstracts
from loaders.records import RawRecord

NAME = "hf-daily"

_AUTHORS = re.compile(r"^[•·*\-]?\s*(\d+)\s+authors?$")
_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
_DATE = re.compile(r"^(" + "|".join(_MONTHS) + r")[a-z]*\.?\s+(\d{1,2})(?:,\s*(\d{4}))?(?:\s+\d+)?$")


def _meta(line: str, rec: RawRecord) -> bool:
    if line in {"·", "•"}:
        return True
    m = _AUTHORS.match(line)
    if m:
        rec.n_authors = int(m.group(1))
        return True
    m = _DATE.match(line)
    if m and rec.date is None:
        month = _MONTHS.index(m.group(1)) + 1
        day = int(m.group(2))
        if m.group(3):
            rec.year = int(m.group(3))
            rec.date = date(rec.year, month, day).isoformat()
        else:  # the page omits the current year: keep what it says
            rec.date = f"{m.group(1)} {day}"
        return True
    return False


def parse(text: str) -> Iterator[RawRecord]:
    return pair_titles_and_abstracts(text, meta=_meta)


def sniff(text: str) -> float:
    hits = sum(1 for line in text.split("\n") if _AUTHORS.match(line.strip()))
    return 0.95 if hits >= 2 or "Daily Papers" in text[:2000] else 0.0

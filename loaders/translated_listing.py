"""Listings of abstracts separated by "translated by ..." marker lines.

Some aggregator sites show each abstract followed by a machine-translation
credit ("translated by 谷歌翻译"). The markers separate records; some abstracts
are themselves in Chinese, which language detection flags later.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from loaders.records import RawRecord

NAME = "translated-listing"

_MARKER = re.compile(r"^\s*translated by\b.*$", re.IGNORECASE)


def parse(text: str) -> Iterator[RawRecord]:
    block: list[str] = []
    start = 1
    for lineno, line in enumerate(text.split("\n") + ["translated by <end>"], 1):
        if _MARKER.match(line):
            body = " ".join(s for s in (b.strip() for b in block) if s)
            if body:
                yield RawRecord(position=start, abstract=body)
            block, start = [], lineno + 1
        else:
            if not block and not line.strip():
                start = lineno + 1
                continue
            block.append(line)


def sniff(text: str) -> float:
    markers = sum(1 for line in text.split("\n") if _MARKER.match(line))
    return 0.95 if markers >= 1 else 0.0

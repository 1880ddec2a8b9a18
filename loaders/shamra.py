"""Shamra Academia listings (Arabic site chrome around English abstracts).

A header line such as "94 - Wenxiao Wang , Lu Yao , Long Chen 2021" gives the
authors and year of the abstract right after it; abstracts without a header
have neither. Arabic-script lines and short lines are chrome.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from loaders._layout import is_abstract_line, numbered_lines
from loaders.records import RawRecord

NAME = "shamra"

_HEADER = re.compile(r"^\d+\s+-\s+(.+?)\s+((?:19|20)\d{2})$")
_ARABIC = re.compile(r"[\u0600-\u06ff]")


def parse(text: str) -> Iterator[RawRecord]:
    pending: tuple[list[str], int] | None = None
    for lineno, line in numbered_lines(text):
        m = _HEADER.match(line)
        if m:
            authors = [a.strip() for a in m.group(1).split(",") if a.strip()]
            pending = (authors, int(m.group(2)))
            continue
        if is_abstract_line(line) and not _ARABIC.search(line):
            rec = RawRecord(position=lineno, abstract=line)
            if pending:
                rec.authors, rec.year = pending
                rec.n_authors = len(rec.authors)
                pending = None
            yield rec


def sniff(text: str) -> float:
    headers = sum(1 for _, line in numbered_lines(text) if _HEADER.match(line))
    return 0.9 if headers >= 1 and _ARABIC.search(text) else (0.6 if headers >= 2 else 0.0)

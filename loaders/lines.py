"""One abstract per line (a common export of scraped or hand-made lists)."""

from __future__ import annotations

from collections.abc import Iterator

from loaders._layout import is_abstract_line, numbered_lines
from loaders.records import RawRecord

NAME = "lines"


def parse(text: str) -> Iterator[RawRecord]:
    for lineno, line in numbered_lines(text):
        yield RawRecord(position=lineno, abstract=line)


def sniff(text: str) -> float:
    lines = numbered_lines(text)
    if len(lines) < 2:
        return 0.0
    share = sum(is_abstract_line(s) for _, s in lines) / len(lines)
    return 0.85 if share >= 0.9 else 0.0

"""Title line / abstract line pairs, as saved from paper listing sites.

Site chrome ("Get trending papers in your email inbox!", "Subscribe" glued to
the first title) is recognised by shape and dropped.
"""

from __future__ import annotations

from collections.abc import Iterator

from loaders._layout import is_abstract_line, numbered_lines, pair_titles_and_abstracts
from loaders.records import RawRecord

NAME = "title-pairs"


def parse(text: str) -> Iterator[RawRecord]:
    return pair_titles_and_abstracts(text)


def sniff(text: str) -> float:
    """Share of abstract lines that sit directly under a short title line."""
    lines = numbered_lines(text)
    abstracts = [k for k, (_, s) in enumerate(lines) if is_abstract_line(s)]
    if len(abstracts) < 2:
        return 0.0
    titled = sum(1 for k in abstracts if k > 0 and not is_abstract_line(lines[k - 1][1]))
    return 0.8 * titled / len(abstracts)

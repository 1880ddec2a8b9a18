"""Line-layout helpers shared by the scraped-listing loaders.

Scraped pages interleave papers with site chrome. Rather than keep a list of
every chrome string a site may show, we recognise papers by their shape: an
abstract is a long, multi-sentence line; a title is a short line directly above
one. Whatever fits neither is chrome and never becomes a paper.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from loaders.records import RawRecord

_SENTENCE_END = re.compile(r"[.!?](?:\s+[A-Z(\"]|\s*$)")
# site words glued to the first title of a listing ("SubscribeMelanoma ...")
_GLUED_CHROME = re.compile(r"^(?:Subscribe|Upvote|Submitted by|new)(?=[A-Z0-9])")


def numbered_lines(text: str) -> list[tuple[int, str]]:
    """Non-empty lines, stripped, with their 1-based line numbers."""
    return [(i, s) for i, line in enumerate(text.split("\n"), 1) if (s := line.strip())]


def is_abstract_line(line: str) -> bool:
    """An abstract is long, or at least two sentences of moderate length."""
    if len(line) >= 250:
        return True
    return len(line) >= 80 and len(_SENTENCE_END.findall(line)) >= 2


def is_title_line(line: str) -> bool:
    return 3 <= len(line) <= 300 and not is_abstract_line(line)


def clean_title(line: str) -> str:
    return _GLUED_CHROME.sub("", line).strip()


MetaParser = Callable[[str, RawRecord], bool]


def pair_titles_and_abstracts(text: str, meta: MetaParser | None = None) -> Iterator[RawRecord]:
    """Yield one record per abstract line, titled by the short line above it.

    ``meta`` may claim the lines that follow a paper (author counts, dates):
    it returns True when it consumed the line into the current record.
    """
    lines = numbered_lines(text)
    current: RawRecord | None = None
    for k, (lineno, line) in enumerate(lines):
        if is_abstract_line(line):
            prev = lines[k - 1][1] if k > 0 else None
            titled = prev is not None and is_title_line(prev) and not (meta and _is_meta(meta, prev))
            if titled:
                current = RawRecord(position=lines[k - 1][0], title=clean_title(prev), abstract=line)
            else:
                current = RawRecord(position=lineno, abstract=line)
            yield current
            continue
        if current is not None and meta is not None and meta(line, current):
            continue
        # anything else is chrome or a title waiting for its abstract


def _is_meta(meta: MetaParser, line: str) -> bool:
    probe = RawRecord(position=0)
    return meta(line, probe)

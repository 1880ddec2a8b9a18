"""Records written as tagged lines (RIS, Web of Science, MEDLINE): one reader, each format its rules.

All three put a short tag at the start of a line, run a value on over wrapped lines, open a record
with one tag and (except MEDLINE) close it with another. They differ in how a tag is written, how a
wrapped line is told apart, and which tags list one item per line (authors, cited references).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass


@dataclass
class Block:
    """One record's tags (each a list of values, wrapped lines joined), and where it lies in the file."""

    tags: dict[str, list[str]]
    start: int  # 1-based line of its opening tag
    text: str  # the record as written, for finding its paper again when it cannot be read
    closed: bool  # its closing tag was found (always True where the format has none)
    next_opened: bool = False  # not closed because the next record opened


@dataclass
class Stray:
    """A tag line outside any record."""

    line: int
    tag: str
    text: str


def blocks(
    text: str,
    tag: re.Pattern[str],
    opens: str,
    closes: str | None,
    wrapped: Callable[[str], bool],
    one_per_line: frozenset[str] = frozenset(),
) -> Iterator[Block | Stray]:
    """Split ``text`` into records: ``tag`` matches a tag line (groups: tag, value), ``wrapped`` tells
    a line that goes on with the value above, and a tag in ``one_per_line`` takes each wrapped line as
    one more item. Without ``closes`` a record ends where the next opens."""
    lines = text.split("\n")
    tags: dict[str, list[str]] | None = None
    start, last = 0, None

    def block(end: int, closed: bool, next_opened: bool = False) -> Block:
        return Block(tags or {}, start, "\n".join(lines[start - 1 : end]), closed, next_opened)

    for lineno, raw in enumerate(lines, 1):
        line = raw.rstrip("\r").lstrip("\ufeff")
        if tags is not None and last and wrapped(line):
            item = " ".join(line.split())
            if item and last in one_per_line:
                tags[last].append(item)
            elif item:
                tags[last][-1] = f"{tags[last][-1]} {item}".strip()
            continue
        m = tag.match(line)
        if not m:
            continue
        name, value = m.group(1), (m.group(2) or "").strip()
        if name == opens:
            if tags is not None:
                yield block(lineno - 1, closes is None, next_opened=True)
            tags, start, last = {}, lineno, None
            if closes is not None:
                continue
        elif tags is None:
            yield Stray(lineno, name, line)
            continue
        elif name == closes:
            yield block(lineno, True)
            tags, last = None, None
            continue
        values = tags.setdefault(name, [])
        if value or name not in one_per_line:
            values.append(value)
        last = name
    if tags is not None:
        yield block(len(lines), closes is None)


def first(tags: dict[str, list[str]], *names: str) -> str | None:
    """The first value of the first of ``names`` the record has, whitespace collapsed."""
    for n in names:
        if tags.get(n) and tags[n][0].strip():
            return " ".join(tags[n][0].split())
    return None

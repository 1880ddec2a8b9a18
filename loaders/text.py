"""Plain text: the whole file is one document, its id the file stem.

A short first line followed by more text is taken as the title (the layout of
Inspec-style files and of most saved abstracts).
"""

from __future__ import annotations

from collections.abc import Iterator

from loaders._layout import is_title_line
from loaders.records import RawRecord

NAME = "text"


def parse(text: str, stem: str | None = None) -> Iterator[RawRecord]:
    lines = [line.strip() for line in text.strip().split("\n")]
    if not any(lines):
        return
    title = None
    if len(lines) > 1 and is_title_line(lines[0]) and not lines[0].endswith("."):
        title, lines = lines[0], lines[1:]
    body = " ".join(s for s in lines if s) or None
    yield RawRecord(position=1, title=title, abstract=body, ext_id=stem)

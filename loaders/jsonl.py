"""JSON Lines (one object per line) and JSON arrays of paper objects."""

from __future__ import annotations

import json
from collections.abc import Iterator

from loaders.fields import to_record
from loaders.records import RawRecord, Skipped

NAME = "jsonl"


def parse(text: str, source: str = "") -> Iterator[RawRecord | Skipped]:
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            items = json.loads(text)
        except json.JSONDecodeError as e:
            yield Skipped(source, e.lineno, f"invalid JSON: {e.msg}")
            return
        for i, obj in enumerate(items, 1):
            if isinstance(obj, dict):
                yield to_record(obj, position=i)
            else:
                yield Skipped(source, i, "array item is not an object")
        return
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield Skipped(source, lineno, f"invalid JSON line: {e.msg}")
            continue
        if not isinstance(obj, dict):
            yield Skipped(source, lineno, "JSON line is not an object")
            continue
        yield to_record(obj, position=lineno)


def sniff(text: str) -> float:
    head = text.lstrip()[:1]
    return 0.9 if head in ("{", "[") else 0.0

"""JSON Lines (one object per line) and JSON documents, and the generic paper-object loader.

:func:`objects` is shared by every JSON-shaped format (OpenAlex, Semantic
Scholar, S2ORC, unarXive, arXiv, Crossref): it walks JSON Lines or one JSON
document, unwraps the envelopes APIs return (``results``, ``data``,
``message.items``), and reports a line that does not parse with its position
instead of failing the whole file.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from loaders.fields import to_record
from loaders.records import RawRecord, Skipped

NAME = "jsonl"

Convert = Callable[[dict, int], "RawRecord | Skipped"]


def _unwrap(doc: Any) -> list[Any]:
    """The records inside one JSON document: an array, an API envelope, or one object."""
    if isinstance(doc, list):
        return doc
    if isinstance(doc, dict):
        for key in ("results", "data", "items"):
            if isinstance(doc.get(key), list):
                return doc[key]
        message = doc.get("message")
        if isinstance(message, dict):  # Crossref: {"message": work} or {"message": {"items": [...]}}
            return message["items"] if isinstance(message.get("items"), list) else [message]
        return [doc]
    return [doc]


def objects(text: str, source: str = "") -> Iterator[tuple[int, dict] | Skipped]:
    """(position, object) for every record; positions are line numbers in JSON Lines,
    item numbers in a JSON document. Unparseable lines come back as Skipped."""
    stripped = text.strip()
    whole: Any = None
    if stripped.startswith(("[", "{")):
        # one JSON document (an array, or one possibly pretty-printed object), else JSON Lines
        try:
            whole = json.loads(stripped)
        except json.JSONDecodeError as e:
            if stripped.startswith("[") or "\n" not in stripped:
                # the whole document is unreadable, not one record: no position, so a re-read keeps its papers
                yield Skipped(source, None, f"invalid JSON at line {e.lineno}: {e.msg}")
                return
    if whole is not None:
        for i, obj in enumerate(_unwrap(whole), 1):
            if isinstance(obj, dict):
                yield i, obj
            else:
                yield Skipped(source, i, "array item is not an object", json.dumps(obj, ensure_ascii=False))
        return
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield Skipped(source, lineno, f"invalid JSON line: {e.msg}", line)
            continue
        if not isinstance(obj, dict):
            yield Skipped(source, lineno, "JSON line is not an object", line)
            continue
        yield lineno, obj


def first_object(text: str) -> dict | None:
    """The first record of a JSON file, for sniffing its flavour."""
    for item in objects(text):
        if not isinstance(item, Skipped):
            return item[1]
    return None


def parse(text: str, source: str = "", convert: Convert | None = None) -> Iterator[RawRecord | Skipped]:
    convert = convert or (lambda obj, pos: to_record(obj, position=pos))
    for item in objects(text, source):
        if isinstance(item, Skipped):
            yield item
            continue
        position, obj = item
        try:
            yield convert(obj, position)
        except (TypeError, ValueError, AttributeError, KeyError) as e:  # a record of the wrong shape
            raw = json.dumps(obj, ensure_ascii=False, default=str)
            yield Skipped(source, position, f"malformed record: {type(e).__name__}: {e}", raw)


def sniff(text: str) -> float:
    head = text.lstrip()[:1]
    return 0.9 if head in ("{", "[") else 0.0

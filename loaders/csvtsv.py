"""CSV and TSV exports with title / abstract / authors / year / doi columns."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from conceptgraph.errors import InputError
from loaders.fields import ALIASES, to_record
from loaders.records import RawRecord

NAME = "csv"


def parse(text: str, delimiter: str | None = None) -> Iterator[RawRecord]:
    csv.field_size_limit(2**31 - 1)
    if delimiter is None:
        first = text.split("\n", 1)[0]
        delimiter = "\t" if first.count("\t") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = {h.strip().lower() for h in (reader.fieldnames or [])}
    if not header & (set(ALIASES["title"]) | set(ALIASES["abstract"])):
        raise InputError(
            f"no title or abstract column among {sorted(header)}; rename a column to 'title' or 'abstract'"
        )
    for i, row in enumerate(reader, 1):
        yield to_record(row, position=i + 1)  # +1: the header is line 1


def sniff(text: str) -> float:
    first = text.split("\n", 1)[0].lower()
    cells = {c.strip().strip('"') for c in first.replace("\t", ",").split(",")}
    return 0.9 if cells & (set(ALIASES["title"]) | set(ALIASES["abstract"])) else 0.0

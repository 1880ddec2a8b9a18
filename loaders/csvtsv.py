"""CSV and TSV exports with title / abstract / authors / year / doi columns."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from conceptgraph.errors import InputError
from loaders.fields import ALIASES, to_record
from loaders.records import RawRecord, Skipped

NAME = "csv"
_PREAMBLE = 3  # lines an export may write above its header


def parse(text: str, delimiter: str | None = None, source: str = "") -> Iterator[RawRecord | Skipped]:
    """Records by row; positions count rows as line numbers (the header is line 1).

    A quote that is opened and never closed would make the rest of the file (or the lines up to the next
    quote) one field of one row: that row is skipped instead, and reading goes on at the line after it,
    so the records below it survive.
    """
    csv.field_size_limit(2**31 - 1)
    if delimiter is None:
        first = text.split("\n", 1)[0]
        delimiter = "\t" if first.count("\t") > first.count(",") else ","
    lines = io.StringIO(text).readlines()  # split at "\n" only, as the csv module does
    wanted = set(ALIASES["title"]) | set(ALIASES["abstract"])
    # Dimensions writes a line "About the data: ..." above its header
    skip = next((i for i, line in enumerate(lines[: _PREAMBLE + 1]) if _cells(line, delimiter) & wanted), 0)
    reader = csv.reader(lines[skip:], delimiter=delimiter)
    fields = next(reader, None) or []
    header = {h.strip().lower() for h in fields}
    if not header & wanted:
        raise InputError(
            f"no title or abstract column among {sorted(header)}; rename a column to 'title' or 'abstract'"
        )
    position, start = 1 + skip, skip + reader.line_num  # lines[start:] are still to read
    while start < len(lines):
        rest = lines[start:]
        reader, done = csv.reader(rest, delimiter=delimiter), 0  # done: lines of ``rest`` read so far
        for row in reader:
            if not row:  # a blank line
                done = reader.line_num
                continue
            position += 1
            misaligned, at_end = len(row) != len(fields), reader.line_num == len(rest)
            if reader.line_num - done > 1 and (misaligned or at_end) and _unclosed(rest, done, delimiter, misaligned):
                line = rest[done].rstrip("\r\n")
                yield Skipped(source, position, "malformed CSV row: a quote is never closed", line)
                start += done + 1  # read on from the line after it
                break
            yield to_record(dict(zip(fields, row)), position=position)
            done = reader.line_num
        else:
            return


def _cells(line: str, delimiter: str) -> set[str]:
    return {c.strip().lower() for c in next(csv.reader([line], delimiter=delimiter), [])}


def _unclosed(lines: list[str], first: int, delimiter: str, misaligned: bool) -> bool:
    """Whether the row at ``lines[first]``, which spans lines, does so only because a quote was never
    closed: it runs to the end of the file inside the quote, or it breaks strict quoting and has the wrong
    number of cells (its quote was closed by the next row's opening one)."""
    try:
        for _ in csv.reader((lines[i] for i in range(first, len(lines))), delimiter=delimiter, strict=True):
            break
    except csv.Error as e:
        return misaligned or "unexpected end of data" in str(e)
    return False


def sniff(text: str) -> float:
    first = text.split("\n", 1)[0].lower()
    cells = {c.strip().strip('"') for c in first.replace("\t", ",").split(",")}
    return 0.9 if cells & (set(ALIASES["title"]) | set(ALIASES["abstract"])) else 0.0

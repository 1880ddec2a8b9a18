"""BibTeX (``.bib``): entries, ``@string`` macros and ``#`` concatenation.

A malformed entry (unbalanced braces, no key, a field without ``=``) is
reported with the line it starts on and skipped; parsing resumes at the next
``@`` that starts a line, so one bad entry never costs the rest of the file.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from loaders.records import RawRecord, Skipped, record

NAME = "bibtex"
_ENTRY = re.compile(r"@\s*([A-Za-z]+)\s*([{(])")
_FIELD_NAME = re.compile(r"\s*([A-Za-z][\w\-:.]*)\s*=\s*")
_MONTHS = {m: f"{i:02d}" for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_YEAR = re.compile(r"(1[89]\d\d|20\d\d)")


class _Malformed(ValueError):
    pass


def sniff(text: str) -> float:
    return (
        0.95
        if re.search(
            r"^\s*@\s*(article|inproceedings|misc|book|incollection|phdthesis|techreport|"
            r"proceedings|inbook|unpublished|online|string|preamble)\s*[{(]",
            text,
            re.I | re.M,
        )
        else 0.0
    )


def _braced(text: str, i: int, close: str) -> tuple[str, int]:
    """The text from i up to the matching ``close`` at depth 0 (i is just after the opener)."""
    depth = 0
    start = i
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            if depth == 0:
                if close == "}":
                    return text[start:i], i + 1
                raise _Malformed("unbalanced braces")
            depth -= 1
        elif c == close and depth == 0:
            return text[start:i], i + 1
        elif c == "@" and depth == 0 and text[i - 1] == "\n":
            break
        i += 1
    raise _Malformed("entry is not closed (unbalanced braces?)")


def _value(body: str, i: int, macros: dict[str, str]) -> tuple[str, int]:
    parts = []
    while True:
        while i < len(body) and body[i].isspace():
            i += 1
        if i >= len(body):
            raise _Malformed("field has no value")
        c = body[i]
        if c == "{":
            v, i = _braced(body, i + 1, "}")
        elif c == '"':
            j = i + 1
            depth = 0
            while j < len(body) and not (body[j] == '"' and depth == 0 and body[j - 1] != "\\"):
                depth += {"{": 1, "}": -1}.get(body[j], 0)
                j += 1
            if j >= len(body):
                raise _Malformed("unterminated quoted value")
            v, i = body[i + 1 : j], j + 1
        else:
            m = re.match(r"[\w\-:.]+", body[i:])
            if not m:
                raise _Malformed(f"unexpected {c!r} in a field value")
            word = m.group(0)
            v = word if word.isdigit() else macros.get(word.lower(), word)
            i += len(word)
        parts.append(v)
        while i < len(body) and body[i].isspace():
            i += 1
        if i < len(body) and body[i] == "#":
            i += 1
            continue
        return "".join(parts), i


def _fields(body: str, macros: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    i = 0
    while i < len(body):
        while i < len(body) and (body[i].isspace() or body[i] == ","):
            i += 1
        if i >= len(body):
            break
        m = _FIELD_NAME.match(body, i)
        if not m:
            raise _Malformed(f"expected 'name = value' near {body[i : i + 30]!r}")
        value, i = _value(body, m.end(), macros)
        out[m.group(1).lower()] = " ".join(value.replace("{", "").replace("}", "").split())
        while i < len(body) and body[i].isspace():
            i += 1
        if i < len(body) and body[i] != ",":
            raise _Malformed(f"expected ',' after field {m.group(1)!r}")
    return out


def _record(fields: dict[str, str], position: int) -> RawRecord:
    authors = [a.strip() for a in re.split(r"\s+and\s+", fields.get("author", "")) if a.strip()]
    year_m = _YEAR.search(fields.get("year", "") or fields.get("date", ""))
    date = fields.get("date")
    if not date and year_m:
        month = _MONTHS.get(fields.get("month", "")[:3].lower()) or (
            f"{int(fields['month']):02d}" if fields.get("month", "").isdigit() else None
        )
        date = f"{year_m.group(1)}-{month}" if month else year_m.group(1)
    arxiv = fields.get("eprint") if fields.get("archiveprefix", "arxiv").lower() == "arxiv" else None
    url = fields.get("url", "")
    return record(
        position,
        fields.get("title"),
        fields.get("abstract"),
        authors,
        year_m.group(1) if year_m else None,
        date=date,
        doi=fields.get("doi") or (url if "doi.org/" in url else None),
        arxiv_id=arxiv or (url if "arxiv.org/abs/" in url else None),
        ids={"pmid": fields.get("pmid"), "pmc": fields.get("pmcid")},
        venue=fields.get("journal") or fields.get("booktitle") or fields.get("journaltitle"),
        keywords=re.split(r"\s*[;,]\s*", fields.get("keywords", "")),
    )


def parse(text: str, source: str = "") -> Iterator[RawRecord | Skipped]:
    macros: dict[str, str] = {}
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line_of(offset: int) -> int:
        return bisect.bisect_right(line_starts, offset)

    pos = 0
    while True:
        m = _ENTRY.search(text, pos)
        if not m:
            return
        kind, opener = m.group(1).lower(), m.group(2)
        line = line_of(m.start())
        try:
            body, end = _braced(text, m.end(), "}" if opener == "{" else ")")
        except _Malformed as e:
            nxt = re.compile(r"^\s*@", re.M).search(text, m.end())
            pos = nxt.start() if nxt else len(text)
            yield Skipped(source, line, f"malformed BibTeX entry: {e}", text[m.start() : pos])
            continue
        pos = end
        if kind in ("comment", "preamble"):
            continue
        try:
            if kind == "string":
                macros.update(_fields(body, macros))
                continue
            key, comma, rest = body.partition(",")
            if not comma or not key.strip() or "=" in key:
                raise _Malformed("entry has no citation key")
            fields = _fields(rest, macros)
        except _Malformed as e:
            yield Skipped(source, line, f"malformed BibTeX entry: {e}", text[m.start() : end])
            continue
        yield _record(fields, line)

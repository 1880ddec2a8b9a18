"""Web of Science plain-text exports (``savedrecs.txt``): ``PT`` ... ``ER`` records of two-letter tags.

This is what VOSviewer, CiteSpace and bibliometrix read first. A tag starts a line (``TI Gel
electrophoresis: ...``) and its value goes on over lines indented by three spaces. For authors
(``AU``/``AF``) and cited references (``CR``) each such line is one item; for every other tag the
lines are one wrapped value. The tab-delimited export has a header of the same tags and is read by
the CSV loader.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from loaders.fields import reference_from_text
from loaders.records import RawRecord, Skipped, record
from loaders.tagged import Stray, blocks, first

NAME = "wos"
_TAG = re.compile(r"^([A-Z][A-Z0-9])(?: (.*))?$")
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_LISTS = frozenset({"AU", "AF", "CR", "C1"})  # one item per line


def sniff(text: str) -> float:
    head = text[:5000]
    if re.match(r"\ufeff?FN ", head) and re.search(r"^PT [A-Z]", head, re.M):
        return 0.95
    return 0.9 if re.search(r"^PT [A-Z]\s*$", head, re.M) and re.search(r"^ER\s*$", text, re.M) else 0.0


def _record(tags: dict[str, list[str]], position: int) -> RawRecord:
    def one(tag: str) -> str | None:
        return first(tags, tag)

    authors = tags.get("AF") or tags.get("AU") or []
    year_m = _YEAR.search(one("PY") or one("EA") or "")
    pd, py = one("PD"), one("PY")
    date = pd if pd and _YEAR.search(pd) else " ".join(x for x in (pd, py) if x) or None  # "2025 MAR 17", "MAY 2025"
    return record(
        position,
        one("TI"),
        one("AB"),
        authors,
        year_m.group(1) if year_m else None,
        date=date,
        doi=one("DI"),
        ext_id=one("UT"),
        ids={"pmid": one("PM")},
        venue=one("SO"),
        # "Allison SA, 2007, J COLLOID INTERF SCI, V313, P328, DOI 10.1016/j.jcis.2007.04.030"
        references=[reference_from_text(r) for r in tags.get("CR", [])],
        keywords=(one("DE") or "").split("; "),  # the authors' keywords; ID (Keywords Plus) is WoS's own
    )


def parse(text: str, source: str = "") -> Iterator[RawRecord | Skipped]:
    for item in blocks(text, _TAG, "PT", "ER", lambda line: line.startswith("   "), _LISTS):
        if isinstance(item, Stray):
            continue  # the file's own header (FN, VR) and end (EF)
        if item.closed:
            yield _record(item.tags, item.start)
        else:
            where = "no 'ER' before the next 'PT'" if item.next_opened else "file ends before 'ER'"
            yield Skipped(source, item.start, f"malformed Web of Science record: {where}", item.text)

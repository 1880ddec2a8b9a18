"""Text repair for scraped abstracts.

Scraped listings carry LaTeX remnants (``\\textbf{I}nverted``, ``Poincar\\'e``,
``\\url{...}``, ``\\eg``), ragged whitespace, and words split by a stray space
("thi s problem"). We repair these before extraction so that concepts and
identity are computed on clean text.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterable

_ACCENTS = {
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    '"': "\u0308",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    "c": "\u0327",
    "v": "\u030c",
    "u": "\u0306",
    "H": "\u030b",
}
_ACCENT_RE = re.compile(r"\{?\\([`'^\"~=.]|[cvuH](?=[\s{]))\s*\{?([A-Za-z])\}?\}?")
_MACROS = {
    "eg": "e.g.",
    "ie": "i.e.",
    "etal": "et al.",
    "vs": "vs.",
    "etc": "etc.",
    "wrt": "w.r.t.",
    "cf": "cf.",
    "sim": "~",
    "approx": "~",
    "times": "x",
    "le": "<=",
    "ge": ">=",
    "leq": "<=",
    "geq": ">=",
}
_FORMAT_CMD = re.compile(
    r"\\(?:textbf|textit|emph|texttt|textsc|textrm|mathrm|mathbf|mathit|mathcal|mathbb|underline|text)\s*\{([^{}]*)\}"
)
_URL_CMD = re.compile(r"\\?\s*\burl\s*\{\s*([^{}\s]*)\s*\}")
_HREF_CMD = re.compile(r"\\href\s*\{([^{}]*)\}\s*\{([^{}]*)\}")
_ESCAPED = re.compile(r"\\([%&#_$])")
_MACRO_RE = re.compile(r"\\([A-Za-z]+)\b")
_MATH_DOLLARS = re.compile(r"\$([^$]{1,80})\$")
_WS = re.compile(r"\s+")


def _accent(m: re.Match) -> str:
    return unicodedata.normalize("NFC", m.group(2) + _ACCENTS[m.group(1)])


def _macro(m: re.Match) -> str:
    name = m.group(1)
    return _MACROS.get(name, name)


def delatex(text: str) -> str:
    """Turn common LaTeX remnants into plain text."""
    if "\\" not in text and "url" not in text and "$" not in text:
        return text
    text = _HREF_CMD.sub(r"\2 (\1)", text)
    text = _URL_CMD.sub(r"\1", text)
    for _ in range(3):  # nested formatting such as \textbf{\emph{x}}
        new = _FORMAT_CMD.sub(r"\1", text)
        if new == text:
            break
        text = new
    text = _ACCENT_RE.sub(_accent, text)
    text = _ESCAPED.sub(r"\1", text)
    text = _MATH_DOLLARS.sub(lambda m: m.group(1), text)
    text = _MACRO_RE.sub(_macro, text)
    text = re.sub(r"\\(?=\d)", "", text)  # "\10,000" where a dollar sign was lost
    text = text.replace("\\\\", " ").replace("\\ ", " ")
    return text


def collapse_whitespace(text: str) -> str:
    return _WS.sub(" ", text).strip()


_ENTITY = re.compile(r"(?:(?<=\w) (?=& ?[A-Za-z]+;[\w-]))?&\s?([A-Za-z][A-Za-z0-9]{1,8}|#x?[0-9A-Fa-f]{2,6});")


def unescape_entities(text: str) -> str:
    """HTML entities left in exported text, also as Web of Science writes them ("Schr & ouml;dinger");
    "R&D;" and other text that names no entity stays."""

    def one(m: re.Match) -> str:
        name = f"&{m.group(1)};"
        got = html.unescape(name)
        return got if got != name else m.group(0)

    return _ENTITY.sub(one, text) if "&" in text else text


_PART = re.compile(r"^[a-z]{1,12}$")
_TOKEN_SPLIT = re.compile(r"(\s+)")


def rejoin_split_words(text: str, is_word: Callable[[str], bool]) -> str:
    """Rejoin "thi s" -> "this" when the joined form is a word and a part is not.

    Requiring one part to be a non-word keeps real two-word sequences ("in to",
    "a part") apart. Only bare lower-case tokens qualify, so "network's end" or
    "ImageNet-R and" are never glued.
    """
    parts = _TOKEN_SPLIT.split(text)  # words at even indexes, whitespace at odd
    out: list[str] = []
    i = 0
    while i < len(parts):
        word = parts[i]
        if (
            i + 2 < len(parts)
            and parts[i + 1] == " "
            and _PART.match(word)
            and _PART.match(parts[i + 2].rstrip(".,;:!?)"))
        ):
            nxt = parts[i + 2]
            core = nxt.rstrip(".,;:!?)")
            joined = word + core
            if is_word(joined) and not (is_word(word) and is_word(core)):
                out.append(joined + nxt[len(core) :])
                i += 3
                continue
        out.append(word)
        i += 1
    return "".join(out)


# a title run straight into the next one ends in a lower-case letter (or a bracket) and the next starts with
# a capital: "...RemediationThe Indian Nitrogen Assessment", "...in AgricultureBiofertilizers in..."
_JOINED_TITLE_WORD = re.compile(r"(?<=[a-z]{2}|[a-z]\))(?=[A-Z])")
_JOINED_FUNCTION_WORD = re.compile(r"(?:[a-z]{2}|\))(?:The|An|In|On|Of|For|And|With|From|To|Towards)\b")


def split_run_on_titles(text: str) -> str:
    """Split a listing of titles scraped without separators ("...AssessmentAdvances in...") into sentences.

    Some records' "abstracts" are a page's list of related titles with the
    breaks lost, which glues each title's last word to the next one's first
    ("AgricultureBiofertilizers"), a name no paper uses. A capitalized
    function word glued to a lower-case letter ("RemediationThe") marks such a
    listing: names coined in camel case ("ImageNet", "ScheduledDropPath",
    "TransferTransfo") do not start a part with one, and across the sample and
    the citation corpora no real abstract has more than one. Only in a listing
    with at least two is every such join split, so names elsewhere stay whole.
    """
    if len(_JOINED_FUNCTION_WORD.findall(text)) < 2:
        return text
    return _JOINED_TITLE_WORD.sub(". ", text)


# a sentence end with its space lost: "...correlation coefficient.Correlation coefficient was...", "workers.The"
# (words of letters only on both sides, so "java.lang.String" and "www.Example.com" stay whole)
_LOST_SPACE = re.compile(r"(?<![\w./])([A-Za-z]*[a-z]{3}[.?!])(?=[A-Z][a-z]+\b(?![./]\w))")


def space_sentence_ends(text: str) -> str:
    """Put back the space a scraped abstract lost after a sentence's full stop ("coefficient.Correlation").

    Without it the tokenizer reads the two sentences' words as one dotted
    token (as it reads "v1.5"), and a phrase runs across the sentence end.
    """
    return _LOST_SPACE.sub(r"\1 ", text)


# the Latin ligatures that text taken from PDFs keeps: "ﬁne-tuning", "classiﬁer" read as "fine-tuning", "classifier"
_LIGATURES = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}
)


def repair(text: str | None, is_word: Callable[[str], bool] | None = None) -> str | None:
    """Full repair pipeline; ``is_word`` enables split-word rejoining."""
    if text is None:
        return None
    text = unicodedata.normalize("NFC", unescape_entities(text)).translate(_LIGATURES)
    text = delatex(text)
    text = collapse_whitespace(text)
    text = split_run_on_titles(text)
    text = space_sentence_ends(text)
    if is_word is not None:
        text = rejoin_split_words(text, is_word)
    return text or None


# what databases put where an abstract is missing ("[No abstract available]" is Scopus's)
_PLACEHOLDERS = frozenset(
    {"no abstract available", "abstract not available", "no abstract", "abstract unavailable", "n/a", "na", "none"}
)
# the publisher's notice that Scopus, Web of Science and Crossref keep at an abstract's end; left in, it
# becomes a concept ("Elsevier B.V.") in every paper of that publisher
_NOTICE = re.compile(
    r"\s*©"
    r"|(?:(?<=[.!?)\]])\s+|^)(?:\([Cc]\)\s*(?=\d{4}|The Author)|(?i:copyright)\s*(?=©|\([Cc]\)|\d{4}|by\b)"
    r"|This is an open access article\b|Published by (?:Elsevier|Springer|Wiley|Oxford|Cambridge|Taylor)\b)"
)
_NOTICE_WORDS = re.compile(
    r"©|\(c\)|copyright|rights reserved|licen[cs]e|open access|published by|creative commons|\bauthors?\b"
    r"|\b(?:19|20)\d\d\b|publisher|elsevier|springer|wiley|ieee|\bacm\b|society|association|press|\bltd\b"
    r"|\binc\b|\bb\.\s?v\b|gmbh|\bllc\b|taylor|francis",
    re.I,
)
_RIGHTS = re.compile(r"\s*\bAll rights reserved\b\.?\s*$", re.I)
_PUBLISHER = re.compile(
    r"\b(?:(?:19|20)\d\d|Elsevier|Springer|Wiley|Francis|IEEE|ACM|Society|Association|Institute|Publishers?"
    r"|Publishing|Press|Ltd|Inc|B\.\s?V|GmbH|LLC|Authors?|Licensee|MDPI|Hindawi|SAGE|Sage|Emerald)\b"
)
_PROSE = re.compile(r"\b(?:we|our|is|are|was|were|be|this|these|show|shows|propose|results?)\b", re.I)
_NOTICE_SPAN = 400  # a notice sits in an abstract's last few hundred characters


def abstract_text(text: str | None) -> str | None:
    """An abstract without the copyright or licence notice at its end, and none at all for a placeholder."""
    if text is None:
        return None
    if text.strip(" []().").lower() in _PLACEHOLDERS:
        return None
    for m in _NOTICE.finditer(text, max(0, len(text) - _NOTICE_SPAN)):
        # a notice runs to the end; "© JOE MCDONALD/CORBIS" before more of the abstract is an image credit
        sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z(©])", text[m.start() :].strip())
        if m.start() > 0 and all(_NOTICE_WORDS.search(x) for x in sentences):
            text = text[: m.start()].rstrip()
            break
    rights = _RIGHTS.search(text)
    if rights:  # "Elsevier Ltd. All rights reserved." with its mark lost: the publisher's words go too
        head = text[: rights.start()]
        cut = len(head)
        for b in re.finditer(r"[.!?]\s+", head[-120:]):
            rest = head[len(head) - 120 + b.end() if len(head) > 120 else b.end() :]
            if _PUBLISHER.search(rest) and not _PROSE.search(rest):
                cut = len(head) - len(rest)
                break
        text = head[:cut].rstrip()
    return text or None


_WORD = re.compile(r"[a-z]+")


def corpus_vocabulary(texts: Iterable[str], min_count: int = 2) -> set[str]:
    """Lower-case words seen at least ``min_count`` times across the corpus."""
    counts: dict[str, int] = {}
    for t in texts:
        for w in _WORD.findall(t.lower()):
            counts[w] = counts.get(w, 0) + 1
    return {w for w, c in counts.items() if c >= min_count}

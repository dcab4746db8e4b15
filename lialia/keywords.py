"""Verdicts on keywords: whether a word or phrase someone typed is correct, and why not.

The one rule behind ``lialia suggest``, the HTTP service's ``/suggest`` and the Python
API: an app that validates a keyword list gets the same answer from each.  Core code:
it never prints.
"""

from __future__ import annotations

from .checker import SpellChecker
from .findings import Severity
from .lexicon import Status
from .normalize import normalize
from .tokenize import WORD_RE


def judge(checker: SpellChecker, word: str) -> tuple[str, Severity | None, str | None]:
    """``(normalised, severity, reason)`` for a keyword.

    ``reason`` is None for a correct word, else ``known misspelling``, ``probable``,
    ``not in lexicon``, ``not Arabic`` (anything but Arabic words: Latin, digits,
    punctuation) or ``empty``; the last two are not correct either.
    """
    normalized = normalize(word.strip())
    if not word.strip():
        return normalized, None, "empty"
    parts = normalized.split()
    if not parts or not all(WORD_RE.fullmatch(part) for part in parts):
        return normalized, None, "not Arabic"
    # judged as written, as check judges it: with the quran lexicon a vocalised word of
    # the muṣḥaf is a quotation (ءَامَنُوا), though its bare form is a slip in prose
    severity = checker.severity(word.strip())
    if severity is None:
        return normalized, None, None
    if severity is Severity.PROBABLE:
        return normalized, severity, "probable"
    statuses = {checker.lexicon.analyze(part).status for part in parts}
    reason = "not in lexicon" if Status.UNKNOWN in statuses else "known misspelling"
    return normalized, severity, reason


def is_text(keyword: str) -> bool:
    """False when ``keyword`` holds half of a UTF-16 surrogate pair, which a JSON escape
    (``"\\ud800"``) can make but no answer can print: a request to refuse, not a crash.

    >>> is_text("كتاب"), is_text("\\ud800")
    (True, False)
    """
    return not any("\ud800" <= c <= "\udfff" for c in keyword)


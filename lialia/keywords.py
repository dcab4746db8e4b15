"""Verdicts on keywords: whether a word or phrase someone typed is correct, and why not.

The one rule behind ``lialia suggest``, the HTTP service's ``/suggest`` and the Python
API: an app that validates a keyword list gets the same answer from each.  Core code:
it never prints.
"""

from __future__ import annotations

import unicodedata

from .checker import SpellChecker
from .findings import Severity
from .lexicon import Status
from .normalize import normalize
from .tokenize import WORD_RE, trim_punctuation

#: the categories of opening and closing brackets and quotation marks (``«»``, ``()``)
_ENCLOSING = frozenset(("Ps", "Pe", "Pi", "Pf"))


def judge(checker: SpellChecker, word: str) -> tuple[str, Severity | None, str | None]:
    """``(normalised, severity, reason)`` for a keyword.

    ``reason`` is None for a correct word, else ``known misspelling``, ``probable``,
    ``not in lexicon``, ``not Arabic`` (anything but Arabic words: Latin, digits,
    punctuation between words) or ``empty``; the last two are not correct either.  The
    punctuation a keyword is typed or copied with (``كتاب؟``, ``«الى»``) is not part of
    it: the words inside are judged.

    >>> from lialia import SpellChecker
    >>> judge(SpellChecker(), "«الى»؟")
    ('الى', <Severity.MISSPELLING: 'misspelling'>, 'known misspelling')
    """
    if not word.strip():
        return normalize(word.strip()), None, "empty"
    keyword = _inside(word)
    normalized = normalize(keyword)
    parts = normalized.split()
    if not parts or not all(WORD_RE.fullmatch(part) for part in parts):
        return normalized, None, "not Arabic"
    # judged as written, as check judges it: with the quran lexicon a vocalised word of
    # the muṣḥaf is a quotation (ءَامَنُوا), though its bare form is a slip in prose
    severity = checker.severity(keyword)
    if severity is None:
        return normalized, None, None
    if severity is Severity.PROBABLE:
        return normalized, severity, "probable"
    statuses = {checker.lexicon.analyze(part).status for part in parts}
    reason = "not in lexicon" if Status.UNKNOWN in statuses else "known misspelling"
    return normalized, severity, reason


def _inside(keyword: str) -> str:
    """A keyword without the sentence punctuation, brackets and quotation marks around
    it (:func:`lialia.tokenize.trim_punctuation`)."""
    text = trim_punctuation(keyword)
    while text and (_enclosing(text[0]) or _enclosing(text[-1])):
        text = trim_punctuation(text.strip(text[0] if _enclosing(text[0]) else text[-1]))
    return text


def _enclosing(char: str) -> bool:
    return char in "\"'" or unicodedata.category(char) in _ENCLOSING


def is_text(keyword: str) -> bool:
    """False when ``keyword`` holds half of a UTF-16 surrogate pair, which a JSON escape
    (``"\\ud800"``) can make but no answer can print: a request to refuse, not a crash.

    >>> is_text("كتاب"), is_text("\\ud800")
    (True, False)
    """
    return not any("\ud800" <= c <= "\udfff" for c in keyword)

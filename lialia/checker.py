"""The public API: runs the pipeline stages and returns findings; never prints.

>>> from lialia import SpellChecker
>>> checker = SpellChecker()
>>> checker.is_correct("المدرسة"), checker.is_correct("المدرسه")
(True, False)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .findings import Finding, Severity, Suggestion

SYNTAXES = ("plain", "markdown", "html", "rst", "tex")


class SpellChecker:
    """Check Arabic text against one or more lexicons.

    ``lexicons`` names shipped lexicons (``"msa"``, ``"quran"``); ``extra_words`` are
    accepted as they are (a project's word list).  ``report_probable`` controls whether
    valid-but-rare variants (``اكثر``) are reported; ``min_length`` skips shorter words;
    ``ignore_patterns`` are regular expressions whose matches are never checked.
    Results are cached per distinct word; a checker is safe to share between threads
    for reading.
    """

    def __init__(
        self,
        lexicons: Sequence[str] = ("msa",),
        extra_words: Iterable[str] = (),
        *,
        report_probable: bool = True,
        min_length: int = 2,
        ignore_patterns: Sequence[str] = (),
    ) -> None:
        raise NotImplementedError  # the engine lands in the next commits

    def check(self, text: str, *, syntax: str = "plain") -> list[Finding]:
        """Findings in ``text``, in text order.  ``syntax`` is one of :data:`SYNTAXES`."""
        raise NotImplementedError

    def suggest(self, word: str, limit: int = 5) -> list[Suggestion]:
        """Ranked corrections for one word (best first); empty for a correct word."""
        raise NotImplementedError

    def is_correct(self, word: str) -> bool:
        """True when the word (with any clitics) is accepted and not a probable misspelling."""
        raise NotImplementedError

    def severity(self, word: str) -> Severity | None:
        """None for a correct word, else how wrong it is."""
        raise NotImplementedError

"""The data that flows out of the engine: suggestions and findings, nothing that prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from .normalize import with_marks


class Severity(str, Enum):
    """How sure lialia is that a word is wrong."""

    #: not a word of any loaded lexicon, or a known misspelling (``الى``)
    MISSPELLING = "misspelling"
    #: a valid but rare variant of a far more frequent spelling (``اكثر`` beside ``أكثر``)
    PROBABLE = "probable"


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One proposed correction.

    ``score`` is a log10 probability (higher is better); ``reason`` names the main edit:
    ``known`` (from the known-misspellings list), ``hamza``, ``alef``, ``ta-marbuta``,
    ``alef-maqsura``, ``waw-alef``, ``vowel`` (a long vowel added or left out),
    ``doubled``, ``phonetic``, ``keyboard``, ``transposition``, ``extra-letter``,
    ``missing-letter``, ``substitution``, ``clitic`` or ``split`` (words glued together):
    the costliest edit.
    """

    word: str
    score: float
    reason: str


@dataclass(frozen=True, slots=True)
class Finding:
    """A word in a text that lialia flags, with where it is and what to write instead.

    ``line`` and ``column`` are 1-based; ``column`` and ``offset`` count code points of
    the original text (``offset`` is 0-based from the start of the text).  ``word`` is the
    surface form exactly as written, diacritics included, so ``text[offset:offset +
    len(word)] == word``.  ``confident`` is true when the best suggestion is clearly
    ahead of the others and may be applied without asking; ``replacement`` is then the
    exact text to write in place of ``word``: the best suggestion carrying the word's
    vowel marks, tatweel and ZWNJ where its letters are kept (``الَى`` -> ``إلَى``).
    It is None when nothing may be written unasked: a word of the muṣḥaf or of a
    quotation between ﴿ ﴾, marks that cannot be carried over, a correction that would
    be flagged again.
    """

    line: int
    column: int
    offset: int
    word: str
    severity: Severity
    suggestions: tuple[Suggestion, ...] = field(default=())
    confident: bool = False
    replacement: str | None = None

    @property
    def end(self) -> int:
        """Offset just past the word."""
        return self.offset + len(self.word)

    @property
    def best(self) -> str | None:
        """The first suggestion, or None when there is none."""
        return self.suggestions[0].word if self.suggestions else None

    def written(self, suggestion: str) -> str:
        """``suggestion`` as it goes in place of ``word`` when someone takes it: the
        engine's ``replacement`` for the best one when it has one, else the suggestion
        with the marks of ``word`` carried over (:func:`lialia.normalize.with_marks`)."""
        if self.replacement is not None and suggestion == self.best:
            return self.replacement
        return with_marks(self.word, suggestion)

"""The one family of exceptions lialia raises; the CLI turns each into a message and exit 2."""

from __future__ import annotations


class LialiaError(Exception):
    """Base class: anything lialia reports to a user as a one-line error."""


class UnknownLexiconError(LialiaError, ValueError):
    """A lexicon name that lialia does not ship."""

    def __init__(self, name: str, known: tuple[str, ...]) -> None:
        self.name = name
        super().__init__(f"unknown lexicon {name!r}: choose one of {', '.join(known)}")


class DictionaryFormatError(LialiaError):
    """A word list whose header or lines are not in lialia's format."""

    def __init__(self, path: str, line: int, problem: str) -> None:
        self.path = path
        self.line = line
        super().__init__(f"{path}:{line}: {problem}")

"""lialia: an Arabic spell checker for the command line, CI and Python programs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .checker import SpellChecker
from .findings import Finding, Severity, Suggestion

if TYPE_CHECKING:  # lialia.quran is imported on first search, not with lialia
    from collections.abc import Iterable

    from .quran import SearchResult

__all__ = ["Finding", "Severity", "SpellChecker", "Suggestion", "search"]
__version__ = "0.1.0"


def search(
    keywords: str | Iterable[str],
    *,
    loose: bool = False,
    exact: bool = False,
    limit: int | None = None,
    ayah_text: bool = False,
) -> list[SearchResult]:
    """Find keywords in the Quran, each corrected first if need be: :func:`lialia.quran.search`."""
    from .quran import search as search_quran

    return search_quran(keywords, loose=loose, exact=exact, limit=limit, ayah_text=ayah_text)

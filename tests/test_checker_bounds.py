"""The checker's caches stay bounded however many distinct words a long text holds."""

from __future__ import annotations

import pytest

from lialia import checker as checker_module
from lialia.checker import SpellChecker

# ten short texts, each with words the others do not have (and misspellings to rank)
TEXTS = [
    "ذهبت الى المدرسه",
    "هاذا الكتاب مفيد",
    "قرأت اكثر من كتاب",
    "إستخدام الحاسوب سهل",
    "المعلمه في الفصل",
    "لاكن الطريق طويل",
    "مسؤل عن المشروع",
    "شيئ جميل حقا",
    "كانو هنا امس",
    "الذى رأيته اليوم",
]


def test_caches_start_again_past_their_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checker_module, "MAX_VERDICTS", 6)
    monkeypatch.setattr(checker_module, "MAX_RANKED", 3)
    bounded = SpellChecker()
    fresh_results = [SpellChecker().check(text) for text in TEXTS]
    for text, expected in zip(TEXTS, fresh_results, strict=True):
        # the same findings as a checker that never cleared anything
        assert bounded.check(text) == expected
        # never more than the bound plus the words of one text
        assert len(bounded._by_surface) <= 6 + len(text.split())
        assert len(bounded._ranked) <= 3 + len(text.split())
    # and the words of the first text are judged again, the same way, after clearing
    assert bounded.check(TEXTS[0]) == fresh_results[0]

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


@pytest.mark.parametrize(
    ("word", "best", "left_out"),
    [
        # a better suggestion again with a clitic the writer did not write is not shown
        ("ابراهيم", "إبراهيم", ["وإبراهيم", "لإبراهيم"]),
        ("المدرسه", "المدرسة", ["بالمدرسة", "للمدرسة", "والمدرسة", "فالمدرسة"]),
        ("إستخدام", "استخدام", ["واستخدام"]),
    ],
)
def test_suggestions_are_not_padded_with_clitic_variants(
    word: str, best: str, left_out: list[str]
) -> None:
    shown = [s.word for s in SpellChecker().suggest(word, limit=10)]
    assert shown[0] == best
    assert not set(shown) & set(left_out)


def test_clitics_the_writer_wrote_stay_in_the_suggestions() -> None:
    # وبالمدرسه: the writer wrote و + ب + ال, so the corrections keep them
    assert SpellChecker().suggest("وبالمدرسه", limit=1)[0].word == "وبالمدرسة"

"""The error model: Arabic confusions are cheap, arbitrary edits dear; one ordering."""

from __future__ import annotations

import pytest

from lialia.findings import Suggestion
from lialia.rank import WEIGHTS, edit_cost, edit_kinds, is_confident, order, prior


@pytest.mark.parametrize(
    ("written", "meant", "kinds"),
    [
        ("اكثر", "أكثر", ["hamza"]),
        ("إستخدام", "استخدام", ["hamza"]),
        ("مسؤليه", "مسؤولية", ["vowel", "ta-marbuta"]),
        ("المدرسه", "المدرسة", ["ta-marbuta"]),
        ("الي", "إلى", ["hamza", "alef-maqsura"]),
        ("مستوا", "مستوى", ["alef-maqsura"]),
        ("ذهبو", "ذهبوا", ["waw-alef"]),
        ("يدعوا", "يدعو", ["waw-alef"]),
        ("ظرب", "ضرب", ["phonetic"]),
        ("مدرسه", "مرسه", ["extra-letter"]),
        ("كتب", "كتاب", ["vowel"]),
        ("كتبا", "كتاب", ["transposition"]),
        ("مددرسة", "مدرسة", ["doubled"]),
        ("شيء", "شي", ["hamza"]),
    ],
)
def test_edit_kinds(written: str, meant: str, kinds: list[str]) -> None:
    assert sorted(edit_kinds(written, meant)) == sorted(kinds)


def test_arabic_confusions_cost_less_than_arbitrary_edits() -> None:
    hamza, _ = edit_cost("اكثر", "أكثر")
    phonetic, _ = edit_cost("ظرب", "ضرب")
    other, _ = edit_cost("فرب", "ضرب")
    assert hamza > phonetic > other


def test_the_reason_is_the_costliest_edit() -> None:
    assert edit_cost("مسؤليه", "مسؤولية")[1] == "vowel"


def test_identical_costs_nothing() -> None:
    assert edit_cost("كتاب", "كتاب") == (0.0, "identical")


def test_prior_grows_with_frequency() -> None:
    assert prior(1_000_000) > prior(1_000) > prior(1) == prior(0)


def test_order_known_first_then_score_then_alphabet() -> None:
    suggestions = [
        Suggestion("ب", -5.0, "hamza"),
        Suggestion("أ", -5.0, "hamza"),
        Suggestion("ج", -9.0, "known"),
        Suggestion("د", -3.0, "vowel"),
    ]
    assert [s.word for s in order(suggestions)] == ["ج", "د", "أ", "ب"]


@pytest.mark.parametrize(
    ("scores", "confident"),
    [([], False), ([-4.0], True), ([-4.0, -4.5], False), ([-4.0, -6.0], True)],
)
def test_confidence_needs_a_clear_lead(scores: list[float], confident: bool) -> None:
    ranked = [Suggestion(f"w{i}", s, "hamza") for i, s in enumerate(scores)]
    assert is_confident(ranked) is confident


def test_every_kind_has_a_weight() -> None:
    kinds = {"hamza", "alef", "ta-marbuta", "alef-maqsura", "waw-alef", "vowel", "phonetic"}
    assert kinds <= WEIGHTS.keys()
    assert all(w < 0 for w in WEIGHTS.values())

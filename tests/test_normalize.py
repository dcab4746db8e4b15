"""Stage 1: each normalisation rule, as a table of real Arabic."""

from __future__ import annotations

import pytest

from lialia.normalize import normalize, skeleton

SHADDA = "\N{ARABIC SHADDA}"
FATHA = "\N{ARABIC FATHA}"
TATWEEL = "\N{ARABIC TATWEEL}"
ZWNJ = "\N{ZERO WIDTH NON-JOINER}"
RLM = "\N{RIGHT-TO-LEFT MARK}"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("الْعَرَبِيَّةُ", "العربية"),  # harakat and shadda
        ("إِلَى", "إلى"),  # hamza and alef maqsura are kept
        ("مسؤولية", "مسؤولية"),
        ("المدرسة", "المدرسة"),  # ta marbuta kept
        (f"كتـ{TATWEEL}{TATWEEL}اب", "كتاب"),
        (f"مد{RLM}رسة", "مدرسة"),
        (f"كتا{ZWNJ}ب", "كتاب"),
        ("ٱلرَّحْمَٰنِ", "الرحمن"),  # alef wasla and superscript alef
        ("\N{ARABIC LETTER KEHEH}تاب", "كتاب"),  # Persian keheh
        ("عرب\N{ARABIC LETTER FARSI YEH}", "عربي"),
        ("\N{ARABIC LETTER ALEF}\N{ARABIC HAMZA ABOVE}كثر", "أكثر"),  # decomposed hamza
        ("\N{ARABIC LIGATURE LAM WITH ALEF ISOLATED FORM}", "لا"),  # presentation form
        ("\N{ARABIC LETTER TEH ISOLATED FORM}", "ت"),
        ("ذَٰلِكَ", "ذلك"),
        ("python", "python"),
    ],
)
def test_normalize(written: str, expected: str) -> None:
    assert normalize(written) == expected


def test_normalize_keeps_shadda_word_whole() -> None:
    assert normalize(f"محم{SHADDA}{FATHA}د") == "محمد"


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("أكثر", "اكثر"),
        ("إلى", "الي"),
        ("آمن", "امن"),
        ("المدرسة", "المدرسه"),
        ("مسؤولية", "مسووليه"),
        ("رئيس", "رييس"),
        ("سماء", "سما"),
        ("على", "علي"),
    ],
)
def test_skeleton(word: str, expected: str) -> None:
    assert skeleton(word) == expected


def test_skeleton_is_idempotent() -> None:
    for word in ("أكثر", "مسؤولية", "إلى", "شيء"):
        assert skeleton(skeleton(word)) == skeleton(word)

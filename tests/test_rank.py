"""The error model: Arabic confusions are cheap, arbitrary edits dear; one ordering."""

from __future__ import annotations

import pytest

from lialia.findings import Suggestion
from lialia.rank import (
    WEIGHTS,
    edit_cost,
    edit_kinds,
    is_confident,
    keeps_final_only,
    order,
    prior,
)


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
        ("بلمدرسة", "بالمدرسة", ["wasl"]),  # the article's alef, unheard after ب
        ("لستعمال", "لاستعمال", ["wasl"]),  # the alef of a form X masdar
        ("كتبة", "كاتبة", ["vowel"]),  # a long alef, not a hamzat al-wasl
        ("مدريسة", "مدرسة", ["extra-vowel"]),  # a long vowel added, not left out
        ("كتبا", "كتاب", ["transposition"]),
        ("مددرسة", "مدرسة", ["doubled"]),
        ("شيء", "شي", ["hamza"]),
        # a bare seat for its hamza, or an alef for any hamza, is a hamza slip...
        ("سوال", "سؤال", ["hamza"]),
        ("اصدقااهم", "أصدقائهم", ["hamza", "hamza"]),
        ("تاثر", "تؤثر", ["hamza"]),
        # ...a letter that is no seat of the hamza is not (the conjunction و for أ)
        ("وبدا", "أبدا", ["substitution"]),
        # and a whole alef added or left out is an alef, whatever hamza it carries
        ("الآقارب", "القارب", ["extra-vowel"]),
        ("لإن", "لن", ["extra-vowel"]),
    ],
)
def test_edit_kinds(written: str, meant: str, kinds: list[str]) -> None:
    assert sorted(edit_kinds(written, meant)) == sorted(kinds)


def test_arabic_confusions_cost_less_than_arbitrary_edits() -> None:
    hamza, _ = edit_cost("اكثر", "أكثر")
    phonetic, _ = edit_cost("ظرب", "ضرب")
    other, _ = edit_cost("فرب", "ضرب")
    assert hamza > phonetic > other


def test_a_long_vowel_left_out_costs_less_than_one_added() -> None:
    """Writers spell by the consonants: a long vowel is left out (كتب for كتاب) more
    often than one is added where none is (مدريسة for مدرسة)."""
    assert edit_cost("كتب", "كتاب")[0] > edit_cost("مدريسة", "مدرسة")[0]


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
    [
        ([], False),
        ([-4.0], True),
        ([-4.0, -4.5], False),
        ([-4.0, -5.5], False),  # a lead of 1.5 is not enough for the error model
        ([-4.0, -6.0], True),
        ([-11.0], False),  # too unlikely a word to write unasked
    ],
)
def test_confidence_needs_a_clear_lead(scores: list[float], confident: bool) -> None:
    words = ("مدرسة", "مدرس", "درس")[: len(scores)]
    ranked = [Suggestion(w, s, "vowel") for w, s in zip(words, scores, strict=True)]
    assert is_confident(ranked, "مدارسة") is confident


def _ranked(*suggestions: tuple[str, float, str]) -> list[Suggestion]:
    return [Suggestion(*s) for s in suggestions]


@pytest.mark.parametrize(
    ("written", "ranked", "confident"),
    [
        # a known correction needs a small lead over the next
        ("الى", _ranked(("إلى", -2.9, "known"), ("على", -4.8, "substitution")), True),
        ("الي", _ranked(("إلى", -4.5, "known"), ("التي", -4.6, "missing-letter")), False),
        # ... and none over a twin of its own, whatever the list says: ان is أن or إن
        ("ان", _ranked(("أن", -2.8, "known"), ("إن", -3.5, "hamza")), False),
        ("انها", _ranked(("أنها", -4.0, "known"), ("إنها", -4.6, "hamza")), False),
        (
            "اما",
            _ranked(("أما", -4.1, "known"), ("انا", -4.5, "keyboard"), ("إما", -4.9, "hamza")),
            False,
        ),
        ("احياء", _ranked(("أحياء", -5.2, "known"), ("إحياء", -5.5, "hamza")), False),
        # a twin far rarer is no rival, whatever its seat costs the error model: آي
        # (verses) scores near أي only because an alef madda is a cheaper slip
        (
            "اي",
            _ranked(("أي", -3.6, "known"), ("في", -4.5, "substitution"), ("آي", -4.6, "alef")),
            True,
        ),
        # a twin far behind is no rival
        ("اخذ", _ranked(("أخذ", -4.0, "known"), ("آخذ", -5.5, "alef")), True),
        # a split from the list is sure even when the model scores it low (لا بد)
        ("لابد", _ranked(("لا بد", -11.2, "known"), ("لآبد", -7.2, "hamza")), True),
        # the error model: a hamza slip with a clear lead is fixed
        ("وساتناول", _ranked(("وسأتناول", -6.1, "hamza"), ("وستناول", -8.9, "vowel")), True),
        # a short word, a plain substitution, a lost ending: never
        (
            "عن",
            _ranked(
                ("عين", -4.0, "vowel"),
            ),
            False,
        ),
        (
            "انمسح",
            _ranked(
                ("المسح", -7.0, "substitution"),
            ),
            False,
        ),
        (
            "تناشدا",
            _ranked(
                ("تناشد", -7.0, "vowel"),
            ),
            False,
        ),
        (
            "مكتبات",
            _ranked(
                ("مكتبة", -6.0, "vowel"),
            ),
            False,
        ),
        (
            "مكتبات",
            _ranked(
                ("مكتب", -6.0, "vowel"),
            ),
            False,
        ),
        # a final-only letter inside the word: two words written as one
        (
            "فىالبيت",
            _ranked(
                ("فالبيت", -8.0, "extra-letter"),
            ),
            False,
        ),
        (
            "حتىالان",
            _ranked(
                ("تزالان", -8.0, "extra-letter"),
            ),
            False,
        ),
        (
            "مدرسةالبنات",
            _ranked(
                ("مدرسالبنات", -8.0, "extra-letter"),
            ),
            False,
        ),
        ("فيالبيت", _ranked(("في البيت", -6.7, "split"), ("فالبيت", -8.8, "vowel")), True),
        ("وساىل", _ranked(("وسائل", -4.7, "hamza"), ("ووسائل", -7.8, "doubled")), True),
    ],
)
def test_confidence_rules(written: str, ranked: list[Suggestion], confident: bool) -> None:
    assert is_confident(ranked, written) is confident


@pytest.mark.parametrize(
    ("written", "meant", "kept"),
    [
        ("فىالبيت", "فالبيت", False),
        ("فىالبيت", "في البيت", True),
        ("وساىل", "وسائل", True),
        ("ساىل", "سايل", True),
        ("مدرسةالبنات", "مدرستالبنات", True),
        ("حتىالان", "تزالان", False),
        ("المدرسه", "المدرسة", True),  # a final ة is where it belongs
        ("على", "علي", True),
    ],
)
def test_a_final_only_letter_inside_a_word(written: str, meant: str, kept: bool) -> None:
    assert keeps_final_only(written, meant) is kept


def test_every_kind_has_a_weight() -> None:
    kinds = {"hamza", "alef", "ta-marbuta", "alef-maqsura", "waw-alef", "vowel", "phonetic"}
    assert kinds <= WEIGHTS.keys()
    assert all(w < 0 for w in WEIGHTS.values())


@pytest.mark.parametrize(
    ("written", "best"),
    [("الآقارب", "الأقارب"), ("بآن", "بأن"), ("لإن", "لأن"), ("وبدا", "وبدأ"), ("آما", "أما")],
)
def test_a_hamza_slip_ranks_above_a_dropped_letter(written: str, best: str) -> None:
    """A hamza written on the wrong seat is corrected to its seat, not by deleting the
    letter that carries it (الآقارب is الأقارب, not القارب)."""
    from lialia import SpellChecker

    assert SpellChecker().suggest(written)[0].word == best

"""Stage 1: each normalisation rule, as a table of real Arabic."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lialia.normalize import (
    MARKS,
    Role,
    carry_marks,
    is_honorific,
    is_plain,
    is_quranic,
    keys,
    normalize,
    skeleton,
)

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


# -- the table of marks, and what each stage does with them -------------------------

MADDAH = "\N{ARABIC MADDAH ABOVE}"
ALEF_MADDA = "\N{ARABIC LETTER ALEF WITH MADDA ABOVE}"


@pytest.mark.parametrize(
    ("mark", "role"),
    [
        ("\N{ARABIC FATHA}", Role.VOWEL),
        ("\N{ARABIC SHADDA}", Role.VOWEL),
        ("\N{ARABIC SUKUN}", Role.VOWEL),
        ("\N{ARABIC HAMZA ABOVE}", Role.HAMZA),
        (MADDAH, Role.QURANIC),
        ("\N{ARABIC LETTER SUPERSCRIPT ALEF}", Role.QURANIC),
        ("\N{ARABIC SMALL WAW}", Role.QURANIC),
        ("\N{ARABIC SMALL YEH}", Role.QURANIC),
        ("\N{ARABIC LETTER ALEF WASLA}", Role.QURANIC),
        ("\N{ARABIC SMALL HIGH DOTLESS HEAD OF KHAH}", Role.QURANIC),
        ("\N{ARABIC SMALL HIGH LIGATURE SAD WITH LAM WITH ALEF MAKSURA}", Role.QURANIC),
        ("\N{ARABIC OPEN FATHATAN}", Role.QURANIC),
        ("\N{ARABIC TATWEEL}", Role.STRETCH),
        (ZWNJ, Role.INVISIBLE),
        ("\N{ARABIC END OF AYAH}", Role.ORNAMENT),
        ("\N{ARABIC START OF RUB EL HIZB}", Role.ORNAMENT),
        ("\N{ARABIC PLACE OF SAJDAH}", Role.ORNAMENT),
        ("\N{ARABIC LIGATURE SALLALLAHOU ALAYHE WASALLAM}", Role.HONORIFIC),
        ("\N{ARABIC LIGATURE JALLAJALALOUHOU}", Role.HONORIFIC),
        ("\N{ARABIC LIGATURE ALLAH ISOLATED FORM}", Role.HONORIFIC),
        ("\N{ARABIC SIGN SALLALLAHOU ALAYHE WASSALLAM}", Role.HONORIFIC),
    ],
)
def test_every_mark_has_one_role(mark: str, role: Role) -> None:
    assert MARKS[mark] is role


def test_the_table_names_every_arabic_mark() -> None:
    """Every combining mark of the Arabic blocks has a role: none is left to chance."""
    for block in (range(0x0600, 0x0700), range(0x08D3, 0x0900)):
        for code in block:
            char = chr(code)
            if unicodedata.category(char) == "Mn":
                assert char in MARKS, f"U+{code:04X} {unicodedata.name(char)}"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        (f"ٱلضَّا{MADDAH}لِّينَ", "الضالين"),  # the madd sign after a letter is folded
        (f"بِمَا{MADDAH}", "بما"),
        (f"إِلَّا{MADDAH}", "إلا"),
        (f"فِي{MADDAH}", "في"),
        (f"ا{MADDAH}من", "آمن"),  # over the first alef: the letter آ, decomposed
        (f"ا\N{ARABIC FATHA}{MADDAH}من", "آمن"),  # NFD puts the fatha first
        ("آمن", "آمن"),
        ("القرآن", "القرآن"),  # a precomposed آ is the letter
        ("ٱلۡعَٰلَمِينَ", "العلمين"),
        ("بِهِۦ", "به"),  # small waw
        ("إِۦلَٰفِهِمۡ", "إلفهم"),  # small yeh
        (f"يَشَا{MADDAH}ءُ\N{ARABIC SMALL HIGH JEEM}", "يشاء"),  # a pause sign
        ("وَٱسۡجُدۡ\N{ARABIC PLACE OF SAJDAH}", "واسجد"),
        (f"مَا{MADDAH}ء\N{ARABIC OPEN FATHATAN}", "ماء"),  # open tanwin
    ],
)
def test_quranic_signs(written: str, expected: str) -> None:
    assert normalize(written) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("كتاب", ("كتاب",)),
        (f"بِمَا{MADDAH}", ("بما", "بمآ")),  # the muṣḥaf's sign, or a decomposed آ
        (f"القرا{MADDAH}ن", ("القران", "القرآن")),
        (f"بِمَ{ALEF_MADDA}", ("بمآ", "بما")),  # fused by NFC, in a vocalised word
        ("القرآن", ("القرآن",)),  # unvocalised: the letter, as written
        ("سآل", ("سآل",)),  # a hamza slip is still judged as written
        ("آمَنَ", ("آمن",)),  # the first letter is always the letter آ
    ],
)
def test_keys_read_an_inner_madda_both_ways(written: str, expected: tuple[str, ...]) -> None:
    assert keys(written) == expected


@pytest.mark.parametrize(
    ("word", "quranic"),
    [
        ("ٱلۡحَمۡدُ", True),  # alef wasla, the muṣḥaf's sukun
        ("ٱلۡعَٰلَمِينَ", True),
        (f"بِمَا{MADDAH}", True),
        ("بِهِۦ", True),
        ("الْحَمْدُ", False),
        (f"ا{MADDAH}من", False),  # آ written decomposed
        ("كتاب", False),
    ],
)
def test_is_quranic(word: str, quranic: bool) -> None:
    assert is_quranic(word) is quranic


@pytest.mark.parametrize(
    ("written", "corrected", "expected"),
    [
        ("هاذا", "هذا", "هذا"),
        ("هَاذَا", "هذا", "هَذَا"),  # the dropped alef had no mark
        ("الَى", "إلى", "إلَى"),  # ا -> إ, the lam keeps its fatha
        ("المدرسَه", "المدرسة", "المدرسَة"),  # ه -> ة passes its fatha on
        ("الْمَدْرَسَه", "المدرسة", "الْمَدْرَسَة"),
        ("إسْتخدام", "استخدام", "اسْتخدام"),
        ("فِيالبيت", "في البيت", "فِي البيت"),  # a space put in
        (f"المدرس{TATWEEL}ه", "المدرسة", f"المدرس{TATWEEL}ة"),
        (f"ه{TATWEEL}اذا", "هذا", "هذا"),  # its letters no longer side by side: left out
        (f"ال{ZWNJ}مدرسه", "المدرسة", f"ال{ZWNJ}مدرسة"),
        (f"مد{ZWNJ}رسه", "مدرسة", f"مد{ZWNJ}رسة"),
        ("هَاَذا", "هذا", None),  # the alef's fatha has nowhere to go
        (f"ه{ZWNJ}اذا", "هذا", None),  # nor the ZWNJ
        (f"لا{ZWNJ}يخافون", "لا يخافون", None),  # a ZWNJ where a space goes
        (f"بِ{TATWEEL}\N{ARABIC HAMZA ABOVE}\N{ARABIC FATHA}ايَةٍ", "بآية", None),
        ("\N{ARABIC LIGATURE LAM WITH ALEF ISOLATED FORM}كن", "لكن", "لكن"),  # no marks
    ],
)
def test_carry_marks(written: str, corrected: str, expected: str | None) -> None:
    carried = carry_marks(written, corrected)
    assert carried == expected
    if carried is not None:
        assert normalize(carried) == corrected


@pytest.mark.parametrize(
    ("word", "plain"),
    [
        ("المدرسه", True),
        ("آمن", True),  # a first آ reads one way only
        ("القرآن", False),  # inside a word it may read two ways (see keys): not settled
        ("الْمَدْرَسَةُ", False),
        ("كتـــاب", False),
        ("می\N{ZERO WIDTH NON-JOINER}خواهم", False),
        ("\N{ARABIC LETTER KEHEH}تاب", False),
        ("\N{ARABIC LIGATURE SALLALLAHOU ALAYHE WASALLAM}", False),
        ("\N{ARABIC LIGATURE LAM WITH ALEF ISOLATED FORM}", False),
        ("بِمَآ", False),
    ],
)
def test_a_plain_word_is_its_own_and_only_key(word: str, plain: bool) -> None:
    """What the checker's batch path relies on: keys(word) == (word,), no honorific."""
    assert is_plain(word) is plain
    if plain:
        assert keys(word) == (word,) and not is_honorific(word)
    else:
        assert normalize(word) != word or "\N{ARABIC LETTER ALEF WITH MADDA ABOVE}" in word[1:]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="كتبالمدرسةىأإآءً\N{ARABIC MADDAH ABOVE}\N{ARABIC TATWEEL}ﷺ ", max_size=12))
def test_is_plain_never_hides_another_key(word: str) -> None:
    if is_plain(word):
        assert keys(word) == (word,) and not is_honorific(word)

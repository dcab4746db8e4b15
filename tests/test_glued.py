"""Glued words: the space left out after a letter that does not join the next (issue 9).

After ا أ إ آ د ذ ر ز و ؤ ة ى the gap between two words is visible whether or not a
space was typed, so writers leave it out (``ماذاحدث``, ``كثيرمن``).  Such a word is
split into two lexicon words, both ranked by the error model; a valid word is never
split, however it might cut (``عبدالله``, ``فيما``, ``مادة``).

Names with عبد: the joined spellings the lexicon holds (``عبدالله``, ``عبدالرحمن``) are
common and accepted as written; one it does not hold is offered, and fixed, as the two
words standard orthography writes (``عبدالباسط`` -> ``عبد الباسط``), as before the
glued-word splits.
"""

from __future__ import annotations

import pytest

from lialia import Severity, SpellChecker
from lialia.fix import apply, confident_replacements
from lialia.rank import NON_JOINING, split_kind, split_min_left_freq, split_suggestion


@pytest.fixture(scope="module")
def checker() -> SpellChecker:
    return SpellChecker()


@pytest.mark.parametrize(
    ("glued", "spaced"),
    [
        ("ماذاحدث", "ماذا حدث"),  # after ا
        ("كثيرمن", "كثير من"),  # after ر
        ("تضرالفرد", "تضر الفرد"),  # a first word too rare for any other split
        ("المغفورله", "المغفور له"),  # ... and ahead of near whole words (المغفرة)
        ("أوإيجابية", "أو إيجابية"),  # after و: ahead of وإيجابية (a hamza slip)
        ("قرارالحكومة", "قرار الحكومة"),  # not قرارا لحكومة
        ("كبارالسن", "كبار السن"),  # not كبارا لسن
        ("بعدذلك", "بعد ذلك"),  # after د
        ("الدولةالعربية", "الدولة العربية"),  # after ة
        ("علىمعرفة", "على معرفة"),  # after ى
        ("يعودإلى", "يعود إلى"),
        ("الغذاءالصحي", "الغذاء الصحي"),  # after a hamza on the line, itself non-joining
        ("عبدالباسط", "عبد الباسط"),  # a name joined to عبد that the lexicon lacks
        ("ذوالقرنين", "ذو القرنين"),
        ("لايخافون", "لا يخافون"),  # the known negation splits stay
        ("فيالبيت", "في البيت"),  # and so do the common joining ones
    ],
)
def test_glued_words_split_first(checker: SpellChecker, glued: str, spaced: str) -> None:
    assert checker.severity(glued) is Severity.MISSPELLING
    assert checker.suggest(glued)[0].word == spaced


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("سألته: ماذاحدث أمس؟", "سألته: ماذا حدث أمس؟"),
        ("وهذا يحدث كثيرمن الأحيان", "وهذا يحدث كثير من الأحيان"),
        ("هذا السلوك تضرالفرد والمجتمع", "هذا السلوك تضر الفرد والمجتمع"),
        ("رحم الله المغفورله", "رحم الله المغفور له"),
        ("تنفيذالمشروع في 2025", "تنفيذ المشروع في 2025"),
        # the vowel marks go with their letters, on both sides of the new space
        ("كَثِيرمِن الناس", "كَثِير مِن الناس"),
        ("مَاذَاحَدَثَ؟", "مَاذَا حَدَثَ؟"),
        ("لا تَضُرُّالفرد", "لا تَضُرُّ الفرد"),
        # Latin and numbers around the word
        ("Python تضرالفرد 3.12", "Python تضر الفرد 3.12"),
        # a name joined to عبد is accepted as written, the glue after it is not
        ("قال عبدالله: هذاالكتاب جميل", "قال عبدالله: هذا الكتاب جميل"),
    ],
)
def test_glued_words_fixed_in_text(checker: SpellChecker, text: str, expected: str) -> None:
    assert apply(text, confident_replacements(checker.check(text))) == expected


def test_glued_words_in_markdown(checker: SpellChecker) -> None:
    text = "## المغفورله\n\n**تضرالفرد** و `كثيرمن` و [ماذاحدث](https://example.com/ماذاحدث)\n"
    found = [(f.word, f.line, f.best) for f in checker.check(text, syntax="markdown")]
    assert found == [
        ("المغفورله", 1, "المغفور له"),
        ("تضرالفرد", 3, "تضر الفرد"),
        ("ماذاحدث", 3, "ماذا حدث"),
    ]


@pytest.mark.parametrize(
    "word",
    [
        # names written joined, as commonly accepted: valid as written, never split
        "عبدالله",
        "عبدالرحمن",
        "عبدالعزيز",
        "عبدالمنعم",
        "أبوظبي",
        # words that cut into two words after a non-joining letter, and are words
        "فيما",  # في ما
        "مالا",  # ما لا
        "ماذا",  # ما ذا
        "لماذا",
        "إذا",
        "أولها",  # أو لها
        "الدار",
        "أوراق",
        "مادة",  # ما دة
        "إدارة",
        "زراعة",
        "دورات",
        "وردة",
        "الذين",
        "وَرْدَةٌ",  # vocalised
        "ومادتها",  # behind clitics
    ],
)
def test_valid_words_are_not_split(checker: SpellChecker, word: str) -> None:
    assert checker.is_correct(word)
    assert checker.check(f"Read {word} 2024") == []
    assert checker.suggest(word) == []


@pytest.mark.parametrize(
    ("text", "dropped"),
    [
        ("قال عبدالإله إن الأمر واضح.", "عبدالله"),  # a name, not عبدالله less a letter
        ("حضر عبدالإله (Abdulilah) 2024", "عبدالله"),
    ],
)
def test_a_word_that_reads_as_two_is_not_fixed_by_dropping_letters(
    checker: SpellChecker, text: str, dropped: str
) -> None:
    # the written letters read unchanged as two words (عبد الإله): a correction that
    # drops one of them is offered, never applied unasked
    findings = checker.check(text)
    assert len(findings) == 1
    assert dropped in [s.word for s in findings[0].suggestions]
    assert findings[0].replacement is None


def test_a_listed_correction_meets_only_common_splits(checker: SpellChecker) -> None:
    # the lists name فلذلك for this rare spelling: فلذا (a rare first word) + لك is
    # not offered beside it
    words = [s.word for s in checker.suggest("فلذالك")]
    assert words[0] == "فلذلك"
    assert "فلذا لك" not in words


@pytest.mark.parametrize(
    ("left", "kind", "floor"),
    [
        ("ماذا", "glued", 1),
        ("أو", "glued", 1),
        ("جديد", "glued", 1),
        ("كثير", "glued", 1),
        ("الدولة", "glued", 1),
        ("على", "glued", 1),
        ("تضر", "glued", 1),
        ("في", "split", 10_000),
        ("من", "split", 10_000),
        ("الطلاب", "split", 10_000),
    ],
)
def test_split_kind(left: str, kind: str, floor: int) -> None:
    assert split_kind(left) == kind
    assert split_min_left_freq(left) == floor
    assert split_min_left_freq(left, listed=True) == 10_000


def test_non_joining_letters() -> None:
    assert NON_JOINING == frozenset(
        "\N{ARABIC LETTER ALEF}\N{ARABIC LETTER ALEF WITH HAMZA ABOVE}"
        "\N{ARABIC LETTER ALEF WITH HAMZA BELOW}\N{ARABIC LETTER ALEF WITH MADDA ABOVE}"
        "\N{ARABIC LETTER DAL}\N{ARABIC LETTER THAL}\N{ARABIC LETTER REH}"
        "\N{ARABIC LETTER ZAIN}\N{ARABIC LETTER WAW}\N{ARABIC LETTER WAW WITH HAMZA ABOVE}"
        "\N{ARABIC LETTER TEH MARBUTA}\N{ARABIC LETTER ALEF MAKSURA}"
    )


def test_a_glued_space_costs_less_than_a_joining_one() -> None:
    # the same two frequencies: a missing space after ر (the gap still shows) is the
    # likelier slip than one after ن
    glued = split_suggestion("كبير", "جدا", 50_000, 500_000, True)
    joined = split_suggestion("كبين", "جدا", 50_000, 500_000, True)
    assert glued.score > joined.score
    assert glued.reason == joined.reason == "split"

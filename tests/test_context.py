"""The neighbouring words choose between twins: lialia.context and its hook in the checker."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from conftest import RunCli

from lialia import Severity, SpellChecker
from lialia.context import (
    FAMILIES,
    Choice,
    Neighbours,
    choose,
    fold_alef,
    is_twin,
    neighbours,
    reorder,
    wrong_twins,
)
from lialia.findings import Finding, Suggestion
from lialia.lexicon import data_path, read_wordlist
from lialia.tokenize import WORD_RE

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def checker() -> SpellChecker:
    return SpellChecker()


def at(text: str, word: str) -> int:
    """The offset of the first occurrence of ``word`` as a whole word of ``text``."""
    return next(m.start() for m in WORD_RE.finditer(text) if m.group() == word)


def finding_at(checker: SpellChecker, text: str, word: str) -> Finding | None:
    """The finding on the first occurrence of ``word`` in ``text`` (None if unflagged)."""
    offset = at(text, word)
    found = [f for f in checker.check(text) if f.offset == offset]
    return found[0] if found else None


# A twin written without its hamza, in a sentence: the twin the grammar asks for first.
RANKED = [
    # إنّ after قال and its forms
    ("قال المدير ان العمل انتهى", "ان", "إن"),
    ("وقالت ان الامتحان سهل", "ان", "إن"),
    ("يقولون انها مدينة جميلة", "انها", "إنها"),
    ("قلت انه صديقي", "انه", "إنه"),
    ("قَالَ ان الطَّقْسَ جَمِيلٌ", "ان", "إن"),
    ('قال "ان الوقت كالسيف"', "ان", "إن"),
    # إنّ opening a sentence, a line, a text
    ("ان وسائل التواصل مفيدة", "ان", "إن"),
    ("انتهى الدرس. ان الامتحان غدا", "ان", "إن"),
    ("انتهى الدرس؟ اننا مستعدون", "اننا", "إننا"),
    ("Hello world.\nان العلم نور", "ان", "إن"),
    ("# العنوان\n\nان العلم نور", "ان", "إن"),
    # إنّ after حيث, إذ, ثم, حتى
    ("نحب المدرسة حيث ان المعلمين طيبون", "ان", "إن"),
    ("نحب المدرسة حيث انها قريبة", "انها", "إنها"),
    ("سافرت إذ ان العمل انتهى", "ان", "إن"),
    ("ثم ان الناس تغيروا", "ان", "إن"),
    # إنْ of the condition, before كان and لم
    ("سأساعدك ان كان عندي وقت", "ان", "إن"),
    ("ستندم ان لم تدرس", "ان", "إن"),
    ("تغير بعد ان كان صغيرا", "ان", "أن"),
    # أنّ where the usual twin is meant: the rules leave it first
    ("أعلم ان الجو حار", "ان", "أن"),
    ("لو ان الناس يعلمون", "ان", "أن"),
    ("يجب ان نذهب", "ان", "أن"),
    ("بالإضافة الى ان الوقت قصير", "ان", "أن"),
    ("بما انه مريض فلن يأتي", "انه", "أنه"),
    ("أعلم انها مشغولة، ان الوقت قصير", "انها", "أنها"),
    # إلا and ألا
    ("لا اله الا الله", "الا", "إلا"),
    ("ما نجح الا المجتهد", "الا", "إلا"),
    ("يجب الا نتأخر عن الموعد", "الا", "ألا"),
    ("عليك الا تتأخر", "الا", "ألا"),
    ("هناك هدف واحد الا وهو النجاح", "الا", "ألا"),
    # أما and إما
    ("اما الآن فلا", "اما", "أما"),
    ("الحقيقة اما ان نذهب او نبقى", "اما", "إما"),
    ("يكون الأثر اما سلبيا او إيجابيا", "اما", "إما"),
]


@pytest.mark.parametrize(("text", "word", "first"), RANKED)
def test_the_twin_the_context_asks_for_is_ranked_first(
    checker: SpellChecker, text: str, word: str, first: str
) -> None:
    found = finding_at(checker, text, word)
    assert found is not None
    assert found.best == first
    assert len(found.suggestions) > 1  # the other twin is still offered


# A correct twin that the grammar wants written with the other hamza: flagged, with
# only the other twin offered.
WRONG = [
    ("حَيْثُ أَنَّ الطَّقْسَ جَمِيلٌ", "أَنَّ", "إن"),
    ("نحب المدرسة حيث أن المعلمين طيبون", "أن", "إن"),
    ("نحب المدرسة حيث أنها قريبة", "أنها", "إنها"),
    ("سافرت إذ أن العمل انتهى", "أن", "إن"),
    ("أنه يوم جميل", "أنه", "إنه"),
    ("انتهى الدرس. أن الامتحان غدا", "أن", "إن"),
    ("ثم أن الناس تغيروا", "أن", "إن"),
    ("لو إن الناس يعلمون", "إن", "أن"),
    ("بالإضافة إلى إن الوقت قصير", "إن", "أن"),
    ("بما إنه مريض فلن يأتي", "إنه", "أنه"),
    ("The report (2024): إذ أن النتائج جيدة", "أن", "إن"),
    ("- **ملاحظة**: حيث أنهم سيحضرون", "أنهم", "إنهم"),
]


@pytest.mark.parametrize(("text", "word", "twin"), WRONG)
def test_a_correct_word_that_is_the_wrong_twin_is_flagged(
    checker: SpellChecker, text: str, word: str, twin: str
) -> None:
    found = finding_at(checker, text, word)
    assert found is not None
    assert found.severity is Severity.PROBABLE
    assert [s.word for s in found.suggestions] == [twin]
    assert found.replacement is None  # a correct word is never changed unasked
    assert found.word == word


# Nothing to flag: each twin is right where it stands.
CLEAN = [
    "قال أن الطقس جميل",  # after قال a ranking only: reported speech keeps أن often
    "وقالت أنها ستعود",
    "قال إن الطقس جميل",
    "قَالَ إِنَّ الطَّقْسَ جَمِيلٌ",
    "أعلم أن الجو حار",
    "أَعْلَمُ أَنَّ الْجَوَّ حَارٌّ",
    "يجب أن نذهب إلى المدرسة",
    "أن تصوموا خير لكم",  # أنْ of the verbal noun opens the sentence
    "أريد أن أنام. أن تنام مبكرا مفيد",
    "لو أن الناس يعلمون",
    "إن العلم نور",
    "حيث إن المعلمين طيبون",
    "إلا أن الوقت قصير",
    "لا إله إلا الله",
    "يجب ألا نتأخر",
    "أما الآن فلا",
    "إما أن نذهب أو نبقى",
    "إن كان الجو جميلا خرجنا",
    "أنه",  # a word alone says nothing of its sentence
    "قال: «إن العمل انتهى»",
    "He said that (قال) — 42 أن",
    "قال 3 أن",  # a number between: قال is no neighbour
    "وأعلم\nأنه صديقي",  # a wrapped line goes on with its sentence
    "- أعلم\n- أنه صديقي",
]


@pytest.mark.parametrize("text", CLEAN)
def test_a_twin_right_where_it_stands_is_not_flagged(checker: SpellChecker, text: str) -> None:
    assert checker.check(text) == []


def test_masked_and_quoted_twins_are_left_alone(checker: SpellChecker) -> None:
    assert checker.check("حيث `أن` الطقس", syntax="markdown") == []
    assert checker.check("﴿حيث أن الطقس﴾") == []


def test_without_probable_words_no_correct_twin_is_flagged() -> None:
    assert SpellChecker(report_probable=False).check("حيث أن الطقس جميل") == []


def test_with_the_quran_lexicon_no_correct_twin_is_flagged() -> None:
    """The rules are those of modern prose: an ayah's line, read with the Quran
    lexicon, is not held to them."""
    text = "وَاعْلَمُوا أَنَّ اللَّهَ\nأَنَّهُ هُوَ"
    assert SpellChecker(lexicons=("quran",)).check(text) == []
    assert SpellChecker(lexicons=("msa", "quran")).check("حيث أن الطقس جميل") == []
    assert SpellChecker().check("حيث أن الطقس جميل") != []


def test_detection_alone_flags_without_suggestions(checker: SpellChecker) -> None:
    (found,) = checker.check("حيث أن الطقس جميل", suggest=False)
    assert (found.word, found.suggestions) == ("أن", ())


# Auto-fix: only the certain rules fix a twin written without hamza.
FIXES = [
    ("نحب المدرسة حيث ان المعلمين طيبون", "ان", "إن"),
    ("نحب المدرسة حيث اَن المعلمين طيبون", "اَن", "إَن"),
    ("لو ان الناس يعلمون", "ان", "أن"),
    ("بالإضافة الى ان الوقت قصير", "ان", "أن"),
    ("قال المدير ان العمل انتهى", "ان", None),  # reported speech may be indirect
    ("ان وسائل التواصل مفيدة", "ان", None),
    ("أعلم ان الجو حار", "ان", None),
    ("الحقيقة اما ان نذهب او نبقى", "اما", None),
]


@pytest.mark.parametrize(("text", "word", "replacement"), FIXES)
def test_only_a_certain_rule_fixes_a_twin(
    checker: SpellChecker, text: str, word: str, replacement: str | None
) -> None:
    found = finding_at(checker, text, word)
    assert found is not None
    assert found.replacement == replacement
    assert found.confident is (replacement is not None)


def test_one_surface_takes_the_twin_of_each_place(checker: SpellChecker) -> None:
    text = "لو ان الناس يعلمون حيث ان العلم نور"
    fixes = [(f.offset, f.replacement) for f in checker.check(text)]
    assert fixes == [(3, "أن"), (23, "إن")]


NEIGHBOURS = [
    ("قال المدير ان العمل", "ان", Neighbours(("قال", "المدير"), ("العمل",), False)),
    ("ان العمل", "ان", Neighbours((), ("العمل",), True)),
    ("انتهى. ان العمل", "ان", Neighbours((), ("العمل",), True)),
    ("انتهى، ان العمل", "ان", Neighbours((), ("العمل",), False)),
    ("قلت:\nان العمل. انتهى", "ان", Neighbours((), ("العمل",), True)),
    ("وأعلم\nان العمل\nانتهى", "ان", Neighbours((), ("العمل",), False)),
    ("العنوان\n \nان العمل", "ان", Neighbours((), ("العمل",), True)),
    ("Python ان العمل", "ان", Neighbours((), ("العمل",), False)),
    ("إذ ان العمل", "ان", Neighbours(("اذ",), ("العمل",), False)),
    ("قَالَ أَنَّ", "أَنَّ", Neighbours(("قال",), (), False)),
    # a word before it in the same sentence: the twin does not open the sentence
    ("انتهى. على ان العمل", "ان", Neighbours(("على",), ("العمل",), False)),
    ("العنوان\n\nعلى ان العمل", "ان", Neighbours(("على",), ("العمل",), False)),
]


@pytest.mark.parametrize("before", ["", "انتهى الدرس. ", "العنوان\n\n", "قلت: "])
def test_a_twin_after_a_preposition_is_read_alike_wherever_its_sentence_starts(
    checker: SpellChecker, before: str
) -> None:
    """على ان is أن, fixed unasked, and على إن is flagged, whether the sentence opens
    the text or follows a full stop, a blank line or a colon: the preposition, not the
    sentence's start, governs the twin."""
    bare = checker.check(before + "على ان الأمر صعب")
    assert [(f.word, f.best, f.replacement) for f in bare] == [("ان", "أن", "أن")]
    wrong = checker.check(before + "على إن الأمر صعب")
    assert [(f.word, f.best) for f in wrong] == [("إن", "أن")]


@pytest.mark.parametrize(("text", "word", "expected"), NEIGHBOURS)
def test_neighbours(text: str, word: str, expected: Neighbours) -> None:
    start = at(text, word)
    assert neighbours(text, start, start + len(word)) == expected


CHOICES = [
    ("ان", Neighbours(before=("قال",)), Choice("إن", "after-saying")),
    ("أن", Neighbours(before=("فقالوا",)), Choice("إن", "after-saying")),
    ("ان", Neighbours(before=("حيث",)), Choice("إن", "after-حيث", True, True)),
    ("انهم", Neighbours(before=("لو",)), Choice("أنهم", "after-لو", True, True)),
    ("ان", Neighbours(opens=True, after=("تصبر",)), Choice("إن", "sentence-start")),
    ("ان", Neighbours(opens=True, after=("العلم",)), Choice("إن", "sentence-start", True)),
    ("انه", Neighbours(opens=True), Choice("إنه", "sentence-start")),
    ("ان", Neighbours(before=("حتى",), after=("يقول",)), Choice("إن", "after-حتى")),
    ("ان", Neighbours(before=("قل",)), Choice("إن", "after-saying")),
    ("ان", Neighbours(before=("قال", "المدير")), Choice("إن", "after-saying")),
    ("ان", Neighbours(before=("ولو",)), Choice("أن", "after-ولو", True, True)),
    ("ان", Neighbours(before=("لولا",)), Choice("أن", "after-لولا", True, True)),
    ("ان", Neighbours(before=("واعلموا",)), Choice("أن", "quran-table")),
    ("الا", Neighbours(before=("هذا",)), Choice("إلا", "quran-table")),
    ("الا", Neighbours(after=("وهي",)), Choice("ألا", "alla-namely")),
    ("الا", Neighbours(opens=True, after=("ان",)), Choice("ألا", "alla-opening")),
    ("اما", Neighbours(after=("ان", "نذهب", "او")), Choice("إما", "imma-before-aw")),
    ("اما", Neighbours(after=("ان", "لم", "يكن")), None),  # أما إن لم يكن
    ("ان", Neighbours(before=("المدير",)), None),
    ("ان", Neighbours(after=("كانت", "جميلة")), Choice("إن", "conditional")),
    ("ان", Neighbours(before=("منذ",), after=("كانت",)), None),
    ("انه", Neighbours(before=("اعتقد",), after=("كان",)), None),
    ("الا", Neighbours(), None),
    ("اما", Neighbours(after=("الآن",)), None),
    ("المدرسه", Neighbours(opens=True), None),
]


@pytest.mark.parametrize(("word", "near", "expected"), CHOICES)
def test_choose(word: str, near: Neighbours, expected: Choice | None) -> None:
    assert choose(word, near) == expected


def test_reorder_keeps_the_suggestions_and_moves_the_twin() -> None:
    ranked = [Suggestion("أن", -2.8, "known"), Suggestion("إن", -3.5, "hamza")]
    ranked.append(Suggestion("من", -4.5, "substitution"))
    inna = Choice("إن", "after-saying")
    assert [s.word for s in reorder(ranked, inna)] == ["إن", "أن", "من"]
    assert reorder(ranked, Choice("أن", "after-لو")) == tuple(ranked)
    # a twin missing from the list is added first when it is a twin of the first
    assert [s.word for s in reorder(ranked[:1], inna)] == ["إن", "أن"]
    # ... and not when the word was read as another word altogether
    other = [Suggestion("من", -4.5, "substitution")]
    assert reorder(other, inna) == tuple(other)
    assert reorder([], inna) == ()


@pytest.mark.parametrize(
    ("word", "twin"),
    [("ان", True), ("انها", True), ("إنهم", True), ("أما", True), ("الا", True)]
    + [("آن", False), ("المدرسة", False), ("لان", False), ("وان", False)],
)
def test_is_twin(word: str, twin: bool) -> None:
    assert is_twin(word) is twin


def test_each_family_holds_two_twins_of_one_skeleton() -> None:
    for family, twins in FAMILIES.items():
        assert len(set(twins)) == 2
        assert all(fold_alef(twin) == family for twin in twins)


def test_wrong_twins_skips_spans_and_words_inside_words() -> None:
    text = "حيث أن الطقس، حيث بأن الجو، حَيْثُ بِأَنَّ"
    assert list(wrong_twins(text)) == [4]
    assert wrong_twins(text, [(0, 8)]) == {}
    assert wrong_twins(text, [(20, 30), (0, 2), (1, 5)]) == {}  # overlapping spans
    assert list(wrong_twins(text, [(10, 12), (0, 4)])) == [4]


# -- the table and its build -------------------------------------------------------


def _build_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "build_twin_context", REPO / "scripts" / "build_twin_context.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_the_shipped_table_is_the_build_of_the_shipped_quran_index(tmp_path: Path) -> None:
    build = _build_module()
    assert build.main(["--out", str(tmp_path)]) == 0
    built = (tmp_path / "twin-context.tsv").read_bytes()
    assert built == data_path("twin-context.tsv").read_bytes()


def test_the_table_is_sorted_unique_and_well_formed() -> None:
    rows = list(read_wordlist(data_path("twin-context.tsv"), "twin-context", 4))
    keys = [(family, previous) for family, previous, _, _ in rows]
    assert keys == sorted(set(keys))
    for family, previous, letter, count in rows:
        assert family in ("ان", "الا", "اما")
        assert letter in ("أ", "إ") and int(count) >= 5
        assert fold_alef(previous) == previous


def test_the_build_counts_a_small_text(tmp_path: Path) -> None:
    build = _build_module()
    index = tmp_path / "quran-index.tsv"
    lines = ["#lialia-wordlist v1 quran-index"]
    # five ayahs of قالوا إن and one of قالوا أن (5/6 < 0.9: no row), six of لو أن
    for ayah in range(1, 7):
        second = "إن" if ayah < 6 else "أن"
        lines += [f"1\t{ayah}\t1\tقَالُوا\tقالوا", f"1\t{ayah}\t2\t{second}\t{second}"]
    for ayah in range(7, 13):
        lines += [f"1\t{ayah}\t1\tلَوۡ\tلو", f"1\t{ayah}\t2\tأَنَّهُم\tأنهم"]
    index.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert build.main(["--quran-index", str(index), "--out", str(tmp_path)]) == 0
    table = (tmp_path / "twin-context.tsv").read_text(encoding="utf-8")
    assert table == "#lialia-wordlist v1 twin-context\nان\tلو\tأ\t6\n"
    assert build.family_of("إنهم") == ("ان", "إ")
    assert build.family_of("إلا") == ("الا", "إ")
    assert build.family_of("أنعام") is None


# --- a part of a text: the end of the text before it is its context ---------------

_GOES_ON = "وأكد المدير في كلمته أمام الموظفين\n"
_ENDS = "وانتهى الاجتماع في موعده.\n"
_PART = "أنه سيعود إلى العمل غدا\nقال ان الأمر واضح\n"


@pytest.mark.parametrize("before", ["", _GOES_ON, _ENDS, "كلمة " * 80 + "\n", _ENDS + _GOES_ON])
@pytest.mark.parametrize("suggest", [True, False])
def test_a_part_checked_with_the_text_before_it_gives_what_the_whole_gives(
    checker: SpellChecker, before: str, suggest: bool
) -> None:
    # a chunk of a large file, a piece of it in another process: its first words are
    # judged as in the whole text, not as the start of a document
    whole = checker.check(before + _PART, suggest=suggest)
    shift, lines = len(before), before.count("\n")
    expected = [
        (f.word, f.offset - shift, f.line - lines, f.column, f.suggestions, f.replacement)
        for f in whole
        if f.offset >= shift
    ]
    part = checker.check(_PART, suggest=suggest, before=before)
    assert [(f.word, f.offset, f.line, f.column, f.suggestions, f.replacement) for f in part] == (
        expected
    )


def test_a_twin_that_opens_a_part_is_read_after_the_text_before_it(
    checker: SpellChecker,
) -> None:
    # alone, or after a sentence that ended, أنه opens a sentence and is the wrong twin
    assert [f.word for f in checker.check(_PART)][:1] == ["أنه"]
    assert [f.word for f in checker.check(_PART, before=_ENDS)][:1] == ["أنه"]
    # after a line that goes on, it is not
    assert "أنه" not in [f.word for f in checker.check(_PART, before=_GOES_ON)]


def test_chunks_carry_the_end_of_the_text_before_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import lialia.files
    from lialia.files import BEFORE_CHARS, TextReader, checked_chunks

    monkeypatch.setattr(lialia.files, "_BLOCK", 500)  # read in small blocks, as a big file

    text = "".join(f"{_GOES_ON}{_PART}" for _ in range(400))
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="utf-8")
    chunks = list(checked_chunks(TextReader(str(path), chunk_chars=300)))
    assert len(chunks) > 5 and chunks[0].before == ""
    for chunk in chunks[1:]:
        assert chunk.before == text[max(0, chunk.offset - BEFORE_CHARS) : chunk.offset]


# --- a line ends alike at \n, \r\n and a lone \r ---------------------------------------

# texts whose rules read across a line break (written with \n here): a line break keeps
# the words on either side from being neighbours, a blank line opens a sentence
LINE_ENDS = [
    "كتب حيث\nان البيت\n",  # حيث on the line before: no neighbour, not fixed
    "نحب المدرسة حيث ان المعلمين طيبون\nسافرت إذ ان العمل انتهى\n",  # fixed
    "قال\nان العمل انتهى\nقال المدير ان الامر واضح\n",  # after-saying, on its line only
    "لو\nإن الناس يعلمون\nلو إن الناس يعلمون\n",  # a wrong twin on the second only
    "حيث\nأنها قريبة\nحيث أنها قريبة\n",
    "العنوان\n\nان العمل انتهى\n",  # a blank line opens a sentence
    "العنوان\n \t\nأن الامتحان غدا\n",  # ... a line of spaces too
    "العنوان\nأن الامتحان غدا\n",  # a single line break does not
    "وأعلم\nأنه صديقي\n- أعلم\n- أنه صديقي\n",
    "انتهى الدرس.\nان الامتحان غدا\n",
    "ستندم ان\nلم تدرس\nستندم ان لم تدرس\n",  # the condition: لم on the next line
    "يجب\nالا نتأخر\nيجب الا نتأخر\n",
    "هدف واحد الا\nوهو النجاح\nهدف واحد الا وهو النجاح\n",
    "الحقيقة اما ان نذهب\nاو نبقى\nالحقيقة اما ان نذهب او نبقى\n",
    "لا اله الا\nالله\n\n\nثم ان الناس تغيروا\nبعد ان\nكان صغيرا",
]


def _as_read(findings: list[Finding]) -> list[tuple[object, ...]]:
    """What a finding says, but for its offset (a \\r\\n is one character more)."""
    return [
        (f.line, f.column, f.word, f.severity, f.suggestions, f.confident, f.replacement)
        for f in findings
    ]


@pytest.mark.parametrize("text", LINE_ENDS)
@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_every_line_end_gives_the_same_findings(
    checker: SpellChecker, text: str, newline: str
) -> None:
    """Old Mac files end their lines with a lone \\r: the context rules read it as the
    line break it is (it made حيث on the line before a neighbour: ان fixed to إن)."""
    expected = _as_read(checker.check(text))
    assert _as_read(checker.check(text.replace("\n", newline))) == expected


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("كتب حيث\rان العمل\rانتهى", "ان", Neighbours((), ("العمل",), False)),
        ("العنوان\r\rان العمل", "ان", Neighbours((), ("العمل",), True)),
        ("العنوان\r\n \r\nان العمل", "ان", Neighbours((), ("العمل",), True)),
        ("العنوان\r\n\rان العمل", "ان", Neighbours((), ("العمل",), True)),
    ],
)
def test_neighbours_stop_at_a_carriage_return(text: str, word: str, expected: Neighbours) -> None:
    start = at(text, word)
    assert neighbours(text, start, start + len(word)) == expected


def test_fix_treats_every_line_end_alike(isolated: Path, run_cli: RunCli) -> None:
    """``lialia check --fix`` on the same text with each line end: the same findings,
    and the same (no) fix of ان after a حيث on the line before."""
    names = {"lf.txt": "\n", "crlf.txt": "\r\n", "cr.txt": "\r"}
    for name, newline in names.items():
        (isolated / name).write_bytes(f"كتب حيث{newline}ان البيت{newline}".encode())
    result = run_cli(["check", "--fix", *names])
    for name, newline in names.items():
        assert (isolated / name).read_bytes() == f"كتب حيث{newline}ان البيت{newline}".encode()
    assert result.stdout.splitlines()[:3] == [
        f"{name}:2:1: ان -> أن (إن, آن, من, كان)" for name in names
    ]

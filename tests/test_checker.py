"""The public API, on real Arabic: what a user of ``SpellChecker`` relies on."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import lialia
import lialia.checker as checker_module
from lialia import Finding, Severity, SpellChecker
from lialia.errors import InvalidPatternError, UnknownLexiconError


@pytest.fixture(scope="module")
def checker() -> SpellChecker:
    return SpellChecker()


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        ("الى", "إلى"),
        ("المدرسه", "المدرسة"),
        ("هاذا", "هذا"),
        ("إستخدام", "استخدام"),
        ("التى", "التي"),
        ("الإجتماعية", "الاجتماعية"),
        ("الاجتماعيه", "الاجتماعية"),
        ("وبالمدرسه", "وبالمدرسة"),  # the stem is corrected inside its clitics
        ("فيالبيت", "في البيت"),  # two words glued together
        ("لاكن", "لكن"),
        ("بلمدرسة", "بالمدرسة"),  # the alef of the article left out after ب
        ("لستقبال", "لاستقبال"),  # ... and that of a form X masdar after ل
    ],
)
def test_best_suggestion(checker: SpellChecker, wrong: str, right: str) -> None:
    assert checker.severity(wrong) is Severity.MISSPELLING
    assert checker.suggest(wrong)[0].word == right


@pytest.mark.parametrize(
    "word",
    ["المدرسة", "الْمَدْرَسَةُ", "وبمدرستهم", "تويتر", "إدلب", "الناتو", "الأبرياء", "كتـــاب"],
)
def test_correct_words(checker: SpellChecker, word: str) -> None:
    assert checker.is_correct(word)
    assert checker.suggest(word) == []


def test_probable_misspellings_are_reported_at_lower_severity() -> None:
    assert SpellChecker().severity("اكثر") is Severity.PROBABLE
    assert SpellChecker().suggest("اكثر")[0].word == "أكثر"
    quiet = SpellChecker(report_probable=False)
    assert quiet.severity("اكثر") is None and quiet.is_correct("اكثر")


def test_check_positions_keep_the_surface_form(checker: SpellChecker) -> None:
    text = "# عنوان\nذهبتُ إلَى المدرسه في 2024 مع Ali\n`الى` داخل الكود"
    findings = checker.check(text, syntax="markdown")
    assert [(f.line, f.column, f.word, f.best) for f in findings] == [
        (2, 12, "المدرسه", "المدرسة")
    ]
    for finding in findings:
        assert text[finding.offset : finding.end] == finding.word


def test_diacritised_misspelling_is_found_with_its_diacritics(checker: SpellChecker) -> None:
    (finding,) = checker.check("ذهبتُ الَى السوق")
    assert finding.word == "الَى" and finding.column == 7 and finding.best == "إلى"
    assert finding.severity is Severity.MISSPELLING and finding.confident


def test_confidence_is_withheld_when_suggestions_are_close(checker: SpellChecker) -> None:
    (finding,) = checker.check("ان")
    assert finding.best in {"أن", "إن"}
    assert {"أن", "إن"} <= {s.word for s in finding.suggestions}
    assert not finding.confident and finding.replacement is None


def test_extra_words_and_min_length() -> None:
    words = SpellChecker(extra_words=["لياليا"])
    assert words.check("لياليا ولياليا") == []
    assert SpellChecker(min_length=4).check("الى") == []


def test_ignore_patterns() -> None:
    checker = SpellChecker(ignore_patterns=[r"#\S+"])
    assert checker.check("وسم #المدرسه هنا") == []


def test_bad_arguments_name_the_value() -> None:
    with pytest.raises(InvalidPatternError, match=r"'\('"):
        SpellChecker(ignore_patterns=["("])
    with pytest.raises(UnknownLexiconError, match="'fusha'"):
        SpellChecker(lexicons=("fusha",)).is_correct("كتاب")
    with pytest.raises(ValueError, match="min_length"):
        SpellChecker(min_length=0)
    with pytest.raises(ValueError, match="limit"):
        SpellChecker().suggest("الى", limit=0)


def test_suggest_limit_and_scores_descend(checker: SpellChecker) -> None:
    suggestions = checker.suggest("مدرسه", limit=3) or checker.suggest("المدرسه", limit=3)
    assert 1 <= len(suggestions) <= 3
    assert suggestions[0].reason in {"known", "ta-marbuta"}


def test_suggest_a_phrase_fixes_each_word(checker: SpellChecker) -> None:
    assert [s.word for s in checker.suggest("ذهبت الى المدرسه")] == ["ذهبت إلى المدرسة"]
    assert checker.suggest("ذهبت إلى المدرسة") == []


def test_quran_lexicon_accepts_quranic_words() -> None:
    quran = SpellChecker(lexicons=("msa", "quran"))
    assert quran.is_correct("العالمين") and quran.is_correct("الصراط")


def test_shared_between_threads() -> None:
    checker = SpellChecker()
    text = "ذهبت الى المدرسه وقرأت هاذا الكتاب " * 50
    expected = [(f.offset, f.best) for f in SpellChecker().check(text)]
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: checker.check(text), range(8)))
    assert all([(f.offset, f.best) for f in r] == expected for r in results)


def test_findings_are_plain_data(checker: SpellChecker) -> None:
    (finding,) = checker.check("الى")
    assert isinstance(finding, Finding)
    assert finding.end == 3 and finding.suggestions[0].word == "إلى"


def test_detection_without_suggestions_finds_the_same_words(checker: SpellChecker) -> None:
    text = "ذهبت الى المدرسه وقرأت هاذا الكتاب"
    plain = checker.check(text, suggest=False)
    full = SpellChecker().check(text)
    assert [(f.offset, f.severity) for f in plain] == [(f.offset, f.severity) for f in full]
    assert all(f.suggestions == () and not f.confident for f in plain)


def test_load_compiles_once_into_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lialia.lexicon import compiled, pairs

    monkeypatch.setenv("LIALIA_CACHE_DIR", str(tmp_path))
    compiled.cache_clear()
    pairs.cache_clear()
    try:
        SpellChecker(lexicons=("quran",)).load()
        assert [p.name.split("-")[0] for p in tmp_path.iterdir()] == ["quran"]
    finally:
        compiled.cache_clear()
        pairs.cache_clear()


@pytest.mark.parametrize(
    ("text", "replacement"),
    [
        ("ذهبتُ الَى السوق", "إلَى"),  # the exact text --fix writes: the marks carried
        ("هَاذَا", "هَذَا"),
        ("المدرسه", "المدرسة"),
        ("فيالبيت", "في البيت"),
        ("هَاَذا", None),  # reported, not fixed: a mark would be lost
        ("وبايثون", None),  # a loanword behind a clitic
        ("ٱلصَّلَوٰةَ", None),  # a word of the muṣḥaf
    ],
)
def test_replacement_is_what_a_fix_writes(
    checker: SpellChecker, text: str, replacement: str | None
) -> None:
    (finding,) = checker.check(text)
    assert finding.replacement == replacement
    assert finding.confident is (replacement is not None)


def test_without_suggestions_nothing_is_replaced(checker: SpellChecker) -> None:
    (finding,) = checker.check("الَى", suggest=False)
    assert finding.replacement is None and not finding.confident


def test_honorifics_in_phrases(checker: SpellChecker) -> None:
    assert checker.suggest("قال الله ﷻ") == []
    assert [s.word for s in checker.suggest("النبي ﷺ قال الى")] == ["النبي ﷺ قال إلى"]


def test_quran_lexicon_reads_uthmani_script() -> None:
    quran = SpellChecker(lexicons=("quran",))
    assert quran.is_correct("ٱلۡحَمۡدُ لِلَّهِ رَبِّ ٱلۡعَٰلَمِينَ")
    assert quran.is_correct("صِرَٰطَ ٱلَّذِينَ أَنۡعَمۡتَ عَلَيۡهِمۡ")


@pytest.mark.parametrize(
    ("word", "confident"),
    [
        ("وبايثون", False),  # "and Python": not وباحثون
        ("السوشل", False),  # "the social (media)": not السؤال
        ("والمجنمع", True),  # a keyboard slip behind clitics is still fixed
        ("الاجتمعاي", True),  # and two swapped letters
    ],
)
def test_a_loanword_behind_a_clitic_is_not_fixed(
    checker: SpellChecker, word: str, confident: bool
) -> None:
    (finding,) = checker.check(word)
    assert finding.severity is Severity.MISSPELLING and finding.confident is confident


# A text as writers send it: diacritised and not, Quranic signs, tatweel, ZWNJ, Latin,
# numbers, probable twins, known misspellings, honorifics, short words
_MIXED = (
    "ذهبت الى المدرسه وقرأت هاذا الكتاب، اكثر من مرة.\n"
    "الْمَدْرَسَةُ كتـــاب والمدرسـه ﷺ 2024 ok في\n"
    "ذَٰلِكَ ٱلْكِتَٰبُ لَا رَيْبَ فِيهِ ۝٢ القرآن القرا\N{ARABIC MADDAH ABOVE}ن بِمَآ\n"
    "می\N{ZERO WIDTH NON-JOINER}خواهم إستخدام الإجتماعية فيالبيت لاكن و ب\n"
)


@pytest.mark.parametrize("window", [1, 9, 40, 1 << 18])
@pytest.mark.parametrize(
    "options",
    [
        {},
        {"lexicons": ("msa", "quran")},
        {"lexicons": ("quran",)},
        {"min_length": 3, "report_probable": False},
        {"extra_words": ["هاذا", "اكثر"]},
    ],
)
def test_the_fast_path_finds_what_word_by_word_checking_finds(
    options: dict[str, Any], window: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A text with nothing masked is cut into slices and judged a batch of distinct
    words at a time; with a masked URL after it, word by word.  Same findings."""
    monkeypatch.setattr(checker_module, "WINDOW", window)
    fast, fast_count = SpellChecker(**options).check_counted(_MIXED * 3)
    masked_text = _MIXED * 3 + "https://example.com"
    slow, slow_count = SpellChecker(**options).check_counted(masked_text)
    assert fast == slow and fast_count == slow_count
    assert fast  # the text has findings, at their offsets
    assert all((_MIXED * 3)[f.offset : f.end] == f.word for f in fast)


# Real text of each kind a checker meets, for the reference below
_KINDS = {
    "plain": "ذهبت الى المدرسه وقرأت هاذا الكتاب الآن، اكثر من مرة في القرآن ومرآة آمنة.\n",
    "diacritised": "الْمَدْرَسَةُ كتـــاب والمدرسـه ذَٰلِكَ ٱلْكِتَٰبُ بِمَآ ءَامَنُواْ إستخدام\n",
    "latin-numbers": "نسخة Python 3.12 من lialia عام 2024 و٢٠٢٥ فيالبيت لاكن CI/CD و ب\n",
    "urls": (
        "راجع https://example.com/الى/المدرسه ثم www.هاذا.com او اكتب الى user@mail.com\n"
    ),
    "markdown": (
        "# عنوان المدرسه\n\nذهبت الى `المدرسه` و[هاذا الرابط](https://x.org/اكثر) **مهم**.\n\n"
        "```\nكود الى المدرسه\n```\n\n- بند اكثر <b>الى</b> ﷺ\n"
    ),
}


@pytest.mark.parametrize("window", [1, 7, 64, 1 << 14])
@pytest.mark.parametrize("kind", list(_KINDS))
@pytest.mark.parametrize(
    "options",
    [{}, {"lexicons": ("msa", "quran")}, {"min_length": 3, "report_probable": False}],
    ids=["msa", "msa+quran", "min3-no-probable"],
)
def test_detection_matches_the_word_by_word_reference(
    options: dict[str, Any], kind: str, window: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever path a text takes (slices judged in batches, or word by word between
    masks), its findings are those of asking :meth:`SpellChecker._verdict` of each word
    :func:`lialia.tokenize.tokenize` yields, with no batch and no cache."""
    from lialia.tokenize import syntax_for, tokenize

    monkeypatch.setattr(checker_module, "WINDOW", window)
    text = _KINDS[kind] * 2
    syntax = syntax_for("a.md") if kind == "markdown" else "plain"
    reference = SpellChecker(**options)
    expected = [
        (token.offset, token.text, verdict[1])
        for token in tokenize(text, syntax)
        if (verdict := reference._verdict(token.text, reference.min_length))
    ]
    checker = SpellChecker(**options)
    for _ in range(2):  # with its caches cold, then warm
        found = checker.check(text, syntax=syntax, suggest=False)
        assert [(f.offset, f.word, f.severity) for f in found] == expected
    assert expected or options


def test_repeated_checks_give_the_same_findings(checker: SpellChecker) -> None:
    """Verdicts cached by one check (the flagged ones kept apart) serve the next."""
    first = checker.check_counted(_MIXED, suggest=False)
    assert checker.check_counted(_MIXED, suggest=False) == first
    assert SpellChecker().check_counted(_MIXED * 2, suggest=False)[1] == 2 * first[1]


@pytest.mark.parametrize(
    ("text", "suggest", "loaded"),
    [
        ("ذهبت إلى البيت", True, False),  # nothing flagged: nothing to rank
        ("ذهبت الى المدرسه", False, False),  # detection alone
        ("ذهبت الى المدرسه", True, True),  # suggestions need the edit distances
    ],
)
def test_a_run_imports_only_what_it_needs(text: str, suggest: bool, loaded: bool) -> None:
    """rapidfuzz (candidates, ranking, carrying marks) and ``regex`` (user patterns)
    cost a cold start tens of milliseconds: only a run that uses them imports them."""
    script = (
        "import sys, lialia.cli\n"
        "from lialia import SpellChecker\n"
        f"found = SpellChecker().check({text!r}, suggest={suggest})\n"
        "print(bool(found), 'rapidfuzz' in sys.modules, 'regex' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == [str(text != "ذهبت إلى البيت"), str(loaded), "False"]


def _added_clitic_by_segmentation(
    checker: SpellChecker, written: str, candidate: str, shown: set[str]
) -> bool:
    """The clitic-variant test as first written: every segmentation of the candidate."""
    return any(
        seg.prefix
        and not seg.suffix
        and not written.startswith(seg.prefix)
        and any(form in shown for form in checker.lexicon.stem_forms(seg))
        for seg in checker.lexicon.segmentations(candidate)
    )


@pytest.mark.parametrize(
    ("written", "candidate", "shown"),
    [
        ("ابراهيم", "وإبراهيم", {"إبراهيم"}),
        ("ابراهيم", "لإبراهيم", {"إبراهيم"}),
        ("المدرسه", "بالمدرسة", {"المدرسة"}),
        ("المدرسه", "للمدرسة", {"المدرسة"}),
        ("الليل", "لليل", {"الليل"}),  # ل + الليل: one lam written for two
        ("والمدرسه", "والمدرسة", {"المدرسة"}),  # the writer wrote the و
        ("بالمدرسه", "وبالمدرسة", {"بالمدرسة"}),
        ("مدرستهم", "ومدرستهم", {"مدرستهم"}),
        ("مدرسه", "مدرستهم", {"مدرسة"}),  # an enclitic, not a proclitic
        ("لايخافون", "لا يخافون", {"يخافون"}),  # a split
        ("وب", "وبا", {"با"}),  # a stem too short to stand alone
        ("كتاب", "فكتاب", set()),
    ],
)
def test_the_narrowed_clitic_test_agrees_with_the_segmentations(
    checker: SpellChecker, written: str, candidate: str, shown: set[str]
) -> None:
    added = checker_module._added_proclitics(written)
    expected = _added_clitic_by_segmentation(checker, written, candidate, shown)
    assert checker_module._adds_clitic(candidate, added, shown) is expected


@pytest.mark.parametrize("word", ["ابراهيم", "المدرسه", "لايخافون", "الكتب", "مدرسه"])
def test_the_clitic_filter_keeps_at_most_keep_and_as_the_full_scan_would(
    checker: SpellChecker, word: str
) -> None:
    from lialia import rank

    # a long ranking: the word's own candidates, each also behind و, ب and ل
    ordered = list(checker._rank(word).suggestions)
    ordered += [
        rank.suggestion(word, clitic + s.word, 1000)
        for s in checker._rank(word).suggestions
        for clitic in ("و", "ب", "ل", "ف")
        if " " not in s.word
    ]
    ordered += [rank.suggestion(word, w, 10) for w in ("كتاب", "قلم", "بيت", "باب", "درس")]
    full: list[Any] = []
    shown: set[str] = set()
    for suggestion in ordered:  # the filter without its stop at KEEP
        if not _added_clitic_by_segmentation(checker, word, suggestion.word, shown):
            full.append(suggestion)
            shown.add(suggestion.word)
    kept = checker._without_added_clitics(word, ordered)
    assert len(kept) <= checker_module.KEEP
    assert kept == full[: checker_module.KEEP]


@pytest.mark.parametrize(
    "word", ["ابراهيم", "والمدرسه", "وبالمدرسه", "فللبيت", "لليل", "سيكتب", "و", "", "ككتاب"]
)
def test_the_proclitics_not_written_are_those_the_word_does_not_begin_with(word: str) -> None:
    added = checker_module._added_proclitics(word)
    expected = {p for p, _ in checker_module.PROCLITICS if p and not word.startswith(p)}
    assert {p for clitics in added.values() for p, _ in clitics} == expected
    assert all(p.startswith(letter) for letter, clitics in added.items() for p, _ in clitics)


@pytest.mark.parametrize(("word", "heard"), [("بلمدرسة", "بال"), ("وكلبيت", "وكال")])
def test_an_article_written_without_its_alef_is_written(word: str, heard: str) -> None:
    """بلمدرسة is بال + مدرسة with the alef left out: بالمدرسة adds no clitic to it."""
    added = checker_module._added_proclitics(word)
    assert heard not in {p for clitics in added.values() for p, _ in clitics}


def test_one_word_or_pattern_may_be_given_as_one_string() -> None:
    """A string is iterable: taken as a list, each of its letters was a word (every
    letter right) or a pattern (every finding hidden)."""
    assert SpellChecker(extra_words="كوبرنيتس").is_correct("كوبرنيتس")
    assert SpellChecker(extra_words="كوبرنيتس").lexicon.extra == {"كوبرنيتس"}
    hidden = SpellChecker(ignore_patterns=r"\bالى\b")
    assert [f.word for f in hidden.check("ذهبت الى المدرسه")] == ["المدرسه"]
    from lialia.integrations.batch import CheckerSettings

    assert CheckerSettings.of(extra_words="كوبرنيتس").extra_words == ("كوبرنيتس",)


@pytest.mark.parametrize(
    "call",
    [
        lambda: SpellChecker().check(b"\xd8\xa7"),  # type: ignore[arg-type]
        lambda: SpellChecker().check("نص", before=None),  # type: ignore[arg-type]
        lambda: SpellChecker().suggest(None),  # type: ignore[arg-type]
        lambda: SpellChecker().is_correct(3),  # type: ignore[arg-type]
        lambda: SpellChecker(strictness=None),  # type: ignore[arg-type]
        lambda: SpellChecker(min_length="2"),  # type: ignore[arg-type]
        lambda: SpellChecker(min_length=2.5),  # type: ignore[arg-type]
        lambda: lialia.search(b"\xd8\xa7"),  # type: ignore[arg-type]
        lambda: lialia.search([None]),  # type: ignore[list-item]
    ],
)
def test_wrong_types_are_a_clear_type_error(call: Callable[[], object]) -> None:
    """Never an AttributeError from inside, nor the regular expressions' 'a bytes-like
    object is required' (the wrong way round for bytes given)."""
    with pytest.raises(TypeError) as raised:
        call()
    assert "bytes-like" not in str(raised.value)

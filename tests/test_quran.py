"""Never damage the text: the Quran, marks, ligatures, ZWNJ, loanwords, stable fixes,
and words too long to search (issues 7 and 8).

The whole Hafs text of the ``quran-text`` package (the source ``quran.tsv`` is built
from) is checked ayah by ayah, as the muṣḥaf prints it (Uthmani script with pause
signs, rub el hizb, sajdah signs and ayah numbers) and in its imla'i spelling.
"""

from __future__ import annotations

import importlib.util
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lialia import Severity, SpellChecker, candidates
from lialia.fix import apply, confident_replacements
from lialia.lexicon import data_path, read_wordlist
from lialia.normalize import normalize

RunCli = Callable[..., Any]  # the run_cli fixture of conftest.py

MADDAH = "\N{ARABIC MADDAH ABOVE}"
ZWNJ = "\N{ZERO WIDTH NON-JOINER}"
TATWEEL = "\N{ARABIC TATWEEL}"
QURAN_OPEN = "\N{ORNATE RIGHT PARENTHESIS}"
QURAN_CLOSE = "\N{ORNATE LEFT PARENTHESIS}"


@cache
def mushaf() -> Any:
    quran_text = pytest.importorskip("quran_text")
    return quran_text.Mushaf.hafs()


def uthmani() -> Iterator[str]:
    """Every ayah as printed (marks and ayah number), then every unnumbered basmalah."""
    m = mushaf()
    for ayah in m.ayahs:
        yield ayah.render(marks=True, ayah_marks=True)
    for surah in m.surahs:
        if surah.basmalah is not None:
            yield surah.basmalah.render(marks=True)


def imlai() -> Iterator[str]:
    for ayah in mushaf().ayahs:
        yield " ".join(word for word in ayah.rasm_imlai if word)


SCRIPTS = {
    "uthmani": uthmani,
    # an editor that saves NFC fuses each madd sign with its alef into آ
    "uthmani-nfc": lambda: (unicodedata.normalize("NFC", text) for text in uthmani()),
    "imlai": imlai,
}


@cache
def checker(*lexicons: str) -> SpellChecker:
    return SpellChecker(lexicons=lexicons)


@cache
def findings(script: str, *lexicons: str) -> Counter[str]:
    found: Counter[str] = Counter()
    for text in SCRIPTS[script]():
        found.update(f.word for f in checker(*lexicons).check(text))
    return found


@pytest.mark.parametrize("script", sorted(SCRIPTS))
def test_the_whole_quran_passes_with_the_quran_lexicon(script: str) -> None:
    assert findings(script, "quran") == Counter()


@pytest.mark.parametrize("script", sorted(SCRIPTS))
def test_adding_a_lexicon_never_adds_findings(script: str) -> None:
    assert sum(findings(script, "msa", "quran").values()) <= sum(
        findings(script, "quran").values()
    )


def test_no_word_of_the_mushaf_is_ever_fixed() -> None:
    """With msa alone the Quranic spellings are reported, but --fix writes nothing."""
    msa = checker("msa")
    reported = 0
    for text in uthmani():
        found = msa.check(text)
        reported += len(found)
        assert confident_replacements(found) == [], text
    assert reported > 1000


@pytest.mark.parametrize(
    "word",
    [
        f"ٱلضَّا{MADDAH}لِّينَ",  # the examples: a madd sign, not the letter آ
        f"بِمَا{MADDAH}",
        f"إِلَّا{MADDAH}",
        "بِمَ\N{ARABIC LETTER ALEF WITH MADDA ABOVE}",  # the same, fused into آ by NFC
        "ٱلۡعَٰلَمِينَ",  # superscript alef, alef wasla, the muṣḥaf's sukun
        "بِهِۦ",  # small waw
        "وَٱسۡجُدۡ\N{ARABIC PLACE OF SAJDAH}",  # written against the word
        f"يَشَا{MADDAH}ءُ\N{ARABIC SMALL HIGH JEEM}",  # a pause sign
        "ٱلرَّحِيمِ \N{ARABIC END OF AYAH}١",  # end of ayah and its number
        "ٱلرَّحِيمِ\N{ARABIC END OF AYAH}١",
        f"\N{ARABIC START OF RUB EL HIZB} وَٱعۡلَمُو{MADDAH}اْ",
    ],
)
def test_quranic_signs_are_folded(word: str) -> None:
    assert checker("quran").check(word) == []
    assert checker("msa", "quran").check(word) == []


@pytest.mark.parametrize("word", ["ياقوم", "إلي", "علي", "آلله", "يحى", "وادكر", "العلمين"])
def test_a_word_of_any_loaded_lexicon_is_valid(word: str) -> None:
    """msa's lists (misspellings, probable twins) never override the quran lexicon's
    imla'i spellings, nor an Uthmani form msa does not call a slip (العلمين)."""
    assert checker("msa", "quran").is_correct(word)


def test_bare_uthmani_slips_are_reported_in_prose_never_fixed() -> None:
    """With msa and quran, الي and ءامنوا written bare in prose are msa's misspellings
    again, reported with msa's correction but never fixed unasked (the writer may mean
    the Uthmani spelling); the same words vocalised are quotations, never reported."""
    text = "ذهبت الي المدرسه و ءامنوا بالله، وقال تعالى: ءَامَنُوا و ٱلَّٰٓـِٔي"
    found = checker("msa", "quran").check(text)
    assert [(f.word, f.best) for f in found] == [
        ("الي", "إلى"),
        ("المدرسه", "المدرسة"),
        ("ءامنوا", "آمنوا"),
    ]
    assert [f.confident for f in found] == [False, True, False]
    assert fixed(text, "msa", "quran") == text.replace("المدرسه", "المدرسة")


@pytest.mark.parametrize("word", ["ءَامَنُوا", "ٱلَّٰٓـِٔي"])
def test_suggest_gives_the_verdict_check_gives(word: str) -> None:
    """``lialia suggest``, ``/suggest`` and the API judge a keyword as written, as
    ``check`` does: with msa and quran a vocalised word of the muṣḥaf is a quotation
    (it asked about the bare form, msa's misspelling); bare, it is the slip."""
    from lialia.keywords import judge

    both = checker("msa", "quran")
    assert both.check(word) == [] and judge(both, word)[1:] == (None, None)
    bare = normalize(word)
    assert judge(both, bare)[1:] == (Severity.MISSPELLING, "known misspelling")


def _script(name: str) -> Any:
    """A script of ``scripts/``, imported as a module."""
    folder = Path(__file__).resolve().parent.parent / "scripts"
    spec = importlib.util.spec_from_file_location(name, folder / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_the_shipped_uthmani_list_is_the_build_of_the_shipped_quran_index(
    tmp_path: Path,
) -> None:
    """``quran-uthmani.tsv`` is what its script makes of ``quran-index.tsv``: each form
    a key of ``quran.tsv`` that no imla'i word of the muṣḥaf gives."""
    build = _script("build_quran_uthmani")
    assert build.main(["--out", str(tmp_path)]) == 0
    built = (tmp_path / "quran-uthmani.tsv").read_bytes()
    assert built == data_path("quran-uthmani.tsv").read_bytes(), "stale: run the script"
    rows = list(read_wordlist(data_path("quran-uthmani.tsv"), "quran-uthmani", 3))
    quran = {word for word, _ in read_wordlist(data_path("quran.tsv"), "quran", 2)}
    assert {form for form, _, _ in rows} <= quran
    imlai_forms = {key for text in imlai() for key in map(normalize, text.split())}
    assert not {form for form, _, _ in rows} & imlai_forms
    assert ["الي", "اللائي", "2"] in rows and ["العلمين", "العالمين", "61"] in rows


@pytest.mark.parametrize(
    "text",
    [
        "قال الله ﷻ",
        "النبي ﷺ",
        "محمدﷺ",  # written against the name
        "بسم ﷲ",
        "\N{ARABIC LIGATURE BISMILLAH AR-RAHMAN AR-RAHEEM}",
        "أبو بكر \N{ARABIC LIGATURE RADI ALLAAHU ANH}",
        "محمد\N{ARABIC SIGN SALLALLAHOU ALAYHE WASSALLAM}",  # the sign over a name
    ],
)
def test_honorific_ligatures_are_words(text: str) -> None:
    assert SpellChecker().check(text) == []


def test_honorific_ligatures_are_counted_as_words() -> None:
    assert SpellChecker().check_counted("قال الله ﷻ")[1] == 3
    assert SpellChecker().is_correct("ﷺ") and SpellChecker().suggest("ﷺ") == []


def fixed(text: str, *lexicons: str) -> str:
    found = SpellChecker(lexicons=lexicons or ("msa",)).check(text)
    return apply(text, confident_replacements(found))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # vowel marks of the letters kept stay; a replaced letter passes its marks on
        ("هَاذَا الكتاب", "هَذَا الكتاب"),
        ("ذهبتُ الَى السوق", "ذهبتُ إلَى السوق"),
        ("في المدرسَه", "في المدرسَة"),
        ("ذهب الِى البيت", "ذهب إلِى البيت"),
        # tatweel: kept between letters still side by side, left out elsewhere
        (f"المدرس{TATWEEL}ه", f"المدرس{TATWEEL}ة"),
        (f"ه{TATWEEL}اذا", "هذا"),
        # a ZWNJ between letters that stay side by side is carried
        (f"ال{ZWNJ}مدرسه", f"ال{ZWNJ}مدرسة"),
        # undiacritised words are fixed as before
        ("ذهبت الى المدرسه", "ذهبت إلى المدرسة"),
        ("فيالبيت", "في البيت"),
    ],
)
def test_a_fix_carries_the_marks(text: str, expected: str) -> None:
    assert fixed(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "وبايثون",  # a loanword behind a clitic: not وباحثون
        "لاداعى",  # لا داعى would be flagged again (داعى)
        "هَاَذا",  # the fatha on the dropped alef has nowhere to go
        f"ه{ZWNJ}اذا",  # the ZWNJ's letters would not stand side by side
        "ٱلصَّلَوٰةَ",  # a sign of the muṣḥaf
        "ءَامَنُواْ",  # a Quranic word form with its vowel marks
        f"{QURAN_OPEN}ذهبت الى المدرسه{QURAN_CLOSE}",  # a quotation of the Quran
        f"{QURAN_OPEN}ذهبت الى\nالمدرسه{QURAN_CLOSE}",
        f"{QURAN_OPEN}ذهبت الى المدرسه",  # unclosed: to the end of the line
    ],
)
def test_reported_but_never_fixed(text: str) -> None:
    found = SpellChecker().check(text)
    assert found and all(f.severity is Severity.MISSPELLING for f in found)
    assert not any(f.confident or f.replacement for f in found)
    assert fixed(text) == text


def test_a_quotation_protects_only_itself() -> None:
    text = f"الى {QURAN_OPEN}الى{QURAN_CLOSE} الى\nالى"
    found = SpellChecker().check(text)
    assert [f.confident for f in found] == [True, False, True, True]


@pytest.mark.parametrize(
    "text",
    [
        "ذهبت الى المدرسه وقرأت هاذا الكتاب",
        "هَاذَا الكِتَابُ لاكن الَى المدرسه",
        "لاداعى لايخافون فيالبيت وبالمدرسه",
        f"ال{ZWNJ}مدرسه ه{ZWNJ}اذا المدرس{TATWEEL}ه",
        "إستخدام الإجتماعية التى الذى",
    ],
)
def test_fixes_are_stable(text: str) -> None:
    """Checking the fixed text reports nothing where a fix was made."""
    checker = SpellChecker()
    found = checker.check(text)
    replacements = confident_replacements(found)
    assert replacements
    after = apply(text, replacements)
    shift = 0
    fixed_spans = []
    for r in sorted(replacements, key=lambda r: r.offset):
        fixed_spans.append((r.offset + shift, r.offset + shift + len(r.new)))
        shift += len(r.new) - len(r.old)
    for f in checker.check(after):
        assert not any(start <= f.offset < end for start, end in fixed_spans), f


def test_a_very_long_word_is_reported_without_suggestions() -> None:
    word = "كتب" * 3334  # 10,002 letters
    (finding,) = SpellChecker().check(f"قرأ {word} أمس")
    assert finding.word == word and finding.suggestions == () and not finding.confident
    assert SpellChecker().suggest(word) == []


def test_a_long_word_never_builds_a_deletion_set(monkeypatch: pytest.MonkeyPatch) -> None:
    """The two-letter deletions of a word grow with the square of its length."""
    searched: list[int] = []
    real = candidates.deletions

    def deletions(text: str, depth: int) -> set[str]:
        searched.append(len(text))
        assert len(text) <= candidates.MAX_SEARCH_LENGTH, len(text)
        return real(text, depth)

    monkeypatch.setattr(candidates, "deletions", deletions)
    checker = SpellChecker()
    for length in (21, 50, 1000):
        (finding,) = checker.check("ب" + "ت" * (length - 1))
        assert finding.suggestions == ()
    assert checker.check("المدرسه")[0].best == "المدرسة" and searched


def test_a_ten_thousand_word_line() -> None:
    words = ["ذهبت", "الى", "المدرسه", "كتاب", "هاذا", "والطلاب"] * 1667
    found = SpellChecker().check(" ".join(words))
    assert len(found) == 3 * 1667


VOWELS = "\N{ARABIC FATHA}\N{ARABIC DAMMA}\N{ARABIC KASRA}\N{ARABIC SHADDA}\N{ARABIC SUKUN}"
POOL = [
    "الى", "المدرسه", "هاذا", "إستخدام", "لاكن", "التى", "فيالبيت", "لاداعى", "وبايثون",
    "لايخافون", "الاجتماعيه", "هذة", "كتاب", "ذهبت", "مسؤولية", "اكثر", "ان",
]  # fmt: skip


@st.composite
def written(draw: st.DrawFn) -> str:
    """A word of the pool with marks, tatweel and ZWNJ after some of its letters."""
    word = draw(st.sampled_from(POOL))
    out = []
    for index, letter in enumerate(word):
        out.append(letter)
        extra = draw(st.sampled_from(["", "", "", *VOWELS, TATWEEL, ZWNJ]))
        if extra != ZWNJ or index < len(word) - 1:  # a ZWNJ only between letters
            out.append(extra)
    return "".join(out)


@settings(max_examples=150, deadline=None)
@given(st.lists(written(), min_size=1, max_size=6))
def test_fixes_keep_marks_and_are_stable(words: list[str]) -> None:
    """Whatever marks a text carries: a fix keeps every vowel mark and ZWNJ of the word
    it corrects, and checking the fixed text flags nothing where a fix was made."""
    text = " ".join(words)
    checker = SpellChecker()
    replacements = confident_replacements(checker.check(text))
    for r in replacements:
        for kept in (*VOWELS, ZWNJ):
            assert r.new.count(kept) == r.old.count(kept), (r.old, r.new)
    after = apply(text, replacements)
    shift, fixed_spans = 0, []
    for r in sorted(replacements, key=lambda r: r.offset):
        fixed_spans.append((r.offset + shift, r.offset + shift + len(r.new)))
        shift += len(r.new) - len(r.old)
    for f in checker.check(after):
        assert not any(start <= f.offset < end for start, end in fixed_spans), (text, f)


def test_the_cli_leaves_the_mushaf_alone(run_cli: RunCli, isolated: Path) -> None:
    """The issue's commands: -l quran finds nothing, and --diff (msa) rewrites no line."""
    (isolated / "quran.txt").write_text("\n".join(uthmani()) + "\n", encoding="utf-8")
    assert run_cli(["check", "-q", "-l", "quran", "quran.txt"]).code == 0
    diff = run_cli(["check", "-q", "--diff", "quran.txt"])
    assert diff.code == 1 and diff.stdout == ""

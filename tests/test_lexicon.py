"""Stage 2: clitic-aware membership over the shipped lexicons, and the compiled cache."""

from __future__ import annotations

from pathlib import Path

import pytest

import lialia.lexicon as lexicon_module
from lialia.errors import DictionaryFormatError, UnknownLexiconError
from lialia.lexicon import (
    CompiledLexicon,
    Lexicon,
    Segmentation,
    Status,
    Strictness,
    compiled,
    data_path,
    read_wordlist,
)


@pytest.fixture(scope="module")
def msa() -> Lexicon:
    return Lexicon(("msa",))


@pytest.mark.parametrize(
    "word",
    [
        "المدرسة",
        "وبالمدرسة",  # و + ب + ال + stem
        "مدرستهم",  # ة -> ت before an enclitic
        "فسيكتبونها",
        "للطلاب",  # ل + ال -> لل
        "وللمدرسة",
        "كتابك",
        "إلى",
    ],
)
def test_valid_with_clitics(msa: Lexicon, word: str) -> None:
    assert msa.analyze(word).status is Status.VALID


@pytest.mark.parametrize(
    ("word", "status", "preferred"),
    [
        ("الى", Status.KNOWN, "إلى"),
        ("المدرسه", Status.KNOWN, "المدرسة"),  # the list's verdict beats مدرسه = مدرس + ه
        ("اكثر", Status.PROBABLE, "أكثر"),
    ],
)
def test_the_lists_judge_exact_forms(
    msa: Lexicon, word: str, status: Status, preferred: str
) -> None:
    analysis = msa.analyze(word)
    assert (analysis.status, analysis.preferred, analysis.exact) == (status, preferred, True)


@pytest.mark.parametrize(
    "word",
    [
        "بالمدرسه",  # ب + ال + مدرسه: the stem already carries an enclitic
        "المدرسهم",  # the article and an enclitic never meet
        "فيالبيت",
        "مدرسةهم",  # ة is not written before an enclitic
    ],
)
def test_clitics_do_not_excuse_misspellings(msa: Lexicon, word: str) -> None:
    assert msa.analyze(word).status is not Status.VALID


@pytest.mark.parametrize(
    "word",
    [
        "بللمدرسة",  # ب + ل + ال: two prepositions
        "بلمدرسة",  # ب + لمدرسة, the article's alef left out
        "وبلمدرسة",
        "الالكتاب",  # the article twice
        "اللمدرسة",  # the article before a preposition
        "سكتاب",  # the future س before a noun
        "فسمدرسة",
    ],
)
def test_clitics_do_not_stack(msa: Lexicon, word: str) -> None:
    assert msa.analyze(word).status is Status.UNKNOWN


@pytest.mark.parametrize(
    "word",
    [
        "وبلسانها",  # لسان is a word of its own, not ل + سان
        "بلحمها",
        "سنكتبها",  # the future س before an imperfect verb
        "وسأكتب",
        "فسافعل",  # ... whose hamza is left out
        "باللبنانيين",
    ],
)
def test_clitics_before_words_that_begin_like_clitics(msa: Lexicon, word: str) -> None:
    assert msa.analyze(word).status is Status.VALID


def test_a_known_misspelling_inside_clitics_is_fixed_inside_them(msa: Lexicon) -> None:
    analysis = msa.analyze("والى")
    assert analysis.status is Status.VALID or analysis.preferred == "وإلى"


@pytest.mark.parametrize(
    ("seg", "stem", "expected"),
    [
        (Segmentation("وبال", "مدرسه", "", True), "المدرسة", "وبالمدرسة"),
        (Segmentation("لل", "كتب", "", True), "الكتب", "للكتب"),
        (Segmentation("لل", "يل", "", True), "الليل", "لليل"),
        (Segmentation("", "مدرسه", "هم", False), "مدرسة", "مدرستهم"),
        (Segmentation("", "هدا", "ه", False), "هدى", "هداه"),
    ],
)
def test_attach_undoes_spelling_changes(seg: Segmentation, stem: str, expected: str) -> None:
    assert seg.attach(stem) == expected


def test_extra_words_are_words_with_clitics() -> None:
    lexicon = Lexicon(("msa",), extra_words=["لياليا", "  "])
    assert lexicon.analyze("لياليا").status is Status.VALID
    assert lexicon.analyze("وللياليا").status is Status.VALID


def test_quran_lexicon_knows_uthmani_forms_normalised() -> None:
    quran = Lexicon(("quran",))
    for word in ("الرحمن", "العالمين", "يؤمنون"):
        assert quran.analyze(word).status is Status.VALID


def test_unknown_lexicon_names_the_choices() -> None:
    with pytest.raises(UnknownLexiconError, match="'fusha'.*msa, quran"):
        Lexicon(("fusha",))


def test_compiled_lexicon_roundtrip(tmp_path: Path) -> None:
    built = CompiledLexicon.from_entries([("كتاب", 50), ("كتب", 20), ("أكثر", 9)])
    built.save(tmp_path)
    loaded = CompiledLexicon.load(tmp_path)
    assert loaded.freq("كتاب") == 50 and loaded.freq("مدرسة") == 0
    assert loaded.words_with_skeleton("اكثر") == [("أكثر", 9)]
    assert sorted(loaded.skeletons_with_delete("كتب")) == [("كتاب", 50)]


def test_the_cache_is_reused_and_rebuilt_when_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LIALIA_CACHE_DIR", str(tmp_path))
    compiled.cache_clear()
    try:
        expected = compiled("quran").freq("الرحمن")
        folders = list(tmp_path.glob("quran-*"))
        assert len(folders) == 1 and (folders[0] / "words.marisa").stat().st_size > 0
        # replace the file rather than overwrite it: the first trie still maps the old one
        damaged = folders[0] / "damaged"
        damaged.write_bytes(b"not a trie")
        damaged.replace(folders[0] / "words.marisa")
        compiled.cache_clear()
        assert compiled("quran").freq("الرحمن") == expected > 0
    finally:
        compiled.cache_clear()


def test_a_bad_header_is_reported_with_its_place(tmp_path: Path) -> None:
    path = tmp_path / "msa.tsv"
    path.write_text("word\t1\n", encoding="utf-8")
    with pytest.raises(DictionaryFormatError, match=r"msa.tsv:1: expected header"):
        list(read_wordlist(path, "msa", 2))


@pytest.mark.parametrize(
    ("word", "alone"),
    [
        ("ياقوم", Status.KNOWN),  # msa: a misspelling of يا قوم; the Quran writes it so
        ("آلله", Status.KNOWN),  # the imla'i spelling of ءَآللَّهُ ("is it God...?")
        ("إلي", Status.PROBABLE),  # msa: a rare twin of إلى; the Quran's "to me"
        ("علي", Status.PROBABLE),
    ],
)
def test_a_word_of_any_loaded_lexicon_is_valid(word: str, alone: Status) -> None:
    """msa's lists never override a word that another loaded lexicon accepts."""
    assert Lexicon(("msa",)).analyze(word).status is alone
    assert Lexicon(("msa", "quran")).analyze(word).status is Status.VALID
    assert Lexicon(("quran", "msa")).analyze(word).status is Status.VALID
    assert Lexicon(("msa",), extra_words=[word]).analyze(word).status is Status.VALID


@pytest.mark.parametrize(
    ("word", "correction"),
    [("الي", "إلى"), ("ءامنوا", "آمنوا"), ("القرءان", "القرآن"), ("بالقرءان", "بالقرآن")],
)
def test_an_uthmani_form_that_msa_calls_a_slip_stays_one(word: str, correction: str) -> None:
    """The quran lexicon holds the Uthmani spellings stripped of their marks (ٱلَّٰٓـِٔي
    gives الي): where msa knows such a form as a misspelling, loading quran beside msa
    does not make it a word of prose, nor a suggestion; the project may still accept it."""
    for names in (("msa", "quran"), ("quran", "msa")):
        lexicon = Lexicon(names)
        analysis = lexicon.analyze(word)
        assert (analysis.status, analysis.preferred) == (Status.KNOWN, correction)
        assert lexicon.valid_as_written([word]) == set()
        assert not lexicon.is_suggestible(word)
    assert Lexicon(("quran",)).analyze(word).status is Status.VALID
    assert Lexicon(("msa", "quran"), extra_words=[word]).analyze(word).status is Status.VALID


def test_an_uthmani_form_is_accepted_beside_msa_but_never_offered() -> None:
    """وءامنوا is right as written with the quran lexicon, but a writer of prose is never
    offered it (nor any form only the Uthmani spelling writes and msa lacks); a form msa
    has (العلمين) and the quran lexicon alone offer as before."""
    both = Lexicon(("msa", "quran"))
    assert both.analyze("وءامنوا").status is Status.VALID
    assert not both.is_suggestible("وءامنوا")
    assert both.is_suggestible("العلمين") and both.is_suggestible("آمنوا")
    assert Lexicon(("quran",)).is_suggestible("وءامنوا")
    assert Lexicon(("msa", "quran"), extra_words=["وءامنوا"]).is_suggestible("وءامنوا")


def test_lists_still_judge_words_no_lexicon_has() -> None:
    both = Lexicon(("msa", "quran"))
    assert both.analyze("الى").status is Status.KNOWN
    assert both.analyze("اكثر").status is Status.PROBABLE
    assert not both.is_suggestible("الى") and both.is_suggestible("ياقوم")
    assert not Lexicon(("msa",)).is_suggestible("ياقوم")


@pytest.mark.parametrize("set_after", [0, lexicon_module.SET_AFTER])
def test_is_suggestible_is_the_same_through_the_tries_and_the_set(
    set_after: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past :data:`SET_AFTER` questions the twin lists are asked as one set: the same
    answers as each list's trie (a lenient checker never offers انت either)."""
    monkeypatch.setattr(lexicon_module, "SET_AFTER", set_after)
    lenient = Lexicon(("msa",), strictness=Strictness.preset("lenient"))
    offered = {word: lenient.is_suggestible(word) for word in ("الى", "اكثر", "انت", "أنت", "إلى")}
    assert offered == {"الى": False, "اكثر": False, "انت": False, "أنت": True, "إلى": True}
    assert Lexicon(("msa",), extra_words=["اكثر"]).is_suggestible("اكثر")


def _segmentations_by_brute_force(word: str) -> list[Segmentation]:
    """Every proclitic against every enclitic, as the segmentations are defined."""
    found = []
    for prefix, article in lexicon_module.PROCLITICS:
        for suffix in lexicon_module.ENCLITICS:
            if not word.startswith(prefix) or not word.endswith(suffix):
                continue
            if (article and suffix) or not (prefix or suffix):
                continue
            stem = word[len(prefix) : len(word) - len(suffix)]
            if suffix and stem.endswith(("ة", "ى")):
                continue
            if len(stem) >= lexicon_module.MIN_STEM:
                found.append(Segmentation(prefix, stem, suffix, article))
    return found


@pytest.mark.parametrize(
    "word",
    ["وبالمدرسة", "فلللاعبين", "وكتابهما", "بها", "وهم", "كما", "فسيكتبونها", "لل", "ن", ""],
)
def test_segmentations_are_every_clitic_split_in_order(msa: Lexicon, word: str) -> None:
    """Only the clitics a word begins and ends with are tried: the same splits, in the
    same order, as trying every proclitic against every enclitic."""
    assert list(msa.segmentations(word)) == _segmentations_by_brute_force(word)


def test_in_quran_whatever_is_loaded(msa: Lexicon) -> None:
    assert msa.in_quran("ءامنوا") and msa.in_quran("العلمين") and not msa.in_quran("تويتر")


@pytest.mark.parametrize(
    ("word", "status", "preferred"),
    [
        # the second round's list rules, as the engine reads them
        ("شيئ", Status.KNOWN, "شيء"),
        ("لشيئ", Status.KNOWN, "لشيء"),
        ("ليسو", Status.KNOWN, "ليسوا"),
        ("الدي", Status.KNOWN, "الذي"),
        ("مسؤل", Status.KNOWN, "مسؤول"),
        ("اللذي", Status.KNOWN, "الذي"),
        ("ياقوم", Status.KNOWN, "يا قوم"),
        ("انهاء", Status.KNOWN, "إنهاء"),
        ("انا", Status.PROBABLE, "أنا"),
        ("انهم", Status.PROBABLE, "أنهم"),
        ("وانتم", Status.PROBABLE, "وأنتم"),
        ("اكتب", Status.VALID, None),
        ("افتح", Status.VALID, None),
        ("واستخدام", Status.VALID, None),
        ("لاسمه", Status.VALID, None),
    ],
)
def test_second_round_rules(msa: Lexicon, word: str, status: Status, preferred: str | None) -> None:
    analysis = msa.analyze(word)
    assert (analysis.status, analysis.preferred) == (status, preferred)


@pytest.mark.parametrize(
    ("names", "extra"),
    [(("msa",), ()), (("msa", "quran"), ()), (("quran",), ()), (("msa",), ("اكثر", "لياليا"))],
)
@pytest.mark.parametrize("set_after", [0, lexicon_module.SET_AFTER])
def test_valid_as_written_is_analyze_valid_on_the_exact_form(
    names: tuple[str, ...],
    extra: tuple[str, ...],
    set_after: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The batch look-up of the hot path agrees with :meth:`Lexicon.analyze` word by word,
    whether the probable list is asked through its trie or a set of its keys."""
    monkeypatch.setattr(lexicon_module, "SET_AFTER", set_after)
    lexicon = Lexicon(names, extra)
    words = [
        "المدرسة", "المدرسه", "وبالمدرسة", "وبمدرستهم", "اكثر", "أكثر", "الى", "إلى",
        "ياقوم", "ءامنوا", "العالمين", "لياليا", "هاذا", "في", "ب", "لاكن", "كتاب",
    ]  # fmt: skip
    found = lexicon.valid_as_written(words)
    expected = {
        word
        for word in words
        if (analysis := lexicon.analyze(word)).status is Status.VALID and analysis.exact
    }
    assert found == expected
    assert found  # and not empty: some words are valid as written in every setting


@pytest.mark.parametrize("name", ["msa", "quran"])
def test_every_shipped_word_has_a_frequency(name: str) -> None:
    """Membership stands for a frequency above zero (Lexicon.valid_as_written)."""
    assert all(int(freq) > 0 for _word, freq in read_wordlist(data_path(f"{name}.tsv"), name, 2))

"""Keyword search in the Quran (issue 10): the shipped text, its compiled index, the
search engine (clitics, corrections, loose and exact matching, phrases), and the
``lialia search`` and ``--stream`` front ends."""

from __future__ import annotations

import doctest
import importlib.util
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import serving

from lialia import quran
from lialia.normalize import normalize
from lialia.quran import Reason, quran_index, search

RunCli = Callable[..., Any]  # the run_cli fixture of conftest.py

REPO = Path(__file__).resolve().parent.parent
INDEX_TSV = REPO / "dictionaries" / "quran-index.tsv"
MADDAH = "\N{ARABIC MADDAH ABOVE}"
TATWEEL = "\N{ARABIC TATWEEL}"
FATHA = "\N{ARABIC FATHA}"
SHADDA = "\N{ARABIC SHADDA}"
SUKUN = "\N{ARABIC SUKUN}"


# --- the shipped text -----------------------------------------------------------------


@cache
def rows() -> tuple[tuple[int, int, int, str, str], ...]:
    """The shipped text, read as plainly as possible: no lialia code involved."""
    lines = INDEX_TSV.read_text(encoding="utf-8").split("\n")
    assert lines[0] == "#lialia-wordlist v1 quran-index" and lines[-1] == ""
    out = []
    for line in lines[1:-1]:
        surah, ayah, position, uthmani, imlai = line.split("\t")
        out.append((int(surah), int(ayah), int(position), uthmani, imlai))
    return tuple(out)


def test_the_text_has_every_word_surah_and_ayah() -> None:
    words = rows()
    assert len(words) == 77432
    assert len({(s, a) for s, a, *_ in words}) == 6236
    assert [s for s, a, p, *_ in words if a == 1 and p == 1] == list(range(1, 115))
    # positions count the words of each ayah from 1, without a gap
    previous = (0, 0, 0)
    for surah, ayah, position, uthmani, _ in words:
        expected = previous[2] + 1 if (surah, ayah) == previous[:2] else 1
        assert position == expected, (surah, ayah, position)
        assert uthmani and " " not in uthmani
        previous = (surah, ayah, position)
    assert words[-1][:3] == (114, 6, 3)


def load_script() -> object:
    path = REPO / "scripts" / "build_quran_index.py"
    spec = importlib.util.spec_from_file_location("build_quran_index", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_shipped_text_is_current(tmp_path: Path) -> None:
    """Rebuilt from quran-text, the file is byte for byte the one shipped."""
    pytest.importorskip("quran_text")
    script = load_script()
    assert script.main(["--out", str(tmp_path)]) == 0  # type: ignore[attr-defined]
    rebuilt = (tmp_path / "quran-index.tsv").read_bytes()
    assert rebuilt == INDEX_TSV.read_bytes(), "quran-index.tsv is stale: run the script"


def test_the_shipped_text_is_packaged() -> None:
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '"lialia.dictionaries" = ["*.tsv"' in pyproject
    assert quran.data_path(quran.SOURCE) == INDEX_TSV


# --- the index --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("surah", "ayah", "imlai", "first_uthmani"),
    [
        (1, 1, "بسم الله الرحمن الرحيم", "بِسۡمِ"),
        (1, 2, "الحمد لله رب العالمين", "ٱلۡحَمۡدُ"),
        (112, 1, "قل هو الله أحد", "قُلۡ"),
        (114, 6, "من الجنة والناس", "مِنَ"),
    ],
)
def test_ayah_text(surah: int, ayah: int, imlai: str, first_uthmani: str) -> None:
    found = quran.quran_index().ayah(surah, ayah)
    assert found is not None
    assert found.imlai == imlai
    assert found.uthmani_words[0] == first_uthmani
    assert found.uthmani == " ".join(w for s, a, _, w, _ in rows() if (s, a) == (surah, ayah))


@pytest.mark.parametrize(("surah", "ayah"), [(0, 1), (1, 0), (1, 8), (2, 287), (115, 1)])
def test_no_such_ayah(surah: int, ayah: int) -> None:
    assert quran.quran_index().ayah(surah, ayah) is None


def scan(keyword: str) -> list[tuple[int, int, int]]:
    """Where a word occurs, by a plain pass over the text: its Uthmani spelling (the
    madd sign kept or dropped) or a word of its imla'i spelling normalises to it."""
    found = []
    for surah, ayah, position, uthmani, imlai in rows():
        spellings = [uthmani, uthmani.replace(MADDAH, ""), *imlai.split()]
        if any(normalize(spelling) == keyword for spelling in spellings):
            found.append((surah, ayah, position))
    return found


EXACT_KEYWORDS = [
    "الله",
    "الرحمن",
    "كتاب",
    "الكتاب",
    "صراط",
    "يؤمنون",
    "مستقيم",
    "العالمين",
    "العلمين",
    "الصلوة",
    "آمنوا",
    "ءامنوا",
    "أيمان",
    "لله",
    "والناس",
    "أو",
    "ياقوم",
]


@pytest.mark.parametrize("keyword", EXACT_KEYWORDS)
def test_exact_search_agrees_with_a_plain_scan(keyword: str) -> None:
    expected = scan(keyword)
    assert expected, keyword  # every keyword of the table is in the Quran
    result = search(keyword, exact=True)[0]
    assert result.reason is Reason.FOUND and result.correction is None
    assert [(o.surah, o.ayah, o.position) for o in result.occurrences] == expected
    assert result.count == len(expected)
    # each occurrence carries the word as the text writes it
    text = {(s, a, p): (u, i) for s, a, p, u, i in rows()}
    for occurrence in result.occurrences:
        place = (occurrence.surah, occurrence.ayah, occurrence.position)
        assert (occurrence.uthmani, occurrence.imlai) == text[place]


@pytest.mark.parametrize("keyword", ["كتاب", "صراط", "رحمة", "الكتاب", "مستقيم", "لله"])
def test_a_search_finds_the_clitic_forms_too(keyword: str) -> None:
    exact = search(keyword, exact=True)[0]
    wide = search(keyword)[0]
    assert set(exact.occurrences) < set(wide.occurrences)
    assert wide.reason is Reason.FOUND


@pytest.mark.parametrize(
    ("keyword", "forms"),
    [
        ("كتاب", {"الكتاب", "بكتاب", "كتابه", "والكتاب", "وكتاب", "كتابهم"}),
        ("الكتاب", {"الكتاب", "بالكتاب", "والكتاب"}),
        ("رحمة", {"رحمة", "رحمته", "برحمتك", "ورحمة", "الرحمة"}),
        ("صراط", {"الصراط", "صراطي"}),
    ],
)
def test_clitic_forms_found(keyword: str, forms: set[str]) -> None:
    found = {normalize(o.imlai) for o in search(keyword)[0].occurrences}
    assert forms <= found
    # never a different word: each one found holds the keyword's stem
    stem = keyword.removeprefix("ال").removesuffix("ة")
    assert all(stem in form for form in found), found - {f for f in found if stem in f}


@pytest.mark.parametrize(
    "keyword",
    [
        "الرَّحْمَٰنِ",  # vocalised, with a superscript alef
        "ٱلرَّحۡمَٰنِ",  # as the muṣḥaf writes it
        f"الرحـ{TATWEEL}ـمن",  # stretched
        " الرحمن ",
    ],
)
def test_marks_and_tatweel_are_ignored(keyword: str) -> None:
    result = search(keyword, exact=True)[0]
    assert result.reason is Reason.FOUND and result.normalized == "الرحمن"
    assert result.count == len(scan("الرحمن"))


@pytest.mark.parametrize(
    ("keyword", "correct", "correction", "count_of"),
    [
        # a spelling lialia accepts (a name in the news) that the muṣḥaf writes otherwise
        ("الرحمان", True, "الرحمن", "الرحمن"),
        ("مستقييم", False, "مستقيم", None),  # a letter doubled
        ("يومنون", False, "يؤمنون", None),  # a hamza seat left out (probable in msa)
        ("اكثر", False, "أكثر", None),
        ("الصراط المستقييم", False, "الصراط المستقيم", None),
        # a common misspelling that an Uthmani spelling happens to match: الي is إلى
        # (434 places), not اللائي (ٱلَّٰٓـِٔي, 4); الأن is الآن (6), not only 72:9
        ("الي", False, "إلى", None),
        ("الأن", False, "الآن", None),
        ("ءامنوا", False, "آمنوا", None),  # 276 places, where the Uthmani form finds 270
    ],
)
def test_a_misspelt_keyword_is_searched_as_its_correction(
    keyword: str, correct: bool, correction: str, count_of: str | None
) -> None:
    result = search(keyword)[0]
    assert (result.correct, result.correction, result.reason) == (
        correct,
        correction,
        Reason.CORRECTED,
    )
    assert result.searched == correction
    assert result.count == search(correction)[0].count > 0
    if count_of is not None:
        assert search(keyword, exact=True)[0].count == len(scan(count_of))


@pytest.mark.parametrize(("keyword", "count"), [("آلله", 2), ("وادكر", 1), ("القرءان", 50)])
def test_a_spelling_of_the_mushaf_is_searched_as_written(keyword: str, count: int) -> None:
    """The Quran's own imla'i spellings that msa calls misspellings (آلله, ءَآللَّهُ:
    "is it God...?"; وادكر, وَٱدَّكَرَ) are found as written, never as the word msa would
    write (الله, واذكر); so is an Uthmani form that finds as much as its correction."""
    result = search(keyword)[0]
    assert (result.reason, result.correction, result.count) == (Reason.FOUND, None, count)


@pytest.mark.parametrize(("keyword", "count"), [("اللائي", 4), ("القرءان", 50), ("إلى", 434)])
def test_a_quranic_spelling_is_searched_as_written(keyword: str, count: int) -> None:
    """Only a known misspelling is read as another word: a word of the muṣḥaf in its
    imla'i spelling, or an Uthmani one that finds as much, is searched as written."""
    result = search(keyword)[0]
    assert (result.reason, result.correction, result.count) == (Reason.FOUND, None, count)


@pytest.mark.parametrize(
    ("keyword", "correct", "reason"),
    [
        ("حاسوب", True, Reason.NOT_FOUND),  # a word, not in the Quran: never حساب
        ("الكمبيوتر", True, Reason.NOT_FOUND),
        ("قلقلقلقل", False, Reason.NOT_FOUND),
        ("hello", False, Reason.NOT_ARABIC),
        ("كتاب123", False, Reason.NOT_ARABIC),
        ("كتاب hello", False, Reason.NOT_ARABIC),
        ("**كتاب**", False, Reason.NOT_ARABIC),
        ("", False, Reason.EMPTY),
        ("   ", False, Reason.EMPTY),
        ('""', False, Reason.EMPTY),
        ("\N{ARABIC QUESTION MARK}", False, Reason.NOT_ARABIC),  # punctuation alone
        ('"."', False, Reason.NOT_ARABIC),
    ],
)
def test_keywords_not_found(keyword: str, correct: bool, reason: Reason) -> None:
    result = search(keyword)[0]
    assert (result.correct, result.reason, result.count, result.occurrences) == (
        correct,
        reason,
        0,
        (),
    )
    assert result.correction is None and not result.found


@pytest.mark.parametrize(
    ("keyword", "plain", "loose"),
    [
        ("ايمان", "إيمان", {"أيمان"}),  # إيمان itself only with clitics: الإيمان
        ("اكثر", "أكثر", {"أكثر"}),
        ("الاخرة", "الآخرة", {"الآخرة"}),
        ("الاخره", "الآخرة", {"الآخرة"}),
    ],
)
def test_loose_takes_hamza_and_alef_forms_as_one_letter(
    keyword: str, plain: str, loose: set[str]
) -> None:
    strict = search(keyword)[0]
    assert strict.correction == plain
    folded = search(keyword, loose=True)[0]
    assert folded.reason is Reason.FOUND and folded.correction is None
    assert set(strict.occurrences) <= set(folded.occurrences)
    bare = {normalize(o.imlai) for o in search(keyword, loose=True, exact=True)[0].occurrences}
    assert bare == loose


@pytest.mark.parametrize(
    ("keyword", "count", "first"),
    [
        ('"بسم الله"', 3, (1, 1, 1)),
        ("«بسم الله»", 3, (1, 1, 1)),
        ("«رب العالمين»", 42, (1, 2, 3)),
        ("«العالمين رب»", 0, None),  # quoted: in that order, side by side
        ("العالمين رب", 43, (1, 2, 4)),  # unquoted: anywhere in one ayah (at its first word)
        ("«الله الرحمن الرحيم»", 2, (1, 1, 2)),
        ("قل هو الله أحد", 1, (112, 1, 1)),
        # two words the muṣḥaf writes as one: يا is never a word of its own there
        ("«يا أيها الناس»", 20, (2, 21, 1)),
        ("«يا قوم»", 49, (2, 54, 5)),
        # one muṣḥaf word whose imla'i spelling is two: أولم is written أو لم
        ("«أو لم يروا»", 12, (13, 41, 1)),
    ],
)
def test_phrases(keyword: str, count: int, first: tuple[int, int, int] | None) -> None:
    result = search(keyword)[0]
    assert result.count == count
    if first is None:
        assert result.reason is Reason.NOT_FOUND
        return
    occurrence = result.occurrences[0]
    assert (occurrence.surah, occurrence.ayah, occurrence.position) == first
    # the occurrence holds each word of the phrase
    for word in result.normalized.split():
        assert word in normalize(occurrence.imlai) or word in normalize(occurrence.uthmani)
    assert result.correction is None and result.reason is Reason.FOUND


def test_an_ordered_phrase_gives_the_words_it_spans() -> None:
    occurrence = search("«بسم الله»")[0].occurrences[0]
    assert occurrence.imlai == "بسم الله"
    assert occurrence.uthmani == " ".join(row[3] for row in rows()[:2])


def test_limit_and_ayah_text() -> None:
    whole = search("الرحمن")[0]
    cut = search("الرحمن", limit=2, ayah_text=True)[0]
    assert cut.count == whole.count and cut.occurrences[0].ayah_uthmani is not None
    assert [o.reference for o in cut.occurrences] == [o.reference for o in whole.occurrences[:2]]
    first = cut.occurrences[0]
    assert first.reference == "1:1:3"
    assert first.ayah_imlai == "بسم الله الرحمن الرحيم"
    assert first.uthmani in (first.ayah_uthmani or "")
    assert whole.occurrences[0].ayah_uthmani is None
    assert search("الرحمن", limit=0)[0].occurrences == ()
    with pytest.raises(ValueError, match="limit"):
        search("الرحمن", limit=-1)


def test_several_keywords_answer_in_order() -> None:
    keywords = ["كتاب", "", "hello", "الرحمان"]
    assert [r.keyword for r in search(keywords)] == keywords
    assert [r.keyword for r in search(iter(keywords))] == keywords


def test_the_public_api() -> None:
    import lialia

    result = lialia.search("مستقييم", limit=1)[0]
    assert result.correction == "مستقيم" and len(result.occurrences) == 1


def test_docstring_examples() -> None:
    outcome = doctest.testmod(quran, optionflags=doctest.ELLIPSIS)
    assert outcome.attempted > 0 and outcome.failed == 0


# --- where the index comes from -----------------------------------------------------------


def fresh_cache(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "LIALIA_CACHE_DIR": str(tmp_path / "cache")}


def test_search_needs_only_the_shipped_file(tmp_path: Path) -> None:
    """quran-text is a build and test extra: with it gone, the index is compiled from
    the shipped text into a fresh cache, and later processes map it."""
    code = (
        "import sys; sys.modules['quran_text'] = None\n"
        "from lialia.quran import quran_index\n"
        "index = quran_index()\n"
        "print(len(index.places('يؤمنون', exact=True)), index.ayah(2, 3).imlai_words[1])\n"
    )
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-c", code],
            env=fresh_cache(tmp_path),
            capture_output=True,
            text=True,
            check=True,
        )
        assert done.stdout == f"{len(scan('يؤمنون'))} يؤمنون\n"
    folders = list((tmp_path / "cache").glob("quran-index-*"))
    assert len(folders) == 1
    assert sorted(p.name for p in folders[0].iterdir()) == sorted(
        [*quran.QuranIndex.FILES, "manifest"]
    )


def test_a_damaged_index_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIALIA_CACHE_DIR", str(tmp_path / "cache"))
    quran.quran_index.cache_clear()
    try:
        assert quran.quran_index().ayah(1, 1) is not None
        (folder,) = (tmp_path / "cache").glob("quran-index-*")
        target = folder / "occurrences.marisa"
        data = bytearray(target.read_bytes())
        data[len(data) // 2] ^= 0xFF
        target.write_bytes(bytes(data))
        quran.quran_index.cache_clear()
        assert search("الرحمن", exact=True)[0].count == len(scan("الرحمن"))
    finally:
        quran.quran_index.cache_clear()


# --- lialia search --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "lines", "code"),
    [
        (
            ["search", "-n", "2", "كتاب"],
            ["كتاب: 241 occurrences: 2:2:2 الكتاب, 2:44:8 الكتاب (+239 more)"],
            0,
        ),
        (
            ["search", "-n", "1", "الرحمان", "حاسوب"],
            ["الرحمان -> الرحمن: 57 occurrences: 1:1:3 الرحمن (+56 more)", "حاسوب: not found"],
            1,
        ),
        (
            ["search", "--exact", "-n", "1", "كتاب"],
            ["كتاب: 47 occurrences: 2:89:3 كتاب (+46 more)"],
            0,
        ),
        (
            ["search", "-n", "1", "اكثر"],
            ["اكثر -> أكثر: 80 occurrences: 2:100:8 أكثرهم (+79 more)"],
            1,
        ),
        (
            ["search", "--loose", "-n", "1", "اكثر"],
            ["اكثر: 80 occurrences: 2:100:8 أكثرهم (+79 more)"],
            0,
        ),
        (
            ["search", "-n", "0", "«قل هو الله أحد»"],
            ["«قل هو الله أحد»: 1 occurrence: 112:1:1 قل هو الله أحد"],
            0,
        ),
        (["search", "hello", "١٢٣"], ["hello: not Arabic", "١٢٣: not Arabic"], 1),
        (["search", "«العالمين رب»"], ["«العالمين رب»: not found"], 1),
    ],
)
def test_search_command(run_cli: RunCli, args: list[str], lines: list[str], code: int) -> None:
    result = run_cli(args)
    assert (result.stdout.splitlines(), result.code) == (lines, code)
    assert result.stderr == ""


def test_search_stdin_answers_every_line(run_cli: RunCli) -> None:
    stdin = "كتاب\n\nhello\nمستقييم\n   \n12\n"
    result = run_cli(["search", "-n", "1", "-"], input=stdin)
    assert result.stdout.splitlines() == [
        "كتاب: 241 occurrences: 2:2:2 الكتاب (+240 more)",
        ": empty",
        "hello: not Arabic",
        "مستقييم -> مستقيم: 31 occurrences: 1:6:3 المستقيم (+30 more)",
        ": empty",
        "12: not Arabic",
    ]
    assert result.code == 1


def test_search_json(run_cli: RunCli) -> None:
    import json

    result = run_cli(["search", "-f", "json", "-n", "1", "--ayah-text", "-"], input="يومنون\n\n")
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first == {
        "keyword": "يومنون",
        "normalized": "يومنون",
        "correct": False,
        "correction": "يؤمنون",
        "reason": "corrected",
        "count": 87,
        "occurrences": [
            {
                "surah": 2,
                "ayah": 3,
                "position": 2,
                "uthmani": rows()[next(i for i, r in enumerate(rows()) if r[:3] == (2, 3, 2))][3],
                "imlai": "يؤمنون",
                "ayah_uthmani": quran.quran_index().ayah(2, 3).uthmani,  # type: ignore[union-attr]
                "ayah_imlai": "الذين يؤمنون بالغيب ويقيمون الصلاة ومما رزقناهم ينفقون",
            }
        ],
    }
    assert second["reason"] == "empty" and second["occurrences"] == []
    assert result.code == 1


def test_ayah_text_lines(run_cli: RunCli) -> None:
    result = run_cli(["search", "-n", "1", "--ayah-text", "«قل هو الله أحد»"])
    head, text = result.stdout.splitlines()
    assert head == "«قل هو الله أحد»: 1 occurrence: 112:1:1 قل هو الله أحد"
    assert text == "  112:1 " + quran.quran_index().ayah(112, 1).uthmani  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["search"], None, "give keywords"),
        (["search", "--format", "sarif", "كتاب"], None, "text or json"),
        (["search", "--limit", "-1", "كتاب"], None, "--limit"),
        (["search", "--stream", "كتاب"], "", "give no keywords"),
        (["suggest", "--stream", "كتاب"], "", "give no words"),
        (["search", "-"], b"\xff\xfe\xfa", "not valid UTF-8 at byte 0"),
    ],
)
def test_search_usage_and_input_errors(
    run_cli: RunCli, args: list[str], stdin: str | bytes | None, message: str
) -> None:
    result = run_cli(args, input=stdin)
    assert result.code == 2
    assert message in result.stderr


def test_stream_in_process(run_cli: RunCli) -> None:
    stdin = 'الرحمن\n\n{"q": "يومنون", "limit": 1}\n{"q": 3}\n{"q": "كتاب", "exact": true}\n'
    result = run_cli(["search", "--stream", "-n", "1"], input=stdin)
    assert result.stdout.splitlines() == [
        "الرحمن: 57 occurrences: 1:1:3 الرحمن (+56 more)",
        ": empty",
        "يؤمنون".join(["يومنون -> ", ": 87 occurrences: 2:3:2 ", " (+86 more)"]),
        'lialia: error: line 4: a JSON request needs "q": a string',
        "كتاب: 47 occurrences: 2:89:3 كتاب (+46 more)",
    ]
    assert result.code == 2  # a line it could not read
    # - names stdin, which --stream reads anyway
    dashed = run_cli(["search", "--stream", "-n", "1", "-"], input=stdin)
    assert (dashed.stdout, dashed.code) == (result.stdout, 2)
    assert run_cli(["suggest", "--stream", "-"], input="كتاب\n").stdout == "كتاب: ok\n"


def test_suggest_stream_takes_a_lines_limit(run_cli: RunCli) -> None:
    """A JSON line's "limit" sets that line's suggestions, as /suggest?limit= does; 0
    and a line without one keep the command's --limit; other keys are left alone."""
    stdin = '{"q": "الى", "limit": 1}\n{"q": "الى", "limit": 0}\nالى\n{"q": "الى", "id": 7}\n'
    answers = run_cli(["suggest", "--stream", "-n", "3"], input=stdin).stdout.splitlines()
    assert [len(line.split(", ")) for line in answers] == [1, 3, 3, 3]
    assert answers[0] == "الى -> إلى"


@pytest.mark.parametrize(
    ("line", "error"),
    [
        ("{nope", "not a JSON object"),
        ('{"q": "كتاب", "loose": 1}', '"loose" must be true or false'),
        ('{"q": "كتاب", "limit": -2}', '"limit" must be a whole number'),
        ('{"q": "كتاب", "limit": true}', '"limit" must be a whole number'),
        # a q of two lines would answer on two; half a surrogate pair cannot be printed
        # (it ended the whole stream with an internal error)
        ('{"q": "الى\\nكتاب"}', '"q" must be one line'),
        ('{"q": "الى\\u2028كتاب"}', '"q" must be one line'),
        ('{"q": "\\ud800"}', '"q" holds half a surrogate pair'),
        ("[1]", None),  # not an object: read as a keyword (not Arabic)
    ],
)
@pytest.mark.parametrize("command", ["search", "suggest"])
@pytest.mark.parametrize("fmt", ["json", "text"])
def test_stream_bad_requests_get_an_answer(
    run_cli: RunCli, line: str, error: str | None, command: str, fmt: str
) -> None:
    """Each line gets one answer line, and the stream goes on after a bad one."""
    import json

    result = run_cli([command, "--stream", "-f", fmt], input=line + "\nكتاب\n")
    answers = result.stdout.splitlines()
    assert len(answers) == 2 and "كتاب" in answers[1]
    if fmt == "text":
        return
    answer = json.loads(answers[0])
    if error is None:
        assert answer["reason"] == "not Arabic" and result.code == 1
    else:
        assert answer["line"] == 1 and error in answer["error"] and result.code == 2


def test_every_line_of_stdin_gets_one_answer(run_cli: RunCli) -> None:
    """suggest - and search -: only \\n ends a line (\\f, U+2028, U+0085 inside a line
    gave more answers than lines)."""
    text = "الى\x0cكتاب\nهاذا\u2028بيت\nكتاب\x85\r\n"
    for command in ("suggest", "search"):
        assert len(run_cli([command, "-"], input=text).stdout.split("\n")) == 3 + 1


class Session:
    """A ``lialia`` process in stream mode, driven one line at a time."""

    def __init__(self, args: list[str]) -> None:
        import queue
        import threading

        command = Path(sys.executable).with_name("lialia")
        self.process = subprocess.Popen(
            [str(command), *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.lines: queue.Queue[bytes] = queue.Queue()
        assert self.process.stdout is not None
        stdout = self.process.stdout
        self.reader = threading.Thread(target=lambda: [self.lines.put(x) for x in stdout])
        self.reader.start()
        self.stderr = b""

    def ask(self, line: str) -> str:
        assert self.process.stdin is not None
        self.process.stdin.write(line.encode("utf-8") + b"\n")
        self.process.stdin.flush()
        # the answer comes while stdin is still open: nothing waits for the end of input
        return self.lines.get(timeout=120).decode("utf-8").rstrip("\n")

    def close(self) -> int:
        """Close stdin, as an app does when it is done, and return the exit code."""
        assert self.process.stdin and self.process.stdout and self.process.stderr
        self.process.stdin.close()
        code = self.process.wait(timeout=120)
        self.reader.join(timeout=120)
        self.process.stdout.close()
        self.stderr = self.process.stderr.read()
        self.process.stderr.close()
        return code


def test_search_stream_answers_each_line_at_once() -> None:
    import json

    session = Session(["search", "--stream", "-f", "json", "-n", "1"])
    try:
        first = json.loads(session.ask("مستقييم"))
        assert (first["correction"], first["count"]) == ("مستقيم", 31)
        assert json.loads(session.ask(""))["reason"] == "empty"
        loose = json.loads(session.ask('{"q": "اكثر", "loose": true}'))
        assert (loose["reason"], loose["correction"]) == ("found", None)
        assert json.loads(session.ask("hello"))["reason"] == "not Arabic"
    finally:
        code = session.close()
    assert code == 1


def test_suggest_stream_answers_each_line_at_once() -> None:
    session = Session(["suggest", "--stream", "--limit", "2"])
    try:
        assert session.ask("الى") == "الى -> إلى, على"
        assert session.ask('{"q": "كتاب"}') == "كتاب: ok"
        assert session.ask("") == ": empty"
    finally:
        code = session.close()
    assert code == 1
    session = Session(["suggest", "--stream"])
    assert session.ask("كتاب") == "كتاب: ok"
    assert session.close() == 0


def test_the_readme_shows_search_and_stream() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## For app developers", 1)[1].split("\n## ", 1)[0]
    for shown in [
        "$ lialia search ",
        "search --exact",
        "search --loose",
        "--ayah-text",
        "search --format json",
        "lialia search -n 1 -",
        "suggest --stream",
        "search --stream",
        ">>> import lialia",
    ]:
        assert shown in section, shown


# --- lialia serve ------------------------------------------------------------------------


class Client:
    """A real lialia service (uvicorn in a thread, on a free port of 127.0.0.1),
    asked with the standard library's HTTP client."""

    def __init__(self, base: str) -> None:
        self.base = base

    def request(
        self,
        method: str,
        path: str,
        params: dict[str, str] | None = None,
        json: object = None,
        content: bytes | None = None,
    ) -> tuple[int, Any]:
        import json as jsonlib
        import urllib.error
        import urllib.parse
        import urllib.request

        url = self.base + path + ("?" + urllib.parse.urlencode(params) if params else "")
        if json is not None:
            content = jsonlib.dumps(json).encode("utf-8")
        request = urllib.request.Request(url, data=content, method=method.upper())
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:
                return answer.status, jsonlib.loads(answer.read())
        except urllib.error.HTTPError as e:
            with e:
                body = e.read()
            return e.code, jsonlib.loads(body) if body.startswith(b"{") else body

    def get(self, path: str, **kwargs: Any) -> tuple[int, Any]:
        return self.request("get", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> tuple[int, Any]:
        return self.request("post", path, **kwargs)


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with serving.in_thread() as port:
        yield Client(f"http://127.0.0.1:{port}")


def test_serve_health(client: Client) -> None:
    import lialia

    assert client.get("/health") == (200, {"status": "ok", "version": lialia.__version__})


def test_serve_get_suggest_and_search(client: Client) -> None:
    assert client.get("/suggest", params={"q": "الى", "limit": "2"}) == (
        200,
        {
            "word": "الى",
            "normalized": "الى",
            "correct": False,
            "severity": "misspelling",
            "reason": "known misspelling",
            "suggestions": ["إلى", "على"],
        },
    )
    status, found = client.get("/search", params={"q": "مستقييم", "limit": "1", "ayah_text": "1"})
    assert status == 200
    assert found == search("مستقييم", limit=1, ayah_text=True)[0].as_dict()
    assert found["occurrences"][0]["ayah_imlai"] == "اهدنا الصراط المستقيم"
    _, loose = client.get("/search", params={"q": "اكثر", "loose": "true", "limit": "0"})
    assert loose["reason"] == "found" and len(loose["occurrences"]) == loose["count"] == 80


def test_serve_batches(client: Client) -> None:
    status, answer = client.post(
        "/search", json={"q": ["كتاب", "", "hello", "«بسم الله»"], "limit": 1}
    )
    assert status == 200
    results = answer["results"]
    assert [r["reason"] for r in results] == ["found", "empty", "not Arabic", "found"]
    assert [len(r["occurrences"]) for r in results] == [1, 0, 0, 1]
    _, answer = client.post("/suggest", json={"q": ["كتاب", "هاذا"], "limit": 1})
    assert [r["suggestions"] for r in answer["results"]] == [[], ["هذا"]]


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status", "error"),
    [
        ("get", "/search", {}, 400, "give q"),
        ("get", "/suggest", {}, 400, "give q"),
        ("get", "/search", {"params": {"q": "ك" * 201}}, 413, "at most 200 characters"),
        ("get", "/search", {"params": {"q": "كتاب", "limit": "x"}}, 400, "limit"),
        ("get", "/search", {"params": {"q": "كتاب", "limit": "-1"}}, 400, "limit"),
        ("get", "/search", {"params": {"q": "كتاب", "limit": "99999"}}, 400, "at most"),
        ("get", "/search", {"params": {"q": "كتاب", "loose": "maybe"}}, 400, "true or false"),
        ("post", "/search", {"content": b"{nope"}, 400, "JSON object"),
        ("post", "/search", {"content": b"\xff\xfe"}, 400, "UTF-8"),
        ("post", "/search", {"json": [1, 2]}, 400, "JSON object"),
        ("post", "/search", {"json": {"q": 3}}, 400, "list of strings"),
        ("post", "/search", {"json": {"q": [3]}}, 400, "must be a string"),
        ("post", "/search", {"json": {"q": ["كتاب"] * 1001}}, 413, "at most 1000"),
        # digits int() refuses (a 500 and a traceback), and more digits than it reads
        ("get", "/suggest", {"params": {"q": "الى", "limit": "\N{SUPERSCRIPT TWO}"}}, 400, "limit"),
        ("get", "/search", {"params": {"q": "كتاب", "limit": "\u2460"}}, 400, "limit"),
        ("get", "/search", {"params": {"q": "كتاب", "limit": "9" * 5000}}, 400, "at most"),
        ("post", "/suggest", {"json": {"q": ["الى"], "limit": "\u00b2"}}, 400, "limit"),
        # half a surrogate pair from a JSON escape: the answer could not be encoded (500)
        ("post", "/suggest", {"content": b'{"q": ["\\ud800"]}'}, 400, "surrogate"),
        ("post", "/search", {"content": b'{"q": "\\udfff"}'}, 400, "surrogate"),
        # a small request must not make a huge answer: every place of 1,000 common words
        (
            "post",
            "/search",
            {"json": {"q": ["في"] * 1000, "limit": 0, "ayah_text": True}},
            413,
            "more than 20000",
        ),
    ],
)
def test_serve_refuses_bad_input(
    client: Client, method: str, path: str, kwargs: dict[str, Any], status: int, error: str
) -> None:
    got, answer = getattr(client, method)(path, **kwargs)
    assert got == status
    assert error in answer["error"]


def test_a_phrase_longer_than_any_ayah_is_not_looked_for() -> None:
    """No ayah holds more than 128 words (2:282): a longer phrase finds nothing, at once
    (a line of thousands of one common word took gigabytes and minutes)."""
    import time

    index = quran_index()
    assert index.longest_ayah == 128
    assert search(" ".join(["في"] * 128))[0].count == search("في في")[0].count > 1000
    start = time.perf_counter()
    (result,) = search(" ".join(["في"] * 20_000))
    assert (result.reason, result.count) == (Reason.NOT_FOUND, 0)
    assert time.perf_counter() - start < 30  # minutes and 7 GB before


def test_serve_refuses_a_large_body_before_reading_it(client: Client) -> None:
    """A body over the limit is refused from its Content-Length, unread (a raw request:
    urllib would send the body first, and the server may close before it is all sent)."""
    import socket
    import urllib.parse

    from lialia.integrations.http import MAX_BODY

    address = urllib.parse.urlsplit(client.base)
    with socket.create_connection((address.hostname, address.port), timeout=60) as raw:
        raw.sendall(
            b"POST /suggest HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + f"Content-Length: {MAX_BODY + 1}\r\nConnection: close\r\n\r\n".encode()
        )
        answer = b""
        while chunk := raw.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413")
    assert b"at most 1048576 bytes" in body


def test_serve_unknown_routes_and_methods(client: Client) -> None:
    """Answered as every error is: a JSON object with "error" (it was plain text)."""
    status, answer = client.get("/nothing")
    assert status == 404 and answer == {"error": "Not Found"}
    status, answer = client.request("put", "/search")
    assert status == 405 and answer == {"error": "Method Not Allowed"}


@pytest.mark.parametrize("workers", ["1", "2"])
def test_serve_says_when_it_cannot_listen(tmp_path: Path, workers: str) -> None:
    """A port in use (or a host that does not resolve) is one line and exit 2, before
    "serving on" (it was uvicorn's exit 3, or an internal error with --workers)."""
    import socket

    command = Path(sys.executable).with_name("lialia")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        done = subprocess.run(
            [str(command), "serve", "--port", port, "--workers", workers],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"lialia: error: cannot listen on 127.0.0.1:{port}: Address already in use — "
        "choose another --port or --host"
    ]


def test_serve_command_listens_on_this_machine(tmp_path: Path) -> None:
    """The real command: a process on a free port of 127.0.0.1 that answers a search."""
    import json
    import urllib.request

    with serving.command(tmp_path) as (_, port):
        url = f"http://127.0.0.1:{port}/search?q=%D9%8A%D9%88%D9%85%D9%86%D9%88%D9%86"
        with urllib.request.urlopen(url, timeout=5) as answer:
            found = json.loads(answer.read())
    assert (found["keyword"], found["correction"]) == ("يومنون", "يؤمنون")


@pytest.mark.parametrize(
    ("typed", "keyword"),
    [
        ("الرحمن\N{ARABIC QUESTION MARK}", "الرحمن"),
        ("الرحمن\N{ARABIC COMMA} ", "الرحمن"),
        ("...الرحمن!", "الرحمن"),
        (
            "\N{LEFT-POINTING DOUBLE ANGLE QUOTATION MARK}الرحمن الرحيم."
            "\N{RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK}",
            "«الرحمن الرحيم»",
        ),
    ],
)
def test_the_punctuation_a_keyword_is_typed_with_is_not_searched(typed: str, keyword: str) -> None:
    """A search box's query copied from a sentence (الرحمن؟) finds what the word does;
    the quotation marks of an ordered phrase keep their meaning."""
    found, plain = search([typed, keyword])
    assert found.keyword == typed
    assert (found.reason, found.count, found.occurrences) == (
        plain.reason,
        plain.count,
        plain.occurrences,
    )
    assert found.count > 0

"""Strict orthography as settings: initial hamza, final ya, ta marbuta, on and off.

Each rule is a list of its own (``dictionaries/strict-*.tsv``) that the checker consults
only while the rule is on; the presets ``default``, ``strict`` and ``lenient`` and the
single ``strict-*`` keys reach it from the Python API, the configuration file and the
command line.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from typer.testing import CliRunner

from lialia import Severity, SpellChecker
from lialia.cli import app
from lialia.config import load_file
from lialia.errors import ConfigError
from lialia.lexicon import PRESETS, STRICT_LISTS, Strictness
from lialia.normalize import skeleton

PROBABLE = Severity.PROBABLE
WRONG = Severity.MISSPELLING
FATHA = "\N{ARABIC FATHA}"
DAMMA = "\N{ARABIC DAMMA}"
SUKUN = "\N{ARABIC SUKUN}"

HAMZA_OFF = Strictness(hamza=False)
YA_OFF = Strictness(final_ya=False)
TAA_OFF = Strictness(taa_marbuta=False)

# (word, strictness, expected severity: None for a correct word)
CASES = [
    # strict hamza: a bare initial ا is right only on a hamzat al-wasl
    ("انت", "default", PROBABLE),
    ("انت", "strict", PROBABLE),
    ("انت", HAMZA_OFF, None),
    ("انت", "lenient", None),
    ("ان" + SUKUN + "تَ", "default", PROBABLE),  # diacritised: اِنْتَ keeps its verdict
    ("ان" + SUKUN + "تَ", "lenient", None),
    ("انا", "default", PROBABLE),
    ("انا", "lenient", None),
    ("انهم", "default", PROBABLE),
    ("وانتم", "default", PROBABLE),
    ("وانتم", "lenient", None),
    ("أنا", "default", None),
    ("أنا", "lenient", None),
    ("أَنَا", "strict", None),
    # hamzat al-wasl: imperatives, forms VII, VIII, X and the wasl nouns stay words
    ("اكتب", "strict", None),
    ("اُك" + SUKUN + "تُب" + SUKUN, "strict", None),
    ("استخدام", "strict", None),
    ("الاستخدام", "strict", None),
    ("اجتماع", "strict", None),
    ("انتشار", "strict", None),
    ("اسمه", "strict", None),
    ("ابن", "strict", None),
    # strict ta marbuta: a final ه for ة with no likely enclitic reading
    ("مشكله", "default", PROBABLE),
    ("مشكله", TAA_OFF, None),
    ("مشكله", "lenient", None),
    ("بسرعه", "strict", PROBABLE),
    ("بسرعه", "lenient", None),
    ("مشكلة", "strict", None),
    ("بسرعة", "strict", None),
    ("بِسُرعَة", "strict", None),
    ("طريقه", "strict", None),  # طريق + ه: his way
    ("كتابه", "strict", None),  # كتاب + ه: his book
    # strict final ya: a final ي for ى (and ى for ي) where no other reading is a word
    ("مرتضي", "default", PROBABLE),
    ("مرتضي", YA_OFF, None),
    ("مرتضي", "lenient", None),
    ("دلوقتى", "strict", PROBABLE),
    ("دلوقتى", "lenient", None),
    ("مرتضى", "strict", None),
    ("الموسيقي", "strict", None),  # a nisba adjective: the musician
    ("مبني", "strict", None),
    ("لدي", "strict", None),  # لدى + ي
    ("بنى", "strict", None),  # a past verb: he built
    ("في", "strict", None),
    # behind a proclitic, a form the lists judged as written is not read as X + ه
    ("فبسرعه", "strict", PROBABLE),  # ف + بسرعه, not فبسرع + ه
    ("فبسرعه", "lenient", None),
    ("فببساطه", "lenient", PROBABLE),  # ف + ببساطه, a probable slip of ببساطة
    ("ولانه", "lenient", WRONG),  # و + لانه (لأنه), not ولان + ه
    ("وكتابه", "strict", None),  # و + كتاب + ه: his book
    ("فبسرعته", "strict", None),
    # known misspellings are flagged whatever the strictness
    ("الى", "lenient", WRONG),
    ("الى", "strict", WRONG),
    ("المدرسه", "lenient", WRONG),
    ("اهلا", "lenient", WRONG),  # rejected by the oracle beside أهلا: the admission rule
]


@pytest.mark.parametrize(("word", "strictness", "expected"), CASES)
def test_severity_by_strictness(
    word: str, strictness: Strictness | str, expected: Severity | None
) -> None:
    assert SpellChecker(strictness=strictness).severity(word) is expected


@pytest.mark.parametrize(
    ("text", "strictness", "flagged"),
    [
        ("انت تكتب بسرعه في Markdown **2024**", "default", ["انت", "بسرعه"]),
        ("انت تكتب بسرعه في Markdown **2024**", "lenient", []),
        ("انت تكتب بسرعه في Markdown **2024**", Strictness(hamza=False), ["بسرعه"]),
        ("# اكتب استخدام الحاسوب\n\nمشكله كبيرة", "strict", ["مشكله"]),
        ("# اكتب استخدام الحاسوب\n\nمشكله كبيرة", "lenient", []),
    ],
)
def test_check_text_by_strictness(
    text: str, strictness: Strictness | str, flagged: list[str]
) -> None:
    checker = SpellChecker(strictness=strictness)
    assert [f.word for f in checker.check(text, syntax="markdown")] == flagged


def test_suggestions_never_offer_a_strict_list_word() -> None:
    """A lenient checker accepts انت but never offers it: أنت is there to offer."""
    lenient = SpellChecker(strictness="lenient")
    assert lenient.is_correct("انت")
    assert "انت" not in [s.word for s in lenient.suggest("انتت")]


def test_the_best_suggestion_is_the_twin() -> None:
    checker = SpellChecker(strictness="strict")
    assert [checker.suggest(w)[0].word for w in ("انت", "مشكله", "مرتضي")] == [
        "أنت",
        "مشكلة",
        "مرتضى",
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("default", Strictness()),
        ("strict", Strictness(True, True, True)),
        ("lenient", Strictness(False, False, False)),
    ],
)
def test_presets(name: str, expected: Strictness) -> None:
    assert Strictness.preset(name) == PRESETS[name] == expected


def test_lists_follow_the_rules() -> None:
    assert Strictness().lists == STRICT_LISTS
    assert Strictness(final_ya=False).lists == ("strict-hamza", "strict-taa-marbuta")
    assert Strictness.preset("lenient").lists == ()


@pytest.mark.parametrize("bad", ["strikt", "Lenient", ""])
def test_a_bad_preset_is_a_value_error(bad: str) -> None:
    with pytest.raises(ValueError, match="'default', 'strict', 'lenient'"):
        SpellChecker(strictness=bad)


# --- the configuration file -----------------------------------------------------------


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ("", Strictness()),
        ('strictness = "lenient"\n', Strictness(False, False, False)),
        ('strictness = "strict"\n', Strictness(True, True, True)),
        ("strict-hamza = false\n", Strictness(hamza=False)),
        ('strictness = "lenient"\nstrict-hamza = true\n', Strictness(True, False, False)),
        ("strict-final-ya = false\nstrict-taa-marbuta = false\n", Strictness(True, False, False)),
    ],
)
def test_config_keys(tmp_path: Path, toml: str, expected: Strictness) -> None:
    path = tmp_path / ".lialia.toml"
    path.write_text(toml, encoding="utf-8")
    assert load_file(path).strictness == expected


def test_pyproject_table(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text('[tool.lialia]\nstrictness = "lenient"\n', encoding="utf-8")
    assert load_file(path).strictness == PRESETS["lenient"]


@pytest.mark.parametrize(
    ("toml", "key", "message"),
    [
        ('strictness = "strikt"\n', "strictness", "must be \"default\", \"strict\" or"),
        ("strictness = true\n", "strictness", "not True"),
        ('strict-hamza = "yes"\n', "strict-hamza", "must be true or false, not 'yes'"),
        ("strict-final-ya = 1\n", "strict-final-ya", "must be true or false, not 1"),
        ("strict_taa_marbuta = true\n", "strict_taa_marbuta", "did you mean 'strict-taa-marbuta'"),
    ],
)
def test_config_errors(tmp_path: Path, toml: str, key: str, message: str) -> None:
    path = tmp_path / ".lialia.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_file(path)
    assert caught.value.key == key
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


# --- the command line ---------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "note.txt").write_text("انت تكتب بسرعه\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("config", "args", "code", "words"),
    [
        (None, [], 1, ["انت", "بسرعه"]),
        (None, ["--strictness", "lenient"], 0, []),
        ('strictness = "lenient"\n', [], 0, []),
        ('strictness = "lenient"\n', ["--strictness", "strict"], 1, ["انت", "بسرعه"]),
        ("strict-hamza = false\n", [], 1, ["بسرعه"]),
    ],
)
def test_cli(
    project: Path, config: str | None, args: list[str], code: int, words: list[str]
) -> None:
    if config is not None:
        (project / ".lialia.toml").write_text(config, encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--quiet", *args, "note.txt"])
    assert result.exit_code == code, result.output
    assert [line.split(": ")[1].split(" ->")[0] for line in result.output.splitlines()] == words


def test_cli_bad_preset_exits_2(project: Path) -> None:
    result = CliRunner().invoke(app, ["check", "--strictness", "strikt", "note.txt"])
    assert result.exit_code == 2


def test_cli_bad_config_value_exits_2(project: Path) -> None:
    (project / ".lialia.toml").write_text('strictness = "strikt"\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "note.txt"])
    assert result.exit_code == 2
    assert "key 'strictness'" in result.output


# --- the build rules behind the lists (scripts/build_dictionaries.py) ------------------


def build_script() -> ModuleType:
    path = Path(__file__).resolve().parent.parent / "scripts" / "build_dictionaries.py"
    spec = importlib.util.spec_from_file_location("build_dictionaries", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)
    spec.loader.exec_module(module)
    return module


# word -> proportion; a hand-made table (not corpus counts) shaped like the web's
TAIL_FREQS = {
    "مشكله": 2e-6,
    "مشكلة": 1e-4,
    "مشكل": 5e-6,
    "طريقه": 3e-5,
    "طريقة": 1e-4,
    "طريق": 2e-4,
    "طريقها": 1e-5,
    "عظيمه": 1e-6,
    "عظيمة": 4e-5,
    "عظيم": 5e-5,
    "عظيمها": 1e-8,
    "الكره": 1e-6,
    "الكرة": 5e-5,
    "كره": 1e-5,
    "مرتضي": 1e-6,
    "مرتضى": 5e-6,
    "لدي": 5e-5,
    "لدى": 1e-4,
    "الموسيقي": 2e-5,
    "الموسيقى": 3e-5,
    "الموسيقية": 1e-5,
    "يلقي": 1e-5,
    "يلقى": 1.2e-5,
    "دلوقتى": 3e-6,
    "دلوقتي": 2e-5,
    "بنى": 1e-5,
    "بني": 5e-5,
}


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("مشكله", ("strict-taa-marbuta", "مشكلة")),  # مشكل is 20x rarer than مشكلة
        ("عظيمه", ("strict-taa-marbuta", "عظيمة")),  # عظيمها and co. are rare
        ("طريقه", None),  # طريقها is common: his way
        ("الكره", None),  # كره is a word the oracle knows: hatred
        ("مرتضي", ("strict-final-ya", "مرتضى")),
        ("دلوقتى", ("strict-final-ya", "دلوقتي")),  # a ى the oracle does not know
        ("لدي", None),  # لدى + the enclitic ي
        ("الموسيقي", None),  # a nisba: الموسيقية is a word
        ("يلقي", None),  # a present verb beside يلقى
        ("بنى", None),  # three letters: a past verb
        ("مشكلة", None),
    ],
)
def test_strict_tail_twin(word: str, expected: tuple[str, str] | None) -> None:
    build = build_script()
    valid = set(TAIL_FREQS)
    accepted = valid - {"دلوقتى"}
    assert build.strict_tail_twin(word, TAIL_FREQS, valid, accepted, build.Thresholds()) == expected


ORACLE_FREQS = {
    "اهلا": 1.5e-5,
    "أهلا": 1.9e-5,
    "ياس": 3.4e-6,
    "يأس": 3.4e-6,
    "ضيفة": 2e-6,
    "ضيفه": 3e-6,
    "ملليمتر": 1e-6,
    "مليمتر": 2e-6,
}


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("اهلا", "أهلا"),  # the accepted twin with its hamza, 1.2x as frequent or more
        ("ياس", None),  # a name, as frequent as يأس
        ("ضيفة", None),  # adds a mark its twin lacks: the oracle's gap, not a slip
        ("ملليمتر", "مليمتر"),  # a letter doubled
    ],
)
def test_admission_rule(word: str, expected: str | None) -> None:
    build = build_script()
    accepted = {"أهلا", "يأس", "ضيفه", "مليمتر"}
    twins: dict[str, list[str]] = {}
    for w in accepted:
        twins.setdefault(skeleton(w), []).append(w)
    thresholds = build.Thresholds()
    assert build.oracle_twin(word, ORACLE_FREQS, accepted, twins, thresholds) == expected


@pytest.mark.parametrize(
    ("word", "valid", "expected"),
    [
        ("يساعدو", {"يساعدون"}, True),  # a present: its ون plural is a word
        ("ذهبو", {"ذهبتم"}, True),  # a past: its تم form is a word
        ("وليذهبو", {"وليذهبون"}, True),  # past the proclitics و ل
        ("عضو", {"عضوا"}, False),  # a noun
        ("نحو", set(), False),
    ],
)
def test_verb_plural(word: str, valid: set[str], expected: bool) -> None:
    assert build_script().is_verb_plural(word, valid) is expected


@pytest.mark.parametrize(
    ("word", "accepted", "expected"),
    [
        ("يساعدو", False, "يساعدوا"),  # rejected, the وا form as frequent: a misspelling
        ("يعدو", True, None),  # the oracle knows it (its و is its own): 10x needed
    ],
)
def test_plural_waw_slip(word: str, accepted: bool, expected: str | None) -> None:
    build = build_script()
    freqs = {"يساعدو": 1e-6, "يساعدوا": 1.5e-6, "يساعدون": 5e-6, "يعدو": 1e-6}
    freqs |= {"يعدوا": 2e-6, "يعدون": 5e-6}
    valid = {"يساعدوا", "يساعدون", "يعدوا", "يعدون"}
    assert build.slip_twin(word, freqs, valid, accepted, build.Thresholds()) == expected


@pytest.mark.parametrize(
    ("variant", "preferred", "swapped", "inna"),
    [
        ("أذا", "إذا", True, False),  # a marked alef for another
        ("آما", "أما", True, False),
        ("إحداث", "أحداث", False, False),  # a form IV verbal noun beside a plural: two words
        ("لإنه", "لأنه", False, True),  # إنّ after a preposition is أنّ
        ("بإن", "بأن", False, True),
        ("لإنسان", "لأنسان", False, False),  # إنسان is no إنّ
        ("اذا", "إذا", False, False),  # bare: the probable rule of its own
    ],
)
def test_hamza_form_slips(variant: str, preferred: str, swapped: bool, inna: bool) -> None:
    build = build_script()
    assert build.swaps_hamza_form(variant, preferred) is swapped
    assert build.inna_after_preposition(variant, preferred) is inna

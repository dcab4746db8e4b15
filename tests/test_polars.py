"""The dataframe adapters: Polars (lialia.integrations.polars) and pandas
(lialia.integrations.pandas), over the batch checker they share (lialia.integrations.batch).

What a column gives is pinned to what ``SpellChecker.check`` gives each cell alone: the
same words at the same offsets, lines and columns, the same suggestions, and as fixes
exactly what ``lialia check --fix`` writes.
"""

from __future__ import annotations

import doctest
import importlib
import subprocess
import sys
from typing import Any

import pytest

from lialia import SpellChecker
from lialia.errors import LialiaError, UnknownLexiconError
from lialia.fix import apply, confident_replacements
from lialia.integrations import batch
from lialia.integrations.batch import (
    CheckerSettings,
    UnknownOptionError,
    check_cells,
    checker_for,
    correct_cells,
)
from lialia.lexicon import PRESETS, Strictness

pl = pytest.importorskip("polars")
pd = pytest.importorskip("pandas")
lialia_polars = importlib.import_module("lialia.integrations.polars")
lialia_pandas = importlib.import_module("lialia.integrations.pandas")

OPEN, CLOSE = "\N{ORNATE RIGHT PARENTHESIS}", "\N{ORNATE LEFT PARENTHESIS}"

# cells as a column holds them: short and long, diacritised and not, several lines,
# Latin and numbers, a Quranic verse with its signs, a quotation between ﴿ ﴾, an inline
# directive, tatweel and ZWNJ, a probable twin, words glued together, empty text
CELLS = [
    "ذهبت الى المدرسه",
    "الْمَدْرَسَةُ كبيرة، وذهبت الَى المكتبه.",
    "كتاب جميل 2024 ok",
    "سطر أول صحيح\nوفى السطر الثانى خطأ\n\nو الثالث: هاذا",
    "Python 3.12 و JSON في التطبيقات الحديثه",
    "ذَٰلِكَ ٱلْكِتَٰبُ لَا رَيْبَ فِيهِ ۝٢ قال الى",
    f"قال تعالى {OPEN}الى المدرسه{CLOSE} ثم ذهبت الى البيت",
    f"{OPEN}الى المدرسه وبقي السطر مفتوحا",
    "هذا خطأ المدرسه lialia: ignore",
    "كتـــاب والمدرسـه ﷺ",
    "می\N{ZERO WIDTH NON-JOINER}خواهم فيالبيت لاكن",
    "اكثر من مرة",
    "",
    "   ",
    "https://example.com/الى المدرسه و email@example.com",
    # a cell that ends mid-sentence, then one opening with a twin: alone, the second is
    # the start of a text (أنه there is taken for إنه), whatever the cell before it
    "وأكد المدير في كلمته أمام الموظفين",
    "أنه سيعود إلى العمل غدا",
]


def _alone(checker: SpellChecker, cell: str, **options: Any) -> list[tuple[Any, ...]]:
    """What checking the cell alone gives, as the columns show it."""
    return [
        (
            f.word,
            f.offset,
            f.end,
            f.line,
            f.column,
            f.severity.value,
            f.best,
            [s.word for s in f.suggestions],
            r[0].new if (r := confident_replacements([f])) else None,
        )
        for f in checker.check(cell, **options)
    ]


@pytest.fixture(scope="module")
def checker() -> SpellChecker:
    return checker_for(CheckerSettings())


@pytest.mark.parametrize("batch_chars", [1, 40, 1 << 16])
@pytest.mark.parametrize("suggest", [True, False])
def test_batches_find_what_each_cell_alone_finds(
    checker: SpellChecker, batch_chars: int, suggest: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cells are joined into batches of any size: each gives what it gives alone."""
    monkeypatch.setattr(batch, "BATCH_CHARS", batch_chars)
    cells = CELLS * 3
    found = check_cells(checker, cells, suggest=suggest)
    assert found == [checker.check(cell, suggest=suggest) for cell in cells]
    assert sum(map(len, [f for f in found if f])) > 20  # there is something to compare


@pytest.mark.parametrize("syntax", ["markdown", "html"])
def test_markup_cells_are_checked_alone_with_their_syntax(
    checker: SpellChecker, syntax: str
) -> None:
    cells = ["ذهبت `الى` المدرسه\n```\nالمدرسه\n```", "<code>الى</code> <b>المدرسه</b>"]
    assert check_cells(checker, cells, syntax=syntax) == [
        checker.check(cell, syntax=syntax) for cell in cells
    ]
    with pytest.raises(ValueError, match="unknown syntax"):
        check_cells(checker, cells, syntax="latex")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("ذهبت الى المدرسه", "ذهبت إلى المدرسة"),
        # vowel marks carried over to the fix
        ("ذهبت الَى المدرسه", "ذهبت إلَى المدرسة"),
        # Latin and numbers untouched around the fix
        ("في 2024 قرأت README فى المكتبه", "في 2024 قرأت README في المكتبة"),
        # a quotation of the Quran is never fixed, the text after it is
        (f"{OPEN}الى المدرسه{CLOSE} الى", f"{OPEN}الى المدرسه{CLOSE} إلى"),
        # a word of the muṣḥaf (Quranic signs) is never changed
        ("ذَٰلِكَ ٱلْكِتَٰبُ لَا رَيْبَ فِيهِ ۝٢", "ذَٰلِكَ ٱلْكِتَٰبُ لَا رَيْبَ فِيهِ ۝٢"),
        # a probable twin is reported, never fixed
        ("اكثر من مرة", "اكثر من مرة"),
        ("كتاب جميل", "كتاب جميل"),
        ("", ""),
    ],
)
def test_corrections_are_the_fixes_of_lialia_check_fix(
    checker: SpellChecker, cell: str, expected: str
) -> None:
    assert correct_cells(checker, [cell]) == [expected]
    assert expected == apply(cell, confident_replacements(checker.check(cell)))


def test_cells_that_are_not_text_have_no_findings(checker: SpellChecker) -> None:
    cells: list[object] = [None, 42, 3.5, b"\xd8\xa7", "الى", float("nan")]
    assert [f is None for f in check_cells(checker, cells)] == [1, 1, 1, 1, 0, 1]
    assert correct_cells(checker, cells)[:5] == [None, 42, 3.5, b"\xd8\xa7", "إلى"]


def test_one_checker_per_process_and_settings() -> None:
    settings = CheckerSettings.of("msa", ["لياليا"])
    assert settings == CheckerSettings(("msa",), ("لياليا",))
    assert checker_for(settings) is checker_for(CheckerSettings.of(["msa"], ("لياليا",)))
    assert checker_for(settings) is not checker_for(CheckerSettings())
    assert checker_for(settings).is_correct("لياليا")
    # a bad setting is an error in the caller, not later in a worker
    with pytest.raises(UnknownLexiconError, match="unknown lexicon 'klingon'"):
        CheckerSettings.of("klingon")
    with pytest.raises(LialiaError, match="invalid ignore pattern"):
        CheckerSettings.of(ignore_patterns=["(unclosed"])


# ---------------------------------------------------------------------------- polars


def _polars_rows(table: Any, key: str = "row") -> list[tuple[Any, ...]]:
    fields = [key, "word", "start", "end", "line", "column", "severity", "best"]
    return table.select(*fields, "suggestions", "fix").rows()


@pytest.mark.parametrize("suggest", [True, False])
def test_polars_long_table_is_each_cell_checked_alone(checker: SpellChecker, suggest: bool) -> None:
    cells: list[str | None] = [*CELLS, None]
    table = lialia_polars.check_column(pl.DataFrame({"text": cells}), "text", suggest=suggest)
    expected = [
        (row, *finding)
        for row, cell in enumerate(cells)
        if cell is not None
        for finding in _alone(checker, cell, suggest=suggest)
    ]
    assert _polars_rows(table) == expected
    assert table.columns == ["row", *batch.FINDING_FIELDS]
    assert table.schema["row"] == pl.Int64
    assert table.schema["suggestions"] == pl.List(pl.String)


def test_polars_findings_expression_gives_a_list_of_structs(checker: SpellChecker) -> None:
    frame = pl.DataFrame({"id": [7, 8, 9, 10], "text": ["الَى البيت", None, "", "صحيح"]})
    out = frame.with_columns(found=lialia_polars.findings("text"))
    assert out.schema["found"] == pl.List(lialia_polars.FINDING)
    found = out["found"].to_list()
    assert found[1] is None and found[2] == [] and found[3] == []
    (first,) = found[0]
    assert first == {
        "word": "الَى",
        "start": 0,
        "end": 4,
        "line": 1,
        "column": 1,
        "severity": "misspelling",
        "best": "إلى",
        "suggestions": [s.word for s in checker.suggest("الى", limit=10)],
        "fix": "إلَى",
    }
    # on a lazy frame too, and on an expression
    lazy = frame.lazy().select(lialia_polars.findings(pl.col("text").str.strip_chars()))
    assert lazy.collect()["text"].to_list() == found


def test_polars_id_column_names_the_rows() -> None:
    frame = pl.DataFrame({"doc": ["a", "b", "c"], "text": ["صحيح", None, "فى المكتبه"]})
    table = lialia_polars.check_column(frame, "text", id_column="doc")
    assert table.select("doc", "word", "fix").rows() == [
        ("c", "فى", "في"),
        ("c", "المكتبه", "المكتبة"),
    ]


@pytest.mark.parametrize(
    "frame",
    [
        {"text": []},
        {"text": [None, None]},
        {"text": ["صحيح", "كتاب جميل"]},
    ],
)
def test_polars_no_findings_is_an_empty_table_of_the_same_schema(frame: dict[str, Any]) -> None:
    data = pl.DataFrame(frame, schema={"text": pl.String})
    table = lialia_polars.check_column(data, "text")
    assert table.height == 0
    assert (
        table.schema == lialia_polars.check_column(pl.DataFrame({"text": ["الى"]}), "text").schema
    )


def test_polars_correct_column(checker: SpellChecker) -> None:
    cells = [*CELLS, None]
    frame = pl.DataFrame({"text": cells})
    fixed = lialia_polars.correct_column(frame, "text")
    expected = [
        None if cell is None else apply(cell, confident_replacements(checker.check(cell)))
        for cell in cells
    ]
    assert fixed["text"].to_list() == expected
    assert fixed["text"].to_list() != cells  # something was fixed
    beside = lialia_polars.correct_column(frame, "text", into="fixed")
    assert beside.columns == ["text", "fixed"]
    assert beside["text"].to_list() == cells and beside["fixed"].to_list() == expected


@pytest.mark.parametrize(
    "values", [[1, 2, 3], [1.5, None], [b"\xd8\xa7"], [["الى"]], [True]], ids=str
)
def test_polars_column_of_other_than_text_is_an_error(values: list[Any]) -> None:
    frame = pl.DataFrame({"text": values})
    with pytest.raises(lialia_polars.ColumnTypeError, match="column 'text' holds .*cast"):
        lialia_polars.check_column(frame, "text")
    with pytest.raises(lialia_polars.ColumnTypeError):
        lialia_polars.correct_column(frame, "text")
    with pytest.raises(KeyError, match="no column 'texte'"):
        lialia_polars.check_column(frame, "texte")
    # inside an expression too, raised again by Polars as the same error
    with pytest.raises(lialia_polars.ColumnTypeError, match="column 'text' holds"):
        frame.select(lialia_polars.findings("text"))


def test_polars_column_of_nulls_alone_is_text_without_findings() -> None:
    frame = pl.DataFrame({"text": [None, None]})  # Polars types it Null, not String
    assert lialia_polars.check_column(frame, "text").height == 0
    assert frame.select(lialia_polars.findings("text"))["text"].to_list() == [None, None]
    assert lialia_polars.correct_column(frame, "text")["text"].to_list() == [None, None]


def test_polars_settings_reach_the_checker() -> None:
    frame = pl.DataFrame({"text": ["اكثر من هاذا في `الى`", "ok"]})
    rows = lialia_polars.check_column(frame, "text").select("word", "severity").rows()
    assert rows == [("اكثر", "probable"), ("هاذا", "misspelling"), ("الى", "misspelling")]
    quiet = lialia_polars.check_column(
        frame, "text", report_probable=False, extra_words=["هاذا"], syntax="markdown"
    )
    assert quiet.height == 0
    with pytest.raises(UnknownLexiconError):
        lialia_polars.findings("text", lexicons=["nope"])


# ---------------------------------------------------------------------------- pandas


def test_pandas_long_table_is_each_cell_checked_alone(checker: SpellChecker) -> None:
    labels = [f"doc{i}" for i in range(len(CELLS) + 2)]
    series = pd.Series([*CELLS, None, 42], index=labels, dtype=object)
    table = lialia_pandas.check_series(series)
    expected = [
        (label, *finding)
        for label, cell in zip(labels, CELLS, strict=False)
        for finding in _alone(checker, cell)
    ]
    got = [
        tuple(list(value) if name == "suggestions" else value for name, value in row.items())
        for row in table.to_dict("records")
    ]
    assert [(*row[:-1], None if pd.isna(row[-1]) else row[-1]) for row in got] == expected
    assert list(table.columns) == ["row", *batch.FINDING_FIELDS]


def test_pandas_empty_and_full_tables_have_the_same_dtypes() -> None:
    full = lialia_pandas.check_column(pd.DataFrame({"text": ["الى"]}), "text")
    empty = lialia_pandas.check_column(pd.DataFrame({"text": ["صحيح", None]}), "text")
    assert len(empty) == 0 and len(full) == 1
    assert dict(empty.dtypes) == dict(full.dtypes)
    assert full["suggestions"].iloc[0][0] == "إلى"


def test_pandas_correct_column_keeps_what_is_not_text(checker: SpellChecker) -> None:
    frame = pd.DataFrame({"text": ["ذهبت الَى المدرسه", None, 7, "اكثر"]}, index=[5, 6, 7, 8])
    fixed = lialia_pandas.correct_column(frame, "text", into="fixed")
    assert fixed["fixed"].tolist() == ["ذهبت إلَى المدرسة", None, 7, "اكثر"]
    assert fixed.index.tolist() == [5, 6, 7, 8]
    assert frame["text"].tolist()[0] == "ذهبت الَى المدرسه"  # the original is not changed


@pytest.mark.parametrize("dtype", ["category", "string", "object"])
def test_pandas_correction_keeps_every_cell_whatever_the_dtype(dtype: str) -> None:
    """A corrected cell of a categorical column is a new category: cast back into the
    old categories it became NaN (the corrected text lost)."""
    series = pd.Series(["ذهبت الى", "كتاب جميل", "ذهبت الى", None], dtype=dtype)
    fixed = lialia_pandas.correct_series(series)
    assert fixed.tolist()[:3] == ["ذهبت إلى", "كتاب جميل", "ذهبت إلى"]
    assert fixed.isna().tolist() == [False, False, False, True]
    assert fixed.dtype.name == series.dtype.name
    if dtype == "category":
        assert fixed.cat.ordered == series.cat.ordered


# ---------------------------------------------------------------------------- packaging


@pytest.mark.parametrize(
    "name",
    ["lialia.integrations.batch", "lialia.integrations.polars", "lialia.integrations.pandas"],
)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_lialia_never_imports_a_dataframe_library() -> None:
    script = (
        "import sys, lialia, lialia.cli, lialia.integrations.batch\n"
        "from lialia import SpellChecker\n"
        "SpellChecker().check('ذهبت الى المدرسه')\n"
        "print(sorted(m for m in ('polars', 'pandas', 'pyarrow', 'dask', 'numpy')"
        " if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("adapter", "blocked", "extra"),
    [
        ("polars", "polars", "polars"),
        ("pandas", "pandas", "pandas"),
        ("pandas", "pyarrow", "pandas"),
        ("dask", "dask", "dask"),
        ("dask", "pyarrow", "dask"),
    ],
)
def test_a_missing_extra_is_a_clear_error(adapter: str, blocked: str, extra: str) -> None:
    """Without its library, importing an adapter says which extra to install."""
    script = (
        f"import sys; sys.modules[{blocked!r}] = None\n"
        "from lialia.errors import LialiaError\n"
        "try:\n"
        f"    import lialia.integrations.{adapter}\n"
        "except LialiaError as e:\n"
        "    print(type(e).__name__, isinstance(e, ImportError), e)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == (
        f"MissingExtraError True lialia.integrations.{adapter} needs {blocked}, which is not "
        f"installed: pip install 'lialia[{extra}]'"
    )


# -------------------------------------------------------------- the checker's options

# cells and what each strictness finds in them: the strict rules (a bare initial hamza,
# a final ي for ى, a final ه for ة) report valid spellings as probable; off, they are
# words, while a known misspelling (الى) is flagged whatever the strictness
STRICT_CELLS = [
    "انا ذاهب",
    "أَنا ذاهب الى البيت",
    "انت تكتب Ali 2024",
    "مشكله كبيرة",
    None,
    "دلوقتى",
]
STRICT_FOUND = {
    "default": [("انا", "probable"), ("الى", "misspelling"), ("انت", "probable"),
                ("مشكله", "probable"), ("دلوقتى", "probable")],
    "lenient": [("الى", "misspelling")],
    "hamza off": [("الى", "misspelling"), ("مشكله", "probable"), ("دلوقتى", "probable")],
}  # fmt: skip
STRICTNESS = {"default": "default", "lenient": "lenient", "hamza off": Strictness(hamza=False)}


def _polars_findings(cells: list[Any], **options: Any) -> list[tuple[str, str]]:
    found = pl.DataFrame({"text": cells}, schema={"text": pl.String}).select(
        lialia_polars.findings("text", **options)
    )
    return [(f["word"], f["severity"]) for cell in found["text"].to_list() if cell for f in cell]


def _table_findings(table: Any) -> list[tuple[str, str]]:
    rows = table.rows() if isinstance(table, pl.DataFrame) else table.values.tolist()
    return [(word, severity) for word, severity in rows]


ADAPTERS = {
    "polars check_column": lambda cells, **options: _table_findings(
        lialia_polars.check_column(pl.DataFrame({"text": cells}), "text", **options).select(
            "word", "severity"
        )
    ),
    "polars findings": _polars_findings,
    "pandas check_series": lambda cells, **options: _table_findings(
        lialia_pandas.check_series(pd.Series(cells, dtype=object), **options)[["word", "severity"]]
    ),
    "pandas check_column": lambda cells, **options: _table_findings(
        lialia_pandas.check_column(pd.DataFrame({"text": cells}), "text", **options)[
            ["word", "severity"]
        ]
    ),
}


@pytest.mark.parametrize("strictness", list(STRICT_FOUND))
@pytest.mark.parametrize("adapter", list(ADAPTERS))
def test_strictness_reaches_the_checker(adapter: str, strictness: str) -> None:
    found = ADAPTERS[adapter](STRICT_CELLS, strictness=STRICTNESS[strictness])
    assert found == STRICT_FOUND[strictness]
    checker = SpellChecker(strictness=STRICTNESS[strictness])
    alone = [
        (f.word, f.severity.value) for cell in STRICT_CELLS if cell for f in checker.check(cell)
    ]
    assert found == alone


@pytest.mark.parametrize("adapter", list(ADAPTERS))
def test_without_strictness_the_default_rules_judge(adapter: str) -> None:
    assert ADAPTERS[adapter](STRICT_CELLS) == STRICT_FOUND["default"]


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({}, CheckerSettings()),
        ({"strictness": "default"}, CheckerSettings()),
        ({"strictness": "strict"}, CheckerSettings()),  # msa's default: every rule on
        ({"strictness": Strictness()}, CheckerSettings()),
        ({"strictness": "lenient"}, CheckerSettings(strictness=PRESETS["lenient"])),
        (
            {"lexicons": "msa", "ignore_patterns": r"\d+", "extra_words": iter(["لياليا"])},
            CheckerSettings(extra_words=("لياليا",), ignore_patterns=(r"\d+",)),
        ),
        ({"min_length": 3, "report_probable": False},
         CheckerSettings(report_probable=False, min_length=3)),
    ],
)  # fmt: skip
def test_settings_of_options(given: dict[str, Any], expected: CheckerSettings) -> None:
    settings = CheckerSettings.of(**given)
    assert settings == expected
    assert checker_for(settings) is checker_for(expected)
    assert checker_for(settings).lexicon.strictness == expected.strictness


def test_each_strictness_has_its_own_checker() -> None:
    lenient = checker_for(CheckerSettings.of(strictness="lenient"))
    assert lenient is not checker_for(CheckerSettings.of())
    assert lenient.check("انا ذاهب") == []
    assert [f.word for f in checker_for(CheckerSettings.of()).check("انا ذاهب")] == ["انا"]


# every public function of the two adapters, called with one bad option
CALLS = {
    "CheckerSettings.of": lambda **bad: CheckerSettings.of(**bad),
    "polars findings": lambda **bad: lialia_polars.findings("text", **bad),
    "polars corrected": lambda **bad: lialia_polars.corrected("text", **bad),
    "polars check_column": lambda **bad: lialia_polars.check_column(
        pl.DataFrame({"text": ["انا"]}), "text", **bad
    ),
    "polars correct_column": lambda **bad: lialia_polars.correct_column(
        pl.DataFrame({"text": ["انا"]}), "text", into="fixed", **bad
    ),
    "pandas check_series": lambda **bad: lialia_pandas.check_series(pd.Series(["انا"]), **bad),
    "pandas correct_series": lambda **bad: lialia_pandas.correct_series(pd.Series(["انا"]), **bad),
    "pandas check_column": lambda **bad: lialia_pandas.check_column(
        pd.DataFrame({"text": ["انا"]}), "text", **bad
    ),
    "pandas correct_column": lambda **bad: lialia_pandas.correct_column(
        pd.DataFrame({"text": ["انا"]}), "text", **bad
    ),
}


@pytest.mark.parametrize(
    ("bad", "hint"),
    [
        ({"strictnes": "lenient"}, "did you mean 'strictness'?"),
        ({"lexicon": "msa"}, "did you mean 'lexicons'?"),
        ({"extra_word": ["لياليا"]}, "did you mean 'extra_words'?"),
        ({"fix": True}, "the options are lexicons, extra_words"),
    ],
)
@pytest.mark.parametrize("call", list(CALLS))
def test_an_unknown_option_is_a_type_error_naming_it(
    call: str, bad: dict[str, Any], hint: str
) -> None:
    with pytest.raises(UnknownOptionError) as caught:
        CALLS[call](**bad)
    assert isinstance(caught.value, TypeError)
    assert isinstance(caught.value, LialiaError)
    (name,) = bad
    assert caught.value.name == name
    assert f"unknown checker option {name!r}" in str(caught.value)
    assert hint in str(caught.value)
    assert "lialia.checker.SpellChecker" in str(caught.value)


@pytest.mark.parametrize("call", list(CALLS))
def test_an_unknown_strictness_is_an_error_in_the_caller(call: str) -> None:
    with pytest.raises(ValueError, match="strictness 'loose': use one of 'default'"):
        CALLS[call](strictness="loose")


@pytest.mark.parametrize(
    "call",
    [
        lambda: CheckerSettings.of("msa", lexicons="msa"),
        lambda: CheckerSettings.of("msa", (), extra_words=["لياليا"]),
        lambda: lialia_pandas.check_series(
            pd.Series(["انا"]), settings=CheckerSettings(), strictness="lenient"
        ),
        lambda: lialia_pandas.correct_series(
            pd.Series(["انا"]), settings=CheckerSettings(), min_length=3
        ),
    ],
)
def test_an_option_given_twice_is_a_type_error(call: Any) -> None:
    with pytest.raises(TypeError, match="twice|not both"):
        call()

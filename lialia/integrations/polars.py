"""Spell-check a text column of a Polars dataframe (the ``polars`` extra).

An adapter, not an engine: a column's cells go to :func:`lialia.integrations.batch.
check_cells` in batches, with one :class:`lialia.checker.SpellChecker` per process and
settings, and the findings come back as Polars values.

* :func:`findings` is an expression: a ``list[struct]`` column, one struct a finding
  (the fields of :data:`FINDING`), an empty list for a right cell, null for a null one;
* :func:`check_column` is the long table: one row a finding, with the ``row`` it was
  found in (or the values of ``id_column``);
* :func:`corrected` and :func:`correct_column` apply only the fixes ``lialia check
  --fix`` applies: confident corrections of misspellings, never a probable variant,
  never Quranic text (a word of the muṣḥaf, a quotation between ﴿ ﴾), vowel marks kept.

A column that is not of strings is an error (cast it first); a null cell has no
findings and stays null.  Polars is imported here only: ``import lialia`` never needs it.

>>> import polars as pl
>>> from lialia.integrations.polars import check_column
>>> df = pl.DataFrame({"text": ["ذهبت الى المدرسه", None, "كتاب جميل 2024"]})
>>> check_column(df, "text").select("row", "word", "start", "best", "fix").rows()
[(0, 'الى', 5, 'إلى', 'إلى'), (0, 'المدرسه', 9, 'المدرسة', 'المدرسة')]
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from ..errors import LialiaError
from ._extras import MissingExtraError
from .batch import FINDING_FIELDS, CheckerSettings, check_cells, checker_for, correct_cells
from .batch import finding_row as _finding_row

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..findings import Finding

    if sys.version_info >= (3, 11):
        from typing import Unpack
    else:
        from typing_extensions import Unpack

    from .batch import CheckerOptions

try:
    import polars as pl
except ImportError as e:  # pragma: no cover - the test extra installs polars
    raise MissingExtraError(__name__, "polars", "polars") from e

__all__ = [
    "FINDING",
    "ColumnTypeError",
    "check_column",
    "correct_column",
    "corrected",
    "findings",
]

#: one finding as a struct: where it is in its cell (``start``, ``end``: 0-based offsets
#: in code points; ``line`` and ``column``: 1-based), how wrong (``misspelling`` or
#: ``probable``), the suggestions (best first) and the ``fix`` ``--fix`` would write
#: (null when lialia is not sure enough to write one)
FINDING = pl.Struct(
    {
        "word": pl.String,
        "start": pl.Int64,
        "end": pl.Int64,
        "line": pl.Int64,
        "column": pl.Int64,
        "severity": pl.String,
        "best": pl.String,
        "suggestions": pl.List(pl.String),
        "fix": pl.String,
    }
)
assert tuple(FINDING.to_schema()) == FINDING_FIELDS  # one order, in batch.py
FINDINGS = pl.List(FINDING)


class ColumnTypeError(LialiaError, TypeError):
    """A column to check that does not hold strings (made with :func:`_not_text`; one
    message argument, so that Polars can raise it again from inside an expression)."""


def _not_text(column: str, dtype: object) -> ColumnTypeError:
    return ColumnTypeError(
        f"column {column!r} holds {dtype}, not text: cast it first, "
        f"pl.col({column!r}).cast(pl.String)"
    )


def _strings(series: pl.Series) -> pl.Series:
    if series.dtype == pl.Null:  # a column of nulls alone (pl.DataFrame({"t": [None]}))
        return series.cast(pl.String)
    if series.dtype != pl.String:
        raise _not_text(series.name, series.dtype)
    return series


def _expr(column: str | pl.Expr) -> pl.Expr:
    return pl.col(column) if isinstance(column, str) else column


def findings(
    column: str | pl.Expr,
    *,
    syntax: str = "plain",
    suggest: bool = True,
    **options: Unpack[CheckerOptions],
) -> pl.Expr:
    """An expression: the findings of each cell of ``column`` as a ``list[struct]``
    (:data:`FINDING`), ``[]`` for a right cell, null for a null one.

    ``syntax`` (``plain``, ``markdown``, ``html``, ``rst`` or ``tex``) and ``suggest``
    (False: detection alone, faster) are those of ``SpellChecker.check``; the other
    keyword arguments are the checker's options (:class:`lialia.integrations.batch.
    CheckerOptions`: ``lexicons``, ``extra_words``, ``report_probable``,
    ``min_length``, ``ignore_patterns``, ``strictness``), documented by
    :class:`lialia.checker.SpellChecker`; every function of this module takes them.
    Works on a lazy frame too.

    >>> import polars as pl
    >>> df = pl.DataFrame({"text": ["الَى البيت", None]})
    >>> found = df.with_columns(found=findings("text"))["found"]
    >>> found[0][0]["word"], found[0][0]["fix"], found[1]
    ('الَى', 'إلَى', None)
    """
    settings = CheckerSettings.of(**options)

    def check(series: pl.Series) -> pl.Series:
        found = check_cells(checker_for(settings), _strings(series), syntax=syntax, suggest=suggest)
        return _findings_series(series.name, found)

    return _expr(column).map_batches(check, return_dtype=FINDINGS, is_elementwise=True)


def _findings_series(name: str, found: Sequence[Sequence[Finding] | None]) -> pl.Series:
    """Each cell's findings as a ``list[struct]`` series (null for a null cell), built
    column by column: the findings in one flat table, then gathered into a list per
    cell.  (Built from Python lists of dicts, the nested column cost Polars about a
    second for 17,000 cells, more than checking them; this way, a few hundredths.)"""
    rows = [_finding_row(finding) for cell in found if cell for finding in cell]
    schema = FINDING.to_schema()
    flat = pl.DataFrame({field: [row[field] for row in rows] for field in schema}, schema=schema)
    cell_of = pl.Series("cell", [i for i, cell in enumerate(found) if cell for _ in cell])
    gathered = (
        flat.select(pl.struct(pl.all()).alias("found"))
        .with_columns(cell_of.cast(pl.Int64))
        .group_by("cell", maintain_order=True)
        .agg(pl.col("found"))
    )
    cells = pl.DataFrame(
        {
            "cell": pl.Series(range(len(found)), dtype=pl.Int64),
            "count": pl.Series(
                [None if cell is None else len(cell) for cell in found], dtype=pl.Int64
            ),
        }
    )
    joined = cells.join(gathered, on="cell", how="left", maintain_order="left")
    empty = pl.lit([], dtype=FINDINGS)
    return joined.select(
        pl.when(pl.col("count") == 0).then(empty).otherwise(pl.col("found")).alias(name)
    ).to_series()


def corrected(
    column: str | pl.Expr,
    *,
    syntax: str = "plain",
    **options: Unpack[CheckerOptions],
) -> pl.Expr:
    """An expression: each cell of ``column`` with the fixes ``lialia check --fix``
    makes, and no other change (nulls stay null).

    >>> import polars as pl
    >>> pl.DataFrame({"text": ["ذهبت الى المدرسه"]}).select(corrected("text")).item()
    'ذهبت إلى المدرسة'
    """
    settings = CheckerSettings.of(**options)

    def correct(series: pl.Series) -> pl.Series:
        fixed = correct_cells(checker_for(settings), _strings(series), syntax=syntax)
        return pl.Series(series.name, fixed, dtype=pl.String)

    return _expr(column).map_batches(correct, return_dtype=pl.String, is_elementwise=True)


def _string_column(frame: pl.DataFrame | pl.LazyFrame, column: str) -> None:
    dtype = frame.collect_schema().get(column)
    if dtype is None:
        raise KeyError(f"no column {column!r}")
    if dtype not in (pl.String, pl.Null):
        raise _not_text(column, dtype)


def check_column(
    frame: pl.DataFrame,
    column: str,
    *,
    id_column: str | None = None,
    syntax: str = "plain",
    suggest: bool = True,
    **options: Unpack[CheckerOptions],
) -> pl.DataFrame:
    """The findings of a text column as a long table, one row a finding: ``row`` (the
    cell's 0-based position; or the column ``id_column``, named so), then the fields
    of :data:`FINDING`.  Right and null cells give no rows.

    >>> import polars as pl
    >>> df = pl.DataFrame({"id": ["a", "b"], "text": ["صحيح", "قرأت الكتاب فى المكتبه"]})
    >>> check_column(df, "text", id_column="id").select("id", "word", "fix").rows()
    [('b', 'فى', 'في'), ('b', 'المكتبه', 'المكتبة')]
    """
    _string_column(frame, column)
    key = "row" if id_column is None else id_column
    source = frame if id_column is not None else frame.with_row_index("row")
    found = findings(
        column,
        syntax=syntax,
        suggest=suggest,
        **options,
    ).alias("_lialia_finding")
    table = (
        source.select(pl.col(key), found)
        .explode("_lialia_finding")  # a right or null cell gives a null row...
        .drop_nulls("_lialia_finding")  # ...and no finding is null: any Polars 1.20+
        .unnest("_lialia_finding")
    )
    return table.with_columns(pl.col("row").cast(pl.Int64)) if id_column is None else table


def correct_column(
    frame: pl.DataFrame,
    column: str,
    *,
    into: str | None = None,
    syntax: str = "plain",
    **options: Unpack[CheckerOptions],
) -> pl.DataFrame:
    """``frame`` with ``column`` corrected (:func:`corrected`), in place or, with
    ``into``, into a new column beside it."""
    _string_column(frame, column)
    fixed = corrected(
        column,
        syntax=syntax,
        **options,
    )
    return frame.with_columns(fixed.alias(into or column))

"""Spell-check a text column of a pandas dataframe (the ``pandas`` extra).

The same adapter as :mod:`lialia.integrations.polars`, over pandas: the cells of a
series go to :func:`lialia.integrations.batch.check_cells` in batches, one checker per
process and settings, and the findings come back as a long table.  It is also what each
partition of a Dask dataframe runs (:mod:`lialia.integrations.dask`).

* :func:`check_series` and :func:`check_column`: one row a finding, with the ``row``
  (the index label of its cell) and the fields of
  :data:`lialia.integrations.batch.FINDING_FIELDS`;
* :func:`correct_series` and :func:`correct_column`: only the fixes ``lialia check
  --fix`` applies (never a probable variant, never Quranic text, vowel marks kept).

Cells that are not strings (a missing value, a number in an ``object`` column) have no
findings and are left as they are.  pandas is imported here only.

>>> import pandas as pd
>>> from lialia.integrations.pandas import check_series
>>> table = check_series(pd.Series(["ذهبت الى المدرسه", None], index=[10, 11]))
>>> table[["row", "word", "start", "fix"]].values.tolist()
[[10, 'الى', 5, 'إلى'], [10, 'المدرسه', 9, 'المدرسة']]
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ._extras import MissingExtraError
from .batch import (
    FINDING_FIELDS,
    CheckerSettings,
    check_cells,
    checker_for,
    correct_cells,
    finding_row,
)

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from typing import Unpack
    else:
        from typing_extensions import Unpack

    from .batch import CheckerOptions

try:
    import pandas as pd
    import pyarrow as pa
except ImportError as e:  # pragma: no cover - the test extra installs pandas
    raise MissingExtraError(__name__, (e.name or "pandas").split(".")[0], "pandas") from e

__all__ = ["DTYPES", "check_column", "check_series", "correct_column", "correct_series"]

#: the dtypes of the long table's finding columns (``row`` has the index's dtype):
#: nullable strings, 64-bit integers, and the suggestions as an Arrow ``list<string>``
#: (an ``object`` column of lists would be read as strings by Dask, and has no type
#: for Parquet when it is empty)
DTYPES: dict[str, Any] = {
    "word": pd.StringDtype(),
    "start": "int64",
    "end": "int64",
    "line": "int64",
    "column": "int64",
    "severity": pd.StringDtype(),
    "best": pd.StringDtype(),
    "suggestions": pd.ArrowDtype(pa.list_(pa.string())),
    "fix": pd.StringDtype(),
}
assert tuple(DTYPES) == FINDING_FIELDS  # one order, in batch.py


def frame_of(rows: Sequence[dict[str, Any]], dtypes: dict[str, Any]) -> pd.DataFrame:
    """A frame of ``rows`` with the columns and dtypes of ``dtypes``, in its order;
    a field a row lacks is missing.  Built column by column with each dtype, so a frame
    with no rows has the same dtypes as one with many (a Dask partition's frame must
    match its meta)."""
    return pd.DataFrame(
        {
            name: pd.array([row.get(name) for row in rows], dtype=dtype)
            for name, dtype in dtypes.items()
        }
    )


def table(rows: Sequence[dict[str, Any]], key: str, key_dtype: Any) -> pd.DataFrame:
    """A long table: the ``key`` column first (of ``key_dtype``), then the finding
    columns (:data:`DTYPES`)."""
    return frame_of(rows, {key: key_dtype, **DTYPES})


def check_series(
    series: pd.Series,
    *,
    syntax: str = "plain",
    suggest: bool = True,
    settings: CheckerSettings | None = None,
    **options: Unpack[CheckerOptions],
) -> pd.DataFrame:
    """The findings of a series of texts, one row a finding: ``row`` (the cell's index
    label), ``word``, ``start`` and ``end`` (0-based offsets in the cell, in code
    points), ``line`` and ``column`` (1-based), ``severity``, ``best``,
    ``suggestions`` (a list, best first) and ``fix`` (what ``--fix`` writes, or
    missing).

    ``syntax`` and ``suggest`` are those of ``SpellChecker.check``; the other keyword
    arguments are the checker's options (:class:`lialia.integrations.batch.
    CheckerOptions`: ``lexicons``, ``extra_words``, ``report_probable``,
    ``min_length``, ``ignore_patterns``, ``strictness``), documented by
    :class:`lialia.checker.SpellChecker`, and every function of this module takes
    them; or ``settings`` (:class:`lialia.integrations.batch.CheckerSettings`, built
    once by the caller) in their place.
    """
    settings = CheckerSettings.given(settings, options)
    found = check_cells(checker_for(settings), series.tolist(), syntax=syntax, suggest=suggest)
    rows = [
        {"row": label, **finding_row(finding)}
        for label, cell in zip(series.index, found, strict=True)
        if cell
        for finding in cell
    ]
    return table(rows, "row", series.index.dtype)


def check_column(
    frame: pd.DataFrame,
    column: str,
    *,
    syntax: str = "plain",
    suggest: bool = True,
    **options: Unpack[CheckerOptions],
) -> pd.DataFrame:
    """:func:`check_series` of ``frame[column]``: ``row`` is the frame's index label.

    >>> import pandas as pd
    >>> frame = pd.DataFrame({"text": ["قرأت الكتاب فى المكتبه", 42]})
    >>> check_column(frame, "text")[["row", "word", "best"]].values.tolist()
    [[0, 'فى', 'في'], [0, 'المكتبه', 'المكتبة']]
    """
    return check_series(
        frame[column],
        syntax=syntax,
        suggest=suggest,
        **options,
    )


def correct_series(
    series: pd.Series,
    *,
    syntax: str = "plain",
    settings: CheckerSettings | None = None,
    **options: Unpack[CheckerOptions],
) -> pd.Series:
    """A copy of ``series`` with the fixes ``lialia check --fix`` makes, and no other
    change; cells that are not strings are kept as they are.  The checker's options
    or ``settings`` as for :func:`check_series`.

    >>> import pandas as pd
    >>> fixed = correct_series(pd.Series(["ذهبت الَى المدرسه", None]))
    >>> fixed.iloc[0], fixed.isna().tolist()
    ('ذهبت إلَى المدرسة', [False, True])
    """
    settings = CheckerSettings.given(settings, options)
    fixed = correct_cells(checker_for(settings), series.tolist(), syntax=syntax)
    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        # a corrected cell is a new category: cast into the old ones it would become NaN
        new = [v for v in dict.fromkeys(fixed) if isinstance(v, str) and v not in dtype.categories]
        dtype = pd.CategoricalDtype([*dtype.categories, *new], ordered=dtype.ordered)
    return pd.Series(fixed, index=series.index, name=series.name, dtype=dtype)


def correct_column(
    frame: pd.DataFrame,
    column: str,
    *,
    into: str | None = None,
    syntax: str = "plain",
    **options: Unpack[CheckerOptions],
) -> pd.DataFrame:
    """A copy of ``frame`` with ``column`` corrected (:func:`correct_series`), in place
    or, with ``into``, into a new column."""
    fixed = correct_series(
        frame[column],
        syntax=syntax,
        **options,
    )
    return frame.assign(**{into or column: fixed})

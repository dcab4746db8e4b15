"""Spell-check a corpus on a Dask cluster: files, or a text column (the ``dask`` extra).

An adapter, not an engine: each task checks its share with
:func:`lialia.integrations.batch.check_file` or :func:`lialia.integrations.pandas.
check_series`, and the results are a Dask dataframe with a fixed meta, one row a
finding.

* :func:`check_files`: the files and folders named (folders walked as ``lialia check``
  walks them: text formats only, ``.gitignore`` and excludes obeyed), grouped into
  partitions of about ``partition_mb`` MB; each file read by lialia's own reader
  (regular files only, at most ``max_file_size`` MB, its encoding from its byte-order
  mark).  A file that cannot be checked is a row with ``error`` set, never the end of
  the job.  Columns: :data:`FILE_COLUMNS`.
* :func:`check_column` and :func:`correct_column`: a text column of a Dask dataframe,
  partition by partition (:mod:`lialia.integrations.pandas`).
* :func:`to_parquet`: write a result with an explicit Arrow schema (the suggestions
  are ``list<string>``, whatever a partition holds); needs pyarrow.

What travels to a worker with each task is the settings (:class:`lialia.integrations.
batch.CheckerSettings`, a few names and flags) and the paths, never a checker: each
worker process builds its own checker on its first task and keeps it
(:func:`lialia.integrations.batch.checker_for`), its lexicons memory-mapped from the
compiled index in the worker machine's cache.  :func:`load_on_workers` has every worker
load it before the job starts (and any worker that starts later, as it starts), and
stops the workers' statistical profiler, which slows lialia's loop by up to a fifth.  On a
cluster of several machines, the files must be at the same paths on every worker (a
shared file system), and lialia installed on each.

>>> from lialia.integrations.dask import FILE_COLUMNS
>>> FILE_COLUMNS[:4]
('path', 'word', 'start', 'end')
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..files import DEFAULT_MAX_FILE_SIZE, STDIN, compile_patterns, discover
from ._extras import MissingExtraError
from .batch import FINDING_FIELDS, CheckerSettings, check_file, checker_for, finding_row

try:
    import dask.dataframe as dd
    import pandas as pd
    import pyarrow  # noqa: F401 (the results' suggestions are Arrow lists)
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError as e:  # pragma: no cover - the test extra installs dask
    raise MissingExtraError(__name__, (e.name or "dask").split(".")[0], "dask") from e

from . import pandas as lialia_pandas

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from typing import Unpack
    else:
        from typing_extensions import Unpack

    import pyarrow as pa
    from distributed import Client, Worker

    from .batch import CheckerOptions

__all__ = [
    "FILE_COLUMNS",
    "arrow_schema",
    "FILE_DTYPES",
    "check_column",
    "check_files",
    "correct_column",
    "load_on_workers",
    "to_parquet",
]

#: the columns of :func:`check_files`: the file, the finding's fields
#: (:data:`lialia.integrations.batch.FINDING_FIELDS`; ``start`` and ``end`` are offsets
#: in the file's text, ``line`` and ``column`` 1-based), and ``error``: why the file
#: could not be checked (then the finding's fields are missing)
FILE_COLUMNS = ("path", *FINDING_FIELDS, "error")

#: their dtypes: nullable strings and integers (an error row has no position)
FILE_DTYPES: dict[str, Any] = {
    "path": pd.StringDtype(),
    **lialia_pandas.DTYPES,
    **{name: "Int64" for name in ("start", "end", "line", "column")},
    "error": pd.StringDtype(),
}
assert tuple(FILE_DTYPES) == FILE_COLUMNS

#: text read a partition, by default: enough that a task's overhead vanishes, few
#: enough that the workers share out a corpus evenly
PARTITION_MB = 8


@dataclass(frozen=True, slots=True)
class _FileOptions:
    """How a task checks its files: travels with each task, a few bytes."""

    settings: CheckerSettings
    syntax: str | None
    encoding: str | None
    max_file_size: int
    suggest: bool


def _file_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    return lialia_pandas.frame_of(rows, FILE_DTYPES)


#: one file of a partition: the path as named (shown in the results), the absolute
#: path read (made on the client: a worker's working folder is not the client's), and
#: the problem found on the client (a missing path), if any
_File = tuple[str, str, str | None]


def _check_partition(files: Sequence[_File], options: _FileOptions) -> pd.DataFrame:
    """The rows of one partition: each file checked in turn."""
    checker = checker_for(options.settings)
    rows: list[dict[str, Any]] = []
    for path, absolute, problem in files:
        if problem is not None:
            rows.append({"path": path, "error": problem})
            continue
        report = check_file(
            checker,
            absolute,
            syntax=options.syntax,
            encoding=options.encoding,
            max_file_size=options.max_file_size,
            suggest=options.suggest,
        )
        if report.error is not None:
            rows.append({"path": path, "error": _shown(report.error, absolute, path)})
        rows.extend({"path": path, **finding_row(finding)} for finding in report.findings)
    return _file_frame(rows)


def _shown(error: str, absolute: str, path: str) -> str:
    """An error about the absolute path read, shown with the path as it was named."""
    return path + error[len(absolute) :] if error.startswith(absolute) else error


def _partitions(files: Sequence[_File], partition_bytes: int) -> list[list[_File]]:
    """``files`` cut into runs of about ``partition_bytes`` bytes each (by their sizes
    now; a file that cannot be sized counts as empty and is reported by its task)."""
    groups: list[list[_File]] = []
    group: list[_File] = []
    size = 0
    for file in files:
        group.append(file)
        try:
            size += os.stat(file[1]).st_size if file[2] is None else 0
        except OSError:
            pass
        if size >= partition_bytes:
            groups.append(group)
            group, size = [], 0
    if group:
        groups.append(group)
    return groups


def check_files(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    exclude: Sequence[str] = (),
    use_gitignore: bool = True,
    syntax: str | None = None,
    encoding: str | None = None,
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
    suggest: bool = True,
    partition_mb: float = PARTITION_MB,
    **options: Unpack[CheckerOptions],
) -> dd.DataFrame:
    """The findings of files and folders as a lazy Dask dataframe (:data:`FILE_COLUMNS`),
    one row a finding and one row a file that could not be checked.

    Folders are walked on the client as ``lialia check`` walks them (``exclude``:
    git-style globs; ``.gitignore`` files unless ``use_gitignore=False``); a file named
    is checked whatever its extension.  ``syntax`` is taken from each file's suffix
    unless given; ``max_file_size`` is in MB.  The other keyword arguments are the
    checker's options (:class:`lialia.integrations.batch.CheckerOptions`: ``lexicons``,
    ``extra_words``, ``report_probable``, ``min_length``, ``ignore_patterns``,
    ``strictness``), documented by :class:`lialia.checker.SpellChecker`; every function
    of this module takes them.  Nothing is read until the result is computed
    (``.compute()``, :func:`to_parquet`), on the current Dask scheduler: a
    ``distributed.Client`` made before, or Dask's default.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    named = [os.fspath(path) for path in paths]
    if STDIN in named:
        raise ValueError("check_files reads files, not standard input ('-')")
    settings = CheckerSettings.of(**options)
    found = discover(named, compile_patterns(exclude, os.getcwd()), use_gitignore=use_gitignore)
    files: list[_File] = [(error.path, error.path, str(error)) for error in found.errors]
    files += [(source.path, os.path.abspath(source.path), None) for source in found.sources]
    file_options = _FileOptions(settings, syntax, encoding, max_file_size, suggest)
    groups = _partitions(files, int(partition_mb * (1 << 20))) or [[]]
    result: dd.DataFrame = dd.from_map(
        _check_partition,
        groups,
        args=(file_options,),
        meta=_file_frame([]),
        label="lialia-check-files",
        enforce_metadata=False,
    )
    return result


def check_column(
    frame: dd.DataFrame,
    column: str,
    *,
    syntax: str = "plain",
    suggest: bool = True,
    **options: Unpack[CheckerOptions],
) -> dd.DataFrame:
    """The findings of a text column of a Dask dataframe, one row a finding: ``row``
    (the cell's index label) and the finding's fields, as
    :func:`lialia.integrations.pandas.check_series` gives them for each partition."""
    settings = CheckerSettings.of(**options)
    meta = lialia_pandas.table([], "row", frame.index.dtype)
    result: dd.DataFrame = frame[column].map_partitions(
        lialia_pandas.check_series,
        settings=settings,
        syntax=syntax,
        suggest=suggest,
        meta=meta,
        enforce_metadata=False,
    )
    return result


def correct_column(
    frame: dd.DataFrame,
    column: str,
    *,
    into: str | None = None,
    syntax: str = "plain",
    **options: Unpack[CheckerOptions],
) -> dd.DataFrame:
    """``frame`` with ``column`` corrected by the fixes ``lialia check --fix`` makes
    (:func:`lialia.integrations.pandas.correct_series`), or the corrections in a new
    column ``into``."""
    settings = CheckerSettings.of(**options)
    fixed = frame[column].map_partitions(
        _correct_series, settings, syntax, meta=frame[column]._meta
    )
    result: dd.DataFrame = frame.assign(**{into or column: fixed})
    return result


def _correct_series(series: pd.Series, settings: CheckerSettings, syntax: str) -> pd.Series:
    return lialia_pandas.correct_series(series, syntax=syntax, settings=settings)


#: the periodic callbacks of a Dask worker's statistical profiler (it samples the stack
#: of every running task 100 times a second, for the dashboard's profile page)
PROFILER_CALLBACKS = ("profile", "profile-cycle")


class _Loader(WorkerPlugin):
    """Loads the checker of ``settings`` on a worker, now and whenever a worker starts
    (one that joins the cluster later, or restarts), and stops the worker's statistical
    profiler unless ``keep_profiler``."""

    name = "lialia"

    def __init__(self, settings: CheckerSettings, keep_profiler: bool) -> None:
        self.settings = settings
        self.keep_profiler = keep_profiler

    def setup(self, worker: Worker) -> None:
        if not self.keep_profiler:
            for name in PROFILER_CALLBACKS:
                if (callback := worker.periodic_callbacks.pop(name, None)) is not None:
                    callback.stop()
        checker_for(self.settings)


def load_on_workers(
    client: Client,
    *,
    keep_profiler: bool = False,
    **options: Unpack[CheckerOptions],
) -> dict[str, int]:
    """Have every worker of ``client`` load its checker now (otherwise each loads it
    on its first task), with the checker's options of the job to come (as
    :func:`check_files` takes them), and again on any worker that starts later (a
    worker plugin); returns each worker's process id by address.

    It also stops each worker's statistical profiler (which feeds the dashboard's
    profile page) unless ``keep_profiler``: it interrupts the task thread 100 times a
    second to walk its stack, and on lialia's pure-Python loop that cost a worker up
    to a fifth of its speed alone and a third more processor time when two workers share two
    cores (``benchmarks/dask_scaling.py``)."""
    settings = CheckerSettings.of(**options)
    client.register_plugin(_Loader(settings, keep_profiler))
    loaded: dict[str, int] = client.run(os.getpid)
    return loaded


def arrow_schema(result: dd.DataFrame) -> pa.Schema:
    """The Arrow schema of a result of this module, from its meta: every partition is
    written with the same types, whatever it holds (an empty one too).  Without
    pandas' metadata: the files are plain Arrow tables, which any reader (Polars,
    DuckDB, Spark) takes as they are, and pandas reads without guessing dtypes."""
    import pyarrow as pa

    return pa.Schema.from_pandas(result._meta, preserve_index=False).remove_metadata()


def to_parquet(result: dd.DataFrame, path: str | os.PathLike[str]) -> list[str]:
    """Compute ``result`` on the workers and write it as a Parquet dataset: the folder
    ``path`` (made if need be), one file a partition (``part.0.parquet``, ...), each
    with :func:`arrow_schema`.  Returns the files written.

    Written by pyarrow from each worker rather than by ``DataFrame.to_parquet``: that
    one stores pandas' metadata, whose Arrow list dtype pandas cannot read back; plain
    Arrow files are read by ``pandas.read_parquet``, ``polars.read_parquet``,
    ``dask.dataframe.read_parquet`` and any other Parquet reader alike.
    """
    from dask.base import compute
    from dask.delayed import delayed

    folder = os.fspath(path)
    os.makedirs(folder, exist_ok=True)
    schema = arrow_schema(result)
    writes = [
        delayed(_write_part)(part, os.path.join(folder, f"part.{index}.parquet"), schema)
        for index, part in enumerate(result.to_delayed())
    ]
    written: tuple[str, ...] = compute(*writes)
    return list(written)


def _write_part(part: pd.DataFrame, path: str, schema: pa.Schema) -> str:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(part, schema=schema, preserve_index=False)
    pq.write_table(table.replace_schema_metadata(None), path)
    return path

"""The Dask adapter (lialia.integrations.dask) on a real cluster: a LocalCluster of two
worker processes, one thread each, started once for the module and torn down after it.

A corpus of files, and a text column of a Dask dataframe, are checked on the workers;
what comes back is pinned to what ``SpellChecker.check`` gives each file or cell in this
process.  Files that cannot be checked are rows, not failures of the job.
"""

from __future__ import annotations

import codecs
import importlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lialia import SpellChecker
from lialia.fix import confident_replacements
from lialia.integrations import batch
from lialia.integrations.batch import (
    CheckerSettings,
    UnknownOptionError,
    check_file,
    checker_for,
)

pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")
dd = importlib.import_module("dask.dataframe")
lialia_dask = importlib.import_module("lialia.integrations.dask")
lialia_pandas = importlib.import_module("lialia.integrations.pandas")

TEXTS = {
    "notes.txt": "ذهبت الى المدرسه\nكتاب جميل 2024 ok\nوفى السطر الثالث خطأ\n",
    "docs/guide.md": "# دليل\n\nقرأت فى المكتبه `الى` و [رابط](https://example.com)\n",
    "docs/page.html": "<p>الْمَدْرَسَةُ <code>الى</code> المدرسه</p>\n",
    "docs/deep/verse.txt": "ذَٰلِكَ ٱلْكِتَٰبُ لَا رَيْبَ فِيهِ ۝٢ قال الى\n",
    "right.txt": "كتاب جميل\n",
}


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with cluster, distributed.Client(cluster) as connected:
        yield connected


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    for name, text in TEXTS.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    # UTF-16 with its byte-order mark: read in its own encoding
    (folder / "utf16.txt").write_bytes(codecs.BOM_UTF16_LE + "قرأت الكتاب فى".encode("utf-16-le"))
    # data, never code: a Python file in the folder is not a text format, never read
    (folder / "tool.py").write_text("open('IMPORTED', 'w').close()\n", encoding="utf-8")
    (folder / ".gitignore").write_text("ignored.txt\n", encoding="utf-8")
    (folder / "ignored.txt").write_text("الى\n", encoding="utf-8")
    return folder


def _expected(path: Path, shown: str, checker: SpellChecker) -> list[tuple[Any, ...]]:
    """The rows of one file, from checking its text in this process."""
    from lialia.files import read_file
    from lialia.tokenize import syntax_for

    text = read_file(str(path)).text
    return [
        (shown, f.word, f.offset, f.line, f.column, f.best, _fix(f))
        for f in checker.check(text, syntax=syntax_for(str(path)))
    ]


def _fix(finding: Any) -> str | None:
    replacements = confident_replacements([finding])
    return replacements[0].new if replacements else None


def _rows(frame: Any) -> list[tuple[Any, ...]]:
    columns = ["path", "word", "start", "line", "column", "best", "fix"]
    return [
        tuple(None if pd.isna(value) else value for value in row)
        for row in frame[columns].itertuples(index=False)
    ]


@pytest.mark.parametrize("partition_mb", [1e-6, 8])
def test_a_corpus_on_two_workers_is_each_file_checked_alone(
    client: Any, corpus: Path, partition_mb: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(corpus.parent)
    result = lialia_dask.check_files(["corpus"], partition_mb=partition_mb)
    assert result.npartitions == (6 if partition_mb < 1 else 1)
    found = result.compute()
    checker = checker_for(CheckerSettings())
    names = sorted([*TEXTS, "utf16.txt"])
    expected = [
        row
        for name in names
        for row in _expected(corpus / name, os.path.join("corpus", name), checker)
    ]
    assert sorted(_rows(found), key=str) == sorted(expected, key=str)
    assert {row[0] for row in expected} == {
        os.path.join("corpus", name)
        for name in ("notes.txt", "docs/guide.md", "docs/page.html", "docs/deep/verse.txt")
    } | {os.path.join("corpus", "utf16.txt")}
    assert found["error"].isna().all()
    assert list(found.columns) == list(lialia_dask.FILE_COLUMNS)
    assert dict(found.dtypes) == dict(result.dtypes)  # the meta is what partitions hold
    assert not (corpus.parent / "IMPORTED").exists()


def test_files_that_cannot_be_checked_are_error_rows(client: Any, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("ذهبت الى البيت\n", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes("قرأت".encode() + b"\xff\xfe")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01" + "الى".encode())
    large = tmp_path / "large.txt"
    large.write_text("الى " * 300_000, encoding="utf-8")  # 1.5 MB, over a 1 MB limit
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    named = [good, tmp_path / "missing.txt", bad, binary, large, fifo]
    found = lialia_dask.check_files(named, max_file_size=1, partition_mb=1e-6).compute()
    errors = dict(zip(found["path"], found["error"], strict=True))
    assert errors.pop(str(good)) is pd.NA  # its one finding
    assert found.loc[found["path"] == str(good), "word"].tolist() == ["الى"]
    assert errors == {
        str(tmp_path / "missing.txt"): f"{tmp_path / 'missing.txt'}: no such file or folder"
        " — check the path",
        str(bad): f"{bad}: not valid utf-8 at byte 8 — pass --encoding with the file's encoding",
        str(binary): f"{binary}: binary file, skipped",
        str(large): f"{large}: larger than 1 MB (max-file-size) — raise max-file-size in the"
        " configuration or leave the file out",
        str(fifo): f"{fifo}: not a regular file — a FIFO (named pipe); to check what it"
        " carries, pipe it to lialia check -",
    }
    error_rows = found[found["error"].notna()]
    assert error_rows["word"].isna().all() and error_rows["start"].isna().all()


def test_each_worker_loads_one_checker_and_keeps_it(client: Any, corpus: Path) -> None:
    """The settings travel with the tasks, the checker never does: each worker builds
    its own once and every later task of the same settings uses it."""
    pids = lialia_dask.load_on_workers(client)
    assert len(pids) == 2 and len(set(pids.values())) == 2 and os.getpid() not in pids.values()

    def checkers() -> tuple[int, int]:
        return len(batch._checkers), id(checker_for(CheckerSettings()))

    before = client.run(checkers)
    lialia_dask.check_files([corpus], partition_mb=1e-6).compute()
    lialia_dask.check_files([corpus], partition_mb=1e-6).compute()
    assert client.run(checkers) == before
    # other settings: another checker beside it, in each worker that ran a task
    lialia_dask.check_files([corpus], extra_words=["المدرسه"], partition_mb=1e-6).compute()
    counts = [count for count, _ in client.run(checkers).values()]
    assert max(counts) == max(count for count, _ in before.values()) + 1


def _worker_state(dask_worker: Any) -> tuple[bool, int]:
    """Whether the worker's statistical profiler runs, and how many checkers it holds."""
    running = [
        name
        for name in lialia_dask.PROFILER_CALLBACKS
        if name in dask_worker.periodic_callbacks
        and dask_worker.periodic_callbacks[name].is_running()
    ]
    return bool(running), len(batch._checkers)


def test_loading_stops_the_profiler_on_every_worker_that_starts() -> None:
    """Dask's profiler samples the task thread's stack 100 times a second and costs
    lialia's loop up to a fifth of its speed: load_on_workers stops it (unless asked to keep
    it), and a worker that starts later (here: restarted) loads its checker and stops
    its profiler by itself, before any task."""
    # a dashboard on a free port: the module's cluster holds the default one
    cluster = distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0"
    )
    with cluster, distributed.Client(cluster) as client:
        assert list(client.run(_worker_state).values()) == [(True, 0)]
        pids = lialia_dask.load_on_workers(client, keep_profiler=True)
        assert list(client.run(_worker_state).values()) == [(True, 1)]
        assert lialia_dask.load_on_workers(client) == pids
        assert list(client.run(_worker_state).values()) == [(False, 1)]
        client.restart()
        assert set(client.run(os.getpid).values()).isdisjoint(pids.values())
        assert list(client.run(_worker_state).values()) == [(False, 1)]


@pytest.mark.parametrize("npartitions", [1, 3])
def test_a_dask_column_is_each_cell_checked_alone(client: Any, npartitions: int) -> None:
    cells = [
        "ذهبت الى المدرسه",
        None,
        "كتاب جميل 2024 ok",
        "الْمَدْرَسَةُ كبيرة، وذهبت الَى المكتبه.",
        "سطر\nوفى السطر الثانى خطأ",
        "اكثر من مرة",
    ]
    frame = pd.DataFrame({"text": cells}, index=[f"doc{i}" for i in range(len(cells))])
    ddf = dd.from_pandas(frame, npartitions=npartitions)
    result = lialia_dask.check_column(ddf, "text")
    found = result.compute()
    expected = lialia_pandas.check_series(frame["text"])
    # Dask holds its strings as Arrow strings: the values are compared, and the dtypes
    # with the result's meta
    pd.testing.assert_frame_equal(found.reset_index(drop=True), expected, check_dtype=False)
    assert dict(found.dtypes) == dict(result.dtypes)
    assert found["row"].tolist()[:2] == ["doc0", "doc0"]
    fixed = lialia_dask.correct_column(ddf, "text", into="fixed").compute()
    assert fixed["fixed"].tolist()[3] == "الْمَدْرَسَةُ كبيرة، وذهبت إلَى المكتبة."
    assert fixed["fixed"].tolist()[5] == "اكثر من مرة"  # a probable twin is never fixed
    assert fixed["text"].tolist()[0] == "ذهبت الى المدرسه"


def test_results_are_written_as_parquet_with_one_schema(
    client: Any, corpus: Path, tmp_path: Path
) -> None:
    result = lialia_dask.check_files([corpus, tmp_path / "missing.txt"], partition_mb=1e-6)
    written = lialia_dask.to_parquet(result, tmp_path / "out")
    assert len(written) == result.npartitions
    import pyarrow.parquet as pq

    schemas = {str(pq.read_schema(path)) for path in written}
    assert len(schemas) == 1  # files with no findings too
    (schema,) = schemas
    assert "suggestions: list<element: string>" in schema or "list<item: string>" in schema
    back = pl.read_parquet(tmp_path / "out" / "*.parquet")
    computed = result.compute()
    assert back.height == len(computed)
    assert back.schema["suggestions"] == pl.List(pl.String)
    assert back.filter(pl.col("error").is_not_null())["path"].to_list() == [
        str(tmp_path / "missing.txt")
    ]
    assert len(pd.read_parquet(tmp_path / "out")) == len(computed)


def test_standard_input_is_not_a_file(client: Any) -> None:
    with pytest.raises(ValueError, match="not standard input"):
        lialia_dask.check_files(["-"])


def test_large_files_are_read_in_chunks_and_give_the_whole_text_s_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Plain text is read a chunk of lines at a time (here 64 characters): positions
    are the file's, and a ``lialia: disable`` block across a chunk's end still masks."""
    import lialia.files

    monkeypatch.setattr(lialia.files, "CHUNK_CHARS", 64)
    text = (
        "ذهبت الى المدرسه\n" * 5
        + "lialia: disable\n"
        + "الى المدرسه هنا لا يفحص\n" * 6
        + "lialia: enable\n"
        + "وفى السطر الاخير\n" * 4
    )
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="utf-8")
    checker = checker_for(CheckerSettings())
    report = check_file(checker, str(path))
    assert report.error is None
    assert report.findings == checker.check(text)
    assert all(text[f.offset : f.end] == f.word for f in report.findings)
    assert report.findings[-1].line == 17


# a strict rule (a bare initial hamza) reports انا and انت as probable by default; lenient,
# they are words, and the misspelling الى is flagged either way
STRICT_TEXTS = ["انا ذاهب الى البيت", "انت تكتب 2024 ok", None]
STRICT_FOUND = {
    "default": [("انا", "probable"), ("الى", "misspelling"), ("انت", "probable")],
    "lenient": [("الى", "misspelling")],
}


def test_strictness_reaches_the_workers(client: Any, tmp_path: Path) -> None:
    frame = pd.DataFrame({"text": STRICT_TEXTS})
    ddf = dd.from_pandas(frame, npartitions=2)
    for i, text in enumerate(STRICT_TEXTS):
        if text is not None:
            (tmp_path / f"{i}.txt").write_text(text + "\n", encoding="utf-8")
    for strictness, expected in STRICT_FOUND.items():
        options = {} if strictness == "default" else {"strictness": strictness}
        assert len(lialia_dask.load_on_workers(client, **options)) == 2
        column = lialia_dask.check_column(ddf, "text", **options).compute()
        assert list(zip(column["word"], column["severity"], strict=True)) == expected
        files = lialia_dask.check_files([tmp_path], partition_mb=1e-6, **options).compute()
        files = files.sort_values(["path", "start"])
        assert list(zip(files["word"], files["severity"], strict=True)) == expected
        fixed = lialia_dask.correct_column(ddf, "text", into="fixed", **options).compute()
        # a probable twin is never fixed, whatever the strictness
        assert fixed["fixed"].tolist()[:2] == ["انا ذاهب إلى البيت", "انت تكتب 2024 ok"]


@pytest.mark.parametrize(
    "call",
    [
        lambda **bad: lialia_dask.check_files(["."], **bad),
        lambda **bad: lialia_dask.check_column(
            dd.from_pandas(pd.DataFrame({"text": ["انا"]}), npartitions=1), "text", **bad
        ),
        lambda **bad: lialia_dask.correct_column(
            dd.from_pandas(pd.DataFrame({"text": ["انا"]}), npartitions=1), "text", **bad
        ),
        lambda **bad: lialia_dask.load_on_workers(None, **bad),
    ],
    ids=["check_files", "check_column", "correct_column", "load_on_workers"],
)
def test_an_unknown_option_is_an_error_in_the_client(call: Any) -> None:
    with pytest.raises(UnknownOptionError, match="unknown checker option 'strictnes'"):
        call(strictnes="lenient")
    with pytest.raises(ValueError, match="strictness 'loose'"):
        call(strictness="loose")

"""Checking one source, a file or standard input, in this process or in worker processes."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass, field, replace

from ..checker import SpellChecker
from ..errors import MB, InputError, LialiaError
from ..files import STDIN, Chunk, Decoded, Skipped, Snapshot, TextReader, read_bytes, read_file
from ..findings import Finding
from ..tokenize import masked_spans, syntax_for
from .base import safe_import_path
from .settings import Settings, _build


@dataclass(slots=True)
class FileResult:
    """What checking one source gave; errors are strings so they cross processes."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    words: int = 0
    error: str | None = None
    note: str | None = None
    snapshot: Snapshot | None = None
    #: standard input, whatever ``path`` shows (``-``, or the name --stdin-filename gives)
    stdin: bool = False
    #: findings already handed to the printer chunk by chunk (not kept in ``findings``)
    streamed: int = 0


@dataclass(frozen=True, slots=True)
class StdinSource:
    """Standard input's bytes, the name its findings show and the syntax it is read as."""

    raw: bytes
    name: str = STDIN
    syntax: str = "plain"


_worker_settings: Settings | None = None


def _init_worker(settings: Settings, home: str | None = None) -> None:
    """Set up a worker process: started in an empty folder (see :func:`_spawning`), it
    moves to the folder the paths are relative to, with no entry for it on its import
    path; Ctrl-C is the parent's business (it stops the pool), not the workers'."""
    global _worker_settings
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if home is not None:
        os.chdir(home)
        sys.path[:] = safe_import_path(sys.path, home)
    _worker_settings = settings


def _check_text(
    checker: SpellChecker, settings: Settings, decoded: Decoded, syntax: str
) -> FileResult:
    findings, words = checker.check_counted(
        decoded.text, syntax=syntax, suggest=settings.suggest
    )
    return FileResult(decoded.path, findings, words, snapshot=decoded.snapshot)


def _check_path(
    path: str,
    settings: Settings | None = None,
    emit: Callable[[str, Sequence[Finding]], None] | None = None,
) -> FileResult:
    """Check one file.  Plain text is read and checked in chunks of whole lines (about
    a million code points each), so memory stays bounded however large the file; markup
    (Markdown, HTML, reStructuredText, TeX) and files under ``ignore-patterns`` are read
    whole, because a fence, a ``<pre>`` block, a literal block or a user's pattern may
    span lines and so the boundary between two chunks.  Either way at most
    ``max-file-size`` MB are read, and only from a regular file.

    With ``emit`` (a serial run that only reports), each chunk's findings are handed
    to it at once instead of being kept: the result counts them in ``streamed``."""
    settings = settings if settings is not None else _worker_settings
    assert settings is not None, "worker not initialised"
    limit = settings.max_file_size * MB
    syntax = syntax_for(path)
    try:
        checker = _build(settings)
        if syntax != "plain" or settings.ignore_patterns:
            decoded = read_file(path, settings.encoding, limit=limit)
            return _check_text(checker, settings, decoded, syntax)
        reader = TextReader(path, settings.encoding, limit=limit)
        findings: list[Finding] = []
        words = 0
        streamed = 0

        def check(chunk: Chunk) -> None:
            nonlocal words
            found, counted = checker.check_counted(
                chunk.text, syntax=syntax, suggest=settings.suggest
            )
            words += counted
            if chunk.offset:  # positions in the chunk become positions in the file
                found = [
                    replace(f, line=f.line + chunk.line, offset=f.offset + chunk.offset)
                    for f in found
                ]
            if emit is None:
                findings.extend(found)
            else:
                nonlocal streamed
                streamed += len(found)
                emit(path, found)

        held: Chunk | None = None
        for chunk in reader:
            if held is not None:
                chunk = Chunk(held.text + chunk.text, held.offset, held.line)
                held = None
            # a `lialia: disable` block still open at the chunk's end (its mask runs to the
            # end) goes on in the next chunk: check them together, as the whole text would
            if "lialia" in chunk.text:
                masks = masked_spans(chunk.text, syntax)
                if masks and masks[-1][1] == len(chunk.text):
                    held = chunk
                    continue
            check(chunk)
        if held is not None:  # the file ended inside a disabled block
            check(held)
        return FileResult(path, findings, words, snapshot=reader.snapshot, streamed=streamed)
    except Skipped as e:
        return FileResult(path, note=str(e))
    except LialiaError as e:
        return FileResult(path, error=str(e))


def _check_stdin(settings: Settings, source: StdinSource) -> tuple[FileResult, Decoded | None]:
    name = source.name
    try:
        decoded = read_bytes(source.raw, settings.encoding)
        result = _check_text(_build(settings), settings, decoded, source.syntax)
    except Skipped as e:
        return FileResult(name, note=f"{name}: {e.reason}", stdin=True), None
    except LialiaError as e:
        return FileResult(name, error=_named(e, name), stdin=True), None
    result.path, result.stdin = name, True
    return result, decoded


def _named(error: LialiaError, name: str) -> str:
    """An error about standard input, shown under the name --stdin-filename gives it."""
    if isinstance(error, InputError) and error.path == STDIN:
        return f"{name}: {error.problem}"
    return str(error)


def _cpu_count() -> int:
    """The CPUs this process may run on (its affinity mask, where the system has one)."""
    counted: Callable[[], int | None] | None = getattr(os, "process_cpu_count", None)
    if counted is None and hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, (counted or os.cpu_count)() or 1)


def worker_count(jobs: int, files: int, cpus: int | None = None) -> int:
    """How many worker processes ``--jobs`` gets: ``0`` means one per CPU; never more
    than the CPUs (more would only compete for them, each with its own copy of the
    checker) nor than the files.  1 means checking in this process.

    >>> worker_count(64, 1000, cpus=4), worker_count(0, 3, cpus=8), worker_count(2, 1, cpus=8)
    (4, 3, 1)
    """
    cpus = _cpu_count() if cpus is None else cpus
    wanted = cpus if jobs == 0 else jobs
    return max(1, min(wanted, cpus, files))


@contextlib.contextmanager
def _spawning(empty: str) -> Iterator[None]:
    """The state worker processes start from.  Python starts each one (and
    multiprocessing's resource tracker) with ``python -c ...``, which puts the current
    folder first on its import path, and gives it the parent's ``sys.path`` besides: a
    checked repository holding ``multiprocessing/__init__.py`` or ``typer.py`` would be
    executed in every worker.  So, while they start: the current folder is ``empty`` (a
    new, empty folder), ``sys.path`` names neither it nor the real one, and Ctrl-C is
    ignored (the workers inherit that, and never print a KeyboardInterrupt traceback);
    :func:`_init_worker` then moves each worker back to the real folder."""
    home = os.getcwd()
    saved_path = list(sys.path)
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if main_thread else None
    try:
        sys.path[:] = safe_import_path(saved_path, home)
        os.chdir(empty)
        yield
    finally:
        os.chdir(home)
        sys.path[:] = saved_path
        if main_thread:
            signal.signal(signal.SIGINT, previous if previous is not None else signal.SIG_DFL)


def _results(
    paths: Sequence[str],
    settings: Settings,
    workers: int,
    stdin: StdinSource | None,
    emit: Callable[[str, Sequence[Finding]], None] | None = None,
) -> Generator[tuple[FileResult, Decoded | None], None, None]:
    """Results in input order; files are read again by the fixer, so only stdin carries
    its decoded text along.  ``emit``: see :func:`_check_path` (serial runs only)."""
    files = [p for p in paths if p != STDIN]
    if workers > 1 and len(files) > 1:
        yield from _pooled(paths, files, settings, workers, stdin)
        return
    for path in paths:
        if path == STDIN:
            yield _check_stdin(settings, stdin or StdinSource(b""))
        else:
            yield _check_path(path, settings, emit), None


def _pooled(
    paths: Sequence[str],
    files: list[str],
    settings: Settings,
    workers: int,
    stdin: StdinSource | None,
) -> Generator[tuple[FileResult, Decoded | None], None, None]:
    # imported here: only --jobs pays for them
    import multiprocessing
    import tempfile
    from concurrent.futures import ProcessPoolExecutor

    home = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="lialia-") as empty:
        with _spawning(empty):
            # spawn, not fork: a fork while the progress bar's thread holds a lock can hang
            pool = ProcessPoolExecutor(
                max_workers=workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_init_worker,
                initargs=(settings, home),
            )
            try:  # map() starts the workers, so it belongs in here
                by_file = pool.map(
                    _check_path, files, chunksize=max(1, len(files) // (workers * 8))
                )
            except BaseException:
                pool.shutdown(wait=True, cancel_futures=True)
                raise
        try:
            for path in paths:
                if path == STDIN:
                    yield _check_stdin(settings, stdin or StdinSource(b""))
                else:
                    yield next(by_file), None
        finally:
            # on Ctrl-C, a broken pipe or an error: drop the files not started yet
            pool.shutdown(wait=True, cancel_futures=True)

"""Checking one source, a file or standard input, in this process or in worker processes."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, field, replace

from ..checker import SpellChecker
from ..errors import MB, InputError, LialiaError
from ..files import (
    STDIN,
    Chunk,
    Decoded,
    Skipped,
    Snapshot,
    TextReader,
    checked_chunks,
    read_bytes,
    read_file,
)
from ..findings import Finding
from ..tokenize import syntax_for
from .base import Printer
from .settings import Settings, _build

#: a plain-text file this large (bytes) is read by the parent under ``--jobs`` and its
#: pieces are checked by whichever process is free (see :mod:`lialia.cli.workers`)
SPLIT_BYTES = 1 << 20
#: about the bytes of one such piece (whole lines)
PIECE_BYTES = 1 << 19


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


def _worker_settings() -> Settings:
    """The settings of a worker process (see :mod:`lialia.cli.workers`)."""
    from . import workers

    return workers.plan().settings


def _check_text(
    checker: SpellChecker, settings: Settings, decoded: Decoded, syntax: str
) -> FileResult:
    findings, words = checker.check_counted(decoded.text, syntax=syntax, suggest=settings.suggest)
    return FileResult(decoded.path, findings, words, snapshot=decoded.snapshot)


def _moved(found: list[Finding], chunk: Chunk) -> list[Finding]:
    """Positions in a chunk moved to positions in its file."""
    if not chunk.offset:
        return found
    return [replace(f, line=f.line + chunk.line, offset=f.offset + chunk.offset) for f in found]


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
    settings = settings if settings is not None else _worker_settings()
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
        for chunk in checked_chunks(reader, syntax):
            found, counted = checker.check_counted(
                chunk.text, syntax=syntax, suggest=settings.suggest, before=chunk.before
            )
            words += counted
            found = _moved(found, chunk)
            if emit is None:
                findings.extend(found)
            else:
                streamed += len(found)
                emit(path, found)
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


def splits(path: str, settings: Settings) -> int:
    """Into how many pieces ``--jobs`` cuts a file: a large plain-text file (read in
    chunks anyway) into pieces of about :data:`PIECE_BYTES`; other files, and files
    that cannot be looked at (the checking says why), stay whole.

    A file in ``ignore-patterns`` or in a markup syntax is read whole, as it must be.
    """
    if path == STDIN or syntax_for(path) != "plain" or settings.ignore_patterns:
        return 1
    try:
        found = os.stat(path)
    except (OSError, ValueError):
        return 1
    if not stat.S_ISREG(found.st_mode) or found.st_size < SPLIT_BYTES:
        return 1
    return -(-found.st_size // PIECE_BYTES)


def worker_count(jobs: int, files: int, cpus: int | None = None) -> int:
    """How many processes ``--jobs`` checks in: ``0`` means one per CPU; never more
    than the CPUs (more would only compete for them, each with its own copy of the
    checker) nor than the files (a large plain-text file counts as its
    :func:`splits`).  1 means checking in this process alone.

    >>> worker_count(64, 1000, cpus=4), worker_count(0, 3, cpus=8), worker_count(2, 1, cpus=8)
    (4, 3, 1)
    """
    cpus = _cpu_count() if cpus is None else cpus
    wanted = cpus if jobs == 0 else jobs
    return max(1, min(wanted, cpus, files))


def _results(
    paths: Sequence[str],
    settings: Settings,
    workers: int,
    stdin: StdinSource | None,
    printer: Printer | None = None,
    writes: bool = False,
) -> Generator[tuple[FileResult, Decoded | None], None, None]:
    """Results in input order; files are read again by the fixer, so only stdin carries
    its decoded text along.  ``printer``: a run that only reports prints findings as
    they come (a large file's chunk by chunk) rather than keeping them in the results.
    ``writes``: the caller writes each result's corrections before it takes the next
    (``--fix``, ``--interactive``), so a file is read only after every earlier result
    was written; with several workers, a further name of a file (a hard link) is read
    in its turn for that reason."""
    if workers > 1:
        from .workers import pooled  # imported here: only --jobs pays for it

        yield from pooled(paths, settings, workers, stdin, printer, writes)
        return
    emit = printer.add if printer is not None else None
    for path in paths:
        if path == STDIN:
            yield _check_stdin(settings, stdin or StdinSource(b""))
        else:
            yield _check_path(path, settings, emit), None

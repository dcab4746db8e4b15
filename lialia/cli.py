"""The ``lialia`` command: check, fix, suggest and the project word list.

Only this module knows about exit codes and terminals.  Every :class:`LialiaError` is
turned into one line ``lialia: error: <file>: <what> — <what to do>`` on stderr and exit
code 2, after the other files have been checked.  Standard output carries only findings
(or a diff, or fixed text), so ``--format json`` and ``sarif`` stay parseable.

Whatever else happens ends in one exit code and at most one line on stderr (see
:func:`_outcome`): Ctrl-C exits 130, a reader that leaves a pipe (``| head``) 141,
quietly; an output that cannot be written and any unexpected exception, in this process
or a worker, exit 2 (never 1, which means "misspellings found").
"""

from __future__ import annotations

import contextlib
import functools
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from enum import IntEnum
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional, ParamSpec

import typer

from . import __version__, index, report
from . import config as configuration
from . import fix as fixing
from .checker import SpellChecker
from .errors import (
    MB,
    ConfigError,
    FileChangedError,
    FileTooLargeError,
    InputError,
    LialiaError,
    UnknownLexiconError,
)
from .files import (
    DEFAULT_MAX_FILE_SIZE,
    STDIN,
    Chunk,
    Decoded,
    Pattern,
    Skipped,
    Snapshot,
    TextReader,
    canonical_encoding,
    compile_patterns,
    discover,
    is_ignored,
    read_bytes,
    read_file,
    read_stream,
)
from .findings import Finding, Severity
from .lexicon import Status
from .normalize import carry_marks, normalize
from .report import Format, Located
from .tokenize import WORD_RE, masked_spans, syntax_for

if TYPE_CHECKING:  # Rich costs tens of milliseconds to import: only terminals need it
    from rich.console import Console
    from rich.progress import Progress

    from .quran import SearchResult  # imported by lialia search alone


class ExitCode(IntEnum):
    """The exit codes of every ``lialia`` command (documented in the README)."""

    #: nothing found (``check``), every word correct (``suggest``)
    OK = 0
    #: misspellings found (``check`` without ``--fix``; after ``--fix``: some are left)
    FOUND = 1
    #: a usage, configuration, input or output error (the other files were still
    #: checked), or an internal error: lialia could not check
    ERROR = 2
    #: stopped by Ctrl-C (128 + SIGINT)
    INTERRUPTED = 130
    #: the reader of standard output went away, as ``| head`` does (128 + SIGPIPE)
    READER_GONE = 141


#: where an internal error should be reported (the project publishes no tracker URL)
REPORT_TO = "to the maintainers"


#: show a progress bar (on a terminal) from this many files on
PROGRESS_MIN_FILES = 20

app = typer.Typer(
    name="lialia",
    help="An Arabic spell checker for files, folders, pipes, CI and pre-commit.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain usage errors and help: no boxes in CI logs and pipes
)
words_app = typer.Typer(
    help="The project word list (.lialia-words.txt).", no_args_is_help=True, rich_markup_mode=None
)
app.add_typer(words_app, name="words")


#: the progress bar's console while the bar is on screen (see :func:`_say`)
_live: Console | None = None


def _may_be_terminal(err: bool) -> bool:
    """Whether Rich could take the stream for a terminal, decided without importing Rich
    (its own rules: TTY_COMPATIBLE, then FORCE_COLOR, then isatty); a pipe or a file,
    the usual case in CI and hooks, never pays for Rich."""
    compatible = os.environ.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    stream = sys.stderr if err else sys.stdout
    return bool(os.environ.get("FORCE_COLOR")) or (stream is not None and stream.isatty())


def _console(err: bool) -> Console:
    from rich.console import Console

    return Console(stderr=err, highlight=False, markup=False, soft_wrap=True)


# ---------------------------------------------------------------------------------------
# writing to the standard streams, and the one way every run ends


class OutputError(Exception):
    """Standard output (or error) cannot be written: a full disk, a closed stream."""

    def __init__(self, err: bool, problem: str) -> None:
        self.err = err
        super().__init__(f"cannot write to standard {'error' if err else 'output'}: {problem}")


class ReaderGone(Exception):
    """The reader of a pipe lialia writes to has left (``lialia check | head -1``)."""

    def __init__(self, err: bool) -> None:
        self.err = err
        super().__init__("the reader of standard " + ("error" if err else "output") + " left")


@contextlib.contextmanager
def _writing(err: bool) -> Iterator[None]:
    """Turn the failures of a write to stdout (or stderr) into :class:`ReaderGone` or
    :class:`OutputError`, so that they are told apart from lialia's own bugs."""
    if (sys.stderr if err else sys.stdout) is None:  # closed by the caller: >&-
        raise OutputError(err, "it is closed")
    try:
        yield
    except BrokenPipeError:
        raise ReaderGone(err) from None
    except OSError as e:
        raise OutputError(err, e.strerror or str(e)) from None


def _emit(text: str, *, err: bool = False, nl: bool = True) -> None:
    with _writing(err):
        typer.echo(text, err=err, nl=nl)


def _emit_bytes(data: bytes) -> None:
    with _writing(False):
        stream = typer.get_binary_stream("stdout")
        stream.write(data)
        stream.flush()


def _say(text: str, *, err: bool) -> None:
    """Write lines to stdout or stderr.  While a progress bar is shown, what is meant for
    the terminal goes through the bar's console, which prints it above the bar instead of
    through it; output redirected to a file or a pipe is written as usual."""
    if _live is not None and (err or (sys.stdout is not None and sys.stdout.isatty())):
        with _writing(err):
            _live.print(text, markup=False, highlight=False, soft_wrap=True)
    else:
        _emit(text, err=err)


def _error(message: str) -> None:
    _say(f"lialia: error: {message}", err=True)


def _note(message: str, quiet: bool) -> None:
    if not quiet:
        _say(f"lialia: {message}", err=True)


def _announce_compiles(quiet: bool) -> None:
    """On a terminal, say why a run waits: a word list with no valid shipped copy (an
    editable install, an edited list) is compiled once into the cache, in seconds."""
    if not quiet and _may_be_terminal(True):
        index.on_compile(
            lambda name: _note(f"compiling the {name} word list (once: later runs reuse it)", quiet)
        )


def _last_words(line: str) -> None:
    """One line on stderr when lialia is about to stop, unless stderr itself is broken."""
    with contextlib.suppress(Exception):
        if sys.stderr is not None:
            sys.stderr.write(line + "\n")
            sys.stderr.flush()


def _silence(err: bool) -> None:
    """Point a broken standard stream at the null device: what is still buffered for it
    is flushed again when Python exits, and would print a second error ("Exception
    ignored ...") if the stream still led to the closed pipe or the full disk."""
    stream = sys.stderr if err else sys.stdout
    with contextlib.suppress(Exception):  # no descriptor (a test's capture): nothing to do
        fd = stream.fileno()
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, fd)
        finally:
            os.close(null)


def internal_error(error: BaseException) -> str:
    """The one line an unexpected exception is reported as."""
    message = " ".join(line.strip() for line in str(error).splitlines() if line.strip())
    what = f"{type(error).__name__}: {message}" if message else type(error).__name__
    return (
        f"lialia: internal error: {what} (lialia {__version__}; "
        f"please report it {REPORT_TO} with the command you ran)"
    )


def _outcome(error: BaseException) -> int:
    """Report what stopped a run (on stderr, one line at most) and return its exit code."""
    if isinstance(error, KeyboardInterrupt):
        _last_words("lialia: interrupted")
        return ExitCode.INTERRUPTED
    if isinstance(error, ReaderGone):  # as if killed by SIGPIPE, like cat or grep: quietly
        _silence(error.err)
        return ExitCode.READER_GONE
    if isinstance(error, OutputError):
        _silence(error.err)
        _last_words(f"lialia: error: {error} — send the output elsewhere")
        return ExitCode.ERROR
    _last_words(internal_error(error))
    return ExitCode.ERROR


P = ParamSpec("P")


def _guarded(command: Callable[P, None]) -> Callable[P, None]:
    """A command whose every ending is an exit code: usage errors and ``typer.Exit`` pass
    through; Ctrl-C, a broken pipe, an unwritable output and any unexpected exception
    become :func:`_outcome`'s line and code instead of a traceback (or Click's exit 1)."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            command(*args, **kwargs)
        except (typer.Exit, typer.Abort, typer.BadParameter):
            raise
        except (KeyboardInterrupt, Exception) as e:
            raise typer.Exit(_outcome(e)) from None

    return run


@contextlib.contextmanager
def _interrupts_held() -> Iterator[None]:
    """Hold Ctrl-C while a file is replaced: the write completes (it is atomic anyway),
    then the interrupt is raised.  Only the main thread can handle signals."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []

    def hold(signum: int, frame: object) -> None:
        caught.append(signum)

    previous = signal.signal(signal.SIGINT, hold)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous if previous is not None else signal.SIG_DFL)
    if caught:
        raise KeyboardInterrupt


def _plug_closed_descriptors() -> None:
    """Open the null device on standard descriptors the caller closed (``<&-``), so that
    the next file lialia opens does not become descriptor 0, 1 or 2, which worker
    processes inherit as their standard streams.  ``sys.stdin`` and the others stay
    None: that is how lialia knows that they were closed."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            try:
                null = os.open(os.devnull, os.O_RDWR)
            except OSError:
                return
            if null != fd:
                os.dup2(null, fd)
                os.close(null)


def _own_home() -> str:
    """The folder lialia's package was imported from."""
    return os.path.dirname(os.path.dirname(os.path.realpath(__file__)))


def safe_import_path(entries: Sequence[str], cwd: str) -> list[str]:
    """``sys.path`` without the entries that name the current folder (``''``, ``.``, or
    the folder itself): a checked folder is data, and a ``typer.py`` or
    ``multiprocessing/`` in it must never be imported.  The folder lialia itself comes
    from stays (running from a source tree), or worker processes could not import it.

    >>> safe_import_path(["", "/usr/lib/python3", "/repo"], "/repo")
    ['/usr/lib/python3']
    """
    here = os.path.realpath(cwd)
    own = _own_home()
    safe: list[str] = []
    for entry in entries:
        place = os.path.realpath(os.path.join(cwd, entry))
        if (not entry or place == here) and place != own:
            continue
        safe.append(entry)
    return safe


def main(argv: Sequence[str] | None = None) -> int:
    """The ``lialia`` console script and ``python -m lialia``: run the command line and
    return its exit code, never a traceback (the table is in the README)."""
    _plug_closed_descriptors()
    saved = list(sys.path)
    with contextlib.suppress(OSError):  # a deleted current folder: nothing to remove
        sys.path[:] = safe_import_path(saved, os.getcwd())
    try:
        try:
            app(args=None if argv is None else list(argv), prog_name="lialia")
            code: int = ExitCode.OK
        except SystemExit as e:  # typer's standalone mode always ends here
            code = e.code if isinstance(e.code, int) else ExitCode.OK if e.code is None else 2
        if sys.stdout is not None:
            with _writing(False):  # what is still buffered: a full disk shows only now
                sys.stdout.flush()
    except (KeyboardInterrupt, Exception) as e:  # outside a command: parsing, --version
        code = _outcome(e)
    finally:
        sys.path[:] = saved
    return code


def _version(value: bool) -> None:
    if value:
        _emit(f"lialia {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """An Arabic spell checker for files, folders, pipes, CI and pre-commit."""


# ---------------------------------------------------------------------------------------
# building the checker


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a checker (in this process or a worker) is built from; hashable."""

    lexicons: tuple[str, ...]
    extra_words: tuple[str, ...]
    report_probable: bool
    min_length: int
    ignore_patterns: tuple[str, ...]
    encoding: str | None = None
    suggest: bool = True
    #: the largest file read, in MB (the configuration's ``max-file-size``)
    max_file_size: int = DEFAULT_MAX_FILE_SIZE


def _settings(
    cfg: configuration.Config,
    lexicons: Sequence[str],
    encoding: str | None = None,
    suggest: bool = True,
) -> Settings:
    return Settings(
        lexicons=tuple(lexicons) or cfg.lexicons,
        extra_words=cfg.words(),
        report_probable=cfg.report_probable,
        min_length=cfg.min_length,
        ignore_patterns=cfg.ignore_patterns,
        encoding=encoding,
        suggest=suggest,
        max_file_size=cfg.max_file_size,
    )


@lru_cache(maxsize=4)
def _build(settings: Settings) -> SpellChecker:
    return SpellChecker(
        settings.lexicons,
        settings.extra_words,
        report_probable=settings.report_probable,
        min_length=settings.min_length,
        ignore_patterns=settings.ignore_patterns,
    )


def _checker(settings: Settings, cfg: configuration.Config, from_cli: bool) -> SpellChecker:
    try:
        return _build(settings)
    except UnknownLexiconError as e:
        if from_cli or cfg.path is None:
            raise
        raise ConfigError(configuration.display_path(cfg.path), "lexicons", str(e)) from None


def _load_config(path: Path | None, start: Path | None = None) -> configuration.Config:
    try:
        return configuration.load(start, explicit=path)
    except LialiaError as e:
        _error(str(e))
        raise typer.Exit(ExitCode.ERROR) from None


# ---------------------------------------------------------------------------------------
# checking one source (in this process or a worker process)


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


# ---------------------------------------------------------------------------------------
# output


class Printer:
    """Writes findings to stdout (or stderr) in one format, in order."""

    def __init__(self, fmt: Format, *, to_stderr: bool = False, suggested: bool = True) -> None:
        self.format = fmt
        self.to_stderr = to_stderr
        self.suggested = suggested
        self.console = _console(to_stderr) if _may_be_terminal(to_stderr) else None
        self.collected: list[Located] = []

    def add(self, path: str, findings: Sequence[Finding]) -> None:
        items = [Located(path, finding, self.suggested) for finding in findings]
        if not items:
            return
        if self.format is Format.SARIF:
            self.collected.extend(items)
            return
        if self.format is Format.TEXT and self.console and self.console.is_terminal:
            from rich.text import Text

            on_live = _live is not None and (self.to_stderr or sys.stdout.isatty())
            console = _live if on_live and _live is not None else self.console
            with _writing(self.to_stderr):
                console.print(Text("\n").join(report.text_rich(item) for item in items))
            return
        render = {
            Format.TEXT: report.text_line,
            Format.JSON: report.json_line,
            Format.GITHUB: report.github_line,
        }[self.format]
        # one write a file, not one a finding: printing must not be what a run waits on
        _say("\n".join(render(item) for item in items), err=self.to_stderr)

    def close(self) -> None:
        if self.format is Format.SARIF:
            _emit(report.sarif(self.collected), err=self.to_stderr)


def _progress(total: int, quiet: bool) -> Progress | None:
    if quiet or total < PROGRESS_MIN_FILES or not _may_be_terminal(True):
        return None
    from rich.console import Console
    from rich.progress import Progress

    console = Console(stderr=True)
    if not console.is_terminal:
        return None
    # no redirection of sys.stdout into the bar's console: findings sent to a file must
    # stay in the file; _say routes what is meant for the terminal instead
    return Progress(console=console, transient=True, redirect_stdout=False, redirect_stderr=False)


# ---------------------------------------------------------------------------------------
# fixing


@dataclass(slots=True)
class Tally:
    files: int = 0
    words: int = 0
    findings: int = 0  # everything found
    fixed: int = 0  # corrected (--fix, --interactive, stdin --fix)
    left: int = 0  # found and not corrected: decides the exit code
    errors: int = 0


def _remaining(findings: Sequence[Finding], fixed: Sequence[fixing.Replacement]) -> list[Finding]:
    done = {r.offset for r in fixed}
    return [f for f in findings if f.offset not in done]


def _reread(result: FileResult, settings: Settings) -> Decoded:
    """The file as the fixer sees it, which must be what the checker saw."""
    decoded = read_file(result.path, settings.encoding, limit=settings.max_file_size * MB)
    if decoded.snapshot != result.snapshot:
        raise FileChangedError(result.path)
    return decoded


#: line and paragraph separators and other control characters: not in a replacement
_NOT_IN_A_WORD = frozenset("\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def _marked(finding: Finding, suggestion: str) -> str:
    """A chosen suggestion as it is written in: with the vowel marks of the letters it
    keeps (``الَى`` -> ``إلَى``); bare where they cannot be carried, since the writer
    chose it."""
    return carry_marks(finding.word, suggestion) or suggestion


class Asker:
    """``--interactive``: one question per finding, on stderr, answered on stdin.

    A number takes that suggestion, ``e`` takes a replacement typed in, ``R`` replaces
    the word everywhere in the run (this file's later occurrences and later files are
    not asked again), ``s`` skips, ``a`` adds the word to the project word list, ``q``
    stops asking; the end of input is a ``q``.
    """

    def __init__(self, cfg: configuration.Config, checker: SpellChecker) -> None:
        self.cfg = cfg
        self.checker = checker
        self.console = _console(True)
        self.added: set[str] = set()
        #: ``R`` answers: a word exactly as written -> its replacement, for the whole run
        self.always: dict[str, str] = {}
        self.quit = False

    def read_line(self) -> str | None:
        """One line of answer from stdin; None at its end."""
        return sys.stdin.readline() or None

    def _prompt(self, question: str, default: str = "") -> str | None:
        """The reply to ``question`` (stripped; ``default`` when empty), None at the end
        of input."""
        # not typer.prompt: it writes a space to stdout, which must carry findings only
        self.console.print(question, end="")
        reply = self.read_line()
        if reply is None:
            self.console.print("")
            return None
        reply = reply.strip() or default
        if not sys.stdin.isatty():  # answers from a pipe: show them, as a terminal would
            self.console.print(reply)
        return reply

    def _typed(self, word: str, typed: str) -> str | None:
        """``typed`` as a replacement for ``word``, or None (said why) to ask again.

        A replacement is one line, not empty, without control characters; it is checked
        like any text, and a flagged one is used only when confirmed."""
        import unicodedata

        problem = None
        if not typed:
            problem = "an empty replacement"
        elif len(typed.splitlines()) != 1 or any(
            c in _NOT_IN_A_WORD or unicodedata.category(c) == "Cc" for c in typed
        ):
            problem = "one line of text, without control characters, please"
        if problem is not None:
            self.console.print(f"{problem}: {word} is left as it is")
            return None
        if typed == word or self.checker.severity(typed) is None:
            return typed
        sure = self._prompt(f"{typed} is flagged too; use it anyway? [y/N]: ", "n")
        return typed if sure is not None and sure.lower() in ("y", "yes") else None

    def ask(self, decoded: Decoded, finding: Finding) -> str | None:
        """The replacement chosen for ``finding``, or None to leave it."""
        if normalize(finding.word) in self.added:
            return None
        if finding.word in self.always:
            return self.always[finding.word]
        text = decoded.text
        start = text.rfind("\n", 0, finding.offset) + 1
        end = text.find("\n", finding.end)
        end = len(text) if end == -1 else end
        from rich.text import Text

        line = Text(text[start : finding.offset].rstrip("\r"))
        line.append(finding.word, style="bold red")
        line.append(text[finding.end : end].rstrip("\r"))
        self.console.print(f"{decoded.path}:{finding.line}:{finding.column}: {finding.word}")
        self.console.print(line)
        options = [s.word for s in finding.suggestions[:5]]
        numbers = [str(i) for i in range(1, len(options) + 1)]
        menu = "  ".join(f"{i}) {word}" for i, word in zip(numbers, options, strict=True))
        keys = "s) skip  e) edit  R) replace all  a) add to word list  q) quit"
        while True:
            self.console.print(f"{menu}  {keys}".strip())
            answer: str | None = ""
            while answer not in (*numbers, "s", "e", "R", "a", "q"):
                answer = self._prompt("choice [s]: ", "s")
                if answer is None:  # end of input: stop asking, as q does
                    answer = "q"
                elif answer != "R":
                    answer = answer.lower()
            if answer == "q":
                self.quit = True
                return None
            if answer == "s":
                return None
            if answer == "a":
                word = normalize(finding.word)
                with _interrupts_held():
                    configuration.add_words(self.cfg.words_file, [word])
                self.added.add(word)
                shown = configuration.display_path(self.cfg.words_file)
                self.console.print(f"added {word} to {shown}")
                return None
            if answer in numbers:
                return _marked(finding, options[int(answer) - 1])
            everywhere = answer == "R"
            if everywhere:
                question = f"replace every {finding.word} with (a number or a word)"
                default = "1" if options else ""
                reply = self._prompt(
                    f"{question} [{default}]: " if default else f"{question}: ", default
                )
            else:
                reply = self._prompt("replacement: ")
            if reply is None:
                self.quit = True
                return None
            new = (
                _marked(finding, options[int(reply) - 1])
                if reply in numbers
                else self._typed(finding.word, reply)
            )
            if new is None:
                continue  # not taken: the same question again
            if everywhere:
                self.always[finding.word] = new
            return new


# ---------------------------------------------------------------------------------------
# commands


FormatOption = Annotated[
    Format, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)
]
LexiconOption = Annotated[
    Optional[list[str]],  # noqa: UP045 - Typer needs Optional on Python 3.10
    typer.Option(
        "--lexicon",
        "-l",
        help="Lexicon (repeatable): msa, quran (default: the configuration's, or msa).",
    ),
]
ConfigOption = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option("--config", help="Use this configuration file instead of looking for one."),
]


def _stdin_lines() -> list[str]:
    """The lines of standard input, stripped, blank ones too (output line n answers input
    line n), or a one-line error (exit 2) when they are not UTF-8."""
    raw = _stdin_bytes(STDIN)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        _error(f"-: not valid UTF-8 at byte {e.start} — send UTF-8 text")
        raise typer.Exit(ExitCode.ERROR) from None
    return [line.strip() for line in text.splitlines()]


def _emit_in_batches(lines: Iterable[str], batch: int = 256) -> None:
    """Print answers a batch of lines at a time: one write per line would make a long
    list wait on the terminal, one write for all would hold them back."""
    out: list[str] = []
    for line in lines:
        out.append(line)
        if len(out) >= batch:
            _emit("\n".join(out))
            out.clear()
    if out:
        _emit("\n".join(out))


def _stdin_bytes(name: str, limit: int = DEFAULT_MAX_FILE_SIZE * MB) -> bytes:
    """All of standard input (at most ``limit`` bytes), or a one-line error (exit 2) when
    it cannot be read or is larger."""
    if sys.stdin is None:  # closed by the caller: <&-
        _error(f"{name}: standard input is closed — pipe text into lialia, or name files")
        raise typer.Exit(ExitCode.ERROR)
    try:
        return read_stream(typer.get_binary_stream("stdin"), limit, name)
    except FileTooLargeError as e:
        _error(str(e))
        raise typer.Exit(ExitCode.ERROR) from None
    except OSError as e:
        _error(f"{name}: cannot read standard input: {e.strerror or e}")
        raise typer.Exit(ExitCode.ERROR) from None


def excluded(path: str, excludes: Sequence[Pattern]) -> bool:
    """Whether ``--force-exclude`` leaves out a path named on the command line: the
    path, or a folder above it, matches an exclude pattern (as in a folder walk, a file
    in an excluded folder is excluded)."""
    absolute = os.path.abspath(path)
    if is_ignored(excludes, absolute, os.path.isdir(absolute)):
        return True
    return any(is_ignored(excludes, str(folder), True) for folder in Path(absolute).parents)


@app.command()
@_guarded
def check(
    paths: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Argument(
            help="Files, folders, or - for standard input (default: the current folder)."
        ),
    ] = None,
    fmt: FormatOption = Format.TEXT,
    fix: Annotated[
        bool,
        typer.Option(
            "--fix",
            "-w",
            "--write-changes",
            help="Apply the confident corrections in place (with -: print the corrected text).",
        ),
    ] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="Print the confident corrections as a unified diff.")
    ] = False,
    interactive: Annotated[
        bool,
        typer.Option(
            "--interactive",
            "-i",
            help="Ask what to do with each finding (Ctrl-C keeps the answers given so far).",
        ),
    ] = False,
    exclude: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option("--exclude", help="Skip paths matching this glob in folders (repeatable)."),
    ] = None,
    force_exclude: Annotated[
        bool,
        typer.Option(
            "--force-exclude",
            help="Apply the excludes to paths named on the command line too (pre-commit).",
        ),
    ] = False,
    stdin_filename: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--stdin-filename",
            metavar="PATH",
            help="Check standard input as this file: its syntax, configuration and name.",
        ),
    ] = None,
    encoding: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--encoding",
            help="Read files in this encoding (default: UTF-8, or as a byte-order mark says).",
        ),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=0,
            help="Processes to use; 0 for one per CPU (never more than the CPUs or the files).",
        ),
    ] = 1,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No summary, notes or progress bar.")
    ] = False,
    no_suggestions: Annotated[
        bool,
        typer.Option(
            "--no-suggestions",
            help="Only find misspelled words, like hunspell -l: several times faster.",
        ),
    ] = False,
    lexicon: LexiconOption = None,
    config_file: ConfigOption = None,
) -> None:
    """Check files, folders or standard input (-) for misspelled Arabic words."""
    started = time.perf_counter()
    if stdin_filename is not None:
        if any(p != STDIN for p in paths or ()):
            raise typer.BadParameter(
                "it names standard input: give - alone, or no path", param_hint="--stdin-filename"
            )
        if not stdin_filename.strip():
            raise typer.BadParameter("give a file name", param_hint="--stdin-filename")
        paths = [STDIN]
    paths = list(paths or ["."])
    if interactive and (fix or diff):
        raise typer.BadParameter("--interactive cannot be combined with --fix or --diff")
    if no_suggestions and (fix or diff or interactive):
        raise typer.BadParameter("--no-suggestions leaves nothing to fix: drop one of them")
    if interactive and STDIN in paths:
        raise typer.BadParameter("--interactive reads answers from stdin; it cannot check -")
    if encoding is not None:
        try:
            encoding = canonical_encoding(encoding)
        except LookupError:
            raise typer.BadParameter(f"unknown encoding {encoding!r}") from None
    if interactive and sys.stdin is None:
        _error(
            "--interactive reads its answers from standard input, which is closed — run it in"
            " a terminal, or pipe the answers in"
        )
        raise typer.Exit(ExitCode.ERROR)

    # standard input named by --stdin-filename takes the configuration of that path
    start = Path(stdin_filename).parent if stdin_filename is not None else None
    cfg = _load_config(config_file, start)
    try:
        settings = _settings(cfg, lexicon or (), encoding, suggest=not no_suggestions)
        checker = _checker(settings, cfg, bool(lexicon))
    except LialiaError as e:
        _error(str(e))
        raise typer.Exit(ExitCode.ERROR) from None
    _announce_compiles(quiet)

    cwd = os.getcwd()
    excludes = compile_patterns(exclude or (), cwd) + compile_patterns(cfg.exclude, str(cfg.root))
    stdin: StdinSource | None = None
    if STDIN in paths:
        name = stdin_filename if stdin_filename is not None else STDIN
        syntax = syntax_for(stdin_filename) if stdin_filename is not None else "plain"
        stdin = StdinSource(_stdin_bytes(name, cfg.max_file_size * MB), name, syntax)
    named = paths
    if force_exclude:
        named = [
            p
            for p in paths
            if (
                stdin_filename is None or not excluded(stdin_filename, excludes)
                if p == STDIN  # plain - has no name to match
                else not excluded(p, excludes)
            )
        ]
        if stdin is not None and STDIN not in named and fix:  # a filter passes on the rest
            _emit_bytes(stdin.raw)
    found = discover(named, excludes)
    tally = Tally(errors=len(found.errors))
    for problem in found.errors:
        _error(str(problem))
    order = [s.path for s in found.sources]
    workers = worker_count(jobs, sum(1 for path in order if path != STDIN))
    if workers > 1:
        checker.load()  # compile a missing index once, here, not in every worker
    # stdout carries the diff, or the text `--fix -` corrected: findings go to stderr then
    printer = Printer(
        fmt, to_stderr=diff or (fix and STDIN in paths), suggested=not no_suggestions
    )
    asker = Asker(cfg, checker) if interactive else None
    progress = None if interactive else _progress(len(order), quiet)
    task = progress.add_task("checking", total=len(order)) if progress else None
    global _live
    if progress:
        progress.start()
        _live = progress.console
    try:
        # a run that only reports prints a large file's findings chunk by chunk, so its
        # memory does not grow with them (SARIF is one document: it collects anyway)
        streaming = not (fix or diff or interactive) and printer.format is not Format.SARIF
        emit = printer.add if streaming else None
        with contextlib.closing(_results(order, settings, workers, stdin, emit)) as results:
            for result, decoded in results:
                if progress is not None and task is not None:
                    progress.advance(task)
                _take(result, decoded, stdin, settings, fix, diff, asker, tally, quiet, printer)
    finally:
        if progress is not None:
            progress.stop()
            _live = None
    printer.close()

    from .index import cache_fallback

    if (fallback := cache_fallback()) is not None:  # this process's (workers keep theirs)
        _note(f"note: {fallback}", quiet)
    if not quiet:
        seconds = time.perf_counter() - started
        summary = report.summary(tally.files, tally.words, tally.findings, seconds, tally.fixed)
        _emit(summary, err=True)
    if tally.errors:
        raise typer.Exit(ExitCode.ERROR)
    raise typer.Exit(ExitCode.FOUND if tally.left else ExitCode.OK)


def _take(
    result: FileResult,
    decoded: Decoded | None,
    stdin: StdinSource | None,
    settings: Settings,
    fix: bool,
    diff: bool,
    asker: Asker | None,
    tally: Tally,
    quiet: bool,
    printer: Printer,
) -> None:
    """Report, fix or ask about what checking one source gave, and count it."""
    if result.error is not None:
        _error(result.error)
        tally.errors += 1
        return
    if result.note is not None:
        _note(f"note: {result.note}", quiet)
        if result.stdin and fix:  # a filter passes on what it cannot check
            _emit_bytes(stdin.raw if stdin is not None else b"")
        return
    tally.files += 1
    tally.words += result.words
    findings = result.findings
    if (fix or diff or asker is not None) and findings and not (asker is not None and asker.quit):
        try:
            findings = _write(result, decoded, settings, fix, diff, asker, tally, quiet)
        except (LialiaError, ValueError) as e:
            _error(_named(e, result.path) if isinstance(e, LialiaError) else f"{result.path}: {e}")
            tally.errors += 1
    elif result.stdin and fix and decoded is not None:
        _emit_bytes(decoded.encode(decoded.text))
    if asker is not None and asker.added:  # now in the word list: no longer findings
        findings = [f for f in findings if normalize(f.word) not in asker.added]
    tally.findings += len(result.findings) + result.streamed
    # diff writes nothing
    tally.left += (len(result.findings) if diff else len(findings)) + result.streamed
    printer.add(result.path, findings)


def _write(
    result: FileResult,
    decoded: Decoded | None,
    settings: Settings,
    fix: bool,
    diff: bool,
    asker: Asker | None,
    tally: Tally,
    quiet: bool,
) -> list[Finding]:
    """Apply, show or ask about the corrections of one source; returns the findings left.

    Ctrl-C while answering keeps the answers given for this file: they are written, said
    so on stderr, and the interrupt goes on (exit 130)."""
    if decoded is None:
        decoded = _reread(result, settings)
    interrupted = False
    if asker is not None:
        chosen: list[fixing.Replacement] = []
        try:
            for finding in result.findings:
                if asker.quit:
                    break
                new = asker.ask(decoded, finding)
                if new is not None and new != finding.word:
                    chosen.append(fixing.replacement(finding, new))
        except KeyboardInterrupt:
            interrupted = True
            asker.console.print("")  # end the prompt's line
        replacements = chosen
    else:
        replacements = fixing.confident_replacements(result.findings)
    left = _remaining(result.findings, replacements)
    if diff:
        new_text = fixing.apply(decoded.text, replacements)
        with _writing(False):
            sys.stdout.flush()
        _emit(fixing.unified_diff(result.path, decoded.text, new_text), nl=False)
        return left  # shown on stderr: what the diff does not correct
    if result.stdin:
        _, data = fixing.fixed_bytes(decoded, replacements)
        _emit_bytes(data)
    elif replacements:
        with _interrupts_held():
            fixing.fix_file(decoded, replacements)
        count = len(replacements)
        _note(f"fixed {count} word{'s' if count != 1 else ''} in {result.path}", quiet)
    elif interrupted:
        _note(f"nothing fixed in {result.path}", False)
    tally.fixed += len(replacements)
    if interrupted:
        raise KeyboardInterrupt
    return left


def judge(checker: SpellChecker, word: str) -> tuple[str, Severity | None, str | None]:
    """``(normalised, severity, reason)`` for a keyword of ``lialia suggest``.

    ``reason`` is None for a correct word, else ``known misspelling``, ``probable``,
    ``not in lexicon``, ``not Arabic`` (anything but Arabic words: Latin, digits,
    punctuation) or ``empty``; the last two are not correct either.
    """
    normalized = normalize(word.strip())
    if not word.strip():
        return normalized, None, "empty"
    parts = normalized.split()
    if not parts or not all(WORD_RE.fullmatch(part) for part in parts):
        return normalized, None, "not Arabic"
    severity = checker.severity(normalized)
    if severity is None:
        return normalized, None, None
    if severity is Severity.PROBABLE:
        return normalized, severity, "probable"
    statuses = {checker.lexicon.analyze(part).status for part in parts}
    reason = "not in lexicon" if Status.UNKNOWN in statuses else "known misspelling"
    return normalized, severity, reason


def _suggest_line(checker: SpellChecker, word: str, limit: int, fmt: Format) -> tuple[str, bool]:
    """The line that answers one word of ``lialia suggest``, and whether it is correct."""
    normalized, severity, reason = judge(checker, word)
    correct = reason is None
    suggestions = (
        [s.word for s in checker.suggest(word, limit=limit)] if severity is not None else []
    )
    if fmt is Format.JSON:
        line = report.suggest_json(word, suggestions, correct, severity, normalized, reason)
    else:
        line = report.suggest_text(word, suggestions, correct, reason)
    return line, correct


@app.command()
@_guarded
def suggest(
    words: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Argument(help="Words to look up, or - to read one word a line from stdin."),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Suggestions a word.")] = 5,
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="text or json.", case_sensitive=False)
    ] = Format.TEXT,
    lexicon: LexiconOption = None,
    config_file: ConfigOption = None,
    stream: StreamOption = False,
) -> None:
    """Say whether words are correct and suggest corrections, one result a word (a line)."""
    if fmt not in (Format.TEXT, Format.JSON):
        raise typer.BadParameter("suggest prints text or json", param_hint="--format")
    if stream:
        _suggest_stream(words, limit, fmt, lexicon, config_file)
    if words is None:
        raise typer.BadParameter("give words, or - to read them from stdin", param_hint="WORDS")
    items = list(words)
    if items == [STDIN]:
        items = _stdin_lines()
    cfg = _load_config(config_file)
    try:
        checker = _checker(_settings(cfg, lexicon or ()), cfg, bool(lexicon))
    except LialiaError as e:
        _error(str(e))
        raise typer.Exit(ExitCode.ERROR) from None
    wrong: list[str] = []

    def answers() -> Iterator[str]:  # answered as printed: a long list starts at once
        for word in items:
            line, correct = _suggest_line(checker, word, limit, fmt)
            if not correct:
                wrong.append(word)
            yield line

    _emit_in_batches(answers())
    raise typer.Exit(ExitCode.FOUND if wrong else ExitCode.OK)


@words_app.command("add")
@_guarded
def words_add(
    words: Annotated[list[str], typer.Argument(help="Words the project accepts.")],
    config_file: ConfigOption = None,
) -> None:
    """Add words to the project word list, .lialia-words.txt at the project root."""
    cfg = _load_config(config_file)
    try:
        with _interrupts_held():
            added = configuration.add_words(cfg.words_file, [normalize(w) for w in words])
    except (LialiaError, OSError) as e:
        _error(str(e))
        raise typer.Exit(ExitCode.ERROR) from None
    for word in added:
        _emit(f"added {word}", err=True)
    _emit(f"{len(added)} new in {configuration.display_path(cfg.words_file)}", err=True)


# ---------------------------------------------------------------------------------------
# lialia search (keywords in the Quran) and the stream mode of suggest and search

StreamOption = Annotated[
    bool,
    typer.Option(
        "--stream",
        help='Answer each line of stdin (plain, or JSON {"q": ...}) as soon as it is read.',
    ),
]
#: the options a JSON request line of ``lialia search --stream`` may set
_REQUEST_FLAGS = ("loose", "exact", "ayah_text")


@dataclass(frozen=True, slots=True)
class _Request:
    """One line of a stream: the keyword, the options it sets, or what is wrong with it."""

    number: int
    query: str
    options: dict[str, object] = field(default_factory=dict)
    error: str | None = None


def _request(number: int, raw: bytes) -> _Request:
    """Parse one line: a keyword as it is, or a JSON object ``{"q": "...", ...}``."""
    import json

    try:
        text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError as e:
        return _Request(number, "", error=f"not valid UTF-8 at byte {e.start}")
    text = text.rstrip("\r\n")
    if not text.lstrip().startswith("{"):
        return _Request(number, text.strip())
    try:
        data = json.loads(text)
    except ValueError as e:
        return _Request(number, text, error=f"not a JSON object: {e}")
    if not isinstance(data, dict) or not isinstance(data.get("q"), str):
        return _Request(number, text, error='a JSON request needs "q": a string')
    options: dict[str, object] = {}
    for key in _REQUEST_FLAGS:
        if key in data:
            if not isinstance(data[key], bool):
                return _Request(number, text, error=f'"{key}" must be true or false')
            options[key] = data[key]
    if "limit" in data:
        limit = data["limit"]
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
            return _Request(number, text, error='"limit" must be a whole number, 0 or more')
        options["limit"] = limit
    return _Request(number, data["q"], options)


def _stream_requests() -> Iterator[_Request]:
    """The lines of stdin, each as soon as it arrives (nothing is read ahead)."""
    if sys.stdin is None:
        _error("-: standard input is closed — pipe lines into lialia")
        raise typer.Exit(ExitCode.ERROR)
    source = typer.get_binary_stream("stdin")
    number = 0
    while True:
        try:
            raw = source.readline()
        except OSError as e:
            _error(f"-: cannot read standard input: {e.strerror or e}")
            raise typer.Exit(ExitCode.ERROR) from None
        if not raw:
            return
        number += 1
        yield _request(number, raw)


def _bad_request(request: _Request, fmt: Format) -> str:
    """The line that answers a request lialia cannot read."""
    import json

    if fmt is Format.JSON:
        return json.dumps(
            {"line": request.number, "error": request.error, "request": request.query},
            ensure_ascii=False,
        )
    return f"lialia: error: line {request.number}: {request.error}"


def _suggest_stream(
    words: list[str] | None,
    limit: int,
    fmt: Format,
    lexicon: list[str] | None,
    config_file: Path | None,
) -> None:
    """``lialia suggest --stream``: one answer a line of stdin, written at once."""
    if words and words != [STDIN]:
        raise typer.BadParameter("--stream reads stdin: give no words", param_hint="WORDS")
    cfg = _load_config(config_file)
    try:
        checker = _checker(_settings(cfg, lexicon or ()), cfg, bool(lexicon))
    except LialiaError as e:
        _error(str(e))
        raise typer.Exit(ExitCode.ERROR) from None
    flagged = failed = False
    for request in _stream_requests():
        if request.error is not None:
            failed = True
            _emit(_bad_request(request, fmt))
            continue
        line, correct = _suggest_line(checker, request.query, limit, fmt)
        flagged = flagged or not correct
        _emit(line)
    raise typer.Exit(ExitCode.ERROR if failed else ExitCode.FOUND if flagged else ExitCode.OK)


def search_text(result: SearchResult, ayah_text: bool = False) -> str:
    """The text answer for one keyword: ``keyword[ -> correction]: N occurrences: ...``,
    ``keyword: not found``, ``keyword: not Arabic`` or ``: empty``; with ``ayah_text``
    one more line, indented, for each occurrence shown."""
    from .quran import Reason

    if result.reason in (Reason.NOT_ARABIC, Reason.EMPTY, Reason.NOT_FOUND):
        return f"{result.keyword}: {result.reason.value}"
    head = result.keyword.strip()
    if result.correction is not None:
        head += f" -> {result.correction}"
    noun = "occurrence" if result.count == 1 else "occurrences"
    places = ", ".join(f"{o.reference} {o.imlai or o.uthmani}" for o in result.occurrences)
    more = result.count - len(result.occurrences)
    line = f"{head}: {result.count} {noun}" + (f": {places}" if places else "")
    if more and places:
        line += f" (+{more} more)"
    if not ayah_text:
        return line
    texts = [f"  {o.surah}:{o.ayah} {o.ayah_uthmani}" for o in result.occurrences]
    return "\n".join([line, *texts])


def search_json(result: SearchResult) -> str:
    """The JSON answer for one keyword, on one line."""
    import json

    return json.dumps(result.as_dict(), ensure_ascii=False)


@app.command("search")
@_guarded
def search_command(
    keywords: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Argument(
            help="Keywords: a word, or a phrase (all its words in one ayah; between quotes, "
            "side by side in that order); - reads one keyword a line from stdin."
        ),
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=0, help="Occurrences shown a keyword (0: all).")
    ] = 10,
    loose: Annotated[
        bool,
        typer.Option("--loose", help="Take hamza and alef forms, ة/ه and ى/ي as one letter."),
    ] = False,
    exact: Annotated[
        bool, typer.Option("--exact", help="The exact word form only, without clitics.")
    ] = False,
    ayah_text: Annotated[
        bool, typer.Option("--ayah-text", help="Show the text of each ayah found.")
    ] = False,
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="text or json.", case_sensitive=False)
    ] = Format.TEXT,
    stream: StreamOption = False,
) -> None:
    """Find keywords in the Quran, each corrected first when misspelt (exit 1: some
    keyword was corrected or not found)."""
    if fmt not in (Format.TEXT, Format.JSON):
        raise typer.BadParameter("search prints text or json", param_hint="--format")
    from .quran import Reason, quran_index

    def render(result: SearchResult, shows_ayahs: bool) -> str:
        if fmt is Format.JSON:
            return search_json(result)
        return search_text(result, shows_ayahs)

    try:
        index = quran_index()
    except LialiaError as e:
        _error(str(e))
        raise typer.Exit(ExitCode.ERROR) from None
    options: dict[str, object] = {
        "loose": loose,
        "exact": exact,
        "ayah_text": ayah_text,
        "limit": limit or None,
    }
    missed = failed = False
    if stream:
        if keywords and keywords != [STDIN]:
            raise typer.BadParameter(
                "--stream reads stdin: give no keywords", param_hint="KEYWORDS"
            )
        for request in _stream_requests():
            if request.error is not None:
                failed = True
                _emit(_bad_request(request, fmt))
                continue
            asked = {**options, **request.options}
            if "limit" in request.options:
                asked["limit"] = request.options["limit"] or None
            (result,) = index.search(
                request.query,
                loose=bool(asked["loose"]),
                exact=bool(asked["exact"]),
                ayah_text=bool(asked["ayah_text"]),
                limit=asked["limit"] if isinstance(asked["limit"], int) else None,
            )
            missed = missed or result.reason is not Reason.FOUND
            _emit(render(result, bool(asked["ayah_text"])))
        raise typer.Exit(ExitCode.ERROR if failed else ExitCode.FOUND if missed else ExitCode.OK)
    if keywords is None:
        raise typer.BadParameter(
            "give keywords, or - to read them from stdin", param_hint="KEYWORDS"
        )
    items = list(keywords)
    if items == [STDIN]:
        items = _stdin_lines()
    found = index.search(items, loose=loose, exact=exact, limit=limit or None, ayah_text=ayah_text)
    _emit_in_batches(render(result, ayah_text) for result in found)
    missed = missed or any(result.reason is not Reason.FOUND for result in found)
    raise typer.Exit(ExitCode.FOUND if missed else ExitCode.OK)


# ---------------------------------------------------------------------------------------
# lialia serve: suggest and search over HTTP (the optional extra lialia[serve])


@app.command("serve")
@_guarded
def serve_command(
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (this machine alone by default).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port.")] = 8765,
    workers: Annotated[
        int,
        typer.Option(
            "--workers", min=1, max=64, help="Server processes sharing the port (POSIX only)."
        ),
    ] = 1,
    lexicon: LexiconOption = None,
    config_file: ConfigOption = None,
) -> None:
    """Answer /suggest, /search and /health over HTTP (needs: pip install 'lialia[serve]')."""
    if workers > 1 and not hasattr(os, "fork"):
        _error("lialia serve --workers needs fork (Linux or macOS); leave it at 1 here")
        raise typer.Exit(ExitCode.ERROR)
    try:
        from .integrations import http as serve
    except ImportError as e:
        _error(f"lialia serve needs Starlette and uvicorn ({e}) — pip install 'lialia[serve]'")
        raise typer.Exit(ExitCode.ERROR) from None
    cfg = _load_config(config_file)
    try:
        checker = _checker(_settings(cfg, lexicon or ()), cfg, bool(lexicon))
        checker.load()  # compile or map the lexicons before the first request
    except LialiaError as e:
        _error(str(e))
        raise typer.Exit(ExitCode.ERROR) from None
    _note(f"serving on http://{host}:{port} (Ctrl-C stops)", quiet=False)
    serve.run(serve.create_app(checker), host, port, workers)
# lsp: the language server, an optional extra (lialia/integrations/lsp_server.py)


@app.command("lsp")
@_guarded
def lsp(
    stdio: Annotated[
        bool,
        typer.Option(
            "--stdio", help="Talk over stdin and stdout (the default and only way).",
            show_default=False,
        ),
    ] = True,
) -> None:
    """Run the language server (LSP) over stdin and stdout, for editors."""
    try:
        from .integrations import lsp_server
    except ImportError as e:
        if (e.name or "").partition(".")[0] not in ("pygls", "lsprotocol", "cattrs", "attrs"):
            raise
        _error("lialia lsp needs the lsp extra: pip install 'lialia[lsp]'")
        raise typer.Exit(ExitCode.ERROR) from None
    raise typer.Exit(lsp_server.serve())

"""What every ``lialia`` command shares: the Typer apps, the exit codes, writing to the
standard streams (and the printer of findings), and the one way every run ends.

Only this package knows about exit codes and terminals.  Every :class:`LialiaError` is
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
import errno
import functools
import io
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from enum import IntEnum
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec

import typer

from .. import __version__, index, report
from ..errors import LialiaError
from ..findings import Finding
from ..report import Format, Located

if TYPE_CHECKING:  # Rich costs tens of milliseconds to import: only terminals need it
    from rich.console import Console
    from rich.progress import Progress


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


#: the progress bar's console while the bar is on screen (see :func:`_say`); set by check
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
        stream = sys.stderr if err else sys.stdout
        raw = getattr(stream, "buffer", None)
        if isinstance(raw, io.RawIOBase):
            # unbuffered (python -u, PYTHONUNBUFFERED): the text layer writes to the
            # descriptor once and drops what a partial write leaves, so a reader that
            # leaves a pipe (| head) went unnoticed; every byte is written here
            stream.flush()
            data = (text + "\n" if nl else text).encode(stream.encoding, stream.errors or "strict")
            _write_all(raw, data)
        else:
            typer.echo(text, err=err, nl=nl)


def _write_all(raw: io.RawIOBase, data: bytes) -> None:
    """Write all of ``data`` to an unbuffered stream, however many writes it takes."""
    view = memoryview(data)
    while view:
        written = raw.write(view)
        if not written:  # a non-blocking descriptor that is full: not ours to wait on
            raise BlockingIOError(errno.EAGAIN, "standard output would block")
        view = view[written:]


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
    """One line on stderr; the file names in it are data (:func:`report.printable`)."""
    _say(f"lialia: error: {report.printable(message)}", err=True)


def _note(message: str, quiet: bool) -> None:
    if not quiet:
        _say(f"lialia: {report.printable(message)}", err=True)


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
    if isinstance(error, LialiaError):  # a run stopped on purpose (a worker killed)
        _last_words(f"lialia: error: {error}")
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
    """The folder lialia's package was imported from (this file is lialia/cli/base.py)."""
    return os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))


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


def _app_for(args: Sequence[str]) -> typer.Typer:
    """The app a run needs: with only the command it names when its first argument names
    one (``lialia check ...``), so that Typer builds that command's options alone (about
    half its start-up work: it reads every command's signature); the whole app for
    anything else (``lialia --help``, ``lialia --version``, a mistyped command, whose
    error lists the commands)."""
    import copy

    name = args[0] if args else ""
    commands = [c for c in app.registered_commands if _name(c.name, c.callback) == name]
    groups = [g for g in app.registered_groups if g.name == name]
    if not commands and not groups:
        return app
    only = copy.copy(app)
    only.registered_commands, only.registered_groups = commands, groups
    return only


def _name(name: str | None, callback: Callable[..., Any] | None) -> str:
    """A registered command's name, as Typer derives it when none is given."""
    if name:
        return name
    return "" if callback is None else callback.__name__.lower().replace("_", "-")


#: the pre-commit hook's mode (its entry is ``lialia check --pre-commit``)
PRE_COMMIT = "--pre-commit"


def _hook_args(args: Sequence[str]) -> list[str] | None:
    """``check --pre-commit ARGS FILES`` as ``check --force-exclude ARGS FILES``, each file
    whose name could pass for an option (``-w.md``, ``--exclude=x.md``) written
    ``./-w.md``.  pre-commit appends the names of the staged files, which exist, after the
    hook's args with no ``--`` between them: such a name was read as an option (a file
    ``--exclude=a.md`` left ``a.md`` unchecked; with no path left, lialia checked and
    fixed the whole folder).  FILES are the trailing arguments that name existing paths:
    with files ``--exclude=a.md`` and ``a.md``, ``check --pre-commit --fix
    --exclude=a.md a.md`` runs ``check --force-exclude --fix ./--exclude=a.md a.md``.
    None when no file is named (pre-commit's ``always_run`` with nothing staged): the
    hook checks what pre-commit names, never the whole folder, untracked files and all.
    """
    rest = list(args[2:])
    start = len(rest)
    while start > 0 and os.path.lexists(rest[start - 1]):
        start -= 1
    named = [f"./{name}" if name.startswith("-") else name for name in rest[start:]]
    if not named:
        return None
    return [args[0], "--force-exclude", *rest[:start], *named]


def main(argv: Sequence[str] | None = None) -> int:
    """The ``lialia`` console script and ``python -m lialia``: run the command line and
    return its exit code, never a traceback (the table is in the README)."""
    _plug_closed_descriptors()
    saved = list(sys.path)
    with contextlib.suppress(OSError):  # a deleted current folder: nothing to remove
        sys.path[:] = safe_import_path(saved, os.getcwd())
    try:
        try:
            given = sys.argv[1:] if argv is None else list(argv)
            args = _hook_args(given) if given[:2] == ["check", PRE_COMMIT] else given
            if args is not None:  # None: the hook was given no file, nothing to check
                _app_for(args)(args=args, prog_name="lialia")
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
# output


#: the formats written one line a finding, and how each renders a finding
LINE_RENDERERS: dict[Format, Callable[[Located], str]] = {
    Format.TEXT: report.text_line,
    Format.JSON: report.json_line,
    Format.GITHUB: report.github_line,
}


def render_lines(fmt: Format, path: str, findings: Sequence[Finding], suggested: bool) -> str:
    """The lines of ``findings`` in a line format (:data:`LINE_RENDERERS`), as the
    printer writes them: by whichever process found them, under ``--jobs``."""
    render = LINE_RENDERERS[fmt]
    return "\n".join(render(Located(path, finding, suggested)) for finding in findings)


class Printer:
    """Writes findings to stdout (or stderr) in one format, in order."""

    def __init__(self, fmt: Format, *, to_stderr: bool = False, suggested: bool = True) -> None:
        self.format = fmt
        self.to_stderr = to_stderr
        self.suggested = suggested
        self.console = _console(to_stderr) if _may_be_terminal(to_stderr) else None
        self.collected: list[Located] = []

    @property
    def line_format(self) -> Format | None:
        """The format when findings are written as plain lines (:func:`render_lines`),
        which any process can render; None for SARIF (one document) and for the
        coloured text of a terminal."""
        if self.format is Format.SARIF:
            return None
        if self.format is Format.TEXT and self.console and self.console.is_terminal:
            return None
        return self.format

    def add(self, path: str, findings: Sequence[Finding]) -> None:
        if not findings:
            return
        fmt = self.line_format
        if fmt is not None:
            self.write(render_lines(fmt, path, findings, self.suggested))
            return
        items = [Located(path, finding, self.suggested) for finding in findings]
        if self.format is Format.SARIF:
            self.collected.extend(items)
            return
        from rich.text import Text

        on_live = _live is not None and (self.to_stderr or sys.stdout.isatty())
        console = _live if on_live and _live is not None else self.console
        assert console is not None  # line_format is None: a terminal's console
        with _writing(self.to_stderr):
            console.print(Text("\n").join(report.text_rich(item) for item in items))

    def write(self, lines: str) -> None:
        """Write lines :func:`render_lines` gave (one write a file, not one a finding:
        printing must not be what a run waits on)."""
        _say(lines, err=self.to_stderr)

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

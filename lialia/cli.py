"""The ``lialia`` command: check, fix, suggest and the project word list.

Only this module knows about exit codes and terminals.  Every :class:`LialiaError` is
turned into one line ``lialia: error: <file>: <what> — <what to do>`` on stderr and exit
code 2, after the other files have been checked.  Standard output carries only findings
(or a diff, or fixed text), so ``--format json`` and ``sarif`` stay parseable.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from enum import IntEnum
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from . import __version__, report
from . import config as configuration
from . import fix as fixing
from .checker import SpellChecker
from .errors import ConfigError, FileChangedError, LialiaError, UnknownLexiconError
from .files import (
    STDIN,
    Decoded,
    Skipped,
    Snapshot,
    canonical_encoding,
    compile_patterns,
    discover,
    read_bytes,
    read_file,
)
from .findings import Finding, Severity
from .normalize import normalize
from .report import Format, Located
from .tokenize import syntax_for

if TYPE_CHECKING:  # Rich costs tens of milliseconds to import: only terminals need it
    from rich.console import Console
    from rich.progress import Progress


class ExitCode(IntEnum):
    """The exit codes of every ``lialia`` command (documented in the README)."""

    #: nothing found (``check``), every word correct (``suggest``)
    OK = 0
    #: misspellings found (``check`` without ``--fix``; after ``--fix``: some are left)
    FOUND = 1
    #: a usage, configuration or input error (the other files were still checked)
    ERROR = 2


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
    return bool(os.environ.get("FORCE_COLOR")) or (sys.stderr if err else sys.stdout).isatty()


def _console(err: bool) -> Console:
    from rich.console import Console

    return Console(stderr=err, highlight=False, markup=False, soft_wrap=True)


def _say(text: str, *, err: bool) -> None:
    """Write lines to stdout or stderr.  While a progress bar is shown, what is meant for
    the terminal goes through the bar's console, which prints it above the bar instead of
    through it; output redirected to a file or a pipe is written as usual."""
    if _live is not None and (err or sys.stdout.isatty()):
        _live.print(text, markup=False, highlight=False, soft_wrap=True)
    else:
        typer.echo(text, err=err)


def _error(message: str) -> None:
    _say(f"lialia: error: {message}", err=True)


def _note(message: str, quiet: bool) -> None:
    if not quiet:
        _say(f"lialia: {message}", err=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"lialia {__version__}")
        raise typer.Exit()


@app.callback()
def main(
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


def _load_config(path: Path | None) -> configuration.Config:
    try:
        return configuration.load(explicit=path)
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


_worker_settings: Settings | None = None


def _init_worker(settings: Settings) -> None:
    global _worker_settings
    _worker_settings = settings


def _check_text(
    checker: SpellChecker, settings: Settings, decoded: Decoded, syntax: str
) -> FileResult:
    findings, words = checker.check_counted(
        decoded.text, syntax=syntax, suggest=settings.suggest
    )
    return FileResult(decoded.path, findings, words, snapshot=decoded.snapshot)


def _check_path(path: str, settings: Settings | None = None) -> FileResult:
    """Check one file.  Plain text is read and checked in chunks of whole lines (about
    a million code points each), so memory stays bounded however large the file; markup
    (Markdown, HTML, reStructuredText, TeX) and files under ``ignore-patterns`` are read
    whole, because a fence, a ``<pre>`` block, a literal block or a user's pattern may
    span lines and so the boundary between two chunks.  Either way at most
    ``max-file-size`` MB are read, and only from a regular file."""
    # kept inside the function: the rest of this module is another change's (hoist later)
    from dataclasses import replace

    from .errors import MB
    from .files import DEFAULT_MAX_FILE_SIZE, Chunk, TextReader
    from .tokenize import masked_spans

    settings = settings if settings is not None else _worker_settings
    assert settings is not None, "worker not initialised"
    # Settings carries max_file_size (MB) once the command line passes the configuration's
    limit = int(getattr(settings, "max_file_size", DEFAULT_MAX_FILE_SIZE)) * MB
    syntax = syntax_for(path)
    try:
        checker = _build(settings)
        if syntax != "plain" or settings.ignore_patterns:
            decoded = read_file(path, settings.encoding, limit=limit)
            return _check_text(checker, settings, decoded, syntax)
        reader = TextReader(path, settings.encoding, limit=limit)
        findings: list[Finding] = []
        words = 0

        def check(chunk: Chunk) -> None:
            nonlocal words
            found, counted = checker.check_counted(
                chunk.text, syntax=syntax, suggest=settings.suggest
            )
            words += counted
            if chunk.offset == 0:
                findings.extend(found)
            else:  # positions in the chunk become positions in the file
                findings.extend(
                    replace(f, line=f.line + chunk.line, offset=f.offset + chunk.offset)
                    for f in found
                )

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
        return FileResult(path, findings, words, snapshot=reader.snapshot)
    except Skipped as e:
        return FileResult(path, note=str(e))
    except LialiaError as e:
        return FileResult(path, error=str(e))


def _check_stdin(settings: Settings, raw: bytes) -> tuple[FileResult, Decoded | None]:
    try:
        decoded = read_bytes(raw, settings.encoding)
        return _check_text(_build(settings), settings, decoded, "plain"), decoded
    except Skipped as e:
        return FileResult(STDIN, note=str(e)), None
    except LialiaError as e:
        return FileResult(STDIN, error=str(e)), None


def _results(
    paths: Sequence[str], settings: Settings, jobs: int, stdin: bytes | None
) -> Iterator[tuple[FileResult, Decoded | None]]:
    """Results in input order; files are read again by the fixer, so only stdin carries
    its decoded text along."""
    files = [p for p in paths if p != STDIN]
    if jobs > 1 and len(files) > 1:
        # spawn, not fork: a fork while the progress bar's thread holds a lock can hang
        with ProcessPoolExecutor(
            max_workers=min(jobs, len(files)),
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(settings,),
        ) as pool:
            chunk = max(1, len(files) // (jobs * 8))
            by_file = pool.map(_check_path, files, chunksize=chunk)
            for path in paths:
                if path == STDIN:
                    yield _check_stdin(settings, stdin or b"")
                else:
                    yield next(by_file), None
        return
    for path in paths:
        if path == STDIN:
            yield _check_stdin(settings, stdin or b"")
        else:
            yield _check_path(path, settings), None


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
            typer.echo(report.sarif(self.collected), err=self.to_stderr)


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


def _reread(result: FileResult, encoding: str | None) -> Decoded:
    """The file as the fixer sees it, which must be what the checker saw."""
    decoded = read_file(result.path, encoding)
    if decoded.snapshot != result.snapshot:
        raise FileChangedError(result.path)
    return decoded


class Asker:
    """``--interactive``: one question per finding, on stderr, answered on stdin."""

    def __init__(self, cfg: configuration.Config) -> None:
        self.cfg = cfg
        self.console = _console(True)
        self.added: set[str] = set()
        self.quit = False

    def ask(self, decoded: Decoded, finding: Finding) -> str | None:
        """The replacement chosen for ``finding``, or None to leave it."""
        if normalize(finding.word) in self.added:
            return None
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
        menu = "  ".join(f"{i}) {word}" for i, word in enumerate(options, 1))
        self.console.print(f"{menu}  s) skip  a) add to word list  q) quit".strip())
        valid = [str(i) for i in range(1, len(options) + 1)] + ["s", "a", "q"]
        answer = ""
        while answer not in valid:
            # not typer.prompt: it writes a space to stdout, which must carry findings only
            self.console.print("choice [s]: ", end="")
            reply = sys.stdin.readline()
            if not reply:  # end of input: stop asking, as q does
                self.console.print("")
                answer = "q"
                break
            answer = reply.strip().lower() or "s"
            if not sys.stdin.isatty():  # answers from a pipe: show them, as a terminal would
                self.console.print(answer)
        if answer == "q":
            self.quit = True
            return None
        if answer == "a":
            word = normalize(finding.word)
            configuration.add_words(self.cfg.words_file, [word])
            self.added.add(word)
            shown = configuration.display_path(self.cfg.words_file)
            self.console.print(f"added {word} to {shown}")
            return None
        if answer == "s":
            return None
        return options[int(answer) - 1]


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


@app.command()
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
            "--fix", "-w", "--write-changes", help="Apply the confident corrections in place."
        ),
    ] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="Print the confident corrections as a unified diff.")
    ] = False,
    interactive: Annotated[
        bool, typer.Option("--interactive", "-i", help="Ask what to do with each finding.")
    ] = False,
    exclude: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option("--exclude", help="Skip paths matching this glob in folders (repeatable)."),
    ] = None,
    encoding: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--encoding",
            help="Read files in this encoding (default: UTF-8, or as a byte-order mark says).",
        ),
    ] = None,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=0, help="Processes to use; 0 for one per CPU.")
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
    if jobs == 0:
        jobs = os.cpu_count() or 1

    cfg = _load_config(config_file)
    try:
        settings = _settings(cfg, lexicon or (), encoding, suggest=not no_suggestions)
        checker = _checker(settings, cfg, bool(lexicon))
    except LialiaError as e:
        _error(str(e))
        raise typer.Exit(ExitCode.ERROR) from None
    if jobs > 1:
        checker.load()  # compile a missing index once, here, not in every worker
    del checker  # built here so a bad lexicon fails once, before any worker starts

    cwd = os.getcwd()
    excludes = compile_patterns(exclude or (), cwd) + compile_patterns(cfg.exclude, str(cfg.root))
    found = discover(paths, excludes)
    tally = Tally(errors=len(found.errors))
    for problem in found.errors:
        _error(str(problem))

    stdin = typer.get_binary_stream("stdin").read() if STDIN in paths else None
    writing = fix or diff or interactive
    # stdout carries the diff, or the text `--fix -` corrected: findings go to stderr then
    printer = Printer(
        fmt, to_stderr=diff or (fix and STDIN in paths), suggested=not no_suggestions
    )
    asker = Asker(cfg) if interactive else None
    order = [s.path for s in found.sources]
    progress = None if interactive else _progress(len(order), quiet)
    task = progress.add_task("checking", total=len(order)) if progress else None
    global _live
    if progress:
        progress.start()
        _live = progress.console
    try:
        for result, decoded in _results(order, settings, jobs, stdin):
            if progress is not None and task is not None:
                progress.advance(task)
            if result.error is not None:
                _error(result.error)
                tally.errors += 1
                continue
            if result.note is not None:
                _note(f"note: {result.note}", quiet)
                if result.path == STDIN and fix:  # a filter passes on what it cannot check
                    typer.get_binary_stream("stdout").write(stdin or b"")
                continue
            tally.files += 1
            tally.words += result.words
            findings = result.findings
            if writing and findings and not (asker is not None and asker.quit):
                try:
                    findings = _write(result, decoded, settings, fix, diff, asker, tally, quiet)
                except (LialiaError, ValueError) as e:
                    _error(str(e) if isinstance(e, LialiaError) else f"{result.path}: {e}")
                    tally.errors += 1
            elif result.path == STDIN and fix and decoded is not None:
                typer.get_binary_stream("stdout").write(decoded.encode(decoded.text))
            if asker is not None and asker.added:  # now in the word list: no longer findings
                findings = [f for f in findings if normalize(f.word) not in asker.added]
            tally.findings += len(result.findings)
            tally.left += len(result.findings) if diff else len(findings)  # diff writes nothing
            printer.add(result.path, findings)
    finally:
        if progress is not None:
            progress.stop()
            _live = None
    printer.close()

    if not quiet:
        seconds = time.perf_counter() - started
        summary = report.summary(tally.files, tally.words, tally.findings, seconds, tally.fixed)
        typer.echo(summary, err=True)
    if tally.errors:
        raise typer.Exit(ExitCode.ERROR)
    raise typer.Exit(ExitCode.FOUND if tally.left else ExitCode.OK)


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
    """Apply, show or ask about the corrections of one source; returns the findings left."""
    if decoded is None:
        decoded = _reread(result, settings.encoding)
    if asker is not None:
        chosen: list[fixing.Replacement] = []
        for finding in result.findings:
            if asker.quit:
                break
            new = asker.ask(decoded, finding)
            if new is not None:
                chosen.append(fixing.replacement(finding, new))
        replacements = chosen
    else:
        replacements = fixing.confident_replacements(result.findings)
    left = _remaining(result.findings, replacements)
    if diff:
        new_text = fixing.apply(decoded.text, replacements)
        sys.stdout.flush()
        typer.echo(fixing.unified_diff(result.path, decoded.text, new_text), nl=False)
        return left  # shown on stderr: what the diff does not correct
    if result.path == STDIN:
        _, data = fixing.fixed_bytes(decoded, replacements)
        typer.get_binary_stream("stdout").write(data)
    elif replacements:
        fixing.fix_file(decoded, replacements)
        count = len(replacements)
        _note(f"fixed {count} word{'s' if count != 1 else ''} in {result.path}", quiet)
    tally.fixed += len(replacements)
    return left


@app.command()
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
) -> None:
    """Say whether words are correct and suggest corrections, one result a word."""
    if fmt not in (Format.TEXT, Format.JSON):
        raise typer.BadParameter("suggest prints text or json", param_hint="--format")
    items = list(words or [])
    if not items:
        raise typer.BadParameter("give words, or - to read them from stdin", param_hint="WORDS")
    if items == [STDIN]:
        raw = typer.get_binary_stream("stdin").read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            _error(f"-: not valid UTF-8 at byte {e.start} — send UTF-8 text")
            raise typer.Exit(ExitCode.ERROR) from None
        items = [s for line in text.splitlines() if (s := line.strip())]
    cfg = _load_config(config_file)
    try:
        checker = _checker(_settings(cfg, lexicon or ()), cfg, bool(lexicon))
    except LialiaError as e:
        _error(str(e))
        raise typer.Exit(ExitCode.ERROR) from None
    flagged = False
    out: list[str] = []
    for word in items:
        severity: Severity | None = checker.severity(word)
        correct = severity is None
        suggestions = [] if correct else [s.word for s in checker.suggest(word, limit=limit)]
        flagged = flagged or not correct
        if fmt is Format.JSON:
            out.append(report.suggest_json(word, suggestions, correct, severity))
        else:
            out.append(report.suggest_text(word, suggestions, correct))
        if len(out) >= 256:
            typer.echo("\n".join(out))
            out.clear()
    if out:
        typer.echo("\n".join(out))
    raise typer.Exit(ExitCode.FOUND if flagged else ExitCode.OK)


@words_app.command("add")
def words_add(
    words: Annotated[list[str], typer.Argument(help="Words the project accepts.")],
    config_file: ConfigOption = None,
) -> None:
    """Add words to the project word list, .lialia-words.txt at the project root."""
    cfg = _load_config(config_file)
    try:
        added = configuration.add_words(cfg.words_file, [normalize(w) for w in words])
    except (LialiaError, OSError) as e:
        _error(str(e))
        raise typer.Exit(ExitCode.ERROR) from None
    for word in added:
        typer.echo(f"added {word}", err=True)
    typer.echo(f"{len(added)} new in {configuration.display_path(cfg.words_file)}", err=True)

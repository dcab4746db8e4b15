"""``lialia check``: check files, folders or standard input; report, fix, or ask."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from .. import report
from ..errors import MB, FileChangedError, LialiaError
from ..files import (
    STDIN,
    Decoded,
    Pattern,
    canonical_encoding,
    compile_patterns,
    discover,
    is_ignored,
    read_file,
)
from ..findings import Finding
from ..normalize import normalize
from ..report import Format
from ..tokenize import syntax_for
from . import base
from .base import (
    ExitCode,
    Printer,
    _announce_compiles,
    _emit,
    _emit_bytes,
    _error,
    _guarded,
    _interrupts_held,
    _note,
    _progress,
    _writing,
    app,
)
from .options import ConfigOption, FormatOption, LexiconOption, StrictnessOption
from .settings import Settings, _checker, _load_config, _settings
from .sources import FileResult, StdinSource, _named, _results, splits, worker_count
from .streams import _stdin_bytes

if TYPE_CHECKING:  # imported by the runs that fix or ask: a run that reports never pays
    from .. import fix as fixing
    from .interactive import Asker

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


def _remaining(
    findings: Sequence[Finding], fixed: Sequence[fixing.Replacement], *, moved: bool = True
) -> list[Finding]:
    """The findings the replacements leave; with ``moved`` (the text was rewritten),
    placed where they now stand: a fix earlier on the line moves a finding's column (no
    fix adds or removes a line), as a reader of the fixed file will look for it."""
    done = {r.offset for r in fixed}
    left = [f for f in findings if f.offset not in done]
    if not moved or not fixed:
        return left
    import bisect
    import dataclasses
    from itertools import accumulate

    ordered = sorted(fixed, key=lambda r: r.offset)
    starts = [r.offset for r in ordered]
    # moved_by[i]: how far the first i replacements move what follows them (summed once,
    # not again for each finding: a large file has thousands of each)
    moved_by = [0, *accumulate(len(r.new) - len(r.old) for r in ordered)]
    placed = []
    for finding in left:
        line_start = finding.offset - finding.column + 1
        before = bisect.bisect_left(starts, finding.offset)
        shift = moved_by[before]
        column_shift = shift - moved_by[bisect.bisect_left(starts, line_start)]
        placed.append(
            dataclasses.replace(
                finding, offset=finding.offset + shift, column=finding.column + column_shift
            )
            if shift or column_shift
            else finding
        )
    return placed


def _reread(result: FileResult, settings: Settings) -> Decoded:
    """The file as the fixer sees it, which must be what the checker saw."""
    decoded = read_file(result.path, settings.encoding, limit=settings.max_file_size * MB)
    if decoded.snapshot != result.snapshot:
        raise FileChangedError(result.path)
    return decoded


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
    strictness: StrictnessOption = None,
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
        except LookupError as e:
            raise typer.BadParameter(str(e)) from None
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
        settings = _settings(
            cfg,
            lexicon or (),
            encoding,
            suggest=not no_suggestions,
            strictness=strictness.value if strictness else None,
        )
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
        raw = _stdin_bytes(name, cfg.max_file_size * MB, pass_on=fix)
        stdin = StdinSource(raw, name, syntax)
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
    workers = worker_count(jobs, sum(splits(path, settings) for path in order if path != STDIN))
    if workers > 1:
        checker.load()  # compile a missing index once, here, not in every worker
    # stdout carries the diff, or the text `--fix -` corrected: findings go to stderr then
    printer = Printer(fmt, to_stderr=diff or (fix and STDIN in paths), suggested=not no_suggestions)
    asker = None
    if interactive:
        from .interactive import Asker

        asker = Asker(cfg, checker)
    progress = None if interactive else _progress(len(order), quiet)
    task = progress.add_task("checking", total=len(order)) if progress else None
    if progress:
        progress.start()
        base._live = progress.console
    try:
        # a run that only reports prints a large file's findings chunk by chunk, so its
        # memory does not grow with them (SARIF is one document: it collects anyway)
        streaming = not (fix or diff or interactive) and printer.format is not Format.SARIF
        shown = printer if streaming else None
        writes = (fix and not diff) or interactive
        with contextlib.closing(
            _results(order, settings, workers, stdin, shown, writes)
        ) as results:
            for result, decoded in results:
                if progress is not None and task is not None:
                    progress.advance(task)
                _take(result, decoded, stdin, settings, fix, diff, asker, tally, quiet, printer)
    finally:
        if progress is not None:
            progress.stop()
            base._live = None
    printer.close()

    from ..index import cache_fallback

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
        if result.stdin and fix and stdin is not None:  # a filter passes on what it cannot
            _emit_bytes(stdin.raw)  # check (invalid UTF-8): the text, unchanged
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
    from .. import fix as fixing

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
    left = _remaining(result.findings, replacements, moved=not diff)
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

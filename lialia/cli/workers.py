"""Checking in several processes (``--jobs N``): this process and N - 1 workers.

What makes it scale, and what it keeps:

- This process checks too.  It hands the next file (or piece) to a worker while one
  is free, and checks one itself whenever the result it must print next is not ready;
  so ``-j 2`` starts one worker, not two, and the worker's start-up (a new
  interpreter importing lialia, see :func:`_spawning`) overlaps with checking here
  instead of delaying the first file.  Every process maps the same compiled index
  (:mod:`lialia.index`): those pages are shared.
- Ranking suggestions is most of the work, and each process caches the words it ranked:
  alone, the processes would rank a quarter more words than one process does.  So the
  rankings travel with the tasks (:meth:`lialia.checker.SpellChecker.rankings` and
  ``learn``): a worker sends back the words it ranked, this process sends the words it
  ranked itself (and, with several workers, the others') with the next task it hands out.
- A large plain-text file (:func:`lialia.cli.sources.splits`) is read here, in the
  chunks a serial run checks, and each chunk is cut at line breaks into pieces of
  about :data:`PIECE_CHARS` code points that any process may check; a piece's
  positions are the file's (its chunk's ``offset`` and ``line`` are added), so the
  findings are exactly those of ``--jobs 1``.  A chunk holding a ``lialia:``
  directive or an ornate parenthesis (a quotation of the Quran may span lines) is not
  cut.  With ``--fix`` or ``--diff``, the pieces' findings are put back together
  before the file is fixed, from the same snapshot.
- Findings travel as little as they can: in the line formats (text, json, github,
  unless the text is coloured for a terminal) as the very lines the printer writes,
  rendered by the process that found them; otherwise as tuples of plain values (a
  pickled :class:`~lialia.findings.Finding` costs several times more), rebuilt here.
- Results are printed in input order, files and pieces alike, whichever process
  checked them: output is byte for byte that of ``--jobs 1`` in every format.
- A file with several names (hard links) is read under a later name only after its
  earlier name's result was taken, when the run writes (``--fix``, ``--interactive``):
  a serial run writes the correction under the first name and reads the next one
  after that, and so does this one (:class:`_After`), in this process; otherwise the
  next name would be read before the write and refused as changed since it was read.
- An unexpected error in any process stops the run when its file's turn comes (one
  line, exit 2); Ctrl-C stops the workers with the run (exit 130).
"""

from __future__ import annotations

import bisect
import contextlib
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing.process import BaseProcess

from ..errors import MB, LialiaError
from ..files import (
    BEFORE_CHARS,
    STDIN,
    Chunk,
    Decoded,
    Skipped,
    Snapshot,
    TextReader,
    checked_chunks,
)
from ..findings import Finding, Severity, Suggestion
from ..report import Format
from ..tokenize import ORNATE, line_breaks, masked_spans
from . import sources
from .base import Printer, render_lines, safe_import_path
from .settings import Settings, _build

#: code points of a piece of a large file (whole lines, so a little more): small enough
#: that the processes finish together, large enough that a piece costs far more to
#: check than to send
PIECE_CHARS = 1 << 18
#: tasks waiting in the pool per worker: enough that a worker never waits for this
#: process to hand it the next one
WINDOW = 4
#: results not yet printed that this process may hold, checked ahead of its turn
AHEAD = 64
#: suggestions as they cross processes: (word, score, reason)
Suggested = tuple[tuple[str, float, str], ...]
#: a finding as it crosses processes: line, column, offset, word, severity,
#: suggestions, confident, replacement
Row = tuple[int, int, int, str, str, Suggested, bool, "str | None"]
#: a ranked word as it crosses processes: the word, its suggestions, confident
Ranking = tuple[str, Suggested, bool]


@dataclass(frozen=True, slots=True)
class Plan:
    """What every process checking for one run needs besides the task."""

    settings: Settings
    #: the line format results are rendered in where they are found; None: send rows
    lines: Format | None = None
    #: whether lines show suggestions (not under ``--no-suggestions``)
    suggested: bool = True


@dataclass(frozen=True, slots=True)
class Piece:
    """Whole lines of a large file, read by the parent: positions are the file's."""

    path: str
    chunk: Chunk


@dataclass(slots=True)
class Done:
    """What one task gave, in a form that crosses processes cheaply."""

    path: str
    words: int = 0
    #: how many findings ``rows`` or ``rendered`` hold
    found: int = 0
    rows: list[Row] = field(default_factory=list)
    #: the findings as the printer's lines (see :attr:`Plan.lines`)
    rendered: str | None = None
    error: str | None = None
    note: str | None = None
    snapshot: Snapshot | None = None
    #: False for a piece: more of the file follows
    last: bool = True
    #: the words the worker ranked for this task
    ranked: list[Ranking] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Failed:
    """An unexpected error in this process, raised when its file's turn comes."""

    error: Exception


class _Stdin:
    """Standard input's place among the tasks: checked in this process, in its turn."""


@dataclass(frozen=True, slots=True)
class _After:
    """A further name of a file met earlier in a run that writes: checked in this
    process, in its turn, so after the earlier name's fix is written, as ``--jobs 1``
    checks it."""

    path: str


#: a task any process may take: a file's path (it reads the file) or a piece
Task = str | Piece
#: what there is to do: a task, a split file's closing :class:`Done`, standard input, a
#: further name of a file
Job = Task | Done | _Stdin | _After
#: standard input's result
Ready = tuple[sources.FileResult, Decoded | None]
Outcome = Done | Ready | _Failed | _After

_plan: Plan | None = None
#: where the words this worker ranked itself start in its checker's rankings
_mark = 0


def plan() -> Plan:
    """This worker's plan (set when it starts)."""
    assert _plan is not None, "worker not initialised"
    return _plan


def _init_worker(given: Plan, home: str | None = None) -> None:
    """Set up a worker process: started in an empty folder (see :func:`_spawning`), it
    moves to the folder the paths are relative to, with no entry for it on its import
    path; Ctrl-C is the parent's business (it stops the pool), not the workers'.  The
    index is mapped now, while the parent is busy anyway."""
    global _plan
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if home is not None:
        os.chdir(home)
        sys.path[:] = safe_import_path(sys.path, home)
    _plan = given
    with contextlib.suppress(LialiaError):  # said in its turn, by the file that meets it
        _build(given.settings).load()


def _warm() -> None:
    """A first task: makes the pool start a worker now (see :func:`_started_pool`)."""


def _row(f: Finding) -> Row:
    return (
        f.line,
        f.column,
        f.offset,
        f.word,
        f.severity.value,
        tuple((s.word, s.score, s.reason) for s in f.suggestions),
        f.confident,
        f.replacement,
    )


def _packed_rankings(
    rankings: Sequence[tuple[str, tuple[Suggestion, ...], bool]],
) -> list[Ranking]:
    return [
        (word, tuple((s.word, s.score, s.reason) for s in suggestions), confident)
        for word, suggestions, confident in rankings
    ]


def _rankings(packed: Sequence[Ranking]) -> Iterator[tuple[str, tuple[Suggestion, ...], bool]]:
    for word, suggestions, confident in packed:
        yield word, tuple(Suggestion(*s) for s in suggestions), confident


def _finding(row: Row) -> Finding:
    line, column, offset, word, severity, suggestions, confident, replacement = row
    return Finding(
        line,
        column,
        offset,
        word,
        Severity(severity),
        tuple(Suggestion(*s) for s in suggestions),
        confident,
        replacement,
    )


def _packed(given: Plan, done: Done, findings: Sequence[Finding]) -> Done:
    done.found = len(findings)
    if not findings:
        return done
    if given.lines is not None:
        done.rendered = render_lines(given.lines, done.path, findings, given.suggested)
    else:
        done.rows = [_row(f) for f in findings]
    return done


def _run(given: Plan, task: Task, check: Callable[..., sources.FileResult]) -> Done:
    """Check one task, in whichever process."""
    if isinstance(task, Piece):
        settings = given.settings
        found, words = _build(settings).check_counted(
            task.chunk.text, syntax="plain", suggest=settings.suggest, before=task.chunk.before
        )
        return _packed(given, Done(task.path, words, last=False), sources._moved(found, task.chunk))
    result = check(task, given.settings)
    done = Done(result.path, result.words, error=result.error, note=result.note)
    done.snapshot = result.snapshot
    return _packed(given, done, result.findings)


def _work(
    task: Task, check: Callable[..., sources.FileResult], ranked: Sequence[Ranking] = ()
) -> Done:
    """A worker's task.  ``check`` is :func:`lialia.cli.sources._check_path`, passed
    along (by name) so that what the parent calls is what the workers call; ``ranked``:
    words ranked elsewhere, taken before the task."""
    global _mark
    given = plan()
    checker = _build(given.settings)
    if ranked:
        checker.learn(_rankings(ranked))
    _mark += len(checker.rankings(_mark))  # learnt, not ranked here: not sent back
    done = _run(given, task, check)
    mine = checker.rankings(_mark)
    _mark += len(mine)
    done.ranked = _packed_rankings(mine)
    return done


def _cut(chunk: Chunk, size: int | None = None) -> Iterator[Chunk]:
    """A chunk in pieces of about ``size`` code points, each cut after a line break
    outside the spans a ``lialia:`` directive masks; whole when it quotes the Quran
    (an ornate parenthesis), as a quotation may span lines.

    >>> [(c.text, c.offset, c.line) for c in _cut(Chunk("أ ب\\nج\\nد ه\\n", 10, 2), 2)]
    [('أ ب\\n', 10, 2), ('ج\\n', 14, 3), ('د ه\\n', 16, 4)]
    """
    size = PIECE_CHARS if size is None else size
    text = chunk.text
    if len(text) <= size or any(mark in text for mark in ORNATE):
        yield chunk
        return
    masks = masked_spans(text, "plain") if "lialia:" in text else []
    start, offset, line, before = 0, chunk.offset, chunk.line, chunk.before
    while len(text) - start > size:
        end = text.find("\n", start + size - 1) + 1
        while end and (inside := _covering(masks, end)) is not None:
            end = text.find("\n", inside - 1) + 1
        if not end or end == len(text):
            break
        piece = text[start:end]
        yield Chunk(piece, offset, line, before)
        offset += len(piece)
        line += line_breaks(piece)
        before = (before + piece[-BEFORE_CHARS:])[-BEFORE_CHARS:]
        start = end
    yield Chunk(text[start:], offset, line, before)


def _covering(masks: list[tuple[int, int]], at: int) -> int | None:
    """The end of the masked span (sorted, disjoint) that ``at`` lies strictly inside.

    >>> _covering([(0, 4), (10, 20)], 12), _covering([(0, 4), (10, 20)], 10)
    (20, None)
    """
    index = bisect.bisect_left(masks, (at,)) - 1  # the last span starting before ``at``
    if index >= 0 and masks[index][1] > at:
        return masks[index][1]
    return None


def _tasks(paths: Sequence[str], settings: Settings, writes: bool = False) -> Iterator[Job]:
    """What there is to do, in input order: a path for each file a process reads
    itself; the pieces of each large file, read here as they are wanted, then a
    :class:`Done` that closes it; :class:`_Stdin` for standard input; when the run
    ``writes``, :class:`_After` for a further name of a file met before."""
    met: set[tuple[int, int]] = set()
    for path in paths:
        if path == STDIN:
            yield _Stdin()
        elif writes and _met_before(path, met):
            yield _After(path)
        elif sources.splits(path, settings) == 1:
            yield path
        else:
            yield from _pieces(path, settings)


def _met_before(path: str, met: set[tuple[int, int]]) -> bool:
    """Whether ``path`` is another name of a file in ``met`` (device and inode); adds
    it.  Discovery already made each path lead to a file of its own (``a``, ``./a`` and
    a symlink to it are one source), but two hard links are two paths to one file."""
    try:
        found = os.stat(path)
    except (OSError, ValueError):  # the checking says why
        return False
    if found.st_nlink < 2:
        return False
    key = (found.st_dev, found.st_ino)
    if key in met:
        return True
    met.add(key)
    return False


def _pieces(path: str, settings: Settings) -> Iterator[Piece | Done]:
    reader = TextReader(path, settings.encoding, limit=settings.max_file_size * MB)
    try:
        for chunk in checked_chunks(reader, "plain"):
            for piece in _cut(chunk):
                yield Piece(path, piece)
    except Skipped as e:
        yield Done(path, note=str(e))
        return
    except LialiaError as e:  # the pieces read so far were checked, as in a serial run
        yield Done(path, error=str(e))
        return
    yield Done(path, snapshot=reader.snapshot)


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


def _started_pool(given: Plan, workers: int, empty: str) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes, all started now, from the state of
    :func:`_spawning`.  spawn, not fork: a fork while the progress bar's thread holds a
    lock can hang.  The pool starts a process for each task it is given while none is
    idle, up to ``workers``: one warming task each starts them all here, and no later
    task starts another (outside :func:`_spawning`)."""
    import multiprocessing  # imported here: only --jobs pays for it

    home = os.getcwd()
    with _spawning(empty):
        pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(given, home),
        )
        try:
            for _ in range(workers):
                pool.submit(_warm)
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    return pool


class _Sharing:
    """The rankings this process passes on: the words it ranked itself and, when
    ``forward`` (several workers), those the workers sent."""

    def __init__(self, settings: Settings, forward: bool) -> None:
        self.checker = _build(settings)
        self.forward = forward
        self.mark = len(self.checker.rankings())
        self.outbox: list[Ranking] = []

    def ranked_here(self) -> None:
        mine = self.checker.rankings(self.mark)
        self.mark += len(mine)
        self.outbox.extend(_packed_rankings(mine))

    def received(self, ranked: list[Ranking]) -> None:
        if not ranked:
            return
        self.checker.learn(_rankings(ranked))
        self.mark += len(self.checker.rankings(self.mark))  # learnt, not ranked here
        if self.forward:
            self.outbox.extend(ranked)

    def news(self) -> list[Ranking]:
        """What to send with the next task (once)."""
        out, self.outbox = self.outbox, []
        return out


def _local(given: Plan, job: Task, sharing: _Sharing) -> Done | _Failed:
    try:
        done = _run(given, job, sources._check_path)
    except Exception as e:  # raised in its turn, as a worker's would be
        return _Failed(e)
    sharing.ranked_here()
    return done


#: seconds between two looks at the workers while a task's outcome is awaited
_WATCH = 0.5


class WorkerKilled(LialiaError):
    """A worker process ended while the run needed it (killed by a signal: the
    out-of-memory killer, say): the run stops, exit 2."""

    def __init__(self, exitcode: int | None = None) -> None:
        how = (
            "killed"
            if exitcode is None
            else f"killed by signal {-exitcode}"
            if exitcode < 0
            else f"ended with exit code {exitcode}"
        )
        super().__init__(
            f"a worker process was {how} (out of memory?) — run again, or with fewer --jobs"
        )


def _result(pool: ProcessPoolExecutor, future: Future[Done]) -> Done:
    """The outcome of a task.  While it is awaited the workers are watched: a worker
    that dies as it sends a result can leave the pool waiting for the rest of that
    result for ever (Python's pool notices a dead worker only between results), so a
    dead worker ends the run at once (:class:`WorkerKilled`)."""
    from concurrent.futures import TimeoutError as Waited

    while True:
        try:
            return future.result(timeout=_WATCH)
        except Waited:
            pass
        for process in _workers(pool):
            if process.exitcode is not None:
                raise WorkerKilled(process.exitcode)


def _workers(pool: ProcessPoolExecutor) -> list[BaseProcess]:
    """The pool's worker processes now (the pool keeps them in a private attribute: the
    one place this module reads it)."""
    return list((getattr(pool, "_processes", None) or {}).values())


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop the pool at once (an error, Ctrl-C, a killed worker, a reader gone): kill
    its workers, drop the tasks not started, and close this process's end of the pipe
    they send results on, so that the pool's own thread, if it waits for the rest of a
    result a killed worker was sending, reads the end of it and stops too (else the
    interpreter would wait for that thread for ever at exit)."""
    processes = _workers(pool)
    for process in processes:
        with contextlib.suppress(OSError, ValueError):
            process.kill()
    for process in processes:
        with contextlib.suppress(OSError, ValueError, AssertionError):
            process.join(timeout=5)
    results = getattr(pool, "_result_queue", None)
    with contextlib.suppress(OSError, AttributeError):
        results._writer.close()  # type: ignore[union-attr]
    pool.shutdown(wait=True, cancel_futures=True)


def _scheduled(
    given: Plan,
    pool: ProcessPoolExecutor,
    jobs: Iterator[Job],
    window: int,
    stdin: Callable[[], Ready],
    sharing: _Sharing,
) -> Iterator[Done | Ready]:
    """The outcomes of ``jobs`` in their order.  Up to ``window`` tasks wait in the
    pool; while the next outcome to hand out is not ready, this process checks the next
    task itself."""
    queue: deque[Future[Done] | Outcome] = deque()
    waiting = 0  # futures in the queue
    more = True

    def take() -> Job | None:
        nonlocal more
        job = next(jobs, None) if more else None
        more = job is not None
        return job

    while True:
        while more and waiting < window:
            job = take()
            if isinstance(job, (str, Piece)):
                queue.append(pool.submit(_work, job, sources._check_path, sharing.news()))
                waiting += 1
            elif job is not None:
                queue.append(stdin() if isinstance(job, _Stdin) else job)
        if not queue:
            return
        head = queue[0]
        if isinstance(head, Future) and not head.done() and more and len(queue) < AHEAD:
            job = take()
            if isinstance(job, (str, Piece)):
                queue.append(_local(given, job, sharing))
            elif job is not None:
                queue.append(stdin() if isinstance(job, _Stdin) else job)
            continue
        queue.popleft()
        if isinstance(head, Future):
            waiting -= 1
            done = _result(pool, head)
            sharing.received(done.ranked)
            yield done
        elif isinstance(head, _Failed):
            raise head.error
        elif isinstance(head, _After):  # every result before it taken: its write done
            checked = _local(given, head.path, sharing)
            if isinstance(checked, _Failed):
                raise checked.error
            yield checked
        else:
            yield head


def _gathered(
    outcomes: Iterator[Done | Ready], printer: Printer | None
) -> Iterator[tuple[sources.FileResult, Decoded | None]]:
    """Outcomes as the results of whole files: a file's pieces put back together, their
    findings printed as they come when the run only reports (``printer``)."""
    current: sources.FileResult | None = None
    for outcome in outcomes:
        if isinstance(outcome, tuple):
            yield outcome
            continue
        result = current if current is not None else sources.FileResult(outcome.path)
        result.words += outcome.words
        if outcome.rendered is not None and printer is not None:
            printer.write(outcome.rendered)
            result.streamed += outcome.found
        elif outcome.rows:
            findings = [_finding(row) for row in outcome.rows]
            if printer is not None:
                printer.add(outcome.path, findings)
                result.streamed += len(findings)
            else:
                result.findings.extend(findings)
        if not outcome.last:
            current = result
            continue
        current = None
        result.error, result.note, result.snapshot = outcome.error, outcome.note, outcome.snapshot
        yield result, None


def pooled(
    paths: Sequence[str],
    settings: Settings,
    workers: int,
    stdin: sources.StdinSource | None,
    printer: Printer | None,
    writes: bool = False,
) -> Iterator[tuple[sources.FileResult, Decoded | None]]:
    """:func:`lialia.cli.sources._results` in ``workers`` processes, this one included;
    ``writes``: the caller writes each result's corrections before taking the next."""
    import tempfile

    lines = printer.line_format if printer is not None else None
    given = Plan(settings, lines, printer.suggested if printer is not None else True)

    def read_stdin() -> Ready:
        return sources._check_stdin(settings, stdin or sources.StdinSource(b""))

    with tempfile.TemporaryDirectory(prefix="lialia-") as empty:
        pool = _started_pool(given, workers - 1, empty)
        try:
            sharing = _Sharing(settings, forward=workers > 2)
            window = WINDOW * (workers - 1)
            outcomes = _scheduled(
                given, pool, _tasks(paths, settings, writes), window, read_stdin, sharing
            )
            yield from _gathered(outcomes, printer)
        except BrokenProcessPool:  # the pool saw a worker die before _result did
            _stop(pool)
            raise WorkerKilled() from None
        except BaseException:  # Ctrl-C, a broken pipe, an error, a killed worker
            _stop(pool)
            raise
        else:
            pool.shutdown(wait=True)

"""Checking many texts at once, for the dataframe adapters (polars, pandas, dask).

Nothing here imports a dataframe library: this module turns cells (strings, or nulls
and other values that are not text) and files into :class:`lialia.findings.Finding`
lists and rows of plain values, and the adapters put those into their own columns.

* One checker per process and per settings (:func:`checker_for`): a worker of a Dask
  cluster or a process of a pool loads its own, once, mapping the compiled index from
  the cache (the settings travel, the checker never does).
* Cells are checked in batches (:func:`check_cells`): short cells are joined by blank
  lines into texts of about :data:`BATCH_CHARS` characters, so that each distinct word
  of a batch is judged once and the per-call cost is paid per batch, not per cell;
  positions are then given back relative to each cell.
* A cell is corrected (:func:`correct_cells`) only by the fixes ``lialia check --fix``
  applies (:func:`lialia.fix.confident_replacements`): confident misspellings, never a
  word of the muṣḥaf or of a quotation between ﴿ ﴾, vowel marks carried over.

>>> from lialia.integrations.batch import CheckerSettings, check_cells, checker_for
>>> checker = checker_for(CheckerSettings())
>>> [[(f.word, f.offset, f.best) for f in found] if found is not None else None
...  for found in check_cells(checker, ["ذهبت الى المدرسه", None, "صحيح"])]
[[('الى', 5, 'إلى'), ('المدرسه', 9, 'المدرسة')], None, []]
"""

from __future__ import annotations

import difflib
import sys
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, TypedDict

from ..checker import SYNTAXES, SpellChecker
from ..errors import MB, LialiaError
from ..files import DEFAULT_MAX_FILE_SIZE, Skipped, TextReader, checked_chunks, read_file
from ..findings import Finding
from ..fix import apply, confident_replacements
from ..lexicon import Strictness
from ..tokenize import ORNATE, line_breaks, syntax_for

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from typing import Unpack
    else:
        from typing_extensions import Unpack

__all__ = [
    "BATCH_CHARS",
    "CHECKER_OPTIONS",
    "FINDING_FIELDS",
    "CheckerOptions",
    "CheckerSettings",
    "UnknownOptionError",
    "FileReport",
    "check_cells",
    "check_file",
    "checker_for",
    "correct_cells",
    "finding_row",
    "fix_of",
]

#: characters of cells joined into one text to be checked at once: large enough that
#: the per-call cost vanishes, small enough that a batch's findings stay few
BATCH_CHARS = 1 << 16

#: the fields of one finding as a row (:func:`finding_row`), in column order
FINDING_FIELDS = (
    "word",
    "start",
    "end",
    "line",
    "column",
    "severity",
    "best",
    "suggestions",
    "fix",
)

# What makes a cell's findings depend on the text around it: a quotation between ornate
# parentheses (one left open protects the rest of its line, a closed one may span
# lines) and the inline directives (`lialia: disable` runs to `lialia: enable`).  A
# cell holding one is checked on its own, so joining never changes what a cell gives.
_ALONE_MARKS = (*ORNATE, "lialia:")


class CheckerOptions(TypedDict, total=False):
    """The options of :class:`lialia.checker.SpellChecker`, documented there, as every
    function of the dataframe adapters takes them: keyword arguments, each optional
    (``check_column(df, "text", strictness="lenient", extra_words=["لياليا"])``).

    ``lexicons`` and ``ignore_patterns`` may be a single string; ``strictness`` is a
    preset name (``"default"``, ``"strict"``, ``"lenient"``) or a
    :class:`lialia.lexicon.Strictness`.
    """

    lexicons: str | Sequence[str]
    extra_words: Iterable[str]
    report_probable: bool
    min_length: int
    ignore_patterns: str | Sequence[str]
    strictness: Strictness | str


#: the names of :class:`CheckerOptions`, in order
CHECKER_OPTIONS: tuple[str, ...] = tuple(CheckerOptions.__annotations__)


class UnknownOptionError(LialiaError, TypeError):
    """A keyword argument that is not an option of :class:`CheckerOptions` (mypy finds
    it before; this is the same mistake found at run time, in the caller)."""

    def __init__(self, name: str) -> None:
        self.name = name
        close = difflib.get_close_matches(name, CHECKER_OPTIONS, n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        super().__init__(
            f"unknown checker option {name!r}: {hint}the options are "
            f"{', '.join(CHECKER_OPTIONS)} (see lialia.checker.SpellChecker)"
        )


@dataclass(frozen=True, slots=True)
class CheckerSettings:
    """What a checker is built from (hashable: the key of :func:`checker_for`), and
    small enough to travel to a worker with every task.

    The options of :class:`lialia.checker.SpellChecker` (:class:`CheckerOptions`), as
    tuples; ``strictness`` as its frozen :class:`lialia.lexicon.Strictness`, so that a
    preset's name and its rules are one key.
    """

    lexicons: tuple[str, ...] = ("msa",)
    extra_words: tuple[str, ...] = ()
    report_probable: bool = True
    min_length: int = 2
    ignore_patterns: tuple[str, ...] = ()
    strictness: Strictness = Strictness()

    @classmethod
    def of(
        cls,
        lexicons: str | Sequence[str] | None = None,
        extra_words: Iterable[str] | None = None,
        /,
        **options: Unpack[CheckerOptions],
    ) -> CheckerSettings:
        """Settings from the options a user passes (:class:`CheckerOptions`: any
        sequences, a single lexicon name, a strictness preset's name); ``lexicons`` and
        ``extra_words`` may come first by position, as :class:`SpellChecker` takes them.

        The checker is built here once, so that a bad option (an unknown name, a bad
        lexicon name or pattern) is an error now, in the caller, not in a worker later.

        >>> CheckerSettings.of("msa", strictness="lenient").strictness
        Strictness(hamza=False, final_ya=False, taa_marbuta=False)
        >>> CheckerSettings.of(strictnes="lenient")
        Traceback (most recent call last):
        ...
        lialia.integrations.batch.UnknownOptionError: unknown checker option 'strictnes': ...
        """
        for name in options:
            if name not in CHECKER_OPTIONS:
                raise UnknownOptionError(name)
        for name, value in (("lexicons", lexicons), ("extra_words", extra_words)):
            if value is not None:
                if name in options:
                    raise TypeError(f"CheckerSettings.of() got {name!r} twice")
                options[name] = value  # type: ignore[literal-required]
        default = cls()
        lexicon_names = options.get("lexicons", default.lexicons)
        patterns = options.get("ignore_patterns", ())
        strictness = options.get("strictness", default.strictness)
        words = options.get("extra_words", ())
        settings = cls(
            (lexicon_names,) if isinstance(lexicon_names, str) else tuple(lexicon_names),
            (words,) if isinstance(words, str) else tuple(words),  # one word, not its letters
            options.get("report_probable", default.report_probable),
            options.get("min_length", default.min_length),
            (patterns,) if isinstance(patterns, str) else tuple(patterns),
            Strictness.preset(strictness) if isinstance(strictness, str) else strictness,
        )
        checker_for(settings)
        return settings

    @classmethod
    def given(cls, settings: CheckerSettings | None, options: CheckerOptions) -> CheckerSettings:
        """``settings`` (built once by a caller) or, without it, the settings of
        ``options``; both at once is an error, rather than options silently unused."""
        if settings is None:
            return cls.of(**options)
        if options:
            raise TypeError(f"give settings or checker options ({', '.join(options)}), not both")
        return settings


_checkers: dict[CheckerSettings, SpellChecker] = {}
_checkers_lock = threading.Lock()


def checker_for(settings: CheckerSettings) -> SpellChecker:
    """This process's checker for ``settings``, built and loaded on first use.

    One per process and settings, however many threads or tasks ask (a lock makes two
    first calls build one): its lexicons are the compiled index mapped from the cache,
    shared with the other processes of the machine through the page cache.
    """
    try:
        return _checkers[settings]
    except KeyError:
        pass
    with _checkers_lock:
        if settings not in _checkers:
            checker = SpellChecker.from_options(settings)
            checker.load()
            _checkers[settings] = checker
        return _checkers[settings]


def _check_syntax(syntax: str) -> None:
    if syntax not in SYNTAXES:
        raise ValueError(f"unknown syntax {syntax!r}: choose one of {', '.join(SYNTAXES)}")


def check_cells(
    checker: SpellChecker,
    cells: Iterable[object],
    *,
    syntax: str = "plain",
    suggest: bool = True,
) -> list[list[Finding] | None]:
    """The findings of each cell, in order: a list (empty when the cell is right) for a
    string, None for anything else (a null, a number).

    Offsets, lines and columns count from the start of the cell, as if it were checked
    alone (``SpellChecker.check(cell)``), which it gives the same findings as.  Plain
    cells are checked in batches joined by blank lines (no word spans one, nothing that
    masks text does either, and the context rules read each cell as the start of a
    text, as they do alone); a cell whose findings could depend on the text
    around it (a ﴿ quotation, a ``lialia:`` directive), and every cell of a markup
    syntax or under ignore patterns (a fence or a user's pattern may span lines), is
    checked alone.
    """
    _check_syntax(syntax)
    cells = list(cells)
    found: list[list[Finding] | None] = [None] * len(cells)
    joinable = syntax == "plain" and not checker.ignore_patterns
    batch: list[int] = []
    size = 0
    for index, cell in enumerate(cells):
        if not isinstance(cell, str):
            continue
        if not joinable or any(mark in cell for mark in _ALONE_MARKS):
            found[index] = checker.check(cell, syntax=syntax, suggest=suggest)
            continue
        batch.append(index)
        size += len(cell) + 1
        if size >= BATCH_CHARS:
            _check_joined(checker, cells, batch, found, suggest)
            batch, size = [], 0
    if batch:
        _check_joined(checker, cells, batch, found, suggest)
    return found


def _check_joined(
    checker: SpellChecker,
    cells: Sequence[object],
    batch: Sequence[int],
    found: list[list[Finding] | None],
    suggest: bool,
) -> None:
    """Check the cells at ``batch`` as one text, one cell a paragraph, and put each
    finding back in its cell's list with the cell's own positions."""
    texts = [cell for index in batch if isinstance(cell := cells[index], str)]
    # a blank line between two cells: each opens a sentence, as it does alone (the
    # context rules read no word across it)
    joined = "\n\n".join(texts)
    # where each cell starts in the joined text, and on which line
    starts: list[int] = []
    lines: list[int] = []
    offset = line = 0
    for index, text in zip(batch, texts, strict=True):
        found[index] = []
        starts.append(offset)
        lines.append(line)
        offset += len(text) + 2
        line += line_breaks(text + "\n\n")  # cells are joined by a blank line
    cell = 0
    for finding in checker.check(joined, suggest=suggest):
        # findings come in text order: the cell only moves forward
        while cell + 1 < len(starts) and starts[cell + 1] <= finding.offset:
            cell += 1
        kept = found[batch[cell]]
        assert kept is not None
        kept.append(
            replace(finding, offset=finding.offset - starts[cell], line=finding.line - lines[cell])
        )


def correct_cells(
    checker: SpellChecker, cells: Iterable[object], *, syntax: str = "plain"
) -> list[object]:
    """Each string cell with the fixes ``lialia check --fix`` would make, and nothing
    else; anything that is not a string is given back as it is.

    >>> correct_cells(checker_for(CheckerSettings()), ["ذهبت الَى المدرسه", None, 7])
    ['ذهبت إلَى المدرسة', None, 7]
    """
    cells = list(cells)
    corrected: list[object] = []
    for cell, findings in zip(cells, check_cells(checker, cells, syntax=syntax), strict=True):
        if findings is None or not isinstance(cell, str):
            corrected.append(cell)
            continue
        replacements = confident_replacements(findings)
        corrected.append(apply(cell, replacements) if replacements else cell)
    return corrected


def fix_of(finding: Finding) -> str | None:
    """What ``lialia check --fix`` writes in place of the finding's word, or None when
    it leaves the word alone (not sure enough, a probable variant, Quranic text)."""
    replacements = confident_replacements((finding,))
    return replacements[0].new if replacements else None


def finding_row(finding: Finding) -> dict[str, Any]:
    """One finding as plain values, keyed by :data:`FINDING_FIELDS`: the word, its
    ``start`` and ``end`` offsets and 1-based ``line`` and ``column`` in its text (code
    points), ``severity`` (``misspelling`` or ``probable``), the ``best`` suggestion,
    all ``suggestions`` and the ``fix`` ``--fix`` would write (None: none)."""
    return {
        "word": finding.word,
        "start": finding.offset,
        "end": finding.end,
        "line": finding.line,
        "column": finding.column,
        "severity": finding.severity.value,
        "best": finding.best,
        "suggestions": [suggestion.word for suggestion in finding.suggestions],
        "fix": fix_of(finding),
    }


@dataclass(slots=True)
class FileReport:
    """What checking one file gave: its findings, or why it could not be checked."""

    path: str
    findings: list[Finding]
    error: str | None = None


def check_file(
    checker: SpellChecker,
    path: str,
    *,
    syntax: str | None = None,
    encoding: str | None = None,
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
    suggest: bool = True,
) -> FileReport:
    """Check one file as ``lialia check`` does, read with lialia's own reader: a regular
    file only (a FIFO or a device is refused, never waited on), at most
    ``max_file_size`` MB, UTF-8 unless a byte-order mark or ``encoding`` says
    otherwise; ``syntax`` defaults to the one its suffix names.

    Plain text is read in chunks of whole lines, so memory stays bounded whatever the
    file's size; markup and files under ignore patterns are read whole (a fence or a
    pattern may span a chunk's end).  A file that cannot be read, decoded or is binary
    gives a report with ``error`` set and no findings, never an exception: in a corpus
    of thousands of files one bad file is a row, not the end of the job.
    """
    syntax = syntax_for(path) if syntax is None else syntax
    _check_syntax(syntax)
    limit = max_file_size * MB
    try:
        if syntax != "plain" or checker.ignore_patterns:
            decoded = read_file(path, encoding, limit=limit)
            return FileReport(path, checker.check(decoded.text, syntax=syntax, suggest=suggest))
        findings: list[Finding] = []
        for chunk in checked_chunks(TextReader(path, encoding, limit=limit)):
            found = checker.check(chunk.text, suggest=suggest, before=chunk.before)
            if chunk.offset:  # positions in the chunk become positions in the file
                found = [
                    replace(f, line=f.line + chunk.line, offset=f.offset + chunk.offset)
                    for f in found
                ]
            findings.extend(found)
        return FileReport(path, findings)
    except Skipped as e:
        return FileReport(path, [], str(e))
    except LialiaError as e:
        return FileReport(path, [], str(e))

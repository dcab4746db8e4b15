"""``lialia lsp``: a Language Server Protocol server over standard input and output.

An adapter over the engine, as typos-lsp wraps typos: it reads the documents an editor
opens, checks them with :class:`lialia.checker.SpellChecker` (configured from the
document's project, as ``lialia check`` is) and turns each :class:`lialia.findings.Finding`
into a diagnostic whose message is the ``lialia check`` text line without its location
(``الى -> إلى (على, إلا, ألا, صلى)``).  Its code actions replace a word by one of its
suggestions, add it to the project word list, or mark its line ``lialia: ignore``.

Choices made here (the README's "In your editor" says the same):

- a misspelling is a Warning, a probable misspelling (a valid but rare twin such as
  ``اكثر``) is Information; a configuration error is one Error at the top of the document;
- the best suggestion is marked preferred only when the engine is confident (the finding
  has a ``replacement``, what ``--fix`` writes), because editors apply a preferred fix
  unasked ("auto fix"), and lialia never changes text it is not sure of;
- a word of the muṣḥaf (carrying its signs, or in a quotation ``﴿…﴾``) is never offered a
  replacement, nor to be added to the word list (its bare spelling would then be right
  everywhere); only its line may be ignored;
- "ignore on this line" writes an inline comment where the syntax has one that does not
  show: ``<!-- lialia: ignore -->`` in Markdown and HTML, ``% lialia: ignore`` in TeX, at
  the end of the line but before what Markdown reads there (a table row's closing pipe,
  a hard break, a heading's closing #s: :func:`ignore_edit`); plain text and
  reStructuredText have none, so there only the word list is offered;
- documents are synchronised whole (``TextDocumentSyncKind.Full``), and positions are
  counted here with LSP's own line breaks (``\\r\\n``, ``\\r``, ``\\n``) in the code units the
  client negotiated (UTF-16 unless it offers UTF-8 or UTF-32);
- a document is checked on open and save at once, and 300 ms after the last change;
  checks run in a worker thread, one at a time, and a check overtaken by a newer one for
  the same document is dropped, so the server keeps answering while a large file is read.

pygls is imported here only: the ``lsp`` extra (``pip install 'lialia[lsp]'``).
"""

from __future__ import annotations

import asyncio
import bisect
import concurrent.futures
import contextlib
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from .. import __version__, report
from .. import config as configuration
from ..checker import SpellChecker
from ..errors import ConfigError, FileTooLargeError, LialiaError, UnknownLexiconError
from ..findings import Finding, Severity
from ..lexicon import Strictness
from ..normalize import is_quranic, normalize, with_marks
from ..tokenize import (
    QURAN_WORD,
    SYNTAX_BY_SUFFIX,
    Untouchable,
    never_altered,
    syntax_for,
)

__all__ = [
    "ADD_WORD",
    "DEBOUNCE",
    "LineIndex",
    "Session",
    "build_server",
    "diagnostic",
    "ignore_edit",
    "message",
    "serve",
    "syntax_of",
]

#: the name diagnostics carry as their ``source``
SOURCE = "lialia"
#: seconds after the last change before a document is checked again
DEBOUNCE = 0.3
#: the command of the "add to the project word list" action: arguments ``[uri, word]``
ADD_WORD = "lialia.addWord"
#: a document opened with this many code points or more is checked first without
#: suggestions (see :meth:`Session.check`)
QUICK_FIRST = 100_000
#: suggestions offered as code actions (as many as a ``lialia check`` line shows)
OFFERED = report.SHOWN

SEVERITY = {
    Severity.MISSPELLING: types.DiagnosticSeverity.Warning,
    Severity.PROBABLE: types.DiagnosticSeverity.Information,
}

#: the comment written on a line to ignore it, by syntax (:func:`ignore_edit` says
#: where); syntaxes without an inline comment that stays hidden (plain text,
#: reStructuredText) get no such action
IGNORE_COMMENT = {
    "markdown": "<!-- lialia: ignore -->",
    "html": "<!-- lialia: ignore -->",
    "tex": "% lialia: ignore",
}
#: MDX is Markdown with JSX, where an HTML comment does not compile: a JSX comment
MDX_IGNORE_COMMENT = "{/* lialia: ignore */}"

#: LSP language identifiers, for documents whose name says nothing (an untitled buffer)
SYNTAX_BY_LANGUAGE = {
    "markdown": "markdown",
    "mdx": "markdown",
    "html": "html",
    "xhtml": "html",
    "restructuredtext": "rst",
    "rst": "rst",
    "latex": "tex",
    "tex": "tex",
    "plaintex": "tex",
}

# what Markdown reads at the end of a line, and the comment must stay before: the
# closing pipe of a table row (a pipe after it is one more cell: the header no longer
# matches the delimiter row, and the table is not one), a backslash that breaks the line
# (an odd run: an even one is escaped backslashes) and the closing #s of a heading (not
# closing once text follows them); the trailing spaces of a hard break are left after
# the comment by :func:`ignore_edit` itself
_MARKDOWN_END_RE = re.compile(
    r"(?<!\\)(?:\\\\)*(?P<pipe>\|)\Z|(?<!\\)(?:\\\\)*(?P<backslash>\\)\Z|[ \t](?P<hashes>#+)\Z"
)

# LSP's line breaks: not str.splitlines(), which also breaks at U+2028, form feeds and
# other characters the client counts as part of a line
_EOL_RE = re.compile(r"\r\n|\r|\n")


def _units_utf16(text: str) -> int:
    # surrogatepass: a lone surrogate (from a JSON "\ud800") is one UTF-16 unit
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _units_utf8(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


_UNITS: dict[str, Callable[[str], int]] = {
    types.PositionEncodingKind.Utf16.value: _units_utf16,
    types.PositionEncodingKind.Utf8.value: _units_utf8,
    types.PositionEncodingKind.Utf32.value: len,
}


class LineIndex:
    """Code-point offsets in a text and LSP positions (line, character in the client's
    code units), both ways.

    >>> index = LineIndex("\N{GRINNING FACE} الى\\r\\nهاذا", "utf-16")
    >>> where = index.position(2)  # الى: after the emoji's two UTF-16 units and a space
    >>> where.line, where.character
    (0, 3)
    >>> where = index.position(7)  # هاذا, after the \\r\\n
    >>> where.line, where.character
    (1, 0)
    >>> index.offset(types.Position(line=0, character=3))
    2
    """

    def __init__(self, text: str, encoding: str = "utf-16") -> None:
        self.text = text
        self.units = _UNITS.get(encoding, _units_utf16)
        self.starts = [0, *(m.end() for m in _EOL_RE.finditer(text))]

    def line_end(self, line: int) -> int:
        """The offset where ``line`` (0-based) ends, before its line break."""
        if line + 1 < len(self.starts):
            end = self.starts[line + 1]
            return end - (2 if self.text.startswith("\r\n", end - 2) else 1)
        return len(self.text)

    def position(self, offset: int) -> types.Position:
        """The position of a code-point offset."""
        line = bisect.bisect_right(self.starts, offset) - 1
        return types.Position(line, self.units(self.text[self.starts[line] : offset]))

    def range(self, start: int, end: int) -> types.Range:
        """The range of ``text[start:end]``."""
        return types.Range(self.position(start), self.position(end))

    def offset(self, position: types.Position) -> int:
        """The code-point offset of a position; past a line's end is its end, past the last
        line the end of the text (as the protocol asks), inside a character its start."""
        if position.line >= len(self.starts):
            return len(self.text)
        start = self.starts[position.line]
        end = self.line_end(position.line)
        counted = 0
        for index in range(start, end):
            counted += self.units(self.text[index])
            if counted > position.character:
                return index
        return end


def syntax_of(path: str, language_id: str | None) -> str:
    """The syntax a document is checked as: from its file name's suffix (as ``lialia
    check`` decides), else from the editor's language identifier, else plain text.

    >>> syntax_of("/docs/دليل.md", "plaintext"), syntax_of("Untitled-1", "markdown")
    ('markdown', 'markdown')
    """
    dot = path.rfind(".")
    if dot >= 0 and path[dot:].lower() in SYNTAX_BY_SUFFIX:
        return syntax_for(path)
    return SYNTAX_BY_LANGUAGE.get((language_id or "").lower(), "plain")


def message(finding: Finding, suggested: bool = True) -> str:
    """A diagnostic's message: the ``lialia check`` line of the finding, less its
    ``path:line:column:`` (the editor shows where); the word alone when suggestions were
    not ranked (as ``lialia check --no-suggestions`` shows it).

    >>> from lialia.findings import Suggestion
    >>> message(Finding(1, 6, 5, "الى", Severity.MISSPELLING,
    ...                 (Suggestion("إلى", -1.0, "known"), Suggestion("على", -3.0, "hamza"))))
    'الى -> إلى (على)'
    """
    # the path is empty and line and column are digits: the first ": " ends the location
    return report.text_line(report.Located("", finding, suggested)).split(": ", 1)[1]


def replacements(word: str, suggestions: Sequence[str], replacement: str | None) -> list[str]:
    """What each offered suggestion writes in place of ``word``, best first: the engine's
    own ``replacement`` for the best when it has one, else each suggestion with the
    word's vowel marks carried over where they can be (bare where not: the writer
    chooses it).  Nothing for a word of the muṣḥaf: it is never altered.

    >>> replacements("الَى", ["إلى", "على"], "إلَى")
    ['إلَى', 'علَى']
    """
    if is_quranic(word):
        return []
    out: list[str] = []
    for index, suggestion in enumerate(suggestions[:OFFERED]):
        if index == 0 and replacement is not None:
            new = replacement
        else:
            new = with_marks(word, suggestion)
        if new not in out and new != word:
            out.append(new)
    return out


def ignore_edit(line: str, syntax: str, *, mdx: bool = False) -> tuple[int, str] | None:
    """Where the comment that ignores ``line`` (without its line break) goes, in code
    points from the line's start, and the text inserted there; None when ``syntax`` has
    no inline comment that stays hidden.  ``lialia: ignore`` anywhere on a line ignores
    it, so the comment goes where the line renders as it did: in Markdown before a
    hard break's trailing spaces or backslash, inside the last cell of a table row
    (before its closing pipe), before a heading's closing #s; elsewhere at the end, before
    any trailing spaces (TeX: at the very end, a trailing ``\\\\`` or ``%`` included).

    >>> ignore_edit("| الى | كتاب |", "markdown")
    (12, ' <!-- lialia: ignore -->')
    >>> ignore_edit("الى\\\\", "markdown")  # before the backslash: no space to show there
    (3, '<!-- lialia: ignore -->')
    >>> ignore_edit("الى  ", "markdown"), ignore_edit("الى", "tex"), ignore_edit("الى", "rst")
    ((3, ' <!-- lialia: ignore -->'), (3, ' % lialia: ignore'), None)
    >>> ignore_edit("الى", "markdown", mdx=True)  # a .mdx file: JSX, no HTML comments
    (3, ' {/* lialia: ignore */}')
    """
    comment = MDX_IGNORE_COMMENT if mdx and syntax == "markdown" else IGNORE_COMMENT.get(syntax)
    if comment is None:
        return None
    if syntax == "tex":
        return len(line), f" {comment}"
    content = line.rstrip(" \t")
    end = _MARKDOWN_END_RE.search(content) if syntax == "markdown" else None
    if end is None:
        return len(content), f" {comment}"
    if end.group("backslash"):
        # a literal backslash (the paragraph's last line) would show a space before it
        return end.start("backslash"), comment
    # the last cell's text, or the heading's, ends where the spaces before the pipe
    # or the #s begin
    kept = end.start("pipe") if end.group("pipe") else end.start("hashes")
    return len(content[:kept].rstrip(" \t")), f" {comment}"


def diagnostic(finding: Finding, index: LineIndex, suggested: bool = True) -> types.Diagnostic:
    """The diagnostic of one finding.  Its ``data`` carries what the code actions need
    (the word, the suggestions offered, the engine's sure replacement), so they can be
    offered from the diagnostic alone."""
    return types.Diagnostic(
        range=index.range(finding.offset, finding.end),
        message=message(finding, suggested),
        severity=SEVERITY[finding.severity],
        code=finding.severity.value,
        source=SOURCE,
        data={
            "word": finding.word,
            "suggestions": [s.word for s in finding.suggestions[:OFFERED]],
            "replacement": finding.replacement,
        },
    )


def _problem(text: str) -> types.Diagnostic:
    """A problem that stopped the check (a configuration error, a crash), shown at the
    top of the document: it is an Error, never mistaken for a finding."""
    start = types.Position(0, 0)
    return types.Diagnostic(
        range=types.Range(start, start),
        message=text,
        severity=types.DiagnosticSeverity.Error,
        code="error",
        source=SOURCE,
    )


@lru_cache(maxsize=4)
def _checker(
    lexicons: tuple[str, ...],
    words: tuple[str, ...],
    report_probable: bool,
    min_length: int,
    ignore_patterns: tuple[str, ...],
    strictness: Strictness,
) -> SpellChecker:
    return SpellChecker(
        lexicons,
        words,
        report_probable=report_probable,
        min_length=min_length,
        ignore_patterns=ignore_patterns,
        strictness=strictness,
    )


def checker_for(cfg: configuration.Config) -> SpellChecker:
    """The checker of a project's configuration (its word lists read now), shared by the
    documents of that project and built again when its settings or words change."""
    return _checker(
        cfg.lexicons,
        cfg.words(),
        cfg.report_probable,
        cfg.min_length,
        cfg.ignore_patterns,
        cfg.strictness,
    )


@dataclass(frozen=True, slots=True)
class Checked:
    """A document as it was last checked: its text, positions and findings (for code
    actions)."""

    text: str
    index: LineIndex
    syntax: str
    findings: tuple[Finding, ...]


class Session:
    """The server's state: the documents' last checks, the pending ones, the worker."""

    def __init__(self, server: LanguageServer) -> None:
        self.server = server
        self.checked: dict[str, Checked] = {}
        #: the latest check asked for each document: an older one is dropped
        self.generation: dict[str, int] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        # one worker: checks do not fight each other for the interpreter, and the
        # event loop (answering requests) runs between the worker's time slices
        self.executor = concurrent.futures.ThreadPoolExecutor(1, "lialia-check")

    # -- where a document lives ------------------------------------------------------

    def encoding(self) -> str:
        """The position encoding negotiated with the client."""
        encoding = self.server.workspace.position_encoding
        return str(getattr(encoding, "value", encoding or "utf-16"))

    def folder(self, uri: str) -> Path:
        """The folder the configuration of a document is looked for from: the file's own
        folder, or for an unsaved buffer the workspace's root (else the server's)."""
        path = to_fs_path(uri) if uri.startswith("file:") else None
        if path is not None:
            return Path(path).parent
        root = self.server.workspace.root_path
        return Path(root) if root else Path.cwd()

    # -- checking ----------------------------------------------------------------------

    def diagnose(
        self, uri: str, language_id: str | None, text: str, generation: int, suggest: bool
    ) -> tuple[Checked | None, list[types.Diagnostic]] | None:
        """Check a document (in the worker thread); None when a newer check was asked for
        in the meantime.  ``suggest=False`` finds the words without ranking their
        suggestions (``lialia check --no-suggestions``)."""
        if self.generation.get(uri) != generation:
            return None
        index = LineIndex(text, self.encoding())
        name = to_fs_path(uri) or uri
        syntax = syntax_of(name, language_id)
        try:
            cfg = configuration.load(self.folder(uri))
            if len(text) > cfg.max_file_bytes or len(text.encode("utf-8")) > cfg.max_file_bytes:
                raise FileTooLargeError(name, cfg.max_file_bytes)
            try:
                checker = checker_for(cfg)
            except UnknownLexiconError as e:  # named in the configuration: say where
                where = configuration.display_path(cfg.path) if cfg.path else name
                raise ConfigError(where, "lexicons", str(e)) from None
            findings = checker.check(text, syntax=syntax, suggest=suggest)
        except LialiaError as e:
            return None, [_problem(f"lialia: error: {e}")]
        except Exception as e:  # a crash is reported as one, never as a finding
            return None, [_problem(f"lialia: internal error: {type(e).__name__}: {e}")]
        checked = Checked(text, index, syntax, tuple(findings))
        return checked, [diagnostic(f, index, suggest) for f in findings]

    async def check(self, uri: str, quick_first: bool = False) -> None:
        """Check a document now and publish its diagnostics.

        With ``quick_first``, a large document is first checked without ranking
        suggestions (several times faster when it holds many distinct misspellings, all
        new to the checker): its words are marked at once, and the messages gain their
        suggestions when the full check ends."""
        document = self.server.workspace.text_documents.get(uri)
        if document is None:
            return
        generation = self.generation.get(uri, 0) + 1
        self.generation[uri] = generation
        text, version = document.source, document.version
        loop = asyncio.get_running_loop()
        passes = (False, True) if quick_first and len(text) >= QUICK_FIRST else (True,)
        for suggest in passes:
            outcome = await loop.run_in_executor(
                self.executor, self.diagnose, uri, document.language_id, text, generation, suggest
            )
            if outcome is None or self.generation.get(uri) != generation:
                return  # overtaken: the newer check publishes
            checked, diagnostics = outcome
            if checked is None:
                self.checked.pop(uri, None)
            else:
                self.checked[uri] = checked
            self.server.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
            )
            if checked is None:
                return  # an error: the full check would only say it again

    def schedule(self, uri: str, delay: float, quick_first: bool = False) -> None:
        """Check a document after ``delay`` seconds, replacing any check still waiting."""
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()

        async def later() -> None:
            if delay:
                await asyncio.sleep(delay)
            await self.check(uri, quick_first)

        task = asyncio.ensure_future(later())
        self.pending[uri] = task
        task.add_done_callback(lambda done: self._forget(uri, done))

    def _forget(self, uri: str, task: asyncio.Task[None]) -> None:
        if self.pending.get(uri) is task:
            del self.pending[uri]

    def recheck_all(self) -> None:
        """Check every open document again (the word list or configuration changed)."""
        for uri in list(self.server.workspace.text_documents):
            self.schedule(uri, 0)

    # -- the protocol --------------------------------------------------------------------

    def did_open(self, params: types.DidOpenTextDocumentParams) -> None:
        """A document opened: check it at once (a large one first without suggestions)."""
        self.schedule(params.text_document.uri, 0, quick_first=True)

    def did_change(self, params: types.DidChangeTextDocumentParams) -> None:
        """A document changed: check it when the typing pauses."""
        self.schedule(params.text_document.uri, DEBOUNCE)

    def did_save(self, params: types.DidSaveTextDocumentParams) -> None:
        """A document saved: check it at once; a saved configuration or word list changes
        what every open document's check finds."""
        uri = params.text_document.uri
        name = uri.rsplit("/", 1)[-1]
        if name in (configuration.CONFIG_FILE, configuration.PYPROJECT, configuration.WORDS_FILE):
            self.recheck_all()
        else:
            self.schedule(uri, 0)

    def did_close(self, params: types.DidCloseTextDocumentParams) -> None:
        """A document closed: forget it and clear its diagnostics."""
        uri = params.text_document.uri
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        self.generation[uri] = self.generation.get(uri, 0) + 1
        self.checked.pop(uri, None)
        self.server.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    def initialized(self, params: types.InitializedParams) -> None:
        """Load the lexicons in the worker before the first document arrives (on a
        machine's first run this compiles them: seconds, not per document)."""

        def warm() -> None:
            try:
                root = self.server.workspace.root_path
                checker_for(configuration.load(Path(root) if root else None)).load()
            except Exception:  # the document's own check reports it
                pass

        self.executor.submit(warm)

    def code_action(self, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        """Quick fixes for the findings in the requested range."""
        only = params.context.only
        if only is not None and not any(
            types.CodeActionKind.QuickFix.value.startswith(kind) for kind in only
        ):
            return None
        uri = params.text_document.uri
        document = self.server.workspace.text_documents.get(uri)
        if document is None:
            return None
        text = document.source
        checked = self.checked.get(uri)
        fresh = checked is not None and checked.text == text
        index = checked.index if checked is not None and fresh else LineIndex(text, self.encoding())
        targets: list[tuple[int, types.Diagnostic]] = []
        if checked is not None and fresh:
            start, end = index.offset(params.range.start), index.offset(params.range.end)
            for finding in checked.findings:
                if finding.offset <= end and start <= finding.end:
                    targets.append((finding.offset, diagnostic(finding, index)))
        else:
            # a change not checked yet: the client's diagnostics still name their words;
            # those whose text is still in place are offered
            for item in params.context.diagnostics:
                data = item.data
                if item.source != SOURCE or not isinstance(data, dict):
                    continue
                offset = index.offset(item.range.start)
                if text[offset : offset + len(data.get("word", ""))] == data.get("word"):
                    targets.append((offset, item))
        syntax = (
            checked.syntax
            if checked is not None
            else syntax_of(to_fs_path(uri) or uri, document.language_id)
        )
        actions: list[types.CodeAction] = []
        kept = Untouchable.of(text, syntax) if targets else Untouchable([], [])
        for offset, item in targets:
            # a word of the Quran is never altered, nor listed; the text of a link that is
            # also its label is not replaced (the link would break)
            word = str(item.data.get("word", "")) if isinstance(item.data, dict) else ""
            why = never_altered(kept, word, offset, offset + 1)
            actions += self._actions(uri, index, syntax, offset, item, why)
        return actions

    def _actions(
        self,
        uri: str,
        index: LineIndex,
        syntax: str,
        offset: int,
        item: types.Diagnostic,
        kept: str | None = None,
    ) -> list[types.CodeAction]:
        """The quick fixes of one diagnostic.  A word never altered (``kept``: why, from
        :func:`lialia.tokenize.never_altered`) is offered no replacement; a word of the
        muṣḥaf is not listed either (its bare spelling would then be right everywhere, as
        ``words add`` refuses): only its line may be ignored."""
        data = item.data if isinstance(item.data, dict) else {}
        word = str(data.get("word", ""))
        out: list[types.CodeAction] = []
        sure = data.get("replacement") is not None
        suggestions, replacement = data.get("suggestions", ()), data.get("replacement")
        offered = [] if kept is not None else replacements(word, suggestions, replacement)
        for rank, new in enumerate(offered):
            out.append(
                types.CodeAction(
                    title=f"Replace with {new}",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[item],
                    is_preferred=True if rank == 0 and sure else None,
                    edit=types.WorkspaceEdit(
                        changes={uri: [types.TextEdit(range=item.range, new_text=new)]}
                    ),
                )
            )
        if kept != QURAN_WORD:
            out.append(self._add_action(uri, word, item))
        line = index.position(offset).line
        start = index.starts[line]
        mdx = (to_fs_path(uri) or uri).lower().endswith(".mdx")
        placed = ignore_edit(index.text[start : index.line_end(line)], syntax, mdx=mdx)
        if placed is not None:
            column, comment = placed
            at = index.position(start + column)
            out.append(
                types.CodeAction(
                    title="Ignore this line (lialia: ignore)",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[item],
                    edit=types.WorkspaceEdit(
                        changes={uri: [types.TextEdit(range=types.Range(at, at), new_text=comment)]}
                    ),
                )
            )
        return out

    @staticmethod
    def _add_action(uri: str, word: str, item: types.Diagnostic) -> types.CodeAction:
        """The quick fix that adds ``word`` to the project word list."""
        return types.CodeAction(
            title=f"Add {normalize(word)} to {configuration.WORDS_FILE}",
            kind=types.CodeActionKind.QuickFix,
            diagnostics=[item],
            command=types.Command(
                title=f"Add {normalize(word)} to the project word list",
                command=ADD_WORD,
                arguments=[uri, word],
            ),
        )

    async def add_word(self, uri: str, word: str) -> None:
        """``lialia.addWord``: add a word (without its marks, as ``lialia words add``
        does) to the word list of the document's project, then check every open
        document again."""

        def add() -> list[str]:
            cfg = configuration.load(self.folder(uri))
            return configuration.add_words(cfg.words_file, [normalize(word)])

        loop = asyncio.get_running_loop()
        try:
            await loop.run_in_executor(self.executor, add)
        except (LialiaError, OSError) as e:
            self.server.window_show_message(
                types.ShowMessageParams(types.MessageType.Error, f"lialia: error: {e}")
            )
            return
        self.recheck_all()


def build_server() -> LanguageServer:
    """A language server with lialia's features registered (not started)."""
    server = LanguageServer(
        "lialia", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full
    )
    session = Session(server)
    # pygls marks the functions it registers, which a bound method cannot take: each
    # feature is a plain function handing over to the session

    @server.feature(types.INITIALIZED)
    def initialized(params: types.InitializedParams) -> None:
        session.initialized(params)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: types.DidOpenTextDocumentParams) -> None:
        session.did_open(params)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: types.DidChangeTextDocumentParams) -> None:
        session.did_change(params)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(params: types.DidSaveTextDocumentParams) -> None:
        session.did_save(params)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: types.DidCloseTextDocumentParams) -> None:
        session.did_close(params)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(params: types.CodeActionParams) -> list[types.CodeAction] | None:
        return session.code_action(params)

    @server.command(ADD_WORD)
    async def add_word(uri: str, word: str) -> None:
        await session.add_word(uri, word)

    return server


def serve(stdin: BinaryIO | None = None, stdout: BinaryIO | None = None) -> int:
    """Run the server over standard input and output until the client says ``exit``;
    return the exit code the protocol asks for: 0 after a ``shutdown`` request, else 1.

    The protocol owns the standard streams meanwhile: the server reads and writes their
    descriptors through streams of its own (which pygls closes at the end, leaving
    ``sys.stdout`` usable), and anything printed goes to stderr, not into the protocol."""
    server = build_server()
    with contextlib.ExitStack() as stack:
        if stdin is None:
            stdin = stack.enter_context(open(sys.stdin.fileno(), "rb", closefd=False))
        if stdout is None:
            stdout = stack.enter_context(open(sys.stdout.fileno(), "wb", closefd=False))
        stack.enter_context(contextlib.redirect_stdout(sys.stderr))
        server.start_io(stdin, stdout)
    return 0 if getattr(server.protocol, "_shutdown", False) else 1

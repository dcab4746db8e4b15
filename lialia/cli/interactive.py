"""``lialia check --interactive``: the questions asked about each finding."""

from __future__ import annotations

import sys

from .. import config as configuration
from ..checker import SpellChecker
from ..files import Decoded
from ..findings import Finding
from ..normalize import normalize
from ..report import printable
from ..tokenize import Untouchable, never_altered, syntax_for
from .base import _console, _interrupts_held

#: line and paragraph separators and other control characters: not in a replacement
_NOT_IN_A_WORD = frozenset("\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


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
        # where the text asked about last is never altered (Quran quotations, labels)
        self._kept: tuple[Decoded | None, Untouchable] = (None, Untouchable([], []))

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

    def _kept_as_it_is(self, decoded: Decoded, finding: Finding) -> str | None:
        """Why ``finding`` is never altered, even when asked, or None
        (:func:`lialia.tokenize.never_altered`)."""
        if self._kept[0] is not decoded:
            self._kept = (decoded, Untouchable.of(decoded.text, syntax_for(decoded.path)))
        return never_altered(self._kept[1], finding.word, finding.offset, finding.end)

    def ask(self, decoded: Decoded, finding: Finding) -> str | None:
        """The replacement chosen for ``finding``, or None to leave it.  A word of the
        muṣḥaf, and a link's text that is also its label, are never altered: shown, not
        asked about (nor replaced by ``R``)."""
        if normalize(finding.word) in self.added:
            return None
        if (why := self._kept_as_it_is(decoded, finding)) is not None:
            where = f"{printable(decoded.path)}:{finding.line}:{finding.column}"
            self.console.print(f"{where}: {finding.word}: {why}, left as it is")
            return None
        if finding.word in self.always:
            return self.always[finding.word]
        text = decoded.text
        start = max(text.rfind("\n", 0, finding.offset), text.rfind("\r", 0, finding.offset)) + 1
        ends = [
            at for at in (text.find("\n", finding.end), text.find("\r", finding.end)) if at >= 0
        ]
        end = min(ends, default=len(text))
        from rich.text import Text

        # the file's line is data: its control characters are shown, never sent
        line = Text(printable(text[start : finding.offset], tabs=True))
        line.append(finding.word, style="bold red")
        line.append(printable(text[finding.end : end], tabs=True))
        where = f"{printable(decoded.path)}:{finding.line}:{finding.column}"
        self.console.print(f"{where}: {finding.word}")
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
                configuration.add_words(self.cfg.words_file, [word], writing=_interrupts_held)
                self.added.add(word)
                shown = configuration.display_path(self.cfg.words_file)
                self.console.print(f"added {word} to {shown}")
                return None
            if answer in numbers:
                return finding.written(options[int(answer) - 1])
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
                finding.written(options[int(reply) - 1])
                if reply in numbers
                else self._typed(finding.word, reply)
            )
            if new is None:
                continue  # not taken: the same question again
            if everywhere:
                self.always[finding.word] = new
            return new

"""One renderer per output format: text, json, sarif, github.

Findings come from the engine without a path; :class:`Located` adds it.  Renderers return
strings (or Rich ``Text`` for the coloured text format); the CLI decides where they go.
Rich is used here and in ``lialia/cli/`` only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any

from . import __version__
from .findings import Finding, Severity

if TYPE_CHECKING:  # Rich costs tens of milliseconds to import: only a terminal needs it
    from rich.text import Text

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
NO_SUGGESTION = "(no suggestion)"
#: suggestions shown in one text or github line (json and sarif carry them all)
SHOWN = 5


class Format(str, Enum):
    """``--format`` values."""

    TEXT = "text"
    JSON = "json"
    SARIF = "sarif"
    GITHUB = "github"


@dataclass(frozen=True, slots=True)
class Located:
    """A finding and the path of the file (``-`` for standard input) it was found in."""

    path: str
    finding: Finding
    #: False under ``--no-suggestions``: the line names the word and nothing after it
    suggested: bool = True


def _suggestion_part(finding: Finding) -> str:
    words = [s.word for s in finding.suggestions[:SHOWN]]
    if not words:
        return NO_SUGGESTION
    if len(words) == 1:
        return words[0]
    return f"{words[0]} ({', '.join(words[1:])})"


# the control characters (C0, DEL, C1) and the line and paragraph separators
_CONTROL_RE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_CONTROL_BUT_TAB_RE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str, *, tabs: bool = False) -> str:
    """``text`` with each control character written as an escape (``\\n``,
    ``\\x1b``): a file name, or a line of a checked file, can neither break a line of
    output in two nor send a terminal its commands.  A checked folder is data.  (JSON
    and SARIF keep names exact: their own escapes are unambiguous.)

    >>> printable("a\\nb\\x1b]0;x\\x07.md"), printable("دليل.md")
    ('a\\\\nb\\\\x1b]0;x\\\\x07.md', 'دليل.md')
    """
    controls = _CONTROL_BUT_TAB_RE if tabs else _CONTROL_RE  # tabs: a line of text shown
    if controls.search(text) is None:
        return text
    return controls.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match[0]
    return _ESCAPES.get(char) or (
        f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"
    )


def text_line(item: Located) -> str:
    """``path:line:column: word -> best (alt, alt)``.

    >>> from lialia.findings import Suggestion
    >>> f = Finding(2, 7, 30, "الى", Severity.MISSPELLING,
    ...             (Suggestion("إلى", -1.0, "known"), Suggestion("ألا", -4.0, "hamza")))
    >>> text_line(Located("docs/a.md", f))
    'docs/a.md:2:7: الى -> إلى (ألا)'
    """
    f = item.finding
    where = f"{printable(item.path)}:{f.line}:{f.column}: {f.word}"
    return f"{where} -> {_suggestion_part(f)}" if item.suggested else where


def text_rich(item: Located) -> Text:
    """The same line as :func:`text_line`, styled for a terminal."""
    from rich.text import Text

    f = item.finding
    word_style = "bold red" if f.severity is Severity.MISSPELLING else "bold yellow"
    line = Text()
    line.append(f"{printable(item.path)}:{f.line}:{f.column}:", style="bold")
    line.append(" ")
    line.append(f.word, style=word_style)
    if not item.suggested:
        return line
    line.append(" -> ")
    if f.suggestions:
        line.append(f.suggestions[0].word, style="bold green")
        if len(f.suggestions) > 1:
            alternatives = ", ".join(s.word for s in f.suggestions[1:SHOWN])
            line.append(f" ({alternatives})", style="green")
    else:
        line.append(NO_SUGGESTION, style="dim")
    return line


def json_object(item: Located) -> dict[str, Any]:
    """The JSON form of one finding."""
    f = item.finding
    return {
        "path": item.path,
        "line": f.line,
        "column": f.column,
        "word": f.word,
        "severity": f.severity.value,
        "suggestions": [s.word for s in f.suggestions],
        # what --fix writes in place of ``word`` (marks carried over); null: not auto-fixed
        "fix": f.replacement,
    }


def _json_text(value: object, indent: int | None = None) -> str:
    """JSON as UTF-8 text, not ``\\u`` escapes, but for the bytes of a file name that
    are not UTF-8 (read as lone surrogates): those are written ``\\udcff``, so the
    output stays valid UTF-8 and a reader gets the name's bytes back (``os.fsencode``)."""
    import json  # only the json and sarif formats need it

    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def json_line(item: Located) -> str:
    """One JSON object on one line (UTF-8 text, not ``\\u`` escapes)."""
    return _json_text(json_object(item))


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github_line(item: Located) -> str:
    """A GitHub Actions workflow command that annotates the word in the diff view."""
    f = item.finding
    title = _escape_property(f"lialia: {f.severity.value}")
    props = (
        f"file={_escape_property(item.path)},line={f.line},col={f.column},"
        f"endColumn={f.column + len(f.word)},title={title}"
    )
    message = f"{f.word} -> {_suggestion_part(f)}" if item.suggested else f.word
    return f"::warning {props}::{_escape_data(message)}"


_RULES = {
    Severity.MISSPELLING: (
        "misspelling",
        "The word is not in any loaded lexicon, or it is a known misspelling.",
        "error",
    ),
    Severity.PROBABLE: (
        "probable",
        "The word is valid but a rare variant of a far more frequent spelling.",
        "warning",
    ),
}


def _uri(path: str) -> str:
    """A relative URI for a path: ``/`` separators, every byte that needs it
    percent-encoded, a file name's bytes that are not UTF-8 included (``%FF``)."""
    from urllib.parse import quote  # only SARIF needs it (with ipaddress, milliseconds)

    return quote(path.replace("\\", "/").encode("utf-8", "surrogateescape"))


def sarif_log(items: Iterable[Located]) -> dict[str, Any]:
    """A SARIF 2.1.0 log with one run; columns count Unicode code points."""
    rules = [
        {
            "id": rule_id,
            "name": rule_id,
            "shortDescription": {"text": description},
            "defaultConfiguration": {"level": level},
        }
        for rule_id, description, level in _RULES.values()
    ]
    results: list[dict[str, Any]] = []
    for item in items:
        f = item.finding
        rule_id, _, level = _RULES[f.severity]
        if f.suggestions:
            message = f"'{f.word}' may be misspelled; did you mean '{f.best}'?"
        else:
            message = f"'{f.word}' may be misspelled."
        region = {"startLine": f.line, "startColumn": f.column, "endColumn": f.column + len(f.word)}
        result: dict[str, Any] = {
            "ruleId": rule_id,
            "ruleIndex": 0 if f.severity is Severity.MISSPELLING else 1,
            "level": level,
            "message": {"text": message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(item.path)},
                        "region": region,
                    }
                }
            ],
            "properties": {"word": f.word, "suggestions": [s.word for s in f.suggestions]},
        }
        if (best := f.best) is not None:
            result["fixes"] = [
                {
                    "description": {"text": f"Replace with '{best}'"},
                    "artifactChanges": [
                        {
                            "artifactLocation": {"uri": _uri(item.path)},
                            "replacements": [
                                {
                                    "deletedRegion": region,
                                    "insertedContent": {"text": f.written(best)},
                                }
                            ],
                        }
                    ],
                }
            ]
        results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "lialia",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def sarif(items: Iterable[Located]) -> str:
    """The SARIF log as indented JSON text."""
    return _json_text(sarif_log(items), indent=2)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary(files: int, words: int, findings: int, seconds: float, fixed: int = 0) -> str:
    """``checked 3 files, 812 words, 4 findings in 0.21 s``; with ``fixed``, how many of
    the findings were corrected: ``4 findings (3 fixed)``."""
    done = f" ({fixed} fixed)" if fixed else ""
    return (
        f"checked {_plural(files, 'file')}, {_plural(words, 'word')}, "
        f"{_plural(findings, 'finding')}{done} in {seconds:.2f} s"
    )


def suggest_text(
    word: str, suggestions: Sequence[str], correct: bool, reason: str | None = None
) -> str:
    """``word -> best, alt`` for a flagged word, ``word: ok`` for a correct one, and
    ``word: not Arabic`` or ``: empty`` for a keyword that is not an Arabic word at all.

    >>> suggest_text("hello", [], False, "not Arabic")
    'hello: not Arabic'
    """
    if correct:
        return f"{word}: ok"
    if reason in ("not Arabic", "empty"):
        return f"{word}: {reason}"
    return f"{word} -> {', '.join(suggestions) if suggestions else NO_SUGGESTION}"


def suggest_json(
    word: str,
    suggestions: Sequence[str],
    correct: bool,
    severity: Severity | None,
    normalized: str | None = None,
    reason: str | None = None,
) -> str:
    """``{"word", "normalized", "correct", "severity", "reason", "suggestions"}`` on one
    line; ``normalized`` defaults to the word itself."""
    import json  # only the json format needs it

    return json.dumps(
        {
            "word": word,
            "normalized": word if normalized is None else normalized,
            "correct": correct,
            "severity": severity.value if severity is not None else None,
            "reason": reason,
            "suggestions": list(suggestions),
        },
        ensure_ascii=False,
    )

"""``lialia suggest``: whether words are correct, and their corrections."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Optional

import typer

from .. import report
from ..checker import SpellChecker
from ..errors import LialiaError
from ..files import STDIN
from ..keywords import judge
from ..report import Format
from .base import ExitCode, _emit, _error, _guarded, app
from .options import ConfigOption, LexiconOption, StreamOption
from .settings import _checker, _load_config, _settings
from .streams import _bad_request, _emit_in_batches, _stdin_lines, _stream_requests


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
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, help="Suggestions a word (10 at most).")
    ] = 5,
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
        asked = request.options.get("limit")  # a JSON line's own limit (0: the command's)
        line, correct = _suggest_line(
            checker, request.query, asked if isinstance(asked, int) and asked else limit, fmt
        )
        flagged = flagged or not correct
        _emit(line)
    raise typer.Exit(ExitCode.ERROR if failed else ExitCode.FOUND if flagged else ExitCode.OK)

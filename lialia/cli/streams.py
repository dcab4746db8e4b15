"""Reading standard input: all of it, its lines, or one request a line (``--stream``)."""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import typer

from ..errors import MB, FileTooLargeError
from ..files import DEFAULT_MAX_FILE_SIZE, STDIN, read_stream
from ..keywords import is_text
from ..report import Format
from .base import ExitCode, _emit, _emit_bytes, _error, _writing


def _stdin_lines(instead: str = "words") -> list[str]:
    """The lines of standard input, stripped, blank ones too (output line n answers input
    line n), or a one-line error (exit 2) when they are not UTF-8."""
    raw = _stdin_bytes(STDIN, instead=instead)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        _error(f"-: not valid UTF-8 at byte {e.start} — send UTF-8 text")
        raise typer.Exit(ExitCode.ERROR) from None
    # only \n ends a line, as in --stream: str.splitlines() also splits at \f, \v,
    # U+0085, U+2028 and others, which gave more answers than input lines
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.strip() for line in lines]


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


def _stdin_bytes(
    name: str,
    limit: int = DEFAULT_MAX_FILE_SIZE * MB,
    *,
    pass_on: bool = False,
    instead: str = "files",
) -> bytes:
    """All of standard input (at most ``limit`` bytes), or a one-line error (exit 2) when
    it cannot be read or is larger.  ``pass_on`` (``check --fix -``, a filter): input
    too large to check is first copied to stdout unchanged, so that an editor's
    ``:%!lialia check --fix -`` never replaces a buffer with nothing.  ``instead``: what
    the command takes on its command line when not reading standard input."""
    if sys.stdin is None:  # closed by the caller: <&-
        _error(f"{name}: standard input is closed — pipe text into lialia, or name {instead}")
        raise typer.Exit(ExitCode.ERROR)
    stream = typer.get_binary_stream("stdin")
    try:
        return read_stream(stream, limit, name)
    except FileTooLargeError as e:
        if pass_on:
            _emit_bytes(e.head)
            with _writing(False):
                out = typer.get_binary_stream("stdout")
                shutil.copyfileobj(stream, out)
                out.flush()
        _error(str(e))
        raise typer.Exit(ExitCode.ERROR) from None
    except OSError as e:
        _error(f"{name}: cannot read standard input: {e.strerror or e}")
        raise typer.Exit(ExitCode.ERROR) from None


#: what ends a line for str.splitlines() (a "q" holding one would answer on two lines)
_LINE_BREAKS = re.compile("[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")

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
    if _LINE_BREAKS.search(data["q"]):
        return _Request(number, text, error='"q" must be one line (every line gets one answer)')
    if not is_text(data["q"]):
        return _Request(number, text, error='"q" holds half a surrogate pair, not text')
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

"""``lialia search``: keywords in the Quran."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ..errors import LialiaError
from ..files import STDIN
from ..report import Format
from .base import ExitCode, _emit, _error, _guarded, app
from .options import StreamOption
from .streams import _bad_request, _emit_in_batches, _stdin_lines, _stream_requests

if TYPE_CHECKING:
    from ..quran import SearchResult  # imported by lialia search alone, when it runs


def search_text(result: SearchResult, ayah_text: bool = False) -> str:
    """The text answer for one keyword: ``keyword[ -> correction]: N occurrences: ...``,
    ``keyword: not found``, ``keyword: not Arabic`` or ``: empty``; with ``ayah_text``
    one more line, indented, for each occurrence shown."""
    from ..quran import Reason

    if result.reason in (Reason.NOT_ARABIC, Reason.EMPTY, Reason.NOT_FOUND):
        return f"{result.keyword}: {result.reason.value}"
    head = result.keyword.strip()
    if result.correction is not None:
        head += f" -> {result.correction}"
    noun = "occurrence" if result.count == 1 else "occurrences"
    places = ", ".join(f"{o.reference} {o.imlai or o.uthmani}" for o in result.occurrences)
    more = result.count - len(result.occurrences)
    line = f"{head}: {result.count} {noun}" + (f": {places}" if places else "")
    if more and places:
        line += f" (+{more} more)"
    if not ayah_text:
        return line
    texts = [f"  {o.surah}:{o.ayah} {o.ayah_uthmani}" for o in result.occurrences]
    return "\n".join([line, *texts])


def search_json(result: SearchResult) -> str:
    """The JSON answer for one keyword, on one line."""
    import json

    return json.dumps(result.as_dict(), ensure_ascii=False)


@app.command("search")
@_guarded
def search_command(
    keywords: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Argument(
            help="Keywords: a word, or a phrase (all its words in one ayah; between quotes, "
            "side by side in that order); - reads one keyword a line from stdin."
        ),
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=0, help="Occurrences shown a keyword (0: all).")
    ] = 10,
    loose: Annotated[
        bool,
        typer.Option("--loose", help="Take hamza and alef forms, ة/ه and ى/ي as one letter."),
    ] = False,
    exact: Annotated[
        bool, typer.Option("--exact", help="The exact word form only, without clitics.")
    ] = False,
    ayah_text: Annotated[
        bool, typer.Option("--ayah-text", help="Show the text of each ayah found.")
    ] = False,
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="text or json.", case_sensitive=False)
    ] = Format.TEXT,
    stream: StreamOption = False,
) -> None:
    """Find keywords in the Quran, each corrected first when misspelt (exit 1: some
    keyword was corrected or not found)."""
    if fmt not in (Format.TEXT, Format.JSON):
        raise typer.BadParameter("search prints text or json", param_hint="--format")
    from ..quran import Reason, quran_index

    def render(result: SearchResult, shows_ayahs: bool) -> str:
        if fmt is Format.JSON:
            return search_json(result)
        return search_text(result, shows_ayahs)

    try:
        index = quran_index()
    except LialiaError as e:
        _error(str(e))
        raise typer.Exit(ExitCode.ERROR) from None
    options: dict[str, object] = {
        "loose": loose,
        "exact": exact,
        "ayah_text": ayah_text,
        "limit": limit or None,
    }
    missed = failed = False
    if stream:
        if keywords and keywords != [STDIN]:
            raise typer.BadParameter(
                "--stream reads stdin: give no keywords", param_hint="KEYWORDS"
            )
        for request in _stream_requests():
            if request.error is not None:
                failed = True
                _emit(_bad_request(request, fmt))
                continue
            asked = {**options, **request.options}
            if "limit" in request.options:
                asked["limit"] = request.options["limit"] or None
            (result,) = index.search(
                request.query,
                loose=bool(asked["loose"]),
                exact=bool(asked["exact"]),
                ayah_text=bool(asked["ayah_text"]),
                limit=asked["limit"] if isinstance(asked["limit"], int) else None,
            )
            missed = missed or result.reason is not Reason.FOUND
            _emit(render(result, bool(asked["ayah_text"])))
        raise typer.Exit(ExitCode.ERROR if failed else ExitCode.FOUND if missed else ExitCode.OK)
    if keywords is None:
        raise typer.BadParameter(
            "give keywords, or - to read them from stdin", param_hint="KEYWORDS"
        )
    items = list(keywords)
    if items == [STDIN]:
        items = _stdin_lines("keywords")
    found = index.search(items, loose=loose, exact=exact, limit=limit or None, ayah_text=ayah_text)
    _emit_in_batches(render(result, ayah_text) for result in found)
    missed = missed or any(result.reason is not Reason.FOUND for result in found)
    raise typer.Exit(ExitCode.FOUND if missed else ExitCode.OK)

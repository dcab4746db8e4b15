"""``lialia words add``: the project word list."""

from __future__ import annotations

from typing import Annotated

import typer

from .. import config as configuration
from ..errors import LialiaError
from ..normalize import is_quranic, normalize
from ..tokenize import WORD_RE
from .base import ExitCode, _emit, _error, _guarded, _interrupts_held, words_app
from .options import ConfigOption
from .settings import _load_config


@words_app.command("add")
@_guarded
def words_add(
    words: Annotated[list[str], typer.Argument(help="Words the project accepts.")],
    config_file: ConfigOption = None,
) -> None:
    """Add words to the project word list, .lialia-words.txt at the project root."""
    cfg = _load_config(config_file)
    for word in words:
        if (problem := _not_addable(word)) is not None:
            _error(f"{word!r}: {problem}; nothing added")
            raise typer.Exit(ExitCode.ERROR)
    try:
        # Ctrl-C is held while the list is written, not while another writer is waited for
        added = configuration.add_words(
            cfg.words_file, [normalize(w) for w in words], writing=_interrupts_held
        )
    except (LialiaError, OSError) as e:
        _error(str(e))
        raise typer.Exit(ExitCode.ERROR) from None
    for word in added:
        _emit(f"added {word}", err=True)
    _emit(f"{len(added)} new in {configuration.display_path(cfg.words_file)}", err=True)


def _not_addable(word: str) -> str | None:
    """Why ``word`` cannot go into the word list, or None.  The list holds words as the
    checker keys them (marks stripped), so a word carrying a sign of the muṣḥaf would
    add its bare form (``الىٓ`` would make every ``الى`` right), and a word that is not
    one Arabic word would add nothing the checker ever asks about."""
    if is_quranic(word):
        return (
            "a word of the Quran (it carries a sign of the muṣḥaf): the list would accept "
            "its bare spelling everywhere; add the plain spelling if you mean that"
        )
    key = normalize(word.strip())
    if not key or not WORD_RE.fullmatch(key):
        return "not one Arabic word (lialia checks Arabic words only)"
    return None

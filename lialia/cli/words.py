"""``lialia words add``: the project word list."""

from __future__ import annotations

from typing import Annotated

import typer

from .. import config as configuration
from ..errors import LialiaError
from ..normalize import normalize
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
    try:
        with _interrupts_held():
            added = configuration.add_words(cfg.words_file, [normalize(w) for w in words])
    except (LialiaError, OSError) as e:
        _error(str(e))
        raise typer.Exit(ExitCode.ERROR) from None
    for word in added:
        _emit(f"added {word}", err=True)
    _emit(f"{len(added)} new in {configuration.display_path(cfg.words_file)}", err=True)

"""What a checker is built from, and building it (once a run, cached)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import typer

from .. import config as configuration
from ..checker import SpellChecker
from ..errors import ConfigError, LialiaError, UnknownLexiconError
from ..files import DEFAULT_MAX_FILE_SIZE
from ..lexicon import PRESETS, Strictness
from .base import ExitCode, _error


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a checker (in this process or a worker) is built from; hashable."""

    lexicons: tuple[str, ...]
    extra_words: tuple[str, ...]
    report_probable: bool
    min_length: int
    ignore_patterns: tuple[str, ...]
    encoding: str | None = None
    suggest: bool = True
    #: the largest file read, in MB (the configuration's ``max-file-size``)
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    #: the strict orthography rules (``strictness`` and the ``strict-*`` keys)
    strictness: Strictness = PRESETS["default"]


def _settings(
    cfg: configuration.Config,
    lexicons: Sequence[str],
    encoding: str | None = None,
    suggest: bool = True,
    strictness: str | None = None,
) -> Settings:
    """The settings of a run: the configuration's, with the command line's over them
    (``strictness``: a preset name from ``--strictness``, replacing the configuration's
    rules)."""
    return Settings(
        lexicons=tuple(lexicons) or cfg.lexicons,
        extra_words=cfg.words(),
        report_probable=cfg.report_probable,
        min_length=cfg.min_length,
        ignore_patterns=cfg.ignore_patterns,
        encoding=encoding,
        suggest=suggest,
        max_file_size=cfg.max_file_size,
        strictness=cfg.strictness if strictness is None else Strictness.preset(strictness),
    )


@lru_cache(maxsize=4)
def _build(settings: Settings) -> SpellChecker:
    return SpellChecker.from_options(settings)


def _checker(settings: Settings, cfg: configuration.Config, from_cli: bool) -> SpellChecker:
    try:
        return _build(settings)
    except UnknownLexiconError as e:
        if from_cli or cfg.path is None:
            raise
        raise ConfigError(configuration.display_path(cfg.path), "lexicons", str(e)) from None


def _load_config(path: Path | None, start: Path | None = None) -> configuration.Config:
    try:
        return configuration.load(start, explicit=path)
    except LialiaError as e:
        _error(str(e))
        raise typer.Exit(ExitCode.ERROR) from None

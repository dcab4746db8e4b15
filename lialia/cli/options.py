"""The options several commands share."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..report import Format

FormatOption = Annotated[
    Format, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)
]
LexiconOption = Annotated[
    Optional[list[str]],  # noqa: UP045 - Typer needs Optional on Python 3.10
    typer.Option(
        "--lexicon",
        "-l",
        help="Lexicon (repeatable): msa, quran (default: the configuration's, or msa).",
    ),
]


class StrictnessChoice(str, Enum):
    """The strictness presets (:data:`lialia.lexicon.PRESETS`)."""

    default = "default"
    strict = "strict"
    lenient = "lenient"


StrictnessOption = Annotated[
    Optional[StrictnessChoice],  # noqa: UP045
    typer.Option(
        "--strictness",
        help="Strict orthography rules (initial hamza, final ya, ta marbuta): default,"
        " strict, or lenient for chat-like text (default: the configuration's).",
        case_sensitive=False,
    ),
]
ConfigOption = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option("--config", help="Use this configuration file instead of looking for one."),
]


StreamOption = Annotated[
    bool,
    typer.Option(
        "--stream",
        help='Answer each line of stdin (plain, or JSON {"q": ...}) as soon as it is read.',
    ),
]

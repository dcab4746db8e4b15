"""The options several commands share."""

from __future__ import annotations

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

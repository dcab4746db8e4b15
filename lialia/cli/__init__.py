"""The ``lialia`` command: one module per command, sharing the pieces they all use.

- :mod:`.base`: the Typer apps, exit codes, writing to the standard streams, the one way
  every run ends (:func:`main`), the printer of findings and the progress bar;
- :mod:`.options`: the options several commands share;
- :mod:`.settings`: what a checker is built from, and building it;
- :mod:`.sources`: checking a file or standard input, here or in worker processes;
- :mod:`.streams`: reading standard input (all of it, its lines, one request a line);
- :mod:`.interactive`: the questions of ``check --interactive``;
- the commands, which register themselves on :data:`app` when imported, in the order
  ``lialia --help`` lists them: :mod:`.check`, :mod:`.suggest`, :mod:`.search`,
  :mod:`.serve`, :mod:`.lsp`, :mod:`.words`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

# isort: off
# each command registers itself on `app` when imported: in this order in `lialia --help`
from . import check, suggest, search, serve, lsp, words  # noqa: F401
# isort: on
from ..keywords import judge  # re-exported: it was lialia.cli.judge before keywords.py
from .base import ExitCode, _progress, app, internal_error, main, safe_import_path
from .settings import Settings
from .sources import _check_path, worker_count

if TYPE_CHECKING:
    from .interactive import Asker


def __getattr__(name: str) -> object:
    """:class:`~.interactive.Asker`, imported on first use: only ``check --interactive``
    asks, and a run that reports should not load (or, without bytecode, compile) it."""
    if name == "Asker":
        from .interactive import Asker

        return Asker
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "Asker",
    "ExitCode",
    "Settings",
    "_check_path",
    "_progress",
    "app",
    "internal_error",
    "judge",
    "main",
    "safe_import_path",
    "worker_count",
]

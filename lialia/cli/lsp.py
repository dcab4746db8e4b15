"""``lialia lsp``: the language server, an optional extra (lialia/integrations/lsp_server.py)."""

from __future__ import annotations

from typing import Annotated

import typer

from .base import ExitCode, _error, _guarded, app


@app.command("lsp")
@_guarded
def lsp(
    stdio: Annotated[
        bool,
        typer.Option(
            "--stdio", help="Talk over stdin and stdout (the default and only way).",
            show_default=False,
        ),
    ] = True,
) -> None:
    """Run the language server (LSP) over stdin and stdout, for editors."""
    try:
        from ..integrations import lsp_server
    except ImportError as e:
        if (e.name or "").partition(".")[0] not in ("pygls", "lsprotocol", "cattrs", "attrs"):
            raise
        _error("lialia lsp needs the lsp extra: pip install 'lialia[lsp]'")
        raise typer.Exit(ExitCode.ERROR) from None
    raise typer.Exit(lsp_server.serve())

"""``lialia serve``: suggest and search over HTTP (the optional extra lialia[serve])."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from ..errors import LialiaError
from .base import ExitCode, _error, _guarded, _note, app
from .options import ConfigOption, LexiconOption
from .settings import _checker, _load_config, _settings


@app.command("serve")
@_guarded
def serve_command(
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (this machine alone by default).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port.")] = 8765,
    workers: Annotated[
        int,
        typer.Option(
            "--workers", min=1, max=64, help="Server processes sharing the port (POSIX only)."
        ),
    ] = 1,
    lexicon: LexiconOption = None,
    config_file: ConfigOption = None,
) -> None:
    """Answer /suggest, /search and /health over HTTP (needs: pip install 'lialia[serve]')."""
    if workers > 1 and not hasattr(os, "fork"):
        _error("lialia serve --workers needs fork (Linux or macOS); leave it at 1 here")
        raise typer.Exit(ExitCode.ERROR)
    try:
        from ..integrations import http as serve
    except ImportError as e:
        _error(f"lialia serve needs Starlette and uvicorn ({e}) — pip install 'lialia[serve]'")
        raise typer.Exit(ExitCode.ERROR) from None
    cfg = _load_config(config_file)
    try:
        checker = _checker(_settings(cfg, lexicon or ()), cfg, bool(lexicon))
        checker.load()  # compile or map the lexicons before the first request
    except LialiaError as e:
        _error(str(e))
        raise typer.Exit(ExitCode.ERROR) from None
    try:
        listener = serve.listen(host, port)
    except OSError as e:
        problem = e.strerror or str(e)
        _error(f"cannot listen on {host}:{port}: {problem} — choose another --port or --host")
        raise typer.Exit(ExitCode.ERROR) from None
    _note(f"serving on http://{host}:{port} (Ctrl-C stops)", quiet=False)
    try:
        serve.run(serve.create_app(checker), listener, workers)
    except serve.WorkerDied as e:
        _error(f"lialia serve stopped: {e}")
        raise typer.Exit(ExitCode.ERROR) from None

"""Shared fixtures: run the CLI in-process with a pinned, colourless terminal."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lialia.cli import app

#: a terminal that Rich cannot colour or wrap, so output is the same everywhere
CLI_ENV = {
    "COLUMNS": "200",
    "LINES": "50",
    "TERM": "dumb",
    "NO_COLOR": "1",
    "FORCE_COLOR": None,
    "TTY_COMPATIBLE": "0",
}


@dataclass(frozen=True)
class Run:
    """What one CLI run gave."""

    code: int
    stdout: str
    stderr: str
    stdout_bytes: bytes


RunCli = Callable[..., Run]


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch) -> RunCli:
    """``run_cli(args, input=None, cwd=None)``: invoke ``lialia`` in this process."""

    def run(args: Sequence[str], input: str | bytes | None = None, cwd: Path | None = None) -> Run:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        runner = CliRunner(env=CLI_ENV)
        result = runner.invoke(app, list(args), input=input, catch_exceptions=False)
        return Run(result.exit_code, result.stdout, result.stderr, result.stdout_bytes)

    return run


@pytest.fixture
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh project folder (with its own ``.git`` marker) as the current folder, so no
    configuration from the repository around the tests leaks in."""
    project = tmp_path / "project"
    project.mkdir()
    (project / ".git").mkdir()
    monkeypatch.chdir(project)
    return project

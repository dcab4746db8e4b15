"""The pre-commit hook, for real: a temporary git repository, ``pre-commit try-repo``
against this repository, a failure on a misspelling and a pass once it is fixed.

``try-repo`` installs lialia from this repository's HEAD plus its uncommitted changes to
tracked files (it commits them into a shadow clone), in a fresh virtualenv, so the test
needs git, pre-commit and access to the package index lialia's dependencies come from.
The ``args: [--fix]`` step uses a normal ``.pre-commit-config.yaml`` pinned to HEAD.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=900
    )


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
        GIT_AUTHOR_NAME="lialia tests",
        GIT_AUTHOR_EMAIL="tests@lialia.invalid",
        GIT_COMMITTER_NAME="lialia tests",
        GIT_COMMITTER_EMAIL="tests@lialia.invalid",
        NO_COLOR="1",
    )
    project = tmp_path / "project"
    project.mkdir()
    assert run(["git", "init", "-q"], project, env).returncode == 0
    return project, env


@pytest.mark.slow
def test_the_hook_fails_on_a_misspelling_and_passes_once_fixed(
    project: tuple[Path, dict[str, str]],
) -> None:
    folder, env = project
    doc = folder / "مقال.md"
    doc.write_text("# مقال\n\nذهبت الى المدرسة صباحا.\n\n`الى` في الكود.\n", encoding="utf-8")
    (folder / "notes.py").write_text("# الى\n", encoding="utf-8")  # not a text type: skipped
    # excluded by the configuration: pre-commit names every file, the hook's
    # --force-exclude leaves this one out as `lialia check .` does
    (folder / ".lialia.toml").write_text("exclude = ['vendor/**']\n", encoding="utf-8")
    (folder / "vendor").mkdir()
    (folder / "vendor" / "upstream.md").write_text("هاذا نص منقول.\n", encoding="utf-8")
    assert run(["git", "add", "."], folder, env).returncode == 0
    try_repo = [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "lialia"]

    failed = run([*try_repo, "--all-files"], folder, env)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "مقال.md:3:6: الى -> إلى" in failed.stdout
    assert "notes.py" not in failed.stdout
    assert "vendor" not in failed.stdout

    # fixing is opt-in through args
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.strip()
    (folder / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {REPO}\n  rev: {head}\n  hooks:\n  - id: lialia\n    args: [--fix]\n",
        encoding="utf-8",
    )
    fixed = run([sys.executable, "-m", "pre_commit", "run", "--files", doc.name], folder, env)
    assert fixed.returncode == 1, fixed.stdout + fixed.stderr  # pre-commit: files were modified
    assert "files were modified by this hook" in fixed.stdout
    assert doc.read_text(encoding="utf-8") == (
        "# مقال\n\nذهبت إلى المدرسة صباحا.\n\n`الى` في الكود.\n"
    )

    # every file again: the excluded vendor/ file does not fail the hook
    passed = run([*try_repo, "--all-files"], folder, env)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout


@pytest.mark.slow
def test_the_readme_local_hook_works_as_written(project: tuple[Path, dict[str, str]]) -> None:
    folder, env = project
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    (config,) = [b for b in re.findall(r"```yaml\n(.*?)```", readme, re.S) if "repo: local" in b]
    (folder / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    (folder / "doc.md").write_text("ذهبت الى البيت.\n", encoding="utf-8")
    (folder / ".lialia.toml").write_text("exclude = ['vendor/**']\n", encoding="utf-8")
    (folder / "vendor").mkdir()
    (folder / "vendor" / "upstream.md").write_text("هاذا نص منقول.\n", encoding="utf-8")
    assert run(["git", "add", "."], folder, env).returncode == 0
    env = {**env, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"}
    hook = [sys.executable, "-m", "pre_commit", "run", "--all-files"]
    failed = run(hook, folder, env)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "doc.md:1:6: الى -> إلى" in failed.stdout
    assert "vendor" not in failed.stdout
    (folder / "doc.md").write_text("ذهبت إلى البيت.\n", encoding="utf-8")
    passed = run(hook, folder, env)
    assert passed.returncode == 0, passed.stdout + passed.stderr

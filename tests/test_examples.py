"""The examples under examples/ run as a user runs them, and say what they should.

Each Python script is run as a subprocess from a temporary folder (nothing of the
repository on its path but the installed lialia); each editor configuration is parsed
as its editor would read it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

# what each script must print (whole lines), in order; every script is listed here
EXPECTED = {
    "polars_column.py": [
        "r1\tالى\t5\tmisspelling\tإلى\tإلى",
        "r1\tالمكتبه\t9\tmisspelling\tالمكتبة\tالمكتبة",
        # the quotation of the Quran: reported, never fixed
        "r4\tالى\t11\tmisspelling\tإلى\t-",
        "r4\tالمدرسه\t15\tmisspelling\tالمدرسة\t-",
        # the vowel mark carried over to the fix
        "r4\tالَى\t30\tmisspelling\tإلى\tإلَى",
        # a probable variant: never fixed
        "r5\tاكثر\t0\tprobable\tأكثر\t-",
        "r5\tمتاخرا\t25\tmisspelling\tمتأخرا\tمتأخرا",
        "[('r1', 2), ('r2', 0), ('r3', None), ('r4', 3), ('r5', 2)]",
        "  -> ذهبت إلى المكتبة يوم 12 مارس وقرأت كتاب Python",
        "  -> قال تعالى \N{ORNATE RIGHT PARENTHESIS}الى المدرسه"
        "\N{ORNATE LEFT PARENTHESIS} وكتبت إلَى صديقي",
        "  -> اكثر من 3 مرات وصل الطلب متأخرا",
    ],
    "dask_corpus.py": [
        "2 workers ready",
        "1 Parquet files in a temporary folder",
        "docs/guide.md: 1 findings; fixes: الاعدادات->الإعدادات",
        "docs/index.html: 1 findings; fixes: فى->في",
        "notes/day1.txt: 2 findings; fixes: الى->إلى, المكتبه->المكتبة",
        "notes/day2.txt: 1 findings; fixes: الخطه->الخطة",
    ],
}


def _run(script: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run(
        [sys.executable, str(script), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=240,
    )


def test_every_script_is_run_by_these_tests() -> None:
    assert sorted(p.name for p in EXAMPLES.glob("*.py")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_script_prints_what_it_should(name: str, tmp_path: Path) -> None:
    pytest.importorskip("polars" if name.startswith("polars") else "distributed")
    done = _run(EXAMPLES / name, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    shown = [line for line in lines if line in EXPECTED[name]]
    assert shown == EXPECTED[name], done.stdout
    assert list(tmp_path.iterdir()) == []  # it wrote nothing where it was run


def test_dask_example_on_a_folder_of_the_user_s(tmp_path: Path) -> None:
    """The script as the README shows it: a folder named, the Parquet folder kept."""
    pytest.importorskip("distributed")
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("وفى الصباح ذهبت الى العمل\n", encoding="utf-8")
    (folder / "b.md").write_text("كل شيء صحيح هنا\n", encoding="utf-8")
    done = _run(
        EXAMPLES / "dask_corpus.py",
        str(folder),
        "--out",
        "found",
        "--workers",
        "1",
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "1 workers ready",
        "1 Parquet files in found",
        "a.txt: 2 findings; fixes: الى->إلى",
    ]
    assert [p.name for p in (tmp_path / "found").iterdir()] == ["part.0.parquet"]


# ------------------------------------------------------------------- editor configs


def _balanced(code: str) -> bool:
    """True when the brackets of Lua code (strings and comments left out) pair up."""
    code = re.sub(r"--[^\n]*", "", re.sub(r'"(?:\\.|[^"\\])*"', '""', code))
    pairs = {")": "(", "]": "[", "}": "{"}
    stack: list[str] = []
    for char in code:
        if char in "([{":
            stack.append(char)
        elif char in pairs and (not stack or stack.pop() != pairs[char]):
            return False
    return not stack


@pytest.mark.parametrize(
    ("code", "balanced"),
    [
        ('f({ a = "}" })', True),
        ("f({ a = 1 )", False),
        ("-- a comment (\nf()", True),
        ("f())", False),
    ],
)
def test_the_lua_check_itself(code: str, balanced: bool) -> None:
    assert _balanced(code) is balanced


@pytest.mark.parametrize("name", sorted(p.name for p in (EXAMPLES / "editors").iterdir()), ids=str)
def test_editor_configurations_are_valid(name: str) -> None:
    """Each configuration parses as its editor reads it and starts ``lialia lsp``."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    text = (EXAMPLES / "editors" / name).read_text(encoding="utf-8")
    suffix = Path(name).suffix
    assert suffix in (".json", ".toml", ".lua"), f"no check for {name}"
    if suffix == ".json":
        assert json.loads(text)["glspc.server.command"] == "lialia"
    elif suffix == ".toml":
        assert tomllib.loads(text)["language-server"]["lialia"]["args"] == ["lsp"]
    else:
        assert _balanced(text)
        assert 'cmd = { "lialia", "lsp" }' in text

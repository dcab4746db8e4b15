"""Reading and writing files safely, end to end: paths that are not regular files, sizes,
UTF-32, files checked in chunks, and fixes that keep the file's identity."""

from __future__ import annotations

import codecs
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from lialia import files
from lialia.checker import SpellChecker
from lialia.cli import ExitCode, Settings, _check_path
from lialia.config import WORDS_FILE

RunCli = Callable[..., Any]  # the run_cli fixture of conftest.py

BAD = "ذهبت الى البيت.\nهاذا كتاب جميل.\n"


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def lialia(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The command in a process of its own, with a deadline: a hang fails the test."""
    return subprocess.run(
        [sys.executable, "-m", "lialia", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1", "TERM": "dumb"},
    )


def test_a_fifo_on_the_command_line_is_an_error_not_a_hang(isolated: Path) -> None:
    os.mkfifo(isolated / "pipe.md")
    write(isolated / "a.md", BAD)
    result = lialia("check", "--quiet", "pipe.md", "a.md", cwd=isolated)
    assert result.returncode == ExitCode.ERROR
    assert result.stderr == (
        "lialia: error: pipe.md: not a regular file — a FIFO (named pipe); "
        "to check what it carries, pipe it to lialia check -\n"
    )
    assert [line.split(" ->")[0] for line in result.stdout.splitlines()] == [
        "a.md:1:6: الى",
        "a.md:2:1: هاذا",
    ]


def test_dev_zero_is_an_error_not_a_memory_error(run_cli: RunCli, isolated: Path) -> None:
    result = run_cli(["check", "--quiet", "/dev/zero"])
    assert result.code == ExitCode.ERROR
    assert "/dev/zero: not a regular file — a character device" in result.stderr


def test_utf32_with_a_byte_order_mark_is_checked(run_cli: RunCli, isolated: Path) -> None:
    write(isolated / "a.txt", codecs.BOM_UTF32_LE + BAD.encode("utf-32-le"))
    result = run_cli(["check", "--quiet", "--no-suggestions", "a.txt"])
    assert (result.code, result.stdout) == (ExitCode.FOUND, "a.txt:1:6: الى\na.txt:2:1: هاذا\n")


def test_fix_round_trips_utf32(run_cli: RunCli, isolated: Path) -> None:
    path = write(isolated / "a.txt", codecs.BOM_UTF32_BE + BAD.encode("utf-32-be"))
    result = run_cli(["check", "--quiet", "--fix", "a.txt"])
    assert result.code == ExitCode.OK
    fixed = BAD.replace("الى", "إلى").replace("هاذا", "هذا")
    assert path.read_bytes() == codecs.BOM_UTF32_BE + fixed.encode("utf-32-be")


def test_fix_refuses_a_read_only_file_and_fixes_the_others(run_cli: RunCli, isolated: Path) -> None:
    locked = write(isolated / "locked.md", BAD)
    os.chmod(locked, 0o444)
    other = write(isolated / "other.md", BAD)
    result = run_cli(["check", "--quiet", "--fix", "locked.md", "other.md"])
    assert result.code == ExitCode.ERROR
    assert (
        "lialia: error: locked.md: read-only (mode 0444); nothing written — "
        "make it writable (chmod u+w) to fix it"
    ) in result.stderr.splitlines()
    assert locked.read_text(encoding="utf-8") == BAD
    assert other.read_text(encoding="utf-8") == "ذهبت إلى البيت.\nهذا كتاب جميل.\n"


def test_fix_keeps_a_hard_link_and_removes_stale_temporary_files(
    run_cli: RunCli, isolated: Path
) -> None:
    path = write(isolated / "a.md", BAD)
    os.link(path, isolated / "b.md")
    stale = write(isolated / ".lialia-k1ll3d.tmp", b"\0" * 1000)
    hours_ago = time.time() - 2 * 3600
    os.utime(stale, (hours_ago, hours_ago))
    result = run_cli(["check", "--quiet", "--fix", "a.md"])
    assert result.code == ExitCode.OK
    assert (isolated / "b.md").read_text(encoding="utf-8") == "ذهبت إلى البيت.\nهذا كتاب جميل.\n"
    assert path.stat().st_ino == (isolated / "b.md").stat().st_ino
    assert not stale.exists()


@pytest.mark.skipif(sys.platform == "win32", reason="needs RLIMIT_FSIZE")
@pytest.mark.parametrize("links", [1, 2])
def test_a_disk_that_fills_up_during_a_fix_loses_nothing(isolated: Path, links: int) -> None:
    """A full disk lets a write take fewer bytes than given (here a file size limit
    does the same, RLIMIT_FSIZE).  A hard-linked file, written in place, was cut at
    that point, truncated there, its backup removed, and "fixed" said with exit 0:
    the end of the file was lost.  Now the fix is refused and the file kept whole."""
    import resource
    import signal

    line = "كانو هنا ومسؤل عن الشيئ\n"  # each fix adds bytes: كانوا, مسؤول, الشيء
    text = line * (3000 // len(line.encode())) + "نهاية الملف\n"
    original = text.encode()
    path = write(isolated / "a.txt", original)
    if links == 2:
        os.link(path, isolated / "b.txt")
    limit = len(original) + 64  # the backup fits, the longer fixed text does not

    def small_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a kill
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    result = subprocess.run(
        [sys.executable, "-m", "lialia", "check", "--fix", "-q", "a.txt"],
        cwd=isolated,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=small_disk,  # noqa: PLW1509 (no threads here to deadlock)
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert path.read_bytes() == original
    assert result.returncode == ExitCode.ERROR, result.stderr
    assert "a.txt: cannot write" in result.stderr and "fixed" not in result.stderr
    # no backup nor temporary file is left behind
    left = sorted(p.name for p in isolated.iterdir() if p.name != ".git")
    assert left == ["a.txt", "b.txt"][:links]


def test_words_add_does_not_rewrite_a_file_outside_the_project(
    run_cli: RunCli, isolated: Path, tmp_path: Path
) -> None:
    outside = write(tmp_path / "elsewhere" / "list.txt", "ب\nأ\n")
    (isolated / WORDS_FILE).symlink_to(outside)
    result = run_cli(["words", "add", "كوبرنيتس"])
    assert result.code == ExitCode.ERROR
    assert f"is a symlink to {outside.resolve()}, outside the project" in result.stderr
    assert outside.read_text(encoding="utf-8") == "ب\nأ\n"


WORDS = [
    *("كوبرنيتس", "دوكر", "بايثون", "جافا", "روبي"),
    *("لينكس", "أوبنتو", "فيدورا", "ديبيان", "أرتش"),
]


@pytest.mark.parametrize("existing", [False, True])
def test_words_added_by_many_processes_at_once_are_all_kept(isolated: Path, existing: bool) -> None:
    """Ten ``lialia words add`` at once, the list missing or there: each says it added
    its word, and each word is in the list (they used to read the same list and write
    over each other)."""
    if existing:
        write(isolated / WORDS_FILE, "# ours\r\nكلمة\r\n")
    env = {**os.environ, "NO_COLOR": "1", "TERM": "dumb"}
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "lialia", "words", "add", word],
            cwd=isolated,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for word in WORDS
    ]
    for word, run in zip(WORDS, runs, strict=True):
        _, stderr = run.communicate(timeout=120)
        assert (run.returncode, stderr.splitlines()[0]) == (ExitCode.OK, f"added {word}")
    body = ["كلمة", *WORDS] if existing else WORDS
    header = "# ours" if existing else "# Words lialia accepts"
    newline = "\r\n" if existing else "\n"
    lines = (isolated / WORDS_FILE).read_bytes().decode("utf-8").split(newline)
    assert lines[0].startswith(header) and lines[1:] == [*sorted(body), ""]
    assert [p.name for p in isolated.iterdir()] == [".git", WORDS_FILE]  # nothing left beside


# ---------------------------------------------------------------------------------------
# plain text is checked in chunks of whole lines: the findings are those of the whole text

SETTINGS = Settings(("msa",), (), True, 2, ())

LINES = [
    "ذهبتُ الى المدرسه في الصباح، وقرأت كتابًا.",
    "هاذا الدليل يشرح إستخدام أداة lialia في 3 خطوات https://ar.wikipedia.org/wiki/الى",
    "الى هنا <!-- lialia: ignore -->",
    "<!-- lialia: disable -->",
    "هاذا لا يُفحص",
    "ولا هاذا",
    "<!-- lialia: enable -->",
    "",
    "كتبَ الطالبُ واجبه ثم ذهب الى البيت ويستفيد منه اكثر الكتّاب.",
]


@pytest.mark.parametrize("chunk_chars", [1, 40, 150, 1 << 20])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("name", ["notes.txt", "notes.md"])
def test_chunked_checking_finds_what_the_whole_text_has(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk_chars: int, newline: str, name: str
) -> None:
    monkeypatch.setattr(files, "CHUNK_CHARS", chunk_chars)
    text = newline.join(LINES * 7)
    path = write(tmp_path / name, text)
    result = _check_path(str(path), SETTINGS)
    assert result.error is None
    syntax = "markdown" if name.endswith(".md") else "plain"
    expected, words = SpellChecker().check_counted(text, syntax=syntax)
    assert (result.findings, result.words) == (expected, words)
    assert all(text[f.offset : f.end] == f.word for f in result.findings)
    assert len(result.findings) == 7 * 6  # the disabled and ignored lines stay unchecked


def test_a_disabled_block_that_never_ends_runs_to_the_end_of_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "CHUNK_CHARS", 10)
    text = "الى\n" * 5 + "lialia: disable\n" + "هاذا\n" * 50
    path = write(tmp_path / "a.txt", text)
    result = _check_path(str(path), SETTINGS)
    assert [(f.line, f.word) for f in result.findings] == [(n, "الى") for n in range(1, 6)]


def test_a_fenced_block_across_chunks_stays_masked_in_markdown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "CHUNK_CHARS", 10)
    text = "الى\n```\n" + "هاذا\n" * 30 + "```\nالى\n"
    path = write(tmp_path / "a.md", text)
    result = _check_path(str(path), SETTINGS)
    assert [(f.line, f.word) for f in result.findings] == [(1, "الى"), (34, "الى")]


def test_the_snapshot_of_a_chunked_file_lets_the_fixer_write_it(
    run_cli: RunCli, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "CHUNK_CHARS", 16)
    path = write(isolated / "a.txt", BAD * 20)
    result = run_cli(["check", "--quiet", "--fix", "a.txt"])
    assert result.code == ExitCode.OK
    assert path.read_text(encoding="utf-8") == "ذهبت إلى البيت.\nهذا كتاب جميل.\n" * 20


def test_an_unusable_cache_is_named_once_on_stderr(isolated: Path, tmp_path: Path) -> None:
    # a file where the cache folder should be: lialia says what it used instead and
    # still checks (the findings and the exit code are those of a working cache)
    blocker = write(tmp_path / "not-a-folder", "a file, not a cache folder")
    write(isolated / "a.txt", "ذهبت الى البيت\n")
    env = {**os.environ, "LIALIA_CACHE_DIR": str(blocker)}
    result = subprocess.run(
        [sys.executable, "-m", "lialia", "check", "a.txt"],
        cwd=isolated,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )
    assert result.returncode == ExitCode.FOUND
    assert result.stdout.startswith("a.txt:1:6: الى -> إلى")
    notes = [line for line in result.stderr.splitlines() if "index cache" in line]
    assert len(notes) == 1
    assert notes[0].startswith(f"lialia: note: index cache {blocker} is not a folder: using ")

"""The ``lialia`` command end to end, in this process, on the real engine.

The misspellings used here are ones the engine is built to catch with a clear best
correction: ``الى`` (إلى), ``هاذا`` (هذا), ``إستخدام`` (استخدام).
"""

from __future__ import annotations

import codecs
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from lialia.cli import ExitCode
from lialia.config import WORDS_FILE

RunCli = Callable[..., Any]  # the run_cli fixture of conftest.py

GOOD = "ذهبت إلى المدرسة في الصباح.\n"
BAD = "ذهبت الى البيت.\nهاذا كتاب جميل.\n"
SUMMARY = re.compile(
    r"^checked \d+ files?, \d+ words?, \d+ findings?( \(\d+ fixed\))? in \d+\.\d\d s$"
)


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def test_exit_codes_are_pinned() -> None:
    assert [(c.name, c.value) for c in ExitCode] == [
        ("OK", 0),
        ("FOUND", 1),
        ("ERROR", 2),
        ("INTERRUPTED", 130),
        ("READER_GONE", 141),
    ]


def test_a_clean_file_exits_0(run_cli: RunCli, isolated: Path) -> None:
    write(isolated / "a.md", GOOD)
    result = run_cli(["check", "a.md"])
    assert (result.code, result.stdout) == (ExitCode.OK, "")
    assert result.stderr.startswith("checked 1 file, 5 words, 0 findings in ")
    assert SUMMARY.match(result.stderr.strip())


def test_misspellings_exit_1_one_line_each(run_cli: RunCli, isolated: Path) -> None:
    write(isolated / "a.md", BAD)
    result = run_cli(["check", "a.md"])
    assert result.code == ExitCode.FOUND
    lines = result.stdout.splitlines()
    assert [line.split(" (")[0] for line in lines] == [
        "a.md:1:6: الى -> إلى",
        "a.md:2:1: هاذا -> هذا",
    ]
    assert all(line.count(",") <= 3 for line in lines)  # best and up to four alternatives
    assert "\x1b[" not in result.stdout  # no colour when stdout is not a terminal
    assert result.stderr.startswith("checked 1 file, 6 words, 2 findings in ")


@pytest.mark.parametrize(
    ("fmt", "first_line"),
    [
        ("text", "a.md:1:6: الى"),
        ("github", "::warning file=a.md,line=1,col=6,endColumn=9,title=lialia%3A misspelling::الى"),
    ],
)
def test_no_suggestions_names_the_words_only(
    run_cli: RunCli, isolated: Path, fmt: str, first_line: str
) -> None:
    write(isolated / "a.md", BAD)
    result = run_cli(["check", "--no-suggestions", "--format", fmt, "a.md"])
    assert result.code == ExitCode.FOUND
    assert result.stdout.splitlines()[0] == first_line
    assert len(result.stdout.splitlines()) == 2


def test_the_default_path_is_the_current_folder(run_cli: RunCli, isolated: Path) -> None:
    write(isolated / "docs" / "a.md", BAD)
    write(isolated / "docs" / "b.py", BAD)  # not a text format: skipped in folders
    result = run_cli(["check"])
    assert result.code == ExitCode.FOUND
    assert {line.split(":")[0] for line in result.stdout.splitlines()} == {"docs/a.md"}


def test_stdin_is_the_path_dash(run_cli: RunCli, isolated: Path) -> None:
    result = run_cli(["check", "-"], input="كتاب جميل\nقال الى\n")
    assert result.code == ExitCode.FOUND
    assert result.stdout.startswith("-:2:5: الى -> إلى")


def test_columns_count_code_points_of_the_original_line(run_cli: RunCli, isolated: Path) -> None:
    # diacritics and a tatweel before the word are code points of the line
    write(isolated / "a.txt", "قَالَ الطـالبُ الى\n")
    result = run_cli(["check", "a.txt"])
    assert result.stdout.startswith("a.txt:1:16: الى -> إلى")


def test_crlf_and_bom(run_cli: RunCli, isolated: Path) -> None:
    write(isolated / "a.md", codecs.BOM_UTF8 + "سطر أول\r\nذهبت الى البيت\r\n".encode())
    result = run_cli(["check", "a.md"])
    assert result.code == ExitCode.FOUND
    assert result.stdout.startswith("a.md:2:6: الى -> إلى")


def test_json_format(run_cli: RunCli, isolated: Path) -> None:
    write(isolated / "a.md", BAD)
    result = run_cli(["check", "--format", "json", "a.md"])
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(o["path"], o["line"], o["column"], o["word"], o["severity"]) for o in objects] == [
        ("a.md", 1, 6, "الى", "misspelling"),
        ("a.md", 2, 1, "هاذا", "misspelling"),
    ]
    assert [o["suggestions"][0] for o in objects] == ["إلى", "هذا"]
    assert all(
        set(o) == {"path", "line", "column", "word", "severity", "suggestions", "fix"}
        for o in objects
    )
    # what --fix would write: both are confident here
    assert [o["fix"] for o in objects] == ["إلى", "هذا"]


def test_json_fix_keeps_marks_and_is_null_when_not_confident(
    run_cli: RunCli, isolated: Path
) -> None:
    # a vocalised misspelling keeps its fatha in the fix; a loanword behind a clitic is
    # reported with suggestions but no fix
    write(isolated / "a.txt", "ذهبت الَى البيت وبايثون\n")
    result = run_cli(["check", "--format", "json", "a.txt"])
    objects = {o["word"]: o for o in map(json.loads, result.stdout.splitlines())}
    assert objects["الَى"]["fix"] == "إلَى"
    assert objects["وبايثون"]["fix"] is None


def test_sarif_format(run_cli: RunCli, isolated: Path) -> None:
    write(isolated / "a.md", BAD)
    write(isolated / "b.md", GOOD)
    result = run_cli(["check", "-f", "sarif", "a.md", "b.md"])
    assert result.code == ExitCode.FOUND
    log = json.loads(result.stdout)
    assert log["version"] == "2.1.0"
    assert log["runs"][0]["tool"]["driver"]["name"] == "lialia"
    regions = [
        (
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["locations"][0]["physicalLocation"]["region"]["startColumn"],
        )
        for r in log["runs"][0]["results"]
    ]
    assert regions == [("a.md", 1, 6), ("a.md", 2, 1)]


def test_sarif_without_findings_is_still_one_log(run_cli: RunCli, isolated: Path) -> None:
    write(isolated / "b.md", GOOD)
    result = run_cli(["check", "--format", "sarif", "b.md"])
    assert result.code == ExitCode.OK
    assert json.loads(result.stdout)["runs"][0]["results"] == []


def test_github_format(run_cli: RunCli, isolated: Path) -> None:
    write(isolated / "a.md", BAD)
    result = run_cli(["check", "--format", "github", "a.md"])
    first = result.stdout.splitlines()[0]
    assert first.startswith("::warning file=a.md,line=1,col=6,endColumn=9,")
    assert "::الى -> إلى" in first


def test_markup_is_masked_by_the_file_extension(run_cli: RunCli, isolated: Path) -> None:
    text = "كتاب `الى` جميل\n\n```\nهاذا\n```\n"
    write(isolated / "a.md", text)
    write(isolated / "a.txt", text)
    assert run_cli(["check", "a.md"]).code == ExitCode.OK
    found = run_cli(["check", "a.txt"]).stdout.splitlines()
    assert [line.split(" ->")[0] for line in found] == ["a.txt:1:7: الى", "a.txt:4:1: هاذا"]


def test_inline_ignores(run_cli: RunCli, isolated: Path) -> None:
    write(
        isolated / "a.md",
        "ذهبت الى البيت <!-- lialia: ignore -->\n"
        "<!-- lialia: disable -->\nهاذا\n<!-- lialia: enable -->\nهاذا\n",
    )
    result = run_cli(["check", "a.md"])
    assert [line.split(" ->")[0] for line in result.stdout.splitlines()] == ["a.md:5:1: هاذا"]


# ---------------------------------------------------------------------------------------
# errors: exit 2, one line each, the other files still checked


def test_a_missing_file_is_an_error_and_the_rest_is_checked(
    run_cli: RunCli, isolated: Path
) -> None:
    write(isolated / "a.md", BAD)
    result = run_cli(["check", "nothing.md", "a.md"])
    assert result.code == ExitCode.ERROR
    assert result.stdout.startswith("a.md:1:6: الى -> إلى")
    assert result.stderr.splitlines()[0] == (
        "lialia: error: nothing.md: no such file or folder — check the path"
    )


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--no-such-option"],
        ["check", "--format", "xml"],
        ["check", "--jobs", "-1"],
        ["check", "--encoding", "no-such-encoding", "a.md"],
        ["check", "--interactive", "--fix", "a.md"],
        ["check", "--interactive", "-"],
        ["check", "--no-suggestions", "--fix", "a.md"],
        ["suggest"],
        ["suggest", "--format", "sarif", "كتاب"],
        ["nonsense"],
    ],
)
def test_usage_errors_exit_2(run_cli: RunCli, isolated: Path, args: list[str]) -> None:
    write(isolated / "a.md", GOOD)
    result = run_cli(args)
    assert result.code == ExitCode.ERROR
    assert result.stdout == ""


def test_a_bad_configuration_exits_2_naming_the_key_and_the_file(
    run_cli: RunCli, isolated: Path
) -> None:
    write(isolated / "a.md", BAD)
    write(isolated / ".lialia.toml", "min_length = 3\n")
    result = run_cli(["check", "a.md"])
    assert result.code == ExitCode.ERROR
    assert result.stdout == ""
    assert result.stderr == (
        "lialia: error: .lialia.toml: key 'min_length': unknown key — did you mean 'min-length'?\n"
    )


def test_an_unknown_lexicon_in_the_configuration(run_cli: RunCli, isolated: Path) -> None:
    write(isolated / "a.md", GOOD)
    write(isolated / "pyproject.toml", '[tool.lialia]\nlexicons = ["klingon"]\n')
    result = run_cli(["check", "a.md"])
    assert result.code == ExitCode.ERROR
    assert "pyproject.toml: key 'lexicons': unknown lexicon 'klingon'" in result.stderr


def test_a_binary_file_is_skipped_with_a_note(run_cli: RunCli, isolated: Path) -> None:
    write(isolated / "image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write(isolated / "a.md", GOOD)
    result = run_cli(["check", "image.md", "a.md"])
    assert (result.code, result.stdout) == (ExitCode.OK, "")
    assert "lialia: note: image.md: binary file, skipped" in result.stderr
    assert "checked 1 file," in result.stderr


def test_invalid_utf8_exits_2_naming_the_file_and_the_byte(run_cli: RunCli, isolated: Path) -> None:
    write(isolated / "latin.txt", "ذهبت الى".encode() + b" \xff")
    write(isolated / "a.md", BAD)
    result = run_cli(["check", "latin.txt", "a.md"])
    assert result.code == ExitCode.ERROR
    assert result.stdout.startswith("a.md:1:6:")
    assert (
        "lialia: error: latin.txt: not valid utf-8 at byte 16 — pass --encoding with the "
        "file's encoding\n"
    ) in result.stderr


def test_encoding_option(run_cli: RunCli, isolated: Path) -> None:
    write(isolated / "old.txt", "ذهبت الى البيت\n".encode("cp1256"))
    assert run_cli(["check", "old.txt"]).code == ExitCode.ERROR
    result = run_cli(["check", "--encoding", "cp1256", "old.txt"])
    assert result.code == ExitCode.FOUND
    assert result.stdout.startswith("old.txt:1:6: الى -> إلى")
    assert run_cli(["check", "--encoding", "cp1256", "-w", "old.txt"]).code == ExitCode.OK
    assert (isolated / "old.txt").read_bytes() == "ذهبت إلى البيت\n".encode("cp1256")


@pytest.mark.parametrize("name", ["a.txt", "a.md"])  # read in chunks, and whole
def test_an_encoding_that_needs_a_mark_on_a_file_without_one(
    run_cli: RunCli, isolated: Path, name: str
) -> None:
    """utf-16 or utf-32 without a byte-order mark does not say its byte order: an error
    naming the file and the options to pass, and the other files checked (a .txt file
    was an internal error that stopped the run).  utf-8-sig without one is plain UTF-8,
    and --fix writes it back without adding a mark."""
    write(isolated / name, "ذهبت الى البيت\n".encode("utf-16-le"))
    write(isolated / "b.txt", codecs.BOM_UTF16_LE + "ذهبت الى البيت\n".encode("utf-16-le"))
    result = run_cli(["check", "--encoding", "utf-16", name, "b.txt"])
    assert result.code == ExitCode.ERROR
    assert result.stderr.startswith(
        f"lialia: error: {name}: no byte-order mark says which utf-16 this is — pass "
        "--encoding utf-16-le or utf-16-be\n"
    )
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == ["b.txt"]
    plain = write(isolated / "c.txt", "ذهبت الى البيت\n")
    assert run_cli(["check", "--encoding", "utf-8-sig", "-w", "c.txt"]).code == ExitCode.OK
    assert plain.read_bytes() == "ذهبت إلى البيت\n".encode()
    # an empty file has no byte order to know: checked as empty; passed on as empty
    write(isolated / "empty.txt", b"")
    assert run_cli(["check", "--encoding", "utf-16", "empty.txt"]).code == ExitCode.OK
    passed = run_cli(["check", "--encoding", "utf-32", "--fix", "-"], input=b"")
    assert (passed.code, passed.stdout_bytes) == (ExitCode.OK, b"")


@pytest.mark.parametrize(
    ("encoding", "message"),
    [("hex", "'hex' is not a text encoding"), ("nope", "unknown encoding 'nope'")],
)
def test_an_encoding_that_is_not_one(
    run_cli: RunCli, isolated: Path, encoding: str, message: str
) -> None:
    write(isolated / "a.txt", "ذهبت الى البيت\n")
    result = run_cli(["check", "--encoding", encoding, "a.txt"])
    assert result.code == ExitCode.ERROR and message in result.stderr
    assert "internal error" not in result.stderr


def test_an_empty_file(run_cli: RunCli, isolated: Path) -> None:
    write(isolated / "empty.md", b"")
    result = run_cli(["check", "empty.md"])
    assert (result.code, result.stdout) == (ExitCode.OK, "")
    assert result.stderr.startswith("checked 1 file, 0 words, 0 findings")


@pytest.mark.slow
def test_a_10_mb_single_line(run_cli: RunCli, isolated: Path) -> None:
    line = "كتاب جميل " * 560_000 + "الى"
    write(isolated / "big.txt", line)
    assert (isolated / "big.txt").stat().st_size > 10_000_000
    result = run_cli(["check", "big.txt"])
    assert result.code == ExitCode.FOUND
    assert result.stdout.startswith(f"big.txt:1:{len(line) - 2}: الى -> إلى")
    assert result.stderr.startswith("checked 1 file, 1120001 words, 1 finding")


def test_a_symlink_loop(run_cli: RunCli, isolated: Path) -> None:
    write(isolated / "docs" / "a.md", BAD)
    (isolated / "docs" / "again").symlink_to(isolated / "docs")
    (isolated / "loop.md").symlink_to(isolated / "loop.md")
    result = run_cli(["check", "docs"])
    assert result.code == ExitCode.FOUND  # the folder link is not followed: a.md once
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == ["docs/a.md"] * 2
    result = run_cli(["check", "loop.md"])
    assert result.code == ExitCode.ERROR
    assert result.stderr.startswith("lialia: error: loop.md: symlink loop")


def test_an_unreadable_folder(
    run_cli: RunCli, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(isolated / "a.md", BAD)
    write(isolated / "locked" / "b.md", BAD)
    real_scandir = os.scandir

    def scandir(path: str) -> object:  # what a folder with mode 000 does to a non-root user
        if os.path.basename(path) == "locked":
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = run_cli(["check", "."])
    assert result.code == ExitCode.ERROR
    assert result.stdout.startswith("a.md:1:6:")
    assert "lialia: error: locked: cannot read folder: permission denied" in result.stderr


# ---------------------------------------------------------------------------------------
# configuration and the project word list


def test_configuration_keys_reach_the_checker(run_cli: RunCli, isolated: Path) -> None:
    write(isolated / "a.md", "هذا اكثر من ذلك، وذهبت الى البيت.\nرمز TICKET-12 وهاذا\n")
    found = run_cli(["check", "-f", "json", "a.md"]).stdout.splitlines()
    assert [json.loads(line)["severity"] for line in found] == [
        "probable",
        "misspelling",
        "misspelling",
    ]
    write(isolated / ".lialia.toml", "report-probable = false\nexclude = ['skip/**']\n")
    write(isolated / "skip" / "b.md", BAD)
    found = run_cli(["check", "-f", "json", "."]).stdout.splitlines()
    assert [json.loads(line)["word"] for line in found] == ["الى", "وهاذا"]
    write(isolated / ".lialia.toml", "ignore-patterns = ['و?هاذا']\nmin-length = 4\n")
    found = run_cli(["check", "-f", "json", "a.md"]).stdout.splitlines()
    assert [json.loads(line)["word"] for line in found] == ["اكثر"]  # الى is too short


def test_exclude_option(run_cli: RunCli, isolated: Path) -> None:
    write(isolated / "a.md", BAD)
    write(isolated / "drafts" / "b.md", BAD)
    result = run_cli(["check", "--exclude", "drafts", "."])
    assert {line.split(":")[0] for line in result.stdout.splitlines()} == {"a.md"}


def test_words_add_then_check(run_cli: RunCli, isolated: Path) -> None:
    write(isolated / "a.md", "ذهبت إلى كوبرنيتس\n")
    assert run_cli(["check", "a.md"]).code == ExitCode.FOUND
    result = run_cli(["words", "add", "كوبرنيتس", "سُهى"])
    assert result.code == ExitCode.OK
    words = (isolated / WORDS_FILE).read_text(encoding="utf-8").splitlines()
    assert words[1:] == ["سهى", "كوبرنيتس"]  # sorted, without diacritics
    assert run_cli(["check", "a.md"]).code == ExitCode.OK
    write(isolated / "sub" / "b.md", "كوبرنيتس\n")
    assert run_cli(["check", "b.md"], cwd=isolated / "sub").code == ExitCode.OK


def test_words_add_to_a_read_only_list_names_it_as_other_errors_do(
    run_cli: RunCli, isolated: Path
) -> None:
    listed = write(isolated / WORDS_FILE, "كتاب\n")
    listed.chmod(0o444)
    result = run_cli(["words", "add", "كوبرنيتس"])
    assert result.code == ExitCode.ERROR
    assert result.stderr.startswith(f"lialia: error: {WORDS_FILE}: read-only (mode 0444)")
    assert listed.read_text(encoding="utf-8") == "كتاب\n"


@pytest.mark.parametrize(
    ("word", "problem"),
    [
        ("الىٓ", "a word of the Quran"),  # its bare form الى would become right everywhere
        ("ٱلصَّلَوٰةَ", "a word of the Quran"),
        ("abc", "not one Arabic word"),
        ("\N{ARABIC TATWEEL}" * 3, "not one Arabic word"),
        ("ذهب بعيدا", "not one Arabic word"),
    ],
)
def test_words_add_refuses_what_would_whitelist_a_misspelling_or_nothing(
    run_cli: RunCli, isolated: Path, word: str, problem: str
) -> None:
    result = run_cli(["words", "add", "كوبرنيتس", word])
    assert result.code == ExitCode.ERROR
    assert result.stderr.startswith(f"lialia: error: {word!r}: {problem}")
    assert not (isolated / WORDS_FILE).exists()  # nothing added, the good word neither
    write(isolated / "a.md", "ذهبت الى البيت\n")
    assert run_cli(["check", "a.md"]).code == ExitCode.FOUND


# ---------------------------------------------------------------------------------------
# fixing


@pytest.mark.parametrize("flag", ["--fix", "-w", "--write-changes"])
def test_fix_writes_the_confident_corrections(run_cli: RunCli, isolated: Path, flag: str) -> None:
    write(isolated / "a.md", BAD)
    result = run_cli(["check", flag, "a.md"])
    assert (result.code, result.stdout) == (ExitCode.OK, "")
    assert (isolated / "a.md").read_text(encoding="utf-8") == "ذهبت إلى البيت.\nهذا كتاب جميل.\n"
    assert "lialia: fixed 2 words in a.md" in result.stderr
    assert "2 findings (2 fixed)" in result.stderr


def test_the_findings_a_fix_leaves_are_placed_in_the_fixed_text(
    run_cli: RunCli, isolated: Path
) -> None:
    """Two fixes that shorten words before اكثر on its line move its column; the next
    line's finding stays; --diff writes nothing, so it keeps the places of the file."""
    write(isolated / "a.md", "هاذا هاذا اكثر\nاكثر\n")
    assert run_cli(["check", "--diff", "a.md"]).stderr.splitlines()[:2] == [
        "a.md:1:11: اكثر -> أكثر (أكبر, اكسر, أكتر, تكثر)",
        "a.md:2:1: اكثر -> أكثر (أكبر, اكسر, أكتر, تكثر)",
    ]
    result = run_cli(["check", "--fix", "a.md"])
    assert (isolated / "a.md").read_text(encoding="utf-8") == "هذا هذا اكثر\nاكثر\n"
    assert result.stdout.splitlines() == [
        "a.md:1:9: اكثر -> أكثر (أكبر, اكسر, أكتر, تكثر)",
        "a.md:2:1: اكثر -> أكثر (أكبر, اكسر, أكتر, تكثر)",
    ]


def test_fix_keeps_bytes_outside_the_corrected_words(run_cli: RunCli, isolated: Path) -> None:
    original = codecs.BOM_UTF8 + "قَرَأْتُ الكِتَابَ\r\nذهبت الى البيت\r\nآخر سطر".encode()
    path = write(isolated / "a.md", original)
    path.chmod(0o640)
    assert run_cli(["check", "--fix", "a.md"]).code == ExitCode.OK
    assert path.read_bytes() == original.replace("الى".encode(), "إلى".encode())
    assert path.stat().st_mode & 0o777 == 0o640


def test_fix_leaves_what_it_is_not_sure_of(run_cli: RunCli, isolated: Path) -> None:
    write(isolated / "a.md", "هذا اكثر من ذلك\n")  # probable: valid, only rarer
    result = run_cli(["check", "--fix", "a.md"])
    assert result.code == ExitCode.FOUND
    assert result.stdout.startswith("a.md:1:5: اكثر -> أكثر")
    assert (isolated / "a.md").read_text(encoding="utf-8") == "هذا اكثر من ذلك\n"


def test_diff_prints_and_writes_nothing(run_cli: RunCli, isolated: Path) -> None:
    write(isolated / "a.md", BAD)
    result = run_cli(["check", "--diff", "a.md"])
    assert result.code == ExitCode.FOUND
    assert result.stdout == (
        "--- a/a.md\n+++ b/a.md\n@@ -1,2 +1,2 @@\n"
        "-ذهبت الى البيت.\n-هاذا كتاب جميل.\n+ذهبت إلى البيت.\n+هذا كتاب جميل.\n"
    )
    assert (isolated / "a.md").read_text(encoding="utf-8") == BAD


def test_fix_on_stdin_prints_the_fixed_text(run_cli: RunCli, isolated: Path) -> None:
    raw = codecs.BOM_UTF8 + "ذهبت الى البيت\r\nهذا اكثر".encode()
    result = run_cli(["check", "--fix", "-"], input=raw)
    assert result.stdout_bytes == codecs.BOM_UTF8 + "ذهبت إلى البيت\r\nهذا اكثر".encode()
    assert result.code == ExitCode.FOUND  # اكثر is left, and reported on stderr
    assert "-:2:5: اكثر -> أكثر" in result.stderr
    clean = run_cli(["check", "--fix", "-"], input="كتاب\n")
    assert (clean.code, clean.stdout) == (ExitCode.OK, "كتاب\n")


def lialia_process(args: list[str], stdin: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``python -m lialia`` for real (prompts read a pipe, as in a terminal session)."""
    env = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "lialia", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=env,
        timeout=300,
    )


def test_fix_on_stdin_in_sarif_reports_what_is_left_on_stderr(
    run_cli: RunCli, isolated: Path
) -> None:
    result = run_cli(["check", "--fix", "--format", "sarif", "-"], input="ذهبت الى البيت، اكثر\n")
    assert result.stdout == "ذهبت إلى البيت، اكثر\n"
    log = json.loads(result.stderr[: result.stderr.rindex("}") + 1])
    assert [r["properties"]["word"] for r in log["runs"][0]["results"]] == ["اكثر"]


def test_fix_on_stdin_passes_binary_input_through(run_cli: RunCli, isolated: Path) -> None:
    raw = b"\x89PNG\r\n\x1a\n\x00\x00"
    result = run_cli(["check", "--fix", "-"], input=raw)
    assert (result.code, result.stdout_bytes) == (ExitCode.OK, raw)
    assert "lialia: note: -: binary file, skipped" in result.stderr


def test_interactive(isolated: Path) -> None:
    write(isolated / "a.md", "ذهبت الى البيت مع كوبرنيتس و كوبرنيتس.\nهاذا كتاب.\n")
    # 1: take the first suggestion; a: add كوبرنيتس to the word list (its second
    # occurrence is not asked again); s: skip هاذا
    result = lialia_process(["check", "--interactive", "a.md"], "1\na\ns\n", isolated)
    assert (isolated / "a.md").read_text(encoding="utf-8") == (
        "ذهبت إلى البيت مع كوبرنيتس و كوبرنيتس.\nهاذا كتاب.\n"
    )
    assert "كوبرنيتس" in (isolated / WORDS_FILE).read_text(encoding="utf-8")
    assert result.returncode == ExitCode.FOUND
    assert "1) إلى" in result.stderr
    assert "lialia: fixed 1 word in a.md" in result.stderr
    # stdout has only what is left: هاذا (skipped); كوبرنيتس is in the word list now
    assert [line.split(" ->")[0] for line in result.stdout.splitlines()] == ["a.md:2:1: هاذا"]
    write(isolated / "b.md", "هاذا\n")
    result = lialia_process(["check", "-i", "a.md", "b.md"], "q\n", isolated)
    assert result.returncode == ExitCode.FOUND
    assert (isolated / "b.md").read_text(encoding="utf-8") == "هاذا\n"
    assert result.stdout.splitlines()[-1].startswith("b.md:1:1: هاذا")


def test_a_file_changed_before_the_fix_is_refused(
    run_cli: RunCli, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import lialia.cli.sources

    path = write(isolated / "a.md", BAD)
    check_path = lialia.cli.sources._check_path

    def check_then_edit(p: str, settings: object = None, emit: object = None) -> object:
        result = check_path(p, settings, emit)  # type: ignore[arg-type]
        path.write_text(BAD + "سطر جديد\n", encoding="utf-8")  # someone saves meanwhile
        return result

    monkeypatch.setattr(lialia.cli.sources, "_check_path", check_then_edit)
    result = run_cli(["check", "--fix", "a.md"])
    assert result.code == ExitCode.ERROR
    assert "a.md: changed since it was read; nothing written" in result.stderr
    assert path.read_text(encoding="utf-8") == BAD + "سطر جديد\n"


# ---------------------------------------------------------------------------------------
# many files


def test_jobs_keep_the_order(run_cli: RunCli, isolated: Path) -> None:
    for i in range(12):
        write(isolated / f"d{i % 3}" / f"f{i:02}.md", BAD if i % 2 else GOOD)
    one = run_cli(["check", "-f", "json", "."])
    two = run_cli(["check", "-f", "json", "--jobs", "2", "."])
    every_cpu = run_cli(["check", "-f", "json", "-j", "0", "."])
    assert one.code == two.code == every_cpu.code == ExitCode.FOUND
    assert one.stdout == two.stdout == every_cpu.stdout
    paths = [json.loads(line)["path"] for line in one.stdout.splitlines()]
    assert paths == sorted(paths) and len(paths) == 12


@pytest.mark.parametrize(
    ("files", "quiet", "terminal", "shown"),
    [
        (25, False, True, True),
        (25, True, True, False),  # --quiet
        (5, False, True, False),  # a short run
        (25, False, False, False),  # stderr is a pipe or a file
    ],
)
def test_progress_bar_only_on_a_terminal_for_long_runs(
    monkeypatch: pytest.MonkeyPatch, files: int, quiet: bool, terminal: bool, shown: bool
) -> None:
    from lialia.cli import _progress

    # Rich's switches: treat the output as a terminal (1) or not (0), whatever it is
    monkeypatch.setenv("TTY_COMPATIBLE", "1" if terminal else "0")
    if terminal:
        monkeypatch.setenv("FORCE_COLOR", "1")  # the same for Rich before 14
    else:
        monkeypatch.delenv("FORCE_COLOR", raising=False)
    progress = _progress(files, quiet)
    assert (progress is not None) is shown
    if progress is not None:
        assert progress.console.stderr


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_with_a_progress_bar_findings_still_go_to_stdout(isolated: Path) -> None:
    """stderr on a terminal shows the bar; stdout sent to a file still gets every finding."""
    import threading

    for i in range(25):
        write(isolated / f"f{i:02}.md", BAD)
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update(TERM="xterm", COLUMNS="100", TTY_COMPATIBLE="")
    args = [sys.executable, "-m", "lialia", "check", "--format", "json", "."]
    plain = subprocess.run(args, cwd=isolated, env=env, capture_output=True, timeout=300)
    master, slave = os.openpty()
    seen = bytearray()

    def drain() -> None:
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                return
            if not chunk:
                return
            seen.extend(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    with open(isolated / "out.json", "wb") as out:
        code = subprocess.run(args, cwd=isolated, env=env, stdout=out, stderr=slave, timeout=300)
    os.close(slave)
    reader.join(timeout=10)
    os.close(master)
    assert code.returncode == ExitCode.FOUND
    assert (isolated / "out.json").read_bytes() == plain.stdout
    assert len(plain.stdout.splitlines()) == 50
    assert b"checking" in seen  # the bar was on the terminal
    assert b"checked 25 files" in seen


def test_quiet(run_cli: RunCli, isolated: Path) -> None:
    write(isolated / "a.md", BAD)
    write(isolated / "b.md", b"\x00binary")
    result = run_cli(["check", "--quiet", "a.md", "b.md"])
    assert result.code == ExitCode.FOUND
    assert result.stderr == ""
    assert len(result.stdout.splitlines()) == 2


# ---------------------------------------------------------------------------------------
# suggest


def test_suggest_text(run_cli: RunCli, isolated: Path) -> None:
    result = run_cli(["suggest", "كتاب", "الى"])
    assert result.code == ExitCode.FOUND
    lines = result.stdout.splitlines()
    assert lines[0] == "كتاب: ok"
    assert lines[1].startswith("الى -> إلى, ")
    assert lines[1].count(", ") == 4  # --limit 5 by default
    assert run_cli(["suggest", "كتاب", "المدرسة"]).code == ExitCode.OK


def test_suggest_json_from_stdin_one_line_each(run_cli: RunCli, isolated: Path) -> None:
    result = run_cli(
        ["suggest", "--format", "json", "--limit", "2", "-"], input="الى\n\nكتاب\nاكثر\n"
    )
    assert result.code == ExitCode.FOUND
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    # a blank input line is an (empty) answer too: output line n answers input line n
    assert [(o["word"], o["correct"], o["severity"], o["reason"]) for o in objects] == [
        ("الى", False, "misspelling", "known misspelling"),
        ("", False, None, "empty"),
        ("كتاب", True, None, None),
        ("اكثر", False, "probable", "probable"),
    ]
    assert objects[0]["suggestions"][0] == "إلى" and len(objects[0]["suggestions"]) == 2
    assert objects[1]["suggestions"] == objects[2]["suggestions"] == []
    assert objects[3]["suggestions"][0] == "أكثر"


def test_suggest_lexicons(run_cli: RunCli, isolated: Path) -> None:
    assert run_cli(["suggest", "--lexicon", "msa", "--lexicon", "quran", "كتاب"]).code == 0
    result = run_cli(["suggest", "--lexicon", "klingon", "كتاب"])
    assert result.code == ExitCode.ERROR
    assert result.stderr.startswith("lialia: error: unknown lexicon 'klingon'")


def test_version(run_cli: RunCli) -> None:
    result = run_cli(["--version"])
    assert result.code == ExitCode.OK
    assert re.fullmatch(r"lialia \d+\.\d+\.\d+\n", result.stdout)


# ---------------------------------------------------------------------------------------
# golden cases: tests/cases/<name>/{input/, cmd, stdin?, expected_stdout, expected_code,
# expected_stderr?, expected_files/?}; expected_stderr holds the "lialia: ..." lines (the
# summary, which has a time in it, is left out); expected_files/ holds files as the run
# must leave them (after --fix), byte for byte.  LIALIA_UPDATE_GOLDEN=1 rewrites the expectations
# (review the diff before committing it).

CASES = Path(__file__).parent / "cases"
UPDATE = os.environ.get("LIALIA_UPDATE_GOLDEN") == "1"


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_golden_case(run_cli: RunCli, tmp_path: Path, case: str) -> None:
    source = CASES / case
    work = tmp_path / "work"
    if (source / "input").is_dir():
        shutil.copytree(source / "input", work, symlinks=True)
    else:
        work.mkdir()
    (work / ".git").mkdir()  # the project root: no configuration from around it
    args = shlex.split((source / "cmd").read_text(encoding="utf-8"))
    stdin = (source / "stdin").read_bytes() if (source / "stdin").exists() else None
    result = run_cli(args, input=stdin, cwd=work)
    stderr = "".join(
        line for line in result.stderr.splitlines(keepends=True) if line.startswith("lialia:")
    )
    if UPDATE:
        (source / "expected_stdout").write_bytes(result.stdout_bytes)
        (source / "expected_code").write_text(f"{result.code}\n", encoding="utf-8")
        if stderr:
            (source / "expected_stderr").write_text(stderr, encoding="utf-8")
    assert result.stdout_bytes == (source / "expected_stdout").read_bytes()
    assert result.code == int((source / "expected_code").read_text(encoding="utf-8"))
    expected_files = source / "expected_files"  # the files as the run left them
    if UPDATE and expected_files.is_dir():
        for path in expected_files.rglob("*"):
            if path.is_file():
                path.write_bytes((work / path.relative_to(expected_files)).read_bytes())
    if expected_files.is_dir():
        for path in expected_files.rglob("*"):
            if path.is_file():
                relative = path.relative_to(expected_files)
                assert (work / relative).read_bytes() == path.read_bytes(), relative
    expected_stderr = source / "expected_stderr"
    assert stderr == (
        expected_stderr.read_text(encoding="utf-8") if expected_stderr.exists() else ""
    )


# ---------------------------------------------------------------------------------------
# the README's command-line examples: every ```console block is run as written, in a
# fresh folder holding a copy of examples/, and must print what the README shows (times
# in the summary line aside)

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
SECONDS = re.compile(r" in \d+\.\d\d s$", re.M)


def same(expected: str, shown: str) -> bool:
    """Equal but for the seconds in the summary line."""
    return SECONDS.sub(" in 0.00 s", expected) == SECONDS.sub(" in 0.00 s", shown)


def console_blocks() -> list[list[tuple[str, str]]]:
    blocks = []
    for body in re.findall(r"```console\n(.*?)```", README, flags=re.S):
        steps: list[tuple[str, str]] = []
        for line in body.splitlines(keepends=True):
            if line.startswith("$ "):
                steps.append((line[2:].rstrip("\n"), ""))
            else:
                command, output = steps[-1]
                steps[-1] = (command, output + line)
        blocks.append(steps)
    return blocks


def test_the_readme_shows_every_mode() -> None:
    commands = " ".join(command for block in console_blocks() for command, _ in block)
    for mode in [
        "lialia check examples/",
        "check -",
        "--format json",
        "--format sarif",
        "--format github",
        "--no-suggestions",
        "--diff",
        "--fix",
        "-i ",
        "lialia suggest",
        "suggest -",
        "words add",
        "--encoding",
        "lialia: ignore",
    ]:
        assert mode in commands, mode


@pytest.mark.parametrize(
    "block", console_blocks(), ids=[block[0][0][:40] for block in console_blocks()]
)
def test_readme_console_block(tmp_path: Path, block: list[tuple[str, str]]) -> None:
    bin_dir = Path(sys.executable).parent
    assert shutil.which("lialia", path=str(bin_dir)), "install lialia: pip install -e '.[test]'"
    work = tmp_path / "lialia"
    shutil.copytree(ROOT / "examples", work / "examples")
    (work / ".git").mkdir()  # a project root of its own, like a fresh clone
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "NO_COLOR": "1",
        "TERM": "dumb",
        "COLUMNS": "100",
    }
    env.pop("FORCE_COLOR", None)
    outputs = []
    for command, _ in block:
        outputs.append(
            subprocess.run(
                ["bash", "-c", "{ " + command + "\n} 2>&1"],
                cwd=work,
                env=env,
                capture_output=True,
                text=True,
                encoding="utf-8",
                timeout=300,
            ).stdout
        )
    if UPDATE:  # LIALIA_UPDATE_GOLDEN=1 also refreshes the README's outputs
        old = "".join(f"$ {command}\n{expected}" for command, expected in block)
        new = "".join(
            f"$ {command}\n{expected if same(expected, shown) else shown}"
            for (command, expected), shown in zip(block, outputs, strict=True)
        )
        readme = (ROOT / "README.md").read_text(encoding="utf-8")
        (ROOT / "README.md").write_text(readme.replace(old, new, 1), encoding="utf-8")
        return
    for (command, expected), shown in zip(block, outputs, strict=True):
        assert same(expected, shown), f"{command}\n--- README:\n{expected}--- now:\n{shown}"


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--help"],
        ["suggest", "--help"],
        ["search", "--help"],
        ["serve", "--help"],
        ["lsp", "--help"],
        ["words", "--help"],
        ["words", "add", "--help"],
        ["check", "--nonsense"],
        ["suggest", "--limit", "x", "الى"],
    ],
)
def test_a_run_builds_only_its_command_and_says_the_same(args: list[str]) -> None:
    """Typer reads the signature of every command it builds: a run naming one builds
    that one alone (about half of Typer's start-up work), with the same help, usage
    errors and exit codes as the whole app."""
    from typer.testing import CliRunner

    from lialia.cli.base import _app_for, app

    only = _app_for(args)
    assert only is not app and len(only.registered_commands + only.registered_groups) == 1
    runner = CliRunner()
    whole, alone = runner.invoke(app, args), runner.invoke(only, args)
    assert (alone.exit_code, alone.output) == (whole.exit_code, whole.output)


@pytest.mark.parametrize("args", [[], ["--help"], ["--version"], ["chek", "a.md"], ["-"]])
def test_anything_else_builds_the_whole_app(args: list[str]) -> None:
    from lialia.cli.base import _app_for, app

    assert _app_for(args) is app

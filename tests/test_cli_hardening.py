"""The command line's trust and hardening: standard input as a named file, excludes for
named files (pre-commit), the interactive session's answers, worker processes, and the
one way every run ends (exit codes 0, 1, 2, 130, 141 and one line on stderr).

Tests that need a real process (closed descriptors, /dev/full, a broken pipe, Ctrl-C,
a hostile folder) run the installed ``lialia`` console script, the way users run it.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import lialia.cli
import lialia.cli.check
import lialia.cli.interactive
import lialia.cli.settings
import lialia.cli.sources
import lialia.fix
from lialia import __version__
from lialia.cli import ExitCode, internal_error, safe_import_path, worker_count

RunCli = Callable[..., Any]  # the run_cli fixture of conftest.py

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
LIALIA = Path(sys.executable).parent / "lialia"
BAD = "ذهبت الى البيت.\nهاذا كتاب جميل.\n"


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def lines(text: str) -> list[str]:
    """Findings without their suggestions: ``path:line:column: word``."""
    return [line.split(" ->")[0] for line in text.splitlines()]


# ---------------------------------------------------------------------------------------
# --stdin-filename


@pytest.mark.parametrize(
    ("name", "text", "found"),
    [
        # Markdown: the code span is not prose
        ("docs/page.md", "ذهبت `الى` الى البيت\n", ["docs/page.md:1:12: الى"]),
        # plain text: it is
        (
            "docs/page.txt",
            "ذهبت `الى` الى البيت\n",
            ["docs/page.txt:1:7: الى", "docs/page.txt:1:12: الى"],
        ),
        # HTML: tags and attributes are not
        ("site/صفحة.html", '<p title="الى">هاذا</p>\n', ["site/صفحة.html:1:16: هاذا"]),
        # diacritised Arabic keeps its columns in code points
        ("a.rst", "قَالَ الطـالبُ الى\n", ["a.rst:1:16: الى"]),
    ],
)
def test_stdin_filename_gives_syntax_and_name(
    run_cli: RunCli, isolated: Path, name: str, text: str, found: list[str]
) -> None:
    result = run_cli(["check", "--quiet", "--stdin-filename", name, "-"], input=text)
    assert result.code == ExitCode.FOUND
    assert lines(result.stdout) == found
    # without a path, - is implied
    implied = run_cli(["check", "--quiet", "--stdin-filename", name], input=text)
    assert implied.stdout == result.stdout


def test_stdin_filename_takes_the_configuration_of_that_path(
    run_cli: RunCli, isolated: Path
) -> None:
    write(isolated / "docs" / ".lialia.toml", "report-probable = false\n")
    text = "هذا اكثر من ذلك\n"  # اكثر is a probable misspelling
    inside = run_cli(["check", "-q", "--stdin-filename", "docs/page.md"], input=text)
    outside = run_cli(["check", "-q", "--stdin-filename", "notes/page.md"], input=text)
    assert (inside.code, inside.stdout) == (ExitCode.OK, "")
    assert outside.code == ExitCode.FOUND
    assert lines(outside.stdout) == ["notes/page.md:1:5: اكثر"]


def test_stdin_filename_takes_the_word_list_of_that_project(
    run_cli: RunCli, isolated: Path
) -> None:
    write(isolated / "sub" / ".lialia.toml", "")
    write(isolated / "sub" / ".lialia-words.txt", "كوبرنيتس\n")
    text = "نشرنا كوبرنيتس\n"
    assert run_cli(["check", "-q", "--stdin-filename", "sub/a.md"], input=text).code == 0
    assert run_cli(["check", "-q", "--stdin-filename", "a.md"], input=text).code == 1


def test_stdin_filename_with_fix_prints_and_never_writes(run_cli: RunCli, isolated: Path) -> None:
    on_disk = write(isolated / "docs" / "page.md", "نص آخر على القرص\n")
    result = run_cli(
        ["check", "--fix", "--stdin-filename", "docs/page.md", "-"],
        input="ذهبت `الى` الى البيت، اكثر\n",
    )
    assert result.stdout == "ذهبت `الى` إلى البيت، اكثر\n"  # the code span is left alone
    assert result.code == ExitCode.FOUND  # اكثر is left, reported on stderr by its name
    assert "docs/page.md:1:23: اكثر -> أكثر" in result.stderr
    assert on_disk.read_text(encoding="utf-8") == "نص آخر على القرص\n"


def test_stdin_filename_names_errors(run_cli: RunCli, isolated: Path) -> None:
    result = run_cli(["check", "--stdin-filename", "docs/latin.txt"], input=b"abc \xff")
    assert result.code == ExitCode.ERROR
    assert result.stderr.splitlines()[0] == (
        "lialia: error: docs/latin.txt: not valid utf-8 at byte 4 — pass --encoding with the "
        "file's encoding"
    )


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--stdin-filename", "a.md", "b.md"],
        ["check", "--stdin-filename", "a.md", "-", "b.md"],
        ["check", "--stdin-filename", "", "-"],
        ["check", "--stdin-filename", "a.md", "--interactive"],
    ],
)
def test_stdin_filename_usage_errors(run_cli: RunCli, isolated: Path, args: list[str]) -> None:
    write(isolated / "b.md", BAD)
    result = run_cli(args, input="الى\n")
    assert (result.code, result.stdout) == (ExitCode.ERROR, "")


# ---------------------------------------------------------------------------------------
# --force-exclude


@pytest.mark.parametrize(
    ("config", "options", "named", "checked"),
    [
        # the configuration's exclude, a glob and a folder name
        ("exclude = ['vendor/**']", [], ["vendor/a.md", "b.md"], ["b.md"]),
        ("exclude = ['vendor']", [], ["vendor/deep/a.md", "b.md"], ["b.md"]),
        ("exclude = ['vendor/']", [], ["vendor/a.md", "b.md"], ["b.md"]),
        # --exclude on the command line
        ("", ["--exclude", "*.draft.md"], ["c.draft.md", "b.md"], ["b.md"]),
        ("", ["--exclude", "vendor"], ["vendor", "b.md"], ["b.md"]),
        # a negated pattern re-includes, as in a folder walk
        ("exclude = ['*.md', '!b.md']", [], ["vendor/a.md", "b.md"], ["b.md"]),
        # nothing excluded: both
        ("exclude = ['other/**']", [], ["vendor/a.md", "b.md"], ["b.md", "vendor/a.md"]),
    ],
)
def test_force_exclude_applies_excludes_to_named_paths(
    run_cli: RunCli,
    isolated: Path,
    config: str,
    options: list[str],
    named: list[str],
    checked: list[str],
) -> None:
    write(isolated / ".lialia.toml", config + "\n")
    for path in ("vendor/a.md", "vendor/deep/a.md", "b.md", "c.draft.md"):
        write(isolated / path, "ذهبت الى البيت\n")
    plain = run_cli(["check", "-q", "-f", "json", *options, *named])
    forced = run_cli(["check", "-q", "-f", "json", "--force-exclude", *options, *named])
    # named paths are always checked without the flag (the walk into a named folder
    # still honours the excludes)
    assert len(plain.stdout.splitlines()) >= len(named) - (1 if "vendor" in named else 0)
    found = sorted(
        {line.split('"path": "')[1].split('"')[0] for line in forced.stdout.splitlines()}
    )
    assert found == sorted(checked)
    assert forced.code == ExitCode.FOUND


@pytest.mark.parametrize("fix", [False, True])
def test_the_hook_reads_file_names_that_pass_for_options_as_paths(
    isolated: Path, fix: bool
) -> None:
    """pre-commit appends the staged files' names after the hook's args, with no -- in
    between.  A staged file named --exclude=z.md excluded z.md (the hook passed), one
    named -w.md turned fixing on, and with no path left lialia checked (and fixed) the
    whole folder, untracked files included.  The hook's entry, check --pre-commit, reads
    them as the paths they are."""
    for name in ("--exclude=z.md", "z.md", "-w.md"):
        write(isolated / name, "ذهبت الى البيت\n")
    untracked = write(isolated / "notes" / "private.md", "ذهبت الى البيت\n")
    args = ["check", "--pre-commit", *(["--fix"] if fix else []), "-q"]
    result = subprocess.run(
        [sys.executable, "-m", "lialia", *args, "--exclude=z.md", "z.md", "-w.md"],
        cwd=isolated,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert untracked.read_text(encoding="utf-8") == "ذهبت الى البيت\n"
    if fix:
        assert result.returncode == ExitCode.OK, result.stderr
        for name in ("--exclude=z.md", "z.md", "-w.md"):
            assert (isolated / name).read_text(encoding="utf-8") == "ذهبت إلى البيت\n"
    else:
        assert result.returncode == ExitCode.FOUND, result.stderr
        assert [line.split(":")[0] for line in result.stdout.splitlines()] == [
            "./--exclude=z.md",
            "z.md",
            "./-w.md",
        ]
        assert (isolated / "-w.md").read_text(encoding="utf-8") == "ذهبت الى البيت\n"


def test_force_exclude_with_everything_excluded_checks_nothing(
    run_cli: RunCli, isolated: Path
) -> None:
    write(isolated / ".lialia.toml", "exclude = ['vendor/**']\n")
    write(isolated / "vendor" / "a.md", BAD)
    result = run_cli(["check", "--force-exclude", "vendor/a.md"])
    assert (result.code, result.stdout) == (ExitCode.OK, "")
    assert result.stderr.startswith("checked 0 files, 0 words, 0 findings")


def test_force_exclude_and_stdin_filename(run_cli: RunCli, isolated: Path) -> None:
    write(isolated / ".lialia.toml", "exclude = ['vendor/**']\n")
    text = "ذهبت الى البيت\n"
    args = ["check", "-q", "--force-exclude", "--stdin-filename"]
    assert run_cli([*args, "vendor/a.md"], input=text).code == ExitCode.OK
    assert run_cli([*args, "docs/a.md"], input=text).code == ExitCode.FOUND
    # a filter passes on what it does not check, unchanged
    passed = run_cli([*args, "vendor/a.md", "--fix"], input=text)
    assert (passed.code, passed.stdout) == (ExitCode.OK, text)
    # plain - has no name that an exclude could match: always checked
    assert run_cli(["check", "-q", "--force-exclude", "-"], input=text).code == ExitCode.FOUND


def test_a_filter_never_swallows_input_it_cannot_check(run_cli: RunCli, isolated: Path) -> None:
    """``--fix -`` is an editor's filter (``:%!lialia check --fix -``): input it cannot
    check, not UTF-8 or larger than max-file-size, is passed on unchanged (exit 2, one
    line on stderr), never replaced by nothing."""
    invalid = "ذهبت الى البيت ".encode() + b"\xff\n"
    run = run_cli(["check", "-q", "--fix", "-"], input=invalid)
    assert (run.code, run.stdout_bytes) == (ExitCode.ERROR, invalid)
    assert "not valid utf-8" in run.stderr.lower()
    write(isolated / ".lialia.toml", "max-file-size = 1\n")
    large = ("ذهبت الى البيت\n" * 70_000).encode()  # 1.9 MB
    run = run_cli(["check", "-q", "--fix", "-"], input=large)
    assert (run.code, run.stdout_bytes) == (ExitCode.ERROR, large)
    assert "larger than 1 MB" in run.stderr
    # without --fix nothing is echoed
    assert run_cli(["check", "-q", "-"], input=invalid).stdout_bytes == b""


def test_the_hook_given_no_file_checks_nothing(isolated: Path) -> None:
    """pre-commit runs a hook with always_run and nothing staged with no file names:
    lialia checked (and with --fix rewrote) the whole folder, untracked files too."""
    untracked = write(isolated / "draft.md", "ذهبت الى البيت\n")
    result = subprocess.run(
        [sys.executable, "-m", "lialia", "check", "--pre-commit", "--fix"],
        cwd=isolated,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (result.returncode, result.stdout, result.stderr) == (ExitCode.OK, "", "")
    assert untracked.read_text(encoding="utf-8") == "ذهبت الى البيت\n"


def test_the_hook_passes_pre_commit_in_its_entry() -> None:
    """--pre-commit (which means --force-exclude) is in the entry: kept when args are
    given; the README's local hook says the same."""
    manifest = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    (entry,) = re.findall(r"^\s*entry:\s*(.+)$", manifest, flags=re.M)
    assert entry.split() == ["lialia", "check", "--pre-commit"]
    (local,) = re.findall(r"entry: (lialia check.*)", README.split("repo: local", 1)[1])
    assert local.split() == ["lialia", "check", "--pre-commit"]


# ---------------------------------------------------------------------------------------
# --interactive: answers read through Asker.read_line, which a test can script


def answers(monkeypatch: pytest.MonkeyPatch, *replies: str | type[BaseException]) -> list[str]:
    """Script the answers; returns the list of answers actually read."""
    queue = list(replies)
    read: list[str] = []

    def read_line(self: object) -> str | None:
        if not queue:
            return None
        reply = queue.pop(0)
        if isinstance(reply, type):
            raise reply()
        read.append(reply)
        return reply + "\n"

    monkeypatch.setattr(lialia.cli.interactive.Asker, "read_line", read_line)
    return read


def test_ctrl_c_keeps_the_answers_already_given(
    run_cli: RunCli, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(isolated / "a.md", BAD)
    answers(monkeypatch, "1", KeyboardInterrupt)  # الى -> إلى, then Ctrl-C at هاذا
    result = run_cli(["check", "-i", "a.md"])
    assert result.code == ExitCode.INTERRUPTED
    assert path.read_text(encoding="utf-8") == "ذهبت إلى البيت.\nهاذا كتاب جميل.\n"
    assert result.stderr.splitlines()[-2:] == [
        "lialia: fixed 1 word in a.md",
        "lialia: interrupted",
    ]
    assert result.stdout == ""  # stopped: nothing more is reported


def test_ctrl_c_at_the_first_question_says_nothing_was_fixed(
    run_cli: RunCli, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(isolated / "a.md", BAD)
    answers(monkeypatch, KeyboardInterrupt)
    result = run_cli(["check", "-i", "--quiet", "a.md"])
    assert result.code == ExitCode.INTERRUPTED
    assert path.read_text(encoding="utf-8") == BAD
    assert result.stderr.splitlines()[-2:] == [
        "lialia: nothing fixed in a.md",
        "lialia: interrupted",
    ]


def test_ctrl_c_in_a_later_file_keeps_both_files_answers(
    run_cli: RunCli, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = write(isolated / "a.md", "ذهبت الى البيت\n")
    second = write(isolated / "b.md", "هاذا كتاب، إستخدام القلم\n")
    answers(monkeypatch, "1", "1", KeyboardInterrupt)
    result = run_cli(["check", "-i", "-q", "a.md", "b.md"])
    assert result.code == ExitCode.INTERRUPTED
    assert first.read_text(encoding="utf-8") == "ذهبت إلى البيت\n"
    assert second.read_text(encoding="utf-8") == "هذا كتاب، إستخدام القلم\n"


@pytest.mark.parametrize(
    ("replies", "expected", "asked"),
    [
        # e: a typed replacement (not among the suggestions), a correct word
        (["e", "حتى", "s"], "ذهبت حتى البيت.\nهاذا كتاب جميل.\n", 3),
        # an empty one is refused and the question comes again
        (["e", "", "1", "s"], "ذهبت إلى البيت.\nهاذا كتاب جميل.\n", 4),
        # two lines in one (a Unicode line separator) are refused
        (["e", "إلى\u2028كتب", "1", "s"], "ذهبت إلى البيت.\nهاذا كتاب جميل.\n", 4),
        # a flagged replacement needs a yes
        (
            ["e", "المدرسه", "n", "e", "المدرسه", "y", "s"],
            "ذهبت المدرسه البيت.\nهاذا كتاب جميل.\n",
            7,
        ),
        # a replacement with diacritics is taken as typed
        (["e", "إِلَى", "s"], "ذهبت إِلَى البيت.\nهاذا كتاب جميل.\n", 3),
        # the word itself: nothing changes
        (["e", "الى", "s"], BAD, 3),
        # unknown answers are asked again; upper case works for the one-letter answers
        (["x", "9", "S", "1"], "ذهبت الى البيت.\nهذا كتاب جميل.\n", 4),
    ],
)
def test_interactive_edit(
    run_cli: RunCli,
    isolated: Path,
    monkeypatch: pytest.MonkeyPatch,
    replies: list[str],
    expected: str,
    asked: int,
) -> None:
    path = write(isolated / "a.md", BAD)
    read = answers(monkeypatch, *replies)
    result = run_cli(["check", "-i", "-q", "a.md"])
    assert path.read_text(encoding="utf-8") == expected
    assert len(read) == asked
    assert result.code in (ExitCode.OK, ExitCode.FOUND)


def test_replace_all_answers_once_for_the_whole_run(
    run_cli: RunCli, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = write(isolated / "a.md", "هاذا كتاب، وهاذا قلم، هاذا دفتر\n")
    second = write(isolated / "b.md", "هاذا بيت، الى هنا\nهاذا\n")
    # R with the default (the first suggestion) for هاذا; وهاذا is another word: asked
    read = answers(monkeypatch, "R", "", "s", "1")
    result = run_cli(["check", "-i", "-q", "a.md", "b.md"])
    assert first.read_text(encoding="utf-8") == "هذا كتاب، وهاذا قلم، هذا دفتر\n"
    assert second.read_text(encoding="utf-8") == "هذا بيت، إلى هنا\nهذا\n"
    assert read == ["R", "", "s", "1"]  # هاذا asked once in the whole run
    assert lines(result.stdout) == ["a.md:1:11: وهاذا"]  # where it stands once هذا is in
    assert result.code == ExitCode.FOUND


def test_the_questions_never_touch_a_quotation_of_the_quran(
    run_cli: RunCli, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """R replaces the word everywhere but in ﴿…﴾ and in words carrying the muṣḥaf's
    signs: those are shown as left alone, never asked about."""
    text = "هاذا كتاب\nقال ﴿هاذا كتاب﴾ و ﴿الى﴾\nهاذا ٱلصَّلَوٰةَ\n"
    path = write(isolated / "a.md", text)
    read = answers(monkeypatch, "R", "", "s", "s")
    result = run_cli(["check", "-i", "-q", "a.md"])
    assert path.read_text(encoding="utf-8") == text.replace("هاذا كتاب\n", "هذا كتاب\n", 1).replace(
        "\nهاذا ٱل", "\nهذا ٱل"
    )
    assert read == ["R", ""]  # nothing asked about the quotation nor the muṣḥaf's word
    assert "a word of the Quran, left as it is" in result.stderr


def test_the_questions_never_touch_a_link_label(
    run_cli: RunCli, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The text of a Markdown shortcut or collapsed reference link is also its label:
    replacing it (even by R) would break the link, so it is shown as left alone."""
    text = "[الى] و [الى][] الى\n\n[الى]: /أ\n"
    path = write(isolated / "a.md", text)
    read = answers(monkeypatch, "R", "", "s", "s")
    result = run_cli(["check", "-i", "-q", "a.md"])
    assert path.read_text(encoding="utf-8") == "[الى] و [الى][] إلى\n\n[الى]: /أ\n"
    assert read == ["R", ""]  # asked about the plain word only
    assert result.stderr.count("the label of a link, left as it is") == 2


def test_replace_all_with_a_typed_word_or_a_number(
    run_cli: RunCli, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(isolated / "a.md", "الى هنا، الى هناك\n")
    answers(monkeypatch, "R", "2")
    run_cli(["check", "-i", "-q", "a.md"])
    assert path.read_text(encoding="utf-8") == "على هنا، على هناك\n"
    path.write_text("الى هنا، الى هناك\n", encoding="utf-8")
    answers(monkeypatch, "R", "حتى")
    run_cli(["check", "-i", "-q", "a.md"])
    assert path.read_text(encoding="utf-8") == "حتى هنا، حتى هناك\n"


def test_the_end_of_input_stops_asking_and_keeps_the_answers(
    run_cli: RunCli, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(isolated / "a.md", BAD)
    answers(monkeypatch, "1")  # then the end of input, at هاذا
    result = run_cli(["check", "-i", "a.md"])
    assert path.read_text(encoding="utf-8") == "ذهبت إلى البيت.\nهاذا كتاب جميل.\n"
    assert result.code == ExitCode.FOUND
    assert lines(result.stdout) == ["a.md:2:1: هاذا"]


# ---------------------------------------------------------------------------------------
# suggest: what is not an Arabic word is said so, and is not correct


@pytest.mark.parametrize(
    ("word", "text", "reason", "normalized"),
    [
        ("hello", "hello: not Arabic", "not Arabic", "hello"),
        ("ALLAH", "ALLAH: not Arabic", "not Arabic", "ALLAH"),
        ("كتاب2", "كتاب2: not Arabic", "not Arabic", "كتاب2"),
        # the punctuation a keyword is typed or copied with is not part of it
        ("كتاب،", "كتاب،: ok", None, "كتاب"),
        ("كتاب؟", "كتاب؟: ok", None, "كتاب"),
        ("«الى»؟", "«الى»؟ -> إلى", "known misspelling", "الى"),
        ("(ذهبت الى)", "(ذهبت الى) -> ذهبت إلى", "known misspelling", "ذهبت الى"),
        ("كتاب،قلم", "كتاب،قلم: not Arabic", "not Arabic", "كتاب،قلم"),
        ("؟", "؟: not Arabic", "not Arabic", ""),
        ("\N{ARABIC TATWEEL}", "\N{ARABIC TATWEEL}: not Arabic", "not Arabic", ""),
        ("", ": empty", "empty", ""),
        ("   ", "   : empty", "empty", ""),
        ("ززززز", "ززززز -> (no suggestion)", "not in lexicon", "ززززز"),
        ("الى", "الى -> إلى", "known misspelling", "الى"),
        ("اكثر", "اكثر -> أكثر", "probable", "اكثر"),
        ("ذهبت الى", "ذهبت الى -> ذهبت إلى", "known misspelling", "ذهبت الى"),
        ("كِتَابٌ", "كِتَابٌ: ok", None, "كتاب"),
        ("عـــربي", "عـــربي: ok", None, "عربي"),
    ],
)
def test_suggest_reasons(
    run_cli: RunCli, isolated: Path, word: str, text: str, reason: str | None, normalized: str
) -> None:
    import json

    shown = run_cli(["suggest", "-n", "1", word])
    assert shown.stdout == text + "\n"
    assert shown.code == (ExitCode.OK if reason is None else ExitCode.FOUND)
    (obj,) = [
        json.loads(line) for line in run_cli(["suggest", "-f", "json", word]).stdout.splitlines()
    ]
    assert (obj["reason"], obj["normalized"], obj["correct"]) == (
        reason,
        normalized,
        reason is None,
    )


def test_suggest_keeps_one_output_line_per_input_line(run_cli: RunCli, isolated: Path) -> None:
    given = "الى\n\nhello\n   \nكتاب\n\n"
    result = run_cli(["suggest", "-n", "1", "-"], input=given)
    assert result.stdout.splitlines() == [
        "الى -> إلى",
        ": empty",
        "hello: not Arabic",
        ": empty",
        "كتاب: ok",
        ": empty",
    ]
    assert result.code == ExitCode.FOUND
    assert run_cli(["suggest", "-"], input="كتاب\nالمدرسة\n").code == ExitCode.OK


# ---------------------------------------------------------------------------------------
# workers: how many, and from where they import


@pytest.mark.parametrize(
    ("jobs", "files", "cpus", "workers"),
    [
        (1, 100, 8, 1),
        (2, 100, 8, 2),
        (64, 100, 4, 4),  # never more than the CPUs
        (0, 100, 4, 4),  # 0: one per CPU
        (8, 3, 16, 3),  # never more than the files
        (0, 1, 16, 1),  # one file: checked in this process
        (4, 0, 4, 1),
    ],
)
def test_worker_count(jobs: int, files: int, cpus: int, workers: int) -> None:
    assert worker_count(jobs, files, cpus=cpus) == workers


def test_worker_count_follows_the_cpu_affinity(monkeypatch: pytest.MonkeyPatch) -> None:
    if not hasattr(os, "sched_getaffinity") or hasattr(os, "process_cpu_count"):
        pytest.skip("affinity is read through os.sched_getaffinity on this Python")
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2})
    monkeypatch.setattr(os, "cpu_count", lambda: 64)
    assert worker_count(0, 100) == 3
    assert worker_count(32, 100) == 3


@pytest.mark.parametrize(
    ("entries", "cwd", "kept"),
    [
        (["", "/usr/lib/python3.11", "/site"], "/repo", ["/usr/lib/python3.11", "/site"]),
        (["/repo", "/site"], "/repo", ["/site"]),
        ([".", "/repo/", "/site"], "/repo", ["/site"]),
        (["src", "/site"], "/repo", ["src", "/site"]),  # a subfolder named on purpose stays
    ],
)
def test_safe_import_path(entries: list[str], cwd: str, kept: list[str]) -> None:
    assert safe_import_path(entries, cwd) == kept


def test_safe_import_path_keeps_where_lialia_comes_from() -> None:
    home = str(Path(lialia.cli.__file__).resolve().parents[2])  # lialia/cli/__init__.py
    assert safe_import_path(["", home], home) == ["", home]  # run in its own source tree
    assert safe_import_path(["", home], "/elsewhere") == [home]


def explode(path: str, settings: object = None) -> object:
    """A stand-in for the worker's checking function (imported by name in the workers)."""
    raise RuntimeError(f"boom\nin a worker, on {path}")


def test_an_error_in_a_worker_is_an_internal_error_exit_2(
    run_cli: RunCli, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("a.md", "b.md", "c.md"):
        write(isolated / name, BAD)
    monkeypatch.setattr(lialia.cli.sources, "_check_path", explode)
    result = run_cli(["check", "--jobs", "2", "."])
    assert (result.code, result.stdout) == (ExitCode.ERROR, "")
    assert result.stderr == (
        f"lialia: internal error: RuntimeError: boom in a worker, on a.md (lialia {__version__}; "
        "please report it to the maintainers with the command you ran)\n"
    )


@pytest.mark.parametrize("command", [["check", "a.md"], ["check", "-"], ["suggest", "الى"]])
def test_an_unexpected_error_is_one_line_and_exit_2(
    run_cli: RunCli, isolated: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    write(isolated / "a.md", BAD)

    def broken(*args: object, **kwargs: object) -> object:
        raise KeyError("a bug")

    monkeypatch.setattr(lialia.cli.settings, "_build", broken)
    result = run_cli(command, input="الى\n")
    assert (result.code, result.stdout) == (ExitCode.ERROR, "")
    assert result.stderr == internal_error(KeyError("a bug")) + "\n"
    assert result.stderr.startswith("lialia: internal error: KeyError: 'a bug' (lialia ")


def test_a_file_being_written_is_finished_before_ctrl_c(
    run_cli: RunCli, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(isolated / "a.md", BAD)
    real = lialia.fix.fix_file

    def interrupted_fix(*args: Any) -> str:
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C arrives as the write starts
        return real(*args)

    monkeypatch.setattr(lialia.fix, "fix_file", interrupted_fix)
    result = run_cli(["check", "--fix", "a.md", "a.md"])
    assert result.code == ExitCode.INTERRUPTED
    assert path.read_text(encoding="utf-8") == "ذهبت إلى البيت.\nهذا كتاب جميل.\n"
    assert result.stderr.splitlines()[-1] == "lialia: interrupted"
    assert not list(isolated.glob(".lialia-*"))  # no temporary file left behind


# ---------------------------------------------------------------------------------------
# the real console script


def lialia_run(
    args: list[str], cwd: Path, *, shell: str | None = None, **kwargs: Any
) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "200"}
    command: Any = ["bash", "-c", shell] if shell is not None else [str(LIALIA), *args]
    kwargs.setdefault("capture_output", "stdout" not in kwargs)
    if "stdout" in kwargs:
        kwargs.setdefault("stderr", subprocess.PIPE)
    return subprocess.run(command, cwd=cwd, env=env, timeout=300, **kwargs)


@pytest.fixture
def script() -> Path:
    if not LIALIA.exists():
        pytest.skip("install lialia: pip install -e '.[test]'")
    text = LIALIA.read_text(encoding="utf-8", errors="replace")
    assert "lialia.cli import main" in text, "reinstall lialia: pip install -e ."
    return LIALIA


@pytest.mark.parametrize(
    ("command", "message"),
    [
        (
            "check -",
            "lialia: error: -: standard input is closed — pipe text into lialia, or name files",
        ),
        (
            "check --stdin-filename a.md",
            "lialia: error: a.md: standard input is closed — pipe text into lialia, or name files",
        ),
        (
            "suggest -",
            "lialia: error: -: standard input is closed — pipe text into lialia, or name words",
        ),
        (
            "check -i a.md",
            "lialia: error: --interactive reads its answers from standard input, which is closed"
            " — run it in a terminal, or pipe the answers in",
        ),
    ],
)
def test_closed_stdin_is_one_line_and_exit_2(
    script: Path, isolated: Path, command: str, message: str
) -> None:
    path = write(isolated / "a.md", BAD)
    done = lialia_run([], isolated, shell=f"'{script}' {command} <&-")
    assert (done.returncode, done.stdout) == (ExitCode.ERROR, b"")
    assert done.stderr.decode() == message + "\n"
    assert path.read_text(encoding="utf-8") == BAD


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args", [["check", "a.md"], ["check", "-f", "sarif", "a.md"], ["suggest", "الى"], ["--version"]]
)
def test_an_unwritable_stdout_is_one_line_and_exit_2(
    script: Path, isolated: Path, args: list[str]
) -> None:
    write(isolated / "a.md", BAD)
    with open("/dev/full", "wb") as full:
        done = lialia_run(args, isolated, stdout=full)
    assert done.returncode == ExitCode.ERROR
    assert done.stderr.decode().splitlines()[-1] == (
        "lialia: error: cannot write to standard output: No space left on device — send the "
        "output elsewhere"
    )
    assert "Traceback" not in done.stderr.decode()
    assert "Exception ignored" not in done.stderr.decode()


@pytest.mark.parametrize("unbuffered", [True, False])
@pytest.mark.parametrize(("jobs", "files"), [("1", 8), ("2", 8), ("1", 1)])
def test_a_reader_that_leaves_ends_the_run_quietly_141(
    script: Path, isolated: Path, jobs: str, files: int, unbuffered: bool
) -> None:
    """Also with one file (its findings written at once) and with Python's output
    unbuffered (PYTHONUNBUFFERED, common in containers), where a write cut short by
    the reader leaving used to pass unnoticed: exit 1, as if the findings were all."""
    for i in range(files):  # far more than a pipe holds (64 KiB)
        write(isolated / "big" / f"f{i}.md", "ذهبت الى البيت، هاذا كتاب\n" * (3200 // files))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    reader = subprocess.Popen(
        [str(script), "check", "--jobs", jobs, "big"],
        cwd=isolated,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**env, "NO_COLOR": "1", **({"PYTHONUNBUFFERED": "1"} if unbuffered else {})},
    )
    assert reader.stdout is not None and reader.stderr is not None
    assert reader.stdout.readline().startswith("big/f0.md:1:6: الى".encode())
    reader.stdout.close()  # as head -1 does
    stderr = reader.stderr.read()
    reader.stderr.close()
    assert reader.wait(timeout=300) == ExitCode.READER_GONE
    assert stderr == b""  # no traceback, no "Exception ignored" at shutdown


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_exits_130_with_one_line(script: Path, isolated: Path, jobs: str) -> None:
    for i in range(8):
        write(isolated / "big" / f"f{i}.md", "ذهبت الى البيت، هاذا كتاب\n" * 400)
    run = subprocess.Popen(
        [str(script), "check", "--quiet", "--jobs", jobs, "big"],
        cwd=isolated,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "NO_COLOR": "1"},
        start_new_session=True,  # a group of its own, as a terminal's foreground job
    )
    assert run.stdout is not None
    run.stdout.readline()  # running, and blocked on a full pipe: cannot have finished
    os.killpg(run.pid, signal.SIGINT)  # Ctrl-C reaches the whole group, workers too
    _, stderr = run.communicate(timeout=300)
    assert run.returncode == ExitCode.INTERRUPTED
    assert stderr.decode() == "lialia: interrupted\n"  # no traceback from any process


HOSTILE = {
    "multiprocessing/__init__.py",
    "concurrent/__init__.py",
    "lialia/__init__.py",
    "typer.py",
    "rich.py",
    "regex.py",
    "marisa_trie.py",
    "sitecustomize.py",
    "usercustomize.py",
}


@pytest.mark.parametrize("jobs", ["2", "0"])
def test_a_checked_folder_is_never_imported(
    script: Path, tmp_path: Path, isolated: Path, jobs: str
) -> None:
    markers = tmp_path / "markers"
    markers.mkdir()
    for module in HOSTILE:
        marker = markers / module.replace("/", "-")
        write(isolated / module, f"open({str(marker)!r}, 'w').close()\n")
    for name in ("a.md", "b.md", "c.md"):
        write(isolated / name, BAD)
    done = lialia_run(["check", "--quiet", "--jobs", jobs, "."], isolated)
    assert sorted(p.name for p in markers.iterdir()) == []
    assert done.returncode == ExitCode.FOUND, done.stderr.decode()
    assert [line.split(" ->")[0] for line in done.stdout.decode().splitlines()] == [
        f"{name}:{where}"
        for name in ("a.md", "b.md", "c.md")
        for where in ("1:6: الى", "2:1: هاذا")
    ]


def test_main_returns_the_exit_code(isolated: Path) -> None:
    write(isolated / "a.md", BAD)
    assert lialia.cli.main(["check", "--quiet", "a.md"]) == ExitCode.FOUND
    assert lialia.cli.main(["check", "--no-such-option"]) == ExitCode.ERROR
    assert lialia.cli.main(["--version"]) == ExitCode.OK


def test_python_m_lialia_is_main(isolated: Path) -> None:
    write(isolated / "a.md", BAD)
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "lialia", "check", "-"],
        cwd=isolated,
        env=env,
        capture_output=True,
        stdin=subprocess.DEVNULL,
        timeout=300,
    )
    assert done.returncode == ExitCode.OK
    closed = subprocess.run(
        ["bash", "-c", f"'{sys.executable}' -m lialia check - <&-"],
        cwd=isolated,
        env=env,
        capture_output=True,
        timeout=300,
    )
    assert closed.returncode == ExitCode.ERROR
    assert closed.stderr.decode().startswith("lialia: error: -: standard input is closed")


# ---------------------------------------------------------------------------------------
# the README's table of exit codes, row by row


def readme_codes() -> Iterator[tuple[int, str]]:
    section = README.split("## Exit codes and errors", 1)[1].split("\n## ", 1)[0]
    for row in re.findall(r"^\| (\d+) \|(.*)\|$", section, flags=re.M):
        yield int(row[0]), row[1]


def test_the_readme_table_lists_every_exit_code() -> None:
    assert [code for code, _ in readme_codes()] == [int(c) for c in ExitCode]


@pytest.mark.parametrize(
    ("code", "shown"),
    [
        (
            ExitCode.ERROR,
            "lialia: error: -: standard input is closed — pipe text into lialia, or name files",
        ),
        (
            ExitCode.ERROR,
            "lialia: error: cannot write to standard output: No space left on device — send the "
            "output elsewhere",
        ),
        (
            ExitCode.ERROR,
            "lialia: error: .lialia.toml: key 'min_length': unknown key — did you mean "
            "'min-length'?",
        ),
        (ExitCode.INTERRUPTED, "lialia: interrupted"),
        (ExitCode.INTERRUPTED, "lialia: fixed 1 word in a.md"),
        (ExitCode.INTERRUPTED, "lialia: nothing fixed in a.md"),
    ],
)
def test_the_readme_table_shows_the_messages_the_tests_pin(code: int, shown: str) -> None:
    (row,) = [text for number, text in readme_codes() if number == code]
    assert f"`{shown}`" in row


def test_the_readme_table_shows_the_internal_error_format() -> None:
    (row,) = [text for number, text in readme_codes() if number == ExitCode.ERROR]
    shown = internal_error(RuntimeError("<message>")).replace("RuntimeError", "<type>")
    assert f"`{shown.replace(__version__, '<version>')}`" in row


def test_help_documents_the_new_options(run_cli: RunCli) -> None:
    shown = " ".join(run_cli(["check", "--help"]).stdout.split())
    for text in (
        "--stdin-filename PATH",
        "--force-exclude",
        "never more than the CPUs or the files",
        "Ctrl-C keeps the answers given so far",
    ):
        assert text in shown, text


# ---------------------------------------------------------------------------------------
# a checked folder is data: its file names and lines never drive the terminal


def test_control_characters_in_names_are_shown_escaped(run_cli: RunCli, isolated: Path) -> None:
    """A file name holding a line break or a terminal command (ESC ] 0; ... BEL sets a
    terminal's title; others move the cursor or hide text) is written with escapes in
    the text format and in messages: one finding stays one line, and the terminal gets
    no command.  JSON keeps the name exact."""
    import json

    name = "a\nb\x1b]0;x\x07.txt"
    write(isolated / name, "ذهبت الى\n")
    shown = run_cli(["check", "--no-suggestions", "."])
    assert lines(shown.stdout) == ["a\\nb\\x1b]0;x\\x07.txt:1:6: الى"]
    assert "\x1b" not in shown.stdout + shown.stderr
    (found,) = [
        json.loads(line) for line in run_cli(["check", "-f", "json", "."]).stdout.splitlines()
    ]
    assert found["path"] == name
    missing = run_cli(["check", "no\x1b[2Jsuch.txt"])
    assert "no\\x1b[2Jsuch.txt" in missing.stderr and "\x1b" not in missing.stderr
    assert missing.code == ExitCode.ERROR


def test_interactive_shows_a_line_without_its_control_characters(
    run_cli: RunCli, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The line shown around a finding is the file's data: an escape sequence in it is
    shown, not sent to the terminal; a lone CR ends the line shown."""
    write(isolated / "a.txt", "قبل\rذهبت الى \x1b[2J هنا\tوهناك\rبعد\n")
    answers(monkeypatch, "s")
    result = run_cli(["check", "-i", "-q", "a.txt"])
    assert "\x1b" not in result.stderr
    assert "ذهبت الى \\x1b[2J هنا" in result.stderr
    assert "\\t" not in result.stderr  # a tab is text: shown as one, not escaped
    assert "بعد" not in result.stderr


def test_the_findings_fix_leaves_stand_where_a_new_check_finds_them(
    run_cli: RunCli, isolated: Path
) -> None:
    """After --fix, each finding left is reported at its place in the fixed text: the
    same lines a check of the fixed file gives.  Fixes that lengthen (كانو → كانوا) and
    shorten (هاذا → هذا) words come before it on its line and on lines above."""
    line = "هاذا ززززز كانو الى ققققق المدرسه وهاذا صصصصص\n"
    text = "".join(f"{i} {line}" if i % 3 else line for i in range(200))
    path = write(isolated / "a.txt", text)
    fixed = run_cli(["check", "--fix", "-q", "a.txt"])
    after = run_cli(["check", "-q", "a.txt"])
    assert path.read_text(encoding="utf-8") != text
    assert lines(fixed.stdout) == lines(after.stdout)
    assert len(lines(after.stdout)) == 600  # the three unknown words of each line

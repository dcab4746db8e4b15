"""``--jobs``: several processes, and output byte for byte that of ``--jobs 1``.

The sizes at which a file is read in chunks, split and cut into pieces are lowered here
(in this process, which reads and cuts the large files), so that a text of a few
thousand characters goes through every path a file of megabytes does.
"""

from __future__ import annotations

import doctest
import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import lialia.cli.sources
import lialia.cli.workers
import lialia.files
from lialia.cli import ExitCode
from lialia.cli.settings import Settings
from lialia.cli.sources import splits, worker_count
from lialia.cli.workers import Piece, _cut, _run
from lialia.files import Chunk, TextReader

RunCli = Callable[..., Any]  # the run_cli fixture of conftest.py

ORNATE_OPEN, ORNATE_CLOSE = "\N{ORNATE RIGHT PARENTHESIS}", "\N{ORNATE LEFT PARENTHESIS}"
#: lines of every kind a large file holds: misspellings bare and with their vowel marks,
#: Latin, numbers, an address, a Quranic quotation over two lines, the directives
LINES = [
    "ذهبت الى المدرسه في الصباح الباكر.",
    "ذَهَبْتُ الَى المَدْرَسَةِ، هاذا كتاب جميل.",
    "قرأت 3 كتب عن Python و JSON في عام 2024.",
    "راجع https://example.org/الى للتفاصيل أو اكتب الى info@example.org",
    f"قال تعالى {ORNATE_OPEN}إِنَّا أَنزَلْنَاهُ",
    f"فِي لَيْلَةِ الْقَدْرِ{ORNATE_CLOSE} وهاذا مثال.",
    "سطر فيه خطأ الى البيت  # lialia: ignore",
    "<!-- lialia: disable -->",
    "هاذا سطر لا يفحص الى",
    "وهذا ايضا لا يفحص المدرسه",
    "<!-- lialia: enable -->",
    "الطلاب يدرسون فى المكتبه كل يوم.",
    "",
    # a twin opening a line that goes on a sentence: read as the start of a document (a
    # piece's first line), it would be taken for إنه
    "وأكد المدير في كلمته أمام الموظفين",
    "أنه سيعود إلى العمل غدا",
]
SETTINGS = Settings(
    lexicons=("msa",), extra_words=(), report_probable=False, min_length=2, ignore_patterns=()
)


def large_text(lines: int = 600) -> str:
    """Some thousands of characters that never repeat a line exactly (a number in each);
    the quotations of the Quran only in the first third, so that the chunks there stay
    whole and the others are cut into pieces."""

    def line(i: int) -> str:
        text = LINES[i % len(LINES)]
        return text.replace(ORNATE_OPEN, "").replace(ORNATE_CLOSE, "") if i > lines // 3 else text

    return "".join(f"{line(i)} {i}\n" for i in range(lines))


@pytest.fixture
def small_sizes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reads of 2000 bytes, chunks of 4000 code points, pieces of 700, files split
    from 2000 bytes."""
    monkeypatch.setattr(lialia.files, "_BLOCK", 2000)
    monkeypatch.setattr(lialia.files, "CHUNK_CHARS", 4000)
    monkeypatch.setattr(lialia.cli.workers, "PIECE_CHARS", 700)
    monkeypatch.setattr(lialia.cli.sources, "SPLIT_BYTES", 2000)
    monkeypatch.setattr(lialia.cli.sources, "PIECE_BYTES", 1000)


def folder(root: Path) -> list[str]:
    """Files of every kind in three folders; each smaller than a chunk."""
    names = []
    for i in range(14):
        kind = [".md", ".txt", ".html", ".rst"][i % 4]
        name = f"d{i % 3}/f{i:02}{kind}"
        text = "".join(LINES[(i + j) % len(LINES)] + "\n" for j in range(4 + i % 5))
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text if i % 5 else "ذهبت إلى المدرسة.\n", encoding="utf-8")
        names.append(name)
    return names


# ---------------------------------------------------------------------------------------
# byte for byte the output of --jobs 1


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
@pytest.mark.parametrize("suggestions", [True, False])
@pytest.mark.parametrize("source", ["folder", "large file"])
def test_jobs_2_prints_what_jobs_1_prints(
    run_cli: RunCli, isolated: Path, small_sizes: None, fmt: str, suggestions: bool, source: str
) -> None:
    if source == "folder":
        folder(isolated)
        (isolated / "large.txt").write_text(large_text(900), encoding="utf-8")
    else:
        (isolated / "large.txt").write_text(large_text(), encoding="utf-8")
    extra = [] if suggestions else ["--no-suggestions"]
    one = run_cli(["check", "-q", "-f", fmt, *extra, "-j", "1", "."])
    two = run_cli(["check", "-q", "-f", fmt, *extra, "-j", "2", "."])
    assert one.code == ExitCode.FOUND, one.stderr
    assert (two.code, two.stderr) == (one.code, one.stderr)
    assert two.stdout_bytes == one.stdout_bytes
    assert one.stdout.count("large.txt") >= 100  # the large file's findings are there
    chunks = list(TextReader("large.txt"))
    assert len(chunks) > 1 and sum(1 for c in chunks for _ in _cut(c)) > 2 * len(chunks)


@pytest.mark.parametrize("fmt", ["text", "sarif"])
def test_three_processes_print_what_one_prints(
    run_cli: RunCli,
    isolated: Path,
    small_sizes: None,
    monkeypatch: pytest.MonkeyPatch,
    fmt: str,
) -> None:
    # two workers: the rankings one sends are passed on to the other
    monkeypatch.setattr(lialia.cli.sources, "_cpu_count", lambda: 3)
    folder(isolated)
    (isolated / "large.txt").write_text(large_text(), encoding="utf-8")
    one = run_cli(["check", "-q", "-f", fmt, "-j", "1", "."])
    three = run_cli(["check", "-q", "-f", fmt, "-j", "3", "."])
    assert one.code == three.code == ExitCode.FOUND
    assert three.stdout_bytes == one.stdout_bytes and three.stderr == one.stderr


def test_the_summary_counts_alike(run_cli: RunCli, isolated: Path, small_sizes: None) -> None:
    folder(isolated)
    (isolated / "large.txt").write_text(large_text(), encoding="utf-8")
    summaries = [
        run_cli(["check", "-f", "json", "-j", jobs, "."]).stderr.rsplit(" in ", 1)[0]
        for jobs in ("1", "2")
    ]
    assert summaries[0] == summaries[1]
    assert summaries[0].startswith("checked 15 files, ")


@pytest.mark.parametrize("mode", ["--fix", "--diff"])
def test_a_split_file_is_fixed_as_jobs_1_fixes_it(
    run_cli: RunCli, tmp_path: Path, small_sizes: None, mode: str
) -> None:
    runs = []
    for jobs in ("1", "2"):
        root = tmp_path / f"j{jobs}"
        root.mkdir()
        (root / ".git").mkdir()
        folder(root)
        # CRLF line endings and a byte-order mark survive the fix
        big = "\ufeff" + large_text().replace("\n", "\r\n")
        (root / "large.txt").write_bytes(big.encode("utf-8"))
        runs.append(run_cli(["check", "-q", mode, "-j", jobs, "."], cwd=root))
    assert runs[1].code == runs[0].code
    assert runs[1].stdout_bytes == runs[0].stdout_bytes
    assert runs[1].stderr == runs[0].stderr
    for name in ["large.txt", *folder(tmp_path / "names")]:
        assert (tmp_path / "j2" / name).read_bytes() == (tmp_path / "j1" / name).read_bytes()
    fixed = (tmp_path / "j2" / "large.txt").read_bytes()
    if mode == "--fix":
        assert fixed.startswith(b"\xef\xbb\xbf") and b"\r\n" in fixed
        assert "ذهبت إلى المدرسة في الصباح الباكر. 0\r\n" in fixed.decode("utf-8-sig")
        assert "هاذا سطر لا يفحص الى 8\r\n" in fixed.decode("utf-8-sig")  # disabled
    else:
        assert fixed.decode("utf-8-sig") == big[1:]  # --diff writes nothing


def _linked_folder(root: Path, large: bool) -> None:
    """The folder of four files, the first with a second name (a hard link), and with
    ``large`` a large file (split into pieces) with a second name too."""
    (root / ".git").mkdir(parents=True)
    for i in range(1, 5):
        (root / "d" / f"f{i}.txt").parent.mkdir(exist_ok=True)
        (root / "d" / f"f{i}.txt").write_text("ذهبت الى المدرسه\n", encoding="utf-8")
    os.link(root / "d" / "f1.txt", root / "d" / "g1.txt")
    if large:
        (root / "d" / "large.txt").write_text(large_text(), encoding="utf-8")
        os.link(root / "d" / "large.txt", root / "d" / "large2.txt")


@pytest.mark.parametrize("large", [False, True])
@pytest.mark.parametrize("mode", ["--fix", "--interactive", "--diff", "report"])
def test_a_file_with_two_names_is_checked_as_jobs_1_checks_it(
    run_cli: RunCli,
    tmp_path: Path,
    small_sizes: None,
    monkeypatch: pytest.MonkeyPatch,
    mode: str,
    large: bool,
) -> None:
    """One file reached by two names is one file: written once, under its first name;
    its next name is read after that write, by any number of processes, so the output,
    the summary's counts and the exit code are those of ``--jobs 1`` (``-j 2`` read
    both names at once and refused the second: changed since it was read)."""
    monkeypatch.setattr(lialia.cli.sources, "_cpu_count", lambda: 2)
    options = [] if mode == "report" else [mode]
    answers = "1\n" * 400 if mode == "--interactive" else None
    runs = []
    for jobs in ("1", "2"):
        root = tmp_path / f"j{jobs}"
        _linked_folder(root, large)
        run = run_cli(["check", *options, "-j", jobs, "d"], input=answers, cwd=root)
        runs.append((run.code, run.stdout_bytes, run.stderr.rsplit(" in ", 1)[0]))
    assert runs[1] == runs[0]
    code, stdout, stderr = runs[0]
    j1, j2 = tmp_path / "j1" / "d", tmp_path / "j2" / "d"
    for name in ["f1.txt", "f2.txt", "f3.txt", "f4.txt", "g1.txt"]:
        assert (j2 / name).read_bytes() == (j1 / name).read_bytes()
    for root in (j1, j2):
        assert (root / "f1.txt").stat().st_ino == (root / "g1.txt").stat().st_ino
    if mode in ("--fix", "--interactive"):
        assert (j2 / "g1.txt").read_text(encoding="utf-8") == "ذهبت إلى المدرسة\n"
        assert "changed since it was read" not in stderr
        assert "fixed 2 words in d/f1.txt" in stderr and "in d/g1.txt" not in stderr
    if mode == "--fix" and not large:
        assert (code, stdout) == (ExitCode.OK, b"")
        assert stderr.endswith("checked 5 files, 15 words, 8 findings (8 fixed)")
    if mode == "report" and not large:
        assert code == ExitCode.FOUND and stdout.count(b"d/g1.txt") == 2
        assert stderr == "checked 5 files, 15 words, 10 findings"


def test_errors_and_standard_input_keep_their_place(
    run_cli: RunCli, isolated: Path, small_sizes: None
) -> None:
    names = folder(isolated)
    (isolated / "d1" / "broken.txt").write_bytes("الى\n".encode() + b"\xff\xfe bad\n")
    # a large file whose bytes stop being UTF-8 after several chunks
    (isolated / "large.txt").write_bytes(large_text().encode() + b"\xff\n" + b"more\n")
    (isolated / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    paths = ["d0", "-", "large.txt", "image.txt", "d1", "d2", "missing.txt"]
    one = run_cli(["check", "-q", "-f", "json", "-j", "1", *paths], input="هاذا كتاب\n")
    two = run_cli(["check", "-q", "-f", "json", "-j", "2", *paths], input="هاذا كتاب\n")
    assert one.code == two.code == ExitCode.ERROR
    assert two.stdout_bytes == one.stdout_bytes and two.stderr == one.stderr
    shown = [json.loads(line)["path"] for line in one.stdout.splitlines()]
    assert shown.index("-") < shown.index("large.txt") < shown.index(names[1])
    assert "large.txt: " in one.stderr and "d1/broken.txt" in one.stderr
    assert "missing.txt" in one.stderr and "image.txt" not in shown  # skipped: binary


# ---------------------------------------------------------------------------------------
# the work is shared


def test_one_large_file_is_checked_by_two_processes(
    run_cli: RunCli, isolated: Path, small_sizes: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    (isolated / "large.txt").write_text(large_text(2000), encoding="utf-8")
    assert splits("large.txt", SETTINGS) > 2
    assert worker_count(2, splits("large.txt", SETTINGS), cpus=2) == 2
    here: list[str] = []
    real = lialia.cli.workers._local

    def local(given: Any, job: lialia.cli.workers.Task, *rest: Any) -> object:
        here.append(type(job).__name__)
        return real(given, job, *rest)

    monkeypatch.setattr(lialia.cli.workers, "_local", local)
    monkeypatch.setattr(lialia.cli.sources, "_cpu_count", lambda: 2)
    one = run_cli(["check", "-q", "-j", "1", "large.txt"])
    two = run_cli(["check", "-q", "-j", "2", "large.txt"])
    assert two.stdout_bytes == one.stdout_bytes
    pieces = sum(1 for c in TextReader("large.txt") for _ in _cut(c))
    # this process checked some pieces, the worker the others
    assert here and set(here) == {"Piece"} and len(here) < pieces


@pytest.mark.parametrize(
    ("text", "size", "cuts"),
    [
        ("أ ب\nج\nد ه\n", 2, ["أ ب\n", "ج\n", "د ه\n"]),
        ("أ ب\nج\nد ه\n", 4, ["أ ب\n", "ج\nد ه\n"]),
        ("سطر أول\nسطر ثان\nسطر ثالث", 4, ["سطر أول\n", "سطر ثان\n", "سطر ثالث"]),
        ("سطر أول طويل جدا", 4, ["سطر أول طويل جدا"]),  # one line: never cut inside it
        ("قصير\n", 40, ["قصير\n"]),
        # a disabled block is never cut: the cut moves past its end
        (
            "أ\n# lialia: disable\nب\nج\n# lialia: enable\nد\nه\n",
            1,
            ["أ\n", "# lialia: disable\nب\nج\n# lialia: enable\n", "د\n", "ه\n"],
        ),
        ("# lialia: ignore\nب\nج\n", 1, ["# lialia: ignore\n", "ب\n", "ج\n"]),
        # a quotation of the Quran may span lines: such a chunk stays whole
        (f"{ORNATE_OPEN}أ\nب{ORNATE_CLOSE}\nج\n", 1, [f"{ORNATE_OPEN}أ\nب{ORNATE_CLOSE}\nج\n"]),
        ("ذَهَبْتُ\r\nالَى\r\nالبيت\r\n", 3, ["ذَهَبْتُ\r\n", "الَى\r\n", "البيت\r\n"]),
    ],
)
def test_cut(text: str, size: int, cuts: list[str]) -> None:
    pieces = list(_cut(Chunk(text, 100, 7), size))
    assert [p.text for p in pieces] == cuts
    assert [p.offset for p in pieces] == [100 + len("".join(cuts[:i])) for i in range(len(cuts))]
    assert [p.line for p in pieces] == [7 + "".join(cuts[:i]).count("\n") for i in range(len(cuts))]


@pytest.mark.parametrize("lines", [None, "text", "json", "github"])
def test_a_piece_gives_the_findings_of_its_place_in_the_file(lines: str | None) -> None:
    from lialia.cli.base import render_lines
    from lialia.cli.settings import _build
    from lialia.report import Format

    text = large_text(60)
    whole = _build(SETTINGS).check(text)
    start = text.index("\n", 1500) + 1
    piece = Chunk(text[start:], start, text[:start].count("\n"))
    fmt = Format(lines) if lines else None
    done = _run(lialia.cli.workers.Plan(SETTINGS, fmt), Piece("big.txt", piece), None)  # type: ignore[arg-type]
    expected = [f for f in whole if f.offset >= start]
    assert not done.last and done.found == len(expected) > 5
    if fmt is None:
        assert [lialia.cli.workers._finding(row) for row in done.rows] == expected
    else:
        assert done.rendered == render_lines(fmt, "big.txt", expected, True)


def test_the_workers_docstring_examples() -> None:
    assert doctest.testmod(lialia.cli.workers).failed == 0


def test_splits(isolated: Path, small_sizes: None) -> None:
    (isolated / "big.txt").write_bytes(b"x\n" * 2500)  # 5000 bytes: 5 pieces of 1000
    (isolated / "big.md").write_bytes(b"x\n" * 2500)  # markup: read whole
    (isolated / "small.txt").write_bytes(b"x\n" * 10)
    assert [splits(name, SETTINGS) for name in ("big.txt", "big.md", "small.txt")] == [5, 1, 1]
    assert splits("missing.txt", SETTINGS) == 1 and splits("-", SETTINGS) == 1
    ignoring = Settings(("msa",), (), False, 2, ignore_patterns=("x",))
    assert splits("big.txt", ignoring) == 1  # a pattern may span lines: read whole
    shutil.rmtree(isolated / ".git")


# ---------------------------------------------------------------------------------------
# rankings shared between processes


@pytest.mark.parametrize(
    "text",
    [
        "ذهبت الى المدرسه وهاذا كتاب",
        "ذَهَبْتُ الَى المَدْرَسَه، Python 3",
        "الطلاب يدرسون فى المكتبه. والى اللقاء",
    ],
)
def test_a_checker_that_learns_rankings_finds_what_the_ranker_found(text: str) -> None:
    from lialia.checker import SpellChecker

    ranker, learner = SpellChecker(), SpellChecker()
    found = ranker.check(text)
    assert found and ranker.rankings()
    learner.learn(ranker.rankings())
    assert learner.rankings() == ranker.rankings()
    assert learner.check(text) == found
    assert learner.rankings() == ranker.rankings()  # nothing ranked again
    # from an index on: only what came after it
    assert ranker.rankings(1) == ranker.rankings()[1:]


def test_a_learnt_ranking_is_used_and_a_known_one_kept() -> None:
    from lialia.checker import SpellChecker
    from lialia.findings import Suggestion

    checker = SpellChecker()
    checker.check("ذهبت الى البيت")
    made = checker.rankings()
    assert [word for word, _, _ in made] == ["الى"]
    checker.learn([("الى", (Suggestion("غير", -1.0, "substitution"),), False)])
    assert checker.rankings() == made  # ranked here already: kept
    fresh = SpellChecker()
    fresh.learn([("المدرسه", (Suggestion("المدرسة", -0.5, "ta-marbuta"),), True)])
    assert fresh.suggest("المدرسه") == [Suggestion("المدرسة", -0.5, "ta-marbuta")]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_quotation_across_a_chunk_boundary_is_never_fixed(
    run_cli: RunCli, isolated: Path, small_sizes: None, jobs: str
) -> None:
    # a quotation of the Quran opened on one line and closed on a later one, where a
    # chunk of a large file may end: its words are reported, never fixed, as in a small file
    # (one quotation over many lines: every chunk boundary falls inside it)
    lines = "".join(f"الى المدرسه ذهب الناس {i}\n" for i in range(600))
    quotation = f"قال تعالى {ORNATE_OPEN}{lines}{ORNATE_CLOSE} انتهى.\n"
    text = quotation + "ذهبت الى المدرسه\n"
    (isolated / "large.txt").write_text(text, encoding="utf-8")
    run = run_cli(["check", "-q", "--fix", "-j", jobs, "large.txt"], cwd=isolated)
    assert run.code == 1
    fixed = (isolated / "large.txt").read_text(encoding="utf-8")
    assert fixed.startswith(quotation)  # the quotation untouched
    assert fixed.endswith("ذهبت إلى المدرسة\n")  # the prose after it fixed


@pytest.mark.parametrize(
    ("text", "open_at_end"),
    [
        (f"قال {ORNATE_OPEN}إنا أنزلناه\n", True),
        (f"قال {ORNATE_OPEN}إنا أنزلناه{ORNATE_CLOSE}\n", False),
        (f"{ORNATE_OPEN}أ{ORNATE_CLOSE} ثم {ORNATE_CLOSE}ب\n", True),  # either order opens
        ("نص بلا اقتباس\n", False),
    ],
)
def test_a_chunk_that_ends_inside_a_quotation_is_held(text: str, open_at_end: bool) -> None:
    from lialia.files import checked_chunks
    from lialia.tokenize import ends_in_quotation

    assert ends_in_quotation(text) is open_at_end
    chunks = [Chunk(text, 0, 0), Chunk("سطر\n", len(text), 1)]
    assert len(list(checked_chunks(chunks))) == (1 if open_at_end else 2)


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="finds the workers through /proc")
def test_a_killed_worker_ends_the_run_with_exit_2(tmp_path: Path) -> None:
    """A worker killed mid-run (the out-of-memory killer, say) ends the run with one
    line and exit 2, never a wait: Python's pool can wait for ever for the rest of a
    result that a killed worker was sending, and Ctrl-C could not end that wait."""
    import os
    import signal
    import subprocess
    import sys
    import time

    for i in range(400):
        words = " ".join(f"كلمه{i}{j} الى المدرسه" for j in range(300))
        (tmp_path / f"f{i}.txt").write_text(words + "\n", encoding="utf-8")
    with subprocess.Popen(
        [sys.executable, "-m", "lialia", "check", "-q", "-j", "2", "."],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        try:
            worker = None
            deadline = time.monotonic() + 60
            while worker is None and process.poll() is None and time.monotonic() < deadline:
                worker = next(_children(process.pid, b"spawn_main"), None)
                time.sleep(0.05)
            if worker is None:
                pytest.skip("the run ended before a worker could be found")
            time.sleep(0.3)  # at work
            os.kill(worker, signal.SIGKILL)
            code = process.wait(timeout=60)
        finally:
            if process.poll() is None:
                process.kill()
        stderr = process.stderr.read() if process.stderr else ""
    assert code == ExitCode.ERROR, stderr
    assert "lialia: error: a worker process was killed" in stderr, stderr


def _children(pid: int, marker: bytes) -> Iterator[int]:
    """The processes whose parent is ``pid`` and whose command line holds ``marker``."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = (entry / "stat").read_text().rsplit(")", 1)[1].split()[1]
            command = (entry / "cmdline").read_bytes()
        except (OSError, IndexError):
            continue
        if int(parent) == pid and marker in command:
            yield int(entry.name)

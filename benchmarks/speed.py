"""Speed and memory of lialia beside Hunspell + Ayaspell, in one run, as medians and ratios.

    python benchmarks/speed.py                 # the official run (writes results/latest.*)
    python benchmarks/speed.py --repeat 3 --quick   # a quick look, nothing written

Four measures, each side by side with Hunspell (``hunspell -d ar``):

1. suggestions: the distinct misspelled words of ZAEBUC dev (tokens whose tags are all
   ``O*``), one at a time.  Hunspell: one ``-a`` process whose dictionary is already
   loaded (a first word is sent before the clock starts).  lialia: a new
   ``SpellChecker`` per repetition, its lexicon loaded by one warm-up word outside the
   batch, so the per-word cache is cold.  Also the merged (``MG``) words, and both
   whole processes over the batch (``lialia suggest - --format json``, ``hunspell -a``).
2. throughput: a text of at least 1 MB built at run time (in a temporary folder) from
   the Quran's imla'i text (``quran_text``, one verse a line) and the raw ZAEBUC train and
   dev sentences, distinct text that is never repeated; ``hunspell -l < FILE`` against
   ``lialia check FILE``, whole processes, and ``SpellChecker.check()`` in-process (fresh
   checker, lexicon loaded).  Beside them, as references: the pure-Python ceiling (one
   regex scan and one ``set`` look-up a word, in a child process) and ``typos`` (a
   compiled checker of English, ``pip install typos``; left out when absent).
3. cold start: a fresh process checking one sentence with one misspelling, fed on stdin
   (``hunspell -a`` against ``lialia check -``), with lialia's modules byte-compiled
   (``.pyc``, as ``pip install`` leaves them) and without (each start compiles them, as
   an editable install under ``PYTHONDONTWRITEBYTECODE`` does).  lialia compiles its
   word lists into an index cache on first use; the run starts with an empty cache
   (``LIALIA_CACHE_DIR`` in a temporary folder), reports that first-ever run apart, and
   times the cold starts with the cache present.
4. peak memory: the maximum resident set size of the throughput processes.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from common import (
    HUNSPELL,
    HUNSPELL_ENV,
    Hunspell,
    Run,
    commit,
    data_dir,
    distinct,
    machine,
    now,
    ratio,
    read_zaebuc,
    run_child,
    save_results,
)

COMMAND = "python benchmarks/speed.py"
MIN_BYTES = 1_000_000
#: one misspelling (الحكومه for الحكومة) that both checkers flag
MISSPELT = "الحكومه"
SENTENCE = f"أعلنت {MISSPELT} عن خطة جديدة لتطوير التعليم"
#: a word outside every batch, sent before the clock starts
WARM_UP = "الكتاب"


# The pure-Python ceiling, run in a child: the least any Python detector does.  It prints
# the seconds (wall, processor) of read + one regex scan + one set look-up a word, and how
# many words were unknown; the set of msa's words and the pattern are made first.
CEILING = """
import sys, time
import regex
with open(sys.argv[2], encoding="utf-8") as lines:
    next(lines)
    words = {line.split("\\t", 1)[0] for line in lines}
arabic = regex.compile(r"\\p{Arabic}+")
start, cpu = time.perf_counter(), time.process_time()
with open(sys.argv[1], encoding="utf-8") as file:
    text = file.read()
unknown = [word for word in arabic.findall(text) if word not in words]
print(time.perf_counter() - start, time.process_time() - cpu, len(unknown))
"""
#: the word list the ceiling looks words up in
WORDLIST = Path(__file__).resolve().parents[1] / "dictionaries" / "msa.tsv"


def ceiling_run(path: Path) -> tuple[float, float]:
    """The ceiling over the file at ``path``: (wall seconds, processor seconds)."""
    done = subprocess.run(
        [sys.executable, "-c", CEILING, str(path), str(WORDLIST)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode or done.stdout.split()[2] == "0":
        raise SystemExit(f"the ceiling measure failed:\n{done.stderr}")
    wall, cpu, _ = done.stdout.split()
    return float(wall), float(cpu)


def typos_command() -> list[str] | None:
    """``typos`` (a compiled checker of English: ``pip install typos``), if installed."""
    beside = Path(sys.executable).with_name("typos")
    found = str(beside) if beside.is_file() else shutil.which("typos")
    # --isolated: no configuration file of the current folder changes what it does
    return [found, "--isolated", "--format", "brief"] if found else None


def lialia_command() -> list[str]:
    """The ``lialia`` console script of this Python (not a version manager's shim)."""
    beside = Path(sys.executable).with_name("lialia")
    found = str(beside) if beside.is_file() else shutil.which("lialia")
    if found is None:
        raise SystemExit("the lialia command is not installed: pip install -e .")
    return [found]


def paired(repeat: int, *measures: Callable[[], float]) -> list[tuple[float, list[float]]]:
    """Each measure's median over ``repeat`` rounds, and all its values.

    The measures take turns within each round, so that a busy machine slows them alike.
    """
    values: list[list[float]] = [[] for _ in measures]
    for _ in range(repeat):
        for measure, taken in zip(measures, values, strict=True):
            taken.append(measure())
    return [(statistics.median(taken), taken) for taken in values]


#: the processor seconds of each measure, by name, beside the wall-clock ones that
#: :func:`paired` takes medians of: on a shared machine they vary less
CPU: dict[str, list[float]] = {}


def timed(name: str, wall: float, cpu: float) -> float:
    """Record ``cpu`` under ``name`` and return ``wall`` (for :func:`paired`)."""
    CPU.setdefault(name, []).append(cpu)
    return wall


def cpu_median(name: str) -> float:
    """The median processor seconds recorded under ``name``."""
    return statistics.median(CPU[name])


def child(name: str, run: Run) -> float:
    """A child's wall seconds, its processor seconds recorded under ``name``."""
    return timed(name, run.seconds, run.cpu_seconds)


def checked(run: Run, what: str, ok: Sequence[int] = (0, 1)) -> Run:
    """``run``, or exit with its error output when it failed."""
    if run.returncode not in ok:
        raise SystemExit(f"{what} failed with exit code {run.returncode}:\n{run.stderr}")
    return run


# --------------------------------------------------------------------------- suggestions


def hunspell_batch(words: Sequence[str]) -> float:
    """Seconds for Hunspell ``-a`` to answer every word, dictionary already loaded."""
    with Hunspell() as hunspell:
        start = time.perf_counter()
        for word in words:
            hunspell.check(word)
        return time.perf_counter() - start


def lialia_batch(words: Sequence[str], lexicons: Sequence[str]) -> float:
    """Seconds for a new SpellChecker (lexicon loaded, cache cold) to suggest for every word."""
    from lialia import SpellChecker

    checker = SpellChecker(lexicons=tuple(lexicons))
    checker.suggest(WARM_UP)
    start = time.perf_counter()
    for word in words:
        checker.suggest(word, limit=5)
    return time.perf_counter() - start


def suggestions(words: Sequence[str], repeat: int, lexicons: Sequence[str]) -> dict[str, Any]:
    """Per-word suggestion time of both, in milliseconds, and the speed-up."""
    (hunspell, hunspell_all), (lialia, lialia_all) = paired(
        repeat, lambda: hunspell_batch(words), lambda: lialia_batch(words, lexicons)
    )
    n = len(words)
    return {
        "n": n,
        "hunspell_ms": round(1000 * hunspell / n, 4),
        "lialia_ms": round(1000 * lialia / n, 4),
        "speedup": round(ratio(hunspell, lialia), 2),
        "hunspell_batch_s": [round(v, 4) for v in hunspell_all],
        "lialia_batch_s": [round(v, 4) for v in lialia_all],
    }


def suggestions_cli(words: Sequence[str], repeat: int) -> dict[str, Any]:
    """Whole processes over the batch: ``lialia suggest -`` against ``hunspell -a``."""
    lialia_in = "".join(f"{word}\n" for word in words)
    hunspell_in = "".join(f"^{word}\n" for word in words)
    lialia = [*lialia_command(), "suggest", "-", "--format", "json"]
    hunspell = [*HUNSPELL, "-a"]
    first = checked(run_child(lialia, lialia_in), "lialia suggest")
    answers = [json.loads(line) for line in first.stdout.splitlines() if line.strip()]
    if len(answers) != len(words):
        raise SystemExit(f"lialia suggest answered {len(answers)} lines for {len(words)} words")
    (hunspell_s, _), (lialia_s, _) = paired(
        repeat,
        lambda: checked(run_child(hunspell, hunspell_in, HUNSPELL_ENV), "hunspell -a").seconds,
        lambda: checked(run_child(lialia, lialia_in), "lialia suggest").seconds,
    )
    return {
        "n": len(words),
        "hunspell_s": round(hunspell_s, 4),
        "lialia_s": round(lialia_s, 4),
        "speedup": round(ratio(hunspell_s, lialia_s), 2),
    }


# --------------------------------------------------------------------------- throughput


def quran_verses() -> list[str]:
    """The Quran's imla'i (modern) spelling, one verse a line, from the quran_text package."""
    import quran_text

    path = Path(quran_text.__file__).with_name("quran_text_data") / "hafs.json"
    with path.open(encoding="utf-8") as file:
        mushaf = json.load(file)
    words: list[str | None] = mushaf["rasm_imlai"]
    starts: list[int] = [*mushaf["ayah_starts"], len(words)]
    return [
        " ".join(word for word in words[start:end] if word)
        for start, end in zip(starts, starts[1:], strict=False)
    ]


def big_text(data: Path) -> tuple[str, str]:
    """At least 1 MB of Arabic text, and how it was made."""
    lines = quran_verses()
    how = f"the Quran's imla'i text ({len(lines)} verses)"
    for split in ("train", "dev"):
        lines += [
            " ".join(token.raw for token in sentence) for sentence in read_zaebuc(data, split)
        ]
    how += " and the raw ZAEBUC train+dev sentences, one a line"
    text = "\n".join(lines) + "\n"
    copies = 1
    while len(text.encode()) * copies < MIN_BYTES:
        copies += 1
    if copies > 1:
        how += f", the whole corpus repeated {copies} times to pass 1 MB"
    return text * copies, how


def lialia_in_process(text: str, lexicons: Sequence[str], *, suggest: bool = True) -> float:
    """Seconds for ``SpellChecker.check`` over the text (fresh checker, lexicon loaded)."""
    from lialia import SpellChecker

    checker = SpellChecker(lexicons=tuple(lexicons))
    checker.check(WARM_UP)
    start, cpu = time.perf_counter(), time.process_time()
    checker.check(text, suggest=suggest)
    name = "api" if suggest else "api_detect"
    return timed(name, time.perf_counter() - start, time.process_time() - cpu)


def throughput(text: str, how: str, repeat: int, lexicons: Sequence[str]) -> dict[str, Any]:
    """MB/s of the ways of checking the text, and the peak memory of each process.

    ``hunspell -l`` only lists misspelled words; ``lialia check --no-suggestions`` (and
    ``check(suggest=False)``) is the like-for-like measure, the full check ranks
    suggestions for every finding too.  Memory is read on the full check.
    """
    size = len(text.encode())
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "arabic.txt"
        path.write_text(text, encoding="utf-8")
        hunspell = [*HUNSPELL, "-l"]
        lialia = [*lialia_command(), "check", str(path)]
        # like for like with hunspell -l: find the words, rank no corrections
        detect = [*lialia_command(), "check", "--no-suggestions", str(path)]
        nothing = Path(os.devnull)
        typos = typos_command()
        (
            (hunspell_s, _),
            (detect_s, _),
            (lialia_s, _),
            (api_detect_s, _),
            (api_s, _),
            (ceiling_s, _),
            (typos_s, _),
        ) = paired(
            repeat,
            lambda: child("hunspell", checked(run_child(hunspell, path, HUNSPELL_ENV), "hunspell")),
            lambda: child("detect", checked(run_child(detect, nothing), "lialia check --no-sugg")),
            lambda: checked(run_child(lialia, nothing), "lialia check").seconds,
            lambda: lialia_in_process(text, lexicons, suggest=False),
            lambda: lialia_in_process(text, lexicons),
            lambda: timed("ceiling", *ceiling_run(path)),
            lambda: (
                child("typos", checked(run_child([*typos, str(path)], nothing), "typos"))
                if typos
                else 0.0
            ),
        )
        hunspell_peak = checked(run_child(hunspell, path, HUNSPELL_ENV, memory=True), "hunspell")
        lialia_peak = checked(run_child(lialia, nothing, memory=True), "lialia check")
    return {
        "bytes": size,
        "text": how,
        "hunspell_s": round(hunspell_s, 4),
        "lialia_detect_s": round(detect_s, 4),
        "lialia_detect_mb_s": round(size / 1e6 / detect_s, 3),
        "ratio_detect": round(ratio(hunspell_s, detect_s), 2),
        "lialia_cli_s": round(lialia_s, 4),
        "lialia_api_detect_s": round(api_detect_s, 4),
        "lialia_api_detect_mb_s": round(size / 1e6 / api_detect_s, 3),
        "ratio_api_detect": round(ratio(hunspell_s, api_detect_s), 2),
        "lialia_api_s": round(api_s, 4),
        "hunspell_mb_s": round(size / 1e6 / hunspell_s, 3),
        "lialia_cli_mb_s": round(size / 1e6 / lialia_s, 3),
        "lialia_api_mb_s": round(size / 1e6 / api_s, 3),
        "ratio_cli": round(ratio(hunspell_s, lialia_s), 2),
        "ratio_api": round(ratio(hunspell_s, api_s), 2),
        "ceiling_s": round(ceiling_s, 4),
        "ceiling_mb_s": round(size / 1e6 / ceiling_s, 3),
        # lialia's in-process detection speed as a share of the ceiling's
        "ceiling_share": round(ceiling_s / api_detect_s, 3),
        "typos_s": round(typos_s, 4) if typos else None,
        # the same ratios in processor time (user + system), steadier on a shared machine
        "ratio_detect_cpu": round(ratio(cpu_median("hunspell"), cpu_median("detect")), 2),
        "ratio_api_detect_cpu": round(ratio(cpu_median("hunspell"), cpu_median("api_detect")), 2),
        "ceiling_share_cpu": round(ratio(cpu_median("ceiling"), cpu_median("api_detect")), 3),
        "ratio_typos_cpu": (
            round(ratio(cpu_median("hunspell"), cpu_median("typos")), 2) if typos else None
        ),
        "typos_mb_s": round(size / 1e6 / typos_s, 3) if typos else None,
        "hunspell_flagged_words": len(hunspell_peak.stdout.splitlines()),
        "lialia_findings": len(lialia_peak.stdout.splitlines()),
        "hunspell_max_rss_mb": round(hunspell_peak.max_rss_mb, 1),
        "lialia_max_rss_mb": round(lialia_peak.max_rss_mb, 1),
    }


# --------------------------------------------------------------------------- cold start


#: what the ``lialia`` console script runs
MAIN = "import sys; from lialia.cli import main; sys.exit(main())"


@contextmanager
def elsewhere(folder: Path) -> Iterator[None]:
    """Run children from ``folder``: ``python -c`` puts the current folder first on
    ``sys.path``, which in a checkout would shadow the copies on ``PYTHONPATH``."""
    here = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(here)


def package_copies(folder: Path) -> dict[str, tuple[str, dict[str, str]]]:
    """Copies of the lialia package in ``folder`` and what runs each: ``{name: (python,
    environment)}``.  Python writes no bytecode in any (``PYTHONDONTWRITEBYTECODE``).

    - ``pyc``: a byte-compiled copy (as ``pip install`` leaves it) run by a clean
      virtual environment made for the run, as a fresh venv or ``pipx install lialia``
      gives: its ``site`` runs no other package's start-up hook (``.pth`` files), and
      lialia's dependencies are reached through ``PYTHONPATH`` (whose folders' ``.pth``
      files are never run);
    - ``nopyc``: a copy that is not byte-compiled, in the same environment: each start
      compiles lialia's modules, as an editable install on such a machine does;
    - ``here``: the byte-compiled copy run by the Python running this benchmark, with
      whatever its ``site-packages`` holds (on this machine, ``.pth`` hooks of other
      packages that import modules at every start).
    """
    import site

    import lialia

    source = Path(lialia.__file__).parent
    # the word lists, where an installed package keeps them (lialia/dictionaries)
    spec = importlib.util.find_spec("lialia.dictionaries")
    if spec is None or spec.origin is None:
        raise SystemExit("lialia's word lists (lialia.dictionaries) are not installed")
    lists = Path(spec.origin).parent
    copies = {}
    for name in ("pyc", "nopyc"):
        target = folder / name / "lialia"
        shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        if not (target / "dictionaries").exists():  # an editable install maps them
            shutil.copytree(lists, target / "dictionaries")
        if name == "pyc":
            compileall.compile_dir(target, quiet=1)
        copies[name] = folder / name
    venv = folder / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    clean = str(venv / "bin" / "python")
    dependencies = os.pathsep.join(site.getsitepackages())
    quiet = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    quiet.pop("PYTHONPATH", None)
    return {
        "pyc": (clean, {**quiet, "PYTHONPATH": f"{copies['pyc']}{os.pathsep}{dependencies}"}),
        "nopyc": (clean, {**quiet, "PYTHONPATH": f"{copies['nopyc']}{os.pathsep}{dependencies}"}),
        "here": (sys.executable, {**quiet, "PYTHONPATH": str(copies["pyc"])}),
    }


def cold_start(repeat: int, first_build: Run) -> dict[str, Any]:
    """Wall time of a fresh process checking one sentence, both checkers; lialia with
    and without its modules byte-compiled, in a clean environment, and byte-compiled in
    this Python (:func:`package_copies`).

    lialia's compiled index is already in its cache folder (``first_build`` made it);
    that first-ever build is reported on its own.
    """
    hunspell = [*HUNSPELL, "-a"]
    answer = checked(run_child(hunspell, SENTENCE + "\n", HUNSPELL_ENV), "hunspell -a").stdout
    if f"& {MISSPELT}" not in answer:
        raise SystemExit(f"hunspell -a did not flag {MISSPELT}:\n{answer}")
    runs = max(repeat, 10)
    with (
        tempfile.TemporaryDirectory(prefix="lialia-bench-cold-") as folder,
        elsewhere(Path(folder)),
    ):
        environments = package_copies(Path(folder))

        def start(name: str) -> float:
            python, environment = environments[name]
            run = run_child([python, "-c", MAIN, "check", "-"], SENTENCE + "\n", environment)
            if MISSPELT not in checked(run, f"lialia check - ({name})").stdout:
                raise SystemExit(f"lialia check - did not report {MISSPELT}:\n{run.stdout}")
            return child(f"cold_{name}", run)

        for name in environments:  # a copy of an installed package seals its lists once
            start(name)
        (hunspell_s, _), (lialia_s, _), (nopyc_s, _), (here_s, _) = paired(
            runs,
            lambda: child("cold_hunspell", run_child(hunspell, SENTENCE + "\n", HUNSPELL_ENV)),
            lambda: start("pyc"),
            lambda: start("nopyc"),
            lambda: start("here"),
        )
    return {
        "sentence": SENTENCE,
        "runs": runs,
        "first_build_ms": round(1000 * first_build.seconds, 1),
        "hunspell_ms": round(1000 * hunspell_s, 1),
        "lialia_ms": round(1000 * lialia_s, 1),
        "ratio": round(ratio(lialia_s, hunspell_s), 3),
        "lialia_nopyc_ms": round(1000 * nopyc_s, 1),
        "ratio_nopyc": round(ratio(nopyc_s, hunspell_s), 3),
        "lialia_here_ms": round(1000 * here_s, 1),
        "ratio_here": round(ratio(here_s, hunspell_s), 3),
        # processor time (user + system): steadier than wall time on a shared machine
        "hunspell_cpu_ms": round(1000 * cpu_median("cold_hunspell"), 1),
        "lialia_cpu_ms": round(1000 * cpu_median("cold_pyc"), 1),
        "lialia_nopyc_cpu_ms": round(1000 * cpu_median("cold_nopyc"), 1),
        "ratio_cpu": round(ratio(cpu_median("cold_pyc"), cpu_median("cold_hunspell")), 3),
        "ratio_nopyc_cpu": round(ratio(cpu_median("cold_nopyc"), cpu_median("cold_hunspell")), 3),
        "ratio_here_cpu": round(ratio(cpu_median("cold_here"), cpu_median("cold_hunspell")), 3),
    }


def build_index() -> Run:
    """The first-ever run: ``lialia check -`` on the sentence with an empty index cache."""
    run = checked(run_child([*lialia_command(), "check", "-"], SENTENCE + "\n"), "lialia check -")
    if MISSPELT not in run.stdout:
        raise SystemExit(f"lialia check - did not report {MISSPELT}:\n{run.stdout}")
    return run


# --------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    """Run the speed benchmark; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, help="the shared data folder (../shared/data)")
    parser.add_argument("--repeat", type=int, default=5, help="repetitions (median; ≥ 5)")
    parser.add_argument("--lexicon", action="append", help="lialia lexicon (repeatable; msa)")
    parser.add_argument(
        "--only",
        choices=("suggest", "throughput", "cold"),
        action="append",
        help="run only these measures (nothing is written)",
    )
    args = parser.parse_args(argv)
    lexicons = args.lexicon or ["msa"]
    only = set(args.only or ("suggest", "throughput", "cold"))
    data = data_dir(args.data)
    dev = [token for sentence in read_zaebuc(data, "dev") for token in sentence]
    misspelled = distinct(token.raw for token in dev if token.orthographic)
    merged = distinct(token.raw for token in dev if token.merged)

    figures: dict[str, Any] = {
        "date": now(),
        "commit": commit(),
        "command": COMMAND,
        "repetitions": args.repeat,
    }
    # A fresh index cache for this run, inherited by every lialia process and used in-process.
    cache = tempfile.TemporaryDirectory(prefix="lialia-bench-cache-")
    os.environ["LIALIA_CACHE_DIR"] = cache.name
    first_build = build_index()
    print(f"first-ever run (index built into an empty cache): {first_build.seconds:.2f} s")
    if "suggest" in only:
        print(f"suggestions: {len(misspelled)} distinct misspelled words of ZAEBUC dev")
        figures["suggest"] = report(suggestions(misspelled, args.repeat, lexicons))
        print(f"suggestions: {len(merged)} distinct merged words")
        figures["suggest_merged"] = report(suggestions(merged, args.repeat, lexicons))
        print("suggestions, whole processes")
        figures["suggest_cli"] = report(suggestions_cli(misspelled, args.repeat))
    if "throughput" in only:
        text, how = big_text(data)
        print(f"throughput: {len(text.encode()) / 1e6:.2f} MB, {how}")
        figures["throughput"] = report(throughput(text, how, args.repeat, lexicons))
        figures["memory"] = {
            "hunspell_mb": figures["throughput"]["hunspell_max_rss_mb"],
            "lialia_mb": figures["throughput"]["lialia_max_rss_mb"],
        }
    if "cold" in only:
        print("cold start")
        figures["cold_start"] = report(cold_start(args.repeat, first_build))
    figures["notes"] = [
        "suggestion ratio = Hunspell time / lialia time over the same batch; "
        "throughput ratio = lialia MB/s / Hunspell MB/s; cold-start ratio = lialia time / "
        "Hunspell time; in brackets, the same ratios in processor time (user + system), "
        "which the other jobs of a shared machine disturb less than wall time",
        "`hunspell -l` only lists the misspelled words: the like-for-like measure is "
        "`lialia check --no-suggestions`; plain `lialia check` also ranks suggestions for "
        "every finding it prints",
        "the throughput text is distinct (never repeated): the Quran's imla'i text and the "
        "ZAEBUC sentences; the ceiling and typos are speed references, not checkers of "
        "Arabic (typos looks for English typos and finds none here)",
        "cold starts run lialia as its console script does, from a copy of the package "
        "byte-compiled and from one that is not (Python writes no bytecode here), in a "
        "clean virtual environment made for the run (as a fresh venv or pipx gives); the "
        "last cold-start row runs the byte-compiled copy in the benchmark's own Python, "
        "whose site-packages start-up hooks (.pth files of other packages) run too",
    ]
    figures["machine"] = machine()
    cache.cleanup()
    if args.only is None and args.repeat >= 5 and lexicons == ["msa"]:
        save_results("speed", figures)
        print("wrote benchmarks/results/latest.json and latest.md")
    return 0


def report(figures: dict[str, Any]) -> dict[str, Any]:
    """Print one measure's figures (the long lists left out) and pass them on."""
    for key, value in figures.items():
        if not isinstance(value, list):
            print(f"  {key}: {value}")
    return figures


if __name__ == "__main__":
    raise SystemExit(main())

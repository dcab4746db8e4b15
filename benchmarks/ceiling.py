"""Detection speed beside a pure-Python ceiling and ``hunspell -l``, on text that does not repeat.

    python benchmarks/ceiling.py                          # 1 MB, 7 rounds
    python benchmarks/ceiling.py --sizes 1,4 --repeat 5
    python benchmarks/ceiling.py --against /tmp/old-checkout   # old code in the same rounds

The text is generated with a fixed seed from ``dictionaries/msa.tsv`` (see
``memory.py``: words drawn by frequency, a few slips, punctuation, Latin words and
numbers), so almost every word is new to a cache that a repeated text would warm.
Each round, in turn:

- **ceiling**: the least any pure-Python detector does: read the file, one
  ``regex`` ``\\p{Arabic}+`` ``findall``, and one look-up per word in a Python ``set`` of
  msa's words (built before the clock starts), in a child process.  No clitics, no normalisation, no
  positions: no Python checker can be much faster than this.
- **lialia (in-process)**: read the file and ``SpellChecker().check(text, suggest=False)``
  in a child process whose checker is already loaded (one warm-up word); only the
  read and the check are timed.
- **lialia check --no-suggestions FILE** and **hunspell -d ar -l < FILE**: whole
  processes, start-up included.

``--against DIR`` adds lialia's in-process and whole-process measures for another
source tree (``DIR/lialia``, run with ``PYTHONPATH=DIR``), in the same rounds: the
before-and-after of a change on one busy machine.  Every figure is a median; ratios
are of medians.  Nothing is written.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from common import HUNSPELL, HUNSPELL_ENV, REPO, machine, run_child
from memory import SEED, WORDLIST, generate, label, parse_sizes
from speed import build_index, checked, lialia_command

# The in-process measure, run in a child: it prints the seconds of read + check.
CHILD = """
import sys, time
from lialia import SpellChecker
checker = SpellChecker()
checker.check("الكتاب")
start, cpu = time.perf_counter(), time.process_time()
with open(sys.argv[1], encoding="utf-8") as file:
    text = file.read()
findings = checker.check(text, suggest=False)
print(time.perf_counter() - start, time.process_time() - cpu, len(findings))
"""


# The ceiling, run in a child as lialia's in-process measure is: it prints the seconds of
# read + findall + look-ups; the set of msa's words and the pattern are made first.
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


#: the processor seconds of each in-process measure, beside the wall-clock ones: on a
#: shared machine they vary less
CPU: dict[str, list[float]] = {}


def ceiling(path: Path) -> float:
    """Seconds to read the file, find its Arabic words and look each one up in a set."""
    done = subprocess.run(
        [sys.executable, "-c", CEILING, str(path), str(WORDLIST)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode or done.stdout.split()[2] == "0":
        raise SystemExit(f"the ceiling measure failed:\n{done.stderr}")
    CPU.setdefault("ceiling", []).append(float(done.stdout.split()[1]))
    return float(done.stdout.split()[0])


def in_process(path: Path, env: dict[str, str] | None, name: str) -> float:
    """Seconds of ``SpellChecker.check(text, suggest=False)`` (with the read) in a child."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise SystemExit(f"the in-process measure failed:\n{done.stderr}")
    CPU.setdefault(name, []).append(float(done.stdout.split()[1]))
    return float(done.stdout.split()[0])


def with_path(folder: Path | None) -> dict[str, str] | None:
    """The environment that runs lialia from ``folder`` (None: the installed lialia)."""
    if folder is None:
        return None
    return {**os.environ, "PYTHONPATH": str(folder)}


def measures(path: Path, against: Path | None) -> dict[str, Callable[[], float]]:
    """Every contender of a round, by name."""
    detect = [*lialia_command(), "check", "--no-suggestions", str(path)]
    nothing = Path(os.devnull)
    taken: dict[str, Callable[[], float]] = {
        "ceiling": lambda: ceiling(path),
        "lialia_api": lambda: in_process(path, None, "lialia_api"),
        "lialia_cli": lambda: checked(run_child(detect, nothing), "lialia check").seconds,
        "hunspell": lambda: (
            checked(run_child([*HUNSPELL, "-l"], path, HUNSPELL_ENV), "hunspell -l").seconds
        ),
    }
    if against is not None:
        env = with_path(against)
        # the same console script, importing lialia from the other tree
        module = [sys.executable, "-m", "lialia", "check", "--no-suggestions", str(path)]
        taken["against_api"] = lambda: in_process(path, env, "against_api")
        taken["against_cli"] = lambda: (
            checked(run_child(module, nothing, env), "lialia (against) check").seconds
        )
        taken["lialia_cli_module"] = lambda: (
            checked(run_child(module, nothing, with_path(REPO)), "lialia check").seconds
        )
    return taken


def paired(repeat: int, taken: dict[str, Callable[[], float]]) -> dict[str, float]:
    """The median seconds of each measure over ``repeat`` rounds, taking turns each round."""
    values: dict[str, list[float]] = {name: [] for name in taken}
    for _ in range(repeat):
        for name, measure in taken.items():
            values[name].append(measure())
    return {name: statistics.median(seconds) for name, seconds in values.items()}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the comparison; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=parse_sizes, default=[1.0], help="MB, e.g. 1,4")
    parser.add_argument("--repeat", type=int, default=7, help="rounds (median)")
    parser.add_argument("--seed", type=int, default=SEED, help="the text generator's seed")
    parser.add_argument("--against", type=Path, help="another lialia source tree to time")
    args = parser.parse_args(argv)
    print(f"machine: {machine()['cpu']}, {os.cpu_count()} cores")
    with (
        tempfile.TemporaryDirectory(prefix="lialia-bench-ceiling-") as folder,
        tempfile.TemporaryDirectory(prefix="lialia-bench-cache-") as cache,
    ):
        os.environ["LIALIA_CACHE_DIR"] = cache
        # children run from here: ``python -c`` and ``-m`` put the current folder first
        # on sys.path, which in a checkout would shadow --against's PYTHONPATH
        os.chdir(folder)
        build_index()
        for size in args.sizes:
            path = Path(folder) / f"arabic-{label(size)}mb.txt"
            megabytes = generate(path, size, args.seed) / 1e6
            print(f"{label(size)} MB ({megabytes:.3f} MB written), {args.repeat} rounds")
            CPU.clear()
            medians = paired(args.repeat, measures(path, args.against))
            for name, seconds in medians.items():
                print(f"  {name:18} {1000 * seconds:9.1f} ms  {megabytes / seconds:7.2f} MB/s")
            cpu = {name: statistics.median(values) for name, values in CPU.items()}
            for name, seconds in cpu.items():
                label_cpu = f"{name} (CPU)"
                print(f"  {label_cpu:18} {1000 * seconds:9.1f} ms  {megabytes / seconds:7.2f} MB/s")
            share = cpu["ceiling"] / cpu["lialia_api"]
            print(f"  lialia in-process / ceiling speed, CPU: {share:.0%}")
            if "against_api" in cpu:
                print(
                    f"  in-process speed-up over --against, CPU: "
                    f"{cpu['against_api'] / cpu['lialia_api']:.2f}x"
                )
            ceiling_s = medians["ceiling"]
            print(f"  lialia in-process / ceiling speed: {ceiling_s / medians['lialia_api']:.0%}")
            hunspell_s = medians["hunspell"]
            print(
                f"  hunspell -l / lialia check (whole processes): "
                f"{hunspell_s / medians['lialia_cli']:.2f}x"
            )
            print(f"  hunspell -l / lialia in-process: {hunspell_s / medians['lialia_api']:.2f}x")
            if args.against is not None:
                print(
                    f"  in-process speed-up over --against: "
                    f"{medians['against_api'] / medians['lialia_api']:.2f}x"
                )
                print(
                    f"  whole-process speed-up over --against (python -m lialia): "
                    f"{medians['against_cli'] / medians['lialia_cli_module']:.2f}x"
                )
            path.unlink()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

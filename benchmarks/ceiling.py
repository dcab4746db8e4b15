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
- **typos FILE**: a compiled checker (of English: it finds nothing here), as a speed
  reference for a whole process that reads the file and looks each word up; left out
  when ``typos`` is not installed (``pip install typos``).

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
from memory import SEED, generate, label, parse_sizes
from speed import build_index, ceiling_run, checked, lialia_command, typos_command

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


#: the --against tree's own index cache (see :func:`with_path`), in this run's cache
#: folder (whose index ignores a folder of that name)
AGAINST_CACHE = Path("against")
#: the processor seconds of each in-process measure, beside the wall-clock ones: on a
#: shared machine they vary less
CPU: dict[str, list[float]] = {}


def ceiling(path: Path) -> float:
    """Seconds to read the file, find its Arabic words and look each one up in a set."""
    wall, cpu = ceiling_run(path)
    CPU.setdefault("ceiling", []).append(cpu)
    return wall


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


def with_path(folder: Path | None, cache: Path | None = None) -> dict[str, str] | None:
    """The environment that runs lialia from ``folder`` (None: the installed lialia),
    with its own index ``cache`` if given: the --against tree may have another index
    version, whose folders and this tree's would replace each other in one cache."""
    if folder is None:
        return None
    own = {"LIALIA_CACHE_DIR": str(cache)} if cache is not None else {}
    return {**os.environ, "PYTHONPATH": str(folder), **own}


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
    typos = typos_command()
    if typos is not None:
        taken["typos"] = lambda: checked(run_child([*typos, str(path)], nothing), "typos").seconds
    if against is not None:
        env = with_path(against, AGAINST_CACHE)
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
        if args.against is not None:
            global AGAINST_CACHE
            AGAINST_CACHE = Path(cache) / "against"
            AGAINST_CACHE.mkdir(mode=0o700)
            module = [sys.executable, "-m", "lialia", "check", "-"]  # its index, built now
            checked(run_child(module, "الكتاب\n", with_path(args.against, AGAINST_CACHE)), "old")
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
            if "typos" in medians:
                print(
                    f"  lialia check / typos (whole processes; typos checks English): "
                    f"{medians['lialia_cli'] / medians['typos']:.2f}x the time"
                )
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

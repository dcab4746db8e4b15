"""How ``lialia check --jobs 2`` scales against ``--jobs 1``: a folder of 200 files and one
10 MB file, with and without suggestions.

    python benchmarks/jobs.py                      # the official run (writes results/jobs.*)
    python benchmarks/jobs.py --repeat 3 --quick   # a quick look (2 MB), nothing written

The text is generated at run time in a temporary folder (never stored) by
:func:`memory.generate`: words of ``dictionaries/msa.tsv`` drawn by frequency with a fixed
seed, 2% misspelt, punctuation, Latin words and numbers, so that it does not repeat (a
repeated text would flatter the per-process caches).  Each file of the folder has a seed
of its own.  The evaluation data in ``../shared/data`` is not used.

Runs are paired: in each round ``--jobs 1`` and ``--jobs 2`` run one after the other
(order alternating), so that a busy machine slows both alike; the figures are medians.
Besides the wall time, each run's CPU time (user + system of the whole process tree, from
``wait4``) shows what the extra processes cost whatever the load; a third measure, the
same input in two halves checked by two separate ``--jobs 1`` processes side by side,
shows what the machine itself gives two processes (the ceiling for ``--jobs 2``).
Every pair is also checked for identical output.  lialia is byte-compiled first, as
``pip install .`` does.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from common import REPO, commit, now, save_page
from memory import generate

COMMAND = "python benchmarks/jobs.py"
SEED = 20261122
#: the issue's target: --jobs 2 at least this many times faster than --jobs 1
TARGET = 1.7


def lialia() -> str:
    """The ``lialia`` console script beside this Python."""
    found = Path(sys.executable).with_name("lialia")
    if not found.is_file():
        raise SystemExit("the lialia command is not installed: pip install -e .")
    return str(found)


def build(root: Path, files: int, folder_mb: float, file_mb: float) -> dict[str, list[str]]:
    """The inputs, and the two halves of each (for the side-by-side ceiling)."""
    folder = root / "folder"
    folder.mkdir()
    names = []
    for i in range(files):
        path = folder / f"f{i:03}.txt"
        generate(path, folder_mb / files, seed=SEED + 1 + i)
        names.append(str(path))
    big = root / "big.txt"
    generate(big, file_mb, seed=SEED)
    data = big.read_bytes()
    middle = data.index(b"\n", len(data) // 2) + 1
    (root / "half1.txt").write_bytes(data[:middle])
    (root / "half2.txt").write_bytes(data[middle:])
    return {
        "folder": [str(folder)],
        "folder.1": names[0::2],
        "folder.2": names[1::2],
        "file": [str(big)],
        "file.1": [str(root / "half1.txt")],
        "file.2": [str(root / "half2.txt")],
    }


def run(args: Sequence[str]) -> tuple[float, float, bytes]:
    """One whole ``lialia check``: wall seconds, CPU seconds (its tree) and its output."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        pid = os.posix_spawn(
            lialia(),
            [lialia(), "check", "--quiet", *args],
            os.environ,
            file_actions=[
                (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                (os.POSIX_SPAWN_DUP2, out.fileno(), 1),
            ],
        )
        _, status, usage = os.wait4(pid, 0)
        wall = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            raise SystemExit(f"lialia check {' '.join(args)} failed with exit code {code}")
        out.seek(0)
        return wall, usage.ru_utime + usage.ru_stime, out.read()


def side_by_side(
    first: Sequence[str], second: Sequence[str], extra: Sequence[str]
) -> tuple[float, float]:
    """Wall seconds of two ``--jobs 1`` processes started together, until both end, and
    their CPU seconds together."""
    start = time.perf_counter()
    pids = [
        os.posix_spawn(
            lialia(),
            [lialia(), "check", "--quiet", "--jobs", "1", *extra, *half],
            os.environ,
            file_actions=[
                (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
            ],
        )
        for half in (first, second)
    ]
    cpu = 0.0
    for pid in pids:
        _, _, usage = os.wait4(pid, 0)
        cpu += usage.ru_utime + usage.ru_stime
    return time.perf_counter() - start, cpu


def measure(inputs: dict[str, list[str]], what: str, suggest: bool, repeat: int) -> dict[str, Any]:
    """Paired runs of --jobs 1 and --jobs 2 (and the halves side by side) on one input."""
    extra = [] if suggest else ["--no-suggestions"]
    paths = inputs[what]
    run(["--jobs", "1", *extra, *paths])  # the index and the files in the page cache
    walls: dict[str, list[float]] = {"1": [], "2": [], "halves": []}
    cpus: dict[str, list[float]] = {"1": [], "2": [], "halves": []}
    identical = True
    for round_ in range(repeat):
        outputs = {}
        for jobs in ("1", "2") if round_ % 2 == 0 else ("2", "1"):
            wall, cpu, output = run(["--jobs", jobs, *extra, *paths])
            walls[jobs].append(wall)
            cpus[jobs].append(cpu)
            outputs[jobs] = output
        identical = identical and outputs["1"] == outputs["2"]
        wall, cpu = side_by_side(inputs[f"{what}.1"], inputs[f"{what}.2"], extra)
        walls["halves"].append(wall)
        cpus["halves"].append(cpu)
    one, two = statistics.median(walls["1"]), statistics.median(walls["2"])
    halves = statistics.median(walls["halves"])
    figures = {
        "input": what,
        "suggestions": suggest,
        "jobs1_s": round(one, 3),
        "jobs2_s": round(two, 3),
        "speedup": round(one / two, 3),
        "halves_side_by_side_s": round(halves, 3),
        "ceiling": round(one / halves, 3),
        "jobs1_cpu_s": round(statistics.median(cpus["1"]), 3),
        "jobs2_cpu_s": round(statistics.median(cpus["2"]), 3),
        "halves_cpu_s": round(statistics.median(cpus["halves"]), 3),
        "identical_output": identical,
        "runs": {key: [round(v, 3) for v in values] for key, values in walls.items()},
    }
    print(json.dumps(figures, ensure_ascii=False), flush=True)
    return figures


def render(results: dict[str, Any]) -> str:
    """The Markdown table of one run."""
    info = results["setup"]
    lines = [
        f"### `--jobs` scaling ({results['date']}, lialia {results['commit']}; medians of "
        f"{info['repeat']} paired runs)",
        "",
        f"Generated, non-repeating text ({info['folder']}; {info['file']}); wall time in "
        "seconds of the whole `lialia check --quiet` process, CPU time of its process "
        "tree in brackets.",
        "",
        "| input | suggestions | `--jobs 1` | `--jobs 2` | speed-up | two halves side by side "
        "(ceiling) | target | |",
        "|---|---|---:|---:|---:|---:|---|---|",
    ]
    for f in results["figures"]:
        met = "met" if f["speedup"] >= TARGET else "**missed**"
        lines.append(
            f"| {f['input']} | {'yes' if f['suggestions'] else 'no'} | {f['jobs1_s']:.2f} "
            f"({f['jobs1_cpu_s']:.2f}) | {f['jobs2_s']:.2f} ({f['jobs2_cpu_s']:.2f}) | "
            f"{f['speedup']:.2f}× | {f['halves_side_by_side_s']:.2f} ({f['halves_cpu_s']:.2f}) "
            f"{f['ceiling']:.2f}× | "
            f"≥ {TARGET}× | {met} |"
        )
    same = all(f["identical_output"] for f in results["figures"])
    lines += [
        "",
        f"- output of `--jobs 2` identical to `--jobs 1` in every run: {'yes' if same else 'NO'}",
        "- ceiling: `--jobs 1` time / the time of the input's two halves checked by two "
        "separate `--jobs 1` processes at once (what this machine gives two processes); "
        "on a shared machine it falls below 1×, and `--jobs 2` is judged against it: the "
        "same wall and CPU time as the two halves means that `--jobs` costs no more than "
        "two processes do",
        f"- machine: {info['machine']}; load average at the start {info['load']}",
        "",
        f"Produced by `{COMMAND}`.",
        "",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; the official run writes ``results/jobs.json`` and ``jobs.md``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="paired rounds (median; ≥ 5)")
    parser.add_argument("--files", type=int, default=200, help="files in the folder")
    parser.add_argument("--folder-mb", type=float, default=4.0, help="MB across the folder")
    parser.add_argument("--file-mb", type=float, default=10.0, help="MB of the one file")
    parser.add_argument("--quick", action="store_true", help="2 MB each: a quick look")
    parser.add_argument(
        "--only", choices=["folder", "file"], help="measure one input (nothing written)"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.folder_mb = args.file_mb = 2.0
    official = (
        not args.quick
        and args.only is None
        and args.repeat >= 5
        and (args.files, args.folder_mb, args.file_mb) == (200, 4.0, 10.0)
    )
    # as `pip install .` does (this machine may set PYTHONDONTWRITEBYTECODE): every worker
    # imports lialia, and should not compile it first
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "lialia")], check=True)
    load = " ".join(f"{v:.1f}" for v in os.getloadavg())
    with tempfile.TemporaryDirectory(prefix="lialia-jobs-") as tmp:
        inputs = build(Path(tmp), args.files, args.folder_mb, args.file_mb)
        figures = [
            measure(inputs, what, suggest, args.repeat)
            for what in ("folder", "file")
            if args.only in (None, what)
            for suggest in (True, False)
        ]
    results = {
        "date": now(),
        "commit": commit(),
        "setup": {
            "repeat": args.repeat,
            "folder": f"a folder of {args.files} files, {args.folder_mb:g} MB in all",
            "file": f"one file of {args.file_mb:g} MB",
            "machine": f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}",
            "load": load,
        },
        "figures": figures,
    }
    table = render(results)
    print(table)
    if official:
        save_page("jobs", results, table)
    return 0


if __name__ == "__main__":
    sys.exit(main())

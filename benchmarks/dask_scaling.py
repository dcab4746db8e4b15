"""A corpus on Dask: one worker against two, and the memory of each worker.

    python benchmarks/dask_scaling.py                  # the official run: 100 MB, 3 rounds
    python benchmarks/dask_scaling.py --size-mb 5 --repeat 1   # a quick look, nothing written

(Not named ``dask.py``: run as a script, its folder comes first on the import path, and
the file would stand in for the ``dask`` package itself.)

A corpus of ``--files`` files, ``--size-mb`` MB in all, is generated in a temporary
folder (never stored) by the generator of ``benchmarks/memory.py``: words of
``dictionaries/msa.tsv`` drawn by frequency with a fixed seed (one seed per file, so no
file repeats another), 2% of them misspelt as writers do, punctuation, Latin words and
numbers, a line break every 8 to 16 words.

Each round starts a ``distributed.LocalCluster`` of 1 worker process, then one of 2 (one
thread each), in turn, so that a busy machine slows both alike.  In each cluster every
worker first loads its checker (:func:`lialia.integrations.dask.load_on_workers`, timed
apart); then the clock runs over the whole job as the README shows it: walk the folder,
check every file on the workers (with suggestions), write the findings as Parquet
(:func:`lialia.integrations.dask.to_parquet`).  Reported: the median wall time of each
cluster size, the speed-up (1-worker time / 2-worker time; the target is 1.7x or more),
and each worker's peak resident set size (``ru_maxrss``, read in the worker after the
job) beside its size once loaded, before any task.

The reference, in each round: the machine's own limit for two processes.  The same
files are checked by plain Python processes without Dask (``--plain``: the function
each task runs, file after file, in one process): all of them by one process, then
each half by one of two processes at once.  Its ratio (one process's time / the two's)
is what two workers could reach here at best; on this shared 2-vCPU machine two busy
processes slow each other down, more so for ranking suggestions than for detection.

Only the official run (at least 100 MB and 3 rounds) writes ``benchmarks/results/
dask.json`` and ``dask.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import commit, footer, machine, now, save_page
from memory import SEED, generate

COMMAND = "python benchmarks/dask_scaling.py"
OFFICIAL_MB = 100
#: text per partition: 25 tasks for 100 MB, so that two workers end close together
PARTITION_MB = 4
TARGET = 1.7


def _usage() -> tuple[float, float, float]:
    """This worker's resident set size now and at its peak, in MB (Linux: ``/proc``),
    and the processor time it has used, in seconds."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    with open("/proc/self/statm", encoding="ascii") as statm:
        pages = int(statm.read().split()[1])
    now_mb = pages * os.sysconf("SC_PAGE_SIZE") / (1 << 20)
    return now_mb, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime  # KB on Linux


def one_run(corpus: Path, workers: int, out: Path, suggest: bool = True) -> dict[str, Any]:
    """Check the corpus on a fresh cluster of ``workers`` processes; its figures."""
    from distributed import Client, LocalCluster

    from lialia.integrations.dask import check_files, load_on_workers, to_parquet

    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        start = time.perf_counter()
        load_on_workers(client)
        load_s = time.perf_counter() - start
        loaded = client.run(_usage)
        start = time.perf_counter()
        result = check_files([corpus], partition_mb=PARTITION_MB, suggest=suggest)
        written = to_parquet(result, out)
        seconds = time.perf_counter() - start
        after = client.run(_usage)
    rows = 0
    import pyarrow.parquet as pq

    for path in written:
        rows += pq.read_metadata(path).num_rows
    return {
        "seconds": seconds,
        "load_s": load_s,
        "partitions": len(written),
        "findings": rows,
        "loaded_mb": sorted(round(now_mb, 1) for now_mb, _, _ in loaded.values()),
        "peak_mb": sorted(round(peak, 1) for _, peak, _ in after.values()),
        # the processor time the job took in all workers: what a second worker adds
        # besides sharing the work (each warms its own caches) shows here
        "cpu_s": sum(after[w][2] - loaded[w][2] for w in after),
    }


def plain(files: list[str], suggest: bool) -> None:
    """Check ``files`` one after another in this process as a Dask task does, after
    loading the checker; print the seconds the checking took (wall, CPU)."""
    from lialia.integrations.batch import CheckerSettings, checker_for
    from lialia.integrations.dask import _check_partition, _FileOptions

    options = _FileOptions(CheckerSettings(), None, None, 256, suggest)
    checker_for(options.settings).load()
    wall, cpu = time.perf_counter(), time.process_time()
    _check_partition([(path, path, None) for path in files], options)
    print(json.dumps([time.perf_counter() - wall, time.process_time() - cpu]))


def plain_run(files: list[str], suggest: bool) -> dict[str, float]:
    """The reference: all ``files`` checked by one plain process, then each half by one
    of two processes at once; wall seconds of each, and the ratio."""
    import subprocess

    def start(part: list[str]) -> subprocess.Popen[str]:
        flags = [] if suggest else ["--no-suggestions"]
        return subprocess.Popen(
            [sys.executable, __file__, *flags, "--plain", *part],
            stdout=subprocess.PIPE,
            text=True,
        )

    def seconds(*procs: subprocess.Popen[str]) -> float:
        return max(float(json.loads(proc.communicate()[0])[0]) for proc in procs)

    one = seconds(start(files))
    half = len(files) // 2
    two = seconds(start(files[:half]), start(files[half:]))
    return {"one": one, "two": two, "ratio": one / two}


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size-mb", type=float, default=OFFICIAL_MB, help="corpus size in MB")
    parser.add_argument("--files", type=int, default=100, help="files the corpus is cut into")
    parser.add_argument("--repeat", type=int, default=3, help="rounds (medians)")
    parser.add_argument("--seed", type=int, default=SEED, help="the text generator's seed")
    parser.add_argument(
        "--no-suggestions",
        action="store_true",
        help="detection alone (the official run of it writes results/dask-no-suggestions.*)",
    )
    parser.add_argument("--plain", nargs="+", help=argparse.SUPPRESS)  # the reference
    args = parser.parse_args(argv)
    if args.plain:
        plain(args.plain, suggest=not args.no_suggestions)
        return 0
    if args.size_mb <= 0 or args.files < 1 or args.repeat < 1:
        parser.error("--size-mb, --files and --repeat must be positive")

    figures: dict[str, Any] = {
        "date": now(),
        "commit": commit(),
        "command": COMMAND,
        "seed": args.seed,
        "files": args.files,
        "partition_mb": PARTITION_MB,
        "rounds": args.repeat,
        "suggest": not args.no_suggestions,
    }
    runs: dict[int, list[dict[str, Any]]] = {1: [], 2: []}
    references: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory(prefix="lialia-bench-dask-") as scratch:
        corpus = Path(scratch) / "corpus"
        corpus.mkdir()
        started = time.perf_counter()
        size = sum(
            generate(corpus / f"part-{i:04d}.txt", args.size_mb / args.files, args.seed + i)
            for i in range(args.files)
        )
        figures["bytes"] = size
        print(
            f"corpus: {args.files} files, {size / 1e6:.1f} MB, "
            f"generated in {time.perf_counter() - started:.1f} s",
            flush=True,
        )
        for round_ in range(args.repeat):
            for workers in (1, 2):  # in turn: a busy machine slows both alike
                out = Path(scratch) / f"found-{round_}-{workers}"
                run = one_run(corpus, workers, out, suggest=not args.no_suggestions)
                runs[workers].append(run)
                print(
                    f"round {round_ + 1}, {workers} worker{'s' if workers > 1 else ''}: "
                    f"{run['seconds']:.1f} s ({size / 1e6 / run['seconds']:.2f} MB/s), "
                    f"load {run['load_s']:.1f} s, {run['findings']:,} findings, "
                    f"workers' CPU {run['cpu_s']:.1f} s, "
                    f"peak RSS per worker {run['peak_mb']} MB",
                    flush=True,
                )
            files = sorted(str(path) for path in corpus.iterdir())
            reference = plain_run(files, suggest=not args.no_suggestions)
            references.append(reference)
            print(
                f"round {round_ + 1}, reference without Dask: one process "
                f"{reference['one']:.1f} s, two at once {reference['two']:.1f} s "
                f"({reference['ratio']:.2f}x)",
                flush=True,
            )
    for workers, taken in runs.items():
        seconds = statistics.median(run["seconds"] for run in taken)
        figures[f"workers_{workers}"] = {
            "seconds": round(seconds, 2),
            "all_seconds": [round(run["seconds"], 2) for run in taken],
            "mb_per_s": round(size / 1e6 / seconds, 2),
            "load_s": round(statistics.median(run["load_s"] for run in taken), 2),
            "cpu_s": round(statistics.median(run["cpu_s"] for run in taken), 1),
            "loaded_mb": statistics.median(max(run["loaded_mb"]) for run in taken),
            "peak_mb": statistics.median(max(run["peak_mb"]) for run in taken),
            "all_peak_mb": [run["peak_mb"] for run in taken],
            "findings": taken[-1]["findings"],
            "partitions": taken[-1]["partitions"],
        }
    speedup = figures["workers_1"]["seconds"] / figures["workers_2"]["seconds"]
    figures["speedup"] = round(speedup, 2)
    figures["reference"] = {
        name: round(statistics.median(ref[name] for ref in references), 2)
        for name in ("one", "two")
    }
    figures["reference"]["ratio"] = round(
        figures["reference"]["one"] / figures["reference"]["two"], 2
    )
    # each round's own ratio too: its runs are paired in time, so a machine that slows
    # down for a while slows both sides of one ratio alike
    figures["round_ratios"] = [
        round(one["seconds"] / two["seconds"], 2) for one, two in zip(runs[1], runs[2], strict=True)
    ]
    figures["reference"]["round_ratios"] = [round(ref["ratio"], 2) for ref in references]
    # what two workers would give with a core each (a quiet machine): the work split in
    # two, plus what the second adds (its own load and cache warming), measured as CPU
    # time; on a busy machine the wall-clock speed-up says more about the neighbours
    cpu_bound = 2 * figures["workers_1"]["cpu_s"] / figures["workers_2"]["cpu_s"]
    figures["cpu_speedup"] = round(cpu_bound, 2)
    figures["cpu_share"] = {
        str(workers): round(
            figures[f"workers_{workers}"]["cpu_s"]
            / (workers * figures[f"workers_{workers}"]["seconds"]),
            2,
        )
        for workers in (1, 2)
    }
    figures["machine"] = machine()
    figures["load_average"] = [round(x, 2) for x in os.getloadavg()]
    print(f"speed-up, 2 workers over 1: {speedup:.2f}x (target >= {TARGET}x)")
    print(f"reference, two plain processes over one: {figures['reference']['ratio']:.2f}x")
    print(
        f"each round's ratio: Dask {figures['round_ratios']}, "
        f"reference {figures['reference']['round_ratios']}"
    )
    print(
        f"with a core per worker (from CPU time): {cpu_bound:.2f}x; share of a core each "
        f"worker had: {figures['cpu_share']}"
    )
    if args.size_mb >= OFFICIAL_MB and args.repeat >= 3:
        name = "dask-no-suggestions" if args.no_suggestions else "dask"
        save_page(name, figures, render(figures))
    return 0


def render(figures: dict[str, Any]) -> str:
    """The results as Markdown, as the README shows them."""
    one, two = figures["workers_1"], figures["workers_2"]
    met = "met" if figures["speedup"] >= TARGET else "**missed**"
    lines = [
        f"### Corpora on Dask{'' if figures['suggest'] else ', detection alone'} "
        f"({figures['date']}, lialia {figures['commit']}; "
        f"medians of {figures['rounds']} paired rounds)",
        "",
        f"{figures['bytes'] / 1e6:.1f} MB of generated, non-repeating Arabic text in "
        f"{figures['files']} files, checked "
        f"{'with suggestions' if figures['suggest'] else 'without suggestions (detection)'}"
        " and written as Parquet "
        f"(`check_files` + `to_parquet`, partitions of {figures['partition_mb']} MB) on a "
        "`LocalCluster` of worker processes, one thread each.",
        "",
        "| workers | wall time, s | MB/s | workers' CPU time, s | findings | "
        "worker RSS once loaded, MB | peak RSS per worker, MB | load, s |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for workers, run in ((1, one), (2, two)):
        lines.append(
            f"| {workers} | {run['seconds']:.1f} | {run['mb_per_s']:.2f} | {run['cpu_s']:.1f} | "
            f"{run['findings']:,} | {run['loaded_mb']:.0f} | {run['peak_mb']:.0f} | "
            f"{run['load_s']:.1f} |"
        )
    lines += [
        "",
        f"Speed-up, 2 workers over 1: **{figures['speedup']:.2f}×** (target ≥ {TARGET}×: "
        f"{met}).  From the workers' CPU time, two workers with a core each would give "
        f"{figures['cpu_speedup']:.2f}× (twice one worker's CPU time over two workers' "
        "CPU time: the work split in two, plus what the second worker adds in loading "
        "and warming its own caches).  Share of a core each worker had (CPU time / "
        f"wall time): {figures['cpu_share']['1']:.2f} alone, "
        f"{figures['cpu_share']['2']:.2f} with two; load average at the end: "
        f"{figures['load_average']}.",
        "",
        "Reference, the machine's limit for two processes: the same files checked "
        "without Dask by plain Python processes (the task's function, file after "
        f"file): all by one in {figures['reference']['one']:.1f} s, each half by one "
        f"of two at once in {figures['reference']['two']:.1f} s: "
        f"**{figures['reference']['ratio']:.2f}×** (medians).",
        "",
        "Each round's own ratio (its runs are paired in time; this shared machine's "
        "speed drifts by a third from one minute to the next): 2 workers over 1 "
        + ", ".join(f"{r:.2f}×" for r in figures["round_ratios"])
        + f" (median {statistics.median(figures['round_ratios']):.2f}×); the reference "
        + ", ".join(f"{r:.2f}×" for r in figures["reference"]["round_ratios"])
        + f" (median {statistics.median(figures['reference']['round_ratios']):.2f}×).",
        "",
        *footer(figures["machine"], figures["command"]),
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())

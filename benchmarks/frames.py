"""A text column checked in one call (Polars, pandas) against a Python loop over its cells.

    python benchmarks/frames.py                 # the official run: 60,000 cells, 5 rounds
    python benchmarks/frames.py --cells 5000 --repeat 1   # a quick look, nothing written

The cells are lines of generated, non-repeating text (``memory.py``'s generator: words
of ``dictionaries/msa.tsv`` drawn by frequency, 2% misspelt as writers do, Latin words,
numbers and punctuation; 8 to 16 words a cell), a new seed each round.  Each way of
checking runs in a fresh process with a cold checker (loaded before the clock starts),
on the same cells within a round, in turn:

* ``loop``: ``[checker.check(cell) for cell in cells]``, what a user writes without the
  adapters (``SpellChecker.check`` a cell);
* ``polars``: ``lialia.integrations.polars.check_column(df, "text")``, the long table;
* ``pandas``: ``lialia.integrations.pandas.check_column(df, "text")``;
* ``polars-correct``: ``correct_column(df, "text", into="fixed")``;
* ``hunspell -l`` on the same cells, one a line (the whole process), for reference.

Reported: median seconds, cells and MB per second, and each way's speed over the loop;
the number of findings each way gives (the adapters' must equal the loop's: the tests
pin that they are the same findings).  Only the official run (at least 60,000 cells and
3 rounds) writes ``benchmarks/results/frames.json`` and ``frames.md``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import HUNSPELL, HUNSPELL_ENV, commit, footer, machine, now, save_page
from memory import SEED, generate

COMMAND = "python benchmarks/frames.py"
OFFICIAL_CELLS = 60_000
WAYS = ("loop", "polars", "pandas", "polars-correct")


def run_way(way: str, path: str) -> None:
    """In this (fresh) process: check the cells of ``path`` one way; print the seconds
    and the findings (or fixed cells) as JSON."""
    cells = Path(path).read_text(encoding="utf-8").splitlines()
    from lialia.integrations.batch import CheckerSettings, checker_for

    checker = checker_for(CheckerSettings())
    checker.load()
    if way == "loop":
        start = time.perf_counter()
        found = sum(len(checker.check(cell)) for cell in cells)
    elif way in ("polars", "polars-correct"):
        import polars as pl

        from lialia.integrations import polars as lialia_polars

        frame = pl.DataFrame({"text": cells})
        start = time.perf_counter()
        if way == "polars":
            found = lialia_polars.check_column(frame, "text").height
        else:
            fixed = lialia_polars.correct_column(frame, "text", into="fixed")
            found = int((fixed["fixed"] != fixed["text"]).sum())
    elif way == "pandas":
        import pandas as pd

        from lialia.integrations import pandas as lialia_pandas

        frame = pd.DataFrame({"text": cells})
        start = time.perf_counter()
        found = len(lialia_pandas.check_column(frame, "text"))
    else:
        raise SystemExit(f"unknown way {way!r}")
    print(json.dumps([time.perf_counter() - start, found]))


def timed(way: str, path: Path) -> tuple[float, int]:
    """Seconds and findings of one way, in a fresh process."""
    out = subprocess.run(
        [sys.executable, __file__, "--way", way, str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    seconds, found = json.loads(out)
    return float(seconds), int(found)


def hunspell(path: Path) -> tuple[float, int]:
    """Seconds of ``hunspell -l`` over the cells (one a line), and the words it lists."""
    start = time.perf_counter()
    with path.open("rb") as cells:
        out = subprocess.run(
            [*HUNSPELL, "-l"], stdin=cells, capture_output=True, env=HUNSPELL_ENV, check=True
        ).stdout
    return time.perf_counter() - start, len(out.splitlines())


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cells", type=int, default=OFFICIAL_CELLS, help="cells a round")
    parser.add_argument("--repeat", type=int, default=5, help="rounds (medians)")
    parser.add_argument("--no-hunspell", action="store_true", help="leave Hunspell out")
    parser.add_argument("--way", help=argparse.SUPPRESS)  # one measurement, in a child
    parser.add_argument("path", nargs="?", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.way:
        run_way(args.way, args.path)
        return 0
    if args.cells < 1 or args.repeat < 1:
        parser.error("--cells and --repeat must be positive")
    ways = [*WAYS] if args.no_hunspell else [*WAYS, "hunspell -l"]
    taken: dict[str, list[float]] = {way: [] for way in ways}
    found: dict[str, int] = {}
    sizes: list[int] = []
    with tempfile.TemporaryDirectory(prefix="lialia-bench-frames-") as scratch:
        for round_ in range(args.repeat):
            path = Path(scratch) / f"cells-{round_}.txt"
            # about 90 bytes a cell: generate enough, then keep the first cells
            generate(path, args.cells * 100 / 1e6, SEED + 1000 + round_)
            cells = path.read_text(encoding="utf-8").splitlines()[: args.cells]
            path.write_text("\n".join(cells) + "\n", encoding="utf-8")
            sizes.append(path.stat().st_size)
            for way in ways:
                seconds, count = hunspell(path) if way == "hunspell -l" else timed(way, path)
                taken[way].append(seconds)
                found[way] = count
                print(f"round {round_ + 1}: {way}: {seconds:.2f} s, {count:,}", flush=True)
    size = statistics.median(sizes)
    loop = statistics.median(taken["loop"])
    figures: dict[str, Any] = {
        "date": now(),
        "commit": commit(),
        "command": COMMAND,
        "cells": args.cells,
        "rounds": args.repeat,
        "bytes": size,
        "ways": {
            way: {
                "seconds": round(statistics.median(seconds), 3),
                "all_seconds": [round(s, 3) for s in seconds],
                "cells_per_s": round(args.cells / statistics.median(seconds)),
                "mb_per_s": round(size / 1e6 / statistics.median(seconds), 2),
                "over_loop": round(loop / statistics.median(seconds), 2),
                "found": found[way],
            }
            for way, seconds in taken.items()
        },
        "machine": machine(),
    }
    same = found["loop"] == found["polars"] == found["pandas"]
    figures["same_findings"] = same
    for way, row in figures["ways"].items():
        print(
            f"{way}: {row['seconds']:.2f} s, {row['cells_per_s']:,} cells/s, "
            f"{row['mb_per_s']:.2f} MB/s, {row['over_loop']:.2f}x the loop"
        )
    print(f"the adapters find what the loop finds: {'yes' if same else 'NO'}")
    if args.cells >= OFFICIAL_CELLS and args.repeat >= 3:
        save_page("frames", figures, render(figures))
    return 0 if same else 1


def render(figures: dict[str, Any]) -> str:
    """The results as Markdown, as the README shows them."""
    what = {
        "loop": "`[checker.check(cell) for cell in cells]`",
        "polars": 'Polars `check_column(df, "text")` (long table)',
        "pandas": 'pandas `check_column(df, "text")`',
        "polars-correct": 'Polars `correct_column(df, "text", into="fixed")`',
        "hunspell -l": "reference: `hunspell -d ar -l` over the cells, whole process",
    }
    lines = [
        f"### A text column (Polars, pandas) ({figures['date']}, lialia {figures['commit']}; "
        f"medians of {figures['rounds']} rounds)",
        "",
        f"{figures['cells']:,} cells of generated, non-repeating Arabic text "
        f"({figures['bytes'] / 1e6:.1f} MB, 8 to 16 words a cell, a new seed each round), "
        "each way in a fresh process with its checker loaded before the clock starts.",
        "",
        "| way | seconds | cells/s | MB/s | speed over the loop | findings (fixed cells) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for way, row in figures["ways"].items():
        lines.append(
            f"| {what[way]} | {row['seconds']:.2f} | {row['cells_per_s']:,} | "
            f"{row['mb_per_s']:.2f} | {row['over_loop']:.2f}× | {row['found']:,} |"
        )
    lines += [
        "",
        "The adapters give the loop's findings: "
        f"{'yes' if figures['same_findings'] else '**no**'} (the same count; the tests pin "
        "that they are the same findings).",
        "",
        *footer(figures["machine"], figures["command"]),
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())

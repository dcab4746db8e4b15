"""Peak memory of ``lialia check`` on large files, beside ``hunspell -l`` on the same files.

    python benchmarks/memory.py                        # the official run: 1, 10 and 100 MB
    python benchmarks/memory.py --sizes 1,10 --repeat 3    # a quicker look, nothing written

For each size a file of non-repeating Arabic text is generated in a temporary folder
(never stored) with a fixed seed: words drawn from ``dictionaries/msa.tsv`` by their
frequency, a few of them misspelt the way writers do (``ة`` written ``ه``, a hamza left
off the alef) so that there are findings to report, punctuation after some words, a
line break every 8 to 16 words, and now and then a Latin word or a number.  Three whole
processes read the file, each run under GNU ``time -f %M`` for its peak resident set size
(max RSS):

- ``hunspell -d ar -l < FILE`` (lists the misspelled words),
- ``lialia check --no-suggestions FILE`` (the like-for-like measure),
- ``lialia check FILE`` (ranks suggestions for every finding too).

Figures are medians over ``--repeat`` runs (default 3); sizes of ``--single-above`` MB or
more (default 50) are run once, as they take minutes.  Only the official run (sizes
1,10,100, at least 3 runs) writes ``benchmarks/results/latest.*``.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
from collections.abc import Sequence
from itertools import accumulate
from pathlib import Path
from typing import Any

from common import (
    HUNSPELL,
    HUNSPELL_ENV,
    REPO,
    Run,
    commit,
    machine,
    now,
    run_child,
    save_results,
)
from speed import build_index, checked, lialia_command

COMMAND = "python benchmarks/memory.py"
OFFICIAL_SIZES = (1, 10, 100)
SEED = 20261122
WORDLIST = REPO / "dictionaries" / "msa.tsv"
#: what follows a word now and then (Arabic comma, semicolon and question mark too)
PUNCTUATION = ("،", ".", "؛", "؟", "!", ":", "،", ".")
LATIN = ("Python", "CI", "GitHub", "UTF-8", "email", "README", "lialia", "JSON", "API")
#: a writer's slips, each made on a share of the words (see :func:`slip`)
TEH_MARBUTA, HEH = "\N{ARABIC LETTER TEH MARBUTA}", "\N{ARABIC LETTER HEH}"
HAMZA_ALEFS = "\N{ARABIC LETTER ALEF WITH HAMZA ABOVE}\N{ARABIC LETTER ALEF WITH HAMZA BELOW}"
ALEF = "\N{ARABIC LETTER ALEF}"
MB = 1_000_000


def read_words() -> tuple[list[str], list[int]]:
    """The words of the shipped MSA list and their cumulative frequencies."""
    words: list[str] = []
    counts: list[int] = []
    with WORDLIST.open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#"):
                continue
            word, count = line.rstrip("\n").split("\t")[:2]
            words.append(word)
            counts.append(int(count))
    return words, list(accumulate(counts))


def slip(word: str) -> str:
    """A common misspelling of ``word``: final ة as ه, or the hamza left off an alef."""
    if word.endswith(TEH_MARBUTA):
        return word[:-1] + HEH
    for i, letter in enumerate(word[:3]):
        if letter in HAMZA_ALEFS:
            return word[:i] + ALEF + word[i + 1 :]
    return word


def generate(path: Path, megabytes: float, seed: int = SEED, slip_rate: float = 0.02) -> int:
    """Write at least ``megabytes`` MB of generated text to ``path``; returns its size in bytes.

    The same seed and size always give the same file.  Words are drawn by frequency in
    batches of lines, so that 100 MB take seconds rather than minutes.
    """
    words, cumulative = read_words()
    rng = random.Random(seed)
    target = int(megabytes * MB)
    written = 0
    with path.open("w", encoding="utf-8", newline="\n") as out:
        while written < target:
            drawn = rng.choices(words, cum_weights=cumulative, k=4_000)
            lines: list[str] = []
            line: list[str] = []
            length = rng.randint(8, 16)
            for word in drawn:
                roll = rng.random()
                if roll < slip_rate:
                    word = slip(word)
                elif roll < slip_rate + 0.01:
                    word = rng.choice(LATIN)
                elif roll < slip_rate + 0.02:
                    word = str(rng.randint(1, 2100))
                if rng.random() < 0.08:
                    word += rng.choice(PUNCTUATION)
                line.append(word)
                if len(line) >= length:
                    lines.append(" ".join(line))
                    line = []
                    length = rng.randint(8, 16)
            if line:
                lines.append(" ".join(line))
            chunk = "\n".join(lines) + "\n"
            written += len(chunk.encode())
            out.write(chunk)
    return written


def measure(command: Sequence[str], stdin: Path, env: dict[str, str] | None, what: str) -> Run:
    """One whole process under GNU time; exits when it failed (1 means findings: fine)."""
    return checked(run_child(command, stdin, env, memory=True), what)


def size_figures(path: Path, runs: int) -> dict[str, Any]:
    """Median peak RSS (MB) and wall time (s) of the three processes over ``runs`` runs."""
    nothing = Path(os.devnull)
    commands: dict[str, tuple[list[str], Path, dict[str, str] | None]] = {
        "hunspell": ([*HUNSPELL, "-l"], path, HUNSPELL_ENV),
        "lialia_detect": (
            [*lialia_command(), "check", "--no-suggestions", str(path)],
            nothing,
            None,
        ),
        "lialia": ([*lialia_command(), "check", str(path)], nothing, None),
    }
    taken: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(runs):
        # the contenders take turns within a round, so a busy machine slows them alike
        for name, (command, stdin, env) in commands.items():
            taken[name].append(measure(command, stdin, env, name))
    figures: dict[str, Any] = {"runs": runs}
    for name, done in taken.items():
        figures[f"{name}_mb"] = round(statistics.median(r.max_rss_mb for r in done), 1)
        figures[f"{name}_s"] = round(statistics.median(r.seconds for r in done), 2)
        figures[f"{name}_all_mb"] = [round(r.max_rss_mb, 1) for r in done]
    figures["hunspell_flagged"] = len(taken["hunspell"][-1].stdout.splitlines())
    figures["lialia_findings"] = len(taken["lialia"][-1].stdout.splitlines())
    return figures


def parse_sizes(value: str) -> list[float]:
    """``1,10,100`` -> [1.0, 10.0, 100.0] (megabytes)."""
    try:
        sizes = [float(part) for part in value.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"sizes in MB separated by commas, not {value!r}"
        ) from None
    if not sizes or any(size <= 0 for size in sizes):
        raise argparse.ArgumentTypeError(f"sizes must be positive, not {value!r}")
    return sizes


def label(size: float) -> str:
    """``1`` for 1.0, ``0.5`` for 0.5."""
    return f"{size:g}"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the memory benchmark; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sizes", type=parse_sizes, default=list(OFFICIAL_SIZES), help="MB, e.g. 1,10,100"
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per size (median)")
    parser.add_argument(
        "--single-above", type=float, default=50, help="sizes of this many MB or more run once"
    )
    parser.add_argument("--seed", type=int, default=SEED, help="the text generator's seed")
    args = parser.parse_args(argv)

    figures: dict[str, Any] = {
        "date": now(),
        "commit": commit(),
        "command": COMMAND,
        "seed": args.seed,
        "sizes": {},
    }
    with (
        tempfile.TemporaryDirectory(prefix="lialia-bench-memory-") as folder,
        tempfile.TemporaryDirectory(prefix="lialia-bench-cache-") as cache,
    ):
        # a fresh index cache, compiled once before anything is measured
        os.environ["LIALIA_CACHE_DIR"] = cache
        build_index()
        for size in args.sizes:
            path = Path(folder) / f"arabic-{label(size)}mb.txt"
            written = generate(path, size, args.seed)
            runs = 1 if size >= args.single_above else args.repeat
            print(f"{label(size)} MB ({written:,} bytes), {runs} run{'s' if runs > 1 else ''}")
            result = {"bytes": written, **size_figures(path, runs)}
            for key, value in result.items():
                if not key.endswith("_all_mb"):
                    print(f"  {key}: {value}")
            figures["sizes"][label(size)] = result
            path.unlink()
    figures["machine"] = machine()
    official = [label(s) for s in args.sizes] == [label(s) for s in OFFICIAL_SIZES]
    if official and args.repeat >= 3:
        save_results("memory", figures)
        print("wrote benchmarks/results/latest.json and latest.md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
